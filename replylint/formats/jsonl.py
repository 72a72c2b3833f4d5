"""JSON Lines: one JSON value per line; the reply is a column (``formats.jsonl.column``)
of each object, or the line itself when it is a string."""

from __future__ import annotations

from dataclasses import dataclass, field

from replylint.errors import InputError
from replylint.formats.csvfile import CLIENT_COLUMNS, NAME_COLUMNS, TEXT_COLUMNS
from replylint.formats.jsonfile import parse_value
from replylint.formats.reply import Reply, without_html
from replylint.formats.stream import shifted
from replylint.formats.tree import MAPPING, STRING

NAME = "jsonl"
SUFFIXES = (".jsonl", ".ndjson")
#: JSON Lines has no comments to carry a suppression.
SUPPRESSION = None


@dataclass(frozen=True, slots=True)
class Options:
    """Which key of each line is the reply (``formats.jsonl``).

    Attributes:
        column: the key holding the text; None: the first of :data:`TEXT_COLUMNS` present.
        name_column: the key naming a reply; None: the first of :data:`NAME_COLUMNS` present.
        client_column: the key holding the client's message the reply answers; None: the
            first of :data:`CLIENT_COLUMNS` present.
    """

    column: str | None = field(default=None, metadata={"example": "text"})
    name_column: str | None = None
    client_column: str | None = None


def parse(text: str, path: str, options: Options) -> list[Reply]:
    result = []
    position = 0
    line = 0
    while position < len(text):
        line += 1
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        if text[position:line_end].strip():
            reply = _line_reply(text, path, options, line, position, line_end, 0)
            if reply is not None:
                result.append(reply)
        position = line_end + 1
    return result


def stream(chunks, path: str, options: Options):
    """(reply, chunk) line by line, as :func:`parse` finds them (see
    :mod:`replylint.formats.stream`)."""
    for chunk in chunks:
        text = chunk.text
        line_end = len(text) - 1 if text.endswith("\n") else len(text)
        if not text[:line_end].strip():
            continue
        try:
            reply = _line_reply(text, path, options, chunk.number, 0, line_end, chunk.offset)
        except InputError as error:
            if error.line is not None and error.line < chunk.number:  # (counted in the line alone)
                error.line += chunk.number - 1
            raise
        if reply is not None:
            yield reply, chunk


def _line_reply(text: str, path: str, options: Options, line: int, position: int, line_end: int,
                base: int) -> Reply | None:
    """The reply on the line ``text[position:line_end]`` (file offsets: ``base`` more)."""
    node = parse_value(text, path, position, line_end)
    found = _reply_node(node, options, path, line)
    if found is None:
        return None
    reply_node, title = found
    if not reply_node.value or not reply_node.value.strip():
        return None
    value, offsets, synthetic, forbidden = reply_node.build()
    name = f"{title} (строка {line})" if title else f"строка {line}"
    return without_html(Reply(value, shifted(offsets, base), name=name, forbidden=forbidden,
                              synthetic=frozenset(synthetic), client=_client(node, options)))


def _reply_node(node, options: Options, path: str, line: int):
    if node.kind == STRING:
        return node, None
    if node.kind != MAPPING:
        return None
    keys = [key for key, _ in node.entries]
    column = options.column or next((key for key in keys if str(key).lower() in TEXT_COLUMNS), None)
    if column is None:
        raise InputError(f"в строке нет текста ответа (ожидается ключ {', '.join(TEXT_COLUMNS[:4])}… "
                         "или formats.jsonl.column в настройках)", path, line)
    value = node.get(column)
    if value is None or value.kind != STRING:
        return None
    title_key = options.name_column or next((key for key in keys if str(key).lower() in NAME_COLUMNS), None)
    title_node = node.get(title_key) if title_key else None
    title = title_node.value if title_node is not None and title_node.kind == STRING else None
    return value, title


def _client(node, options: Options) -> str | None:
    """The client's message a line's reply answers: its ``client_column`` key's string."""
    if node.kind != MAPPING:
        return None
    key = options.client_column or next((key for key, _ in node.entries if str(key).lower() in CLIENT_COLUMNS),
                                        None)
    value = node.get(key) if key is not None else None
    return value.value if value is not None and value.kind == STRING and value.value.strip() else None
