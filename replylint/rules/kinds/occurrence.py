"""occurrence: something repeats too often (three apologies in one reply).

``at_most`` bounds the count in the whole reply, so that rules on the same words can
split the cases between them: two apologies in one sentence (``at_least: 2, within:
sentence, at_most: 2``) and three or more in the reply (``at_least: 3``) never both fire.
"""

from __future__ import annotations

from dataclasses import dataclass

from replylint.rules.kinds import Match
from replylint.rules.patterns import PatternSet


@dataclass(frozen=True, slots=True)
class Occurrence:
    match: PatternSet
    unless: PatternSet | None
    at_least: int
    within: str
    at_most: int | None = None


def compile(rule, compiler) -> Occurrence:
    options = rule.options
    return Occurrence(compiler.pattern_set(options["match"]),
                      compiler.optional_pattern_set(options.get("unless"), lazy=True),
                      int(options["at_least"]), options.get("within", "document"),
                      int(options["at_most"]) if "at_most" in options else None)


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
            key = 0
        else:
            sentence = table.sentence_of(hit)
            key = sentence if compiled.within == "sentence" else document.sentences[sentence].paragraph
        groups.setdefault(key, []).append(hit)
    for hits in groups.values():
        if len(hits) >= compiled.at_least:
            first, last = hits[0], hits[-1]
            yield Match(first.start, last.end, first.first_token, last.last_token,
                        arguments={"count": len(hits)})
