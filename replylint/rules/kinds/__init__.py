"""Rule kinds: the few ways a rule can look at a reply. Each module exposes
``compile(rule, compiler)`` and ``check(compiled, table, settings) -> Iterator[Match]``,
and may expose ``triggers(compiled)``: pattern sets one of which must have hits for the
rule to find anything (the linter does not call ``check`` on a reply where none has), or
None when that cannot be said of this rule. A kind without it (metric) and a rule whose
triggers are None (spelling of unknown words, an absence with no ``when``) are checked on
every reply.

A kind yields matches (span and text); the linter stamps id, category and severity.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple

from replylint.rules.patterns import Hit


class Match(NamedTuple):
    """What a kind found: a span, and what the message and suggestions need to know.

    A named tuple: every diagnostic starts as one, and a frozen dataclass takes about
    three times as long to build.

    Attributes:
        replacements: dictionary-form rewrites to inflect into the span.
        advice: advice lines specific to this match.
        prefer: lemmas as the rule wrote them, to pick the reading to inflect from.
        arguments: values for ``{placeholders}`` in the rule's message (None: none).
    """

    start: int
    end: int
    first_token: int = -1
    last_token: int = -1
    replacements: tuple[str, ...] = ()
    safe: bool = False
    advice: tuple[str, ...] = ()
    prefer: frozenset[str] = frozenset()
    arguments: dict | None = None

    @classmethod
    def from_hit(cls, hit: Hit, **extra) -> "Match":
        return cls(hit.start, hit.end, hit.first_token, hit.last_token, **extra)


KIND_MODULES = {
    "existence": "existence",
    "substitution": "substitution",
    "absence": "absence",
    "position": "position",
    "occurrence": "occurrence",
    "condition": "condition",
    "metric": "metric",
    "consistency": "consistency",
    "spelling": "spelling",
    "moves": "moves",
}


def kind_module(kind: str):
    return importlib.import_module(f"replylint.rules.kinds.{KIND_MODULES[kind]}")
