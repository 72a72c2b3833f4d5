"""The QA lead's report over an archive of sent replies (``replylint report``): a score
per reply, counts by agent, week, category and rule, and one page to forward.

``run`` reads the archive (:mod:`.archive`) record by record and sends it in chunks to an
engine (:mod:`.local`: processes on this machine; :mod:`.distributed`: a Dask cluster),
whose workers lint each chunk through the checking API (:mod:`.lint`) and count it with
polars (:mod:`.counting`); the chunks' counts are added up as they come back, their
remarks written to ``findings.parquet`` (:mod:`.findings`), and at the end
``summary.json`` (:mod:`.summary`) and ``index.html`` (:mod:`.page`) are written. What is
held at any time is a few chunks and the counts, whatever the archive's size.
polars, pyarrow, matplotlib, jinja2 and dask are imported here only, never by ``check``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from dataclasses import dataclass, field

from replylint.dashboard.archive import TOO_LONG, Columns, Record, Skipped

ENGINES = ("local", "dask")
#: Skipped rows named one by one in the summary (the rest are counted).
SKIPPED_LISTED = 50


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What to report on and how.

    Attributes:
        paths: the archive files.
        out: the folder to write into (made when missing).
        options: how to check (:class:`replylint.api.CheckOptions`).
        columns: the agent, time and client columns.
        since, until: only replies of these days (inclusive; None: no bound).
        engine: ``local`` or ``dask``.
        scheduler: a Dask scheduler's address (None: a LocalCluster).
        jobs: worker processes (local engine and LocalCluster).
    """

    paths: tuple[str, ...]
    out: str
    options: object = None
    columns: Columns = field(default_factory=Columns)
    since: dt.date | None = None
    until: dt.date | None = None
    engine: str = "local"
    scheduler: str | None = None
    jobs: int = 2


@dataclass(slots=True)
class Report:
    """What a run made: the summary, and the rows that were skipped (the first
    ``SKIPPED_LISTED`` of them; ``skipped_rows`` counts them all)."""

    summary: dict
    skipped: list[Skipped]
    skipped_rows: int = 0


class SkippedRows:
    """The rows skipped, counted by reason, the first ``SKIPPED_LISTED`` kept to be named."""

    def __init__(self) -> None:
        self.listed: list[Skipped] = []
        self.reasons: Counter = Counter()

    def add(self, row: Skipped) -> None:
        self.reasons[row.reason] += 1
        if len(self.listed) < SKIPPED_LISTED:
            self.listed.append(row)

    @property
    def count(self) -> int:
        return sum(self.reasons.values())


class Source:
    """The archive's records to lint, read file by file as they are asked for, with the
    period filter applied; numbered in archive order (the ``reply_id``). While it is read
    it tallies what the summary says of the reading: rows, rows skipped and filtered out,
    the period, the replies without a time."""

    def __init__(self, request: ReportRequest) -> None:
        from replylint.dashboard import archive

        options = request.options
        self.request = request
        self.files = [archive.FileReading(path, request.columns, options.config, options.encoding)
                      for path in request.paths]
        self.rows = self.filtered_out = self.without_time = 0
        self.first: dt.datetime | None = None
        self.last: dt.datetime | None = None
        self.skipped = SkippedRows()

    def look(self) -> None:
        """What is wrong with any file as a whole, before any reply is linted."""
        for reading in self.files:
            reading.look()

    def count(self) -> int | None:
        """The replies to lint, by a reading that keeps nothing (None: standard input,
        which is read once)."""
        from replylint.inputs import STDIN

        if any(reading.path == STDIN for reading in self.files):
            return None
        return sum(1 for reading in self.files for item in reading
                   if isinstance(item, Record) and self._wanted(item))

    def __iter__(self):
        """(reply_id, record) of every reply to lint."""
        reply_id = 0
        for reading in self.files:
            for item in reading:
                if isinstance(item, Skipped):
                    self.skipped.add(item)
                elif not self._wanted(item):
                    self.filtered_out += 1
                else:
                    self._tally(item)
                    yield reply_id, item
                    reply_id += 1
            self.rows += reading.rows

    def _wanted(self, record: Record) -> bool:
        since, until = self.request.since, self.request.until
        if not (since or until):
            return True
        day = record.time.date() if record.time else None
        return not (day is None or (since and day < since) or (until and day > until))

    def _tally(self, record: Record) -> None:
        time = record.time
        if time is None:
            self.without_time += 1
            return
        self.first = time if self.first is None else min(self.first, time)
        self.last = time if self.last is None else max(self.last, time)


def run(request: ReportRequest, advance=None, started=None) -> Report:
    """Read, lint, count and write the report.

    Args:
        advance: called with the number of replies linted, as they are done.
        started: called with the number of replies to lint before any is linted (None:
            the archive is not counted first; the count costs one more reading of it).

    Raises:
        InputError: a file cannot be read or lacks a column asked for (before any reply is
            linted).
    """
    from replylint.dashboard.counting import Totals
    from replylint.dashboard.findings import FindingsFile
    from replylint.dashboard.local import chunked

    source = Source(request)
    source.look()
    if started:
        started(source.count())
    totals = Totals()
    failed = SkippedRows()

    def done(chunk, counted) -> None:
        totals.add(counted)
        findings.add(counted.findings)
        records = dict(chunk)
        for reply_id, why in counted.failed:
            failed.add(Skipped(records[reply_id].file, records[reply_id].row, TOO_LONG, why))
        if advance:
            advance(len(chunk))

    os.makedirs(request.out, exist_ok=True)
    with FindingsFile(os.path.join(request.out, "findings.parquet")) as findings:
        _lint(request, chunked(source), done)
    from replylint.dashboard.summary import build

    skipped = source.skipped.listed + failed.listed
    meta = _meta(request, source, skipped[:SKIPPED_LISTED], source.skipped.reasons + failed.reasons)
    summary = build(totals.tables(), meta)
    _write_json(os.path.join(request.out, "summary.json"), summary)
    from replylint.dashboard import page

    with open(os.path.join(request.out, "index.html"), "w", encoding="utf-8") as handle:
        handle.write(page.render(summary))
    return Report(summary, skipped[:SKIPPED_LISTED], source.skipped.count + failed.count)


def _lint(request: ReportRequest, chunks, done) -> None:
    if request.engine == "dask":
        from replylint.dashboard import distributed

        client, cluster = distributed.connect(request.scheduler, request.jobs)
        try:
            distributed.lint(chunks, request.options, client, done)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        from replylint.dashboard import local

        local.lint(chunks, request.options, request.jobs, done)


def _meta(request: ReportRequest, source: Source, listed: list[Skipped], reasons: Counter) -> dict:
    from replylint import __version__

    columns = request.columns
    return {
        "generated_by": f"replylint {__version__}",
        "files": list(request.paths),
        "columns": {"agent": columns.agent, "time": columns.time, "client": columns.client},
        "since": request.since.isoformat() if request.since else None,
        "until": request.until.isoformat() if request.until else None,
        "period": ({"first": source.first.date().isoformat(), "last": source.last.date().isoformat()}
                   if source.first else None),
        "rows": source.rows,
        "skipped": {"rows": sum(reasons.values()), "reasons": dict(sorted(reasons.items())),
                    "listed": [str(row) for row in listed]},
        "filtered_out": source.filtered_out,
        "replies_without_time": source.without_time if columns.time else None,
    }


def _write_json(path: str, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
