"""Which of many literal strings a text holds, found in one Aho-Corasick pass."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from operator import itemgetter

import ahocorasick


class LiteralFinder:
    """Finds the literals a text holds and reports the value filed under each.

    The automaton is built on first use and never pickled (the rule cache stores the
    matcher; the automaton is rebuilt in a few milliseconds).
    """

    def __init__(self, values: Mapping[str, object]) -> None:
        self._values = dict(values)
        self._automaton: ahocorasick.Automaton | None = None

    def __bool__(self) -> bool:
        return bool(self._values)

    def __getstate__(self) -> dict:
        return {"_values": self._values, "_automaton": None}

    def build(self) -> None:
        """Build the automaton now rather than on the first search."""
        if self._automaton is None and self._values:
            self._automaton = _automaton(self._values.items())

    def values_in(self, text: str) -> Iterator:
        """The value of each occurrence of a literal in ``text`` (one per occurrence)."""
        if not self._values:
            return iter(())  # (an automaton without words cannot be searched)
        if self._automaton is None:
            self.build()
        return map(itemgetter(1), self._automaton.iter(text))  # (end, value) pairs


def _automaton(words: Iterable[tuple[str, object]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word, value in words:
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton
