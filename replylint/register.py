"""The reply's register: a letter, a chat message, or neither.

A rule may hold only in some registers: «Ага, видим 🚗» in a messenger chat with emoji is
the chat's own voice, the same «Ага» in a letter to a bank's client is not. A rule says
``unless_register: chat`` (or ``formal``) and finds nothing in a reply of that register.

The register is worked out once per reply from closed classes of cues, never from the
words a rule looks for:

* ``chat``: the reply has an emoji or an emoticon (``:)``, ``;)``, ``))``) — marks no
  letter and no neutral reply carries;
* ``formal``: a letter's cues and no chat mark — the salutation «Уважаемый/Уважаемая…»
  opening the reply, the closing «С уважением», «Вы/Вас/Ваш» capitalised where no
  sentence starts, or a sentence opened by an official verb of informing («Сообщаем»,
  «Информируем», «Уведомляем», «Извещаем», «Настоящим») or by «В ответ на Ваш(е)…»;
* ``neutral``: the rest.
"""

from __future__ import annotations

import re

from replylint.document import WORD

FORMAL = "formal"
CHAT = "chat"
NEUTRAL = "neutral"
#: Every register a rule may name, in the order docs/rules.md explains them.
REGISTERS = (FORMAL, CHAT, NEUTRAL)

_SALUTATION = frozenset({"уважаемый", "уважаемая", "уважаемые", "уважаемое"})
_POLITE = frozenset({"вы", "ваш"})
#: The official verbs of informing a letter opens a sentence with, and «настоящим».
_OPENERS = frozenset({"сообщаем", "информируем", "уведомляем", "извещаем", "настоящим"})
_CLOSING = re.compile(r"(?i)(?:^|[.!?]\s+|\n)\s*с\s+уважением\b")
_ANSWER = re.compile(r"(?i)(?:^|[.!?]\s+|\n)\s*в\s+ответ\s+на\s+ваш")
#: Emoji, pictographs and the emoticons of a chat.
_CHAT_MARK = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\U0001F000-\U0001F2FF]"
                        r"|(?<![\w(])[:;]-?[()DРP](?!\w)|\){2,}|\({2,}")


def register_of(document) -> str:
    """``formal``, ``chat`` or ``neutral`` for the reply ``document``."""
    text = document.text
    if _CHAT_MARK.search(text):
        return CHAT
    return FORMAL if _letter(document) else NEUTRAL


def _letter(document) -> bool:
    if _CLOSING.search(document.text) or _ANSWER.search(document.text):
        return True
    words = [token for token in document.tokens if token.kind == WORD]
    if words and words[0].norm in _SALUTATION:
        return True
    for token in words:
        if token.sentence_start:
            if token.norm in _OPENERS:
                return True
        elif token.text[:1].isupper() and not _POLITE.isdisjoint(token.lemmas):
            return True  # the polite capital: «сообщаем Вам», «по Вашему заказу»
    return False


def heeding_register(found: list, document) -> list:
    """``found`` ((compiled rule, match) pairs) without the matches of rules that do not
    hold in the reply's register (``unless_register``)."""
    if not any(compiled_rule.rule.unless_register for compiled_rule, _ in found):
        return found
    register = register_of(document)
    return [(compiled_rule, match) for compiled_rule, match in found
            if register not in compiled_rule.rule.unless_register]


__all__ = ["CHAT", "FORMAL", "NEUTRAL", "REGISTERS", "heeding_register", "register_of"]
