"""Offsets are sacred: tokens, sentences and positions point at the original characters."""

from __future__ import annotations

import re
import pytest

from replylint import nlp
from replylint.document import LineIndex


def test_every_token_points_at_its_characters():
    text = "Здравствуйте, Ёлка! 😀 Ваш тикет №12\r\nготов.\rЕщё‍ 👩‍💻 раз\u2028ок"
    document = nlp.parse(text)
    for token in document.tokens:
        assert text[token.start:token.end] == token.text
    assert [t.text for t in document.tokens if t.kind == "word"][:4] == ["Здравствуйте", "Ёлка", "Ваш", "тикет"]


@pytest.mark.parametrize("text,offset,expected", [
    ("а\nб", 2, (2, 1)),
    ("а\r\nб", 3, (2, 1)),
    ("а\rб", 2, (2, 1)),
    ("а\r\n\r\nб", 5, (3, 1)),
    ("😀ё\nжук", 5, (2, 3)),
    ("абв", 3, (1, 4)),
])
def test_line_and_column(text, offset, expected):
    assert LineIndex(text).position(offset) == expected


def test_line_index_agrees_with_splitlines_on_crlf_and_cr():
    text = "раз\r\nдва\nтри\rчетыре"
    index = LineIndex(text)
    for offset, char in enumerate(text):
        line, column = index.position(offset)
        if char not in "\r\n":
            assert text[index.line_starts[line - 1] + column - 1] == char


def test_yo_is_folded_for_matching_only():
    document = nlp.parse("Ещё")
    token = document.tokens[0]
    assert token.text == "Ещё" and token.norm == "еще"
    assert "еще" in token.lemmas
    assert document.folded_text == "Еще" and len(document.folded_text) == len(document.text)


def test_a_written_yo_rules_out_the_readings_spelled_with_ye():
    # «подъем» is also «подъем» of «подъесть» (a first-person future); «подъём» is only a noun
    written = nlp.parse("Подъём на этаж платный.").tokens[0]
    folded = nlp.parse("Подъем на этаж платный.").tokens[0]
    assert all("VERB" not in analysis.grammemes for analysis in written.analyses)
    assert any("VERB" in analysis.grammemes for analysis in folded.analyses)
    assert written.norm == folded.norm == "подъем" and "подъем" in written.lemmas


def test_placeholders_are_single_tokens():
    document = nlp.parse("{{ticket.requester.first_name}}, %NAME% [ИМЯ КЛИЕНТА] <имя> {% if x %} ${user}")
    placeholders = [t.text for t in document.tokens if t.kind == "placeholder"]
    assert placeholders == ["{{ticket.requester.first_name}}", "%NAME%", "[ИМЯ КЛИЕНТА]", "<имя>",
                            "{% if x %}", "${user}"]


def test_sentences_do_not_split_after_abbreviations():
    document = nlp.parse("Согласно ст. 20 закона и п. 5.3 оферты, т.е. через 30 дн. Готово!")
    sentences = [document.text[s.start:s.end] for s in document.sentences]
    assert sentences == ["Согласно ст. 20 закона и п. 5.3 оферты, т.е. через 30 дн.", "Готово!"]


@pytest.mark.parametrize("text,expected", [
    ("Долг 4 812,50 руб. В случае неуплаты свет отключат.",
     ["Долг 4 812,50 руб.", "В случае неуплаты свет отключат."]),
    ("Договор продлён в 2024 г. Мы пришлём копию.", ["Договор продлён в 2024 г.", "Мы пришлём копию."]),
    ("Оплата 500 руб. за месяц.", ["Оплата 500 руб. за месяц."]),
    ("Офис в г. Москва открыт.", ["Офис в г. Москва открыт."]),
])
def test_a_unit_after_a_number_ends_the_sentence_before_a_capital(text, expected):
    document = nlp.parse(text)
    assert [text[s.start:s.end] for s in document.sentences] == expected


@pytest.mark.parametrize("text,expected", [
    # a writer who never capitalises starts every sentence in lower case
    ("заказ приедет завтра. курьер позвонит за час", ["заказ приедет завтра.", "курьер позвонит за час"]),
    ("да, возврат возможен. у вас ещё 9 дней. оформите его в карточке",
     ["да, возврат возможен.", "у вас ещё 9 дней.", "оформите его в карточке"]),
    # an abbreviation keeps its sentence, and so does a text with capitals elsewhere
    ("доставка 300 руб. за заказ", ["доставка 300 руб. за заказ"]),
    ("Заказ приедет завтра. курьер позвонит", ["Заказ приедет завтра. курьер позвонит"]),
])
def test_a_dot_ends_the_sentence_of_a_writer_who_never_capitalises(text, expected):
    document = nlp.parse(text)
    assert [text[s.start:s.end] for s in document.sentences] == expected


def test_a_text_is_read_for_its_capitals_once_not_once_per_dot():
    # (a 190 000-character text of lower-case sentences took 100 s when every dot read it)
    nlp._never_capitalised.cache_clear()
    text = "слово за словом. " * 400
    assert len(nlp.parse(text).sentences) == 400
    assert nlp._never_capitalised.cache_info().misses == 1


@pytest.mark.parametrize("text,expected", [
    ("Ждём вас)) Извините, что задержали.", ["Ждём вас))", "Извините, что задержали."]),
    ("Корм уже на складе 🐱 Самовывоз до 21:00.", ["Корм уже на складе 🐱", "Самовывоз до 21:00."]),
    ("Спасибо :) Ждём вас", ["Спасибо :)", "Ждём вас"]),
    ("Цена (без НДС) 500 ₽.", ["Цена (без НДС) 500 ₽."]),
    ("Оплата (картой) Курьер привезёт чек.", ["Оплата (картой) Курьер привезёт чек."]),
    ("Для абонентов МТС (Украина) услуга недоступна.", ["Для абонентов МТС (Украина) услуга недоступна."]),
    ("Жаль(( Завтра привезём.", ["Жаль((", "Завтра привезём."]),
])
def test_a_smiley_or_an_emoji_ends_the_sentence_before_a_capital(text, expected):
    document = nlp.parse(text)
    assert [text[s.start:s.end] for s in document.sentences] == expected


def test_line_breaks_and_paragraphs():
    text = "Здравствуйте, Анна!\nСпасибо за вопрос\n\nС уважением,\nкоманда поддержки"
    document = nlp.parse(text)
    sentences = [text[s.start:s.end] for s in document.sentences]
    assert sentences == ["Здравствуйте, Анна!", "Спасибо за вопрос", "С уважением,\nкоманда поддержки"]
    assert len(document.paragraphs) == 2


def test_missing_space_after_question_mark():
    document = nlp.parse("Вы здесь?!Ответьте")
    assert [t.text for t in document.tokens] == ["Вы", "здесь", "?!", "Ответьте"]
    assert len(document.sentences) == 2


def test_hyphenated_words_known_to_the_dictionary_stay_whole():
    document = nlp.parse("кто-то из-за простите-извините")
    assert [t.text for t in document.tokens] == ["кто-то", "из-за", "простите", "-", "извините"]


def test_negation_marks_the_next_word():
    document = nlp.parse("Мы не можем, но сможем.")
    negated = [t.text for t in document.tokens if t.negated]
    assert negated == ["можем"]


def test_empty_and_blank_text():
    for text in ("", "   ", "\r\n\r\n"):
        document = nlp.parse(text)
        assert document.tokens == [] and document.sentences == []


def test_analyses_are_cached_as_strings():
    nlp.analyse.cache_clear()
    nlp.parse("заказ заказа заказ")
    info = nlp.analyse.cache_info()
    assert info.hits >= 1
    analyses, lemmas, _ = nlp.analyse("заказа")
    assert all(isinstance(lemma, str) for lemma in lemmas)


@pytest.mark.parametrize("word,known", [
    ("аудиоальбомы", True), ("переподписаться", True), ("спецпредложения", True),
    ("заказ", True), ("пожалуста", False), ("извените", False), ("собщение", False),
])
def test_compounds_with_a_known_prefix_are_known_words(word, known):
    assert nlp.analyse(word)[2] is known


@pytest.mark.parametrize("text", [
    "", "   \n", "Здравствуйте!  Заказ № 12 придёт завтра, {{name}}.\n\nЕсли что — пишите: a@b.ru :)",
    "Один.Два? Три!!! «Четыре» (пять) — 6 7 8.\r\nДевять",
    "Звоните: +7 (495) 000-00-00, долг 4 812,50 руб., 2–3 дня (10 / 20).",
])
def test_word_counts_and_sentence_lookup_agree_with_the_plain_definitions(text):
    """count_words and sentence_at are served from indexes built once per document."""
    document = nlp.parse(text)
    size = len(document.tokens)
    # a number joined to the one before it by a sign («000-00-00») or a group of thousands
    # («4 812») is not a word of its own
    joined = set()
    for index, token in enumerate(document.tokens):
        if token.kind != "number":
            continue
        back = index - 1
        while back >= 0 and document.tokens[back].kind == "punct" and document.tokens[back].text in "-–—()+/":
            back -= 1
        if back >= 0 and document.tokens[back].kind == "number" and \
                (back < index - 1 or re.fullmatch(r"\d{3}(?:[.,]\d+)?", token.text)):
            joined.add(index)
    for first in range(-size - 1, size + 2):
        for last in [None, *range(-size - 1, size + 2)]:
            words = [token for token in document.words(first, last) if token.index not in joined]
            assert document.count_words(first, last) == len(words)
    assert document.word_count == sum(token.kind in ("word", "number") and token.index not in joined
                                      for token in document.tokens)
    for offset in range(-1, len(text) + 2):
        expected = next((sentence for sentence in document.sentences
                         if sentence.start <= offset < sentence.end), None)
        assert document.sentence_at(offset) == expected


@pytest.mark.parametrize("text,words", [
    ("Позвоните по номеру +7 (495) 000-00-00.", 4),
    ("Долг 4 812,50 руб.", 3),
    ("Приедем с 10 до 14, через 2–3 дня, 6 7 8.", 11),
])
def test_a_run_of_joined_numbers_is_one_word(text, words):
    assert nlp.parse(text).count_words() == words
