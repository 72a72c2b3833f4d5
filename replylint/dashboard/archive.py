"""Reading an archive of sent replies into records: the reply's text and the columns a QA
lead groups by (agent, time, client), row by row.

JSON Lines and CSV/TSV are read record by record, so a broken row is reported and skipped
while the rest is counted; a JSON or YAML file holding a list of objects (or an object
with one such list) is read the same way. Any other file a ``check`` reads (plain text,
Markdown, a YAML mapping of templates) is read by its format, one record per reply, with
no columns. The text column is found as ``check`` finds it (``formats.<format>.column``
in the config, else the first of the usual names), so the report reads the same replies.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from dataclasses import dataclass, field

from replylint.errors import InputError
from replylint.formats.csvfile import NAME_COLUMNS, TEXT_COLUMNS


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


@dataclass(slots=True)
class Archive:
    """What was read: the records, the rows skipped, and how many rows there were."""

    records: list[Record] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    rows: int = 0
    filtered_out: int = 0


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


def read(path: str, columns: Columns, config, encoding: str | None = None) -> Archive:
    """Read one archive file.

    Raises:
        InputError: the file cannot be read, or a column asked for is not in it (naming
            the file and the columns it has).
    """
    from replylint.formats import format_of
    from replylint.inputs import decode, read_bytes

    file_format = format_of(path)
    text = decode(read_bytes(path), path, encoding or config.encoding).text
    options = config.formats.get(file_format)
    if file_format == "jsonl":
        return _read_jsonl(path, text, columns, options)
    if file_format == "csv":
        return _read_csv(path, text, columns, options)
    if file_format in ("jsonfile", "yamlfile"):
        items = _record_list(text, path, file_format)
        if items is not None:
            return _read_items(path, items, columns, options)
    return _read_by_format(path, text, file_format, columns, options)


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
    """Turns one file's rows (mappings) into records, keeping the skipped ones."""

    def __init__(self, path: str, columns: Columns, options) -> None:
        self.path, self.columns, self.options = path, columns, options
        self.archive = Archive()
        self.checked_columns = False

    def add(self, row: int, values: dict) -> None:
        self.archive.rows += 1
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
            return  # (as `check`: a row without a reply is no reply)
        try:
            time = parse_time(values.get(self.columns.time)) if self.columns.time else None
        except (ValueError, OverflowError, OSError):
            self.skip(row, BAD_TIME, f"'{values.get(self.columns.time)}' в столбце {self.columns.time} "
                                     "(ожидается ГГГГ-ММ-ДД[ЧЧ:ММ], ДД.ММ.ГГГГ или секунды Unix)")
            return
        title_key = _name_column(keys, self.options)
        title = values.get(title_key) if title_key else None
        title = str(title).strip() if isinstance(title, (str, int)) and not isinstance(title, bool) else ""
        name = f"{title} (строка {row})" if title else f"строка {row}"
        self.archive.records.append(Record(self.path, row, name, text, _cell(values, self.columns.agent), time,
                                           _cell(values, self.columns.client)))

    def skip(self, row: int, reason: str, detail: str = "") -> None:
        self.archive.skipped.append(Skipped(self.path, row, reason, detail))


def _cell(values: dict, key: str | None) -> str | None:
    if key is None:
        return None
    value = values.get(key)
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _read_jsonl(path: str, text: str, columns: Columns, options) -> Archive:
    builder = _Builder(path, columns, options)
    for line, content in _lines(text):
        if not content.strip():
            continue
        try:
            value = json.loads(content)
        except ValueError as error:
            builder.archive.rows += 1
            builder.skip(line, BAD_ROW, f"не JSON ({error.msg}, столбец {error.colno})"
                         if hasattr(error, "msg") else "не JSON")
            continue
        if isinstance(value, str):
            value = {"text": value}
        if not isinstance(value, dict):
            builder.archive.rows += 1
            builder.skip(line, BAD_ROW, "ожидается объект JSON или строка")
            continue
        builder.add(line, value)
    return builder.archive


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


def _read_csv(path: str, text: str, columns: Columns, options) -> Archive:
    delimiter = getattr(options, "delimiter", None) or _guess_delimiter(text, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    builder = _Builder(path, columns, options)
    header = None
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            builder.archive.rows += 1
            builder.skip(start, BAD_ROW, str(error))
            start = reader.line_num + 1
            continue
        row, start = start, reader.line_num + 1
        if header is None:
            header = [name.strip().lstrip("\ufeff") for name in fields]
            continue
        if not any(value.strip() for value in fields):
            continue
        if len(fields) > len(header):
            builder.archive.rows += 1
            builder.skip(row, BAD_ROW, f"полей {len(fields)}, а в заголовке {len(header)}")
            continue
        builder.add(row, dict(zip(header, fields)))
    if header is not None and not builder.checked_columns:
        _require(path, header, columns, 1)
    return builder.archive


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


def _read_items(path: str, items: list, columns: Columns, options) -> Archive:
    builder = _Builder(path, columns, options)
    for index, item in enumerate(items, 1):
        builder.add(index, item)
    return builder.archive


def _read_by_format(path: str, text: str, file_format: str, columns: Columns, options) -> Archive:
    from replylint.formats import parse

    if columns.agent or columns.time or columns.client:
        raise InputError("столбцы (--agent-column, --time-column, --client-column) есть только в JSONL, CSV "
                         "и в JSON/YAML со списком объектов", path)
    archive = Archive()
    for index, reply in enumerate(parse(text, path, file_format, options).replies, 1):
        archive.rows += 1
        archive.records.append(Record(path, index, reply.name or os.path.basename(path), reply.text))
    return archive
