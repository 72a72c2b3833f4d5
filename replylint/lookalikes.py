"""Invisible characters and look-alike letters that hide a word from every rule.

«тикeт» with a Latin «e», «тик­ет» with a soft hyphen, a zero-width space or joiner inside,
or «тике́т» with a combining accent read as «тикет» to a person and as an unknown word to
the rules. :func:`matching_form` gives the form rules match on (a token's ``norm`` and
lemmas come from it); the token's text and offsets stay those of the file.
:func:`restored` says whether a word mixes alphabets, for the spelling rule that reports it.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters that show nothing: soft hyphen, zero-width space, non-joiner and joiner,
#: word joiner, and a byte-order mark inside a text.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
#: Latin letters drawn like Cyrillic ones.
_LATIN, _CYRILLIC = "aAcCeEoOpPxXyBHKMTk", "аАсСеЕоОрРхХуВНКМТк"
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
#: A word worth a closer look: an invisible character, a combining mark or a Latin letter.
_SUSPECT = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036fA-Za-z]")
_HAS_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
_LATIN_LETTERS = re.compile("[A-Za-z]")


def matching_form(surface: str) -> str:
    """``surface`` as the rules should see it: invisible characters and stray combining
    marks dropped, Latin look-alikes in a Cyrillic word read as Cyrillic."""
    if surface.isascii() or not _SUSPECT.search(surface):
        return surface
    text = surface.translate(_INVISIBLE)
    if any(unicodedata.combining(char) for char in text):
        # compose first, so «й» and «ё» typed as a letter plus a mark stay letters
        text = "".join(char for char in unicodedata.normalize("NFC", text)
                       if not unicodedata.combining(char))
    return restored(text) or text


def has_latin_letter(text: str) -> bool:
    """Does ``text`` have a Latin letter (without one, no word of it is :func:`restored`)?"""
    return _LATIN_LETTERS.search(text) is not None


def restored(word: str) -> str | None:
    """The Cyrillic spelling of a word that mixes the alphabets with look-alikes only
    («рефaнд» → «рефанд»), or None. Each part of a hyphenated word is judged alone, so a
    Latin part stays Latin («Wi-Fi-роутер», «Ok-кнопка»); anything but letters (digits in
    «160х160px», punctuation) means it is not one word typed wrong."""
    if word.isascii() or not _LATIN_LETTERS.search(word):
        return None  # (nearly every word: all Latin or without a Latin letter)
    parts = word.split("-")
    if not all(part.isalpha() for part in parts):
        return None
    fixed = [_restored_part(part) for part in parts]
    return "-".join(fixed) if fixed != parts else None


def _restored_part(part: str) -> str:
    if not _HAS_CYRILLIC.search(part):
        return part
    latin = _LATIN_LETTERS.findall(part)
    if not latin or any(letter not in _LATIN for letter in latin):
        return part
    return part.translate(_TO_CYRILLIC)
