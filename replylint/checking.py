"""Runs a :class:`~replylint.api.Session` over many files: in this process, or spread over
worker processes (each makes its own Session from the same options) with the outcomes in
the order of the files, exactly as one process would give them. Also keeps the garbage
collector out of the way of start-up (:class:`StartupCollector`).
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass

from replylint.diagnostics import FileResult
from replylint.inputs import STDIN

#: Below this many files a worker pool costs more (spaCy and the rules load in each
#: worker, about a second) than it saves.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 256 * 1024
#: A "reply" longer than this (about a hundred pages) is not a reply; it is reported as an
#: input error at once instead of being parsed for minutes.
MAX_REPLY_CHARS = 200_000


@dataclass(slots=True)
class Outcome:
    """What checking one file (or one argument that named nothing) came to.

    Attributes:
        result: the file's diagnostics (after a fix: what is left), or its error.
        error: ``path:line: what is wrong``, for standard error.
        diff: the changes a fix would make (``fix="diff"``).
        edits: how many rewrites the fix made or would make.
        written: the fixed file was written.
        fixed: the fixed text of standard input (``fix="write"``), for standard output.
    """

    result: FileResult
    error: str | None = None
    diff: str = ""
    edits: int = 0
    written: bool = False
    fixed: str | None = None


def display_path(path: str) -> str:
    """Relative to the working directory when the file is under it, else as given."""
    if path == STDIN:
        return "<stdin>"
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute == cwd or absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, cwd)
    return path


#: While files are checked, the garbage collector looks at young objects after this many
#: more have been made than freed, not Python's 700. Linting makes and frees containers by
#: the thousand, and the documents :meth:`Linter.lint_many` reads ahead outlive a few
#: hundred of them: at 700 the collector ran 453 times in a pass over 2,500 replies (0.14 s
#: of 3.9 s), at 10,000 it runs 9 times (0.02 s). It only ever frees reference cycles,
#: which replies hardly make, so it holds back little memory.
YOUNG_COLLECTION_THRESHOLD = 10_000


class StartupCollector:
    """Keeps the garbage collector out of start-up, and out of the way while checking.

    Start-up makes millions of objects that live as long as the process (spaCy, the
    pymorphy3 dictionaries, the compiled rules) and next to no garbage; a collector left on
    walks them again and again (0.15 s of a 1 s `check`), and once more when the process
    exits. So it is paused until the first file is checked (which loads spaCy and
    pymorphy3), then what exists is frozen (:func:`gc.freeze`: later collections skip it)
    and collection resumes, less often (see :data:`YOUNG_COLLECTION_THRESHOLD`). On
    leaving, the frozen objects are handed back to the collector and its thresholds are
    restored (an in-process caller, such as a test, is left as it was), and at exit they
    are frozen again so the interpreter does not walk them on its way out.
    """

    _exit_hook = False

    def __enter__(self) -> "StartupCollector":
        self.paused = gc.isenabled()
        self.frozen = False
        self.thresholds: tuple[int, ...] | None = None
        if self.paused:
            gc.disable()
            if not StartupCollector._exit_hook:
                import atexit

                atexit.register(gc.freeze)
                StartupCollector._exit_hook = True
        return self

    def resume(self) -> None:
        if self.paused:
            self.paused = False
            gc.freeze()
            self.frozen = True
            self.thresholds = gc.get_threshold()
            gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *self.thresholds[1:])
            gc.enable()

    def keep(self) -> None:
        """Leave the collector as :meth:`resume` set it when the block ends (a process
        that exists only to check files)."""
        self.frozen = False
        self.thresholds = None

    def __exit__(self, *exc_info) -> None:
        if self.paused:
            self.paused = False
            gc.enable()
        if self.frozen:
            self.frozen = False
            gc.unfreeze()
        if self.thresholds is not None:
            gc.set_threshold(*self.thresholds)
            self.thresholds = None


_WORKER = None  # (the worker process's Session, and what it does to each file)
_WORKER_FIX: str | None = None


def _init_worker(options, fix: str | None) -> None:
    global _WORKER, _WORKER_FIX
    from replylint.api import Session

    with StartupCollector() as collector:
        _WORKER = Session(options)
        _WORKER_FIX = fix
        _WORKER.linter  # noqa: B018 — a worker only exists to check files: compile and load now
        from replylint import nlp

        nlp.tokenizer()
        nlp.morph()
        collector.resume()
        collector.keep()


def _check_in_worker(path: str) -> Outcome:
    assert _WORKER is not None
    return _WORKER.check_file(path, _WORKER_FIX)


def worth_parallel(paths: list[str], jobs: int) -> bool:
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES or STDIN in paths:
        return False
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
        if total >= PARALLEL_MIN_BYTES:
            return True
    return len(paths) >= 64


def run(paths: list[str], session, jobs: int = 1, *, fix: str | None = None, force_parallel: bool = False,
        collector: StartupCollector | None = None, progress=None) -> list[Outcome]:
    """Check files in order with ``session``; with ``jobs > 1`` and enough work, in
    worker processes that make their own Session from ``session.options``.

    ``collector``: the caller's paused :class:`StartupCollector`, resumed once the first
    file is checked (start-up is over then). ``progress(done, total)``: told after each file.
    """
    if paths and (force_parallel and jobs > 1 and len(paths) > 1 and STDIN not in paths
                  or worth_parallel(paths, jobs)):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: a forked child of a process that already runs threads may deadlock
        context = multiprocessing.get_context("spawn")
        workers = min(jobs, len(paths), os.cpu_count() or 1)  # more only compete for the cores
        chunk = max(1, len(paths) // (workers * 8))
        if collector is not None:
            collector.resume()
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_init_worker, initargs=(session.options, fix)) as pool:
            outcomes = []
            for outcome in pool.map(_check_in_worker, paths, chunksize=chunk):
                outcomes.append(outcome)
                if progress is not None:
                    progress(len(outcomes), len(paths))
            return outcomes
    outcomes = []
    for path in paths:
        outcomes.append(session.check_file(path, fix))
        if collector is not None:
            collector.resume()
        if progress is not None:
            progress(len(outcomes), len(paths))
    return outcomes
