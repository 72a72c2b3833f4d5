"""What a kind finds in a reply: a span, and what the message and suggestions need."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from replylint.rules.matching.sets import Hit


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
