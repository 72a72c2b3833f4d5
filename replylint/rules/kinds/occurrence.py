"""occurrence: something repeats too often (three apologies in one reply)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from replylint.rules.checker import Checker
from replylint.rules.kinds.match import Match
from replylint.rules.options import key, patterns
from replylint.rules.patternspec import PatternSpec

if TYPE_CHECKING:
    from replylint.rules.matching.sets import PatternSet

NAME = "occurrence"
FIRES_WHEN = "`match` occurs `at_least` times in a scope"
SCOPES = ("sentence", "paragraph", "document")


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """The keys of an occurrence rule."""

    match: PatternSpec = key("what to count", patterns)
    at_least: int = key("how many occurrences fire the rule", Checker.whole_number, minimum=2)
    within: str = key("where they are counted together", Checker.one_of, default="document", choices=SCOPES)


class Occurrence(NamedTuple):
    """An occurrence rule, compiled."""

    match: PatternSet
    unless: PatternSet | None
    at_least: int
    within: str


def compile(rule, compiler) -> Occurrence:
    options: Options = rule.kind_options
    return Occurrence(compiler.pattern_set(options.match),
                      compiler.optional_pattern_set(rule.unless, lazy=True),
                      options.at_least, options.within)


def triggers(compiled: Occurrence):
    return (compiled.match,)


def check(compiled: Occurrence, table, settings):
    document = table.document
    groups: dict[int, list] = {}
    for hit in table.filter_unless(table.hits(compiled.match), compiled.unless):
        if compiled.within == "document":
            group = 0
        else:
            sentence = table.sentence_of(hit)
            group = sentence if compiled.within == "sentence" else document.sentences[sentence].paragraph
        groups.setdefault(group, []).append(hit)
    for hits in groups.values():
        if len(hits) >= compiled.at_least:
            first, last = hits[0], hits[-1]
            yield Match(first.start, last.end, first.first_token, last.last_token,
                        arguments={"count": len(hits)})
