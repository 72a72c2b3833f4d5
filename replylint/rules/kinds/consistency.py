"""consistency: one reply, one voice — flags the minority variant («ты» among «вы»)."""

from __future__ import annotations

from dataclasses import dataclass

from replylint.rules.kinds import Match
from replylint.rules.patterns import PatternSet


@dataclass(frozen=True, slots=True)
class Consistency:
    variants: tuple[tuple[str, PatternSet], ...]
    unless: PatternSet | None
    setting: str


def compile(rule, compiler) -> Consistency:
    variants = tuple((str(name), compiler.pattern_set(value))
                     for name, value in rule.options["variants"].items())
    return Consistency(variants, compiler.optional_pattern_set(rule.options.get("unless"), lazy=True),
                       f"{rule.id}.expected")


def check(compiled: Consistency, table, settings):
    found = []
    for order, (name, pattern_set) in enumerate(compiled.variants):
        hits = table.filter_unless(table.hits(pattern_set), compiled.unless)
        if hits:
            found.append((name, hits))
    expected = settings.get(compiled.setting)
    if expected is None:
        if len(found) < 2:
            return
        # The voice used most sets the tone; on a tie, the one used first.
        expected = max(found, key=lambda item: (len(item[1]), -item[1][0].start))[0]
    for name, hits in found:
        if name == expected:
            continue
        for hit in hits:
            yield Match.from_hit(hit, arguments={"variant": name, "expected": expected})
