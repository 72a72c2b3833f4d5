"""The QA lead's report over an archive of sent replies (``replylint report``): a score
per reply, counts by agent, week, category and rule, and one page to forward.

``run`` reads the archive (:mod:`.archive`), lints every reply through the checking API
(:mod:`.lint`) with an engine (:mod:`.local`: processes on this machine and polars;
:mod:`.distributed`: a Dask cluster), reduces the results to grouped counts, and writes
``summary.json`` (:mod:`.summary`), ``findings.parquet`` and ``index.html`` (:mod:`.page`).
polars, matplotlib, jinja2 and dask are imported here only, never by ``check``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field

from replylint.dashboard.archive import Archive, Columns, Skipped

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
    """What a run made: the summary, and the rows that were skipped."""

    summary: dict
    skipped: list[Skipped]


def read_archive(request: ReportRequest) -> Archive:
    """Every file's records, the period filter applied."""
    from replylint.dashboard import archive

    config = request.options.config
    whole = Archive()
    for path in request.paths:
        part = archive.read(path, request.columns, config, request.options.encoding)
        whole.rows += part.rows
        whole.skipped += part.skipped
        for record in part.records:
            day = record.time.date() if record.time else None
            if (request.since or request.until) and (
                    day is None or (request.since and day < request.since) or (request.until and day > request.until)):
                whole.filtered_out += 1
            else:
                whole.records.append(record)
    return whole


def run(request: ReportRequest, advance=None, started=None) -> Report:
    """Read, lint, count and write the report.

    Args:
        advance: called with the number of replies linted, as they are done.
        started: called with the number of replies to lint, once they are read.

    Raises:
        InputError: a file cannot be read or lacks a column asked for.
    """
    whole = read_archive(request)
    if started:
        started(len(whole.records))
    if request.engine == "dask":
        from replylint.dashboard import distributed

        client, cluster = distributed.connect(request.scheduler, request.jobs)
        try:
            tables, remarks, failed = distributed.lint_and_count(whole.records, request.options, client, advance)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        from replylint.dashboard import local

        chunks = local.lint(whole.records, request.options, request.jobs, advance)
        failed = [row for chunk in chunks for row in chunk.failed]
        replies, remarks = local.frames(chunks)
        del chunks
        tables = local.tables(replies, remarks)
    from replylint.dashboard.archive import TOO_LONG
    from replylint.dashboard.summary import build

    skipped = whole.skipped + [Skipped(whole.records[reply_id].file, whole.records[reply_id].row, TOO_LONG, why)
                               for reply_id, why in sorted(failed)]
    for worst in tables.worst:
        worst["text"] = whole.records[worst["reply_id"]].text
    summary = build(tables, _meta(request, whole, skipped))
    os.makedirs(request.out, exist_ok=True)
    _write_json(os.path.join(request.out, "summary.json"), summary)
    remarks.write_parquet(os.path.join(request.out, "findings.parquet"))
    from replylint.dashboard import page

    with open(os.path.join(request.out, "index.html"), "w", encoding="utf-8") as handle:
        handle.write(page.render(summary))
    return Report(summary, skipped)


def _meta(request: ReportRequest, whole: Archive, skipped: list[Skipped]) -> dict:
    from replylint import __version__

    reasons: dict = {}
    for row in skipped:
        reasons[row.reason] = reasons.get(row.reason, 0) + 1
    times = [record.time for record in whole.records if record.time is not None]
    columns = request.columns
    return {
        "generated_by": f"replylint {__version__}",
        "files": list(request.paths),
        "columns": {"agent": columns.agent, "time": columns.time, "client": columns.client},
        "since": request.since.isoformat() if request.since else None,
        "until": request.until.isoformat() if request.until else None,
        "period": {"first": min(times).date().isoformat(), "last": max(times).date().isoformat()} if times else None,
        "rows": whole.rows,
        "skipped": {"rows": len(skipped), "reasons": dict(sorted(reasons.items())),
                    "listed": [str(row) for row in skipped[:SKIPPED_LISTED]]},
        "filtered_out": whole.filtered_out,
        "replies_without_time": (sum(1 for record in whole.records if record.time is None)
                                 if columns.time else None),
    }


def _write_json(path: str, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
