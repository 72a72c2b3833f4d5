"""Plain text: the whole file is one reply, read exactly as it is."""

from __future__ import annotations

from replylint.formats import FormatOptions, Reply


def parse(text: str, path: str, options: FormatOptions) -> list[Reply]:
    return [Reply(text)] if text.strip() else []
