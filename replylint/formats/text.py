"""Plain text: the whole file is one reply, read exactly as it is."""

from __future__ import annotations

from dataclasses import dataclass

from replylint.formats.reply import Reply

NAME = "text"
SUFFIXES = (".txt", ".text")
#: Plain text has no comment syntax to carry a suppression.
SUPPRESSION = None


@dataclass(frozen=True, slots=True)
class Options:
    """Plain text has no settings."""


def parse(text: str, path: str, options: Options) -> list[Reply]:
    return [Reply(text)] if text.strip() else []
