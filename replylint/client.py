"""The client's message a reply answers, read once per reply as context for the rules.

Three things depend on it (see docs/rules.md, «Сообщение клиента»):

* a rule with ``unless_client_said: match`` finds nothing where every word it matched
  was in the client's message (jargon the client used first is shared vocabulary);
* a rule with ``unless_client_said: [words]`` finds nothing when the client's message
  has one of those words or phrases (a law the client asked about may be answered);
* of a rule's replacements, those the client's own words are in come first.

Words are compared by every pymorphy3 normal form and by the folded (lower-case, «ё» as
«е») surface form, so «паллеты» in the reply meets «паллетами» in the message, and Latin
words («refund», «Refund») meet whatever their case. A Latin word of the message also
meets its Cyrillic spelling in the reply («Webhooks» → «вебхуки», «refund» → «рефанда»):
both are reduced to the consonants they sound with (:func:`sound_key`).
"""

from __future__ import annotations

import re
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

    __slots__ = ("latin_keys", "lemmas", "norms", "text")

    def __init__(self, text: str, lemmas: frozenset[str], norms: frozenset[str],
                 latin_keys: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.lemmas = lemmas
        self.norms = norms
        self.latin_keys = latin_keys

    @classmethod
    def read(cls, text: str) -> ClientContext:
        from replylint import nlp

        words = [token for token in nlp.parse(text).tokens if token.kind in WORDLIKE]
        norms = frozenset(token.norm for token in words)
        latin = frozenset(key for key in map(sound_key, (norm for norm in norms if _LATIN_WORD.fullmatch(norm)))
                          if key is not None)
        # the parts of a hyphenated word count as words too: «по 214-ФЗ» names «ФЗ»
        parts = frozenset(part for norm in norms if "-" in norm for part in norm.split("-") if part)
        return cls(text, frozenset().union(*(token.lemmas for token in words), parts), norms, latin)

    def said(self, token: Token) -> bool:
        """The client used this word (in any form, or in Latin letters where the reply has Cyrillic)."""
        if token.norm in self.norms or not token.lemmas.isdisjoint(self.lemmas):
            return True
        if not self.latin_keys or not _CYRILLIC_WORD.fullmatch(token.norm):
            return False
        key = sound_key(token.norm)
        return key is not None and any(_same_sound(key, latin) for latin in self.latin_keys)

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


_LATIN_WORD = re.compile(r"[a-z]{3,}")
_CYRILLIC_WORD = re.compile(r"[а-я]{3,}")
_CYRILLIC_SOUNDS = str.maketrans({
    "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n",
    "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "а": "", "е": "", "и": "", "й": "", "о": "", "у": "", "ы": "", "э": "", "ю": "", "я": "", "ъ": "", "ь": ""})
#: Latin spellings as a Russian ear hears them («webhook» is «вебхук»); the longest is tried
#: first, so «ch» stays «ch» and only a lone «c» becomes «k».
_LATIN_SOUNDS = {"sch": "sh", "ph": "f", "th": "t", "ck": "k", "qu": "kv", "ch": "ch", "sh": "sh", "zh": "zh",
                 "ts": "ts", "x": "ks", "w": "v", "q": "k", "j": "dzh", "c": "k"}
_LATIN_SPELLING = re.compile("|".join(sorted(_LATIN_SOUNDS, key=len, reverse=True)))
_LATIN_VOWELS = re.compile(r"[aeiouy]")
_SOFT_C = re.compile(r"c(?=[eiy])")
_DOUBLED = re.compile(r"(.)\1+")


def sound_key(word: str) -> str | None:
    """The consonants a word sounds with, Latin or Cyrillic, doubled letters as one («вебхуки»
    and «webhooks» → ``vbhk`` and ``vbhks``); None for a word of fewer than three."""
    if _CYRILLIC_WORD.fullmatch(word):
        key = word.translate(_CYRILLIC_SOUNDS)
    else:
        key = _LATIN_SPELLING.sub(lambda found: _LATIN_SOUNDS[found.group()], _SOFT_C.sub("s", word))
        key = _LATIN_VOWELS.sub("", key)
    key = _DOUBLED.sub(r"\1", key)
    return key if len(key) >= 3 else None


def _same_sound(cyrillic: str, latin: str) -> bool:
    """One key begins the other, or they share all but the last consonant of the shorter
    (a Russian ending or an English plural changes the end only); lengths differ by one at most."""
    shorter, longer = sorted((cyrillic, latin), key=len)
    if len(longer) - len(shorter) > 1:
        return False
    if longer.startswith(shorter):
        return True
    # a different last consonant: only where four or more agree («рефандом» and «refunds»,
    # not «сервер» and «service»)
    return len(shorter) >= 5 and longer.startswith(shorter[:-1])
