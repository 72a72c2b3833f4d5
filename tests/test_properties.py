"""Whatever an agent pastes, `check` answers: for any Unicode text it never raises, every
diagnostic's span lies inside the text and its line and column agree with the span, and
the answer is the same every time."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.cli import main

#: Pieces that stress offsets and segmentation, mixed with support vocabulary so rules fire.
SPECIAL = [
    "\x00", "\ud800", "\udfff", "\ud83d", "\u2028", "\u2029", "\r\n", "\r", "\n", "\n\n", "\t",
    "\u200f", "\u202e", "\u200b", "\ufeff", "\u0301", "е\u0308", "👨‍👩‍👧", "🇷🇺", "☕️", "𝔘",
    "שלום", "مرحبا", "ё", "Ё", "ß", "İ", "…", "?!", "«", "»", "—", "-", ",", ".", " ", "  ",
    "{{name}}", "%{ticket.number}", "[ИМЯ КЛИЕНТА]", "https://shop.ru/a?b=1", "help@shop.ru",
    "тикет", "Тикет", "рефанд", "эскалирован", "не можем", "Мы не сможем вернуть", "ты", "Вы",
    "извините", "Извините за ожидание!", "ст. 18 ГК РФ", "в ближайшее время", "к сожалению",
    "кто-то", "кто - то", "пожалуста", "Здравствуйте", "18:00", "12 марта", "№123", "1 000 ₽",
]

texts = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=12)), max_size=40).map("".join)
#: Without lone surrogates: what a UTF-8 file can hold.
file_texts = texts.map(lambda text: "".join(c for c in text if not 0xD800 <= ord(c) <= 0xDFFF))


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, counted independently: CRLF, LF, CR end a line."""
    line, line_start, index = 1, 0, 0
    while index < offset:
        character = text[index]
        if character == "\r" and index + 1 < len(text) and text[index + 1] == "\n":
            if index + 1 >= offset:
                break
            index += 2
        elif character in "\r\n":
            index += 1
        else:
            index += 1
            continue
        line, line_start = line + 1, index
    return line, offset - line_start + 1


def _as_tuples(diagnostics):
    return [(d.rule, d.start, d.end, d.line, d.column, d.end_line, d.end_column, d.message, d.text,
             d.suggestions) for d in diagnostics]


@pytest.fixture(scope="module")
def second_linter(bundled_rules):
    from replylint.linter import Linter

    return Linter(bundled_rules)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_lint_never_raises_and_spans_agree_with_lines(linter, second_linter, text):
    diagnostics = linter.lint(text)
    for diagnostic in diagnostics:
        assert 0 <= diagnostic.start <= diagnostic.end <= len(text)
        assert diagnostic.text == text[diagnostic.start:diagnostic.end]
        assert (diagnostic.line, diagnostic.column) == expected_position(text, diagnostic.start)
        assert (diagnostic.end_line, diagnostic.end_column) == expected_position(text, diagnostic.end)
        for suggestion in diagnostic.suggestions:
            if suggestion.start is not None:
                assert 0 <= suggestion.start <= suggestion.end <= len(text)
    # the same answer again, and from a linter whose caches have seen other texts
    assert _as_tuples(linter.lint(text)) == _as_tuples(diagnostics)
    assert _as_tuples(second_linter.lint(text)) == _as_tuples(diagnostics)


def test_expected_position_counts_every_line_ending():
    text = "а\r\nб\rв\nг"
    assert [expected_position(text, offset) for offset in range(len(text) + 1)] == [
        (1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (3, 1), (3, 2), (4, 1), (4, 2)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=file_texts)
def test_cli_on_a_file_never_fails_and_reports_the_same_spans(tmp_path, text):
    path = tmp_path / "draft.txt"
    path.write_bytes(text.encode("utf-8"))
    runner = CliRunner()
    outputs = []
    for _ in range(2):
        result = runner.invoke(main, ["check", str(path), "--format", "json"], catch_exceptions=False)
        assert result.exit_code in (0, 1, 2), result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    report = json.loads(outputs[0])
    file_text = text[1:] if text.startswith("\ufeff") else text  # offsets count after a BOM
    for entry in report["files"]:
        if "error" in entry:
            continue
        for diagnostic in entry["diagnostics"]:
            assert 0 <= diagnostic["start"] <= diagnostic["end"] <= len(file_text)
            assert diagnostic["text"] == file_text[diagnostic["start"]:diagnostic["end"]]
            assert (diagnostic["line"], diagnostic["column"]) == expected_position(file_text, diagnostic["start"])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_cli_on_bytes_no_decoder_accepts_never_shows_a_traceback(tmp_path, text):
    """Lone surrogates cannot be UTF-8; written as their raw bytes they make a file the
    reader must refuse or decode otherwise, never crash on."""
    path = tmp_path / "draft.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"], catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), result.output
