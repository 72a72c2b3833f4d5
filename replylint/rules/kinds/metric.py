"""metric: sentences or paragraphs longer than a threshold (configurable by name)."""

from __future__ import annotations

from dataclasses import dataclass

from replylint.rules.kinds import Match


@dataclass(frozen=True, slots=True)
class Metric:
    measure: str
    maximum: int
    setting: str | None


def compile(rule, compiler) -> Metric:
    options = rule.options
    return Metric(options["measure"], int(options["max"]), options.get("setting"))


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
        sentences = document.sentences[paragraph.first_sentence:paragraph.last_sentence]
        if compiled.measure == "paragraph_sentences":
            count = len(sentences)
        else:
            count = document.count_words(sentences[0].first_token, sentences[-1].last_token)
        if count > maximum:
            yield Match(paragraph.start, paragraph.end, sentences[0].first_token, sentences[-1].last_token,
                        arguments={"count": count, "max": maximum})
