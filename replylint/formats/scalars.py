"""Where each character of a decoded YAML string scalar stands in the file.

PyYAML gives a scalar's value and the span of its source, not a character-by-character
map. These scanners re-read the source the way PyYAML's scanner does (escapes, doubled
quotes, line folding, literal and folded blocks, chomping) and record, for every output
character, the offset of the file character it came from. The caller checks the result
against PyYAML's value and falls back to a coarse map if they ever disagree.
"""

from __future__ import annotations

_BREAKS = "\r\n\x85\u2028\u2029"
_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}
_CODES = {"x": 2, "u": 4, "U": 8}


class _Out:
    """Decoded characters and the file offset each came from (plus the end offset)."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.synthetic: list[int] = []
        self.end = 0
        self.length = 0

    def copy(self, source: str, start: int, end: int) -> None:
        self.chars.append(source[start:end])
        self.offsets.extend(range(start, end))
        self.length += end - start
        self.end = end

    def put(self, text: str, offset: int, source_end: int) -> None:
        """Characters that do not stand verbatim in the file (an escape, a folded break)."""
        self.chars.append(text)
        self.offsets.extend([offset] * len(text))
        self.synthetic.extend(range(self.length, self.length + len(text)))
        self.length += len(text)
        self.end = source_end

    def result(self) -> tuple[str, list[int], list[int]]:
        return "".join(self.chars), self.offsets + [self.end], self.synthetic


def _line_break(source: str, position: int) -> tuple[str, int]:
    """The normalised line break at ``position`` and the position after it."""
    char = source[position] if position < len(source) else ""
    if char in "\r\n\x85":
        if source.startswith("\r\n", position):
            return "\n", position + 2
        return "\n", position + 1
    if char in "\u2028\u2029":
        return char, position + 1
    return "", position


def _peek(source: str, position: int) -> str:
    return source[position] if position < len(source) else "\0"


def plain(source: str, start: int, end: int) -> tuple[str, list[int], list[int]]:
    """A plain (unquoted) scalar spanning ``source[start:end]``."""
    out = _Out()
    position = start
    while position < end:
        word_end = position
        while word_end < end and source[word_end] not in " \t" + _BREAKS:
            word_end += 1
        out.copy(source, position, word_end)
        position = word_end
        if position >= end:
            break
        spaces_end = position
        while spaces_end < end and source[spaces_end] in " \t":
            spaces_end += 1
        if spaces_end < end and source[spaces_end] not in _BREAKS:
            out.copy(source, position, spaces_end)
            position = spaces_end
            continue
        folded_at = position
        line_break, position = _line_break(source, spaces_end)
        breaks = []
        while position < end and source[position] in " " + _BREAKS:
            if source[position] == " ":
                position += 1
            else:
                extra, after = _line_break(source, position)
                breaks.append((extra, position, after))
                position = after
        _fold(out, line_break, breaks, folded_at, spaces_end)
    return out.result()


def _fold(out: _Out, line_break: str, breaks, folded_at: int, break_at: int) -> None:
    if line_break != "\n":
        out.put(line_break, break_at, break_at + 1)
    elif not breaks:
        out.put(" ", folded_at, break_at)
    for text, offset, after in breaks:
        out.put(text, offset, after)


def quoted(source: str, start: int) -> tuple[str, list[int], list[int]]:
    """A single- or double-quoted scalar whose opening quote is at ``start``."""
    quote = source[start]
    double = quote == '"'
    out = _Out()
    position = start + 1
    while True:
        position = _quoted_non_spaces(source, position, double, out)
        if _peek(source, position) == quote:
            break
        position = _quoted_spaces(source, position, double, out)
        if position >= len(source):
            break
    return out.result()


def _quoted_non_spaces(source: str, position: int, double: bool, out: _Out) -> int:
    while True:
        run_end = position
        while run_end < len(source) and source[run_end] not in "'\"\\\0 \t" + _BREAKS:
            run_end += 1
        if run_end > position:
            out.copy(source, position, run_end)
            position = run_end
        char = _peek(source, position)
        if not double and char == "'" and _peek(source, position + 1) == "'":
            out.put("'", position, position + 2)
            position += 2
        elif (double and char == "'") or (not double and char in '"\\'):
            out.copy(source, position, position + 1)
            position += 1
        elif double and char == "\\":
            escape_at = position
            char = _peek(source, position + 1)
            if char in _ESCAPES:
                out.put(_ESCAPES[char], escape_at, position + 2)
                position += 2
            elif char in _CODES:
                length = _CODES[char]
                digits = source[position + 2:position + 2 + length]
                out.put(chr(int(digits, 16)), escape_at, position + 2 + length)
                position += 2 + length
            elif char in _BREAKS:
                _, position = _line_break(source, position + 1)
                position = _quoted_breaks(source, position, out)
            else:
                return position
        else:
            return position


def _quoted_spaces(source: str, position: int, double: bool, out: _Out) -> int:
    spaces_end = position
    while spaces_end < len(source) and source[spaces_end] in " \t":
        spaces_end += 1
    char = _peek(source, spaces_end)
    if char in _BREAKS and char != "\0":
        line_break, after = _line_break(source, spaces_end)
        breaks_out = _Out()
        after = _quoted_breaks(source, after, breaks_out)
        breaks = [(text, offset, offset + 1) for text, offset in
                  zip("".join(breaks_out.chars), breaks_out.offsets, strict=True)]
        _fold(out, line_break, breaks, position, spaces_end)
        return after
    out.copy(source, position, spaces_end)
    return spaces_end


def _quoted_breaks(source: str, position: int, out: _Out) -> int:
    while True:
        while _peek(source, position) in " \t":
            position += 1
        char = _peek(source, position)
        if char in _BREAKS and char != "\0":
            text, after = _line_break(source, position)
            out.put(text, position, after)
            position = after
        else:
            return position


def block(source: str, start: int, parent_indent: int) -> tuple[str, list[int], list[int]]:
    """A literal (``|``) or folded (``>``) block scalar whose indicator is at ``start``."""
    folded = source[start] == ">"
    chomping, increment, position = _block_header(source, start + 1)

    def column(offset: int) -> int:
        # Look for a "\r" only after the last "\n": a file without "\r" must not be
        # rescanned to its start for every column asked (quadratic on large files).
        newline = source.rfind("\n", 0, offset)
        line_start = max(newline, source.rfind("\r", newline + 1, offset)) + 1
        return offset - line_start

    min_indent = max(parent_indent + 1, 1)
    breaks: list[tuple[str, int, int]] = []
    if increment is None:
        position, indent = _detected_indent(source, position, min_indent, breaks, column)
    else:
        indent = min_indent + increment - 1
        position = _block_breaks(source, position, indent, breaks, column)
    out = _Out()
    line_break, breaks = _block_lines(source, position, indent, breaks, folded, column, out)
    if chomping is not False and line_break[0]:
        out.put(*line_break)
    if chomping is True:
        for text, offset, after in breaks:
            out.put(text, offset, after)
    return out.result()


def _block_header(source: str, position: int) -> tuple[bool | None, int | None, int]:
    """The chomping (True: keep ``+``, False: strip ``-``, None: clip) and indentation
    indicator after ``|`` or ``>``, and the position of the block's first line."""
    chomping = None
    increment = None
    for _ in range(2):
        char = _peek(source, position)
        if char in "+-" and chomping is None:
            chomping = char == "+"
            position += 1
        elif char.isdigit() and increment is None:
            increment = int(char)
            position += 1
    while _peek(source, position) not in "\0" + _BREAKS:
        position += 1  # spaces and a comment after the header
    _, position = _line_break(source, position)
    return chomping, increment, position


def _detected_indent(source: str, position: int, min_indent: int, breaks: list, column) -> tuple[int, int]:
    """Skip the leading blank lines (kept in ``breaks``); the block's indentation is the
    deepest of them or of its first line, at least ``min_indent``."""
    max_indent = 0
    while _peek(source, position) in " " + _BREAKS and position < len(source):
        if source[position] == " ":
            position += 1
            max_indent = max(max_indent, column(position))
        else:
            text, after = _line_break(source, position)
            breaks.append((text, position, after))
            position = after
    return position, max(min_indent, max_indent)


def _block_lines(source: str, position: int, indent: int, breaks: list, folded: bool, column, out: _Out):
    """Copy the block's lines into ``out``, folding or keeping the breaks between them;
    returns the last line break and the blank lines after it (for chomping)."""
    line_break = ("", position, position)
    while column(position) == indent and position < len(source):
        for text, offset, after in breaks:
            out.put(text, offset, after)
        leading_non_space = _peek(source, position) not in " \t"
        line_end = position
        while line_end < len(source) and source[line_end] not in _BREAKS:
            line_end += 1
        out.copy(source, position, line_end)
        text, after = _line_break(source, line_end)
        line_break = (text, line_end, after)
        position = after
        breaks = []
        position = _block_breaks(source, position, indent, breaks, column)
        if column(position) == indent and position < len(source):
            if folded and line_break[0] == "\n" and leading_non_space and _peek(source, position) not in " \t":
                if not breaks:
                    out.put(" ", line_break[1], line_break[2])
            else:
                out.put(*line_break)
        else:
            break
    return line_break, breaks


def _block_breaks(source: str, position: int, indent: int, breaks: list, column) -> int:
    while column(position) < indent and _peek(source, position) == " ":
        position += 1
    while _peek(source, position) in _BREAKS and position < len(source):
        text, after = _line_break(source, position)
        breaks.append((text, position, after))
        position = after
        while column(position) < indent and _peek(source, position) == " ":
            position += 1
    return position
