"""Character offsets of a text ↔ LSP positions (line, character) in the negotiated encoding.

The LSP counts lines at ``\\n``, ``\\r\\n`` and ``\\r`` and characters in code units of
UTF-16 (the default), UTF-8 or UTF-32. replylint's offsets are Python characters (code
points), so a remark after an emoji is one unit off in UTF-16 and three in UTF-8 unless
converted here, once, for the whole document.
"""

from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` the text takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class PositionMap:
    """The line starts of one text, to convert offsets to positions and back."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def line_of(self, offset: int) -> int:
        """The 0-based line the offset is on (an offset inside ``\\r\\n`` belongs to its line)."""
        return bisect.bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of an offset, both 0-based, the character in code units."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        return line, units(self.text[self.starts[line]:offset], self.encoding)

    def line_end(self, line: int) -> int:
        """The offset of the end of a line's content (before its line break)."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def offset(self, line: int, character: int) -> int:
        """The offset of a position; past the end of its line: the line's end."""
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(max(line, 0))
        if self.encoding == UTF32:
            return min(start + character, end)
        counted = 0
        for offset in range(start, end):
            if counted >= character:
                return offset
            counted += units(self.text[offset], self.encoding)
        return end
