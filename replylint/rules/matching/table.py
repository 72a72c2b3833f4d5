"""The hits of every pattern set on one reply (:class:`MatchTable`): sequences in one pass
over its tokens, everything else when a rule asks."""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import attrgetter, or_
from typing import TYPE_CHECKING

import regex

from replylint.document import PUNCT, Document, Token
from replylint.rules.matching import prefilter, regexes
from replylint.rules.matching.regexes import RegexTimeout
from replylint.rules.matching.sequences import Sequence
from replylint.rules.matching.sets import Hit, PatternSet
from replylint.rules.matching.tokens import SOFT_PUNCT, TokenTest

if TYPE_CHECKING:
    from replylint.rules.matching.index import Matcher, Row


#: Sentences' bits remembered per row for its ``always`` sequences (see
#: :attr:`~replylint.rules.matching.index.Row.always_passing`); a row's memory is emptied
#: past this.
ALWAYS_MEMO_SIZE = 64


_bits = attrgetter("bits")
_lazy_bits = attrgetter("lazy_bits")


def _hit_order(hit: Hit) -> tuple[int, int]:
    """Document order, the longer of two hits at one place first."""
    return hit.start, -hit.end


def _remember_passing(passing: dict[int, tuple], relevant: int, always: tuple) -> tuple:
    """The triples of ``always`` whose requirement masks lie within ``relevant``, remembered
    in ``passing`` (a row's :attr:`~replylint.rules.matching.index.Row.always_passing`)."""
    if len(passing) >= ALWAYS_MEMO_SIZE:
        passing.clear()
    entries = passing[relevant] = tuple(entry for entry in always if relevant & entry[2] == entry[2])
    return entries


def _remember_next(row: Row, following: int, relevant: int) -> tuple:
    """The triples of ``row.by_next`` the next word admits (it meets ``following`` of their
    bits) whose requirement masks lie within ``relevant``, remembered in the row's
    :attr:`~replylint.rules.matching.index.Row.next_passing`."""
    passing = row.next_passing
    if len(passing) >= ALWAYS_MEMO_SIZE:
        passing.clear()
    entries = passing[following, relevant] = tuple(
        entry for bit, items in row.by_next if following & bit for entry in items if relevant & entry[2] == entry[2])
    return entries


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
        self._rows: list[Row] = []
        self._sentence_masks: list[int] = []
        #: The bits (see :attr:`Matcher.lazy_sets`) of the lazy sets that may start in each
        #: sentence, and in the whole reply (found on first use).
        self._lazy_by_sentence: list[int] | None = None
        self._lazy_anywhere = 0
        #: Hits of a lazy set by (ident, sentence index), or (ident, -1) for the whole reply.
        self._near_cache: dict[tuple[int, int], list[Hit]] = {}
        self._unordered_cache: dict[int, list[Hit]] = {}
        self._regex_set_cache: dict[int, list[Hit]] = {}
        self._sequence_hits = self._run_sequences()

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

    def sentence_of(self, hit: Hit) -> int:
        """The index of the sentence a hit starts in (-1: between sentences)."""
        if hit.first_token >= 0:
            return self.document.tokens[hit.first_token].sentence
        sentence = self.document.sentence_at(hit.start)
        return sentence.index if sentence else -1

    def found(self) -> Iterable[int]:
        """Idents of the eagerly matched pattern sets whose sequences hit this document."""
        return self._sequence_hits.keys()

    def lemma_bits(self) -> int:
        """The requirement bits (see :class:`Matcher`) the words of the reply meet."""
        return reduce(or_, self._sentence_masks, 0)

    def may_contain(self, needles: frozenset[str]) -> bool:
        """Does the reply (folded, see :mod:`~replylint.rules.matching.prefilter`) hold one of
        ``needles``? They must be literals of registered pattern sets (or unions of them):
        all of those a reply holds are found at once, on the first question."""
        return not needles.isdisjoint(self.present_needles())

    def present_needles(self) -> frozenset[str]:
        """The literals of the registered sets' regexes that the reply holds."""
        present = self._present
        if present is None:
            present = self._present = self.matcher.needles_in(prefilter.fold(self.document.folded_text))
        return present

    def _run_sequences(self) -> dict[int, list[Hit]]:
        """Match every eager sequence where it may start: the hits by pattern set."""
        found: dict[int, list[Hit]] = {}
        self._try_sites(self._sites(self._read_rows(), found), found)
        return found

    def _read_rows(self) -> list[Row]:
        """Set the row of each token and the requirement bits of each sentence (those of its
        words together); a row also says which lazy sequences may start at its word
        (matched when a rule asks, see :meth:`_lazy_hits`)."""
        tokens = self.document.tokens
        candidates = self.matcher.candidates
        remembered = self.matcher.word_rows
        empty: dict[str, Row] = {}
        rows = self._rows = [remembered.get(token.kind, empty).get(token.text) or candidates(token)
                             for token in tokens]
        # (each sentence's rows are a run of the list: OR-ed in C, not token by token)
        self._sentence_masks = [reduce(or_, map(_bits, rows[sentence.first_token:sentence.last_token]), 0)
                                for sentence in self.document.sentences]
        return rows

    def _sites(self, rows: list[Row], found: dict[int, list[Hit]]) -> list[tuple[int, tuple, int, Row, int]]:
        """Add to ``found`` the hits of the one-token sequences the rows decide, and return
        where sequences are left to try: (position, the 'always' triples its sentence can
        hold, the bits of ``by_next`` the sentence meets, the row, the sentence index).

        Most tokens start some sequence, and for most of those the sentence rules them
        all out; this runs for every token, so it calls nothing.
        """
        tokens = self.document.tokens
        masks = self._sentence_masks
        sites = []
        for position, row in enumerate(rows):
            certain, checked = row.certain, row.checked
            if certain or checked:
                token = tokens[position]
                hit = Hit(token.start, token.end, position, position + 1)  # (immutable: shared)
                for ident in certain:
                    hits = found.get(ident)
                    if hits is None:
                        found[ident] = [hit]
                    else:
                        hits.append(hit)
                for ident, negated, opens in checked:
                    if (negated is None or token.negated == negated) and \
                            (opens is None or token.sentence_start == opens):
                        hits = found.get(ident)
                        if hits is None:
                            found[ident] = [hit]
                        else:
                            hits.append(hit)
            if not row.tries:
                continue
            # A sequence needs its requirements in the sentence (and the next word's lemma
            # or test, see _try_sites). Which of a row's 'always' sequences a sentence can
            # hold depends only on the sentence's bits among theirs: few combinations,
            # remembered per row.
            sentence = tokens[position].sentence
            sentence_mask = masks[sentence]
            entries = ()
            always = row.always
            if always:
                common = row.always_common
                if sentence_mask & common == common:
                    relevant = sentence_mask & row.always_union
                    entries = row.always_passing.get(relevant)
                    if entries is None:
                        entries = _remember_passing(row.always_passing, relevant, always)
            next_bits = row.next_bits & sentence_mask
            if entries or next_bits or row.by_test:
                sites.append((position, entries, next_bits, row, sentence))
        return sites

    def _try_sites(self, sites: list[tuple[int, tuple, int, Row, int]], found: dict[int, list[Hit]]) -> None:
        """Try the sequences left at each site (see :meth:`_sites`): its 'always' triples,
        and those routed by the next word (past soft punctuation) that it admits, adding
        their hits to ``found``."""
        tokens, rows, masks = self.document.tokens, self._rows, self._sentence_masks
        sentences = self.document.sentences
        for position, entries, next_bits, row, sentence in sites:
            stop = sentences[sentence].last_token
            by_test = row.by_test
            if next_bits or by_test:
                following = position + 1
                if following < stop and tokens[following].kind == PUNCT:
                    following = self._next_word(position, stop)
                if following < stop:
                    sentence_mask = masks[sentence]
                    admitted = rows[following].bits & next_bits
                    if admitted:
                        chosen = row.next_passing.get((admitted, sentence_mask & row.next_union))
                        if chosen is None:
                            chosen = _remember_next(row, admitted, sentence_mask & row.next_union)
                        if chosen:
                            entries = entries + chosen
                    for test, items in by_test:
                        if self._may_start(test, tokens[following]):
                            entries = entries + tuple(entry for entry in items
                                                      if sentence_mask & entry[2] == entry[2])
            # Each of these meets its requirements, and its start test passed here: the
            # match may still fail on order. (_attempt, inlined: this runs for most
            # attempts.)
            for sequence, ident, _ in entries:
                try:
                    last = sequence.match_at(tokens, position, stop, first_checked=True)
                except RegexTimeout as timeout:
                    raise RegexTimeout(timeout.pattern, ident) from None
                if last is None or last < position:
                    continue
                hit = Hit(tokens[position].start, tokens[last].end, position, last + 1)
                hits = found.get(ident)
                if hits is None:
                    found[ident] = [hit]
                else:
                    hits.append(hit)

    def _next_word(self, position: int, stop: int) -> int:
        """The token after ``position``, past soft punctuation (``stop`` or more: none in
        the sentence): where the second element of a sequence starting there must match."""
        tokens = self.document.tokens
        following = position + 1
        while following < stop and tokens[following].kind == PUNCT and tokens[following].text in SOFT_PUNCT:
            following += 1
        return following

    def _may_start(self, test: TokenTest, token: Token) -> bool:
        try:
            return test.may_start(token)
        except RegexTimeout as timeout:
            raise RegexTimeout(timeout.pattern, self.matcher.owner_of_second_test(test)) from None

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

    def _lazy_hits(self, ident: int, first_token: int = 0, last_token: int | None = None,
                   first_only: bool = False) -> list[Hit]:
        """Hits of the lazy set ``ident`` starting at tokens ``first_token:last_token``
        (only the first one found with ``first_only``)."""
        bit = self.matcher.lazy_sets[ident]
        hits: list[Hit] = []
        if last_token is None:
            # the whole reply: the sentences where a sequence of the set may start
            by_sentence, anywhere = self._lazy_sentences()
            if anywhere & bit:
                for sentence in self.document.sentences:
                    if by_sentence[sentence.index] & bit and \
                            self._lazy_hits_in(ident, bit, sentence.first_token, sentence.last_token, first_only, hits):
                        break
            return hits
        self._lazy_hits_in(ident, bit, first_token, last_token, first_only, hits)
        return hits

    def _lazy_hits_in(self, ident: int, bit: int, first_token: int, last_token: int, first_only: bool,
                      hits: list[Hit]) -> bool:
        """Add to ``hits`` those of the lazy set ``ident`` (its bit: ``bit``) starting at
        tokens ``first_token:last_token``; True once one is found with ``first_only``."""
        rows = self._rows
        tokens = self.document.tokens
        for position in range(first_token, last_token):
            row = rows[position]
            if not row.lazy_bits & bit:
                continue  # (most words: none of the set's sequences starts there)
            sentence = tokens[position].sentence
            mask = self._sentence_masks[sentence]
            stop = self.document.sentences[sentence].last_token
            for sequence, second_bit, needed in row.lazy[ident]:
                if mask & needed != needed:
                    continue
                if second_bit:
                    following = self._next_word(position, stop)
                    if following >= stop or not rows[following].bits & second_bit:
                        continue
                hit = self._attempt(sequence, ident, position, stop)
                if hit is not None:
                    hits.append(hit)
                    if first_only:
                        return True
        return False

    def _lazy_sentences(self) -> tuple[list[int], int]:
        """The bits of the lazy sets that may start in each sentence, and anywhere."""
        found = self._lazy_by_sentence
        if found is None:
            rows = self._rows
            # (each sentence's rows are a run of the list, as for the requirement bits)
            found = self._lazy_by_sentence = [
                reduce(or_, map(_lazy_bits, rows[sentence.first_token:sentence.last_token]), 0)
                for sentence in self.document.sentences]
            self._lazy_anywhere = reduce(or_, found, 0)
        return found, self._lazy_anywhere

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
            for match in pattern.finditer(text, timeout=regexes.REGEX_TIMEOUT):
                if match.end() > match.start():
                    yield match.span()
        except TimeoutError:
            raise RegexTimeout(pattern.pattern) from None

    def _unordered_hits(self, pattern_set: PatternSet) -> list[Hit]:
        """Hits of the set's any-order phrases: in one sentence, each word of a phrase
        within its window of words around a word that passes its first test."""
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
                         if token.kind != PUNCT]
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
