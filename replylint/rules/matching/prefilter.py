"""Literal prefilters for rule regexes: strings one of which every match must contain.

Most rule regexes find nothing in a given reply (an obscene root, a law's abbreviation),
yet scanning the whole text with each of them costs about a fifth of linting time. Before
a regex runs, the matcher checks with ``str`` containment (far cheaper than a regex scan) that the
reply holds at least one of the literal strings the regex cannot match without; when it
holds none, the regex cannot match and is skipped.

The strings are read from the regex's syntax tree. A prefilter is only ever a necessary
condition: whatever cannot be analysed (an unfamiliar construct, a pattern Python's
parser rejects) yields no prefilter, and the regex always runs.

Both sides are compared case-folded, with «ё» read as «е», so the test holds whatever
the case flags of a pattern (a case-sensitive match is also a case-folded one). Only
letters whose case-insensitive equivalents all fold to the same string are used as
literals (ASCII and basic Cyrillic, plus uncased characters); a test over every code
point checks that.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

try:  # Python's own regex parser: private, so a missing or changed one only disables this
    from re import _constants as _codes
    from re import _parser
except ImportError:  # pragma: no cover - Python < 3.11 or a future layout
    _parser = None


#: Cross products of alternatives are kept up to this many strings.
_MAX_STRINGS = 64
_DIGITS = frozenset("0123456789")


#: A digit other than 0-9 as the regex engine sees it (``\d`` matches every Unicode
#: decimal digit): :func:`fold` writes it as «0», so a literal made of ``\d`` (one of
#: 0-9 in each place) is still found.
_OTHER_DIGIT = regex.compile(r"(?![0-9])\d")


def fold(text: str) -> str:
    """The form both the text and the literals are compared in.

    The Turkic «İ» and «ı» are equated with «i» by the case-insensitive engine, but
    ``str.casefold`` does not fold them onto it. (``str.replace`` is many times faster
    than ``str.translate`` with a table, and this runs on every reply.)
    """
    folded = text.replace("ё", "е").replace("Ё", "е").replace("İ", "i").replace("ı", "i").casefold()
    if not folded.isalpha() and _OTHER_DIGIT.search(folded) is not None:  # «١٢:٣٠», «１２»: rare
        folded = _OTHER_DIGIT.sub("0", folded)
    return folded


def _usable(character: str) -> bool:
    """Can ``character`` stand in a literal? Only where folding is exact (see module doc)."""
    code = ord(character)
    if code < 0x80 or 0x400 <= code <= 0x45F:
        return True
    return character.lower() == character.upper() == character and character.casefold() == character


@dataclass(frozen=True, slots=True)
class _Info:
    #: Every string the node can match, when that set is small and known (else None).
    exact: frozenset[str] | None
    #: Strings one of which every match contains (None: nothing can be said).
    required: frozenset[str] | None
    #: Strings one of which every match starts with / ends with (None: nothing can be
    #: said; an exact set is both). They let a literal reach across a node whose exact
    #: set is unknown: «су» + («к…» or «ч…») is «сук» or «суч», not just «су».
    prefixes: frozenset[str] | None = None
    suffixes: frozenset[str] | None = None

    @property
    def starts(self) -> frozenset[str] | None:
        return self.exact if self.exact is not None else self.prefixes

    @property
    def ends(self) -> frozenset[str] | None:
        return self.exact if self.exact is not None else self.suffixes


_NOTHING = _Info(None, None)
_EMPTY = _Info(frozenset({""}), None)


def _score(strings: frozenset[str] | None) -> tuple[int, int]:
    if not strings:
        return (0, 0)
    return (min(map(len, strings)), -len(strings))


def _minimal(strings: frozenset[str] | None) -> frozenset[str] | None:
    """Drop a string that contains another of the set: finding the shorter one is enough
    («закрыт» stands for «закрыта», «закрыты»)."""
    if not strings or len(strings) == 1:
        return strings
    # Look up each string's shorter substrings, of the lengths the set holds, instead of
    # comparing every pair: 50 000 alternatives took minutes.
    lengths = sorted({len(string) for string in strings})
    return frozenset(string for string in strings
                     if not _holds_another(string, strings, lengths))


def _holds_another(string: str, strings: frozenset[str], lengths: list[int]) -> bool:
    size = len(string)
    for length in lengths:
        if length >= size:
            return False
        if any(string[start:start + length] in strings for start in range(size - length + 1)):
            return True
    return False


def _best(*options: frozenset[str] | None) -> frozenset[str] | None:
    best = max(map(_minimal, options), key=_score, default=None)
    return best if _score(best)[0] > 0 else None


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > _MAX_STRINGS:
        return None
    return frozenset(a + b for a in left for b in right)


def _joined(ends: frozenset[str], starts: frozenset[str]) -> frozenset[str] | None:
    """Strings one of which ``x + y`` contains, where ``x`` ends with one of ``ends`` and
    ``y`` starts with one of ``starts``; when the product is too large, ``ends`` are cut
    to their last characters (a suffix of a suffix is still one), as few as need be."""
    joined = _product(ends, starts)
    length = max(map(len, ends), default=0)
    while joined is None and length > 1:
        length -= 1
        joined = _product(frozenset(string[-length:] for string in ends), starts)
    return joined


def _sequence(items) -> _Info:
    return _sequence_parts(items)[0]


def _sequence_parts(items) -> tuple[_Info, list[frozenset[str] | None]]:
    """What :func:`_sequence` says of ``items``, and every set of strings it found one of
    which a match must contain (it keeps the best; each of them is required)."""
    # run: strings one of which what the items so far matched ends with;
    # head: strings one of which it starts with, while known (None: nothing known).
    run: frozenset[str] = frozenset({""})
    head: frozenset[str] | None = run
    head_open = True  # every item so far had an exact set: head can still grow
    whole: frozenset[str] | None = run  # the exact set of the whole sequence, while known
    found: list[frozenset[str] | None] = []
    for item in items:
        info = _node(item)
        if head_open:
            if info.exact is not None and (grown := _product(head, info.exact)) is not None:
                head = grown
            else:
                head_open = False
                starts = info.starts
                grown = _product(head, starts) if starts is not None else None
                if grown is not None:
                    head = grown
        if info.exact is not None:
            joined = _joined(run, info.exact)
            if joined is not None:
                run = joined
            else:
                found.append(run)
                run = info.exact if len(info.exact) <= _MAX_STRINGS else frozenset({""})
                found.append(info.exact)
        else:
            starts = info.starts
            found.append(_joined(run, starts) if starts is not None else None)
            found.append(run)
            found.append(info.required)
            run = info.ends if info.ends is not None else frozenset({""})
        if whole is not None:
            whole = _product(whole, info.exact) if info.exact is not None else None
    found.append(run)
    return _Info(whole, _best(*found), head if _score(head)[0] > 0 else None,
                 run if _score(run)[0] > 0 else None), found


def _union(sets: list[frozenset[str] | None]) -> frozenset[str] | None:
    if any(strings is None for strings in sets):
        return None
    union = frozenset().union(*sets)
    return union if len(union) <= _MAX_STRINGS and _score(union)[0] > 0 else None


def _node(item) -> _Info:
    """What can be said of the strings one node of the syntax tree matches."""
    code, value = item
    if code is _codes.LITERAL:
        return _literal(chr(value))
    if code is _codes.IN:
        return _character_class(value)
    if code in (_codes.AT, _codes.ASSERT, _codes.ASSERT_NOT):
        return _EMPTY  # zero-width: takes no characters
    if code is _codes.SUBPATTERN:
        return _sequence(value[-1])
    if code is _codes.ATOMIC_GROUP:
        return _sequence(value)
    if code is _codes.BRANCH:
        return _branch(value[1])
    if code in (_codes.MAX_REPEAT, _codes.MIN_REPEAT, _codes.POSSESSIVE_REPEAT):
        return _repeat(*value)
    return _NOTHING


def _literal(character: str) -> _Info:
    return _Info(frozenset({fold(character)}), None) if _usable(character) else _NOTHING


def _character_class(members) -> _Info:
    """``[…]``: its characters, when they are few and all usable."""
    characters: set[str] = set()
    for member_code, member in members:
        if member_code is _codes.CATEGORY and member is _codes.CATEGORY_DIGIT \
                or member_code is _codes.RANGE and member == (ord("0"), ord("9")):
            characters |= _DIGITS  # any other digit folds to «0»
        elif member_code is _codes.LITERAL and _usable(chr(member)):
            characters.add(fold(chr(member)))
        else:
            return _NOTHING  # another range, category or a negation: too many characters
    return _Info(frozenset(characters), None) if len(characters) <= 10 else _NOTHING


def _branch(alternatives) -> _Info:
    """``a|b``: a match is one of the branches' matches."""
    branches = [_sequence(branch) for branch in alternatives]
    exact = None
    if all(branch.exact is not None for branch in branches):
        exact = frozenset().union(*(branch.exact for branch in branches))
        if len(exact) > _MAX_STRINGS:
            exact = None
    prefixes = _union([branch.starts for branch in branches])
    suffixes = _union([branch.ends for branch in branches])
    required = []
    for branch in branches:
        strings = _best(branch.required, branch.exact, branch.prefixes, branch.suffixes)
        if strings is None:
            return _Info(exact, None, prefixes, suffixes)
        required.extend(strings)
    return _Info(exact, frozenset(required), prefixes, suffixes)


def _repeat(low: int, high: int, body) -> _Info:
    """``x{low,high}`` (and ``*``, ``+``, ``?``, lazy or possessive alike)."""
    inner = _sequence(body)
    if low == 0:
        return _Info(inner.exact | {""}, None) if high == 1 and inner.exact is not None \
            else _NOTHING
    exact = inner.exact if low == high == 1 else None
    # «[XХ]{3,}» holds «xxx», «xхx»…: as many repetitions in a row as the product allows
    run = inner.exact
    for _ in range(min(low, 8) - 1):
        longer = _product(run, inner.exact) if run is not None else None
        if longer is None:
            break
        run = longer
    # one repetition or more: a match starts as the first and ends as the last do
    return _Info(exact, _best(inner.required, inner.exact, inner.prefixes, inner.suffixes, run),
                 run if run is not None else inner.starts, run if run is not None else inner.ends)


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Folded strings one of which every match of ``pattern`` contains, or None.

    ``flags`` are the ``re``/``regex`` flags the pattern was compiled with (only VERBOSE
    changes how it is read).
    """
    sets = required_literal_sets(pattern, flags)
    return sets[0] if sets else None


def required_literal_sets(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Sets of folded strings such that every match of ``pattern`` contains one string of
    each set (empty: nothing can be said), the best (:func:`required_literals`) first.

    «(?:вопрос|тема)\\s+(?:закрыт|окончен)» needs one of the first pair and one of the
    second: a reply with «вопрос» but neither «закрыт» nor «окончен» is not scanned.
    """
    if _parser is None:
        return ()
    try:
        tree = _parser.parse(pattern, flags & _codes.SRE_FLAG_VERBOSE)
    except Exception:  # the regex module's own syntax (\p{..}, (?|...)), or anything else
        return ()
    info, found = _sequence_parts(list(tree))
    best = _best(info.required, info.exact)
    if best is not None and _weak(best):
        # «п» or «с» is in nearly every reply: another set, if there is one, filters
        best = _best(*(strings for strings in found if strings is not None and not _weak(strings)))
    if best is None:
        return ()
    # (single characters are left out when they are common: «к», a digit or a comma is in
    # most replies, and the literal finder would report every occurrence of it; a Latin
    # letter or a bracket is in few Russian replies)
    others = {strings for strings in map(_minimal, found) if strings and not any(map(_common_single, strings))}
    # a set with a member inside each string of another adds nothing to it
    others = [strings for strings in others if strings != best and not _implied(best, strings)]
    others = [strings for strings in others
              if not any(other != strings and _implied(other, strings) for other in others)]
    return (best, *sorted(others, key=lambda strings: (-_score(strings)[0], sorted(strings))))


#: Characters most replies hold: alone they filter nothing.
_COMMON_CHARACTERS = frozenset(" \n\t.,!?:;-—–«»\"'0123456789")


def _common_single(string: str) -> bool:
    """Is ``string`` a single character most replies hold (a Cyrillic letter, a digit,
    common punctuation)?"""
    return len(string) == 1 and (string in _COMMON_CHARACTERS or "а" <= string <= "я")


def _weak(strings: frozenset[str]) -> bool:
    """Is one of ``strings`` a single letter (found in nearly every reply)?"""
    return any(len(string) == 1 and string.isalpha() for string in strings)


def _implied(strings: frozenset[str], by: frozenset[str]) -> bool:
    """Does finding one of ``strings`` already find one of ``by`` (each of ``strings``
    contains one of ``by``)?"""
    return all(any(other in string for other in by) for string in strings)
