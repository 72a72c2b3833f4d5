"""A regex is skipped when the reply lacks every literal its matches need: that must never
hide a match. The literals are read from the regex's syntax; these tests hold the reading
to what the regex engine actually matches."""

from __future__ import annotations

import re
import sys

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.rules.matching.prefilter import fold, required_literal_sets, required_literals
from helpers import make_linter, spans


@pytest.mark.parametrize("pattern, expected", [
    (r"\bЗПП\b", {"зпп"}),
    (r"(?:вопрос|тема)\s+закрыт[аоы]?", {"закрыт"}),
    (r"[\[(](?:внутр|коммент)", {"[внутр", "(внутр", "[коммент", "(коммент"}),
    (r"с\s+кем\s+не\s+бывает", {"бывает"}),
    (r"(?<![\w-])(?:L|Л)[123](?![\w-])", {"l1", "l2", "l3", "л1", "л2", "л3"}),
    (r"(?i)ёлк[аи]", {"елка", "елки"}),
    (r"(?:ну\s*)?бывает", {"бывает"}),
    # what a branch's matches start with joins the literal before it
    (r"\bсук(?:а|и|ин\w*)\b|\bсуч(?:ка|ки)\b", {"сука", "суки", "сучка", "сучки"}),
    (r"(?:x+)й", {"xй"}),
    # a digit is one of 0-9 (any other digit folds to «0»); repetitions multiply out
    (r"\d{5,}", set("0123456789")),
    (r"(?:тикет|\d+)", {"тикет", *"0123456789"}),
    (r"[XХ]{3,}", {a + b + c for a in "xх" for b in "xх" for c in "xх"}),
    (r"\b\d{1,2}[:.]\d{2}\b", {separator + digit for separator in ":." for digit in "0123456789"}),
    # 28 optional prefixes × 3 endings is too many strings: the prefixes are cut away
    (r"\b(?:" + "|".join("абвгдежзиклмнопрстуфцчшщэюя") + r")?хв(?:ост|ат|ан)\w*",
     {"хвост", "хват", "хван"}),
])
def test_literals_every_match_needs(pattern, expected):
    assert required_literals(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"\w{5,}",              # any letter: no literal
    r"^\s*[а-яе]",          # a wide class
    r"(?:тикет|\w+)",       # one branch needs no literal, so the whole needs none
    r"(?:заявка)?\s*\w",    # the literal is optional
    r"\p{Lu}{3}",           # the regex module's own syntax: not analysed, always run
    r"(",                   # not even a regex
    r"ǅ+",                  # a titlecase letter: folding it is not exact
])
def test_no_prefilter_when_nothing_is_certain(pattern):
    assert required_literals(pattern) is None


@pytest.mark.parametrize("pattern, expected", [
    # every match holds one of the first words and one of the second
    (r"(?:вопрос|тема)\s+(?:закрыт[аоы]?|окончен)", [{"закрыт", "окончен"}, {"вопрос", "тема"}]),
    # the best set first, then the others, longest first; single letters and digits are
    # in most replies and are left out (unless they are all there is)
    (r"это\s+уже\s+не\s+к\s+нам", [{"это"}, {"нам"}, {"уже"}, {"не"}]),
    # a set with a single letter filters nothing (every reply has an «с»): the digits do
    (r"\b(?:с|до)\s\d{1,2}\b", [set("0123456789")]),
    (r"(?<![\w.])(?:п|пп|пункт[а-я]*)\.?\s?\d+", [set("0123456789")]),
    (r"\bа\b", []),
    # a Latin letter or a bracket alone is in few Russian replies: it filters as well
    (r"(?:\bP\.?\s?S\.?|\bП\.\s?С\.)\s*(?:это|он)", [{"это", "он"}, {"p", "п."}, {"s", "с."}]),
    (r"[\[(]\s*для\s+\w+\s*:", [{"для"}, {"[", "("}]),
    # «закрыта» holds «закрыт»: the longer set adds nothing and is left out
    (r"закрыт\w*\s+закрыта", [{"закрыта"}]),
    # alternatives: what each needs, what each starts and ends with, taken together
    (r"(?:вопрос\s+закрыт|тема\s+исчерпана)",
     [{"вопрос", "исчерпана"}, {"закрыт", "исчерпана"}, {"вопрос", "тема"}]),
    (r"\w{5,}", []),
])
def test_every_set_of_literals_a_match_needs(pattern, expected):
    sets = required_literal_sets(pattern)
    assert [set(strings) for strings in sets] == expected
    assert (sets[0] if sets else None) == required_literals(pattern)


def test_verbose_patterns_are_read_with_their_flag():
    assert required_literals("тикет  # a comment", regex.VERBOSE) == {"тикет"}


def _all_characters() -> str:
    return "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)


def test_every_character_the_engine_equates_with_a_literal_folds_the_same():
    """Case-insensitive matching equates «ᲀ» with «в» and «ſ» with «s»: a literal letter is
    only used when every such character folds to the same string as the letter."""
    everything = _all_characters()
    letters = [chr(code) for code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0x400, 0x460)]]
    for letter in letters:
        if required_literals(regex.escape(letter)) is None:
            continue  # not used as a literal
        equals = set(regex.findall(regex.escape(letter), everything, flags=regex.IGNORECASE))
        assert {fold(character) for character in equals} == {fold(letter)}, letter


def test_every_digit_the_engine_matches_folds_to_an_ascii_digit():
    """``\\d`` matches «١», «１», «߀»…: folded, each must be one of 0-9, where the literals
    made of ``\\d`` look for it."""
    digits = regex.findall(r"\d", _all_characters())
    assert len(digits) > 600
    assert all(fold(digit) in "0123456789" for digit in digits)
    assert fold("Время ١٢:٣٠") == "время 00:00"


def _bundled_regexes(linter):
    """(pattern, every set of literals it needs) of each bundled regex with a prefilter."""
    found = {}
    for pattern_set in linter.matcher.pattern_sets:
        more = pattern_set.more_needles or ((),) * len(pattern_set.regexes)
        for pattern, needles, also in zip(pattern_set.regexes, pattern_set.needles, more):
            if needles is not None:
                found.setdefault(pattern.pattern, (pattern, (needles, *also)))
    return list(found.values())


def test_most_bundled_regexes_get_a_prefilter(linter):
    patterns = {pattern.pattern for pattern_set in linter.matcher.pattern_sets
                for pattern in pattern_set.regexes}
    assert len(_bundled_regexes(linter)) >= 0.9 * len(patterns)


def test_text_generated_from_each_bundled_regex_passes_its_prefilter(linter):
    """Hypothesis writes strings each bundled regex matches (in any case): every one must
    contain one literal of each set the regex needs once folded. Regexes Python's engine
    cannot compile (variable-width look-behind) are covered by the rule examples instead."""
    checked = 0
    for pattern, literal_sets in _bundled_regexes(linter):
        try:
            strategy = st.from_regex(re.compile(pattern.pattern, re.IGNORECASE | re.MULTILINE))
        except re.error:
            continue

        @settings(max_examples=15, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def holds(text):
            assert pattern.search(text.replace("ё", "е").replace("Ё", "Е")) is None or \
                all(any(needle in fold(text) for needle in needles) for needles in literal_sets), \
                (pattern.pattern, text)

        holds()
        checked += 1
    assert checked >= 80


def test_a_skipped_regex_changes_nothing(tmp_path):
    linter = make_linter(tmp_path, """
kind: existence
match:
  regex: ['\\bЗПП\\b', '(?:вопрос|тема)\\s+закрыт[аоы]?']
""")
    assert spans(linter, "Согласно ЗпП вы правы. ТЕМА  ЗАКРЫТА.") == ["ЗпП", "ТЕМА  ЗАКРЫТА"]
    assert spans(linter, "Согласно закону вы правы. Тема обсуждения закрыта.") == []
    assert spans(linter, "Тема ЗАКРЁТА, ёлки.") == []


def test_the_literal_finder_finds_exactly_the_literals_a_text_holds(linter):
    """Which literals a reply holds is found in one Aho-Corasick pass; it must agree with
    asking `in` of every literal, overlapping and nested ones included («еб» in «ебал»)."""
    needles = sorted(linter.matcher.needles)
    assert len(needles) > 100
    pieces = st.sampled_from(needles) | st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя .,!?*#@\n\ud800😀", max_size=4)

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.lists(pieces, max_size=30).map("".join))
    def agrees(text):
        assert linter.matcher.needles_in(text) == {needle for needle in needles if needle in text}

    agrees()


def test_the_literal_finder_survives_the_rule_cache(linter):
    import pickle

    copy = pickle.loads(pickle.dumps(linter.matcher))
    assert copy._needle_finder._automaton is None  # not pickled: rebuilt on first use
    text = "бля, это хрень, а не ответ; см. п. 3 договора"
    assert copy.needles_in(text) == linter.matcher.needles_in(text) != frozenset()
