"""consistency: one reply, one voice — flags the minority variant («ты» among «вы»)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from replylint.rules.checker import Checker
from replylint.rules.kinds.match import Match
from replylint.rules.options import key, patterns
from replylint.rules.patternspec import PatternSpec, read_pattern_set
from replylint.yamlfile import LineDict

if TYPE_CHECKING:
    from replylint.rules.matching.sets import PatternSet

NAME = "consistency"
FIRES_WHEN = "more than one of `variants` is used; flags the minority (or, once, a reply all in another voice than `default`)"


def _variants(checker: Checker, value, line: int, name: str) -> tuple[tuple[str, PatternSpec], ...] | None:
    if not isinstance(value, LineDict) or len(value) < 2:
        checker.error(line, f"'{name}': нужен словарь хотя бы из двух вариантов «имя: шаблоны»")
        return None
    return tuple((str(variant), read_pattern_set(checker, patterns, value.line_of(variant), f"{name}.{variant}"))
                 for variant, patterns in value.items())


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """The keys of a consistency rule."""

    variants: tuple[tuple[str, PatternSpec], ...] = key(
        "names (`ты`, `вы`) mapped to the pattern sets that show each is used", _variants)
    default: str | None = key("the variant a reply in one voice is expected to use when no config fixes it "
                              "(a reply all in another voice is flagged)", Checker.text, default=None)
    default_unless: PatternSpec | None = key("replies where `default` does not hold (a genre with its own voice)",
                                             patterns, default=None)


class Consistency(NamedTuple):
    """A consistency rule, compiled."""

    variants: tuple[tuple[str, PatternSet], ...]
    unless: PatternSet | None
    setting: str
    default: str | None = None
    default_unless: PatternSet | None = None


def expected_setting(rule) -> str:
    """The setting that fixes which variant a rule expects (else the one used most)."""
    return f"{rule.id}.expected"


def team_settings(config, rules, settings: dict) -> dict:
    """A team's address form (``address: вы``) is the variant its rules expect."""
    if not config.address:
        return {}
    wanted = config.address.lower()
    return {expected_setting(rule): wanted for rule in rules
            if wanted in {name.lower() for name, _ in rule.kind_options.variants}}


def compile(rule, compiler) -> Consistency:
    options: Options = rule.kind_options
    variants = tuple((name, compiler.pattern_set(spec)) for name, spec in options.variants)
    return Consistency(variants, compiler.optional_pattern_set(rule.unless, lazy=True), expected_setting(rule),
                       options.default, compiler.optional_pattern_set(options.default_unless, lazy=True))


def triggers(compiled: Consistency):
    return tuple(pattern_set for _, pattern_set in compiled.variants)


def check(compiled: Consistency, table, settings):
    expected = settings.get(compiled.setting)
    present = [(name, hits) for name, pattern_set in compiled.variants
               if (hits := table.hits(pattern_set))]
    if expected is None and len(present) == 1:
        # one voice throughout: the rule's default is what it should have been (a team's
        # config, a genre with its own voice, overrule it)
        expected = _default(compiled, table)
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
        # The voice used most sets the tone; on a tie, the rule's default (a client is
        # addressed on «вы» unless the genre has its own voice), else the one used first.
        default = _default(compiled, table)
        expected = max(found, key=lambda item: (len(item[1]), item[0] == default, -item[1][0].start))[0]
    # A reply never in the expected voice has one fault, its voice: one remark, where it
    # first shows. In a mixed reply each slip into the other voice is a place to mend.
    mixed = any(name == expected for name, _ in found)
    for name, hits in found:
        if name == expected:
            continue
        for hit in hits if mixed else [min(hits, key=lambda hit: hit.start)]:
            yield Match.from_hit(hit, arguments={"variant": name, "expected": expected})


def _default(compiled: Consistency, table) -> str | None:
    """The rule's default voice, unless the reply is of a genre with its own (None)."""
    if compiled.default is None or (compiled.default_unless is not None and table.occurs(compiled.default_unless)):
        return None
    return compiled.default
