"""absence: the reply lacks something it needs (a next step); points at its last sentence."""

from __future__ import annotations

from dataclasses import dataclass

from replylint.rules.kinds import Match
from replylint.rules.kinds.position import target_sentences
from replylint.rules.matching.sets import PatternSet


@dataclass(frozen=True, slots=True)
class Absence:
    require: PatternSet
    when: PatternSet | None
    unless: PatternSet | None
    min_words: int


def compile(rule, compiler) -> Absence:
    options = rule.options
    # With a `when`, what is required only matters in the replies `when` picks.
    return Absence(compiler.pattern_set(options["require"], lazy="when" in options),
                   compiler.optional_pattern_set(options.get("when")),
                   compiler.optional_pattern_set(options.get("unless"), lazy=True),
                   int(options.get("min_words", 0)))


def triggers(compiled: Absence):
    """With a ``when``, only the replies it picks can lack what is required; without
    one, every reply can."""
    return None if compiled.when is None else (compiled.when,)


def check(compiled: Absence, table, settings):
    document = table.document
    if document.word_count < compiled.min_words or not document.sentences:
        return
    if compiled.when is not None and not table.occurs(compiled.when):
        return
    if table.occurs(compiled.require):
        return
    if compiled.unless is not None and table.occurs(compiled.unless):
        return
    for last in target_sentences(document, "last_sentence", set()):
        yield Match(last.start, last.end, last.first_token, last.last_token)

