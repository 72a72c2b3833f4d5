"""The rule kinds, through the command line as a QA lead uses them."""

from __future__ import annotations

import json
import textwrap

from helpers import run_cli

MUST_GREET = """\
id: familiarity.greeting
kind: absence
category: familiarity
message: "Поздоровайтесь с клиентом"
explanation: Ответ без приветствия звучит как отписка.
source: "пост"
require: ["здравствуйте", "добрый день|утро|вечер"]
examples:
  bad: ["Заказ передали курьеру."]
  good: ["Здравствуйте! Заказ передали курьеру."]
"""


def _diagnostics(*args) -> list[dict]:
    result = run_cli("check", *args, "--isolated", "--format", "json")
    return [diagnostic for file in json.loads(result.output)["files"] for diagnostic in file["diagnostics"]]


def test_an_absence_points_at_the_start_of_the_reply(tmp_path):
    """What is missing is missing from the whole reply: the finding stands where a reader
    starts it, not on the last sentence, which did nothing wrong."""
    rules = tmp_path / "team-rules"
    rules.mkdir()
    (rules / "greeting.yaml").write_text(MUST_GREET, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("\nЗаказ передали курьеру.\nОн привезёт его завтра.\nХорошего дня!\n", encoding="utf-8")
    found = _diagnostics(str(draft), "--rules", str(rules), "--no-bundled")
    assert [(d["rule"], d["line"], d["column"], d["text"]) for d in found] == [
        ("familiarity.greeting", 2, 1, "Заказ передали курьеру.")]


def test_a_word_another_rule_explains_is_not_also_a_typo(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Ваш тикет передан специалисту.\n", encoding="utf-8")
    alone = _diagnostics(str(draft), "--select", "spelling.unknown-word")
    assert [(d["rule"], d["text"]) for d in alone] == [("spelling.unknown-word", "тикет")]
    both = _diagnostics(str(draft), "--select", "spelling.unknown-word,jargon.glossary")
    assert [(d["rule"], d["text"]) for d in both] == [("jargon.glossary", "тикет")]


def test_a_teams_own_words_are_not_typos(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Ваш тикет передан специалисту.\n", encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("select: [spelling.unknown-word]\nwords: [Тикет]\n", encoding="utf-8")
    result = run_cli("check", str(draft), "--format", "json")
    assert json.loads(result.output)["files"][0]["diagnostics"] == []


def test_every_kind_keeps_the_contract():
    """What the registry, the schema, the linter and the docs rely on."""
    import dataclasses

    from replylint.rules.kinds import KINDS, NAMES

    assert len(set(NAMES)) == len(KINDS)
    for kind in KINDS:
        assert isinstance(kind.NAME, str) and isinstance(kind.FIRES_WHEN, str), kind.__name__
        assert callable(kind.compile) and callable(kind.check), kind.__name__
        options = kind.Options
        assert dataclasses.is_dataclass(options) and options.__dataclass_params__.frozen, kind.__name__
        assert "__slots__" in vars(options), kind.__name__
        for field in dataclasses.fields(options):
            assert field.kw_only and field.metadata["doc"] and callable(field.metadata["read"]), \
                f"{kind.NAME}.{field.name}: declare it with replylint.rules.options.key"
