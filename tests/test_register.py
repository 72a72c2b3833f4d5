"""The reply's register (a chat with emoji, a letter, or neither) is worked out from closed
classes of marks, and a rule with ``unless_register`` finds nothing in a reply of that
register — in every other register it still fires."""

from __future__ import annotations

import json

import pytest

from helpers import run_cli as run
from replylint import nlp
from replylint.register import register_of

RULE = """\
id: familiarity.yes-word
kind: existence
category: familiarity
message: "«{{match}}» — разговорное слово"
explanation: В письме так не пишут.
source: "«Если что-то быть неправильно понято»"
match: ["ага"]
unless_register: {registers}
examples:
  bad: ["Ага, доставка завтра."]
  good: ["Да, доставка завтра."]
"""


@pytest.mark.parametrize("text, register", [
    ("Ага, видим, что машина не открывается 🚗 Открыли её удалённо.", "chat"),
    ("Всё готово, приходите :)", "chat"),
    ("Спасибо, всё получили)))", "chat"),
    ("Уважаемая Ольга Петровна!\nДоговор продлён до 1 июня.", "formal"),
    ("Договор продлён до 1 июня.\n\nС уважением,\nотдел продаж", "formal"),
    ("Сообщаем, что договор продлён до 1 июня.", "formal"),
    ("Договор по Вашему заказу продлён до 1 июня.", "formal"),
    ("В ответ на Ваше письмо: договор продлён до 1 июня.", "formal"),
    ("Здравствуйте! Договор продлён до 1 июня, копия у вас на почте.", "neutral"),
    ("Вы правы, договор продлён до 1 июня.", "neutral"),  # a capital at a sentence's start
    ("Уважаемый Олег, договор продлён 😊", "chat"),  # a letter's cue beside an emoji: a chat
])
def test_the_register_of_a_reply(text, register):
    assert register_of(nlp.parse(text)) == register


def findings(rules_dir, text: str) -> list[str]:
    result = run("check", "-", "--isolated", "--rules", str(rules_dir), "--no-bundled", "--format", "json",
                 input=text)
    assert result.exit_code in (0, 1), result.output
    return [d["rule"] for f in json.loads(result.output)["files"] for d in f["diagnostics"]]


def test_a_rule_is_silent_in_the_register_it_names_only(tmp_path):
    (tmp_path / "yes.yaml").write_text(RULE.format(registers="chat"), encoding="utf-8")
    assert findings(tmp_path, "Ага, доставка завтра 🚚") == []
    assert findings(tmp_path, "Ага, доставка завтра.") == ["familiarity.yes-word"]
    assert findings(tmp_path, "Уважаемый Олег! Ага, доставка завтра.") == ["familiarity.yes-word"]


def test_a_list_of_registers(tmp_path):
    (tmp_path / "yes.yaml").write_text(RULE.format(registers="[chat, neutral]"), encoding="utf-8")
    assert findings(tmp_path, "Ага, доставка завтра.") == []
    assert findings(tmp_path, "Уважаемый Олег! Ага, доставка завтра.") == ["familiarity.yes-word"]


@pytest.mark.parametrize("registers", ["letter", "[chat, informal]", "[]", "5"])
def test_an_unknown_register_is_a_one_line_error(tmp_path, registers):
    (tmp_path / "yes.yaml").write_text(RULE.format(registers=registers), encoding="utf-8")
    result = run("test-rules", str(tmp_path))
    assert result.exit_code == 2
    assert "unless_register" in result.output and "formal, chat, neutral" in result.output
    assert "Traceback" not in result.output
