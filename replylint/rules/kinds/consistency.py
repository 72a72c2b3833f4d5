"""consistency: one reply, one voice — flags the minority variant («ты» among «вы»)."""

from __future__ import annotations

from dataclasses import dataclass

from replylint.rules.kinds import Match
from replylint.rules.matching.sets import PatternSet


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


def triggers(compiled: Consistency):
    return tuple(pattern_set for _, pattern_set in compiled.variants)


def check(compiled: Consistency, table, settings):
    expected = settings.get(compiled.setting)
    present = [(name, hits) for name, pattern_set in compiled.variants
               if (hits := table.hits(pattern_set))]
    # Exceptions only take hits away: with one voice (or only the expected one) before
    # them, there is nothing to report and they need not be looked for.
    if len(present) < 2 and (expected is None or all(name == expected for name, _ in present)):
        return
    found = []
    for name, hits in present:
        hits = table.filter_unless(hits, compiled.unless)
        if hits:
            found.append((name, hits))
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
