"""Pure-text segmentation that needs no NLP library: placeholders and sentence bounds.

spaCy's sentencizer splits after «ст.» and «п.» and knows nothing of paragraphs, so
sentence boundaries for replies are decided here from spaCy's tokens.
"""

from __future__ import annotations

import re
import unicodedata

from replylint.document import EMAIL, NUMBER, PLACEHOLDER, PUNCT, SYMBOL, URL, WORD

#: ``{{…}}`` and ``{%…%}``, never holding another opening: the first close ends them, as a
#: lazy ``.*?`` would, but an unclosed opening is given up at the next one instead of at the
#: end of the text (63 000 unclosed ``{{`` took 90 s to scan; now milliseconds).
MUSTACHE = r"\{\{(?:(?!\{\{|\}\}).)*\}\}"
LIQUID = r"\{%(?:(?!\{%|%\}).)*%\}"

#: Template placeholders understood by default: Mustache/Liquid/Jinja, {name},
#: %NAME%, %%NAME%%, %{name}, ${name}, [ИМЯ КЛИЕНТА], <имя>.
DEFAULT_PLACEHOLDER_PATTERNS: tuple[str, ...] = (
    MUSTACHE,
    LIQUID,
    r"\$?\{[A-Za-z_][\w.\-]*\}",
    r"%\{[\w.\-]+\}",
    r"%%?[A-Za-zА-Яа-яЁё_][\w.\-]*%%?(?<=%)",
    r"\[[A-ZА-ЯЁ_][A-ZА-ЯЁ0-9_ .\-]*\]",
    r"<[а-яё_][а-яё0-9_ \-]*>",
    r"<[A-Z_][A-Z0-9_]*>",
)


def compile_placeholders(patterns: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.DOTALL)


DEFAULT_PLACEHOLDER_REGEX = compile_placeholders(DEFAULT_PLACEHOLDER_PATTERNS)


def backtracking_problem(pattern: str) -> str | None:
    """Why a user's placeholder regex must be refused at load, or None: it backtracks
    catastrophically, probed exactly as rule regexes are (``rules.schema``), with the
    ``regex`` module's time bound."""
    import regex

    from replylint.rules.schema import check_backtracking

    class Probe:
        def __init__(self) -> None:
            self.regexes = [(regex.compile(pattern, regex.DOTALL), 0, "placeholders")]
            self.problems: list[str] = []

        def error(self, line: int, message: str) -> None:
            self.problems.append(message)

    probe = Probe()
    check_backtracking(probe, [])
    return probe.problems[0] if probe.problems else None

TERMINAL_PUNCT = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??", "!!!", "?!.", "..."})
CLOSING = frozenset({")", "»", '"', "'", "”", "]"})
#: Abbreviations after which a dot does not end a sentence.
ABBREVIATIONS = frozenset(
    "ст п пп ч г гг т е д др пр см им ул кв корп стр рис руб коп тыс млн млрд тел доб "
    "вкл искл прим мин макс ок напр англ рус гл разд абз подп пл св обл р к с".split()
)
#: Of those, the units written after a number («4 812 руб.», «в 2024 г.»): there the dot
#: also ends the sentence when a capitalised word follows («…50 руб. В случае…»).
UNITS_AFTER_NUMBER = frozenset("руб коп тыс млн млрд мин г гг р".split())

_URL = re.compile(r"^(?:https?://|www\.)\S+$|^[\w\-]+(?:\.[\w\-]+)*\.(?:ru|рф|com|net|org|su|cc|io|me|info|biz|app)(?:/\S*)?$",
                  re.IGNORECASE)
_EMAIL = re.compile(r"^[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+$")


def classify(text: str) -> str:
    """The kind of a token's text: word, number, punct, url, email or symbol."""
    if _EMAIL.match(text):
        return EMAIL
    if _URL.match(text) and ("/" in text or "." in text.strip(".")):
        return URL
    has_letter = False
    has_digit = False
    for char in text:
        if char.isalpha():
            has_letter = True
            break
        if char.isdigit():
            has_digit = True
    if has_letter:
        return WORD
    if has_digit:
        return NUMBER
    if all(unicodedata.category(char).startswith("P") for char in text):
        return PUNCT
    return SYMBOL


def starts_sentence(text: str, kind: str) -> bool:
    """Could a token with this text open a new sentence after a dot?"""
    if kind in (PLACEHOLDER, NUMBER, SYMBOL, URL, EMAIL):
        return True
    first = text[0]
    return first.isupper() or first in "«\"„“([-—–•*"


def is_terminal(text: str) -> bool:
    return text in TERMINAL_PUNCT or (len(text) > 1 and set(text) <= set(".!?…"))


#: A line that quotes the client's message, as e-mail and messengers mark it («> …»); a
#: «>>>» banner is an agent's own marker (often round an internal note), not a quote.
_QUOTED_LINE = re.compile(r"^[ \t]*>(?!>>).*$", re.MULTILINE)


def quoted_lines(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the lines that quote the client («> Где мой заказ?»).

    The client's words are not the agent's draft: no advice is given on them.
    """
    if ">" not in text:
        return ()
    return tuple(match.span() for match in _QUOTED_LINE.finditer(text) if match.end() > match.start())


def line_breaks(gap: str) -> int:
    """How many line breaks stand in the whitespace ``gap`` (CRLF counts once)."""
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n") + gap.count("\u2028") + gap.count("\u2029")
