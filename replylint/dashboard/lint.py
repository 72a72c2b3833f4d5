"""Linting a chunk of the archive's records with a :class:`~replylint.api.Session`: the
one place both engines (local processes, a Dask cluster) call the checking API.

A chunk comes back as plain columns (lists), cheap to pickle and to turn into a polars
or pandas frame: one row per reply (``REPLY_COLUMNS``) and one per remark
(``FINDING_COLUMNS``).
"""

from __future__ import annotations

import functools
import inspect
import threading

from replylint.errors import InputError

#: One row per reply linted.
REPLY_COLUMNS = ("reply_id", "file", "row", "name", "agent", "time", "week", "score", "tenths", "words",
                 "points", "blocked", "remarks")
#: One row per remark (findings.parquet).
FINDING_COLUMNS = ("reply_id", "file", "row", "name", "agent", "time", "week", "rule", "category", "severity",
                   "text", "message", "sentence", "line", "column")


def check_reply(session, text: str, client: str | None):
    """Check one reply, with the client's message it answers when the archive has one.

    The one call the report makes to the checking API: ``Session.check_text`` takes the
    client's message as ``client=`` where the API has that keyword (replies then read in
    the context of what the client asked), and without it elsewhere.
    """
    if client is not None and _takes_client(type(session)):
        return session.check_text(text, format="text", client=client)
    return session.check_text(text, format="text")


@functools.cache
def _takes_client(session_class) -> bool:
    return "client" in inspect.signature(session_class.check_text).parameters


class Chunk:
    """The linted rows of a chunk of records, as columns, and the rows that failed."""

    __slots__ = ("replies", "findings", "failed")

    def __init__(self) -> None:
        self.replies = {name: [] for name in REPLY_COLUMNS}
        self.findings = {name: [] for name in FINDING_COLUMNS}
        self.failed: list[tuple[int, str]] = []  # (reply_id, why)


def lint_chunk(session, indexed_records) -> Chunk:
    """Lint ``(reply_id, record)`` pairs; a reply the API refuses (too long) is a failed row."""
    chunk = Chunk()
    replies, findings = chunk.replies, chunk.findings
    for reply_id, record in indexed_records:
        try:
            result = check_reply(session, record.text, record.client)
        except InputError as error:
            chunk.failed.append((reply_id, error.message))
            continue
        score = result.scores[0]
        week = record.week
        for column, value in zip(REPLY_COLUMNS, (reply_id, record.file, record.row, record.name, record.agent,
                                                 record.time, week, score.score, round(score.score * 10),
                                                 score.words, score.points, bool(score.blockers),
                                                 len(result.diagnostics))):
            replies[column].append(value)
        for diagnostic in result.diagnostics:
            values = (reply_id, record.file, record.row, record.name, record.agent, record.time, week,
                      diagnostic.rule, diagnostic.category, diagnostic.severity.label, diagnostic.text,
                      diagnostic.message, " ".join(diagnostic.context.split()), diagnostic.line, diagnostic.column)
            for column, value in zip(FINDING_COLUMNS, values):
                findings[column].append(value)
    return chunk


_SESSIONS: dict = {}
_LOCK = threading.Lock()


def session_for(options):
    """This process's Session for these options (made once; a worker keeps it for every chunk)."""
    from replylint.api import Session

    key = repr(options)
    with _LOCK:
        if key not in _SESSIONS:
            _SESSIONS[key] = Session(options)
        return _SESSIONS[key]


def lint_in_worker(options, indexed_records) -> Chunk:
    """A worker's task: its Session, then the chunk (threads of one worker process take
    turns: the NLP pipeline's caches are not shared safely between threads)."""
    session = session_for(options)
    with _LOCK:
        return lint_chunk(session, indexed_records)
