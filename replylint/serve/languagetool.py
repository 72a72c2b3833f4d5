"""LanguageTool's HTTP API (``POST /v2/check``) spoken over replylint's diagnostics.

The tools agents already have (the LanguageTool browser add-on, LTeX+, the Obsidian
plugin) send a form with ``text`` or ``data`` and read ``matches``. Pure functions here,
with no web framework: the request's fields → what to check and which rules; the
diagnostics → LanguageTool's matches.

Offsets: replylint counts code points; LanguageTool's clients are Java and JavaScript and
count UTF-16 code units, so a character outside the Basic Multilingual Plane (an emoji)
counts two. With ``data``, offsets count the markup too, as if the annotation's pieces
were joined.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass

from replylint.errors import InputError
from replylint.formats.jsonfile import json_problem

#: LanguageTool's issue types that clients colour: spelling is drawn as a misspelling,
#: every other remark of a support lead is about style.
SPELLING_CATEGORY = "spelling"
LANGUAGE = {"name": "Russian", "code": "ru-RU"}
LANGUAGES = [{"name": "Russian", "code": "ru", "longCode": "ru-RU"}]
CONTEXT_CHARS = 40  # characters of context on each side, as LanguageTool shows


class RequestError(InputError):
    """A field of the request is malformed (the server answers 400)."""


# ------------------------------------------------------------------ offsets


class Utf16:
    """Code point offsets of a text → UTF-16 code unit offsets (as Java counts)."""

    __slots__ = ("_wide",)

    def __init__(self, text: str) -> None:
        # the code point indexes of the characters that take two units; usually none
        self._wide = [index for index, char in enumerate(text) if ord(char) > 0xFFFF] if not text.isascii() else []

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._wide, offset) if self._wide else offset


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of an annotated text: where it starts in the checked text and in the
    original (text and markup joined), its length in each, and whether it is text."""

    plain_start: int
    plain_length: int
    original_start: int
    original_length: int
    is_text: bool


class Annotated:
    """The text to check, and how its offsets map back to what the client sent.

    For ``text`` the two are the same; for ``data`` the markup is left out of the checked
    text (or replaced by its ``interpretAs``) and the offsets of a match are moved back
    onto the original, so a client that joined the pieces finds the words.
    """

    def __init__(self, original: str, plain: str, pieces: tuple[Piece, ...] = ()) -> None:
        self.original = original
        self.plain = plain
        self._shown = [piece for piece in pieces if piece.plain_length]  # markup alone checks as nothing
        self._starts = [piece.plain_start for piece in self._shown]
        self._annotated = bool(pieces)

    @classmethod
    def from_text(cls, text: str) -> Annotated:
        return cls(text, text)

    @classmethod
    def from_data(cls, data: str) -> Annotated:
        """Parse LanguageTool's ``data``: ``{"annotation": [{"text": …}, {"markup": …,
        "interpretAs": …}]}``."""
        try:
            parsed = json.loads(data)
        except ValueError as error:
            raise RequestError(f"поле data: не JSON ({json_problem(error.msg)}, символ {error.pos + 1})") from None
        annotation = parsed.get("annotation") if isinstance(parsed, dict) else None
        if not isinstance(annotation, list):
            raise RequestError('поле data: нужен объект {"annotation": [...]}')
        pieces, plain, original = [], [], []
        plain_at = original_at = 0
        for index, item in enumerate(annotation):
            text, shown = _piece(item, index)
            is_text = isinstance(item.get("text"), str)
            pieces.append(Piece(plain_at, len(shown), original_at, len(text), is_text))
            plain.append(shown)
            original.append(text)
            plain_at += len(shown)
            original_at += len(text)
        return cls("".join(original), "".join(plain), tuple(pieces))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """A span of the checked text → the span of the original it came from (code
        points). A span that starts or ends inside a markup's ``interpretAs`` takes in the
        whole markup."""
        if not self._annotated:
            return start, end
        return self._map(start, is_end=False), max(self._map(start, is_end=False), self._map(end, is_end=True))

    def _map(self, offset: int, *, is_end: bool) -> int:
        # a start belongs to the piece it opens, an end to the piece it closes
        index = (bisect.bisect_left if is_end else bisect.bisect_right)(self._starts, offset) - 1
        if index < 0:
            return 0
        piece = self._shown[index]
        inside = min(offset - piece.plain_start, piece.plain_length)
        if piece.is_text:
            return piece.original_start + inside
        return piece.original_start + (piece.original_length if is_end else 0)


def _piece(item, index: int) -> tuple[str, str]:
    """(what the piece is in the original, what is checked in its place)."""
    where = f"поле data: annotation[{index}]"
    if not isinstance(item, dict):
        raise RequestError(f"{where}: нужен объект с text или markup")
    if isinstance(item.get("text"), str):
        return item["text"], item["text"]
    markup = item.get("markup")
    if not isinstance(markup, str):
        raise RequestError(f"{where}: нужна строка text или markup")
    interpret = item.get("interpretAs", "")
    if not isinstance(interpret, str):
        raise RequestError(f"{where}: interpretAs должен быть строкой")
    return markup, interpret


# ---------------------------------------------------------------- the rules


def split_names(value: str | None) -> tuple[str, ...]:
    """LanguageTool's comma-separated lists of rule or category ids."""
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def is_true(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes")


@dataclass(frozen=True, slots=True)
class Choice:
    """Which rules a /v2/check request runs, as overrides of the server's session.

    ``select`` is empty for "the server's rules"; ``nothing`` is set when ``enabledOnly``
    named nothing replylint knows (LanguageTool then finds nothing).
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    nothing: bool = False


def choose_rules(fields, rules, running_ids) -> Choice:
    """The request's ``enabledRules``, ``disabledRules``, ``enabledCategories``,
    ``disabledCategories``, ``enabledOnly`` and ``level`` → rule names for a session.

    Names are matched without regard to case (LanguageTool's ids are upper case) and
    names replylint does not know are left out, as LanguageTool leaves out unknown ids.
    ``level=picky`` also runs the rules that are off by default.
    """
    by_name = {}
    for rule in rules:
        for name in (rule.id, rule.category, *rule.aliases):
            by_name.setdefault(name.lower(), name)
    from replylint.categories import CATEGORIES

    for category in CATEGORIES:
        by_name.setdefault(category.lower(), category)

    def known(*keys) -> tuple[str, ...]:
        names = (by_name.get(name.lower()) for key in keys for name in split_names(fields.get(key)))
        return tuple(dict.fromkeys(name for name in names if name))

    enabled = known("enabledRules", "enabledCategories")
    ignore = known("disabledRules", "disabledCategories")
    if is_true(fields.get("enabledOnly")):
        return Choice(enabled, ignore, nothing=not enabled)
    extra = [name for name in enabled if name not in running_ids]
    if (fields.get("level") or "").strip().lower() == "picky":
        extra += [rule.id for rule in rules if not rule.enabled and rule.id not in running_ids]
    if extra:
        return Choice(tuple(dict.fromkeys((*running_ids, *extra))), ignore)
    return Choice((), ignore)


# ---------------------------------------------------------------- the answer


def response(annotated: Annotated, diagnostics, rules_by_id: dict, version: str, language: str | None) -> dict:
    """LanguageTool's answer to /v2/check."""
    to_utf16 = Utf16(annotated.original)
    plain_utf16 = Utf16(annotated.plain)
    return {
        "software": {"name": "replylint", "version": version, "buildDate": None, "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {**LANGUAGE, "detectedLanguage": {**LANGUAGE, "confidence": 1.0},
                     **({"requested": language} if language else {})},
        "matches": [match(annotated, diagnostic, rules_by_id.get(diagnostic.rule), to_utf16, plain_utf16)
                    for diagnostic in diagnostics],
    }


def match(annotated: Annotated, diagnostic, rule, to_utf16: Utf16, plain_utf16: Utf16) -> dict:
    """One diagnostic as a LanguageTool match.

    A rewrite may cover more than the flagged words («Ваш тикет» for «тикет»), and a
    LanguageTool replacement replaces exactly the match: the match then spans every
    rewrite, and each replacement carries the unchanged words between.
    """
    plain = annotated.plain
    rewrites = [s for s in diagnostic.suggestions if s.is_replacement and s.start is not None]
    start = min([diagnostic.start, *(s.start for s in rewrites)])
    end = max([diagnostic.end, *(s.end for s in rewrites)])
    replacements = list(dict.fromkeys(plain[start:s.start] + s.text + plain[s.end:end] for s in rewrites))
    original_start, original_end = annotated.to_original(start, end)
    offset = to_utf16(original_start)
    category = diagnostic.category
    title = _category_title(category)
    return {
        "message": diagnostic.message,
        "shortMessage": title,
        "replacements": [{"value": value} for value in replacements],
        "offset": offset,
        "length": to_utf16(original_end) - offset,
        "context": _context(plain, start, end, plain_utf16),
        "sentence": diagnostic.context or plain[start:end],
        "type": {"typeName": "UnknownWord" if category == SPELLING_CATEGORY else "Other"},
        "rule": {
            "id": diagnostic.rule,
            "description": _description(rule, diagnostic),
            "issueType": "misspelling" if category == SPELLING_CATEGORY else "style",
            "category": {"id": category, "name": title},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def _context(plain: str, start: int, end: int, to_utf16: Utf16) -> dict:
    """Up to :data:`CONTEXT_CHARS` characters each side, with «...» where the text goes on;
    offsets in UTF-16 inside the context."""
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(plain), end + CONTEXT_CHARS)
    prefix = "..." if left > 0 else ""
    text = prefix + plain[left:right] + ("..." if right < len(plain) else "")
    offset = len(prefix) + to_utf16(start) - to_utf16(left)
    return {"text": text.replace("\r", " ").replace("\n", " "), "offset": offset,
            "length": to_utf16(end) - to_utf16(start)}


def _description(rule, diagnostic) -> str:
    """The rule's advice; a message made from a template («{match}…») is the diagnostic's."""
    if rule is None or "{" in rule.message:
        return diagnostic.message
    return rule.message


def _category_title(category: str) -> str:
    from replylint.categories import CATEGORIES

    return CATEGORIES.get(category, category)
