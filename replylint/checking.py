"""Checks files: read → decode → split into replies → lint → suppress → (fix) → results.

One :class:`Checker` per process compiles the rules once; :func:`run` spreads many files
over worker processes (each builds its own Checker) and returns the results in the order
of the files, exactly as a single process would.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field

from replylint.diagnostics import FileResult
from replylint.errors import InputError, ReplylintError
from replylint.inputs import STDIN, decode, read_bytes

#: Below this many files a worker pool costs more (spaCy and the rules load in each
#: worker, about a second) than it saves.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 256 * 1024
#: A "reply" longer than this (about a hundred pages) is not a reply; it is reported as an
#: input error at once instead of being parsed for minutes.
MAX_REPLY_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a worker needs to check files the way the main process would (picklable)."""

    rule_dirs: tuple[str, ...] = ()
    include_bundled: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)
    mode: str = "drafts"
    placeholders: tuple[str, ...] | None = None
    encoding: str | None = None
    input_format: str | None = None
    formats: dict = field(default_factory=dict)
    inline_config: bool = True
    fix: str | None = None  # None, "write" or "diff"


@dataclass(slots=True)
class Outcome:
    result: FileResult
    error: str | None = None  # "path:line: what is wrong", for standard error
    diff: str = ""
    edits: int = 0
    written: bool = False


def display_path(path: str) -> str:
    """Relative to the working directory when the file is under it, else as given."""
    if path == STDIN:
        return "<stdin>"
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute == cwd or absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, cwd)
    return path


class Checker:
    """The rules of a :class:`Job`, compiled once, and the per-file pipeline."""

    def __init__(self, job: Job, all_rules=None) -> None:
        from replylint.loader import select_rules
        from replylint.rulecache import build_linter, load_rules
        from replylint.segment import DEFAULT_PLACEHOLDER_PATTERNS, compile_placeholders

        self.job = job
        if all_rules is None:
            all_rules = load_rules(job.rule_dirs, include_bundled=job.include_bundled)
        rules = select_rules(all_rules, job.select, job.ignore)
        self.rules = rules
        patterns = DEFAULT_PLACEHOLDER_PATTERNS if job.placeholders is None else job.placeholders
        self.placeholder_regex = compile_placeholders(patterns) if patterns else None
        self.linter = build_linter(all_rules, rules, job.settings, job.severities, job.mode, patterns,
                                   self.placeholder_regex)
        self.names: dict[str, frozenset[str]] = {}
        self.known: set[str] = set()
        from replylint.categories import CATEGORIES

        self.known.update(CATEGORIES)
        active: set[str] = set()
        for compiled in self.linter.rules:
            rule = compiled.rule
            self.names[rule.id] = frozenset({rule.id, rule.category, *rule.aliases})
            active.update(self.names[rule.id])
        for rule in all_rules:
            self.known.update({rule.id, *rule.aliases})
        self.known.update(active)
        self.active = active

    def check(self, path: str) -> Outcome:
        display = display_path(path)
        try:
            data = read_bytes(path)
            decoded = decode(data, path, self.job.encoding)
            result = self._check_text(decoded.text, path, display)
            outcome = Outcome(result)
            if self.job.fix and path != STDIN:
                self._fix(path, display, data, decoded, outcome)
            return outcome
        except ReplylintError as error:
            if error.path is None or error.path == path:
                error.path = display
            return Outcome(FileResult(display, error=error.message), str(error))
        except OSError as error:  # whatever the file system says is this file's error
            error = InputError(f"cannot read or write the file: {error.strerror or error}", display)
            return Outcome(FileResult(display, error=error.message), str(error))

    def _replies(self, text: str, path: str, display: str):
        from replylint.formats import format_of, parse

        file_format = format_of(path if path != STDIN else "", self.job.input_format)
        options = self.job.formats.get(file_format)
        parsed = parse(text, display, file_format, options)
        for reply in parsed.replies:
            if len(reply.text) > MAX_REPLY_CHARS:
                raise InputError(f"a reply of {len(reply.text):,} characters is too long to check "
                                 f"(the limit is {MAX_REPLY_CHARS:,}); is this really a reply?".replace(",", " "),
                                 display, None)
        return file_format, parsed.replies

    def lint(self, text: str, path: str, display: str):
        from replylint import suppress
        from replylint.document import LineIndex

        file_format, replies = self._replies(text, path, display)
        line_index = LineIndex(text)
        diagnostics = []
        for found in self.linter.lint_many(replies, line_index=line_index):
            diagnostics.extend(found)
        if self.job.inline_config:
            regions = suppress.suppressions(text, file_format, line_index, self.known)
            if regions:
                diagnostics = suppress.apply(diagnostics, regions, self._names_of)
                if suppress.UNUSED_RULE not in self.job.ignore:
                    diagnostics.extend(suppress.unused(regions, self.active, line_index))
        diagnostics.sort(key=lambda d: (d.start, d.end, d.rule))
        return replies, diagnostics

    def _names_of(self, diagnostic) -> frozenset[str]:
        return self.names.get(diagnostic.rule, frozenset({diagnostic.rule, diagnostic.category}))

    def _check_text(self, text: str, path: str, display: str) -> FileResult:
        _, diagnostics = self.lint(text, path, display)
        return FileResult(display, diagnostics)

    def _fix(self, path: str, display: str, data: bytes, decoded, outcome: Outcome) -> None:
        from replylint import fix

        text = decoded.text
        edits_made = 0
        for _ in range(fix.MAX_PASSES):  # a fix can make room for another; stop at a fixpoint
            replies, diagnostics = self.lint(text, path, display)
            edits = fix.plan(text, replies, diagnostics, self.placeholder_regex, decoded.encoding)
            if not edits:
                break
            text = fix.apply(text, edits)
            edits_made += len(edits)
        if text == decoded.text:
            return
        outcome.edits = edits_made
        if self.job.fix == "diff":
            outcome.diff = fix.diff(display, decoded.text, text)
            return
        fix.write_atomically(path, decoded.bom + text.encode(decoded.encoding), data)
        outcome.written = True
        outcome.result = self._check_text(text, path, display)  # what is left after the fix


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


_WORKER: Checker | None = None


def _init_worker(job: Job) -> None:
    global _WORKER
    with StartupCollector() as collector:
        _WORKER = Checker(job)
        from replylint import nlp

        nlp.tokenizer()  # a worker only exists to check files: load the pipeline now
        nlp.morph()
        collector.resume()
        collector.keep()


def _check_in_worker(path: str) -> Outcome:
    assert _WORKER is not None
    return _WORKER.check(path)


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


def run(paths: list[str], job: Job, jobs: int = 1, all_rules=None, force_parallel: bool = False,
        collector: StartupCollector | None = None) -> list[Outcome]:
    """Check files in order; with ``jobs > 1`` and enough work, in worker processes.

    ``collector``: the caller's paused :class:`StartupCollector`, resumed once the first
    file is checked (start-up is over then).
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
                                 initializer=_init_worker, initargs=(job,)) as pool:
            return list(pool.map(_check_in_worker, paths, chunksize=chunk))
    checker: Checker | None = None
    outcomes = []
    for path in paths:
        if checker is None:
            checker = Checker(job, all_rules)
        outcomes.append(checker.check(path))
        if collector is not None:
            collector.resume()
    return outcomes
