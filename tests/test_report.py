"""`replylint report`: a QA lead's summary of an archive, whose counts agree exactly with
what `check --format json` says of the same file, and which names every row it could not
read."""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import json
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _bench_module():
    """bench/report.py: the archive generator the benchmark uses (drafts from bench/corpus.py)."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("report_bench", ROOT / "bench" / "report.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "bench"))


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def _rounded_mean_of(reported: float, scores) -> bool:
    """Is ``reported`` the mean of ``scores`` to two decimals? The report sums whole tenths
    exactly, a float mean of the same scores may fall on the other side of a half
    (5.595 → 5.6 there, 5.59 from ``fmean``): either rounding of the true mean agrees."""
    return abs(reported - statistics.fmean(scores)) <= 0.005 + 1e-9


def iso_week(text: str) -> str:
    year, week, _ = dt.datetime.fromisoformat(text).isocalendar()
    return f"{year}-W{week:02d}"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """1,500 replies by 7 agents over twelve weeks, with a few rows that hold no reply."""
    rows = _bench_module().archive_rows(1500, agents=7, seed=21)
    rows[10]["text"] = "   "   # a row without a reply: neither `check` nor the report counts it
    rows[11]["text"] = ""
    return write_jsonl(tmp_path_factory.mktemp("archive") / "sent.jsonl", rows), rows


@pytest.fixture(scope="module")
def checked(archive):
    path, _ = archive
    result = run("check", str(path), "--isolated", "--format", "json")
    return json.loads(result.output)["files"][0]


@pytest.fixture(scope="module")
def reported(archive, tmp_path_factory):
    path, _ = archive
    out = tmp_path_factory.mktemp("report")
    result = run("report", str(path), "--isolated", "--out", str(out), "--agent-column", "agent",
                 "--time-column", "created_at", "--client-column", "client", "--jobs", "2")  # (worker processes)
    assert result.exit_code == 0, result.output
    return out, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def _line(reply_name: str) -> int:
    return int(reply_name.rsplit("строка ", 1)[1].rstrip(")"))


def test_every_count_agrees_with_check(archive, checked, reported):
    _, rows = archive
    _, summary = reported
    scores = {reply["reply"]: reply["score"] for reply in checked["replies"]}
    diagnostics = checked["diagnostics"]
    assert summary["rows"] == 1500 and summary["skipped"]["rows"] == 0
    assert summary["replies"] == len(scores) == 1498
    assert summary["replies_with_remarks"] == len({d["reply"] for d in diagnostics})
    assert summary["diagnostics"] == len(diagnostics)
    severities = Counter(d["severity"] for d in diagnostics)
    assert (summary["errors"], summary["warnings"], summary["suggestions"]) == (
        severities["error"], severities["warning"], severities["suggestion"])
    assert {name: values["diagnostics"] for name, values in summary["by_category"].items()} == Counter(
        d["category"] for d in diagnostics)
    assert {name: values["diagnostics"] for name, values in summary["by_rule"].items()} == Counter(
        d["rule"] for d in diagnostics)
    rule_replies = Counter(rule for rule, _ in {(d["rule"], d["reply"]) for d in diagnostics})
    assert {name: values["replies"] for name, values in summary["by_rule"].items()} == rule_replies
    for name, values in summary["by_rule"].items():
        assert values == {**values, **{severity: sum(1 for d in diagnostics if d["rule"] == name
                                                     and d["severity"] == severity)
                                       for severity in ("error", "warning", "suggestion")}}
        assert values["share"] == round(rule_replies[name] / len(scores), 4)
    assert _rounded_mean_of(summary["score"]["mean"], scores.values())
    assert summary["score"]["median"] == round(statistics.median(scores.values()), 2)
    assert sum(summary["score"]["distribution"].values()) == len(scores)
    assert summary["score"]["distribution"]["10"] == sum(1 for score in scores.values() if score == 10)
    assert summary["score"]["below_5"] == sum(1 for score in scores.values() if score < 5)


def test_every_agent_and_week_agrees_with_check(archive, checked, reported):
    _, rows = archive
    _, summary = reported
    row_of = {index + 1: row for index, row in enumerate(rows)}
    scores = {_line(reply["reply"]): reply["score"] for reply in checked["replies"]}
    by_agent: dict = {}
    by_week: dict = {}
    for line, score in scores.items():
        by_agent.setdefault(row_of[line]["agent"], []).append(score)
        by_week.setdefault(iso_week(row_of[line]["created_at"]), []).append(score)
    agent_remarks = Counter(row_of[_line(d["reply"])]["agent"] for d in checked["diagnostics"])
    week_remarks = Counter(iso_week(row_of[_line(d["reply"])]["created_at"]) for d in checked["diagnostics"])
    assert len(summary["by_agent"]) == 7 and set(summary["by_agent"]) == set(by_agent)
    for agent, values in summary["by_agent"].items():
        assert values["replies"] == len(by_agent[agent])
        assert values["diagnostics"] == agent_remarks[agent]
        assert _rounded_mean_of(values["score"]["mean"], by_agent[agent])
        assert values["by_category"] == Counter(d["category"] for d in checked["diagnostics"]
                                                if row_of[_line(d["reply"])]["agent"] == agent)
        assert sum(week["replies"] for week in values["by_week"].values()) == len(by_agent[agent])
        top = [entry["category"] for entry in values["top_categories"]]
        assert top == list(values["by_category"])[:3]
        assert all(entry["example"] for entry in values["top_categories"])
    assert list(summary["by_week"]) == sorted(by_week)
    for week, values in summary["by_week"].items():
        assert values["replies"] == len(by_week[week])
        assert values["diagnostics"] == week_remarks[week]
        assert _rounded_mean_of(values["score"], by_week[week])


def test_findings_parquet_has_one_row_per_remark(checked, reported):
    import polars as pl

    out, summary = reported
    findings = pl.read_parquet(out / "findings.parquet")
    assert findings.height == len(checked["diagnostics"])
    assert {"reply_id", "row", "agent", "time", "rule", "category", "severity", "text", "message"} <= set(
        findings.columns)
    assert sorted(zip(findings["row"], findings["rule"], findings["text"])) == sorted(
        (_line(d["reply"]), d["rule"], d["text"]) for d in checked["diagnostics"])


def test_the_page_shows_the_headline_figures_and_the_worst_replies(reported):
    out, summary = reported
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and "Качество ответов поддержки" in page
    assert f'<div class="value" id="replies">{summary["replies"]:,}</div>'.replace(",", "\u202f") in page
    mean = f'{summary["score"]["mean"]:.1f}'.replace(".", ",")
    assert f'id="mean-score">{mean}</div>' in page
    assert page.count("<svg") >= 2 + 7  # two plots and a sparkline per agent
    assert "<link" not in page and "<script" not in page  # self-contained: nothing to fetch
    assert not re.search(r"""(src|href)=["']?(https?:)?//|url\((https?:)?//""", page)
    worst = summary["worst_replies"][0]
    assert worst["score"] == min(reply["score"] for reply in summary["worst_replies"])
    assert html.escape(worst["name"]) in page


def test_a_missing_column_names_the_file_and_its_columns(tmp_path):
    path = write_jsonl(tmp_path / "sent.jsonl", [{"id": 1, "agent": "Анна", "text": "Здравствуйте!"}])
    result = CliRunner().invoke(main, ["report", str(path), "--isolated", "--out", str(tmp_path / "out"),
                                       "--agent-column", "operator"])
    assert result.exit_code == 2
    assert result.output == (f"replylint: {path}:1: --agent-column: нет столбца 'operator' "
                             "(есть: id, agent, text)\n")
    assert not (tmp_path / "out").exists()


def test_bad_rows_are_named_skipped_and_counted(tmp_path):
    path = tmp_path / "sent.jsonl"
    path.write_text(
        '{"agent": "Анна", "at": "2026-11-02T10:00", "text": "Ваш тикет эскалирован."}\n'
        '{"agent": "Анна", "at": "вчера", "text": "Здравствуйте! Деньги вернутся завтра."}\n'
        '{"agent": "Борис", "at": "2026-11-03", "text": "Здравствуйте!"\n'
        '{"agent": "Борис", "at": "03.11.2026 12:30", "text": "Здравствуйте! Деньги вернутся завтра."}\n',
        encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", str(path), "--isolated", "--out", str(out), "--agent-column", "agent",
                                       "--time-column", "at"])
    assert result.exit_code == 0
    assert (f"replylint: {path}:2: неверная дата: 'вчера' в столбце at (ожидается ГГГГ-ММ-ДД[ЧЧ:ММ], ДД.ММ.ГГГГ "
            "или секунды Unix)\n") in result.output
    assert (f"replylint: {path}:3: строка не читается: не JSON (не хватает запятой между элементами, "
            "столбец 63)\n") in result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["rows"], summary["replies"]) == (4, 2)
    assert summary["skipped"]["rows"] == 2
    assert summary["skipped"]["reasons"] == {"неверная дата": 1, "строка не читается": 1}
    assert summary["by_agent"]["Анна"]["replies"] == 1 and summary["by_agent"]["Борис"]["replies"] == 1
    assert list(summary["by_week"]) == ["2026-W45"]
    assert "Пропущено строк архива: 2" in (out / "index.html").read_text(encoding="utf-8")


def test_csv_archives_and_the_period(tmp_path):
    path = tmp_path / "sent.csv"
    path.write_text("id;operator;sent;body\n"
                    "1;Анна;2026-10-01;\"Ваш тикет эскалирован.\"\n"
                    "2;Анна;2026-10-15;\"Здравствуйте!\nДеньги вернутся завтра.\"\n"
                    "3;Борис;2026-11-20;\"Ответим в ближайшее время.\"\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("report", str(path), "--isolated", "--out", str(out), "--agent-column", "operator",
                 "--time-column", "sent", "--since", "2026-10-10", "--until", "2026-11-20")
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["rows"], summary["filtered_out"], summary["replies"]) == (3, 1, 2)
    assert summary["period"] == {"first": "2026-10-15", "last": "2026-11-20"}
    # rows are the lines records start on, as `check` names them (row 3 spans lines 3–4)
    assert sorted(reply["name"] for reply in summary["worst_replies"]) == ["2 (строка 3)", "3 (строка 5)"]
    checked = json.loads(run("check", str(path), "--isolated", "--format", "json").output)["files"][0]
    kept = [d for d in checked["diagnostics"] if d["reply"] in ("2 (строка 3)", "3 (строка 5)")]
    assert summary["diagnostics"] == len(kept) > 0
    assert {name: values["diagnostics"] for name, values in summary["by_rule"].items()} == Counter(
        d["rule"] for d in kept)


def test_a_bad_date_option_is_a_usage_error(tmp_path):
    path = write_jsonl(tmp_path / "sent.jsonl", [{"text": "Здравствуйте!"}])
    result = CliRunner().invoke(main, ["report", str(path), "--isolated", "--out", str(tmp_path / "o"),
                                       "--since", "позавчера"])
    assert result.exit_code == 2
    assert result.output == "replylint: --since: 'позавчера' — не дата (ожидается ГГГГ-ММ-ДД, например 2026-11-02)\n"


def test_no_progress_bar_outside_a_terminal(archive, tmp_path):
    path, _ = archive
    small = write_jsonl(tmp_path / "small.jsonl", [{"text": "Ваш тикет эскалирован."}])
    result = CliRunner().invoke(main, ["report", str(small), "--isolated", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\r" not in result.output
    assert result.output.startswith("replylint: 1 ответ; средняя оценка")


def _stderr_on_a_terminal(*args, cwd) -> str:
    """Run the command line with standard error on a pseudo-terminal; what it drew there."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    environment.pop("NO_COLOR", None)
    process = subprocess.Popen([sys.executable, "-m", "replylint.cli", *args], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=follower, env=environment)
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    process.communicate(timeout=300)
    os.close(leader)
    return drawn.decode("utf-8", "replace")


def test_a_progress_bar_on_a_terminal(tmp_path):
    archive = write_jsonl(tmp_path / "sent.jsonl", [{"text": f"Ваш тикет №{number} эскалирован."}
                                                    for number in range(30)])
    drawn = _stderr_on_a_terminal("report", str(archive), "--isolated", "--out", str(tmp_path / "o"), "--jobs", "1",
                                  cwd=tmp_path)
    assert "Проверка ответов" in drawn and "30/30" in drawn
    for number in range(25):
        (tmp_path / f"reply-{number:02d}.txt").write_text("Ваш тикет эскалирован.\n", encoding="utf-8")
    drawn = _stderr_on_a_terminal("check", *sorted(str(path) for path in tmp_path.glob("reply-*.txt")),
                                  "--isolated", "--jobs", "1", cwd=tmp_path)
    assert "Проверка файлов" in drawn and "25/25" in drawn


REPORT_LIBRARIES = ("polars", "matplotlib", "jinja2", "dask", "distributed", "pandas", "pyarrow")


@pytest.mark.parametrize("args", [["report", "--help"], ["--help"]], ids=["report-help", "help"])
def test_help_imports_no_report_library(args):
    from test_startup import imported_modules

    assert not {module for module in imported_modules(*args) if module.split(".")[0] in REPORT_LIBRARIES}


def test_check_on_one_draft_imports_no_report_library(tmp_path):
    from test_startup import imported_modules

    draft = tmp_path / "draft.txt"
    draft.write_text("Ваш тикет эскалирован.\n", encoding="utf-8")
    modules = imported_modules("check", str(draft), "--isolated", "--format", "json", "--fail-on", "error")
    assert "spacy" in modules  # (the probe works)
    # (jinja2 is spaCy's own import, by spacy.cli, whether or not the report is installed)
    ours = {module for module in modules if module.split(".")[0] in REPORT_LIBRARIES}
    assert not {module for module in ours if not module.startswith("jinja2")}


def test_a_reply_too_long_to_be_one_is_skipped_and_named(tmp_path):
    path = write_jsonl(tmp_path / "sent.jsonl", [{"text": "Ваш тикет эскалирован."}, {"text": "Да. " * 60_000}])
    result = CliRunner().invoke(main, ["report", str(path), "--isolated", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert f"replylint: {path}:2: слишком длинный ответ: ответ длиной 240 000 символов слишком длинный" in result.output
    summary = json.loads((tmp_path / "o" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["rows"], summary["replies"], summary["skipped"]["reasons"]) == (2, 1, {"слишком длинный ответ": 1})
