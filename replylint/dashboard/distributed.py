"""The Dask engine: the records linted on a Dask cluster (an existing one, by its
scheduler's address, or a LocalCluster on this machine) and counted there with
dask.dataframe; only the small grouped tables and the remarks come back.

Each worker makes its own :class:`~replylint.api.Session` from the same options (the
rules, the config and the NLP models load once per worker process), so every worker needs
replylint installed, with the same version and rule folders as the machine that asks.
"""

from __future__ import annotations

from replylint.dashboard.lint import FINDING_COLUMNS, REPLY_COLUMNS
from replylint.dashboard.local import (chunks_of, examples_of, finding_schema, lint_to_frames, reply_schema,
                                       worst_list)
from replylint.dashboard.summary import WORST_SHOWN, Tables


def _pandas_frames(chunk, options):
    """A task: lint a chunk on a worker; its replies and remarks as pandas frames (and the
    replies the API refused)."""
    linted = lint_to_frames(options, chunk)
    return linted.replies.to_pandas(), linted.findings.to_pandas(), linted.failed


def _item(part, index: int):
    return part[index]


def _empty(columns, schema):
    import polars as pl

    return pl.DataFrame({name: [] for name in columns}, schema=schema).to_pandas()


def connect(scheduler: str | None, jobs: int):
    """A client of the cluster at ``scheduler``, or of a new LocalCluster of ``jobs`` workers."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    import logging

    # (a worker that takes long to unload the NLP models is killed at the end, as it should
    # be: the QA lead need not read the cluster's log about it)
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def lint_and_count(records, options, client, advance=None):
    """Lint and count on the cluster: (tables, remarks as a polars frame, failed rows)."""
    import dask.dataframe as dd
    from dask.distributed import as_completed

    chunks = chunks_of(records)
    # the replies go to the workers as data, not inside the task graph (the scheduler
    # would hold every one of them); the linting starts at once, and the frames below read
    # its results without redoing it
    parts = client.map(_pandas_frames, client.scatter(chunks), options=options)
    if advance:
        sizes = {part.key: len(chunk) for part, chunk in zip(parts, chunks)}
        for part in as_completed(parts):
            advance(sizes[part.key])
    replies = dd.from_delayed(client.map(_item, parts, index=0), meta=_empty(REPLY_COLUMNS, reply_schema()),
                              verify_meta=False)
    findings = dd.from_delayed(client.map(_item, parts, index=1), meta=_empty(FINDING_COLUMNS, finding_schema()),
                               verify_meta=False)
    failed = client.gather(client.map(_item, parts, index=2))
    tables, remarks = _count(replies, findings, client)
    return tables, remarks, [row for part in failed for row in part]


def _count(replies, findings, client):
    import polars as pl

    replies = replies.assign(has_remarks=replies["remarks"] > 0)
    reply_groups = replies.groupby(["agent", "week", "tenths", "has_remarks", "blocked"], dropna=False).size()
    finding_groups = findings.groupby(["agent", "week", "rule", "category", "severity"], dropna=False).size()
    # (split_out=1: a tree reduction, not a shuffle: what is left is small)
    rule_replies = findings[["reply_id", "rule"]].drop_duplicates(split_out=1).groupby("rule").size()
    category_replies = findings[["reply_id", "category"]].drop_duplicates(split_out=1).groupby("category").size()
    agent_category = (findings[["agent", "reply_id", "category"]].drop_duplicates(split_out=1)
                      .groupby(["agent", "category"], dropna=False).size())
    lowest = replies["tenths"].nsmallest(WORST_SHOWN)
    computed = client.compute([reply_groups, finding_groups, rule_replies, category_replies, agent_category,
                               lowest, findings], sync=True)
    reply_groups, finding_groups, rule_replies, category_replies, agent_category, lowest, remarks = computed
    remarks = pl.from_pandas(remarks).cast(finding_schema())
    # every reply as bad as the tenth worst, so that ties go to the earliest, as locally
    cut = int(lowest.max()) if len(lowest) else -1
    worst = (pl.from_pandas(replies[replies["tenths"] <= cut].compute()).cast(reply_schema())
             .sort(["tenths", "reply_id"]))
    worst = worst.head(WORST_SHOWN)
    worst_remarks = (remarks.filter(pl.col("reply_id").is_in(worst["reply_id"].implode()))
                     .sort(["reply_id", "line", "column", "rule"]))
    tables = Tables(
        replies=_rows(reply_groups), findings=_rows(finding_groups), rule_replies=_rows(rule_replies),
        category_replies=_rows(category_replies), agent_category_replies=_rows(agent_category),
        examples=examples_of(remarks),
        worst=worst_list(worst.iter_rows(named=True), worst_remarks.iter_rows(named=True)))
    return tables, remarks


def _rows(series) -> list[tuple]:
    """A grouped count (pandas Series with a MultiIndex) → (key…, count) tuples, with
    pandas' missing values as None and its numbers as Python's."""
    result = []
    for key, count in series.items():
        key = key if isinstance(key, tuple) else (key,)
        result.append(tuple(_plain(value) for value in key) + (int(count),))
    return result


def _plain(value):
    import pandas as pd

    if value is None or (not isinstance(value, (str, bool)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
