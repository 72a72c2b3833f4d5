"""Typos are words one slip away from a known word; loanwords and prefixed verbs are not."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import make_linter


@pytest.fixture(scope="module")
def speller(tmp_path_factory):
    return make_linter(tmp_path_factory.mktemp("s"), "kind: spelling\nmode: unknown\nmin_length: 4\n",
                       category="spelling", rule_id="spelling.test")


@pytest.mark.parametrize("word,suggested", [
    ("пожалуста", "пожалуйста"), ("извените", "извините"), ("отправли", "отправил"),
    ("собщение", "сообщение"), ("месенджеров", "мессенджеров"),
    # a known prefix on a guess is no compound: «за|втро», «мета|лическим» are slips
    ("завтро", "завтра"), ("металическим", "металлическим"),
])
def test_a_slip_is_flagged_with_the_word_meant(speller, word, suggested):
    diagnostics = speller.lint(f"Мы {word} вчера.")
    assert [d.text for d in diagnostics] == [word]
    assert suggested in [s.text for s in diagnostics[0].suggestions]


@pytest.mark.parametrize("word", ["биллинге", "энролмент", "сконвертировать", "подгрузится",
                                  "побеспокоиться", "аудиоальбомы", "лагает", "истерить",
                                  # an adjective in «-ов-» from a known noun; the adjective of a known adverb
                                  "багажевой", "семикратном"])
def test_loanwords_compounds_and_prefixed_verbs_are_not_typos(speller, word):
    assert speller.lint(f"Мы {word} вчера.") == []


@pytest.mark.parametrize("word", [
    # a noun made from a verb behind a prefix; a spelling only borrowed words have («бэ», «-инг»)
    "пересборке", "бэклоге", "скрэпер", "маркетингами"])
def test_derived_nouns_and_borrowed_spellings_are_not_typos(speller, word):
    assert speller.lint(f"Мы говорили о {word} вчера.") == []


@pytest.mark.parametrize("word", [
    # two known nouns, the first clipped; a known noun with a suffix of medicine; «-онн-» from «-ия»
    "хирургпункта", "стройпункта", "тромбоцитоза", "лимфоцитоз", "модерационные", "промоционные",
    "допрошивку", "донастройке"])
def test_words_made_from_known_ones_by_a_pattern_are_recognised(word):
    from replylint.rules.kinds.spelling import _formed_from_known

    assert _formed_from_known(word)


@pytest.mark.parametrize("word", ["заказзе", "оправителю", "пожалуста", "собщение", "завтро"])
def test_slips_are_not_taken_for_words_made_by_a_pattern(word):
    from replylint.rules.kinds.spelling import _formed_from_known

    assert not _formed_from_known(word)


def test_a_borrowed_spelling_one_close_letter_from_a_known_word_is_a_slip(speller):
    # «ж» for «ш» on a neighbouring key: «жопинг» is «шопинг» mistyped
    assert [d.text for d in speller.lint("Скидки для жопинга вчера.")] == ["жопинга"]


@pytest.mark.parametrize("word", ["пердать", "работет", "сообшим", "сажалению", "видить", "пунит"])
def test_a_slip_ending_like_a_verb_is_still_a_slip(speller, word):
    assert [d.text for d in speller.lint(f"Мы {word} вчера.")] == [word]


def test_names_mid_sentence_abbreviations_and_placeholders_are_left_alone(speller):
    assert speller.lint("Передайте Вольдемару, что СДЭК и {{namme}} на месте.") == []


@pytest.mark.parametrize("word", ["пожалуста", "извените", "отправли", "собщение", "елкаа",
                                  "зиленый", "ёжек", "щетчик", "превет", "аааааа", "ъ", "ба"])
@pytest.mark.parametrize("max_cost", [2, 3])
def test_skipping_edits_past_the_known_prefix_loses_no_word(word, max_cost):
    # nearest_known skips edits after the longest prefix that starts a dictionary word
    # (with «ё» for «е»); trying every edit must find the very same words.
    from replylint import nlp
    from replylint.rules.kinds import spelling

    known = nlp.is_known_word  # pymorphy3's own test, not the batch filter nearest_known uses
    every = {}
    for cost, batch in spelling._edits(word, max_cost):
        for candidate in batch:
            if candidate != word and candidate not in every and known(candidate):
                every[candidate] = cost
    expected = tuple(sorted(every, key=lambda candidate: (every[candidate], candidate)))
    assert spelling.nearest_known.__wrapped__(word, max_cost) == expected


def test_a_known_prefix_may_have_yo_for_ye():
    from replylint import nlp
    from replylint.rules.kinds import spelling

    known_prefix = nlp.known_prefix_test()
    assert known_prefix("елк") and known_prefix("ёлк") and not known_prefix("ъъ")
    assert spelling._known_prefix_length("елкаа", known_prefix) == 4
    # the dictionary spells it «ёлка»: the prefix «елк» is found only through «ё»
    assert spelling.nearest_known.__wrapped__("елкаа", 2) == ("елка",)


_SLIPPED_FROM = ["пожалуйста", "извините", "сообщение", "ёлка", "ещё", "счётчик", "зелёный",
                 "отправили", "доставка", "перезвоните", "мессенджер", "ответственность", "кот"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(_SLIPPED_FROM), position=st.integers(0, 20),
       letter=st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюя-"),
       edit=st.sampled_from(["insert", "replace", "delete", "swap"]), max_cost=st.sampled_from([1, 2, 3]))
def test_searching_with_a_wildcard_finds_what_letter_by_letter_lookups_find(base, position, letter,
                                                                              edit, max_cost):
    # nearest_known walks the dictionary once per position with a wildcard for the letter
    # put in or swapped; looking up every such word one by one must give the same answer.
    from replylint import nlp
    from replylint.rules.kinds import spelling

    word = nlp.fold(base)
    position = min(position, len(word))
    word = {"insert": word[:position] + letter + word[position:],
            "replace": word[:position] + letter + word[position + 1:],
            "delete": word[:position] + word[position + 1:],
            "swap": word[:position] + word[position + 1:position + 2] + word[position:position + 1]
            + word[position + 2:]}[edit]
    word = nlp.fold(word) or "а"
    searched = spelling.nearest_known.__wrapped__(word, max_cost)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nlp, "dictionary_search", lambda letters: None)
        looked_up = spelling.nearest_known.__wrapped__(word, max_cost)
    assert searched == looked_up


def test_the_dictionary_can_be_searched_with_a_wildcard():
    from replylint import nlp

    search = nlp.dictionary_search("абвгдежзийклмнопрстуфхцчшщъыьэюя")
    assert search is not None  # pymorphy3's DAWG: the fast path is the one tested above
    assert set(search("к" + nlp.WILDCARD + "т")) >= {"кот", "кит"}
    assert "елка" in search("ел" + nlp.WILDCARD + "а")  # «ёлка», folded


def test_a_loanword_whose_only_neighbours_are_names_is_not_a_typo(speller):
    # «ламинат» is one letter from the name «Аминат», «гейта» from «Гейтса»
    assert speller.lint("Мы постелили ламинат, кафе у гейта открыто.") == []


def test_an_ignored_word_is_ignored_in_every_form_of_its_guessed_lemma(tmp_path):
    linter = make_linter(tmp_path, "kind: spelling\nmode: unknown\nmin_length: 4\nignore: [грумер]\n",
                         category="spelling", rule_id="spelling.test")
    assert linter.lint("Мы поговорили с грумером и грумерами.") == []


def test_a_slip_into_a_rude_word_stands_next_to_the_remark_that_calls_it_rude(lint):
    remarks = {d.rule for d in lint("Ваш лох № 4471 снят с торгов, задаток вернём до пятницы.")}
    assert {"spelling.offensive-slip", "offensive.labels"} <= remarks
    # meant, not mistyped: only the remark on rudeness
    remarks = {d.rule for d in lint("Ну вы и лох, всё же написано.")}
    assert "spelling.offensive-slip" not in remarks and "offensive.labels" in remarks
