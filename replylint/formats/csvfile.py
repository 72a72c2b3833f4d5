"""CSV (and TSV) with a header row; the reply is one column, the name another.

``csv`` gives fields, not positions, so fields are read here (RFC 4180: quoted fields may
hold delimiters, line breaks and doubled quotes) with the file offset of every character.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from replylint.errors import InputError
from replylint.formats.reply import Reply, without_html

NAME = "csv"
SUFFIXES = (".csv", ".tsv")
#: CSV has no comments to carry a suppression.
SUPPRESSION = None

TEXT_COLUMNS = ("text", "body", "reply", "response", "message", "content", "value", "comment",
                "текст", "ответ", "сообщение", "шаблон")
NAME_COLUMNS = ("name", "title", "id", "key", "slug", "название", "имя", "заголовок")
#: The column holding the client's message a reply answers (context for the rules).
CLIENT_COLUMNS = ("client", "клиент")


@dataclass(frozen=True, slots=True)
class Options:
    """Which column is the reply (``formats.csv``).

    Attributes:
        column: the header of the text column; None: the first of :data:`TEXT_COLUMNS`.
        name_column: the header of the column naming a reply; None: the first of
            :data:`NAME_COLUMNS`.
        delimiter: the field delimiter; None: guessed from the header line (tab for .tsv).
        client_column: the header of the column holding the client's message each reply
            answers; None: the first of :data:`CLIENT_COLUMNS`, if any.
    """

    column: str | None = field(default=None, metadata={"example": "text"})
    name_column: str | None = None
    delimiter: str | None = field(default=None, metadata={"example": '";"'})
    client_column: str | None = None

    def __post_init__(self) -> None:
        if self.delimiter is not None and len(self.delimiter) != 1:
            from replylint.formats import OptionError

            raise OptionError("delimiter", "ожидается один символ")


def parse(text: str, path: str, options: Options) -> list[Reply]:
    delimiter = options.delimiter or _guess_delimiter(text, path)
    records = list(_records(text, delimiter, path))  # (a broken record is the error, before the header's)
    if not records:
        return []
    columns = _Columns(records[0][1], options, path)
    return [reply for line, fields in records[1:] if (reply := columns.reply(line, fields, delimiter, 0)) is not None]


def stream(chunks, path: str, options: Options):
    """(reply, chunk) record by record, as :func:`parse` finds them (see
    :mod:`replylint.formats.stream`): lines are gathered until they hold whole records
    (an even count of quotes, then a parse that closes every quoted field)."""
    from replylint.formats.stream import joined

    delimiter = options.delimiter
    reader = _StreamReader(options, path)
    if delimiter:
        reader.delimiter = delimiter
    gathered = []
    quotes = size = 0
    retry_at = 0  # after a failed try, the next waits until the lines are twice as long
    line = 1  # the next record's line, as _records counts them
    for chunk in chunks:
        if delimiter is None:
            delimiter = reader.delimiter = _guess_delimiter(chunk.text, path)
        gathered.append(chunk)
        quotes += chunk.text.count('"')
        size += len(chunk.text)
        if quotes % 2 or size < retry_at:
            continue  # a quoted field goes on past this line
        record_chunk = joined(gathered)
        lines_after: list[int] = []
        try:
            records = list(_records(record_chunk.text, delimiter, path, line, lines_after))
        except InputError as error:
            if error.message != _UNCLOSED:
                raise
            # a quote inside an unquoted field: wait for more lines (tries double in
            # length, so a file of such lines is parsed in linear time)
            gathered, retry_at = [record_chunk], 2 * size
            continue
        gathered, quotes, size, retry_at, line = [], 0, 0, 0, lines_after[0]
        yield from reader.replies(records, record_chunk)
    if gathered:  # an unclosed quote at the end: the error parse gives
        record_chunk = joined(gathered)
        yield from reader.replies(list(_records(record_chunk.text, delimiter or ",", path, line)), record_chunk)
    if reader.header_error is not None:
        raise reader.header_error  # (after any broken record, as parse reports them)


class _StreamReader:
    """The header, then the replies of the records after it."""

    def __init__(self, options: Options, path: str) -> None:
        self.options = options
        self.path = path
        self.columns: _Columns | None = None
        self.header_error: InputError | None = None
        self.delimiter = ","

    def replies(self, records, chunk):
        for record_line, fields in records:
            if self.columns is None and self.header_error is None:
                try:
                    self.columns = _Columns(fields, self.options, self.path)
                except InputError as error:
                    self.header_error = error
                continue
            if self.columns is not None:
                reply = self.columns.reply(record_line, fields, self.delimiter, chunk.offset)
                if reply is not None:
                    yield reply, chunk


_UNCLOSED = "незакрытая кавычка в поле CSV"


class _Columns:
    """Which fields of a record are the reply and its name (from the header row)."""

    def __init__(self, header_fields, options: Options, path: str) -> None:
        header = [field.strip().lstrip("\ufeff") for field, *_ in header_fields]
        lowered = [name.lower() for name in header]
        if options.column:
            if options.column not in header:
                raise InputError(f"в заголовке нет столбца '{options.column}' (есть: {', '.join(header)})", path, 1)
            self.text_index = header.index(options.column)
        else:
            self.text_index = next((lowered.index(name) for name in TEXT_COLUMNS if name in lowered), None)
            if self.text_index is None:
                raise InputError(f"в заголовке нет столбца с текстом ответа (ожидается один из "
                                 f"{', '.join(TEXT_COLUMNS[:6])}… или formats.csv.column в настройках)", path, 1)
        if options.name_column and options.name_column in header:
            self.name_index = header.index(options.name_column)
        else:
            self.name_index = next((lowered.index(name) for name in NAME_COLUMNS if name in lowered), None)
        self.client_index = _client_index(header, lowered, options, path)

    def reply(self, line: int, fields, delimiter: str, base: int) -> Reply | None:
        from replylint.formats.stream import shifted

        text_index, name_index = self.text_index, self.name_index
        if text_index >= len(fields):
            return None
        value, offsets, synthetic, quoted = fields[text_index]
        if not value.strip():
            return None
        title = fields[name_index][0].strip() if name_index is not None and name_index < len(fields) else ""
        name = f"{title} (строка {line})" if title else f"строка {line}"
        forbidden = '"\r\n' if quoted else f'"\r\n{delimiter}'
        client = fields[self.client_index][0] if self.client_index is not None and self.client_index < len(fields) else ""
        return without_html(Reply(value, shifted(offsets, base), name=name, forbidden=forbidden,
                                  synthetic=frozenset(synthetic), client=client if client.strip() else None))


def _client_index(header: list[str], lowered: list[str], options: Options, path: str) -> int | None:
    """The column of the client's messages: the configured one (which must exist), or
    the first of :data:`CLIENT_COLUMNS`, or none."""
    if options.client_column:
        if options.client_column not in header:
            raise InputError(f"в заголовке нет столбца '{options.client_column}' с сообщением клиента "
                             f"(есть: {', '.join(header)})", path, 1)
        return header.index(options.client_column)
    return next((lowered.index(name) for name in CLIENT_COLUMNS if name in lowered), None)


def _guess_delimiter(text: str, path: str) -> str:
    if path.lower().endswith(".tsv"):
        return "\t"
    first_line = text.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _records(text: str, delimiter: str, path: str, line: int = 1, lines_after: list | None = None):
    """(line, fields) per record; a field is (value, offsets, synthetic indices, quoted).

    ``line``: the line ``text`` starts on; ``lines_after`` gets the line after the last
    record (where the next text, if any, starts)."""
    position = 0
    length = len(text)
    while position < length:
        record_line = line
        fields = []
        while True:
            chars: list[str] = []
            offsets: list[int] = []
            synthetic: list[int] = []
            quoted = position < length and text[position] == '"'
            if quoted:
                opening = (line, position)
                position += 1
                while True:
                    if position >= length:
                        raise InputError(_UNCLOSED, path, opening[0])
                    char = text[position]
                    if char == '"':
                        if position + 1 < length and text[position + 1] == '"':
                            synthetic.append(len(chars))
                            chars.append('"')
                            offsets.append(position)
                            position += 2
                            continue
                        position += 1
                        break
                    if char == "\n":
                        line += 1
                    chars.append(char)
                    offsets.append(position)
                    position += 1
                offsets.append(position - 1)
                while position < length and text[position] not in delimiter + "\r\n":
                    position += 1  # stray characters after the closing quote
            else:
                start = position
                while position < length and text[position] not in delimiter + "\r\n":
                    position += 1
                chars.append(text[start:position])
                offsets.extend(range(start, position + 1))
            fields.append(("".join(chars), offsets, synthetic, quoted))
            if position < length and text[position] == delimiter:
                position += 1
                continue
            break
        if text.startswith("\r\n", position):
            position += 2
        elif position < length:
            position += 1
        line += 1
        if any(field[0] for field in fields) or len(fields) > 1:
            yield record_line, fields
    if lines_after is not None:
        lines_after.append(line)
