"""The one checking API: every door (the CLI, and later a server, a language server or an
archive report) turns its input into calls here and the results into its output, and
holds no linting logic of its own.

::

    from replylint.api import CheckOptions, Session

    session = Session(CheckOptions.discover("replies/"))   # config found, rules loaded once
    result = session.check_text("Ваш тикет эскалирован.", name="reply.md")
    for diagnostic in result.diagnostics:
        print(diagnostic.line, diagnostic.column, diagnostic.rule, diagnostic.message)
    outcomes = session.check_paths(["replies/"])            # files, folders, globs, "-"

A :class:`Session` loads the rules and resolves the policy (which rules, what severity)
once, when it is made, and raises every configuration mistake then; it compiles the rules
on the first check. Text that cannot be parsed as its format raises :class:`InputError`
from :meth:`Session.check_text`; :meth:`Session.check_paths` reports such a file in its
:class:`Outcome` instead and goes on with the others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import NamedTuple

from replylint.checking import Outcome, display_path
from replylint.config import Config
from replylint.diagnostics import FileResult
from replylint.errors import ConfigError, InputError, ReplylintError, did_you_mean
from replylint.inputs import STDIN

__all__ = ["CheckOptions", "FileResult", "Fixed", "Outcome", "Session"]

FIX_MODES = ("write", "diff")


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How to check: the team's config and what a door overrides in it (picklable: worker
    processes get a copy and make their own :class:`Session`).

    Attributes:
        config: the team's settings (``Config()``: none).
        rule_dirs: rule folders in addition to the config's.
        include_bundled: also load the rules shipped with replylint.
        select: rule names that replace the config's ``select`` (when not empty).
        ignore: rule names added to the config's ``ignore``.
        mode: ``drafts`` or ``templates``, replacing the config's (None: the config's).
        encoding: how to decode files (None: the config's, else detected).
        input_format: read every file as this format (None: by suffix).
        inline_config: False ignores suppression comments whatever the config says.
        client: the client's message the checked replies answer (``check --client``), for
            every reply that has none of its own (a collection's ``client`` column or key).
    """

    config: Config = field(default_factory=Config)
    rule_dirs: tuple[str, ...] = ()
    include_bundled: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    mode: str | None = None
    encoding: str | None = None
    input_format: str | None = None
    inline_config: bool = True
    client: str | None = None

    @classmethod
    def discover(cls, start: str = ".", **overrides) -> CheckOptions:
        """Options with the config file nearest to ``start`` (a file or folder), or none.

        Raises:
            ConfigError: the file cannot be read or parsed (its other mistakes are raised
                by :class:`Session`, together with the mistakes in rule names).
        """
        from replylint import config as config_module

        found = config_module.find(start)
        config = config_module.load(found, strict=False) if found else Config()
        return cls(config, **overrides)


class Fixed(NamedTuple):
    """What :meth:`Session.fix_text` made of a text."""

    text: str
    edits: int
    result: FileResult  # what is left in the fixed text


class Session:
    """The rules, loaded and chosen once, and everything a door does with them.

    Args:
        options: how to check.
        rules: every rule already loaded for these options (the rule cache's list, so
            the compiled linter comes from the cache too); None: loaded here.

    Raises:
        ConfigError: every mistake in the config and in the rule names, at once.
        RuleFileError: every mistake in the rule files.
    """

    def __init__(self, options: CheckOptions | None = None, *, rules=None) -> None:
        from replylint.policy import resolve
        from replylint.rulecache import load_rules

        self.options = options = options or CheckOptions()
        if rules is None:
            rules = load_rules(options.config.rule_dirs + options.rule_dirs, include_bundled=options.include_bundled)
        self.rules = rules
        self.policy = resolve(options.config, rules, select=options.select, ignore=options.ignore,
                              mode=options.mode)
        self._linter = None

    @property
    def scoring(self):
        """How replies are scored (:class:`replylint.score.ScoreSettings`, the config's ``score:``)."""
        return self.options.config.score

    @property
    def running_rules(self) -> list:
        """The rules that run (SARIF describes them)."""
        return self.policy.running()

    # ------------------------------------------------------------------ text

    def check_text(self, text: str, *, format: str | None = None, name: str | None = None,
                   client: str | None = None) -> FileResult:
        """Check a text as a file of ``format`` would be checked.

        Args:
            format: a format name (see :func:`replylint.formats.names`); None: the
                options' ``input_format``, else by the suffix of ``name``, else plain text.
            name: what the result calls the text (a path or a URI); its offsets are the
                text's own whatever the name.
            client: the client's message the text answers: words the client used first
                are not jargon, a law the client asked about may be named, the client's
                words come first among replacements (see docs/api.md). It applies to
                every reply of the text that has no client message of its own; None:
                the options' ``client``.

        Raises:
            InputError: the text is not valid in its format (broken JSON, a reply too long).
            ConfigError: ``format`` names no format.
        """
        display = name or "<text>"
        return self._result(display, self._lint(text, self._format_of(format, name), display, client))

    def fix_text(self, text: str, *, format: str | None = None, name: str | None = None,
                 client: str | None = None) -> Fixed:
        """Apply the safe rewrites to a text (as ``--fix`` does to a file), and check what is
        left (``client`` as in :meth:`check_text`)."""
        display = name or "<text>"
        file_format = self._format_of(format, name)
        fixed, edits, linted = self._fixed(text, file_format, display, "utf-8",
                                           self._lint(text, file_format, display, client), client)
        return Fixed(fixed, edits, self._result(display, linted))

    # ----------------------------------------------------------------- files

    def check_paths(self, paths, *, fix: str | None = None, jobs: int | None = None,
                    collector=None, progress=None) -> list[Outcome]:
        """Check files, folders (by suffix, with the config's include/exclude), globs and
        ``-`` (standard input), in a stable order.

        Args:
            fix: None; ``write``: apply the safe rewrites to each file (standard input: put
                the fixed text in :attr:`Outcome.fixed`) and report what is left; ``diff``:
                put the changes in :attr:`Outcome.diff` and write nothing.
            jobs: worker processes; None: the config's ``jobs`` or every core, used only
                when there is enough to check.
            collector: a paused :class:`~replylint.checking.StartupCollector`, resumed
                once the first file is checked.
            progress: ``progress(done, total)`` is called after each file is checked.

        Returns:
            One outcome per argument that named nothing checkable (its error set), then
            one per file.
        """
        from replylint import checking
        from replylint.inputs import expand

        if fix not in (None, *FIX_MODES):
            raise ValueError(f"fix must be None or one of {FIX_MODES}, not {fix!r}")
        config = self.options.config
        files, errors = expand(paths, config.root, config.include, config.exclude)
        outcomes = [Outcome(FileResult(display_path(error.path), error=error.message), str(error))
                    for error in errors]
        workers = jobs if jobs else (config.jobs or os.cpu_count() or 1)
        outcomes += checking.run(files, self, workers, fix=fix, force_parallel=jobs is not None and jobs > 1,
                                 collector=collector, progress=progress)
        return outcomes

    def check_file(self, path: str, fix: str | None = None) -> Outcome:
        """Check one file (or ``-``); a file that cannot be read is an outcome with an error."""
        from replylint.inputs import decode, read_bytes

        from replylint.checking import streamed

        display = display_path(path)
        try:
            if not fix:  # a large collection: read reply by reply, not whole
                replies = streamed(self, path, display)
                if replies is not None:
                    found, scores = [], []
                    for diagnostics, score in replies:
                        found.extend(diagnostics)
                        scores.append(score)
                    return Outcome(FileResult(display, found, scores=tuple(scores)))
            data = read_bytes(path)
            decoded = decode(data, path, self.options.encoding or self.options.config.encoding)
            file_format = self._format_of(None, path if path != STDIN else None)
            linted = self._lint(decoded.text, file_format, display)
            outcome = Outcome(self._result(display, linted))
            if fix:
                self._fix_file(path, display, data, decoded, file_format, linted, fix, outcome)
            return outcome
        except ReplylintError as error:
            if error.path is None or error.path == path:
                error.path = display
            return Outcome(FileResult(display, error=error.message), str(error))
        except OSError as error:  # whatever the file system says is this file's error
            from replylint.errors import describe_os_error

            error = InputError(f"не удаётся прочитать или записать файл: {describe_os_error(error)}", display)
            return Outcome(FileResult(display, error=error.message), str(error))

    # -------------------------------------------------------------- internals

    def _format_of(self, forced: str | None, name: str | None) -> str:
        from replylint.formats import format_of, names

        if forced is not None and forced not in names():
            raise ConfigError(f"неизвестный формат '{forced}'{did_you_mean(forced, names())} "
                              f"(форматы: {', '.join(names())})")
        return format_of(name or "", forced or self.options.input_format)

    @property
    def linter(self):
        """The chosen rules, compiled (on first use: a door that only lists rules never pays)."""
        if self._linter is None:
            from replylint.rulecache import build_linter
            from replylint.segment import DEFAULT_PLACEHOLDER_PATTERNS, compile_placeholders

            policy = self.policy
            patterns = DEFAULT_PLACEHOLDER_PATTERNS if policy.placeholders is None else policy.placeholders
            placeholder_regex = compile_placeholders(patterns) if patterns else None
            self._linter = build_linter(self.rules, list(policy.rules), policy.settings, policy.severities,
                                        policy.mode, patterns, placeholder_regex)
        return self._linter

    def _replies(self, text: str, file_format: str, display: str, client: str | None = None):
        from replylint.formats import parse

        from replylint.checking import refuse_long_reply

        parsed = parse(text, display, file_format, self.options.config.formats.get(file_format))
        for reply in parsed.replies:
            refuse_long_reply(reply, display)
        client = client if client is not None else self.options.client
        return [reply.answering(client) for reply in parsed.replies]

    def _lint(self, text: str, file_format: str, display: str, client: str | None = None):
        """(replies, diagnostics) of a file's text: every reply linted, suppressions applied."""
        from replylint import suppress
        from replylint.document import LineIndex

        linter = self.linter
        replies = self._replies(text, file_format, display, client)
        line_index = LineIndex(text)
        diagnostics = []
        for found in linter.lint_many(replies, line_index=line_index):
            diagnostics.extend(found)
        if self.options.inline_config and self.options.config.inline_config:
            policy = self.policy
            regions = suppress.suppressions(text, file_format, line_index, policy.known)
            if regions:
                diagnostics = suppress.apply(diagnostics, regions, self._names_of)
                if suppress.UNUSED_RULE not in policy.ignore:
                    diagnostics.extend(suppress.unused(regions, policy.active, line_index))
        diagnostics.sort(key=lambda d: (d.start, d.end, d.rule))
        return replies, diagnostics

    def _result(self, display: str, linted) -> FileResult:
        """A file's result: its diagnostics and each reply's score."""
        from replylint.score import score_replies

        replies, diagnostics = linted
        return FileResult(display, diagnostics, scores=score_replies(replies, diagnostics, self.scoring))

    def _names_of(self, diagnostic) -> frozenset[str]:
        return self.policy.names.get(diagnostic.rule, frozenset({diagnostic.rule, diagnostic.category}))

    def _fixed(self, text: str, file_format: str, display: str, encoding: str, linted,
               client: str | None = None):
        """The text with the safe rewrites applied, pass after pass (a fix can make room
        for another) until none is left; how many were made; and the text's (replies,
        diagnostics)."""
        from replylint import fix

        placeholder_regex = self.linter.placeholder_regex
        edits_made = 0
        for _ in range(fix.MAX_PASSES):
            replies, diagnostics = linted
            edits = fix.plan(text, replies, diagnostics, placeholder_regex, encoding)
            if not edits:
                break
            text = fix.apply(text, edits)
            edits_made += len(edits)
            linted = self._lint(text, file_format, display, client)
        return text, edits_made, linted

    def _fix_file(self, path: str, display: str, data: bytes, decoded, file_format: str, linted, mode: str,
                  outcome: Outcome) -> None:
        from replylint import fix

        text, edits, linted = self._fixed(decoded.text, file_format, display, decoded.encoding, linted)
        if path == STDIN and mode == "write":
            outcome.fixed = text  # (printed whether or not anything changed: a pipe needs it)
        if text == decoded.text:
            return
        outcome.edits = edits
        if mode == "diff":
            outcome.diff = fix.diff(display, decoded.text, text)
            return
        if path != STDIN:
            fix.write_atomically(path, decoded.bom + text.encode(decoded.encoding), data)
            outcome.written = True
        outcome.result = self._result(display, linted)  # what is left after the fix
