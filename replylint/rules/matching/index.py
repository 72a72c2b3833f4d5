"""The index of every registered sequence (:class:`Matcher`) and what it says about a
word (:class:`Row`): which sequences may start there, and how they are to be tried."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from replylint.document import Document, Token
from replylint.rules.matching.gates import TextGates
from replylint.rules.matching.literals import LiteralFinder
from replylint.rules.matching.regexes import RegexTimeout
from replylint.rules.matching.sequences import Sequence
from replylint.rules.matching.sets import PatternSet
from replylint.rules.matching.table import MatchTable
from replylint.rules.matching.tokens import TokenTest, index_keys, required_lemmas

#: Distinct (kind, text) pairs whose rows are remembered; the memory is emptied when it
#: grows past this, so a long batch cannot grow it without bound.
CANDIDATE_CACHE_SIZE = 50_000
_NO_CANDIDATES: tuple = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """A registered sequence, as the index files it."""

    sequence: Sequence
    #: The pattern set it belongs to.
    ident: int
    #: It belongs to a lazy set (see :meth:`Matcher.register`).
    lazy: bool
    #: The bits of its requirements (see :class:`Matcher`).
    mask: int


@dataclass(frozen=True, slots=True)
class Row:
    """What the index says about one distinct word (see :meth:`Matcher.candidates`).

    The sequences to try at the word are held as (sequence, ident, requirement mask)
    triples, routed by what else must hold for them to be tried. The document pass reads
    a row for every token, and most rows are of words that start nothing, so empty
    fields are shared constants rather than objects of their own; a slotted class,
    because reading a few fields of it is cheaper than unpacking a tuple.
    """

    #: Triples to try whatever follows the word.
    always: tuple
    #: (requirement bit, triples) of sequences whose second element needs a lemma: tried
    #: only when the next word (past soft punctuation) meets that requirement.
    by_next: tuple[tuple[int, tuple], ...]
    #: The bits of ``by_next`` together.
    next_bits: int
    #: (the second element's test, triples) of sequences whose next word must pass that
    #: test (see :attr:`Sequence.second_test`).
    by_test: tuple[tuple[TokenTest, tuple], ...]
    #: Idents of the one-token sequences this word matches outright.
    certain: tuple[int, ...]
    #: (ident, negated, sentence_start) of the one-token sequences this word matches when
    #: the token is (not) negated and (does not) open its sentence, as each says (None:
    #: either); see :attr:`Sequence.decided_by_token`.
    checked: tuple[tuple[int, bool | None, bool | None], ...]
    #: The lazy sequences that may start here by pattern set, each as (sequence, the
    #: requirement bit the next word must meet or 0, requirement mask); None: none.
    lazy: dict[int, tuple] | None
    #: The bits (see :attr:`Matcher.lazy_sets`) of the sets in ``lazy``.
    lazy_bits: int
    #: The requirement bits the word itself meets.
    bits: int
    #: The requirement bits every sequence of ``always`` has (a sentence without one of
    #: them holds none of them), and those any of them has.
    always_common: int
    always_union: int
    #: The triples of ``always`` a sentence with given bits (of ``always_union``) can
    #: hold, remembered as the document pass asks (None without ``always``; see
    #: :data:`~replylint.rules.matching.table.ALWAYS_MEMO_SIZE`).
    always_passing: dict[int, tuple] | None = field(compare=False)
    #: The requirement bits of the triples of ``by_next`` together, and those of them a
    #: sentence can hold by the bits the next word meets among ``next_bits`` and the
    #: sentence's among ``next_union`` (remembered as :attr:`always_passing` is).
    next_union: int = field(default=0, compare=False)
    next_passing: dict[tuple[int, int], tuple] | None = field(default=None, compare=False)
    #: There is something to try here beyond ``certain``.
    tries: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tries", bool(self.always or self.next_bits or self.by_test))


class Matcher:
    """All pattern sets of a rule collection, indexed for a single pass.

    A sequence is filed under the lemmas, grammemes or token kind its first token must
    have; sequences starting with a ``text:`` regex are routed by :class:`TextGates`.
    For every distinct (kind, text) the matcher remembers which sequences can start
    there (its :class:`Row`), so a word seen before costs one dictionary lookup.

    Each distinct requirement (see :attr:`Sequence.requirements`) is a bit; a sequence's
    mask has the bits of its requirements, a lemma's those of the requirements it meets.
    A sentence meets a sequence's requirements when the lemmas of its words together have
    every bit of the mask (one AND for a loop of set tests).
    """

    def __init__(self) -> None:
        self.pattern_sets: list[PatternSet] = []
        self.entries: list[Entry] = []
        self._requirement_bits: dict[frozenset[str], int] = {}
        self._lemma_bits: dict[str, int] = {}
        #: Idents of the pattern sets registered as lazy, each with a bit of its own: a
        #: word's row has the bits of the lazy sets that may start there, so that a
        #: sentence none of whose words has a set's bit is not searched for it.
        self.lazy_sets: dict[int, int] = {}
        self._index: dict[str, dict[str, list[int]]] = {"lemma": {}, "grammeme": {}, "kind": {}}
        #: Entries filed under no key (their first token is tested by a regex alone), and
        #: entries that may start anywhere (a gap first).
        self._scanned: list[int] = []
        self._everywhere: list[int] = []
        self._gates: TextGates | None = None
        #: The rows of words seen, by token kind, then text (two lookups are cheaper than
        #: building a key a token).
        self.word_rows: dict[str, dict[str, Row]] = {}
        self._word_count = 0
        #: The distinct rows among those, by what they are made of (see :meth:`candidates`).
        self._distinct_rows: dict[tuple, Row] = {}
        #: Every literal the sets' regexes need (see
        #: :mod:`~replylint.rules.matching.prefilter`), and their finder (made when asked).
        self.needles: set[str] = set()
        self._needle_finder: LiteralFinder | None = None

    def register(self, pattern_set: PatternSet, lazy: bool = False) -> PatternSet:
        """File ``pattern_set``'s sequences in the index.

        A ``lazy`` set (an exception, a condition's context) is only needed when another
        set of its rule has hits: its sequences are noted where they may start during the
        document pass but matched only when :meth:`MatchTable.hits` asks for them.
        """
        pattern_set.ident = len(self.pattern_sets)
        self.pattern_sets.append(pattern_set)
        for needles in (*pattern_set.needles, *(strings for more in pattern_set.more_needles
                                                  for strings in more)):
            if needles:
                self.needles.update(needles)
                self._needle_finder = None
        pattern_set.unordered_masks = tuple(
            self._mask(lemmas for lemmas in map(required_lemmas, tests) if lemmas is not None)
            for tests, _ in pattern_set.unordered)
        if lazy and pattern_set.sequences:
            self.lazy_sets[pattern_set.ident] = 1 << len(self.lazy_sets)
        for sequence in pattern_set.sequences:
            self._file(Entry(sequence, pattern_set.ident, lazy, self._mask(sequence.requirements)))
        self.forget()
        self._gates = None
        return pattern_set

    def _file(self, entry: Entry) -> None:
        """File ``entry`` under the keys one of which its first token must have."""
        number = len(self.entries)
        self.entries.append(entry)
        tests = entry.sequence.start_tests
        if tests is None:
            self._everywhere.append(number)
            return
        for test in tests:
            keys = index_keys(test)
            if keys is None:
                if number not in self._scanned:
                    self._scanned.append(number)
                continue
            table = self._index[keys[0]]
            for key in keys[1]:
                table.setdefault(key, []).append(number)

    def _mask(self, requirements: Iterable[frozenset[str]]) -> int:
        """The bits of ``requirements`` (lemma sets), each given a bit when first seen."""
        mask = 0
        for required in requirements:
            bit = self._requirement_bits.get(required)
            if bit is None:
                bit = self._requirement_bits[required] = 1 << len(self._requirement_bits)
                for lemma in required:
                    self._lemma_bits[lemma] = self._lemma_bits.get(lemma, 0) | bit
            mask |= bit
        return mask

    def prepare(self) -> None:
        """Build now what the first document would otherwise build (the ``text:`` gates
        and the literal finders), once every set is registered."""
        self._text_gates().prepare()
        self._finder().build()

    def _finder(self) -> LiteralFinder:
        if self._needle_finder is None:
            self._needle_finder = LiteralFinder({needle: needle for needle in self.needles})
        return self._needle_finder

    def _text_gates(self) -> TextGates:
        if self._gates is None:
            self._gates = TextGates((number, self.entries[number].sequence.start_tests)
                                    for number in self._scanned)
        return self._gates

    def needles_in(self, haystack: str) -> frozenset[str]:
        """Which of the literals the registered regexes need occur in ``haystack``
        (folded, see :mod:`~replylint.rules.matching.prefilter`)."""
        return frozenset(self._finder().values_in(haystack))

    def owner_of_second_test(self, test: TokenTest) -> int:
        """The ident of the pattern set with a sequence whose second test is ``test``
        (-1: none), to name the rule when its regex hangs."""
        return next((entry.ident for entry in self.entries if entry.sequence.second_test is test), -1)

    def candidates(self, token: Token) -> Row:
        """The sequences that may match starting at ``token`` (in registration order),
        routed into its :class:`Row`.

        Words that start the same sequences the same way and meet the same requirements
        share one row (a few hundred rows serve thousands of words): the pass reads a row
        for every token, and shared rows stay in the processor's cache.
        """
        by_text = self.word_rows.get(token.kind)
        found = by_text.get(token.text) if by_text is not None else None
        if found is not None:
            return found
        picked = self._startable(token)
        bits = 0
        lemma_bits = self._lemma_bits
        for lemma in token.lemmas:
            bits |= lemma_bits.get(lemma, 0)
        key = (picked, bits)
        found = self._distinct_rows.get(key)
        if found is None:
            found = self._distinct_rows[key] = self._row(picked, bits)
        if self._word_count >= CANDIDATE_CACHE_SIZE:
            self.forget()
        self.word_rows.setdefault(token.kind, {})[token.text] = found
        self._word_count += 1
        return found

    def _filed(self, token: Token) -> set[int]:
        """The entries filed where ``token`` may find them (a superset of those it may
        start: their start tests decide)."""
        entries = self._text_gates().entries(token.text)
        entries.update(self._everywhere)
        lemma_index, grammeme_index = self._index["lemma"], self._index["grammeme"]
        for lemma in token.lemmas:
            entries.update(lemma_index.get(lemma, ()))
        if grammeme_index:
            # (a handful of grammemes file sequences: intersect, rather than look up each)
            filed = grammeme_index.keys()
            for analysis in token.analyses:
                for grammeme in filed & analysis.grammemes:
                    entries.update(grammeme_index[grammeme])
        entries.update(self._index["kind"].get(token.kind, ()))
        return entries

    def _startable(self, token: Token) -> tuple[tuple[int, int], ...]:
        """(entry number, the requirement bit the next word must meet or 0) of each entry
        whose start test ``token`` passes, in registration order: what its row is made of."""
        picked = []
        entries = self.entries
        for number in sorted(self._filed(token)):
            entry = entries[number]
            sequence = entry.sequence
            try:
                tests = sequence.start_tests
                if tests is not None:
                    for test in tests:
                        if test.may_start(token):
                            break
                    else:
                        continue
                if sequence.decided_at_start and not entry.lazy:
                    picked.append((number, 0))  # may_start was the whole test
                    continue
                if sequence.decided_by_token and not entry.lazy:
                    exclude = sequence.elements[0].exclude
                    if exclude is None or not exclude.may_start(token):
                        picked.append((number, 0))  # the token's two fields decide the rest
                    continue
                second = sequence.lemmas_after(token)
            except RegexTimeout as timeout:
                raise RegexTimeout(timeout.pattern, entry.ident) from None
            # The second element's lemmas are one of the sequence's requirements: its bit.
            picked.append((number, 0 if second is None else self._requirement_bits[second]))
        return tuple(picked)

    def _row(self, picked: tuple[tuple[int, int], ...], bits: int) -> Row:
        """A word's row from the entries it starts (see :meth:`_startable`)."""
        always = []
        by_next: dict[int, list] = {}
        by_test: dict[int, tuple] = {}
        certain = []
        checked = []
        lazy: dict[int, list] = {}
        for number, second_bit in picked:
            entry = self.entries[number]
            sequence, ident, mask = entry.sequence, entry.ident, entry.mask
            triple = (sequence, ident, mask)
            if entry.lazy:
                lazy.setdefault(ident, []).append((sequence, second_bit, mask))
            elif sequence.decided_at_start:
                certain.append(ident)
            elif sequence.decided_by_token:
                head = sequence.elements[0]
                checked.append((ident, head.negated, head.sentence_start))
            elif second_bit:
                by_next.setdefault(second_bit, []).append(triple)
            elif sequence.second_test is not None:
                test = sequence.second_test
                by_test.setdefault(id(test), (test, []))[1].append(triple)
            else:
                always.append(triple)
        return Row(
            always=tuple(always) if always else _NO_CANDIDATES,
            by_next=tuple((bit, tuple(items)) for bit, items in by_next.items()) if by_next else (),
            next_bits=reduce(or_, by_next, 0),
            by_test=tuple((test, tuple(items)) for test, items in by_test.values()) if by_test else (),
            certain=tuple(certain) if certain else _NO_CANDIDATES,
            checked=tuple(checked) if checked else _NO_CANDIDATES,
            lazy={ident: tuple(items) for ident, items in lazy.items()} if lazy else None,
            lazy_bits=reduce(or_, map(self.lazy_sets.__getitem__, lazy), 0),
            bits=bits,
            always_common=_intersection(mask for _, _, mask in always),
            always_union=reduce(or_, (mask for _, _, mask in always), 0),
            always_passing={} if always else None,
            next_union=reduce(or_, (mask for items in by_next.values() for _, _, mask in items), 0),
            next_passing={} if by_next else None)

    def forget(self) -> None:
        """Empty what the matcher remembers of words (their rows, and what each row
        remembers of sentences); it is made again as words come, the same."""
        self.word_rows.clear()
        self._distinct_rows.clear()
        self._word_count = 0

    def run(self, document: Document) -> MatchTable:
        """The hits of every pattern set on ``document``."""
        return MatchTable(self, document)


def _intersection(masks: Iterable[int]) -> int:
    """The bits all ``masks`` have (0 for none)."""
    common = -1
    for mask in masks:
        common &= mask
    return max(common, 0)
