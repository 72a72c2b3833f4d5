"""Reading a large collection reply by reply: the file's lines, each with where it stands.

A helpdesk export of 100,000 replies is one file; parsed whole it took thirty-five times
its size in memory. A format whose records sit on lines (JSON Lines, CSV) may also offer
``stream(chunks, path, options) -> Iterator[tuple[Reply, Chunk]]``: it reads
:class:`Chunk`\\ s (one line each, in order) and yields each reply with the chunk it came
from, offsets already the file's own. Only the chunks of the replies being linted are
held, and a diagnostic's line and column come from its chunk (:class:`ChunkLineIndex`),
exactly as :class:`~replylint.document.LineIndex` over the whole file gives them.
"""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

from replylint.document import LineIndex


class Chunk(NamedTuple):
    """Some whole lines of a file.

    Attributes:
        text: the lines, each with its ``\\n`` (the file's last maybe without).
        offset: the file offset (in characters) of ``text[0]``.
        line: the line of ``text[0]`` as :class:`LineIndex` counts them (CR, LF and CRLF
            each end a line).
        number: the line of ``text[0]`` counting ``\\n`` only (what a format calls «строка N»).
    """

    text: str
    offset: int
    line: int
    number: int


def chunks(lines: Iterable[str]) -> Iterator[Chunk]:
    """The lines of a file (split after each ``\\n``) as chunks, one per line."""
    offset = 0
    line = 1
    for number, text in enumerate(lines, 1):
        yield Chunk(text, offset, line, number)
        offset += len(text)
        line += breaks(text)


def breaks(text: str) -> int:
    """How many lines end in ``text`` as :class:`LineIndex` counts them (CRLF is one)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def joined(parts: list[Chunk]) -> Chunk:
    """Consecutive chunks as one (a CSV record over several lines)."""
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    return Chunk("".join(part.text for part in parts), first.offset, first.line, first.number)


def shifted(offsets: list[int], by: int) -> tuple[int, ...]:
    """Chunk offsets → file offsets."""
    return tuple(offset + by for offset in offsets) if by else tuple(offsets)


class ChunkLineIndex:
    """:meth:`LineIndex.position` for offsets inside one chunk (built when first asked:
    most replies have no finding)."""

    __slots__ = ("chunk", "_index")

    def __init__(self, chunk: Chunk) -> None:
        self.chunk = chunk
        self._index: LineIndex | None = None

    def position(self, offset: int) -> tuple[int, int]:
        if self._index is None:
            self._index = LineIndex(self.chunk.text)
        line, column = self._index.position(offset - self.chunk.offset)
        return self.chunk.line + line - 1, column
