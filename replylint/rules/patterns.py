"""Pattern sets: the phrases, token patterns and regexes a rule looks for.

Every rule kind finds text through a :class:`PatternSet`. Token sequences of all rules
are indexed by the lemma of their first token, so one pass over a document tries only
the sequences that can start at each word (never every pattern everywhere).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

import ahocorasick
import regex

from replylint.document import Document, Token, WORDLIKE
from replylint.rules import prefilter

#: Punctuation that may stand between two words of a phrase without breaking it.
SOFT_PUNCT = frozenset({",", "-", "—", "–", "«", "»", '"', "(", ")", "“", "”", "„", "'"})
#: Time bound for one user-written regex over one document, in seconds.
REGEX_TIMEOUT = 1.0
_GAP_KINDS = frozenset({"word", "number", "placeholder", "url", "email", "symbol"})
_WORDS_AND_PLACEHOLDERS = WORDLIKE | {"placeholder"}


class RegexTimeout(Exception):
    """A user regex ran past :data:`REGEX_TIMEOUT` (catastrophic backtracking).

    Attributes:
        pattern: the regex.
        pattern_set: ``ident`` of the pattern set it belongs to, when known (the linter
            maps it back to the rule that wrote it).
    """

    def __init__(self, pattern: str, pattern_set: int = -1) -> None:
        super().__init__(pattern)
        self.pattern = pattern
        self.pattern_set = pattern_set


#: Verdicts of token-level regexes (``text:``) on token texts: id of the pattern →
#: (the pattern, kept alive so that the id stays its own; {text: matches}). A word's
#: verdict is asked again in every sentence that tries a sequence with such an element
#: («[^.!?…;]+» between two words), and a time-bounded regex call costs microseconds.
_SURFACE_VERDICTS: dict[int, tuple[regex.Pattern, dict[str, bool]]] = {}
#: Verdicts kept per pattern, and patterns kept (a process may compile many rule sets):
#: past either, that cache is emptied.
SURFACE_VERDICTS_SIZE = 20_000
SURFACE_PATTERNS_KEPT = 1_000


def _fullmatch(pattern: regex.Pattern, text: str) -> bool:
    """Does ``pattern`` match the whole of ``text`` (remembered per pattern and text)?"""
    entry = _SURFACE_VERDICTS.get(id(pattern))
    if entry is None:
        if len(_SURFACE_VERDICTS) >= SURFACE_PATTERNS_KEPT:
            _SURFACE_VERDICTS.clear()
        entry = _SURFACE_VERDICTS[id(pattern)] = (pattern, {})
    verdicts = entry[1]
    verdict = verdicts.get(text)
    if verdict is None:
        try:
            verdict = pattern.fullmatch(text, timeout=REGEX_TIMEOUT) is not None
        except TimeoutError:
            raise RegexTimeout(pattern.pattern) from None
        if len(verdicts) >= SURFACE_VERDICTS_SIZE:
            verdicts.clear()
        verdicts[text] = verdict
    return verdict


@dataclass(frozen=True, slots=True)
class TokenTest:
    """What one token of a sequence must be. Unset fields accept anything.

    ``grammemes`` is a tuple of any-of groups; one reading of the word must satisfy every
    group and, when ``lemmas`` is set, carry one of those lemmas.
    """

    lemmas: frozenset[str] | None = None
    forms: frozenset[str] | None = None
    surface: regex.Pattern | None = None
    grammemes: tuple[frozenset[str], ...] = ()
    negated: bool | None = None
    kinds: frozenset[str] | None = None
    capitalized: bool | None = None
    known: bool | None = None
    sentence_start: bool | None = None
    exclude: "TokenTest | None" = None
    minimum: int = 1
    maximum: int = 1
    is_gap: bool = False
    #: Only ``lemmas`` is set (most phrase words): :meth:`accepts` takes a short cut.
    plain: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "plain", self.lemmas is not None and self.forms is None
                           and self.surface is None and not self.grammemes
                           and self.negated is None and self.kinds is None
                           and self.capitalized is None and self.exclude is None
                           and self.known is None and self.sentence_start is None
                           and not self.is_gap)

    def accepts(self, token: Token) -> bool:
        if self.plain:
            return token.kind in _WORDS_AND_PLACEHOLDERS and not self.lemmas.isdisjoint(token.lemmas)
        if self.negated is not None and token.negated != self.negated:
            return False
        if self.sentence_start is not None and token.sentence_start != self.sentence_start:
            return False
        if not self.may_start(token):
            return False
        return self.exclude is None or not self.exclude.accepts(token)

    def accepts_started(self, token: Token) -> bool:
        """:meth:`accepts` for a token :meth:`may_start` already passed."""
        if self.negated is not None and token.negated != self.negated:
            return False
        if self.sentence_start is not None and token.sentence_start != self.sentence_start:
            return False
        return self.exclude is None or not self.exclude.accepts(token)

    def may_start(self, token: Token) -> bool:
        """:meth:`accepts` without the tests that depend on a token's neighbours.

        What is left depends only on the token's kind and text (``negated`` and
        ``sentence_start`` look at the previous words; ``exclude`` may too, so it is left
        out: a superset is safe). The matcher uses it to pick, once per distinct word, the
        sequences worth trying there; :meth:`accepts` adds the neighbour tests to it.
        """
        if self.is_gap:
            return token.kind in _GAP_KINDS
        if self.kinds is not None:
            if token.kind not in self.kinds:
                return False
        elif token.kind not in WORDLIKE and token.kind != "placeholder" and self.surface is None:
            return False
        if self.forms is not None and token.norm not in self.forms:
            return False
        if self.capitalized is not None and token.text[:1].isupper() != self.capitalized:
            return False
        if self.known is not None and token.known != self.known:
            return False
        if self.surface is not None and not _fullmatch(self.surface, token.text):
            return False
        if self.grammemes:
            # Some reading has the lemma and a grammeme of each group (loops, not nested
            # generators: this runs for every distinct word a grammeme index picks).
            lemmas = self.lemmas
            for analysis in token.analyses:
                if lemmas is not None and analysis.lemma not in lemmas:
                    continue
                grammemes = analysis.grammemes
                for group in self.grammemes:
                    if group.isdisjoint(grammemes):
                        break
                else:
                    return True
            return False
        return self.lemmas is None or not self.lemmas.isdisjoint(token.lemmas)


@dataclass(frozen=True, slots=True)
class Sequence:
    elements: tuple[TokenTest, ...]
    #: How many leading elements take exactly one token (no gap, nothing optional or
    #: repeated): those are matched by a plain loop, the rest by the backtracking search.
    prefix: int = field(init=False, repr=False, compare=False)
    #: For each element: does soft punctuation before it get stepped over?
    skips: tuple[bool, ...] = field(init=False, repr=False, compare=False)
    #: Lemma sets of the required elements after the first: a sentence none of whose
    #: words has a lemma from each set cannot hold a match (checked before matching).
    requirements: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)
    #: The first element takes one token and tests nothing but that token: the matcher's
    #: start test (run when it picks the sequence for a word) is its whole test.
    first_decided: bool = field(init=False, repr=False, compare=False)
    #: ... and it is the only element: the start test decides the match.
    decided_at_start: bool = field(init=False, repr=False, compare=False)
    #: The second element, when it must take the word right after the first (past soft
    #: punctuation) and is not filed by lemma («зайка» after a comma, a verb after «мы»):
    #: the matcher puts the next word to its start test (a text regex's verdict on a word
    #: is remembered) instead of trying the sequence.
    second_test: "TokenTest | None" = field(init=False, repr=False, compare=False)
    #: The lemmas one of which the second element's word must have, when it must be the
    #: word right after the first element's (see :func:`_second_keys`); else None.
    second_lemmas: frozenset[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        prefix = 0
        for element in self.elements:
            if element.minimum != 1 or element.maximum != 1 or element.is_gap:
                break
            prefix += 1
        object.__setattr__(self, "prefix", prefix)
        head = self.elements[0]
        first_decided = prefix >= 1 and head.negated is None and head.sentence_start is None \
            and head.exclude is None
        object.__setattr__(self, "first_decided", first_decided)
        object.__setattr__(self, "decided_at_start", first_decided and len(self.elements) == 1)
        requirements = []
        for element in self.elements[1:]:
            keys = None if element.is_gap or element.minimum < 1 else _index_keys(element)
            if keys is not None and keys[0] == "lemma":
                requirements.append(keys[1])
        object.__setattr__(self, "requirements", tuple(requirements))
        object.__setattr__(self, "skips", tuple(
            position > 0 and (element.kinds is None or "punct" not in element.kinds)
            for position, element in enumerate(self.elements)))
        second_test = None
        if prefix >= 2 and self.skips[1]:
            keys = _index_keys(self.elements[1])
            if keys is None or keys[0] != "lemma":
                second_test = self.elements[1]
        object.__setattr__(self, "second_test", second_test)
        second_lemmas = None
        if len(self.elements) >= 2:
            first, second = self.elements[0], self.elements[1]
            if not (first.is_gap or first.maximum != 1 or second.is_gap or second.minimum < 1
                    or not self.skips[1]):
                keys = _index_keys(second)
                second_lemmas = keys[1] if keys is not None and keys[0] == "lemma" else None
        object.__setattr__(self, "second_lemmas", second_lemmas)

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
                while index < stop and tokens[index].kind == "punct" and tokens[index].text in SOFT_PUNCT:
                    index += 1
            if index >= stop or not elements[position].accepts(tokens[index]):
                return None
            index += 1
        if self.prefix == len(elements):
            return index - 1
        return _match(elements, self.prefix, tokens, index, stop, index - 1 if self.prefix else -1)


def _match(elements, position, tokens, index, stop, last, after_gap=False):
    if position == len(elements):
        return last
    element = elements[position]
    # A comma may stand between two words of a phrase, but a gap that took words must
    # not reach across one («если не получится, можем» is not «не {0,2} мочь»).
    if position > 0 and not element.is_gap and not after_gap:
        while index < stop and tokens[index].kind == "punct" and tokens[index].text in SOFT_PUNCT \
                and (element.kinds is None or "punct" not in element.kinds):
            index += 1
    # Gaps are lazy (shortest span first); words are greedy (longest repetition first).
    counts = range(element.minimum, element.maximum + 1)
    if not element.is_gap:
        counts = reversed(counts)
    for count in counts:
        end = index
        used = 0
        while used < count and end < stop and element.accepts(tokens[end]):
            end += 1
            used += 1
        if used < count:
            continue
        result = _match(elements, position + 1, tokens, end, stop, end - 1 if count else last,
                        element.is_gap and count > 0)
        if result is not None:
            return result
    return None


class Hit(NamedTuple):
    """A span found by a pattern set; tokens are a half-open range, or (-1, -1) for regex.

    A named tuple: a reply makes hundreds of these, and a frozen dataclass takes twice
    as long to build."""

    start: int
    end: int
    first_token: int = -1
    last_token: int = -1


@dataclass(eq=False, slots=True)
class PatternSet:
    """Phrases, token sequences and regexes that together say what to look for."""

    sequences: tuple[Sequence, ...] = ()
    unordered: tuple[tuple[tuple[TokenTest, ...], int], ...] = ()
    regexes: tuple[regex.Pattern, ...] = ()
    #: For each regex: folded strings one of which any match contains (None: unknown);
    #: see :mod:`replylint.rules.prefilter`.
    needles: tuple[frozenset[str] | None, ...] = ()
    scope: str = "overlap"
    case_sensitive: bool = False
    ident: int = field(default=-1)
    #: For each regex: more sets of folded strings, one string of each of which any match
    #: also contains (see :func:`~replylint.rules.prefilter.required_literal_sets`).
    more_needles: tuple[tuple[frozenset[str], ...], ...] = ()
    #: Strings one of which a reply must contain for any of the regexes to match (empty:
    #: there are no regexes); None when some regex has no such strings.
    regex_needles: frozenset[str] | None = field(init=False, repr=False)
    #: For each ``unordered`` entry: the requirement bits of the lemma sets one of which
    #: each of its words must have (set when the matcher files the set; see
    #: :class:`Matcher`): a sentence without them all cannot hold the entry.
    unordered_masks: tuple[int, ...] = field(init=False, repr=False, default=())
    #: (regex, needles, more needles) for each regex, as :meth:`MatchTable._runnable_regexes`
    #: reads them for every set a woken rule asks about.
    regex_checks: tuple[tuple[regex.Pattern, frozenset[str] | None, tuple[frozenset[str], ...]], ...] = \
        field(init=False, repr=False, default=())

    def __post_init__(self) -> None:
        count = len(self.regexes)
        needles = self.needles or (None,) * count
        self.regex_needles = None if None in needles else frozenset().union(*needles)
        self.regex_checks = tuple(zip(self.regexes, needles, self.more_needles or ((),) * count))

    @property
    def is_empty(self) -> bool:
        return not (self.sequences or self.unordered or self.regexes)


#: A token test that stands for the soft punctuation a phrase steps over between words.
_SOFT_PUNCT_TEST = TokenTest(forms=SOFT_PUNCT, kinds=frozenset({"punct"}))
#: Distinct (kind, text) pairs whose candidate sequences are remembered; the cache is
#: emptied when it grows past this, so a long batch cannot grow it without bound.
CANDIDATE_CACHE_SIZE = 50_000
_NO_CANDIDATES: tuple = ()
def _site_position(site: tuple) -> int:
    return site[0]


def _hit_order(hit: "Hit") -> tuple[int, int]:
    """Document order, the longer of two hits at one place first."""
    return hit.start, -hit.end


def _automaton(words: Iterable[tuple[str, object]]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton that finds the given words, each reported with its value
    (one with no words cannot be searched: callers check that they have some)."""
    automaton = ahocorasick.Automaton()
    for word, value in words:
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


def _union(bits: Iterable[int]) -> int:
    union = 0
    for bit in bits:
        union |= bit
    return union


def _intersection(masks: Iterable[int]) -> int:
    """The bits all ``masks`` have (0 for none)."""
    common = -1
    for mask in masks:
        common &= mask
    return max(common, 0)


#: What :meth:`Matcher.candidates` says about one distinct word.
Candidates = tuple[tuple, tuple[tuple[int, tuple], ...], tuple[int, ...], dict[int, tuple] | None, int,
                   int, tuple[tuple["TokenTest", tuple], ...], int, int, dict[int, tuple] | None, int]
#: Sentences' bits remembered per word for its 'always' sequences (see _run_sequences).
ALWAYS_MEMO_SIZE = 64
#: Grammemes most words carry: a poor index key when a rarer group is at hand.
_COMMON_GRAMMEMES = frozenset({"sing", "plur", "masc", "femn", "neut", "anim", "inan", "nomn",
                               "gent", "datv", "accs", "ablt", "loct", "perf", "impf", "tran",
                               "intr", "indc"})


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
            tests.append(_SOFT_PUNCT_TEST)
    return None


def _index_keys(test: TokenTest) -> tuple[str, frozenset[str]] | None:
    """Where to file a test in the index: a token it accepts has one of these keys."""
    if test.lemmas is not None:
        return "lemma", test.lemmas
    if test.forms is not None:
        return "lemma", test.forms  # a token's lemma set holds its own folded form
    if test.grammemes:
        group = min(test.grammemes, key=lambda group: (
            any(grammeme.isupper() for grammeme in group),  # a part of speech: common
            not group.isdisjoint(_COMMON_GRAMMEMES), len(group)))
        return "grammeme", group
    if test.kinds is not None:
        return "kind", test.kinds
    return None


_UNCOMBINABLE = regex.compile(r"\\[1-9]|\\g<|\(\?(?![:=!#>]|<[=!])")


def _without_global_ignorecase(pattern: regex.Pattern) -> str:
    """The source of ``pattern`` without a leading ``(?i)`` that its flags already carry
    (rule writers add it to ``text:`` tests, which are case-insensitive anyway)."""
    source = pattern.pattern
    if source.startswith("(?i)") and pattern.flags & regex.IGNORECASE:
        return source[4:]
    return source


def _combinable(pattern: regex.Pattern) -> bool:
    """Can the regex stand in an alternation unchanged (no backreference, named group or
    inline flag whose meaning would shift)?"""
    return _UNCOMBINABLE.search(_without_global_ignorecase(pattern)) is None


def _second_keys(sequence: Sequence, token: Token) -> frozenset[str] | None:
    """Lemmas one of which the word after ``token`` (past soft punctuation) must have for
    a match of ``sequence`` to start at ``token``; None when that cannot be said.

    It can be said when the first element takes at most one token and the second at least
    one: the second then starts right after the first. An optional first element may
    also be absent, and the second start at ``token`` itself, unless ``token`` cannot
    start the second.
    """
    lemmas = sequence.second_lemmas
    if lemmas is None:
        return None
    elements = sequence.elements
    if elements[0].minimum == 0 and elements[1].may_start(token):
        return None
    return lemmas


class Matcher:
    """All pattern sets of a rule collection, indexed for a single pass.

    A sequence is filed under the lemmas, grammemes or token kind its first token must
    have; sequences starting with a ``text:`` regex are tried on each distinct word once.
    For every distinct (kind, text) the matcher remembers which sequences can start
    there, so a word seen before costs one dictionary lookup.
    """

    def __init__(self) -> None:
        self.pattern_sets: list[PatternSet] = []
        self._entries: list[tuple[Sequence, int, tuple[TokenTest, ...] | None, bool]] = []
        #: Each distinct requirement (see :attr:`Sequence.requirements`) is a bit; a
        #: sequence's mask has the bits of its requirements, a lemma's those of the
        #: requirements it meets. A sentence meets a sequence's requirements when the
        #: lemmas of its words together have every bit of the mask (one AND for a loop
        #: of set tests).
        self._requirement_bits: dict[frozenset[str], int] = {}
        self._lemma_bits: dict[str, int] = {}
        self._masks: list[int] = []
        #: Idents of the pattern sets registered as lazy, each with a bit of its own: a
        #: word's row has the bits of the lazy sets that may start there, so that a
        #: sentence none of whose words has a set's bit is not searched for it.
        self.lazy_sets: dict[int, int] = {}
        self._index: dict[str, dict[str, list[int]]] = {"lemma": {}, "grammeme": {}, "kind": {}}
        self._scanned: list[int] = []
        self._everywhere: list[int] = []
        #: By token kind, then text (two lookups are cheaper than building a key a token).
        self._candidates: dict[str, dict[str, Candidates]] = {}
        self._candidate_count = 0
        #: The distinct rows among those, by what they are made of (see :meth:`candidates`).
        self._distinct_rows: dict[tuple, Candidates] = {}
        self._surface_gates: list[tuple[regex.Pattern, frozenset[int]]] | None = None
        #: The scanned entries no gate stands for (set with the gates).
        self._ungated: frozenset[int] = frozenset()
        #: Every literal the sets' regexes need (see :mod:`replylint.rules.prefilter`), and
        #: an Aho-Corasick automaton that finds which of them a reply holds in one pass
        #: (built on first use; not pickled with the rule cache).
        self._needles: set[str] = set()
        self._needle_finder: ahocorasick.Automaton | None = None
        #: Scanned entries by a literal their ``text:`` regexes need, and a finder of
        #: those literals (set with the gates; the finder is built on first use).
        self._surface_literals: dict[str, tuple[int, ...]] = {}
        self._surface_finder: ahocorasick.Automaton | None = None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_needle_finder"] = state["_surface_finder"] = None  # rebuilt on first use
        return state

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
                self._needles.update(needles)
                self._needle_finder = None
        pattern_set.unordered_masks = tuple(
            self._mask(keys[1] for keys in map(_index_keys, tests) if keys is not None and keys[0] == "lemma")
            for tests, _ in pattern_set.unordered)
        if lazy and pattern_set.sequences:
            self.lazy_sets[pattern_set.ident] = 1 << len(self.lazy_sets)
        for sequence in pattern_set.sequences:
            entry = len(self._entries)
            tests = _start_tests(sequence.elements)
            self._entries.append((sequence, pattern_set.ident, tests, lazy))
            self._masks.append(self._mask(sequence.requirements))
            if tests is None:
                self._everywhere.append(entry)
                continue
            for test in tests:
                keys = _index_keys(test)
                if keys is None:
                    if entry not in self._scanned:
                        self._scanned.append(entry)
                    continue
                table = self._index[keys[0]]
                for key in keys[1]:
                    table.setdefault(key, []).append(entry)
        self.forget()
        self._surface_gates = None
        return pattern_set

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
        self._gates()
        self._literal_finder()
        self._finder()

    def _finder(self) -> ahocorasick.Automaton:
        if self._needle_finder is None:
            self._needle_finder = _automaton((needle, needle) for needle in self._needles)
        return self._needle_finder

    def _literal_finder(self) -> ahocorasick.Automaton:
        self._gates()
        if self._surface_finder is None:
            self._surface_finder = _automaton(self._surface_literals.items())
        return self._surface_finder

    def needles_in(self, haystack: str) -> frozenset[str]:
        """Which of the literals the registered regexes need occur in ``haystack``
        (folded, see :mod:`replylint.rules.prefilter`)."""
        finder = self._finder()
        if not self._needles:
            return frozenset()
        return frozenset(map(itemgetter(1), finder.iter(haystack)))  # (end, needle) pairs

    def _gates(self) -> list[tuple[regex.Pattern, frozenset[int]]]:
        """Route the sequences that can only start on a word their ``text:`` regexes
        match, so that most words rule most of them out without running a regex.

        A regex whose matches need one of some literals (see
        :mod:`replylint.rules.prefilter`) is filed under them: a word holding none of them
        cannot match it, and the literal finder tells which a word holds in one pass. The
        others are joined into one alternation per flag set (the gates): a word none of
        them matches rules them all out in one call instead of one call each.
        """
        if self._surface_gates is None:
            groups: dict[int, tuple[list[str], set[int]]] = {}
            literals: dict[str, set[int]] = {}
            for entry in self._scanned:
                tests = self._entries[entry][2]
                patterns = [test.surface for test in tests or () if test.surface is not None]
                if not tests or len(patterns) != len(tests):
                    continue
                needles = [prefilter.required_literals(pattern.pattern, pattern.flags)
                           for pattern in patterns]
                if None not in needles:
                    for literal in frozenset().union(*needles):
                        literals.setdefault(literal, set()).add(entry)
                    continue
                if not all(map(_combinable, patterns)):
                    continue
                flags = {pattern.flags for pattern in patterns}
                if len(flags) != 1:
                    continue
                sources, entries = groups.setdefault(flags.pop(), ([], set()))
                sources.extend(f"(?:{_without_global_ignorecase(pattern)})" for pattern in patterns)
                entries.add(entry)
            gates = []
            for flags, (sources, entries) in groups.items():
                try:
                    gates.append((regex.compile("|".join(sources), flags), frozenset(entries)))
                except regex.error:
                    continue  # each is still tried on its own
            self._surface_gates = gates
            self._surface_literals = {literal: tuple(sorted(entries)) for literal, entries in literals.items()}
            self._surface_finder = None
            self._ungated = frozenset(self._scanned).difference(*(gated for _, gated in gates),
                                                                *literals.values())
        return self._surface_gates

    def _literal_entries(self, text: str) -> Iterable[tuple[int, ...]]:
        """The entries filed under the literals a word's text holds (see :meth:`_gates`)."""
        if not self._surface_literals:
            return ()
        return map(itemgetter(1), self._literal_finder().iter(prefilter.fold(text)))

    def candidates(self, token: Token) -> "Candidates":
        """The sequences that may match starting at ``token``, in registration order.

        Returns (always, by_next, certain, lazy, bits, next_bits, by_test, always_common,
        always_union, always_passing, lazy_bits): (sequence, ident, requirement mask) to
        try whatever follows; (requirement bit, those triples) for sequences whose second
        element needs a lemma (to be tried only when the next word, past soft punctuation,
        meets that requirement); idents of the one-token sequences this token matches
        outright; (sequence, requirement bit the next word must meet or 0, requirement
        mask) of the lazy sequences by pattern set, or None; the requirement bits the word
        itself meets (see :class:`Matcher`); the bits of ``by_next`` together; (second
        element's test, triples) for sequences whose next word must pass that test
        (:attr:`Sequence.second_test`); the requirement bits every sequence of ``always``
        has (a sentence without one of them holds none of them) and those any of them has;
        the sequences of ``always`` a sentence with given bits (of that union) can hold
        (filled as the pass asks; None without ``always``); and the bits of the lazy sets
        in ``lazy`` (see :attr:`lazy_sets`). A word holds nothing it does not need: the
        pass reads every word's row, and most rows are of words that start nothing, so
        empty fields are shared constants rather than objects of their own.
        """
        by_text = self._candidates.get(token.kind)
        found = by_text.get(token.text) if by_text is not None else None
        if found is not None:
            return found
        gates = self._gates()
        entries = set(self._ungated)
        for gate, gated in gates:
            try:
                if gate.fullmatch(token.text, timeout=REGEX_TIMEOUT) is not None:
                    entries |= gated
            except TimeoutError:
                entries |= gated  # each regex on its own names the rule that hangs
        for filed in self._literal_entries(token.text):
            entries.update(filed)
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
        always = []
        by_next: dict[int, list] = {}
        by_test: dict[int, tuple] = {}
        certain = []
        lazy: dict[int, list] = {}
        picked = []  # (entry, second_bit) of each sequence kept: what the row is made of
        for entry in sorted(entries):
            sequence, ident, tests, is_lazy = self._entries[entry]
            mask = self._masks[entry]
            try:
                if tests is not None:
                    for test in tests:
                        if test.may_start(token):
                            break
                    else:
                        continue
                if sequence.decided_at_start and not is_lazy:
                    certain.append(ident)  # may_start was the whole test
                    picked.append((entry, 0))
                    continue
                second = _second_keys(sequence, token)
            except RegexTimeout as timeout:
                raise RegexTimeout(timeout.pattern, ident) from None
            # The second element's lemmas are one of the sequence's requirements: its bit.
            second_bit = 0 if second is None else self._requirement_bits[second]
            picked.append((entry, second_bit))
            if is_lazy:
                lazy.setdefault(ident, []).append((sequence, second_bit, mask))
            elif second is None and sequence.second_test is not None:
                test = sequence.second_test
                by_test.setdefault(id(test), (test, []))[1].append((sequence, ident, mask))
            elif second is None:
                always.append((sequence, ident, mask))
            else:
                by_next.setdefault(second_bit, []).append((sequence, ident, mask))
        bits = 0
        lemma_bits = self._lemma_bits
        for lemma in token.lemmas:
            bits |= lemma_bits.get(lemma, 0)
        # Words that start the same sequences the same way and meet the same requirements
        # share one row (a few hundred rows serve thousands of words): the pass reads a row
        # for every token, and shared rows stay in the processor's cache.
        key = (tuple(picked), bits)
        found = self._distinct_rows.get(key)
        if found is None:
            found = self._distinct_rows[key] = self._row(always, by_next, certain, lazy, bits, by_test)
        if self._candidate_count >= CANDIDATE_CACHE_SIZE:
            self.forget()
        self._candidates.setdefault(token.kind, {})[token.text] = found
        self._candidate_count += 1
        return found

    def forget(self) -> None:
        """Empty what the matcher remembers of words (their rows, and what each row
        remembers of sentences); it is made again as words come, the same."""
        self._candidates.clear()
        self._distinct_rows.clear()
        self._candidate_count = 0

    def _row(self, always, by_next, certain, lazy, bits, by_test) -> "Candidates":
        """A word's row (see :meth:`candidates`) from the sequences it starts."""
        return (tuple(always) if always else _NO_CANDIDATES,
                tuple((bit, tuple(items)) for bit, items in by_next.items()) if by_next else (),
                tuple(certain) if certain else _NO_CANDIDATES,
                {ident: tuple(items) for ident, items in lazy.items()} if lazy else None,
                bits, _union(by_next) if by_next else 0,
                tuple((test, tuple(items)) for test, items in by_test.values()) if by_test else (),
                _intersection(mask for _, _, mask in always) if always else 0,
                _union(mask for _, _, mask in always) if always else 0,
                {} if always else None,
                _union(map(self.lazy_sets.__getitem__, lazy)) if lazy else 0)

    def run(self, document: Document) -> "MatchTable":
        return MatchTable(self, document)


class MatchTable:
    """The hits of every pattern set on one document: sequences at once, the rest lazily."""

    def __init__(self, matcher: Matcher, document: Document) -> None:
        self.matcher = matcher
        self.document = document
        self._hits: dict[int, list[Hit]] = {}
        self._regex_cache: dict[tuple, list[Hit]] = {}
        #: The literals of :meth:`Matcher.needles_in` this reply holds (found on first use).
        self._present: frozenset[str] | None = None
        #: What :meth:`Matcher.candidates` says of each token, and the requirement bits
        #: of each sentence (both set by the document pass).
        self._rows: list[Candidates] = []
        self._sentence_masks: list[int] = []
        #: (position, lazy sequences that may start there with the requirement bit the next
        #: word must meet, by pattern set)
        self._lazy_sites: list[tuple[int, dict[int, tuple]]] = []
        #: The bits (see :attr:`Matcher.lazy_sets`) of the lazy sets that may start in each
        #: sentence, and in the whole reply (found on first use).
        self._lazy_by_sentence: list[int] | None = None
        self._lazy_anywhere = 0
        #: Hits of a lazy set by (ident, sentence index), or (ident, -1) for the whole reply.
        self._near_cache: dict[tuple[int, int], list[Hit]] = {}
        self._unordered_cache: dict[int, list[Hit]] = {}
        self._regex_set_cache: dict[int, list[Hit]] = {}
        self._sequence_hits = self._run_sequences()

    def _next_word(self, position: int, stop: int) -> int:
        """The token after ``position``, past soft punctuation (``stop`` or more: none in
        the sentence): where the second element of a sequence starting there must match."""
        tokens = self.document.tokens
        following = position + 1
        while following < stop and tokens[following].kind == "punct" and tokens[following].text in SOFT_PUNCT:
            following += 1
        return following

    def _may_start(self, test: TokenTest, token: Token) -> bool:
        try:
            return test.may_start(token)
        except RegexTimeout as timeout:
            owner = next((ident for sequence, ident, _, _ in self.matcher._entries
                          if sequence.second_test is test), -1)
            raise RegexTimeout(timeout.pattern, owner) from None

    def _attempt(self, sequence: Sequence, ident: int, position: int, stop: int) -> Hit | None:
        """Match ``sequence`` at ``position``, where the matcher picked it (so its start
        test passed there) and its sentence meets its requirements."""
        tokens = self.document.tokens
        try:
            last = sequence.match_at(tokens, position, stop, first_checked=True)
        except RegexTimeout as timeout:
            raise RegexTimeout(timeout.pattern, ident) from None
        if last is None or last < position:
            return None
        return Hit(tokens[position].start, tokens[last].end, position, last + 1)

    def _run_sequences(self) -> dict[int, list[Hit]]:
        found: dict[int, list[Hit]] = {}
        tokens = self.document.tokens
        sentences = self.document.sentences
        candidates = self.matcher.candidates
        remembered = self.matcher._candidates
        empty: dict[str, Candidates] = {}
        # What the matcher knows of each word; a sentence's requirement bits are those of
        # its words together.
        rows = self._rows = [remembered.get(token.kind, empty).get(token.text) or candidates(token)
                             for token in tokens]
        masks = self._sentence_masks = [0] * len(sentences)
        for token, row in zip(tokens, rows):
            masks[token.sentence] |= row[4]
        # Where lazy sequences may start (matched when a rule asks, see _lazy_hits).
        self._lazy_sites = [(position, row[3]) for position, row in enumerate(rows) if row[3]]
        attempt = self._attempt
        next_word = self._next_word
        for position, token in enumerate(tokens):
            (always, by_next, certain, _, _, next_bits, by_test,
             always_common, always_union, always_passing, _) = rows[position]
            if certain:
                for ident in certain:
                    hit = Hit(token.start, token.end, position, position + 1)
                    hits = found.get(ident)
                    if hits is None:
                        found[ident] = [hit]
                    else:
                        hits.append(hit)
            if not always and not next_bits and not by_test:
                continue
            # A sequence needs its requirements in the sentence, the next word's lemma too.
            # Which of a word's 'always' sequences a sentence can hold depends only on the
            # sentence's bits among theirs: few combinations, remembered per word.
            sentence_mask = masks[token.sentence]
            entries = ()
            if always and sentence_mask & always_common == always_common:
                relevant = sentence_mask & always_union
                entries = always_passing.get(relevant)
                if entries is None:
                    if len(always_passing) >= ALWAYS_MEMO_SIZE:
                        always_passing.clear()
                    entries = always_passing[relevant] = tuple(
                        entry for entry in always if relevant & entry[2] == entry[2])
            next_bits &= sentence_mask
            if not entries and not next_bits and not by_test:
                continue
            stop = sentences[token.sentence].last_token
            if next_bits or by_test:
                following = position + 1
                if following < stop and tokens[following].kind == "punct":
                    following = next_word(position, stop)
                if following < stop:
                    following_row = rows[following]
                    following_bits = following_row[4]
                    if following_bits & next_bits:
                        entries = entries + tuple([entry for bit, items in by_next if following_bits & bit
                                                  for entry in items
                                                  if sentence_mask & entry[2] == entry[2]])
                    if by_test:
                        chosen = []
                        for test, items in by_test:
                            if self._may_start(test, tokens[following]):
                                chosen.extend(entry for entry in items if sentence_mask & entry[2] == entry[2])
                        if chosen:
                            entries = entries + tuple(chosen)
            # (each of these meets its requirements: the attempt may still fail on order)
            for sequence, ident, _ in entries:
                hit = attempt(sequence, ident, position, stop)
                if hit is not None:
                    hits = found.get(ident)
                    if hits is None:
                        found[ident] = [hit]
                    else:
                        hits.append(hit)
        return found

    def _lazy_hits(self, ident: int, first_token: int = 0, last_token: int | None = None,
                   first_only: bool = False) -> list[Hit]:
        """Hits of the lazy set ``ident`` starting at tokens ``first_token:last_token``
        (only the first one found with ``first_only``)."""
        if not first_token and last_token is None and not self._lazy_sentences()[1] & self.matcher.lazy_sets[ident]:
            return []  # no sequence of the set may start anywhere in the reply
        sites = self._lazy_sites
        index = bisect_left(sites, first_token, key=_site_position) if first_token else 0
        hits = []
        tokens = self.document.tokens
        sentences = self.document.sentences
        for position, lazy in sites[index:]:
            if last_token is not None and position >= last_token:
                break
            items = lazy.get(ident)
            if items is None:
                continue
            sentence = tokens[position].sentence
            sentence_mask = self._sentence_masks[sentence]
            stop = sentences[sentence].last_token
            for sequence, second_bit, mask in items:
                if sentence_mask & mask != mask:
                    continue
                if second_bit:
                    following = self._next_word(position, stop)
                    if following >= stop or not self._rows[following][4] & second_bit:
                        continue
                hit = self._attempt(sequence, ident, position, stop)
                if hit is not None:
                    hits.append(hit)
                    if first_only:
                        return hits
        return hits

    def _lazy_sentences(self) -> tuple[list[int], int]:
        """The bits of the lazy sets that may start in each sentence, and anywhere."""
        found = self._lazy_by_sentence
        if found is None:
            found = self._lazy_by_sentence = [0] * len(self.document.sentences)
            tokens, rows = self.document.tokens, self._rows
            for position, _ in self._lazy_sites:
                found[tokens[position].sentence] |= rows[position][10]
            self._lazy_anywhere = _union(found)
        return found, self._lazy_anywhere

    def hits_near(self, pattern_set: PatternSet | None, sentences: Iterable[int] | None) -> list[Hit]:
        """Where ``pattern_set`` occurs, as far as the given sentences are concerned.

        For exceptions and contexts, which matter only around another set's hits: every
        hit of the set's phrases and token patterns in ``sentences`` (all of the
        document when None), and every hit of its regexes anywhere (they may cross a
        sentence); the caller keeps those that touch what it looks at. Unlike
        :meth:`hits`, overlapping hits are all kept: an exception counts wherever it
        matches. A lazy set is matched only in those sentences.
        """
        if pattern_set is None:
            return []
        ident = pattern_set.ident
        if ident not in self.matcher.lazy_sets:
            hits = list(self._sequence_hits.get(ident, ()))
        elif sentences is None:  # a context anywhere in the reply: asked for each hit
            found = self._near_cache.get((ident, -1))
            if found is None:
                found = self._near_cache[(ident, -1)] = self._lazy_hits(ident)
            hits = list(found)
        else:
            hits = []
            document_sentences = self.document.sentences
            starts, _ = self._lazy_sentences()
            bit = self.matcher.lazy_sets[ident]
            for index in sentences:
                if not starts[index] & bit:
                    continue  # none of its sequences may start in this sentence
                key = (ident, index)
                found = self._near_cache.get(key)
                if found is None:
                    sentence = document_sentences[index]
                    found = self._near_cache[key] = self._lazy_hits(
                        ident, sentence.first_token, sentence.last_token)
                hits.extend(found)
        if pattern_set.unordered:
            hits.extend(self._unordered_hits(pattern_set))
        hits.extend(self._all_regex_hits(pattern_set))
        return hits

    def sentences_of(self, hits: Iterable[Hit]) -> set[int]:
        """Indexes of every sentence the hits touch."""
        touched: set[int] = set()
        tokens = self.document.tokens
        for hit in hits:
            first = self.sentence_of(hit)
            if hit.last_token > 0:
                last = tokens[hit.last_token - 1].sentence
            else:
                sentence = self.document.sentence_at(max(hit.start, hit.end - 1))
                last = sentence.index if sentence else first
            touched.update(range(first, last + 1) if first >= 0 else ())
        return touched

    def hits(self, pattern_set: PatternSet | None) -> list[Hit]:
        """Non-overlapping hits of ``pattern_set`` in document order (longest first on ties)."""
        if pattern_set is None:
            return []
        ident = pattern_set.ident
        cached = self._hits.get(ident)
        if cached is not None:
            return cached
        if ident in self.matcher.lazy_sets:
            hits = self._lazy_hits(ident)
        elif not pattern_set.unordered and ident not in self._sequence_hits and \
                pattern_set.regex_needles is not None and not self.may_contain(pattern_set.regex_needles):
            return []  # most pattern sets find nothing in a given reply
        else:
            hits = list(self._sequence_hits.get(ident, ()))
        if pattern_set.unordered:
            hits.extend(self._unordered_hits(pattern_set))
        hits.extend(self._all_regex_hits(pattern_set))
        if len(hits) < 2:  # (most sets: nothing to order or to overlap)
            self._hits[ident] = hits
            return hits
        hits.sort(key=_hit_order)
        result: list[Hit] = []
        for hit in hits:
            if result and hit.start < result[-1].end:
                continue
            result.append(hit)
        self._hits[ident] = result
        return result

    def occurs(self, pattern_set: PatternSet | None) -> bool:
        """Does ``pattern_set`` occur anywhere in the document? The same as
        ``bool(self.hits(pattern_set))``, but it stops at the first hit it finds (a
        condition on the whole reply, an absence rule's requirement)."""
        if pattern_set is None:
            return False
        ident = pattern_set.ident
        cached = self._hits.get(ident)
        if cached is not None:
            return bool(cached)
        if ident in self._sequence_hits:
            return True
        if ident in self.matcher.lazy_sets and self._lazy_hits(ident, first_only=True):
            return True
        if pattern_set.unordered and self._unordered_hits(pattern_set):
            return True
        if not pattern_set.regexes:
            return False
        cached = self._regex_set_cache.get(ident)
        if cached is not None:
            return bool(cached)
        for pattern in self._runnable_regexes(pattern_set):
            try:
                if self._regex_occurs(pattern, pattern_set.case_sensitive):
                    return True
            except RegexTimeout as timeout:
                raise RegexTimeout(timeout.pattern, ident) from None
        return False

    def found(self) -> Iterable[int]:
        """Idents of the eagerly matched pattern sets whose sequences hit this document."""
        return self._sequence_hits.keys()

    def lemma_bits(self) -> int:
        """The requirement bits (see :class:`Matcher`) the words of the reply meet."""
        return _union(self._sentence_masks)

    def _all_regex_hits(self, pattern_set: PatternSet) -> list[Hit]:
        if not pattern_set.regexes:
            return []
        cached = self._regex_set_cache.get(pattern_set.ident)
        if cached is not None:
            return cached
        hits: list[Hit] = []
        for pattern in self._runnable_regexes(pattern_set):
            try:
                hits.extend(self._regex_hits(pattern, pattern_set.case_sensitive))
            except RegexTimeout as timeout:
                raise RegexTimeout(timeout.pattern, pattern_set.ident) from None
        self._regex_set_cache[pattern_set.ident] = hits
        return hits

    def _runnable_regexes(self, pattern_set: PatternSet) -> list[regex.Pattern]:
        """The set's regexes that may match here: the reply holds a literal of each set of
        literals they need."""
        runnable = []
        present = None
        for pattern, required, also in pattern_set.regex_checks:
            if required is not None:
                if present is None:
                    present = self.present_needles()
                if required.isdisjoint(present):
                    continue
                if also and any(map(present.isdisjoint, also)):
                    continue
            runnable.append(pattern)
        return runnable

    def may_contain(self, needles: frozenset[str]) -> bool:
        """Does the reply (folded, see :mod:`replylint.rules.prefilter`) hold one of
        ``needles``? They must be literals of registered pattern sets (or unions of them):
        all of those a reply holds are found at once, on the first question."""
        return not needles.isdisjoint(self.present_needles())

    def present_needles(self) -> frozenset[str]:
        """The literals of the registered sets' regexes that the reply holds."""
        present = self._present
        if present is None:
            present = self._present = self.matcher.needles_in(prefilter.fold(self.document.folded_text))
        return present

    def _regex_hits(self, pattern: regex.Pattern, case_sensitive: bool) -> list[Hit]:
        # Rules share regexes (a time of day, a date): each runs once per document.
        key = (pattern.pattern, pattern.flags, case_sensitive)
        found = self._regex_cache.get(key)
        if found is None:
            found = self._regex_cache[key] = self._run_regex(pattern, case_sensitive)
        return found

    def _regex_occurs(self, pattern: regex.Pattern, case_sensitive: bool) -> bool:
        """Does ``pattern`` match (a non-empty span) anywhere? Stops at the first match."""
        found = self._regex_cache.get((pattern.pattern, pattern.flags, case_sensitive))
        if found is not None:
            return bool(found)
        return next(self._regex_spans(pattern, case_sensitive), None) is not None

    def _run_regex(self, pattern: regex.Pattern, case_sensitive: bool) -> list[Hit]:
        return [Hit(start, end) for start, end in self._regex_spans(pattern, case_sensitive)]

    def _regex_spans(self, pattern: regex.Pattern, case_sensitive: bool) -> Iterable[tuple[int, int]]:
        """The non-empty matches of ``pattern`` in the reply, time-bounded."""
        text = self.document.text if case_sensitive else self.document.folded_text
        try:
            for match in pattern.finditer(text, timeout=REGEX_TIMEOUT):
                if match.end() > match.start():
                    yield match.span()
        except TimeoutError:
            raise RegexTimeout(pattern.pattern) from None

    def _unordered_hits(self, pattern_set: PatternSet) -> list[Hit]:
        cached = self._unordered_cache.get(pattern_set.ident)
        if cached is not None:
            return cached
        hits = self._unordered_cache[pattern_set.ident] = []
        tokens = self.document.tokens
        masks = self._sentence_masks
        entry_masks = pattern_set.unordered_masks or (0,) * len(pattern_set.unordered)
        for (tests, window), needed in zip(pattern_set.unordered, entry_masks):
            for sentence in self.document.sentences:
                if masks[sentence.index] & needed != needed:
                    continue  # a word the entry needs is not in this sentence
                words = [token for token in tokens[sentence.first_token:sentence.last_token]
                         if token.kind != "punct"]
                for anchor_position, anchor in enumerate(words):
                    if not tests[0].accepts(anchor):
                        continue
                    low = max(0, anchor_position - window)
                    high = min(len(words), anchor_position + window + 1)
                    chosen = [anchor]
                    for test in tests[1:]:
                        match = next((word for word in words[low:high]
                                      if word not in chosen and test.accepts(word)), None)
                        if match is None:
                            break
                        chosen.append(match)
                    else:
                        first = min(chosen, key=lambda token: token.index)
                        last = max(chosen, key=lambda token: token.index)
                        hits.append(Hit(first.start, last.end, first.index, last.index + 1))
        return hits

    def filter_unless(self, hits: list[Hit], unless: PatternSet | None) -> list[Hit]:
        """Drop the hits an exception covers (same span, sentence or document by scope)."""
        if unless is None or not hits:
            return hits
        if unless.scope == "document":
            return [] if self.occurs(unless) else hits
        exceptions = self.hits_near(unless, self.sentences_of(hits))
        if not exceptions:
            return hits
        if unless.scope == "sentence":
            blocked = {self.sentence_of(hit) for hit in exceptions}
            return [hit for hit in hits if self.sentence_of(hit) not in blocked]
        kept = []
        for hit in hits:
            for exception in exceptions:
                if exception.start < hit.end and hit.start < exception.end:
                    break
            else:
                kept.append(hit)
        return kept

    def sentence_of(self, hit: Hit) -> int:
        if hit.first_token >= 0:
            return self.document.tokens[hit.first_token].sentence
        sentence = self.document.sentence_at(hit.start)
        return sentence.index if sentence else -1
