"""absence: the reply lacks something it needs (a next step); points at its start."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from replylint.rules.checker import Checker
from replylint.rules.kinds.match import Match
from replylint.rules.kinds.position import target_sentences
from replylint.rules.options import key, patterns
from replylint.rules.patternspec import PatternSpec

if TYPE_CHECKING:
    from replylint.rules.matching.sets import PatternSet

NAME = "absence"
FIRES_WHEN = "the reply has none of `require` (points at the start of the reply)"


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """The keys of an absence rule."""

    require: PatternSpec = key("what a good reply has (a time, an action, an offer of options)", patterns)
    when: PatternSpec | None = key("only replies that contain this are checked", patterns, default=None)
    min_words: int = key("replies with fewer words are not checked", Checker.whole_number, default=0, minimum=0)


class Absence(NamedTuple):
    """An absence rule, compiled."""

    require: PatternSet
    when: PatternSet | None
    unless: PatternSet | None
    min_words: int


def compile(rule, compiler) -> Absence:
    options: Options = rule.kind_options
    # With a `when`, what is required only matters in the replies `when` picks.
    return Absence(compiler.pattern_set(options.require, lazy=options.when is not None),
                   compiler.optional_pattern_set(options.when),
                   compiler.optional_pattern_set(rule.unless, lazy=True),
                   options.min_words)


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
    # What is missing is missing from the whole reply: point where a reader starts it.
    for first in target_sentences(document, "first_sentence", set()):
        yield Match(first.start, first.end, first.first_token, first.last_token)
