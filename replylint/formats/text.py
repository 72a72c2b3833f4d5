"""Plain text: the whole file is one reply, read exactly as it is."""

from __future__ import annotations

from replylint.formats.reply import NoOptions, Reply

NAME = "text"
SUFFIXES = (".txt", ".text")
#: Plain text has no comment syntax to carry a suppression.
SUPPRESSION = None
Options = NoOptions


def parse(text: str, path: str, options: NoOptions) -> list[Reply]:
    return [Reply(text)] if text.strip() else []
