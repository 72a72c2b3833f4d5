"""The writer's signature: the lines that end a reply with who wrote it.

«С уважением, Ксения Лаптева, ваш куратор по убытку», «Дмитрий, аккаунт-менеджер»,
«Отдел урегулирования убытков»: a job title or a department's name is what the writer is
called, not a word they chose for this client, and the agent cannot reword it in one
reply. Advice on its wording (jargon, officialese) is dropped; anything else found there
(a leak, an insult) still counts.

A signature is a run of lines at the end of a reply of more than one line, each short
and without a verb, at least one of which names a person (a first name or surname by
pymorphy3) or is a sign-off («С уважением», «Всего доброго»). A single last line set
apart by a blank line, of a few words with neither a verb, a participle nor a sentence's
final stop («НПФ», «Администрация клуба «Олимп»», «Авиакомпания»), is the sender's name
too: a letter signed by the organisation.
"""

from __future__ import annotations

import re

from replylint.document import WORD
from replylint.notes import without_advice_in

#: Categories of advice on the wording of a title or department name.
TITLE_WORDING = frozenset({"jargon", "bureaucratese"})
_MAX_WORDS = 8
_MAX_LINES = 3
_SIGN_OFF = re.compile(r"(?i)^\W*(?:с\s+уважением|всего\s+(?:доброго|хорошего)|хорошего\s+дня)")
_PERSON = frozenset({"Name", "Surn", "Patr"})
_VERBS = frozenset({"VERB", "INFN"})
#: What a line that only names the sender cannot hold: a predicate of any kind.
_PREDICATES = _VERBS | {"PRTS", "PRTF", "ADJS", "GRND", "PRED"}
_MAX_NAME_WORDS = 4


def signature_span(document) -> tuple[int, int] | None:
    """The characters of the signature that ends ``document`` (None: there is none)."""
    text = document.text
    end = len(text.rstrip())
    start = end
    lines = 0
    signed = False
    while lines < _MAX_LINES:
        line_start = text.rfind("\n", 0, start) + 1
        if line_start == 0:
            break  # the reply's first line is never its signature
        line = text[line_start:start]
        if line.strip():
            words = [token for token in document.tokens
                     if line_start <= token.start < start and token.kind == WORD]
            if not words or len(words) > _MAX_WORDS or any(
                    token.analyses and _VERBS & token.analyses[0].grammemes for token in words):
                break
            signed = signed or bool(_SIGN_OFF.match(line)) or any(
                token.analyses and _PERSON & token.analyses[0].grammemes for token in words)
            lines += 1
        start = line_start - 1
        if start <= 0:
            break
    if not signed and lines == 1:
        signed = _names_the_sender(document, end)
    if not signed or start >= end:
        return None
    return start + 1, end


def _names_the_sender(document, end: int) -> bool:
    """Is the last line of the reply (ending at ``end``) the sender's name alone, set apart
    from the text by a blank line?"""
    text = document.text
    start = text.rfind("\n", 0, end) + 1
    if start == 0 or text[end - 1] in ".!?:;,":
        return False
    if not text[:start - 1].rstrip(" \t\r").endswith("\n"):
        return False  # no blank line before it: the text's own last line
    words = [token for token in document.tokens if start <= token.start < end and token.kind == WORD]
    return 0 < len(words) <= _MAX_NAME_WORDS and not any(
        token.analyses and _PREDICATES & token.analyses[0].grammemes for token in words)


def outside_signature(found: list, document) -> list:
    """``found`` ((compiled rule, match) pairs) without advice on the wording of the
    writer's title or department in the signature."""
    if "\n" not in document.text or not any(rule.rule.category in TITLE_WORDING for rule, _ in found):
        return found
    span = signature_span(document)
    if span is None:
        return found
    return without_advice_in(found, [span], TITLE_WORDING)
