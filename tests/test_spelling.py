"""Typos are words one slip away from a known word; loanwords and prefixed verbs are not."""

from __future__ import annotations

import pytest

from helpers import make_linter


@pytest.fixture(scope="module")
def speller(tmp_path_factory):
    return make_linter(tmp_path_factory.mktemp("s"), "kind: spelling\nmode: unknown\nmin_length: 4\n",
                       category="spelling", rule_id="spelling.test")


@pytest.mark.parametrize("word,suggested", [
    ("пожалуста", "пожалуйста"), ("извените", "извините"), ("отправли", "отправил"),
    ("собщение", "сообщение"), ("месенджеров", "мессенджеров"),
])
def test_a_slip_is_flagged_with_the_word_meant(speller, word, suggested):
    diagnostics = speller.lint(f"Мы {word} вчера.")
    assert [d.text for d in diagnostics] == [word]
    assert suggested in [s.text for s in diagnostics[0].suggestions]


@pytest.mark.parametrize("word", ["биллинге", "энролмент", "сконвертировать", "подгрузится",
                                  "побеспокоиться", "аудиоальбомы"])
def test_loanwords_compounds_and_prefixed_verbs_are_not_typos(speller, word):
    assert speller.lint(f"Мы {word} вчера.") == []


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
