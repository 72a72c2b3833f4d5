"""`replylint report --engine dask`: the same summary.json as the local engine, byte for
byte, from a Dask cluster (a small LocalCluster here: two workers as threads of this
process, so the test loads the NLP models once)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from replylint.cli import main

pytest.importorskip("dask.distributed")


def _rows():
    from test_report import _bench_module

    rows = _bench_module().archive_rows(260, agents=4, seed=7, weeks=5)
    rows[3]["created_at"] = "когда-то"  # a skipped row must be skipped alike
    return rows


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as local:
        yield local


def test_dask_writes_the_same_summary_as_the_local_engine(tmp_path, cluster):
    import polars as pl

    archive = tmp_path / "sent.jsonl"
    archive.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in _rows()), encoding="utf-8")
    common = [str(archive), "--isolated", "--agent-column", "agent", "--time-column", "created_at"]
    local = CliRunner().invoke(main, ["report", *common, "--out", str(tmp_path / "local"), "--jobs", "1"],
                               catch_exceptions=False)
    on_dask = CliRunner().invoke(main, ["report", *common, "--out", str(tmp_path / "dask"), "--engine", "dask",
                                        "--scheduler", cluster.scheduler_address], catch_exceptions=False)
    assert local.exit_code == on_dask.exit_code == 0, on_dask.output
    assert local.output == on_dask.output.replace(str(tmp_path / "dask"), str(tmp_path / "local"))
    summary = (tmp_path / "local" / "summary.json").read_text(encoding="utf-8")
    assert (tmp_path / "dask" / "summary.json").read_text(encoding="utf-8") == summary
    data = json.loads(summary)
    assert data["replies"] == 259 and data["skipped"]["reasons"] == {"неверная дата": 1}
    assert len(data["by_agent"]) == 4 and data["diagnostics"] > 0
    columns = ["reply_id", "rule", "text", "line", "column"]
    local_findings = pl.read_parquet(tmp_path / "local" / "findings.parquet").select(columns).sort(columns)
    dask_findings = pl.read_parquet(tmp_path / "dask" / "findings.parquet").select(columns).sort(columns)
    assert dask_findings.equals(local_findings)


def test_scheduler_needs_the_dask_engine(tmp_path):
    result = CliRunner().invoke(main, ["report", "x.jsonl", "--out", str(tmp_path), "--scheduler", "tcp://h:8786"])
    assert result.exit_code == 2
    assert "--scheduler — адрес кластера Dask: он нужен только с --engine dask" in result.output
