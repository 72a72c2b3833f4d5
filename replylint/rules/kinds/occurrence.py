"""occurrence: something repeats too often (three apologies in one reply).

``at_most`` bounds the count in the whole reply, so that rules on the same words can
split the cases between them: two apologies in one sentence (``at_least: 2, within:
sentence, at_most: 2``) and three or more in the reply (``at_least: 3``) never both fire.
"""

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
    at_least: int = key("how many occurrences fire the rule", Checker.whole_number, minimum=1)
    within: str = key("where they are counted together", Checker.one_of, default="document", choices=SCOPES)
    at_most: int | None = key("the rule does not fire when the whole reply has more occurrences "
                              "(another rule speaks of those)", Checker.whole_number, default=None, minimum=1)

    def validate(self, data, checker: Checker) -> None:
        if self.at_most is not None and self.at_least is not None and self.at_most < self.at_least:
            checker.error(data.line_of("at_most"),
                          f"'at_most' ({self.at_most}) не может быть меньше 'at_least' ({self.at_least})")


class Occurrence(NamedTuple):
    """An occurrence rule, compiled."""

    match: PatternSet
    unless: PatternSet | None
    at_least: int
    within: str
    at_most: int | None = None


def compile(rule, compiler) -> Occurrence:
    options: Options = rule.kind_options
    return Occurrence(compiler.pattern_set(options.match),
                      compiler.optional_pattern_set(rule.unless, lazy=True),
                      options.at_least, options.within, options.at_most)


def triggers(compiled: Occurrence):
    return (compiled.match,)


def check(compiled: Occurrence, table, settings):
    document = table.document
    groups: dict[int, list] = {}
    hits = table.filter_unless(table.hits(compiled.match), compiled.unless)
    if compiled.at_most is not None and len(hits) > compiled.at_most:
        return
    for hit in hits:
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
