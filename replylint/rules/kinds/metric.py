"""metric: sentences or paragraphs longer than a threshold (configurable by name)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from replylint.rules.checker import Checker
from replylint.rules.kinds.match import Match
from replylint.rules.options import key

NAME = "metric"
FIRES_WHEN = "a sentence or paragraph is longer than `max`"
MEASURES = ("sentence_words", "paragraph_words", "paragraph_sentences")


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """The keys of a metric rule."""

    measure: str = key("what is measured", Checker.one_of, choices=MEASURES)
    max: int = key("the longest allowed", Checker.whole_number, minimum=1)
    setting: str | None = key("the name of the threshold a config may set instead of `max` "
                              "(`thresholds:`)", Checker.text, default=None)


class Metric(NamedTuple):
    """A metric rule, compiled."""

    measure: str
    maximum: int
    setting: str | None


def compile(rule, compiler) -> Metric:
    options: Options = rule.kind_options
    return Metric(options.measure, options.max, options.setting)


def check(compiled: Metric, table, settings):
    document = table.document
    maximum = compiled.maximum
    if compiled.setting and compiled.setting in settings:
        maximum = int(settings[compiled.setting])
    if compiled.measure == "sentence_words":
        for sentence in document.sentences:
            count = document.count_words(sentence.first_token, sentence.last_token)
            if count > maximum:
                yield Match(sentence.start, sentence.end, sentence.first_token, sentence.last_token,
                            arguments={"count": count, "max": maximum})
        return
    for paragraph in document.paragraphs:
        for sentences in _blocks(document, paragraph):
            if compiled.measure == "paragraph_sentences":
                count = len(sentences)
            else:
                count = document.count_words(sentences[0].first_token, sentences[-1].last_token)
            if count > maximum:
                # a block that opens or closes the paragraph keeps the paragraph's own edge
                start = paragraph.start if sentences[0].index == paragraph.first_sentence else sentences[0].start
                end = paragraph.end if sentences[-1].index == paragraph.last_sentence - 1 else sentences[-1].end
                yield Match(start, end, sentences[0].first_token, sentences[-1].last_token,
                            arguments={"count": count, "max": maximum})


def _blocks(document, paragraph):
    """The paragraph's sentences in the blocks a reader sees: a line break between two
    sentences starts a new one, as a blank line does (a letter or a chat written line by
    line is not one block of text). A break inside a sentence (a hard-wrapped line) does not."""
    sentences = document.sentences[paragraph.first_sentence:paragraph.last_sentence]
    block = [sentences[0]]
    for previous, sentence in zip(sentences, sentences[1:]):
        if "\n" in document.text[previous.end:sentence.start] or "\r" in document.text[previous.end:sentence.start]:
            yield block
            block = []
        block.append(sentence)
    yield block
