"""existence: every place a phrase, token pattern or regex occurs (minus exceptions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from replylint.rules.kinds.match import Match
from replylint.rules.options import key, patterns
from replylint.rules.patternspec import PatternSpec

if TYPE_CHECKING:
    from replylint.rules.matching.sets import PatternSet

NAME = "existence"
FIRES_WHEN = "at every match of `match`"


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """The keys of an existence rule."""

    match: PatternSpec = key("what to look for", patterns)


class Existence(NamedTuple):
    """An existence rule, compiled."""

    match: PatternSet
    unless: PatternSet | None


def compile(rule, compiler) -> Existence:
    options: Options = rule.kind_options
    return Existence(compiler.pattern_set(options.match),
                     compiler.optional_pattern_set(rule.unless, lazy=True))


def triggers(compiled: Existence):
    return (compiled.match,)


def check(compiled: Existence, table, settings):
    for hit in table.filter_unless(table.hits(compiled.match), compiled.unless):
        yield Match.from_hit(hit)
