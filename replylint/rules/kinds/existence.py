"""existence: every place a phrase, token pattern or regex occurs (minus exceptions)."""

from __future__ import annotations

from dataclasses import dataclass

from replylint.rules.kinds import Match
from replylint.rules.matching.sets import PatternSet


@dataclass(frozen=True, slots=True)
class Existence:
    match: PatternSet
    unless: PatternSet | None


def compile(rule, compiler) -> Existence:
    return Existence(compiler.pattern_set(rule.options["match"]),
                     compiler.optional_pattern_set(rule.options.get("unless"), lazy=True))


def triggers(compiled: Existence):
    return (compiled.match,)


def check(compiled: Existence, table, settings):
    for hit in table.filter_unless(table.hits(compiled.match), compiled.unless):
        yield Match.from_hit(hit)
