"""The language server: pygls handlers over one :class:`~replylint.api.Session`.

Diagnostics are pushed on open and on change. A change waits :data:`DEBOUNCE` seconds for
the next one; checks run one at a time in a worker thread (the event loop keeps reading
the editor's messages meanwhile), and a result is published only if the document is still
at the version that was checked — the latest version wins. Positions are converted once,
in :mod:`replylint.lsp.positions`, to the encoding negotiated at ``initialize``.

A broken config or team rule file never stops the server: its mistakes become diagnostics
on that file, and replies are checked with the bundled rules until it is fixed and saved.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from replylint import __version__
from replylint.diagnostics import Diagnostic, Severity
from replylint.errors import ReplylintError
from replylint.lsp import edits as edit_texts
from replylint.lsp import files
from replylint.lsp.positions import UTF16, PositionMap

logger = logging.getLogger(__name__)

#: How long a change waits for the next keystroke before it is checked (seconds).
DEBOUNCE = 0.02
SOURCE = "replylint"
_SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error,
               Severity.WARNING: types.DiagnosticSeverity.Warning,
               Severity.SUGGESTION: types.DiagnosticSeverity.Information}
#: The editor's language ids, for a document whose name has no suffix a format claims.
_LANGUAGE_FORMATS = {"plaintext": "text", "text": "text", "markdown": "markdown", "yaml": "yaml", "json": "json",
                     "jsonl": "jsonl", "csv": "csv"}
#: Characters a rewrite may not bring into a structured file (they would end its string).
_STRUCTURE = {"text": "", "markdown": "", "yaml": "\"'\\\n\r#:", "json": "\"\\\n\r", "jsonl": "\"\\\n\r",
              "csv": "\",\n\r"}


@dataclass(frozen=True, slots=True)
class Checked:
    """What the last check of a document found: kept for code actions and hover."""

    version: int | None
    text: str
    path: str
    file_format: str | None
    diagnostics: tuple[Diagnostic, ...]


class ReplylintServer(LanguageServer):
    """The server's state: the session, the checks in flight, the last results."""

    def __init__(self) -> None:
        super().__init__("replylint", __version__)
        self.session = None
        self.root = os.getcwd()
        self.load_problems: dict[str, list[ReplylintError]] = {}
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="replylint-check")
        self.rules_by_id: dict = {}
        self._loading = None

    # ------------------------------------------------------------ session

    def start_loading(self):
        """Load the config and rules (and warm the linter) in the worker, once per reload."""
        loop = asyncio.get_running_loop()
        self._loading = loop.run_in_executor(self.worker, self._load_session)
        return self._loading

    def _load_session(self) -> list[str]:
        """Build the session; returns the paths that had load problems before or now."""
        from replylint.api import CheckOptions, Session

        before = set(self.load_problems)
        problems: list[ReplylintError] = []
        try:
            session = Session(CheckOptions.discover(self.root))
        except ReplylintError as error:
            problems = error.errors
            session = Session(CheckOptions())
        self.session = session
        grouped: dict[str, list[ReplylintError]] = {}
        for problem in problems:
            where = problem.path or session.options.config.path or os.path.join(self.root, ".replylint.yaml")
            grouped.setdefault(str(Path(where).resolve()), []).append(problem)
        self.load_problems = grouped
        self.rules_by_id = {rule.id: rule for rule in session.rules}
        session.check_text("Здравствуйте! Проверка связи.", format="text")  # spaCy and the linter, now
        return sorted(before | set(grouped))

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(getattr(encoding, "value", encoding) or UTF16)

    @property
    def config_path(self) -> str | None:
        """The team's config file (found again: a broken one is not the session's)."""
        from replylint.config import find

        found = find(self.root)
        return str(found.resolve()) if found else None

    def rule_dirs(self) -> list[str]:
        from replylint.loader import bundled_rules_dir

        options = self.session.options
        return [*options.config.rule_dirs, *options.rule_dirs, str(bundled_rules_dir())]

    # -------------------------------------------------------------- checks

    def schedule(self, uri: str, delay: float) -> None:
        """Check the document after ``delay`` unless a newer change comes first."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        await (self._loading or self.start_loading())
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        version, text, language = document.version, document.source, document.language_id
        loop = asyncio.get_running_loop()
        try:
            found = await loop.run_in_executor(self.worker, self.diagnose, uri, version, text, language)
        except Exception:  # a bug: logged with its traceback; the server goes on with the next change
            logger.exception("replylint: checking %s failed", uri)
            return
        document = self.workspace.text_documents.get(uri)
        if document is None or document.version != version:
            return  # a newer version is on its way; its check publishes
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, found, version=version))

    def diagnose(self, uri: str, version, text: str, language: str | None) -> list[types.Diagnostic]:
        """The LSP diagnostics of a document's text (runs in the worker thread)."""
        path = to_fs_path(uri) or uri
        positions = PositionMap(text, self.encoding)
        if files.is_config(path):
            here = Path(path).resolve()  # (a broken team rule file has its own diagnostics)
            return self._problems([error for error in files.config_errors(path, text)
                                   if error.path is None or Path(error.path).resolve() == here], positions)
        if files.is_rule_file(path, text, self.rule_dirs()):
            return self._problems(files.rule_file_errors(path, text, self.session.rules), positions)
        file_format = format_for(path, language)
        if file_format is None:
            return []
        try:
            result = self.session.check_text(text, format=file_format, name=path)
        except ReplylintError as error:
            self.checked.pop(uri, None)
            return self._problems(error.errors, positions)
        self.checked[uri] = Checked(version, text, path, file_format, tuple(result.diagnostics))
        return [self.lsp_diagnostic(diagnostic, positions) for diagnostic in result.diagnostics]

    def lsp_diagnostic(self, diagnostic: Diagnostic, positions: PositionMap) -> types.Diagnostic:
        rule = self.rules_by_id.get(diagnostic.rule)
        description = None
        if rule is not None and rule.path:
            description = types.CodeDescription(href=f"{Path(rule.path).resolve().as_uri()}#L{rule.line}")
        return types.Diagnostic(
            range=_range(positions, diagnostic.start, diagnostic.end),
            message=diagnostic.message,
            severity=_SEVERITIES[diagnostic.severity],
            code=diagnostic.rule,
            code_description=description,
            source=SOURCE,
            data={"rule": diagnostic.rule, "category": diagnostic.category,
                  "suggestions": [suggestion.to_json() for suggestion in diagnostic.suggestions]},
        )

    def _problems(self, errors, positions: PositionMap) -> list[types.Diagnostic]:
        return [problem_diagnostic(error, positions) for error in errors]

    async def reload(self) -> None:
        """Read the config and rules again, then re-check every open document."""
        changed = await self.start_loading()
        open_uris = set(self.workspace.text_documents)
        for path in changed:
            uri = from_fs_path(path)
            if uri in open_uris:
                continue
            try:
                text = Path(path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            found = self._problems(self.load_problems.get(path, []), PositionMap(text, self.encoding))
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, found))
        if self.load_problems:
            where = ", ".join(sorted(self.load_problems))
            self.window_show_message(types.ShowMessageParams(
                types.MessageType.Warning,
                f"replylint: в настройках или правилах команды ошибки ({where}); пока проверяю встроенными "
                "правилами"))
        for uri in open_uris:
            self.schedule(uri, 0)

    # --------------------------------------------------------- code actions

    def code_actions(self, uri: str, wanted: types.Range) -> list[types.CodeAction]:
        checked = self.checked.get(uri)
        document = self.workspace.text_documents.get(uri)
        if checked is None or document is None or document.version != checked.version:
            return []
        positions = PositionMap(checked.text, self.encoding)
        first = positions.offset(wanted.start.line, wanted.start.character)
        last = positions.offset(wanted.end.line, wanted.end.character)
        actions: list[types.CodeAction] = []
        for diagnostic in checked.diagnostics:
            if diagnostic.start <= last and first <= diagnostic.end:
                shown = [self.lsp_diagnostic(diagnostic, positions)]
                actions += self._rewrites(uri, checked, diagnostic, positions, shown)
                actions += self._suppression(uri, checked, diagnostic, positions, shown)
                actions += self._add_word(diagnostic, shown)
        return actions

    def _rewrites(self, uri, checked: Checked, diagnostic: Diagnostic, positions, shown) -> list[types.CodeAction]:
        actions = []
        forbidden = _STRUCTURE.get(checked.file_format, "")
        for suggestion in diagnostic.suggestions:
            if not suggestion.is_replacement or suggestion.start is None or suggestion.end is None:
                continue
            if any(char in forbidden for char in suggestion.text):
                continue
            original = checked.text[suggestion.start:suggestion.end]
            edit = types.TextEdit(_range(positions, suggestion.start, suggestion.end), suggestion.text)
            actions.append(types.CodeAction(
                f"Заменить «{original}» на «{suggestion.text}»", kind=types.CodeActionKind.QuickFix,
                diagnostics=shown, is_preferred=suggestion.safe or None,
                edit=types.WorkspaceEdit(changes={uri: [edit]})))
        return actions

    def _suppression(self, uri, checked: Checked, diagnostic: Diagnostic, positions, shown) -> list[types.CodeAction]:
        from replylint.suppress import UNUSED_RULE

        if diagnostic.rule == UNUSED_RULE:
            return []
        changes = edit_texts.suppression(checked.text, checked.file_format, diagnostic)
        if not changes:
            return []
        text_edits = [types.TextEdit(_range(positions, change.start, change.end), change.text) for change in changes]
        return [types.CodeAction(f"Отключить {diagnostic.rule} здесь (комментарий в файле)",
                                 kind=types.CodeActionKind.QuickFix, diagnostics=shown,
                                 edit=types.WorkspaceEdit(changes={uri: text_edits}))]

    def _add_word(self, diagnostic: Diagnostic, shown) -> list[types.CodeAction]:
        rule = self.rules_by_id.get(diagnostic.rule)
        if rule is None or rule.kind != "spelling" or not diagnostic.text.strip():
            return []
        path = self.config_path or str(Path(self.root, ".replylint.yaml").resolve())
        if Path(path).name == "pyproject.toml":
            return []  # (a TOML table: add the word by hand; see docs/lsp.md)
        uri = from_fs_path(path)
        title = f"Добавить «{diagnostic.text}» в слова команды ({Path(path).name})"
        document = self.workspace.text_documents.get(uri)
        if document is not None:
            text, version = document.source, document.version
        elif os.path.exists(path):
            try:
                text, version = Path(path).read_text(encoding="utf-8-sig"), None
            except (OSError, UnicodeDecodeError):
                return []
        else:
            change = edit_texts.add_word("", diagnostic.text)
            edit = types.WorkspaceEdit(document_changes=[
                types.CreateFile(uri, options=types.CreateFileOptions(ignore_if_exists=True)),
                types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri, None),
                                       [types.TextEdit(_range(PositionMap(""), 0, 0), change.text)])])
            return [types.CodeAction(title, kind=types.CodeActionKind.QuickFix, diagnostics=shown, edit=edit)]
        change = edit_texts.add_word(text, diagnostic.text)
        positions = PositionMap(text, self.encoding)
        text_edit = types.TextEdit(_range(positions, change.start, change.end), change.text)
        edit = types.WorkspaceEdit(document_changes=[
            types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri, version), [text_edit])])
        return [types.CodeAction(title, kind=types.CodeActionKind.QuickFix, diagnostics=shown, edit=edit)]

    # ---------------------------------------------------------------- hover

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        checked = self.checked.get(uri)
        if checked is None:
            return None
        positions = PositionMap(checked.text, self.encoding)
        offset = positions.offset(position.line, position.character)
        here = [d for d in checked.diagnostics if d.start <= offset <= d.end]
        shown = []
        for diagnostic in here:
            rule = self.rules_by_id.get(diagnostic.rule)
            if rule is not None and rule.id not in {part[0] for part in shown}:
                shown.append((rule.id, explanation(rule)))
        if not shown:
            return None
        first = min(here, key=lambda d: d.start)
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(t for _, t in shown)),
                           range=_range(positions, first.start, max(d.end for d in here)))


def explanation(rule) -> str:
    """What `replylint explain RULE` says, in Markdown."""
    from replylint.categories import CATEGORIES, SEVERITY_TITLES

    lines = [f"**{rule.id}** — {CATEGORIES.get(rule.category, rule.category)} "
             f"({rule.category}, {SEVERITY_TITLES.get(rule.severity, rule.severity)})", "",
             f"**Что делать:** {rule.message}", "", f"**Почему:** {rule.explanation.strip()}", "",
             f"**Источник:** {rule.source}"]
    if rule.suggest:
        lines += ["", "**Как исправить:**"]
        lines += [f"- {'замена: ' if spec.replace else ''}{spec.text}" for spec in rule.suggest]
    lines += ["", "**Плохо:**"] + [f"- ✗ {text}" for text in rule.examples_bad]
    if rule.examples_good:
        lines += ["", "**Хорошо:**"] + [f"- ✓ {text}" for text in rule.examples_good]
    return "\n".join(lines)


def format_for(path: str, language: str | None) -> str | None:
    """The format of an open document: by its suffix, else by the editor's language id;
    None for a document replylint does not read (it gets no diagnostics)."""
    from replylint.formats import suffixes

    suffix = os.path.splitext(path)[1].lower()
    by_suffix = suffixes()
    if suffix in by_suffix:
        return by_suffix[suffix]
    return _LANGUAGE_FORMATS.get((language or "").lower())


def problem_diagnostic(error: ReplylintError, positions: PositionMap) -> types.Diagnostic:
    """A config or rule-file mistake at its line (and column, when known), to the line's end."""
    line = max((error.line or 1) - 1, 0)
    line = min(line, len(positions.starts) - 1)
    start = positions.starts[line] + max((error.column or 1) - 1, 0)
    end = positions.line_end(line)
    start = min(start, end)
    return types.Diagnostic(_range(positions, start, end if end > start else start), error.message,
                            severity=types.DiagnosticSeverity.Error, source=SOURCE)


def _range(positions: PositionMap, start: int, end: int) -> types.Range:
    return types.Range(types.Position(*positions.position(start)), types.Position(*positions.position(end)))


def make_server() -> ReplylintServer:
    server = ReplylintServer()

    @server.feature(types.INITIALIZED)
    def initialized(ls: ReplylintServer, params: types.InitializedParams) -> None:
        root = ls.workspace.root_path
        if root:
            ls.root = root
        asyncio.ensure_future(ls.reload())

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ReplylintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ReplylintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: ReplylintServer, params: types.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri) or ""
        text = ls.workspace.get_text_document(params.text_document.uri).source
        if files.is_config(path) or Path(path).name == "pyproject.toml" or (
                ls.session and files.is_rule_file(path, text, ls.rule_dirs())):
            await ls.reload()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched(ls: ReplylintServer, params: types.DidChangeWatchedFilesParams) -> None:
        await ls.reload()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ReplylintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: ReplylintServer, params: types.CodeActionParams):
        return ls.code_actions(params.text_document.uri, params.range)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ReplylintServer, params: types.HoverParams):
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: ReplylintServer, params) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def serve() -> None:
    """Run the server over stdio until the editor says ``exit``."""
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol stream
    make_server().start_io(sys.stdin.buffer, stdout)
