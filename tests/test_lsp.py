"""`replylint lsp` end to end: a real LSP client (pytest-lsp) talks to the server over stdio.

Expected positions are computed here from the text with Python's own UTF-16/UTF-8 codecs,
never with the server's conversion, and compared with what `check` finds in the same text.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import make_test_lsp_client

from helpers import COFFEE_RULE, run_cli

pytestmark = pytest.mark.asyncio(loop_scope="module")

SERVER = [sys.executable, "-m", "replylint.cli", "lsp"]
#: Cyrillic, an emoji (two UTF-16 units, four UTF-8 bytes) before a remark, CRLF lines.
DRAFT = "Здравствуйте! Ваш 😀 тикет эскалирован на саппорт.\r\nДанный вопрос решён, спасибо за обрашение.\r\n"
CONFIG = "# настройки команды\nrules: [team-rules]\nwords:\n  - Пятёрочка\n  - Магнит\n"
WAIT = 120  # seconds: the first check loads spaCy on a busy machine


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics with its version (its own
    record keeps only the last list per document, without the version)."""
    client = make_test_lsp_client()
    client.published = []
    original = client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(params: types.PublishDiagnosticsParams):
        client.published.append(params)
        return original(params)

    client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    return client


CONFIG_FOR_TESTS = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


def make_workspace(root: Path) -> Path:
    (root / "team-rules" / "jargon").mkdir(parents=True)
    (root / "team-rules" / "jargon" / "coffee.yaml").write_text(COFFEE_RULE, encoding="utf-8")
    (root / ".replylint.yaml").write_text(CONFIG, encoding="utf-8")
    return root


async def published(client, uri: str, version: int | None = None, *, since: int = 0) -> list[types.Diagnostic]:
    """The diagnostics published for ``uri`` (at ``version``, when given)."""
    for _ in range(WAIT * 100):
        for params in client.published[since:]:
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {uri} version {version}")


def open_document(client, path: Path, text: str, language: str = "plaintext", version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def replace_all(client, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangeWholeDocument(text=text)]))


def expected_range(text: str, start: int, end: int, encoding: str = "utf-16") -> types.Range:
    """The LSP range of text[start:end], counted with Python's codecs."""
    def position(offset: int) -> types.Position:
        before = text[:offset]
        line = len(re.findall(r"\r\n|\r|\n", before))
        line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
        prefix = before[line_start:]
        width = {"utf-16": len(prefix.encode("utf-16-le")) // 2, "utf-8": len(prefix.encode("utf-8")),
                 "utf-32": len(prefix)}[encoding]
        return types.Position(line=line, character=width)
    return types.Range(start=position(start), end=position(end))


def offset_of(text: str, position: types.Position, encoding: str = "utf-16") -> int:
    """The character offset of an LSP position, counted with Python's codecs."""
    lines = re.split(r"(?<=\r\n)|(?<=\n)(?<!\r\n)|(?<=\r)(?!\n)", text)
    start = sum(len(line) for line in lines[:position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    for count in range(len(line) + 1):
        prefix = line[:count]
        width = len(prefix.encode("utf-16-le")) // 2 if encoding == "utf-16" else len(prefix.encode(encoding))
        if width >= position.character:
            return start + count
    return start + len(line)


def apply_edits(text: str, edits, encoding: str = "utf-16") -> str:
    """The text with LSP text edits applied (from the end, as an editor does)."""
    spans = sorted(((offset_of(text, edit.range.start, encoding), offset_of(text, edit.range.end, encoding),
                     edit.new_text) for edit in edits), reverse=True)
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def check_session(root: Path):
    from replylint.api import CheckOptions, Session

    return Session(CheckOptions.discover(str(root)))


def edits_of(action: types.CodeAction, uri: str):
    if action.edit.changes:
        return action.edit.changes[uri]
    return [edit for change in action.edit.document_changes
            if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
            for edit in change.edits]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("team"))


@pytest_lsp.fixture(config=CONFIG_FOR_TESTS, scope="module")
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="team")]))
    yield
    await lsp_client.shutdown_session()


# ----------------------------------------------------------------- diagnostics


async def test_open_publishes_every_remark_of_check_at_its_exact_utf16_range(client, workspace):
    path = workspace / "draft.txt"
    uri = open_document(client, path, DRAFT)
    found = await published(client, uri, 1)

    expected = check_session(workspace).check_text(DRAFT, format="text").diagnostics
    assert expected, "the draft must have remarks for this test to mean anything"
    assert [(d.code, d.range) for d in found] == [(d.rule, expected_range(DRAFT, d.start, d.end)) for d in expected]
    by_text = {DRAFT[offset_of(DRAFT, d.range.start):offset_of(DRAFT, d.range.end)]: d for d in found}
    # after the emoji (one character, two UTF-16 units) and on the line after a CRLF
    assert by_text["эскалирован"].range.start == types.Position(line=0, character=len("Здравствуйте! Ваш 😀 тикет ") + 1)
    assert by_text["обрашение"].range.start == types.Position(line=1, character=DRAFT.split("\r\n")[1].index("обр"))
    glossary = by_text["саппорт"]
    assert glossary.code == "jargon.glossary"
    assert glossary.severity == types.DiagnosticSeverity.Warning
    assert glossary.source == "replylint"
    assert glossary.data["suggestions"] == [{"kind": "replace", "text": "поддержку", "safe": False,
                                             "start": DRAFT.index("саппорт"), "end": DRAFT.index("саппорт") + 7}]
    href = glossary.code_description.href
    file_part, line_part = href.split("#L")
    from replylint.loader import find_rule, load_rules

    rule = find_rule(load_rules(), "jargon.glossary")
    assert file_part == Path(rule.path).resolve().as_uri() and int(line_part) == rule.line


async def test_severity_error_and_suggestion_are_mapped(client, workspace):
    text = "Здравствуйте, [ИМЯ]! Данный вопрос решён."
    uri = open_document(client, workspace / "severities.txt", text)
    found = await published(client, uri, 1)
    expected = check_session(workspace).check_text(text, format="text").diagnostics
    mapping = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
               "suggestion": types.DiagnosticSeverity.Information}
    assert [d.severity for d in found] == [mapping[d.severity.label] for d in expected]
    assert {d.severity.label for d in expected} >= {"error", "suggestion"}


async def test_change_rechecks_and_the_latest_version_wins(client, workspace):
    path = workspace / "change.md"
    uri = open_document(client, path, "Ваш тикет закрыт.\n", language="markdown")
    assert [d.code for d in await published(client, uri, 1)] == ["jargon.glossary"]
    mark = len(client.published)
    replace_all(client, uri, "Ваш тикет закрыт, саппорт\n", 2)
    replace_all(client, uri, "Ваш тикет\n", 3)
    replace_all(client, uri, "Ваше обращение закрыто.\n", 4)
    assert await published(client, uri, 4, since=mark) == []
    await asyncio.sleep(0.3)
    versions = [params.version for params in client.published[mark:] if params.uri == uri]
    assert versions == [4], "stale versions were published"


async def test_an_incremental_change_moves_the_ranges(client, workspace):
    text = "Спасибо 😀 за ожидание, ваш тикет у нас.\n"
    uri = open_document(client, workspace / "incremental.txt", text)
    await published(client, uri, 1)
    insert_at = expected_range(text, 0, text.index("за"))  # before «за»: after the emoji
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangePartial(range=types.Range(insert_at.end, insert_at.end), text="🎉 ")]))
    new_text = text.replace("за ", "🎉 за ", 1)
    found = await published(client, uri, 2)
    start = new_text.index("тикет")
    assert [d.range for d in found if d.code == "jargon.glossary"] == [expected_range(new_text, start, start + 5)]


async def test_every_input_format_is_checked(client, workspace):
    reply = "Ваш тикет закрыт."
    documents = {
        "reply.yaml": ("yaml", f"greeting:\n  reply: \"{reply}\"\n"),
        "reply.json": ("json", f'{{"reply": "{reply}"}}\n'),
        "reply.jsonl": ("jsonl", f'{{"reply": "{reply}"}}\n'),
        "reply.csv": ("csv", f"name,reply\nclosed,{reply}\n"),
        "reply.md": ("markdown", f"# Закрытие\n\n{reply}\n"),
        "untitled-reply": ("plaintext", reply),  # no suffix: the language id decides
    }
    for name, (language, text) in documents.items():
        uri = open_document(client, workspace / name, text, language=language)
        found = await published(client, uri, 1)
        start = text.index("тикет")
        assert [(d.code, d.range) for d in found] == [("jargon.glossary", expected_range(text, start, start + 5))], name


async def test_a_document_of_another_language_gets_no_remarks(client, workspace):
    uri = open_document(client, workspace / "script.py", "# Ваш тикет закрыт\n", language="python")
    assert await published(client, uri, 1) == []


async def test_broken_json_is_one_diagnostic_at_its_line(client, workspace):
    text = '[\n  {"reply": "Добрый день"\n'
    uri = open_document(client, workspace / "broken.json", text, language="json")
    found = await published(client, uri, 1)
    with pytest.raises(Exception) as raised:
        check_session(workspace).check_text(text, format="json")
    assert len(found) == 1 and found[0].severity == types.DiagnosticSeverity.Error
    assert found[0].message == raised.value.message
    assert found[0].range.start.line == raised.value.line - 1


# ---------------------------------------------------------------- code actions


async def actions_at(client, uri: str, text: str, word: str) -> list[types.CodeAction]:
    start = text.index(word)
    result = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), expected_range(text, start, start + len(word)),
        types.CodeActionContext(diagnostics=[])))
    return result or []


async def test_rewrite_action_replaces_the_words_and_safe_ones_are_preferred(client, workspace):
    text = "Здравствуйте! 😀 Данный вопрос решён, спасибо.\r\n"
    uri = open_document(client, workspace / "rewrite.txt", text)
    await published(client, uri, 1)
    actions = await actions_at(client, uri, text, "Данный")
    rewrite = next(action for action in actions if action.title.startswith("Заменить"))
    assert rewrite.kind == types.CodeActionKind.QuickFix and rewrite.is_preferred
    assert rewrite.command is None
    fixed = apply_edits(text, edits_of(rewrite, uri))
    assert fixed == "Здравствуйте! 😀 Этот вопрос решён, спасибо.\r\n"
    replace_all(client, uri, fixed, 2)
    assert "bureaucratese.officialese" not in {d.code for d in await published(client, uri, 2)}


async def test_unsafe_rewrite_is_offered_but_not_preferred(client, workspace):
    text = "Ваш тикет закрыт.\n"
    uri = open_document(client, workspace / "unsafe.txt", text)
    await published(client, uri, 1)
    actions = await actions_at(client, uri, text, "тикет")
    rewrites = [action for action in actions if action.title.startswith("Заменить")]
    assert rewrites and not any(action.is_preferred for action in rewrites)
    assert not any("Отключить" in action.title for action in actions), "plain text has no comments"


@pytest.mark.parametrize("name, language, text, word", [
    ("suppress.md", "markdown", "# Ответ\n\nЗдравствуйте! 😀 Ваш тикет закрыт.\r\nСпасибо.\r\n", "тикет"),
    ("suppress-block.yaml", "yaml", "closed:\n  reply: |\n    Здравствуйте!\n    Ваш тикет закрыт.\n  tags: [a]\n",
     "тикет"),
    ("suppress-line.yaml", "yaml", "closed:\n  reply: \"Ваш 😀 тикет закрыт.\"\nother: \"Спасибо!\"\n", "тикет"),
    ("suppress-list.yaml", "yaml", "- >-\n  Ваш тикет\n  закрыт.\n- \"Спасибо!\"\n", "тикет"),
])
async def test_suppression_action_inserts_the_files_own_comment(client, workspace, name, language, text, word):
    uri = open_document(client, workspace / name, text, language=language)
    before = await published(client, uri, 1)
    assert "jargon.glossary" in {d.code for d in before}
    actions = await actions_at(client, uri, text, word)
    action = next(action for action in actions if action.title.startswith("Отключить jargon.glossary"))
    suppressed = apply_edits(text, edits_of(action, uri))
    assert "replylint" in suppressed and suppressed.replace("\r\n", "\n").count("\n") >= text.count("\n")
    replace_all(client, uri, suppressed, 2)
    after = await published(client, uri, 2)
    codes = [d.code for d in after]
    assert "jargon.glossary" not in codes and "suppression.unused" not in codes
    # the comment is no part of any reply: the replies read from the file are the same
    from replylint.formats import parse

    def replies(text: str) -> list[str]:  # (Markdown blanks its comments out: same offsets)
        file_format = "markdown" if language == "markdown" else "yaml"
        return [" ".join(reply.text.split()) for reply in parse(text, name, file_format).replies]

    assert replies(suppressed) == replies(text)


async def test_add_word_action_edits_the_words_list_and_the_remark_goes(client, workspace):
    text = "Спасибо за обрашение, ждём вас.\n"
    uri = open_document(client, workspace / "word.txt", text)
    assert "spelling.unknown-word" in {d.code for d in await published(client, uri, 1)}
    actions = await actions_at(client, uri, text, "обрашение")
    action = next(action for action in actions if action.title.startswith("Добавить «обрашение»"))
    config_path = workspace / ".replylint.yaml"
    (config_uri,) = {change.text_document.uri for change in action.edit.document_changes}
    assert config_uri == config_path.as_uri()
    new_config = apply_edits(CONFIG, edits_of(action, config_uri))
    assert new_config == CONFIG + "  - обрашение\n"
    config_path.write_text(new_config, encoding="utf-8")
    mark = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config_uri)))
    assert "spelling.unknown-word" not in {d.code for d in await published(client, uri, 1, since=mark)}


# ----------------------------------------------------------------------- hover


async def test_hover_on_a_remark_explains_its_rule(client, workspace):
    text = "Ваш тикет закрыт.\n"
    uri = open_document(client, workspace / "hover.txt", text)
    await published(client, uri, 1)
    inside = expected_range(text, text.index("тикет") + 2, text.index("тикет") + 2).start
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), inside))
    from replylint.loader import find_rule, load_rules

    rule = find_rule(load_rules(), "jargon.glossary")
    value = hover.contents.value
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert value.startswith("**jargon.glossary**")
    for part in (rule.explanation.strip(), rule.source, rule.examples_bad[0], rule.examples_good[0]):
        assert part in value
    outside = types.Position(line=0, character=0)
    assert await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), outside)) is None


# ------------------------------------------------------------------ rule files


def test_rules_output(folder: Path) -> list[tuple[int, str]]:
    """(line, message) of every mistake `replylint test-rules` prints for a folder."""
    result = run_cli("test-rules", str(folder))
    found = []
    for line in result.output.splitlines():
        match = re.match(r"replylint: .*?:(\d+)(?::\d+)?: (.*)$", line)
        if match:
            found.append((int(match.group(1)), match.group(2)))
    return found


test_rules_output.__test__ = False


async def test_a_broken_rule_file_shows_the_messages_of_test_rules_at_their_lines(client, workspace, tmp_path):
    broken = COFFEE_RULE.replace("severity", "severity").replace("category: jargon\n",
                                                                 "category: jargon\nseverity: fatal\nlevel: 3\n")
    broken = broken.replace("id: jargon.coffee", "id: jargon.coffee2")
    path = workspace / "team-rules" / "jargon" / "coffee2.yaml"
    uri = open_document(client, path, broken, language="yaml")
    found = await published(client, uri, 1)

    copy = tmp_path / "jargon"
    copy.mkdir()
    (copy / "coffee2.yaml").write_text(broken, encoding="utf-8")
    expected = test_rules_output(tmp_path)
    assert len(expected) >= 2
    assert sorted((d.range.start.line + 1, d.message) for d in found) == sorted(expected)
    assert all(d.severity == types.DiagnosticSeverity.Error for d in found)


async def test_failing_examples_of_a_rule_file_show_at_their_lines_as_test_rules_says(client, workspace, tmp_path):
    text = COFFEE_RULE.replace("jargon.coffee", "jargon.brew").replace(
        'bad: ["Вам купаж?"]', 'bad:\n    - "Вам купаж?"\n    - "Вам чай?"')
    uri = open_document(client, workspace / "team-rules" / "jargon" / "brew.yaml", text, language="yaml")
    (found,) = await published(client, uri, 1)
    assert found.range.start.line == text.count("\n", 0, text.index('"Вам чай?"'))

    (tmp_path / "jargon").mkdir()
    (tmp_path / "jargon" / "brew.yaml").write_text(text, encoding="utf-8")
    output = run_cli("test-rules", str(tmp_path)).output.splitlines()
    failed = next(index for index, line in enumerate(output) if line.startswith("СБОЙ"))
    case_and_text = output[failed].removeprefix("СБОЙ ")
    problem = output[failed + 1].strip()
    assert found.message == f"{case_and_text} — {problem}"


async def test_a_rule_file_taking_a_used_id_is_told_so(client, workspace):
    uri = open_document(client, workspace / "team-rules" / "jargon" / "copy.yaml", COFFEE_RULE, language="yaml")
    (found,) = await published(client, uri, 1)
    assert found.message.startswith("правило jargon.coffee: id 'jargon.coffee' уже занят правилом jargon.coffee")
    assert found.range.start.line == 0


async def test_a_rule_file_outside_the_rule_folders_is_known_by_its_shape(client, workspace):
    text = COFFEE_RULE.replace("id: jargon.coffee", "id: jargon.tea").replace("severity", "x") + "kind2: 1\n"
    uri = open_document(client, workspace / "drafts-of-rules.yaml", text, language="yaml")
    found = await published(client, uri, 1)
    assert found and all(d.code is None for d in found)
    assert any("kind2" in d.message and d.range.start.line == text.count("\n", 0, text.index("kind2")) for d in found)


async def test_a_valid_rule_file_gets_no_diagnostics(client, workspace):
    text = COFFEE_RULE.replace("jargon.coffee", "jargon.cocoa")
    uri = open_document(client, workspace / "team-rules" / "jargon" / "cocoa.yaml", text, language="yaml")
    assert await published(client, uri, 1) == []


# -------------------------------------------------------------------- configs


async def test_an_open_config_is_validated_as_it_is_typed(client, workspace):
    config_uri = (workspace / ".replylint.yaml").as_uri()
    text = CONFIG + "select: [jargn]\nfail_on: sometimes\n"
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=config_uri, language_id="yaml", version=1, text=text)))
    found = await published(client, config_uri, 1)
    lines = {d.range.start.line for d in found}
    assert lines == {text.count("\n", 0, text.index("select")), text.count("\n", 0, text.index("fail_on"))}
    assert any("jargon" in d.message for d in found)  # did you mean
    replace_all(client, config_uri, CONFIG, 2)
    assert await published(client, config_uri, 2) == []
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(config_uri)))


@pytest_lsp.fixture(config=CONFIG_FOR_TESTS, scope="module")
async def broken_client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("broken")
    (root / ".replylint.yaml").write_text("select: [jargon\nwords: [a]\n", encoding="utf-8")
    lsp_client.root = root
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=root.as_uri()))
    yield
    await lsp_client.shutdown_session()


async def test_a_broken_config_is_a_diagnostic_not_a_crash(broken_client):
    root = broken_client.root
    config_uri = (root / ".replylint.yaml").as_uri()
    (problem,) = await published(broken_client, config_uri)
    from replylint.config import load
    from replylint.errors import ConfigError

    with pytest.raises(ConfigError) as raised:
        load(root / ".replylint.yaml")
    assert problem.message == raised.value.message
    assert problem.range.start.line == raised.value.line - 1
    # the drafts are still checked, with the bundled rules
    uri = open_document(broken_client, root / "draft.txt", "Ваш тикет закрыт.\n")
    assert [d.code for d in await published(broken_client, uri, 1)] == ["jargon.glossary"]
    # fixed and saved: the problem goes
    (root / ".replylint.yaml").write_text("select: [jargon]\n", encoding="utf-8")
    mark = len(broken_client.published)
    broken_client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config_uri)))
    assert await published(broken_client, config_uri, since=mark) == []


# ----------------------------------------------------- encodings and lifecycle


@pytest_lsp.fixture(config=CONFIG_FOR_TESTS, scope="module")
async def utf8_client(lsp_client: LanguageClient, workspace: Path):
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])),
        root_uri=workspace.as_uri()))
    lsp_client.negotiated = result.capabilities.position_encoding
    yield
    await lsp_client.shutdown_session()


async def test_utf8_positions_when_the_client_asks_for_them(utf8_client, workspace):
    assert utf8_client.negotiated == types.PositionEncodingKind.Utf8
    uri = open_document(utf8_client, workspace / "utf8.txt", DRAFT)
    found = await published(utf8_client, uri, 1)
    expected = check_session(workspace).check_text(DRAFT, format="text").diagnostics
    assert [d.range for d in found] == [expected_range(DRAFT, d.start, d.end, "utf-8") for d in expected]
    start = DRAFT.index("эскалирован")
    assert expected_range(DRAFT, start, start, "utf-8").start.character == len("Здравствуйте! Ваш 😀 тикет ".encode())
    actions = await utf8_client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), expected_range(DRAFT, start, start + 3, "utf-8"),
        types.CodeActionContext(diagnostics=[])))
    rewrite = next(action for action in actions if action.title.startswith("Заменить «эскалирован»"))
    assert apply_edits(DRAFT, edits_of(rewrite, uri), "utf-8") == DRAFT.replace("эскалирован", "передано")
