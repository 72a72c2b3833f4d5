"""A note to colleagues that went out with a reply is one fault, the leak: advice on the
note's wording (its jargon, its «ты», its «не могу») is not given, what it says about the
client still is, and the reply's own words keep every remark."""

from __future__ import annotations

import json

from helpers import run_cli as run


def categories(text: str) -> list[tuple[str, str]]:
    result = run("check", "-", "--isolated", "--format", "json", input=text)
    assert result.exit_code in (0, 1), result.output
    return [(d["category"], d["text"]) for f in json.loads(result.output)["files"] for d in f["diagnostics"]]


def test_the_wording_of_a_note_gets_no_advice_but_the_leak():
    found = categories("Здравствуйте! Тариф изменён с завтрашнего дня.\n"
                       "// Вася, проверь потом, точно ли списалась абонентка, если нет — эскалировать")
    assert {category for category, _ in found} == {"internal-leak"}


def test_what_a_note_says_of_the_client_still_counts():
    found = categories("Возврат одобрен, деньги поступят в течение 3 рабочих дней. "
                       "(Лена, это тот дебил, который вчера орал в чате, больше ему ничего не обещай)")
    assert "offensive" in {category for category, _ in found}
    assert "vague-promise" not in {category for category, _ in found}


def test_a_bracketed_note_ends_at_its_bracket():
    found = categories("Ирина, добрый день! (уточнить, вернулись ли деньги) Ваш кейс передали на вторую линию.")
    assert ("jargon", "кейс") in found


def test_the_reply_after_a_note_is_checked_again_from_its_greeting():
    found = categories("Лен, эта опять пишет, что ей ответить? // Добрый день! Ваш кейс передали на вторую линию.")
    assert ("jargon", "кейс") in found


def test_a_note_ends_with_its_sentence():
    found = categories("Экспорт появится в релизе TODO: уточнить дату у Димы. Как будет готово — пришлём уведомление.")
    assert "vague-promise" in {category for category, _ in found}


def test_a_note_that_ends_the_reply_gets_no_advice_on_how_the_reply_ends():
    reply = "Ваш заказ собран и будет у вас завтра до 14:00.\n"
    assert {category for category, _ in categories(reply + "NB: этот шаблон не проверяется.")} == {"internal-leak"}
    # the same words ending the reply itself are a negative ending
    assert "negative-ending" in {category for category, _ in categories(reply + "Этот шаблон не проверяется.")}


def test_a_note_before_the_greeting_runs_to_it():
    # the second sentence is still said to the colleague: its «чё» is not advice for the client
    found = categories("Серёж, посмотри этот заказ. Чё ему писать, он уже третий раз спрашивает?\n\n"
                       "Добрый день! Заказ у курьера, привезём сегодня до 19:00.")
    assert "familiarity" not in {category for category, _ in found}
    assert "internal-leak" in {category for category, _ in found}


def test_talk_inside_the_team_is_a_note_too():
    found = categories("Добрый день, Ольга! Столик на пятницу забронирован. "
                       "P.S. Дима, это та гостья, что просила тихий зал, — посади её у окна")
    assert "familiarity" not in {category for category, _ in found}
    assert "internal-leak" in {category for category, _ in found}


def test_a_contract_a_note_mentions_is_not_cited_to_the_client():
    found = categories("Добрый день! Акт сверки во вложении. "
                       "[проверить, есть ли скидка по старому договору аренды — спросить у юристов] Подпишите его до пятницы.")
    assert "law-citing" not in {category for category, _ in found}
    # the same words said to the client cite the contract
    assert "law-citing" in {category for category, _ in categories(
        "Добрый день! Скидка по старому договору аренды не действует.")}
