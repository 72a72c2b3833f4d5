"""Rule kinds: the few ways a rule can look at a reply. Each module exposes
``compile(rule, compiler)`` and ``check(compiled, table, settings) -> Iterator[Match]``,
and may expose ``triggers(compiled)``: pattern sets one of which must have hits for the
rule to find anything (the linter does not call ``check`` on a reply where none has), or
None when that cannot be said of this rule. A kind without it (absence, metric) and a
rule whose triggers are None (spelling of unknown words) are checked on every reply.

A kind yields matches (span and text); the linter stamps id, category and severity.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from replylint.rules.patterns import Hit


@dataclass(frozen=True, slots=True)
class Match:
    """What a kind found: a span, and what the message and suggestions need to know.

    Attributes:
        replacements: dictionary-form rewrites to inflect into the span.
        advice: advice lines specific to this match.
        prefer: lemmas as the rule wrote them, to pick the reading to inflect from.
        arguments: values for ``{placeholders}`` in the rule's message.
    """

    start: int
    end: int
    first_token: int = -1
    last_token: int = -1
    replacements: tuple[str, ...] = ()
    safe: bool = False
    advice: tuple[str, ...] = ()
    prefer: frozenset[str] = frozenset()
    arguments: dict = field(default_factory=dict, hash=False, compare=False)

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
}


def kind_module(kind: str):
    return importlib.import_module(f"replylint.rules.kinds.{KIND_MODULES[kind]}")
