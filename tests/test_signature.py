"""The writer's signature (a job title, a department's name) gets no advice on its
wording: the agent cannot rename their post in one reply. The same words in the reply's
own sentences, and a last line that says something, keep their remarks."""

from __future__ import annotations

import json

from helpers import run_cli as run


def found(text: str) -> list[tuple[str, str]]:
    result = run("check", "-", "--isolated", "--format", "json", input=text)
    assert result.exit_code in (0, 1), result.output
    return [(d["category"], d["text"]) for f in json.loads(result.output)["files"] for d in f["diagnostics"]]


def test_a_job_title_under_the_writers_name_is_not_jargon():
    text = "Добрый день! Созвонимся завтра в 11:00 и обсудим компенсацию.\n\nДмитрий, аккаунт-менеджер\n"
    assert not [item for item in found(text) if item[0] == "jargon"]


def test_a_department_after_a_sign_off_is_not_jargon():
    text = ("Решение по выплате принято, деньги поступят до 20 мая.\n\n"
            "С уважением,\nОтдел урегулирования убытков")
    assert not [item for item in found(text) if item[0] == "jargon"]


def test_the_same_title_in_the_reply_itself_is_jargon():
    text = "Добрый день! Ваш вопрос передан аккаунт-менеджеру, он позвонит завтра до 12:00.\n\nДмитрий"
    assert ("jargon", "аккаунт-менеджеру") in found(text)


def test_a_last_line_with_a_verb_is_not_a_signature():
    text = "Добрый день, Анна!\nВаш тикет передали аккаунт-менеджеру, он позвонит завтра до 12:00."
    assert {"тикет", "аккаунт-менеджеру"} <= {words for category, words in found(text) if category == "jargon"}


def test_a_one_line_reply_is_never_a_signature():
    assert ("jargon", "аккаунт-менеджер") in found("Анна, ваш аккаунт-менеджер Дмитрий")


def test_an_organisation_alone_on_the_last_line_is_its_signature():
    text = ("Здравствуйте, Ольга Петровна!\n\nВыписку по счёту НПФ пришлём на почту до 12 мая.\n\n"
            "НПФ «Северный»")
    assert ("jargon", "НПФ") in found(text)  # the same letters in the text keep their remark
    assert [item for item in found(text) if item[0] == "jargon"] == [("jargon", "НПФ")]


def test_a_last_line_that_says_something_is_not_the_senders_name():
    for ending in ("Тикет закрыт.", "Тикет закрыт", "Ждём ваш тикет"):
        text = f"Здравствуйте!\n\nДеньги вернём до 12 мая.\n\n{ending}"
        assert ("jargon", "Тикет" if ending.startswith("Тикет") else "тикет") in found(text), ending


def test_a_last_line_without_a_blank_line_before_it_is_the_text():
    text = "Здравствуйте!\nДеньги вернём до 12 мая.\nТикет №5"
    assert ("jargon", "Тикет") in found(text)
