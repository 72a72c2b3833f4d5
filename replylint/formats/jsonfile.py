"""JSON collections of replies (a list, a mapping, a helpdesk macro export).

``json`` gives values, not positions, so a small reader walks the text once more and keeps,
for every character of every string, where it stands in the file (escapes included).
"""

from __future__ import annotations

import json
import re

from replylint.errors import InputError
from replylint.formats.reply import Reply
from replylint.formats.tree import MAPPING, OTHER, SEQUENCE, STRING, Node, TreeOptions, replies

NAME = "json"
SUFFIXES = (".json",)
#: JSON has no comments to carry a suppression.
SUPPRESSION = None
Options = TreeOptions

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
#: A fix may not write a quote, a backslash or a control character into a JSON string.
FORBIDDEN = '"\\\n\r\t\b\f'


def parse(text: str, path: str, options: TreeOptions) -> list[Reply]:
    roots = [parse_value(text, path, 0, len(text))]
    return replies(roots, options)


#: Python's words for the JSON problems people make, in the words of the rest of replylint.
_JSON_PROBLEMS = (
    ("Expecting property name enclosed in double quotes", "ожидается ключ в двойных кавычках (лишняя запятая?)"),
    ("Expecting ',' delimiter", "не хватает запятой между элементами"),
    ("Expecting ':' delimiter", "после ключа нет «:»"),
    ("Expecting value", "ожидается значение"),
    ("Unterminated string", "не закрыта кавычка"),
    ("Invalid control character", "перевод строки или управляющий символ внутри строки (пишите \\n)"),
    ("Invalid \\uXXXX escape", "неверная последовательность \\uXXXX"),
    ("Invalid \\escape", "неверная последовательность с «\\»"),
    ("Extra data", "лишний текст после значения"),
)


def json_problem(message: str) -> str:
    """``json``'s message about a broken text, in Russian."""
    return next((words for known, words in _JSON_PROBLEMS if message.startswith(known)),
                "текст не читается как JSON")


def parse_value(text: str, path: str, start: int, end: int) -> Node:
    """Parse ``text[start:end]`` as one JSON value (errors name the file's line)."""
    try:
        value = json.loads(text[start:end])
    except json.JSONDecodeError as error:
        line = text.count("\n", 0, start) + error.lineno
        column = error.colno if error.lineno > 1 else error.colno + start - (text.rfind("\n", 0, start) + 1)
        raise InputError(f"ошибка JSON: {json_problem(error.msg)}", path, line, column) from None
    except RecursionError:
        raise InputError("ошибка JSON: слишком глубокая вложенность", path) from None
    _refuse_lone_surrogates(text, path, start, end, value)
    reader = _Reader(text, end)
    node, _ = reader.value(reader.skip(start))
    return node


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _refuse_lone_surrogates(text: str, path: str, start: int, end: int, value) -> None:
    """``"\\ud800"`` decodes to half a character, which no output can print (every file's
    results were lost at the end of the run): an error in this file, on its line."""
    first = _SURROGATE_ESCAPE.search(text, start, end)
    if first is None:
        return
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        line = text.count("\n", 0, first.start()) + 1
        raise InputError(f"ошибка JSON: {first.group()} — половина символа (одиночный суррогат), "
                         "такой текст нельзя ни вывести, ни записать",
                         path, line) from None


class _Reader:
    def __init__(self, text: str, end: int) -> None:
        self.text = text
        self.end = end

    def skip(self, position: int) -> int:
        while position < self.end and self.text[position] in " \t\r\n":
            position += 1
        return position

    def value(self, position: int) -> tuple[Node, int]:
        char = self.text[position]
        if char == "{":
            entries = []
            position = self.skip(position + 1)
            if self.text[position] == "}":
                return Node(MAPPING, entries), position + 1
            while True:
                key_start = position
                key, position = self.string_end(position)
                key_text = json.loads(self.text[key_start:position])
                position = self.skip(self.skip(position) + 1)  # the colon
                node, position = self.value(position)
                entries.append((key_text, node))
                position = self.skip(position)
                if self.text[position] == "}":
                    return Node(MAPPING, entries), position + 1
                position = self.skip(position + 1)
        if char == "[":
            items = []
            position = self.skip(position + 1)
            if self.text[position] == "]":
                return Node(SEQUENCE, items), position + 1
            while True:
                node, position = self.value(position)
                items.append(node)
                position = self.skip(position)
                if self.text[position] == "]":
                    return Node(SEQUENCE, items), position + 1
                position = self.skip(position + 1)
        if char == '"':
            start = position
            _, position = self.string_end(position)
            value = json.loads(self.text[start:position])
            return Node(STRING, value=value, build=lambda: self.string(start)), position
        while position < self.end and self.text[position] not in ",]} \t\r\n":
            position += 1
        return Node(OTHER), position

    def string_end(self, position: int) -> tuple[None, int]:
        position += 1
        while True:
            char = self.text[position]
            if char == "\\":
                position += 2
            elif char == '"':
                return None, position + 1
            else:
                position += 1

    def string(self, start: int) -> tuple[str, list[int], list[int], str]:
        chars: list[str] = []
        offsets: list[int] = []
        synthetic: list[int] = []
        position = start + 1
        text = self.text
        while True:
            char = text[position]
            if char == '"':
                offsets.append(position)
                return "".join(chars), offsets, synthetic, FORBIDDEN
            if char != "\\":
                chars.append(char)
                offsets.append(position)
                position += 1
                continue
            kind = text[position + 1]
            synthetic.append(len(chars))
            offsets.append(position)
            if kind == "u":
                code = int(text[position + 2:position + 6], 16)
                position += 6
                if 0xD800 <= code < 0xDC00 and text.startswith("\\u", position):
                    low = int(text[position + 2:position + 6], 16)
                    if 0xDC00 <= low < 0xE000:
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                chars.append(chr(code))
            else:
                chars.append(_ESCAPES[kind])
                position += 2
