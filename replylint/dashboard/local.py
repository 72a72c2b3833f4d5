"""The local engine: the records linted in worker processes on this machine, the results
counted with polars."""

from __future__ import annotations

import os
from typing import NamedTuple

from replylint.dashboard.lint import lint_in_worker
from replylint.dashboard.summary import WORST_SHOWN, Tables

#: Records per task: big enough that sending them costs little, small enough to keep both
#: cores busy to the end and the progress bar moving.
CHUNK_RECORDS = 250
#: Fewer records than this are linted in this process (a worker loads spaCy, ~2 s).
PARALLEL_MIN_RECORDS = 400


def chunks_of(records, size: int = CHUNK_RECORDS) -> list[list]:
    """(reply_id, record) pairs in chunks of ``size``; reply_id is the archive order."""
    indexed = list(enumerate(records))
    return [indexed[start:start + size] for start in range(0, len(indexed), size)]


class Linted(NamedTuple):
    """A chunk linted: its replies and remarks as polars frames (compact to send back and
    to keep: a remark's strings as one UTF-8 buffer, not Python objects), and the replies
    the checking API refused, as (reply_id, why)."""

    replies: object
    findings: object
    failed: list


def lint_to_frames(options, chunk) -> Linted:
    """A task: lint a chunk (in a worker, or in this process) into frames."""
    import polars as pl

    linted = lint_in_worker(options, chunk)
    return Linted(pl.DataFrame(linted.replies, schema=reply_schema()),
                  pl.DataFrame(linted.findings, schema=finding_schema()), linted.failed)


def lint(records, options, jobs: int, advance=None) -> list[Linted]:
    """Lint every record; ``advance(n)`` is told of each n replies done."""
    chunks = chunks_of(records)
    jobs = max(1, min(jobs, os.cpu_count() or 1))
    if jobs == 1 or len(records) < PARALLEL_MIN_RECORDS:
        done = []
        for chunk in chunks:
            done.append(lint_to_frames(options, chunk))
            if advance:
                advance(len(chunk))
        return done
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # spawn, not fork: a forked child of a process that already runs threads may deadlock
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(lint_to_frames, options, chunk): index for index, chunk in enumerate(chunks)}
        done = [None] * len(chunks)
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            if advance:
                advance(len(chunks[futures[future]]))
    return done


def frames(linted: list[Linted]):
    """The replies and the remarks of every chunk, each as one polars frame."""
    import polars as pl

    if not linted:
        return pl.DataFrame(schema=reply_schema()), pl.DataFrame(schema=finding_schema())
    # (no rechunk: a copy of every remark's strings would double the peak memory)
    return pl.concat([part.replies for part in linted]), pl.concat([part.findings for part in linted])


def reply_schema():
    import polars as pl

    return {"reply_id": pl.Int64, "file": pl.String, "row": pl.Int64, "name": pl.String, "agent": pl.String,
            "time": pl.Datetime("us"), "week": pl.String, "score": pl.Float64, "tenths": pl.Int64,
            "words": pl.Int64, "points": pl.Float64, "blocked": pl.Boolean, "remarks": pl.Int64}


def finding_schema():
    import polars as pl

    return {"reply_id": pl.Int64, "file": pl.String, "row": pl.Int64, "name": pl.String, "agent": pl.String,
            "time": pl.Datetime("us"), "week": pl.String, "rule": pl.String, "category": pl.String,
            "severity": pl.String, "text": pl.String, "message": pl.String, "sentence": pl.String,
            "line": pl.Int64, "column": pl.Int64}


def tables(replies, findings) -> Tables:
    """The grouped counts :func:`replylint.dashboard.summary.build` reads."""
    import polars as pl

    def rows(frame) -> list[tuple]:
        return [tuple(row) for row in frame.iter_rows()]

    worst_ids = replies.sort(["tenths", "reply_id"]).head(WORST_SHOWN)
    worst_remarks = (findings.filter(pl.col("reply_id").is_in(worst_ids["reply_id"].implode()))
                     .sort(["reply_id", "line", "column", "rule"]))
    return Tables(
        replies=rows(replies.group_by(["agent", "week", "tenths", pl.col("remarks") > 0, "blocked"]).len()),
        findings=rows(findings.group_by(["agent", "week", "rule", "category", "severity"]).len()),
        rule_replies=rows(findings.select("reply_id", "rule").unique().group_by("rule").len()),
        category_replies=rows(findings.select("reply_id", "category").unique().group_by("category").len()),
        agent_category_replies=rows(findings.select("agent", "reply_id", "category").unique()
                                    .group_by(["agent", "category"]).len()),
        examples=examples_of(findings),
        worst=worst_list(worst_ids.iter_rows(named=True), worst_remarks.iter_rows(named=True)),
    )


def examples_of(findings) -> list[tuple]:
    """(agent, category, sentence) of each agent's first remark of each category, in
    archive order (both engines: the order the frame's rows happen to be in is not read)."""
    import polars as pl

    order = ["reply_id", "line", "column", "rule"]
    # sorted without the long strings, which are fetched only for the rows chosen
    first = (findings.select("agent", "category", *order).with_row_index("at").sort(order)
             .group_by(["agent", "category"], maintain_order=True).agg(pl.col("at").first()))
    sentences = findings["sentence"].gather(first["at"])
    return list(zip(first["agent"], first["category"], sentences))


def worst_list(replies, remarks) -> list[dict]:
    """The worst replies with their remarks, as summary.json lists them (both engines)."""
    by_reply: dict = {}
    for remark in remarks:
        by_reply.setdefault(remark["reply_id"], []).append(
            {"rule": remark["rule"], "severity": remark["severity"], "message": remark["message"],
             "text": remark["text"]})
    return [{"reply_id": reply["reply_id"], "file": reply["file"], "row": reply["row"], "name": reply["name"],
             "agent": reply["agent"], "time": reply["time"].isoformat(sep=" ") if reply["time"] else None,
             "score": reply["tenths"] / 10, "remarks": by_reply.get(reply["reply_id"], [])}
            for reply in replies]
