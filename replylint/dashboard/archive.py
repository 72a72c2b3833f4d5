"""Reading an archive of sent replies into records: the reply's text and the columns a QA
lead groups by (agent, time, client), row by row.

JSON Lines and CSV/TSV are read record by record, so a broken row is reported and skipped
while the rest is counted; a JSON or YAML file holding a list of objects (or an object
with one such list) is read the same way. Any other file a ``check`` reads (plain text,
Markdown, a YAML mapping of templates) is read by its format, one record per reply, with
no columns. The text column is found as ``check`` finds it (``formats.<format>.column``
in the config, else the first of the usual names), so the report reads the same replies.

A :class:`FileReading` yields the records one at a time: a UTF-8 JSON Lines or CSV file
is read a line at a time (as ``check`` streams it), so an archive of any size costs the
memory of the records being linted, not of the file; a file in another encoding, a JSON
or YAML document and a file read by its format are decoded whole first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import os
from dataclasses import dataclass

from replylint.errors import InputError
from replylint.formats.csvfile import NAME_COLUMNS, TEXT_COLUMNS
from replylint.formats.jsonfile import json_problem


@dataclass(frozen=True, slots=True)
class Columns:
    """The columns the report groups by (None: not asked for)."""

    agent: str | None = None
    time: str | None = None
    client: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """One reply of the archive and where it came from.

    Attributes:
        file: the archive file, as given.
        row: the line the record starts on (1-based); for a reply read by its format, its
            position in the file.
        name: what ``check`` calls the reply in its file (``строка 12``, ``id (строка 12)``).
        text: the reply.
        agent, time, client: the record's columns (None when absent or not asked for).
        week: the ISO week of ``time`` (``2026-W45``).
    """

    file: str
    row: int
    name: str
    text: str
    agent: str | None = None
    time: dt.datetime | None = None
    client: str | None = None

    @property
    def week(self) -> str | None:
        if self.time is None:
            return None
        year, week, _ = self.time.isocalendar()
        return f"{year}-W{week:02d}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row that could not be read: where, and why (Russian, for the QA lead)."""

    file: str
    row: int
    reason: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.reason}{': ' + self.detail if self.detail else ''}"


#: Why a row is skipped (the summary counts rows by these).
BAD_ROW = "строка не читается"
BAD_TIME = "неверная дата"
NO_TEXT = "нет текста ответа"
TOO_LONG = "слишком длинный ответ"


def parse_time(value) -> dt.datetime | None:
    """A cell's time: ISO 8601 (``2026-11-02``, ``2026-11-02T10:15:00+03:00``, ``…Z``),
    ``02.11.2026 10:15`` or Unix seconds; None for an empty cell.

    Raises:
        ValueError: the cell is none of these.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value, dt.timezone.utc).replace(tzinfo=None)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = str(value).strip()
    for form in ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, form)
        except ValueError:
            pass
    if text.isdigit():
        return dt.datetime.fromtimestamp(int(text), dt.timezone.utc).replace(tzinfo=None)
    # (the time as written in the export: its own time zone's date is the agent's day)
    return dt.datetime.fromisoformat(text).replace(tzinfo=None)


def parse_day(value: str, option: str) -> dt.date:
    """A ``--since``/``--until`` date (``2026-11-02`` or ``02.11.2026``)."""
    for form in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value.strip(), form).date()
        except ValueError:
            pass
    raise InputError(f"{option}: '{value}' — не дата (ожидается ГГГГ-ММ-ДД, например 2026-11-02)")


class FileReading:
    """One archive file, read record by record: iterating it yields its :class:`Record`\\ s
    and :class:`Skipped` rows in file order (each iteration reads the file afresh, except
    standard input, whose text is kept); ``rows`` counts the rows of the last iteration.

    Raises (while iterating):
        InputError: the file cannot be read, or a column asked for is not in it (naming
            the file and the columns it has).
    """

    def __init__(self, path: str, columns: Columns, config, encoding: str | None = None) -> None:
        self.path, self.columns, self.config, self.encoding = path, columns, config, encoding
        self.rows = 0
        self._builder: _Builder | None = None
        self._stdin_text: str | None = None
        self._plain: bool | None = None

    def __iter__(self):
        from replylint.formats import format_of

        file_format = format_of(self.path)
        options = self.config.formats.get(file_format)
        self._builder = builder = _Builder(self.path, self.columns, options)
        self.rows = 0
        try:
            if file_format in ("jsonl", "csv") and self._streamable():
                yield from self._streamed(builder, file_format)
                return
            text = self._text()
            if file_format == "jsonl":
                yield from _read_jsonl(builder, _lines(text))
                return
            if file_format == "csv":
                yield from _read_csv(builder, io.StringIO(text, newline=""), text)
                return
            if file_format in ("jsonfile", "yamlfile"):
                items = _record_list(text, self.path, file_format)
                if items is not None:
                    yield from _read_items(builder, items)
                    return
            yield from _read_by_format(builder, text, file_format)
        finally:
            self.rows = builder.rows

    def look(self) -> None:
        """Read just far enough to find what is wrong with the whole file (it cannot be
        read, a column is missing), so that the run fails before any reply is linted."""
        for _ in self:
            if self._builder.checked_columns:
                break

    def _streamed(self, builder: _Builder, file_format: str):
        from replylint.inputs import utf8_lines

        lines = utf8_lines(self.path)
        if file_format == "jsonl":
            yield from _read_jsonl(builder, _numbered(lines))
        else:
            first = next(lines, "")
            yield from _read_csv(builder, _universal(itertools.chain([first], lines)), first)

    def _streamable(self) -> bool:
        from replylint.inputs import STDIN, plain_utf8

        if self.path == STDIN or self.encoding or self.config.encoding:
            return False
        if self._plain is None:  # (once: a file changed since is refused by utf8_lines)
            self._plain = plain_utf8(self.path) is not False  # (None: a blank file, which holds no row)
        return self._plain

    def _text(self) -> str:
        from replylint.inputs import STDIN, decode, read_bytes

        if self._stdin_text is not None:
            return self._stdin_text
        text = decode(read_bytes(self.path), self.path, self.encoding or self.config.encoding).text
        if self.path == STDIN:
            self._stdin_text = text
        return text


def _text_column(keys: list[str], options) -> str | None:
    wanted = getattr(options, "column", None)
    if wanted:
        return wanted if wanted in keys else None
    return next((key for key in keys if str(key).lower() in TEXT_COLUMNS), None)


def _name_column(keys: list[str], options) -> str | None:
    wanted = getattr(options, "name_column", None)
    if wanted and wanted in keys:
        return wanted
    return next((key for key in keys if str(key).lower() in NAME_COLUMNS), None)


def _require(path: str, keys: list[str], columns: Columns, line: int) -> None:
    for option, name in (("--agent-column", columns.agent), ("--time-column", columns.time),
                         ("--client-column", columns.client)):
        if name is not None and name not in keys:
            raise InputError(f"{option}: нет столбца '{name}' (есть: {', '.join(map(str, keys))})", path, line)


class _Builder:
    """Turns one file's rows (mappings) into records or skipped rows, counting the rows."""

    def __init__(self, path: str, columns: Columns, options) -> None:
        self.path, self.columns, self.options = path, columns, options
        self.rows = 0
        self.checked_columns = False

    def add(self, row: int, values: dict) -> Record | Skipped | None:
        """The row's record, or why it is skipped; None for a row without a reply."""
        self.rows += 1
        keys = list(values)
        if not self.checked_columns:
            text_key = _text_column(keys, self.options)
            if text_key is None:
                raise InputError(f"нет столбца с текстом ответа (есть: {', '.join(map(str, keys))}; ожидается "
                                 f"один из {', '.join(TEXT_COLUMNS[:6])}… или formats.<формат>.column в настройках)",
                                 self.path, row)
            _require(self.path, keys, self.columns, row)
            self.checked_columns = True
        text = values.get(_text_column(keys, self.options))
        if not isinstance(text, str) or not text.strip():
            return None  # (as `check`: a row without a reply is no reply)
        try:
            time = parse_time(values.get(self.columns.time)) if self.columns.time else None
        except (ValueError, OverflowError, OSError):
            return self.skip(row, BAD_TIME, f"'{values.get(self.columns.time)}' в столбце {self.columns.time} "
                                            "(ожидается ГГГГ-ММ-ДД[ЧЧ:ММ], ДД.ММ.ГГГГ или секунды Unix)")
        title_key = _name_column(keys, self.options)
        title = values.get(title_key) if title_key else None
        title = str(title).strip() if isinstance(title, (str, int)) and not isinstance(title, bool) else ""
        name = f"{title} (строка {row})" if title else f"строка {row}"
        return Record(self.path, row, name, text, _cell(values, self.columns.agent), time,
                      _cell(values, self.columns.client))

    def bad_row(self, row: int, detail: str) -> Skipped:
        """A row that is counted but cannot be read."""
        self.rows += 1
        return self.skip(row, BAD_ROW, detail)

    def skip(self, row: int, reason: str, detail: str = "") -> Skipped:
        return Skipped(self.path, row, reason, detail)


def _cell(values: dict, key: str | None) -> str | None:
    if key is None:
        return None
    value = values.get(key)
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _read_jsonl(builder: _Builder, lines):
    """Records and skipped rows from (number, line) pairs."""
    for line, content in lines:
        if not content.strip():
            continue
        try:
            value = json.loads(content)
        except ValueError as error:
            yield builder.bad_row(line, f"не JSON ({json_problem(error.msg)}, столбец {error.colno})"
                                  if hasattr(error, "msg") else "не JSON")
            continue
        if isinstance(value, str):
            value = {"text": value}
        if not isinstance(value, dict):
            yield builder.bad_row(line, "ожидается объект JSON или строка")
            continue
        if (item := builder.add(line, value)) is not None:
            yield item


def _lines(text: str):
    """(number, line) of a text, one at a time (a list of every line would hold a second
    copy of the archive), split on "\n" only as the JSON Lines format does (U+2028 is no
    line break there)."""
    start = number = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        number += 1
        yield number, text[start:end]
        start = end + 1


def _numbered(lines):
    """(number, line without its "\n") of a file's lines, as :func:`_lines` gives them."""
    for number, line in enumerate(lines, 1):
        yield number, line[:-1] if line.endswith("\n") else line


def _universal(lines):
    """Lines split after "\n" → lines split after "\n", "\r" or "\r\n", as
    ``io.StringIO(text, newline="")`` gives them to the csv module."""
    for line in lines:
        if "\r" in line:
            yield from io.StringIO(line, newline="")
        else:
            yield line


def _read_csv(builder: _Builder, lines, first_line: str):
    """Records and skipped rows from the lines of a CSV file (each with its line break);
    ``first_line``: where the delimiter is guessed from when the config names none."""
    delimiter = getattr(builder.options, "delimiter", None) or _guess_delimiter(first_line, builder.path)
    reader = csv.reader(lines, delimiter=delimiter)
    header = None
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            yield builder.bad_row(start, str(error))
            start = reader.line_num + 1
            continue
        row, start = start, reader.line_num + 1
        if header is None:
            header = [name.strip().lstrip("\ufeff") for name in fields]
            continue
        if not any(value.strip() for value in fields):
            continue
        if len(fields) > len(header):
            yield builder.bad_row(row, f"полей {len(fields)}, а в заголовке {len(header)}")
            continue
        if (item := builder.add(row, dict(zip(header, fields)))) is not None:
            yield item
    if header is not None and not builder.checked_columns:
        _require(builder.path, header, builder.columns, 1)


def _guess_delimiter(text: str, path: str) -> str:
    from replylint.formats import csvfile

    return csvfile._guess_delimiter(text, path)  # (the same guess `check` makes)


def _record_list(text: str, path: str, file_format: str) -> list | None:
    """The list of objects a JSON or YAML export holds (itself, or its one list value)."""
    try:
        if file_format == "jsonfile":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception:  # noqa: BLE001 — the file's own format reports what is wrong with it
        return None
    if isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        data = lists[0] if len(lists) == 1 else None
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        return data
    return None


def _read_items(builder: _Builder, items: list):
    for index, item in enumerate(items, 1):
        if (record := builder.add(index, item)) is not None:
            yield record


def _read_by_format(builder: _Builder, text: str, file_format: str):
    from replylint.formats import parse

    path, columns = builder.path, builder.columns
    if columns.agent or columns.time or columns.client:
        raise InputError("столбцы (--agent-column, --time-column, --client-column) есть только в JSONL, CSV "
                         "и в JSON/YAML со списком объектов", path)
    builder.checked_columns = True
    for index, reply in enumerate(parse(text, path, file_format, builder.options).replies, 1):
        builder.rows += 1
        yield Record(path, index, reply.name or os.path.basename(path), reply.text)
