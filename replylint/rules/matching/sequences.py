"""A sequence of token tests (a phrase, a token pattern) and how it matches at a token."""

from __future__ import annotations

from dataclasses import dataclass, field

from replylint.document import PUNCT, Token
from replylint.rules.matching.tokens import GAP_KINDS, SOFT_PUNCT, SOFT_PUNCT_TEST, TokenTest, required_lemmas


@dataclass(frozen=True, slots=True)
class Sequence:
    """Token tests a run of tokens must pass in order (soft punctuation between words is
    stepped over). Everything but ``elements`` is derived from them, for the matcher."""

    elements: tuple[TokenTest, ...]
    #: How many leading elements take exactly one token (no gap, nothing optional or
    #: repeated): those are matched by a plain loop, the rest by the backtracking search.
    prefix: int = field(init=False, repr=False, compare=False)
    #: For each element: does soft punctuation before it get stepped over?
    skips: tuple[bool, ...] = field(init=False, repr=False, compare=False)
    #: Lemma sets of the required elements after the first: a sentence none of whose
    #: words has a lemma from each set cannot hold a match (checked before matching).
    requirements: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)
    #: Tests one of which the first token of any match must pass (None: a match may start
    #: at any token); see :func:`_start_tests`.
    start_tests: tuple[TokenTest, ...] | None = field(init=False, repr=False, compare=False)
    #: The first element takes one token and tests nothing but that token: the matcher's
    #: start test (run when it picks the sequence for a word) is its whole test.
    first_decided: bool = field(init=False, repr=False, compare=False)
    #: ... and it is the only element: the start test decides the match.
    decided_at_start: bool = field(init=False, repr=False, compare=False)
    #: One element taking one token, whose test beyond the start test looks only at the
    #: word itself (an ``exclude`` without neighbour tests, decided once per distinct word)
    #: and at whether it is negated or opens its sentence (two fields of the token): the
    #: matcher decides the match without trying the sequence.
    decided_by_token: bool = field(init=False, repr=False, compare=False)
    #: The second element, when it must take the word right after the first (past soft
    #: punctuation) and is not filed by lemma («зайка» after a comma, a verb after «мы»):
    #: the matcher puts the next word to its start test (a text regex's verdict on a word
    #: is remembered) instead of trying the sequence.
    second_test: TokenTest | None = field(init=False, repr=False, compare=False)
    #: The lemmas one of which the second element's word must have, when it must be the
    #: word right after the first element's (see :meth:`lemmas_after`); else None.
    second_lemmas: frozenset[str] | None = field(init=False, repr=False, compare=False)
    #: After the single-token prefix, a gap that tests nothing but the token's kind and
    #: then single-token words only («закрыть {0,3} обращение»): (the gap's least and most
    #: tokens, the words' tests, whether each steps over soft punctuation), matched by a
    #: loop (see :func:`_match_gap_tail`) instead of the backtracking search; else None.
    gap_tail: tuple | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        elements = self.elements
        prefix = _single_token_prefix(elements)
        skips = tuple(position > 0 and element.steps_over_soft_punct
                      for position, element in enumerate(elements))
        head = elements[0]
        first_decided = prefix >= 1 and head.negated is None and head.sentence_start is None \
            and head.exclude is None
        derived = {
            "prefix": prefix,
            "skips": skips,
            "requirements": _requirements(elements),
            "start_tests": _start_tests(elements),
            "first_decided": first_decided,
            "decided_at_start": first_decided and len(elements) == 1,
            "decided_by_token": not first_decided and prefix == 1 and len(elements) == 1
            and (head.exclude is None or _word_test(head.exclude)),
            "second_test": _second_test(elements, prefix, skips),
            "second_lemmas": _second_lemmas(elements, skips),
            "gap_tail": _gap_tail(elements, prefix, skips),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def lemmas_after(self, token: Token) -> frozenset[str] | None:
        """Lemmas one of which the word after ``token`` (past soft punctuation) must have
        for a match to start at ``token``; None when that cannot be said.

        It can be said when the first element takes at most one token and the second at
        least one: the second then starts right after the first. An optional first
        element may also be absent, and the second start at ``token`` itself, unless
        ``token`` cannot start the second.
        """
        lemmas = self.second_lemmas
        if lemmas is None:
            return None
        elements = self.elements
        if elements[0].minimum == 0 and elements[1].may_start(token):
            return None
        return lemmas

    def match_at(self, tokens: list[Token], start: int, stop: int, first_checked: bool = False) -> int | None:
        """Match starting at ``tokens[start]``; return the index of the last token used.

        ``first_checked``: the start test (:meth:`TokenTest.may_start`) of the first
        element passed on ``tokens[start]``, so it is not run again (only the tests that
        look at the neighbours are, when the element has them).
        """
        elements = self.elements
        # The steps _match takes while every count is 1: there is nothing to backtrack to.
        index = start
        skips = self.skips
        first = 0
        if first_checked and self.prefix:
            # The start test was the first element's may_start: what accepts adds to it
            # (the neighbour tests) is all that is left to check.
            if not self.first_decided and not elements[0].accepts_started(tokens[start]):
                return None
            first, index = 1, start + 1
        for position in range(first, self.prefix):
            if skips[position]:
                while index < stop and tokens[index].kind == PUNCT and tokens[index].text in SOFT_PUNCT:
                    index += 1
            if index >= stop or not elements[position].accepts(tokens[index]):
                return None
            index += 1
        if self.prefix == len(elements):
            return index - 1
        if self.gap_tail is not None:
            return _match_gap_tail(self.gap_tail, tokens, index, stop)
        return _match(elements, self.prefix, tokens, index, stop, index - 1 if self.prefix else -1)


def _match(elements, position, tokens, index, stop, last, after_gap=False):
    """The backtracking search from ``elements[position]`` on: the index of the last token
    of a match, or None."""
    if position == len(elements):
        return last
    element = elements[position]
    # A comma may stand between two words of a phrase, but a gap that took words must
    # not reach across one («если не получится, можем» is not «не {0,2} мочь»).
    if position > 0 and not element.is_gap and not after_gap:
        while index < stop and tokens[index].kind == PUNCT and tokens[index].text in SOFT_PUNCT \
                and (element.kinds is None or PUNCT not in element.kinds):
            index += 1
    # Gaps are lazy (shortest span first); words are greedy (longest repetition first).
    # Whether a token passes does not depend on the count tried: the run of tokens that
    # pass is read once (a repeated ``text:`` test would run its regex again on the same
    # words for every count), and each count either fits in it or is skipped.
    if element.is_gap:
        end = index
        for count in range(element.minimum, element.maximum + 1):
            while end - index < count and end < stop and element.accepts(tokens[end]):
                end += 1
            if end - index < count:
                return None  # (a longer span would need the same token to pass)
            result = _match(elements, position + 1, tokens, end, stop, end - 1 if count else last, count > 0)
            if result is not None:
                return result
        return None
    end = index
    most = element.maximum
    while end - index < most and end < stop and element.accepts(tokens[end]):
        end += 1
    for count in range(end - index, element.minimum - 1, -1):
        end = index + count
        result = _match(elements, position + 1, tokens, end, stop, end - 1 if count else last)
        if result is not None:
            return result
    return None


def _match_gap_tail(tail: tuple, tokens, index: int, stop: int) -> int | None:
    """What :func:`_match` returns for a :attr:`Sequence.gap_tail` starting at ``index``:
    the gap takes as few tokens as it can (each one it takes must be of a kind a gap steps
    over), and the words after it match one token each, so the first gap length after
    which they match is the match; no other choice is left to backtrack to."""
    least, most, words, skips = tail
    taken = 0
    end = index
    while True:
        if taken >= least:
            position = end
            for number, element in enumerate(words):
                # (soft punctuation right after a gap that took words is not stepped over)
                if skips[number] and (number or not taken):
                    while position < stop and tokens[position].kind == PUNCT and tokens[position].text in SOFT_PUNCT:
                        position += 1
                if position >= stop or not element.accepts(tokens[position]):
                    break
                position += 1
            else:
                return position - 1
        if taken >= most or end >= stop or tokens[end].kind not in GAP_KINDS:
            return None
        end += 1
        taken += 1


def _gap_tail(elements: tuple[TokenTest, ...], prefix: int, skips: tuple[bool, ...]) -> tuple | None:
    """See :attr:`Sequence.gap_tail`."""
    if prefix < 1 or len(elements) < prefix + 2:
        return None
    gap = elements[prefix]
    if not gap.is_gap or gap.negated is not None or gap.sentence_start is not None or gap.exclude is not None:
        return None
    words = elements[prefix + 1:]
    if any(element.is_gap or element.minimum != 1 or element.maximum != 1 for element in words):
        return None
    return gap.minimum, gap.maximum, words, skips[prefix + 1:]


def _word_test(test: TokenTest) -> bool:
    """Does ``test`` look at nothing but the word (so that :meth:`TokenTest.accepts` is
    :meth:`TokenTest.may_start`)?"""
    return test.negated is None and test.sentence_start is None and test.exclude is None and not test.is_gap


def _single_token_prefix(elements: tuple[TokenTest, ...]) -> int:
    """How many leading elements take exactly one token."""
    prefix = 0
    for element in elements:
        if element.minimum != 1 or element.maximum != 1 or element.is_gap:
            break
        prefix += 1
    return prefix


def _requirements(elements: tuple[TokenTest, ...]) -> tuple[frozenset[str], ...]:
    """The lemma sets of the elements after the first that must take a token."""
    required = (None if element.is_gap or element.minimum < 1 else required_lemmas(element)
                for element in elements[1:])
    return tuple(lemmas for lemmas in required if lemmas is not None)


def _start_tests(elements: tuple[TokenTest, ...]) -> tuple[TokenTest, ...] | None:
    """Tests one of which the first token of any match of ``elements`` must pass.

    An optional element may be absent, and then soft punctuation or the next element can
    stand first; a gap can start anywhere (None: try the sequence at every token).
    """
    tests: list[TokenTest] = []
    for position, element in enumerate(elements):
        if element.is_gap:
            return None
        tests.append(element)
        if element.minimum >= 1:
            return tuple(tests)
        if position + 1 < len(elements):
            tests.append(SOFT_PUNCT_TEST)
    return None


def _second_test(elements: tuple[TokenTest, ...], prefix: int, skips: tuple[bool, ...]) -> TokenTest | None:
    """The second element, when the matcher should put the next word to its start test
    (see :attr:`Sequence.second_test`)."""
    if prefix >= 2 and skips[1] and required_lemmas(elements[1]) is None:
        return elements[1]
    return None


def _second_lemmas(elements: tuple[TokenTest, ...], skips: tuple[bool, ...]) -> frozenset[str] | None:
    """The lemmas the word right after the first element's must have (see
    :attr:`Sequence.second_lemmas`)."""
    if len(elements) < 2:
        return None
    first, second = elements[0], elements[1]
    if first.is_gap or first.maximum != 1 or second.is_gap or second.minimum < 1 or not skips[1]:
        return None
    return required_lemmas(second)
