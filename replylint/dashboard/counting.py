"""A chunk of the archive counted where it is linted, and the running totals of the chunks.

Both engines run :func:`count_chunk` on their workers: it lints a chunk of records, groups
its replies and remarks with polars into the small tables :class:`~.summary.Tables`
holds, and keeps of the rest only what an output needs (the chunk's worst replies with
their texts, its remarks for findings.parquet). The caller adds the chunks to
:class:`Totals` in archive order; a reply belongs to one chunk only, so the chunks' counts
(of replies with a rule, too) add up to the archive's, whichever engine made them.
"""

from __future__ import annotations

import heapq
from collections import Counter
from typing import NamedTuple

from replylint.dashboard.lint import lint_in_worker
from replylint.dashboard.summary import WORST_SHOWN, Tables


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


class Counted(NamedTuple):
    """A chunk linted and counted.

    Attributes:
        tables: its grouped counts, first example sentences and worst replies.
        worst: its worst replies as (tenths, reply_id, the summary's entry with the text).
        findings: its remarks, a polars frame (``finding_schema``) for findings.parquet.
        failed: the replies the checking API refused, as (reply_id, why).
    """

    tables: Tables
    worst: list
    findings: object
    failed: list


def count_chunk(options, chunk) -> Counted:
    """The task both engines run: lint ``(reply_id, record)`` pairs and count them."""
    import polars as pl

    linted = lint_in_worker(options, chunk)
    replies = pl.DataFrame(linted.replies, schema=reply_schema())
    findings = pl.DataFrame(linted.findings, schema=finding_schema())
    tables = count(replies, findings)
    texts = dict(chunk)
    worst = []
    for entry, tenths in zip(tables.worst, replies.sort(["tenths", "reply_id"])["tenths"]):
        entry["text"] = texts[entry["reply_id"]].text
        worst.append((tenths, entry["reply_id"], entry))
    tables.worst = []
    return Counted(tables, worst, findings, linted.failed)


def count(replies, findings) -> Tables:
    """The grouped counts :func:`replylint.dashboard.summary.build` reads."""
    import polars as pl

    def rows(frame) -> list[tuple]:
        return [tuple(row) for row in frame.iter_rows()]

    worst_ids = replies.sort(["tenths", "reply_id"]).head(WORST_SHOWN)
    worst_remarks = (findings.filter(pl.col("reply_id").is_in(worst_ids["reply_id"].implode()))
                     .sort(["reply_id", "line", "column", "rule"], maintain_order=True))
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
    archive order (the order the frame's rows happen to be in is not read)."""
    import polars as pl

    order = ["reply_id", "line", "column", "rule"]
    # sorted without the long strings, which are fetched only for the rows chosen
    first = (findings.select("agent", "category", *order).with_row_index("at").sort(order, maintain_order=True)
             .group_by(["agent", "category"], maintain_order=True).agg(pl.col("at").first()))
    sentences = findings["sentence"].gather(first["at"])
    return list(zip(first["agent"], first["category"], sentences))


def worst_list(replies, remarks) -> list[dict]:
    """The worst replies with their remarks, as summary.json lists them (the text is added
    by :func:`count_chunk`, which has the records)."""
    by_reply: dict = {}
    for remark in remarks:
        by_reply.setdefault(remark["reply_id"], []).append(
            {"rule": remark["rule"], "severity": remark["severity"], "message": remark["message"],
             "text": remark["text"]})
    return [{"reply_id": reply["reply_id"], "file": reply["file"], "row": reply["row"], "name": reply["name"],
             "agent": reply["agent"], "time": reply["time"].isoformat(sep=" ") if reply["time"] else None,
             "score": reply["tenths"] / 10, "remarks": by_reply.get(reply["reply_id"], [])}
            for reply in replies]


class Totals:
    """The archive's tables, added up chunk by chunk in archive order: counts, the first
    example of each agent's category, the worst replies so far; nothing grows with the
    number of replies."""

    def __init__(self) -> None:
        self.replies: Counter = Counter()
        self.findings: Counter = Counter()
        self.rule_replies: Counter = Counter()
        self.category_replies: Counter = Counter()
        self.agent_category_replies: Counter = Counter()
        self.examples: dict = {}
        self.worst: list = []

    def add(self, counted: Counted) -> None:
        tables = counted.tables
        for total, rows in ((self.replies, tables.replies), (self.findings, tables.findings),
                            (self.rule_replies, tables.rule_replies), (self.category_replies, tables.category_replies),
                            (self.agent_category_replies, tables.agent_category_replies)):
            for *key, number in rows:
                total[tuple(key)] += number
        for agent, category, sentence in tables.examples:
            self.examples.setdefault((agent, category), sentence)  # (an earlier chunk's is earlier)
        self.worst = heapq.nsmallest(WORST_SHOWN, self.worst + counted.worst, key=lambda item: item[:2])

    def tables(self) -> Tables:
        def rows(counter: Counter) -> list[tuple]:
            return [(*key, number) for key, number in counter.items()]

        return Tables(replies=rows(self.replies), findings=rows(self.findings), rule_replies=rows(self.rule_replies),
                      category_replies=rows(self.category_replies),
                      agent_category_replies=rows(self.agent_category_replies),
                      examples=[(agent, category, sentence) for (agent, category), sentence in self.examples.items()],
                      worst=[entry for _, _, entry in self.worst])
