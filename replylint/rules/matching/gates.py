"""Which ``text:``-first sequences a word may start, decided without running each regex."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from replylint.rules.matching import prefilter, regexes
from replylint.rules.matching.literals import LiteralFinder
from replylint.rules.matching.tokens import TokenTest

_UNCOMBINABLE = regex.compile(r"\\[1-9]|\\g<|\(\?(?![:=!#>]|<[=!])")


class TextGates:
    """Routes the sequences whose first token is tested by ``text:`` regexes alone (no
    lemma, grammeme or kind to file them under), so that most words rule most of them out
    without running a regex.

    A regex whose matches need one of some literals (see
    :mod:`~replylint.rules.matching.prefilter`) is filed under them: a word holding none of
    them cannot match it, and a literal finder tells which a word holds in one pass. The
    others are joined into one alternation per flag set (the gates): a word none of them
    matches rules them all out in one call instead of one call each. Sequences with a
    start test neither can stand for are offered to every word.

    Args:
        scanned: (entry number, start tests) of each sequence filed under no key.
    """

    def __init__(self, scanned: Iterable[tuple[int, tuple[TokenTest, ...] | None]]) -> None:
        groups: dict[int, tuple[list[str], set[int]]] = {}
        literals: dict[str, set[int]] = {}
        everything: set[int] = set()
        for entry, tests in scanned:
            everything.add(entry)
            patterns = [test.surface for test in tests or () if test.surface is not None]
            if not tests or len(patterns) != len(tests):
                continue
            needles = [prefilter.required_literals(pattern.pattern, pattern.flags) for pattern in patterns]
            if None not in needles:
                for literal in frozenset().union(*needles):
                    literals.setdefault(literal, set()).add(entry)
            elif all(map(_combinable, patterns)) and len({pattern.flags for pattern in patterns}) == 1:
                sources, entries = groups.setdefault(patterns[0].flags, ([], set()))
                sources.extend(f"(?:{_without_global_ignorecase(pattern)})" for pattern in patterns)
                entries.add(entry)
        self._gates: list[tuple[regex.Pattern, frozenset[int]]] = []
        for flags, (sources, entries) in groups.items():
            try:
                self._gates.append((regex.compile("|".join(sources), flags), frozenset(entries)))
            except regex.error:
                continue  # each is still tried on its own
        self._literals = LiteralFinder({literal: tuple(sorted(entries)) for literal, entries in literals.items()})
        self._ungated = frozenset(everything).difference(*(gated for _, gated in self._gates),
                                                         *literals.values())

    def prepare(self) -> None:
        """Build the literal finder now rather than for the first word."""
        self._literals.build()

    def entries(self, text: str) -> set[int]:
        """The entries a word with this text may start (a superset: their start tests
        still decide)."""
        entries = set(self._ungated)
        for gate, gated in self._gates:
            try:
                if gate.fullmatch(text, timeout=regexes.REGEX_TIMEOUT) is not None:
                    entries |= gated
            except TimeoutError:
                entries |= gated  # each regex on its own names the rule that hangs
        if self._literals:
            for filed in self._literals.values_in(prefilter.fold(text)):
                entries.update(filed)
        return entries


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
