"""Suggestions are put into the form of the words they replace."""

from __future__ import annotations

import pytest

from helpers import make_linter

GLOSSARY = """
kind: substitution
swap:
  рефанд: возврат денег
  тикет: заявка
  эскалировать: передать специалисту
  кейс: ситуация
  бэкенд: сервер
  деплой: обновление
  SLA: срок ответа
  личка: личное сообщение
"""


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    return make_linter(tmp_path_factory.mktemp("g"), GLOSSARY)


def rewrites(linter, text):
    return [(d.text, d.suggestions[0].text) for d in linter.lint(text)]


@pytest.mark.parametrize("text,expected", [
    ("Ждём рефанда.", ("рефанда", "возврата денег")),
    ("Займёмся рефандом.", ("рефандом", "возвратом денег")),
    ("Сделали рефанд.", ("рефанд", "возврат денег")),
    ("Создали тикет.", ("тикет", "заявку")),
    ("Создали тикеты.", ("тикеты", "заявки")),
    ("В вашем тикете ошибка.", ("тикете", "вашей заявке")),
    ("Тикет создан.", ("Тикет", "Заявка создана")),
    ("Вопрос эскалирован.", ("эскалирован", "передан специалисту")),
    ("Тикет эскалирован.", ("эскалирован", "передана специалисту")),
    ("Мы эскалировали вопрос.", ("эскалировали", "передали специалисту")),
    ("Мы эскалируем вопрос.", ("эскалируем", "передадим специалисту")),
    ("Эскалируйте вопрос.", ("Эскалируйте", "Передайте специалисту")),
    ("Ошибка на бэкенде.", ("бэкенде", "сервере")),
    ("Ждём деплой.", ("деплой", "обновление")),
    ("По SLA ответим за день.", ("SLA", "сроку ответа")),
    ("Напишите в личку.", ("личку", "личное сообщение")),
    ("Ответили в личке.", ("личке", "личном сообщении")),
])
def test_replacement_takes_the_form_of_the_replaced_word(glossary, text, expected):
    assert expected in rewrites(glossary, text)


def test_replacement_span_is_the_replaced_word(glossary):
    text = "Наш бэкенд упал."
    diagnostic = glossary.lint(text)[0]
    suggestion = diagnostic.suggestions[0]
    assert suggestion.is_replacement and suggestion.text == "сервер"
    assert text[suggestion.start:suggestion.end] == "бэкенд"


def test_without_a_form_to_build_the_suggestion_is_advice(tmp_path):
    linter = make_linter(tmp_path, "kind: substitution\nswap:\n  хз: не знаю точно\n")
    diagnostic = linter.lint("Тут хз.")[0]
    assert diagnostic.suggestions[0].text in ("не знаю точно", "Замените на «не знаю точно»")


def test_message_names_the_match_and_the_rewrite(tmp_path):
    linter = make_linter(tmp_path, GLOSSARY, message="«{match}» → «{replacement}»")
    assert linter.lint("Ждём рефанда.")[0].message == "«рефанда» → «возврата денег»"


@pytest.mark.parametrize("text,expected", [
    ("Ваш кейс рассмотрен.", "Ваша ситуация рассмотрена"),
    ("По вашему кейсу всё готово.", "вашей ситуации"),
    ("Этот новый кейс сложный.", "Эта новая ситуация сложная"),
    ("Ваши кейсы рассмотрены.", "ситуации"),
])
def test_agreeing_words_before_the_replaced_noun_change_with_it(glossary, text, expected):
    diagnostic = next(d for d in glossary.lint(text) if d.text.lower().startswith("кейс"))
    suggestion = diagnostic.suggestions[0]
    assert suggestion.text == expected
    assert diagnostic.text.lower() in text[suggestion.start:suggestion.end].lower()


@pytest.mark.parametrize("text,expected", [
    ("Данная услуга платная.", "Эта"),
    ("Для данной услуги нужен паспорт.", "этой"),
    ("В данном случае поможем.", "этом"),
    ("Данные условия изменились.", "Эти"),
])
def test_an_adjective_replacement_takes_the_adjectives_form(tmp_path, text, expected):
    linter = make_linter(tmp_path, "kind: substitution\nswap:\n  данный: этот\n")
    assert [d.suggestions[0].text for d in linter.lint(text)] == [expected]
