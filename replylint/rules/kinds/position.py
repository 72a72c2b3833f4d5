"""position: something stands where it hurts most (the last sentence is a refusal)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from replylint.rules.checker import Checker
from replylint.rules.kinds.match import Match
from replylint.rules.options import key, patterns
from replylint.rules.patternspec import PatternSpec

if TYPE_CHECKING:
    from replylint.rules.matching.sets import PatternSet

NAME = "position"
FIRES_WHEN = "`match` stands in the sentence at `where`"
POSITIONS = ("first_sentence", "last_sentence", "last_paragraph")


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """The keys of a position rule."""

    where: str = key("which sentences to look in", Checker.one_of, choices=POSITIONS)
    match: PatternSpec = key("what to look for there", patterns)
    max_words: int | None = key("only sentences of at most this many words", Checker.whole_number,
                                default=None, minimum=1)
    skip: PatternSpec | None = key("sentences that are nothing but this (a greeting, a sign-off) are "
                                   "passed over", patterns, default=None)
    not_followed_by: PatternSpec | None = key("a match followed by this in its sentence is dropped",
                                              patterns, default=None)


class Position(NamedTuple):
    """A position rule, compiled."""

    where: str
    match: PatternSet
    skip: PatternSet | None
    unless: PatternSet | None
    max_words: int | None
    not_followed_by: PatternSet | None


def compile(rule, compiler) -> Position:
    options: Options = rule.kind_options
    return Position(options.where, compiler.pattern_set(options.match),
                    compiler.optional_pattern_set(options.skip, lazy=True),
                    compiler.optional_pattern_set(rule.unless, lazy=True),
                    options.max_words,
                    compiler.optional_pattern_set(options.not_followed_by, lazy=True))


def triggers(compiled: Position):
    return (compiled.match,)


def target_sentences(document, where: str, skipped: set[int]):
    """The sentences at ``where``, passing over those in ``skipped`` (greetings, sign-offs)."""
    wordy = [sentence for sentence in document.sentences
             if sentence.index not in skipped
             and document.count_words(sentence.first_token, sentence.last_token)]
    if not wordy:
        return []
    if where == "first_sentence":
        return [wordy[0]]
    if where == "last_sentence":
        return [wordy[-1]]
    paragraph = wordy[-1].paragraph
    return [sentence for sentence in wordy if sentence.paragraph == paragraph]


def check(compiled: Position, table, settings):
    document = table.document
    hits = table.hits(compiled.match)
    if not hits:
        return
    skipped = set()
    if compiled.skip is not None:
        for hit in table.hits(compiled.skip):
            sentence = table.sentence_of(hit)
            words = document.words(document.sentences[sentence].first_token,
                                   document.sentences[sentence].last_token)
            covered = [word for word in words if hit.start <= word.start and word.end <= hit.end]
            # Only a sentence that is nothing but a sign-off is passed over.
            if len(words) - len(covered) <= 1:
                skipped.add(sentence)
    targets = target_sentences(document, compiled.where, skipped)
    indexes = {sentence.index for sentence in targets}
    # Exceptions are looked for only around the hits where it hurts (most hits are not):
    # each hit is dropped or kept on its own, so filtering fewer hits changes nothing else.
    hits = table.filter_unless([hit for hit in hits if table.sentence_of(hit) in indexes],
                               compiled.unless)
    reported: set[int] = set()
    for hit in hits:
        sentence_index = table.sentence_of(hit)
        if sentence_index in reported:
            continue
        sentence = document.sentences[sentence_index]
        if compiled.max_words is not None and \
                document.count_words(sentence.first_token, sentence.last_token) > compiled.max_words:
            continue
        if compiled.not_followed_by is not None and any(
                later.start >= hit.end and later.end <= sentence.end
                for later in table.hits_near(compiled.not_followed_by, (sentence_index,))):
            continue  # «не получится, но мы заменим товар» ends on what we can do
        reported.add(sentence_index)
        yield Match.from_hit(hit)
