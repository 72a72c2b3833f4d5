"""Our own Document/Token/Sentence types, so kinds and tests stay free of spaCy objects.

Every span is a pair of character offsets into the text exactly as it was read; line and
column are derived from an offset by one function (:meth:`LineIndex.position`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

#: The kinds of token (:attr:`Token.kind`); rules name them in ``kind:`` tests.
WORD = "word"
NUMBER = "number"
PUNCT = "punct"
PLACEHOLDER = "placeholder"
URL = "url"
EMAIL = "email"
SYMBOL = "symbol"

#: Token kinds that count as words of the reply (placeholders do not).
WORDLIKE = frozenset({WORD, NUMBER})
#: Signs that join numbers into one: «000-00-00», «(495)», «+7», «2–3», «10/20».
_NUMBER_JOINERS = frozenset({"-", "–", "—", "(", ")", "+", "/"})
#: A group of thousands after a space: «4 812», «1 000 000», «8 800 555».
_THOUSANDS = re.compile(r"\d{3}(?:[.,]\d+)?")


def _joins(previous: "Token | None", token: "Token", signed: bool) -> bool:
    """Is the number ``token`` part of the same number as ``previous`` (a phone number, a
    sum, a range), not a number of its own («6 7 8»)?"""
    if previous is None:
        return False
    return signed or _THOUSANDS.fullmatch(token.text) is not None


@dataclass(frozen=True, slots=True)
class Analysis:
    """One morphological reading of a word: its lemma and grammemes (POS included)."""

    lemma: str
    grammemes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Token:
    """A token with exact offsets and every candidate reading of it.

    Attributes:
        norm: lower-cased surface form with «ё» folded to «е».
        lemmas: all candidate lemmas (folded), plus ``norm`` itself.
        analyses: every pymorphy3 reading, not only the first.
        negated: the previous word is «не» or «ни».
        known: the dictionary knows the word (or a known prefix plus a word it knows).
    """

    index: int
    start: int
    end: int
    text: str
    norm: str
    kind: str
    lemmas: frozenset[str]
    analyses: tuple[Analysis, ...]
    sentence: int
    negated: bool = False
    known: bool = True
    #: The first word of its sentence (quotes, dashes and list markers before it aside).
    sentence_start: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its character span and the half-open range of its tokens."""

    index: int
    start: int
    end: int
    first_token: int
    last_token: int  # exclusive
    paragraph: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    first_sentence: int
    last_sentence: int  # exclusive


class LineIndex:
    """Maps character offsets to 1-based (line, column); CRLF, LF and CR end a line."""

    __slots__ = ("line_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        index = 0
        length = len(text)
        # The next "\n" and "\r" are searched for again only once passed: a file without
        # "\r" must not be rescanned to its end for every line (quadratic).
        newline = text.find("\n")
        carriage = text.find("\r")
        while newline >= 0 or carriage >= 0:
            if carriage < 0 or (0 <= newline < carriage):
                index = newline + 1
            elif carriage + 1 < length and text[carriage + 1] == "\n":
                index = carriage + 2
            else:
                index = carriage + 1
            starts.append(index)
            if 0 <= newline < index:
                newline = text.find("\n", index)
            if 0 <= carriage < index:
                carriage = text.find("\r", index)
        self.line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of the character at ``offset``."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


@dataclass(slots=True)
class Document:
    """A parsed reply. ``text`` is the reply exactly as read; nothing here moves offsets."""

    text: str
    tokens: list[Token]
    sentences: list[Sentence]
    paragraphs: list[Paragraph]
    #: ``text`` with «ё» folded to «е» (same length), for raw-text regexes.
    folded_text: str
    #: The reply with the markup ``text`` blanks out (Markdown's tags and link targets, the
    #: lines quoting the client), the same length: what a rewrite keeps between the words
    #: it changes and what a finding quotes. None: ``text`` itself.
    source: str | None = None
    #: Characters of ``text`` that do not stand as they are in the file (escapes, doubled
    #: quotes) and characters an edit may not write (they would end the string the reply
    #: sits in): a rewrite over the first or with the second is offered as advice.
    synthetic: frozenset[int] = frozenset()
    forbidden: str = ""
    #: How many words come before each token (and after the last one), built on first
    #: use: rules count the words of sentences and paragraphs often. A run of numbers
    #: joined by spaces or signs is one word (see :meth:`_count_words_before`).
    _words_before: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _sentence_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    def words(self, first: int = 0, last: int | None = None) -> list[Token]:
        """The word and number tokens in ``tokens[first:last]``."""
        return [token for token in self.tokens[first:last] if token.kind in WORDLIKE]

    def count_words(self, first: int = 0, last: int | None = None) -> int:
        """How many words ``tokens[first:last]`` holds, a run of joined numbers being one
        («+7 (495) 000-00-00»; the part of a run that began before ``first`` adds none)."""
        before = self._words_before
        if before is None:
            before = self._count_words_before()
        count = len(self.tokens)
        if last is None:
            last = count
        if not 0 <= first <= last <= count:  # (rules ask of whole sentences: this is rare)
            first, last, _ = slice(first, last).indices(count)
        return before[last] - before[first] if last > first else 0

    def _count_words_before(self) -> list[int]:
        # A phone number, a sum or a range is one thing to read («+7 (495) 000-00-00»,
        # «4 812,50», «2–3»): numbers joined by spaces or these signs count as one word.
        before = [0]
        count = 0
        previous: Token | None = None  # the number a following one may join
        signed = False  # a joining sign stands since that number
        for token in self.tokens:
            if token.kind == NUMBER:
                count += not _joins(previous, token, signed)
                previous, signed = token, False
            elif token.kind == PUNCT and token.text in _NUMBER_JOINERS and previous is not None:
                signed = True
            else:
                count += token.kind == WORD
                previous, signed = None, False
            before.append(count)
        self._words_before = before
        return before

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding the character at ``offset`` (None between sentences)."""
        starts = self._sentence_starts
        if starts is None:
            starts = self._sentence_starts = [sentence.start for sentence in self.sentences]
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    @property
    def word_count(self) -> int:
        return self.count_words()
