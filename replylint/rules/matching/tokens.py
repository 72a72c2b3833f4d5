"""What one token of a phrase or token pattern must be (:class:`TokenTest`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from replylint.document import EMAIL, NUMBER, PLACEHOLDER, PUNCT, SYMBOL, URL, WORD, WORDLIKE, Token
from replylint.rules.matching.regexes import fullmatch

#: Punctuation that may stand between two words of a phrase without breaking it.
SOFT_PUNCT = frozenset({",", "-", "—", "–", "«", "»", '"', "(", ")", "“", "”", "„", "'"})
#: What a gap (``{0,3}``) may step over: any token but punctuation.
GAP_KINDS = frozenset({WORD, NUMBER, PLACEHOLDER, URL, EMAIL, SYMBOL})
_WORDS_AND_PLACEHOLDERS = WORDLIKE | {PLACEHOLDER}
#: Grammemes most words carry: a poor index key when a rarer group is at hand.
_COMMON_GRAMMEMES = frozenset({"sing", "plur", "masc", "femn", "neut", "anim", "inan", "nomn",
                               "gent", "datv", "accs", "ablt", "loct", "perf", "impf", "tran",
                               "intr", "indc"})


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

    @property
    def steps_over_soft_punct(self) -> bool:
        """May soft punctuation before a token this test takes be stepped over? Not when
        the test itself may take punctuation (``kind: punct``, a phrase's comma)."""
        return self.kinds is None or PUNCT not in self.kinds

    def accepts(self, token: Token) -> bool:
        """Does ``token`` pass every test?

        Raises:
            RegexTimeout: a ``text:`` regex ran past its time bound.
        """
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
            return token.kind in GAP_KINDS
        # Every reading's lemma is among the token's lemmas: a word with none of the
        # test's is out before its kind, text and readings are looked at (most words a
        # sequence's later element is tried on).
        if self.lemmas is not None and self.lemmas.isdisjoint(token.lemmas):
            return False
        if self.kinds is not None:
            if token.kind not in self.kinds:
                return False
        elif token.kind not in _WORDS_AND_PLACEHOLDERS and self.surface is None:
            return False
        if self.forms is not None and token.norm not in self.forms:
            return False
        if self.capitalized is not None and token.text[:1].isupper() != self.capitalized:
            return False
        if self.known is not None and token.known != self.known:
            return False
        if self.surface is not None and not fullmatch(self.surface, token.text):
            return False
        if self.grammemes:
            # Some reading has the lemma and a grammeme of each group (loops, not nested
            # generators, nor a call: this runs for every distinct word a grammeme index
            # picks, and for every word a later element of a sequence is tried on).
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
        return True  # (the lemmas were asked first)


#: A token test that stands for the soft punctuation a phrase steps over between words.
SOFT_PUNCT_TEST = TokenTest(forms=SOFT_PUNCT, kinds=frozenset({PUNCT}))


def index_keys(test: TokenTest) -> tuple[str, frozenset[str]] | None:
    """Where to file a test in an index: a token it accepts has one of these keys, of
    the kind named first (``lemma``, ``grammeme`` or ``kind``); None when no key can be
    said."""
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


def required_lemmas(test: TokenTest) -> frozenset[str] | None:
    """Lemmas one of which every token ``test`` accepts has (None: none can be said)."""
    keys = index_keys(test)
    return keys[1] if keys is not None and keys[0] == "lemma" else None
