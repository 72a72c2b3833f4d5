"""User-written regexes run with a time bound, and the verdicts of ``text:`` tests remembered."""

from __future__ import annotations

import regex

#: Time bound for one user-written regex over one document, in seconds.
REGEX_TIMEOUT = 1.0
#: Verdicts kept per pattern, and patterns kept (a process may compile many rule sets):
#: past either, that memory is emptied.
SURFACE_VERDICTS_SIZE = 20_000
SURFACE_PATTERNS_KEPT = 1_000

#: Verdicts of token-level regexes (``text:``) on token texts: id of the pattern →
#: (the pattern, kept alive so that the id stays its own; {text: matches}). A word's
#: verdict is asked again in every sentence that tries a sequence with such an element
#: («[^.!?…;]+» between two words), and a time-bounded regex call costs microseconds.
_SURFACE_VERDICTS: dict[int, tuple[regex.Pattern, dict[str, bool]]] = {}


class RegexTimeout(Exception):
    """A user regex ran past :data:`REGEX_TIMEOUT` (catastrophic backtracking).

    Attributes:
        pattern: the regex.
        pattern_set: ``ident`` of the pattern set it belongs to, when known (the linter
            maps it back to the rule that wrote it).
    """

    def __init__(self, pattern: str, pattern_set: int = -1) -> None:
        super().__init__(pattern)
        self.pattern = pattern
        self.pattern_set = pattern_set


def fullmatch(pattern: regex.Pattern, text: str) -> bool:
    """Does ``pattern`` match the whole of ``text`` (remembered per pattern and text)?

    Raises:
        RegexTimeout: the regex ran past :data:`REGEX_TIMEOUT`.
    """
    entry = _SURFACE_VERDICTS.get(id(pattern))
    if entry is None:
        if len(_SURFACE_VERDICTS) >= SURFACE_PATTERNS_KEPT:
            _SURFACE_VERDICTS.clear()
        entry = _SURFACE_VERDICTS[id(pattern)] = (pattern, {})
    verdicts = entry[1]
    verdict = verdicts.get(text)
    if verdict is None:
        try:
            verdict = pattern.fullmatch(text, timeout=REGEX_TIMEOUT) is not None
        except TimeoutError:
            raise RegexTimeout(pattern.pattern) from None
        if len(verdicts) >= SURFACE_VERDICTS_SIZE:
            verdicts.clear()
        verdicts[text] = verdict
    return verdict
