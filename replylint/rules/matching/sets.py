"""What a rule looks for (:class:`PatternSet`) and where it was found (:class:`Hit`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from replylint.rules.matching.sequences import Sequence
from replylint.rules.matching.tokens import TokenTest


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
    #: Any-order phrases: (the tests of its words, how many words apart they may stand).
    unordered: tuple[tuple[tuple[TokenTest, ...], int], ...] = ()
    regexes: tuple[regex.Pattern, ...] = ()
    #: For each regex: folded strings one of which any match contains (None: unknown);
    #: see :mod:`replylint.rules.matching.prefilter`.
    needles: tuple[frozenset[str] | None, ...] = ()
    scope: str = "overlap"
    case_sensitive: bool = False
    ident: int = field(default=-1)
    #: For each regex: more sets of folded strings, one string of each of which any match
    #: also contains (see :func:`~replylint.rules.matching.prefilter.required_literal_sets`).
    more_needles: tuple[tuple[frozenset[str], ...], ...] = ()
    #: Strings one of which a reply must contain for any of the regexes to match (empty:
    #: there are no regexes); None when some regex has no such strings.
    regex_needles: frozenset[str] | None = field(init=False, repr=False)
    #: For each ``unordered`` entry: the requirement bits of the lemma sets one of which
    #: each of its words must have (set when the matcher files the set; see
    #: :class:`~replylint.rules.matching.index.Matcher`): a sentence without them all
    #: cannot hold the entry.
    unordered_masks: tuple[int, ...] = field(init=False, repr=False, default=())
    #: (regex, needles, more needles) for each regex, as the match table reads them for
    #: every set a woken rule asks about.
    regex_checks: tuple[tuple[regex.Pattern, frozenset[str] | None, tuple[frozenset[str], ...]], ...] = \
        field(init=False, repr=False, default=())

    def __post_init__(self) -> None:
        count = len(self.regexes)
        needles = self.needles or (None,) * count
        self.regex_needles = None if None in needles else frozenset().union(*needles)
        self.regex_checks = tuple(zip(self.regexes, needles, self.more_needles or ((),) * count))
