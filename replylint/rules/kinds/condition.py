"""condition: a match that is (not) followed or preceded by something, within a scope —
«an apology with no action after it»."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from replylint.rules.checker import Checker
from replylint.rules.kinds.match import Match
from replylint.rules.options import key, patterns
from replylint.rules.patternspec import PatternSpec

if TYPE_CHECKING:
    from replylint.rules.matching.sets import PatternSet
    from replylint.yamlfile import LineDict

NAME = "condition"
FIRES_WHEN = "`match` and the relations all hold"
SCOPES = ("sentence", "paragraph", "document")


def _within(checker: Checker, value, line: int, name: str) -> str | int | None:
    """A scope, or ``{sentences: N}``: N sentences either side."""
    if value in SCOPES:
        return value
    if isinstance(value, dict) and set(value) == {"sentences"} and isinstance(value["sentences"], int):
        return int(value["sentences"])
    checker.error(line, f"'{name}': допустимо одно из: {', '.join(SCOPES)} или 'sentences: N'")
    return None


def _relation(doc: str):
    return key(doc, patterns, default=None, tag="relation")


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """The keys of a condition rule."""

    match: PatternSpec = key("the anchor", patterns)
    within: str | int = key("where a relation looks: `sentence`, `paragraph`, `document` or "
                            "`{sentences: N}` (N sentences either side)", _within, default="sentence")
    # Declared in the order they are tested (all must hold, so testing stops at the first
    # that does not): a whole-reply test is one lookup, and what stands before a hit is
    # rarer than what follows it in most rules («another refusal before this one»).
    document_has: PatternSpec | None = _relation("the reply has this somewhere")
    document_lacks: PatternSpec | None = _relation("the reply does not have this anywhere")
    preceded_by: PatternSpec | None = _relation("this stands before the anchor, within `within`")
    not_preceded_by: PatternSpec | None = _relation("this does not stand before the anchor")
    followed_by: PatternSpec | None = _relation("this stands after the anchor, within `within`")
    not_followed_by: PatternSpec | None = _relation("this does not stand after the anchor")

    def relations(self) -> tuple[tuple[str, PatternSpec], ...]:
        """(name, pattern set) of each relation the rule has."""
        return tuple((name, getattr(self, name)) for name in RELATIONS if getattr(self, name) is not None)

    def validate(self, data: LineDict, checker: Checker) -> None:
        if not any(name in data for name in RELATIONS):
            checker.error(data.line, f"для вида 'condition' нужно хотя бы одно из: {', '.join(RELATIONS)}")


#: The relations, in the order they are declared above.
RELATIONS = tuple(field.name for field in dataclasses.fields(Options) if field.metadata["tag"] == "relation")


class Condition(NamedTuple):
    """A condition rule, compiled."""

    match: PatternSet
    unless: PatternSet | None
    within: object
    relations: tuple[tuple[str, PatternSet], ...]


def compile(rule, compiler) -> Condition:
    options: Options = rule.kind_options
    relations = tuple((name, compiler.pattern_set(spec, lazy=True)) for name, spec in options.relations())
    return Condition(compiler.pattern_set(options.match),
                     compiler.optional_pattern_set(rule.unless, lazy=True), options.within, relations)


def triggers(compiled: Condition):
    return (compiled.match,)


def _scope(document, sentence_index: int, within):
    """The characters a context must lie in, and the sentences they span (None: all)."""
    if within == "document" or sentence_index < 0:
        return 0, len(document.text), None
    sentence = document.sentences[sentence_index]
    if within == "sentence":
        return sentence.start, sentence.end, (sentence_index,)
    if within == "paragraph":
        paragraph = document.paragraphs[sentence.paragraph]
        return paragraph.start, paragraph.end, range(paragraph.first_sentence, paragraph.last_sentence)
    first_index = max(0, sentence_index - within)
    last_index = min(len(document.sentences) - 1, sentence_index + within)
    return (document.sentences[first_index].start, document.sentences[last_index].end,
            range(first_index, last_index + 1))


def check(compiled: Condition, table, settings):
    document = table.document
    for hit in table.filter_unless(table.hits(compiled.match), compiled.unless):
        low, high, sentences = _scope(document, table.sentence_of(hit), compiled.within)
        if all(_holds(name, table, pattern_set, hit, low, high, sentences)
               for name, pattern_set in compiled.relations):
            yield Match.from_hit(hit)


def _holds(name: str, table, pattern_set, anchor, low: int, high: int, sentences) -> bool:
    if name == "document_has":
        return table.occurs(pattern_set)
    if name == "document_lacks":
        return not table.occurs(pattern_set)
    hits = table.hits_near(pattern_set, sentences)
    if name.endswith("followed_by"):
        present = any(hit.start >= anchor.end and hit.end <= high for hit in hits)
    else:
        present = any(hit.end <= anchor.start and hit.start >= low for hit in hits)
    return not present if name.startswith("not_") else present
