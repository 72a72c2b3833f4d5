"""Internal notes: the words of a reply addressed to colleagues, not to the client.

A note that went out with a reply («Вася, проверь потом, точно ли списалась абонентка»,
«// если не поможет — эскалировать на вторую линию», «[для регистратуры: …]») is one
fault: the leak, and its fix is to delete the note. Advice on how the note is worded —
its jargon, its «ты», its typos, its «не могу найти» — would be advice on words the
client should never read, so such findings are dropped; what the note says about the
client (an insult, a threat) still counts.
"""

from __future__ import annotations

import re

#: The rules that find notes to colleagues (their match is the note's mark: «@Саша»,
#: «//», «Коллеги, … клиент», a bracketed note, «P.S. Маша, это…»).
NOTE_RULE = "internal-leak.internal-notes"
NOTE_RULES = frozenset({NOTE_RULE, "internal-leak.team-talk"})
#: Categories of advice on the wording of what the client reads (how a reply ends, too:
#: a note that closes it is deleted, not reworded; a contract a note mentions is not cited
#: to the client).
WORDING = frozenset({"jargon", "familiarity", "negative-framing", "negative-ending", "vague-promise", "spelling",
                     "bureaucratese", "readability", "law-citing"})
_CLOSING = {"(": ")", "[": "]"}
#: A greeting starts the words for the client: «Лен, что ей ответить? // Добрый день! …».
_GREETING = re.compile(r"(?i)\b(?:здравствуй|добрый\s+(?:день|вечер)|доброе\s+утро|доброй\s+ночи|привет)")


def note_spans(document, starts) -> list[tuple[int, int]]:
    """The characters of each note that begins at one of ``starts``: a bracketed note to
    its closing bracket, any other to the end of its sentence (or line, if sooner) — or to
    a greeting that starts the reply after it. A note before the reply's first greeting
    runs to that greeting: what comes before it is said to colleagues («Коля, глянь. Что
    ей ответить? // Здравствуйте! …»)."""
    text = document.text
    first_greeting = _GREETING.search(text)
    spans = []
    for start in starts:
        if first_greeting and start < first_greeting.start() and not _CLOSING.get(text[start:start + 1]):
            spans.append((start, first_greeting.start()))
            continue
        end = -1
        closing = _CLOSING.get(text[start:start + 1])
        if closing:
            end = text.find(closing, start)
            end = end + 1 if end >= 0 else -1
        if end < 0:
            line_end = text.find("\n", start)
            sentence = document.sentence_at(start)
            end = min(sentence.end if sentence else len(text), len(text) if line_end < 0 else line_end)
        greeting = _GREETING.search(text, start + 1, end)
        spans.append((start, greeting.start() if greeting else end))
    return spans


def outside_notes(found: list, document) -> list:
    """``found`` ((compiled rule, match) pairs) without the wording advice that lies
    inside a note to colleagues."""
    starts = [match.start for compiled_rule, match in found if compiled_rule.rule.id in NOTE_RULES]
    if not starts:
        return found
    return without_advice_in(found, note_spans(document, starts), WORDING)


def without_advice_in(found: list, spans: list[tuple[int, int]], categories: frozenset[str]) -> list:
    """``found`` ((compiled rule, match) pairs) without the findings of ``categories`` that
    lie wholly inside one of ``spans`` (words the writer is not to reword: a note to
    colleagues, a signature)."""
    return [(compiled_rule, match) for compiled_rule, match in found
            if compiled_rule.rule.category not in categories
            or not any(low <= match.start and match.end <= high for low, high in spans)]
