"""Pattern sets: the phrases, token patterns and regexes a rule looks for.

Every rule kind finds text through a :class:`PatternSet`. Token sequences of all rules
are indexed by the lemma of their first token, so one pass over a document tries only
the sequences that can start at each word (never every pattern everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from replylint.document import Document, Token, WORDLIKE

#: Punctuation that may stand between two words of a phrase without breaking it.
SOFT_PUNCT = frozenset({",", "-", "—", "–", "«", "»", '"', "(", ")", "“", "”", "„", "'"})
#: Time bound for one user-written regex over one document, in seconds.
REGEX_TIMEOUT = 1.0
_GAP_KINDS = frozenset({"word", "number", "placeholder", "url", "email", "symbol"})


class RegexTimeout(Exception):
    """A user regex ran past :data:`REGEX_TIMEOUT` (catastrophic backtracking)."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


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
    exclude: "TokenTest | None" = None
    minimum: int = 1
    maximum: int = 1
    is_gap: bool = False

    @property
    def anchors(self) -> frozenset[str] | None:
        """Index keys: a token can only match if one of its lemmas is among them."""
        if self.minimum < 1 or self.is_gap:
            return None
        if self.lemmas is not None and self.forms is None and not self.grammemes:
            return self.lemmas
        if self.forms is not None and self.lemmas is None:
            return self.forms
        if self.lemmas is not None and self.forms is not None:
            return self.lemmas | self.forms
        if self.lemmas is not None:
            return self.lemmas
        return None

    def accepts(self, token: Token) -> bool:
        if self.is_gap:
            return token.kind in _GAP_KINDS
        if self.kinds is not None:
            if token.kind not in self.kinds:
                return False
        elif token.kind not in WORDLIKE and token.kind != "placeholder" and self.surface is None:
            return False
        if self.forms is not None and token.norm not in self.forms:
            return False
        if self.negated is not None and token.negated != self.negated:
            return False
        if self.capitalized is not None and token.text[:1].isupper() != self.capitalized:
            return False
        if self.surface is not None and not self.surface.fullmatch(token.text, timeout=REGEX_TIMEOUT):
            return False
        if self.grammemes:
            if not any(self._reading_fits(analysis) for analysis in token.analyses):
                return False
        elif self.lemmas is not None and self.lemmas.isdisjoint(token.lemmas):
            return False
        if self.exclude is not None and self.exclude.accepts(token):
            return False
        return True

    def _reading_fits(self, analysis) -> bool:
        if self.lemmas is not None and analysis.lemma not in self.lemmas:
            return False
        return all(not group.isdisjoint(analysis.grammemes) for group in self.grammemes)


@dataclass(frozen=True, slots=True)
class Sequence:
    elements: tuple[TokenTest, ...]

    def match_at(self, tokens: list[Token], start: int, stop: int) -> int | None:
        """Match starting at ``tokens[start]``; return the index of the last token used."""
        return _match(self.elements, 0, tokens, start, stop, -1)


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


@dataclass(frozen=True, slots=True)
class Hit:
    """A span found by a pattern set; tokens are a half-open range, or (-1, -1) for regex."""

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
    scope: str = "overlap"
    case_sensitive: bool = False
    ident: int = field(default=-1)

    @property
    def is_empty(self) -> bool:
        return not (self.sequences or self.unordered or self.regexes)


class Matcher:
    """All pattern sets of a rule collection, indexed by lemma for a single pass."""

    def __init__(self) -> None:
        self.pattern_sets: list[PatternSet] = []
        self._index: dict[str, list[tuple[Sequence, int]]] = {}
        self._unindexed: list[tuple[Sequence, int]] = []

    def register(self, pattern_set: PatternSet) -> PatternSet:
        pattern_set.ident = len(self.pattern_sets)
        self.pattern_sets.append(pattern_set)
        for sequence in pattern_set.sequences:
            anchors = sequence.elements[0].anchors if sequence.elements else None
            entry = (sequence, pattern_set.ident)
            if anchors:
                for key in anchors:
                    self._index.setdefault(key, []).append(entry)
            else:
                self._unindexed.append(entry)
        return pattern_set

    def run(self, document: Document) -> "MatchTable":
        return MatchTable(self, document)


class MatchTable:
    """The hits of every pattern set on one document: sequences at once, the rest lazily."""

    def __init__(self, matcher: Matcher, document: Document) -> None:
        self.matcher = matcher
        self.document = document
        self._hits: dict[int, list[Hit]] = {}
        self._sequence_hits = self._run_sequences()

    def _run_sequences(self) -> dict[int, list[Hit]]:
        found: dict[int, list[Hit]] = {}
        tokens = self.document.tokens
        sentences = self.document.sentences
        index = self.matcher._index
        unindexed = self.matcher._unindexed
        for position, token in enumerate(tokens):
            if token.kind == "punct" and not unindexed:
                continue
            stop = sentences[token.sentence].last_token
            candidates: list[tuple[Sequence, int]] = []
            for key in token.lemmas:
                entries = index.get(key)
                if entries:
                    candidates.extend(entries)
            candidates.extend(unindexed)
            seen = set()
            for sequence, ident in candidates:
                if id(sequence) in seen:
                    continue
                seen.add(id(sequence))
                last = sequence.match_at(tokens, position, stop)
                if last is not None and last >= position:
                    found.setdefault(ident, []).append(
                        Hit(token.start, tokens[last].end, position, last + 1))
        return found

    def hits(self, pattern_set: PatternSet | None) -> list[Hit]:
        """Non-overlapping hits of ``pattern_set`` in document order (longest first on ties)."""
        if pattern_set is None:
            return []
        cached = self._hits.get(pattern_set.ident)
        if cached is not None:
            return cached
        hits = list(self._sequence_hits.get(pattern_set.ident, ()))
        if pattern_set.unordered:
            hits.extend(self._unordered_hits(pattern_set))
        for pattern in pattern_set.regexes:
            hits.extend(self._regex_hits(pattern, pattern_set.case_sensitive))
        hits.sort(key=lambda hit: (hit.start, -hit.end))
        result: list[Hit] = []
        for hit in hits:
            if result and hit.start < result[-1].end:
                continue
            result.append(hit)
        self._hits[pattern_set.ident] = result
        return result

    def _regex_hits(self, pattern: regex.Pattern, case_sensitive: bool) -> list[Hit]:
        text = self.document.text if case_sensitive else self.document.folded_text
        try:
            return [Hit(match.start(), match.end())
                    for match in pattern.finditer(text, timeout=REGEX_TIMEOUT)
                    if match.end() > match.start()]
        except TimeoutError:
            raise RegexTimeout(pattern.pattern) from None

    def _unordered_hits(self, pattern_set: PatternSet) -> list[Hit]:
        hits = []
        tokens = self.document.tokens
        for tests, window in pattern_set.unordered:
            for sentence in self.document.sentences:
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
        exceptions = self.hits(unless)
        if not exceptions:
            return hits
        if unless.scope == "document":
            return []
        if unless.scope == "sentence":
            blocked = {self.sentence_of(hit) for hit in exceptions}
            return [hit for hit in hits if self.sentence_of(hit) not in blocked]
        return [hit for hit in hits
                if not any(exception.start < hit.end and hit.start < exception.end
                           for exception in exceptions)]

    def sentence_of(self, hit: Hit) -> int:
        if hit.first_token >= 0:
            return self.document.tokens[hit.first_token].sentence
        sentence = self.document.sentence_at(hit.start)
        return sentence.index if sentence else -1
