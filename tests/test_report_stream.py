"""`replylint report` holds a few chunks, not the archive: the files are read record by
record (line by line when they are UTF-8 JSON Lines or CSV, with the records a whole
reading gives), the chunks go out a bounded number at a time and come back in order, and
a file's mistakes stop the run before anything is linted or written."""

from __future__ import annotations

import json
import random
import tracemalloc
from pathlib import Path

from click.testing import CliRunner

from replylint.cli import main
from replylint.config import Config
from replylint.dashboard import ReportRequest, Source
from replylint.dashboard.archive import Columns, FileReading
from replylint.dashboard.local import chunked, in_order

COLUMNS = Columns(agent="agent", time="at")


def _items(path: Path, encoding: str | None = None) -> list:
    reading = FileReading(str(path), COLUMNS, Config(), encoding)
    return [item.__class__(*(getattr(item, name) if name != "file" else "·" for name in item.__slots__))
            for item in reading] + [reading.rows]


def test_a_csv_read_line_by_line_gives_what_a_whole_reading_gives(tmp_path):
    # CRLF, a lone CR, quoted fields over several lines, a broken row, a bad date, a BOM
    text = ("\ufeffid,agent,at,text\r\n"
            "1,Анна,2026-11-02,\"Здравствуйте!\r\nДеньги вернутся завтра.\"\r\n"
            "2,Анна,вчера,Ваш тикет эскалирован.\r"
            "3,Борис,2026-11-03,\"Ответим \"\"скоро\"\".\nСпасибо!\"\n"
            "4,Борис,2026-11-03,лишнее,поле,тут\n"
            "\n"
            "5,Вера,03.11.2026 12:30,\"Здравствуйте!\n\nМы уже проверяем.\"")
    streamed = tmp_path / "utf8.csv"
    streamed.write_bytes(text.encode("utf-8"))
    whole = tmp_path / "cp1251.csv"  # another encoding: decoded whole, then read
    whole.write_bytes(text[1:].encode("cp1251"))
    items = _items(streamed)
    assert items == _items(whole)
    assert [item.row for item in items[:-1]] == [2, 4, 5, 7, 9]
    assert [type(item).__name__ for item in items[:-1]] == ["Record", "Skipped", "Record", "Skipped", "Record"]
    assert items[0].text == "Здравствуйте!\r\nДеньги вернутся завтра." and items[-1] == 5


def test_a_jsonl_read_line_by_line_gives_what_a_whole_reading_gives(tmp_path):
    rows = ['{"agent": "Анна", "at": "2026-11-02", "text": "Здравствуйте!\\nДеньги вернутся завтра."}',
            "", '{"agent": "Анна", "at": "2026-11-02", "text": "Ваш тикет\u2028эскалирован."}\r',
            '{"agent": broken', "[1, 2]", '"Просто строка без столбцов"']
    text = "\n".join(rows)
    streamed = tmp_path / "utf8.jsonl"
    streamed.write_text(text, encoding="utf-8")
    whole = tmp_path / "whole.jsonl"  # an explicit encoding: decoded whole
    whole.write_text(text, encoding="utf-8")
    items = _items(streamed)
    assert items == _items(whole, encoding="utf-8")
    assert [(type(item).__name__, item.row) for item in items[:-1]] == [
        ("Record", 1), ("Record", 3), ("Skipped", 4), ("Skipped", 5), ("Record", 6)]


def test_the_archive_is_not_held_while_it_is_read(tmp_path):
    """A 22 MB archive read and cut into chunks (no linting) holds a few chunks at a time:
    the file is not read whole, the records are not kept."""
    path = tmp_path / "sent.jsonl"
    reply = "Здравствуйте! " + "Мы проверили ваш заказ и вернём деньги в течение трёх дней. " * 20
    with path.open("w", encoding="utf-8") as handle:
        for number in range(10_000):
            handle.write(json.dumps({"agent": f"Агент {number % 7}", "at": "2026-11-02", "text": reply},
                                    ensure_ascii=False) + "\n")
    assert path.stat().st_size > 22_000_000
    source = Source(ReportRequest((str(path),), str(tmp_path / "out"), _Options(), COLUMNS))
    tracemalloc.start()
    try:
        chunks = sum(1 for _ in chunked(source))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert chunks == 40 and source.rows == 10_000 and source.first is not None
    # the UTF-8 check reads 1 MB blocks (6 MB at its peak); read whole, the file's bytes
    # and its text would take over 45 MB
    assert peak < 12_000_000, peak


class _Options:
    config = Config()
    encoding = None


class _Future:
    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value


def test_chunks_go_out_a_window_at_a_time_and_come_back_in_order():
    rng = random.Random(3)
    out: set = set()
    handed: list = []
    most = 0

    def submit(chunk):
        nonlocal most
        out.add(chunk)
        most = max(most, len(out))
        return _Future(chunk * 10)

    def first_done(futures):  # any of them, in any order
        return rng.sample(futures, rng.randint(1, len(futures)))

    def done(chunk, result):
        assert result == chunk * 10
        out.discard(chunk)
        handed.append(chunk)

    in_order(iter(range(200)), submit, first_done, 6, done)
    assert handed == list(range(200))
    assert most == 6


def test_a_later_file_without_a_column_stops_the_run_before_any_linting(tmp_path):
    first = tmp_path / "first.jsonl"
    first.write_text("".join(json.dumps({"agent": "Анна", "text": f"Ваш тикет №{number} эскалирован."},
                                        ensure_ascii=False) + "\n" for number in range(300)), encoding="utf-8")
    second = tmp_path / "second.jsonl"
    second.write_text(json.dumps({"operator": "Борис", "text": "Здравствуйте!"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", str(first), str(second), "--isolated", "--out", str(out),
                                       "--agent-column", "agent", "--jobs", "1"])
    assert result.exit_code == 2
    assert result.output == (f"replylint: {second}:1: --agent-column: нет столбца 'agent' "
                             "(есть: operator, text)\n")
    assert not out.exists()


def test_more_skipped_rows_than_are_named_are_all_counted(tmp_path):
    path = tmp_path / "sent.jsonl"
    lines = [json.dumps({"at": "2026-11-02", "text": "Здравствуйте!"}, ensure_ascii=False)] * 3
    lines += ['{"at": "2026-11-02", "text": '] * 60 + [json.dumps({"at": "когда-то", "text": "Да."})] * 5
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", str(path), "--isolated", "--out", str(out),
                                       "--time-column", "at", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "replylint: и ещё 45 (все причины — в summary.json)\n" in result.output
    assert "пропущено строк: 65;" in result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["skipped"]["rows"] == 65 and len(summary["skipped"]["listed"]) == 50
    assert summary["skipped"]["reasons"] == {"неверная дата": 5, "строка не читается": 60}
    assert (summary["rows"], summary["replies"]) == (68, 3)
