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
        partial: see below.
    """

    result: FileResult
    error: str | None = None
    diff: str = ""
    edits: int = 0
    written: bool = False
    fixed: str | None = None
    #: Only a part of the file's diagnostics (:func:`stream_paths`): more of the same file follow.
    partial: bool = False


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
    import signal

    from replylint.api import Session

    # Ctrl-C reaches the whole process group: the parent alone answers it (one line, exit
    # 130), a worker neither prints a traceback nor dies halfway through a write
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from replylint.fix import stop_on_term

    signal.signal(signal.SIGTERM, stop_on_term)  # (stopped by the parent: no temporary file left)
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
        if collector is not None:
            collector.resume()
        return _run_parallel(paths, session.options, jobs, fix, progress)
    outcomes = []
    for path in paths:
        outcomes.append(session.check_file(path, fix))
        if collector is not None:
            collector.resume()
        if progress is not None:
            progress(len(outcomes), len(paths))
    return outcomes


def cpu_count() -> int:
    """The cores this process may run on: more workers only compete for them."""
    return os.cpu_count() or 1


def _pool(workers: int, options, fix: str | None):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: a forked child of a process that already runs threads may deadlock
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                               initargs=(options, fix))


def _run_parallel(paths: list[str], options, jobs: int, fix: str | None, progress=None) -> list[Outcome]:
    """The outcomes of ``paths`` from worker processes, in order. A worker that dies (killed
    by the system for its memory, a crash in a library) takes its files' outcomes with it:
    those files are checked again one by one in fresh workers, and each is marked with the
    error that names it, so the run ends with code 2 but no file goes unchecked."""
    from concurrent.futures.process import BrokenProcessPool

    workers = min(jobs, len(paths), cpu_count())
    size = max(1, len(paths) // (workers * 8))
    chunks = [paths[index:index + size] for index in range(0, len(paths), size)]
    outcomes: list[Outcome] = []
    lost: list[str] = []
    pool = _pool(workers, options, fix)
    with _stopped_on_interrupt(pool):
        futures = _submitted(pool, _check_chunk, chunks)
        for chunk, future in zip(chunks, futures):
            try:
                outcomes.extend(future.result())
            except BrokenProcessPool:
                lost.extend(chunk)
                outcomes.extend(None for _ in chunk)  # (filled in below, in order)
            if progress is not None:
                progress(len(outcomes), len(paths))
    if lost:
        again = iter(_recheck(lost, options, fix))
        outcomes = [outcome if outcome is not None else next(again) for outcome in outcomes]
    return outcomes


def _submitted(pool, function, items: list) -> list:
    """The futures of ``function`` on each item. The first submission starts the workers:
    Ctrl-C is ignored while they start, so they are born ignoring it (a signal ignored
    stays ignored in a new program) and never print a traceback of their own."""
    import signal
    import threading

    if not items or threading.current_thread() is not threading.main_thread():
        return _submit_each(pool, function, items)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        futures = _submit_each(pool, function, items[:1])
    finally:
        signal.signal(signal.SIGINT, previous)
    return futures + _submit_each(pool, function, items[1:])


def _submit_each(pool, function, items: list) -> list:
    """A worker that dies while files are still being handed out breaks the pool at once:
    the files not yet handed out are lost with it, like those it held."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    futures = []
    for item in items:
        try:
            futures.append(pool.submit(function, item))
        except BrokenProcessPool as error:
            lost = Future()
            lost.set_exception(error)
            futures.append(lost)
    return futures


def _check_chunk(paths: list[str]) -> list[Outcome]:
    return [_check_in_worker(path) for path in paths]


def _recheck(paths: list[str], options, fix: str | None) -> list[Outcome]:
    """Check again, in a fresh single worker each round, the files a dead worker took with
    it; a file on which a worker dies again is that file's error."""
    from concurrent.futures.process import BrokenProcessPool

    done: dict[str, Outcome] = {}
    left = list(paths)
    while left:
        pool = _pool(1, options, fix)
        with _stopped_on_interrupt(pool):
            futures = _submitted(pool, _check_in_worker, left)
            for index, (path, future) in enumerate(zip(left, futures)):
                try:
                    done[path] = _marked_rechecked(future.result())
                except BrokenProcessPool:
                    # one worker takes the files in order: the first one lost killed it
                    display = display_path(path)
                    message = "процесс проверки аварийно завершился на этом файле (нехватка памяти или сбой)"
                    done[path] = Outcome(FileResult(display, error=message), f"{display}: {message}")
                    left = left[index + 1:]
                    break
            else:
                left = []
    return [done[path] for path in paths]


def _marked_rechecked(outcome: Outcome) -> Outcome:
    if outcome.error is None:
        outcome.error = (f"{outcome.result.path}: процесс проверки аварийно завершился, пока проверял этот "
                         "файл; файл проверен заново, замечания полные")
    return outcome


class _stopped_on_interrupt:
    """Shut the pool down on leaving; on Ctrl-C (or any error) at once: queued files are
    dropped and the workers stopped (a write in progress ends by rename, so each file is
    old or new)."""

    def __init__(self, pool) -> None:
        self.pool = pool

    def __enter__(self):
        return self.pool

    def __exit__(self, kind, error, traceback) -> None:
        if kind is None:
            self.pool.shutdown(wait=True)
            return
        workers = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in workers:
            if process.is_alive():
                process.terminate()
        for process in workers:
            process.join(timeout=10)  # (each finishes a write it is in, removes its temporary file)


# ------------------------------------------------------------------ large collections


def streamed(session, path: str, display: str):
    """The diagnostics of a large collection, reply by reply, or None when the file is not
    read that way (then :meth:`Session.check_file` reads it whole).

    A format with a ``stream`` function (JSON Lines, CSV) in a file that is plain UTF-8 is
    read line by line: held in memory are the replies being linted and their lines, never
    the file, its parse or its results. It is read twice: first every reply is found and
    nothing linted, so a file with a broken line is that one error, as when it is read
    whole; then the replies are linted as they are found. The diagnostics come in the order
    reading the file whole gives them (replies stand in file order and do not overlap).

    Returns:
        An iterator of each reply's (diagnostics, score), in order, or None.
    """
    from replylint import formats, inputs

    options = session.options
    if path == STDIN or options.encoding or options.config.encoding:
        return None
    file_format = session._format_of(None, path)
    module = formats.module_of(file_format)
    if getattr(module, "stream", None) is None or module.SUPPRESSION is not None:
        return None
    plain = inputs.plain_utf8(path)
    if plain is False:
        return None
    format_options = options.config.formats.get(file_format) or module.Options()
    return _streamed(session, path, display, module, format_options, plain is None)


def _streamed(session, path: str, display: str, module, format_options, blank: bool):
    from replylint.formats.stream import ChunkLineIndex, chunks
    from replylint.inputs import utf8_lines

    if blank:  # (a blank file holds no reply, whatever its format)
        return
    def replies():
        return module.stream(chunks(utf8_lines(path)), display, format_options)

    # the first reading: every error before any diagnostic, the same one as reading the
    # file whole gives (a broken line before a reply too long)
    too_long = next((reply for reply, _ in replies() if len(reply.text) > MAX_REPLY_CHARS), None)
    if too_long is not None:
        for _ in replies():
            pass
        refuse_long_reply(too_long, display)
    pending: list[ChunkLineIndex] = []  # the line index of each reply read ahead, not yet linted
    line_index = _FirstPending(pending)

    from replylint.score import score_reply, words_in

    client = session.options.client  # (--client: for every reply without a message of its own)
    waiting: list = []  # the replies read ahead, not yet linted (their scores come after)

    def read():
        for reply, chunk in replies():
            pending.append(ChunkLineIndex(chunk))
            reply = reply.answering(client)
            waiting.append(reply)
            yield reply

    scoring = session.scoring
    for diagnostics in session.linter.lint_many(read(), line_index=line_index):
        pending.pop(0)
        reply = waiting.pop(0)
        yield diagnostics, score_reply(diagnostics, words_in(reply.text), scoring, reply.name)


class _FirstPending:
    """The line index of the reply being linted: :meth:`Linter.lint_many` reads replies a
    few dozen ahead, then lints them in order, so it is the first one read and not yet
    linted."""

    __slots__ = ("pending",)

    def __init__(self, pending: list) -> None:
        self.pending = pending

    def position(self, offset: int) -> tuple[int, int]:
        return self.pending[0].position(offset)


def refuse_long_reply(reply, display: str) -> None:
    """A "reply" longer than :data:`MAX_REPLY_CHARS` is an input error at once."""
    from replylint.errors import InputError

    if len(reply.text) > MAX_REPLY_CHARS:
        raise InputError(f"ответ длиной {len(reply.text):,} символов слишком длинный для проверки "
                         f"(предел — {MAX_REPLY_CHARS:,}); точно ли это ответ?".replace(",", " "),
                         display, None)


def stream_paths(session, paths, *, jobs: int | None = None, collector: StartupCollector | None = None,
                 progress=None):
    """What :meth:`Session.check_paths` returns (without a fix), as it comes: a large
    collection checked in this process comes reply by reply, as ``partial`` outcomes (the
    diagnostics of some replies) and then one that ends the file. A reporter that writes
    as it goes (:class:`replylint.report.text.Stream`) then holds one reply's findings at
    a time, not the archive's. ``progress(done, total)``: told after each file, as by :func:`run`.
    """
    from replylint.errors import InputError, ReplylintError, describe_os_error
    from replylint.inputs import expand

    config = session.options.config
    files, errors = expand(paths, config.root, config.include, config.exclude)
    for error in errors:
        yield Outcome(FileResult(display_path(error.path), error=error.message), str(error))
    workers = jobs if jobs else (config.jobs or os.cpu_count() or 1)
    if files and (jobs is not None and jobs > 1 and len(files) > 1 and STDIN not in files
                  or worth_parallel(files, workers)):
        yield from run(files, session, workers, force_parallel=True, collector=collector, progress=progress)
        return
    for done, path in enumerate(files, 1):
        display = display_path(path)
        try:
            diagnostics = streamed(session, path, display)
            if diagnostics is None:
                yield session.check_file(path)
            else:
                for found, score in diagnostics:
                    yield Outcome(FileResult(display, found, scores=(score,)), partial=True)
                yield Outcome(FileResult(display))
        except ReplylintError as error:
            if error.path is None or error.path == path:
                error.path = display
            yield Outcome(FileResult(display, error=error.message), str(error))
        except OSError as error:
            error = InputError(f"не удаётся прочитать или записать файл: {describe_os_error(error)}", display)
            yield Outcome(FileResult(display, error=error.message), str(error))
        if collector is not None:
            collector.resume()
        if progress is not None:
            progress(done, len(files))
