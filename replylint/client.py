"""The client's message a reply answers, read once per reply as context for the rules.

Three things depend on it (see docs/rules.md, «Сообщение клиента»):

* a rule with ``unless_client_said: match`` finds nothing where every word it matched
  was in the client's message (jargon the client used first is shared vocabulary);
* a rule with ``unless_client_said: [words]`` finds nothing when the client's message
  has one of those words or phrases (a law the client asked about may be answered);
* of a rule's replacements, those the client's own words are in come first.

Words are compared by every pymorphy3 normal form and by the folded (lower-case, «ё» as
«е») surface form, so «паллеты» in the reply meets «паллетами» in the message, and Latin
words («refund», «Refund») meet whatever their case.
"""

from __future__ import annotations

from collections.abc import Iterable

from replylint.document import WORDLIKE, Document, Token

#: Words that carry no subject of their own: a phrase counts as the client's when its
#: other words are.
_FUNCTION_GRAMMEMES = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})


class ClientContext:
    """The words of the client's message.

    Attributes:
        text: the message as given.
        lemmas: every normal form of every word (and each word's folded form).
        norms: the folded surface form of every word.
    """

    __slots__ = ("lemmas", "norms", "text")

    def __init__(self, text: str, lemmas: frozenset[str], norms: frozenset[str]) -> None:
        self.text = text
        self.lemmas = lemmas
        self.norms = norms

    @classmethod
    def read(cls, text: str) -> ClientContext:
        from replylint import nlp

        words = [token for token in nlp.parse(text).tokens if token.kind in WORDLIKE]
        return cls(text, frozenset().union(*(token.lemmas for token in words)),
                   frozenset(token.norm for token in words))

    def said(self, token: Token) -> bool:
        """The client used this word (in any form)."""
        return token.norm in self.norms or not token.lemmas.isdisjoint(self.lemmas)

    def said_all(self, tokens: Iterable[Token]) -> bool:
        """The client used every word of these (function words aside), and there is one."""
        content = [token for token in tokens if token.kind in WORDLIKE and not is_function_word(token)]
        return bool(content) and all(self.said(token) for token in content)

    def mentions(self, phrases: Iterable[tuple[frozenset[str], ...]]) -> bool:
        """The message has every word of one of ``phrases`` (each word: its lemma set)."""
        return any(all(not word.isdisjoint(self.lemmas) for word in phrase) for phrase in phrases)

    def uses_words_of(self, text: str) -> bool:
        """The message has a content word of ``text`` (a suggested replacement)."""
        from replylint import nlp

        for token in nlp.parse(text).tokens:
            if token.kind in WORDLIKE and len(token.norm) > 2 and not is_function_word(token) and self.said(token):
                return True
        return False


def read_client(text: str | None) -> ClientContext | None:
    """The context of a client's message; None when there is none (or it is blank)."""
    return ClientContext.read(text) if text and text.strip() else None


def is_function_word(token: Token) -> bool:
    """A preposition, conjunction, particle or interjection in every reading."""
    return bool(token.analyses) and all(analysis.grammemes & _FUNCTION_GRAMMEMES for analysis in token.analyses)


def phrase_lemmas(phrase: str) -> tuple[frozenset[str], ...]:
    """Each word of a rule's phrase as its lemma set, as :meth:`ClientContext.mentions` compares them."""
    from replylint import nlp

    return tuple(token.lemmas for token in nlp.parse(phrase).tokens if token.kind in WORDLIKE)


def tokens_in(document: Document, start: int, end: int) -> list[Token]:
    """The tokens of ``document`` within ``[start, end)``."""
    return [token for token in document.tokens if token.start >= start and token.end <= end]
