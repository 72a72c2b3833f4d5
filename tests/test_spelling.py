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
