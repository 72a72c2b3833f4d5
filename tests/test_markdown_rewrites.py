"""Rewrites across markup (Markdown, HTML in macro exports) read as Russian and keep it.

Emphasis, a link's brackets and target, and inline HTML between the words of a sentence
neither break the agreement of a rewrite («Ваш **тикет** закрыт» must not become «Ваш
**обращение** закрыт») nor get lost when the rewrite is applied: an edit spanning them
writes them back as they were.
"""

from __future__ import annotations

import json

import pytest

from helpers import run_cli
from replylint.api import CheckOptions, Session


def applied(text: str, diagnostics: list[dict]) -> str:
    """The text with the first rewrite of every finding applied (they never overlap)."""
    edits = sorted((s["start"], s["end"], s["text"]) for d in diagnostics
                   for s in d["suggestions"][:1] if s["kind"] == "replace")
    for (_, end, _), (start, _, _) in zip(edits, edits[1:]):
        assert end <= start, edits
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


@pytest.mark.parametrize("draft, expected", [
    ("Ваш **тикет** эскалирован.", "Ваше **обращение** передано специалисту."),
    ("**Ваш тикет** эскалирован.", "**Ваше обращение** передано специалисту."),
    ("Ваш тикет **эскалирован**.", "Ваше обращение **передано специалисту**."),
    ("Ваш [тикет](https://help.example/t/1) закрыт.", "Ваше [обращение](https://help.example/t/1) закрыто."),
    ("Ваш <b>тикет</b> закрыт.", "Ваше <b>обращение</b> закрыто."),
    ("Ваш _тикет_ закрыт.", "Ваше _обращение_ закрыто."),
    ("Ваш ~~тикет~~ закрыт.", "Ваше ~~обращение~~ закрыто."),
    ("* Ваш тикет закрыт.\n* Апрув получен.", "* Ваше обращение закрыто.\n* Одобрение получено."),
])
def test_a_rewrite_across_markdown_markup_agrees_and_keeps_the_markup(tmp_path, draft, expected):
    path = tmp_path / "macro.md"
    path.write_text(draft, encoding="utf-8")
    result = run_cli("check", str(path), "--format", "json", "--isolated", "--select", "jargon")
    diagnostics = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert applied(draft, diagnostics) == expected
    session = Session(CheckOptions(include_bundled=True, select=("jargon",)))
    api = [diagnostic.to_json() for diagnostic in session.check_text(draft, format="markdown").diagnostics]
    assert applied(draft, api) == expected


def test_the_flagged_words_are_quoted_as_the_file_has_them_markup_included():
    draft = "Здравствуйте! Мы проверим " + "очень " * 30 + "внимательно ваш <b>заказ</b> и **всё** вернём."
    session = Session(CheckOptions())
    diagnostics = session.check_text(draft, format="markdown").diagnostics
    assert any("<b>заказ</b>" in diagnostic.text for diagnostic in diagnostics)
    for diagnostic in diagnostics:
        assert draft[diagnostic.start:diagnostic.end] == diagnostic.text


@pytest.mark.parametrize("draft", ["Код ответа: ticket_closed_by_user.", "Итого 5*3 = 15 дней.",
                                   "Шаги:\n* откройте раздел «Заказы»;\n* нажмите «Вернуть»."])
def test_underscores_inside_words_stars_between_numbers_and_list_markers_are_no_emphasis(draft):
    from replylint.formats.markdown import ignored_spans

    masked = "".join(draft[start:end] for start, end in ignored_spans(draft))
    assert masked == ""


def _file_json(path, *args):
    result = run_cli("check", str(path), "--format", "json", "--isolated", *args)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["files"][0]["diagnostics"]


def test_html_in_a_macro_export_is_markup_too(tmp_path):
    # helpdesks export macros as HTML inside JSON, YAML or CSV: the tags are not words
    path = tmp_path / "macros.json"
    path.write_text('[{"title": "Закрытие", "text": "<p>Ваш <b>тикет</b> закрыт.</p><p>Ваш тикет эскалирован.</p>"}]',
                    encoding="utf-8")
    diagnostics = _file_json(path, "--select", "jargon")
    assert [d["text"] for d in diagnostics] == ["тикет", "тикет", "эскалирован"]
    fixed = applied(path.read_text(encoding="utf-8"), diagnostics)
    assert json.loads(fixed)[0]["text"] == ("<p>Ваше <b>обращение</b> закрыто.</p>"
                                             "<p>Ваше обращение передано специалисту.</p>")
    csv = tmp_path / "macros.csv"
    csv.write_text('title,text\nЗакрытие,"Ваш <i>тикет</i>&nbsp;закрыт."\n', encoding="utf-8")
    diagnostics = _file_json(csv, "--select", "jargon")
    assert applied(csv.read_text(encoding="utf-8"), diagnostics).endswith('"Ваше <i>обращение</i>&nbsp;закрыто."\n')


def test_a_rewrite_over_an_escape_or_bringing_a_quote_is_advice_not_an_edit_that_breaks_the_file(tmp_path):
    path = tmp_path / "macros.json"
    path.write_text('[{"text": "Ваш <a href=\\"https://help.example\\">тикет</a> закрыт. '
                    'Возврат денежных\\nсредств оформлен. Ваш тикет,\\nсозданный вчера, закрыт."}]', encoding="utf-8")
    diagnostics = _file_json(path, "--select", "jargon,bureaucratese")
    advice = [s["text"] for d in diagnostics for s in d["suggestions"] if s["kind"] == "advice"]
    assert 'Замените вместе с соседними словами: «Ваше <a href="https://help.example">обращение</a> закрыто»' in advice
    assert "Замените на «денег»" in advice
    assert "Замените вместе с соседними словами: «Ваше обращение, созданное вчера, закрыто»" in advice
    text = path.read_text(encoding="utf-8")
    json.loads(applied(text, diagnostics))  # every edit still offered leaves the file valid
