"""condition: a match that is (not) followed or preceded by something, within a scope —
«an apology with no action after it»."""

from __future__ import annotations

from dataclasses import dataclass

from replylint.rules.kinds import Match
from replylint.rules.patterns import PatternSet

#: In the order they are tested (all must hold, so testing stops at the first that does
#: not): a whole-reply test is one lookup, and what stands before a hit is rarer than
#: what follows it in most rules («another refusal before this one»).
_RELATIONS = ("document_has", "document_lacks", "preceded_by", "not_preceded_by",
              "followed_by", "not_followed_by")


@dataclass(frozen=True, slots=True)
class Condition:
    match: PatternSet
    unless: PatternSet | None
    within: object
    relations: tuple[tuple[str, PatternSet], ...]


def compile(rule, compiler) -> Condition:
    options = rule.options
    within = options.get("within", "sentence")
    if isinstance(within, dict):
        within = int(within["sentences"])
    relations = tuple((name, compiler.pattern_set(options[name], lazy=True))
                      for name in _RELATIONS if name in options)
    return Condition(compiler.pattern_set(options["match"]),
                     compiler.optional_pattern_set(options.get("unless"), lazy=True), within, relations)


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
