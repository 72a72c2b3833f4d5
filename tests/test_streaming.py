"""`check` writes every report as results come (each reporter's ``Stream``): the bytes are
exactly what rendering the whole result writes (:func:`replylint.report.render`), over many
files, large archives read reply by reply, unreadable files in between, worker processes,
a spool spilled to disk, and a baseline filtering as it goes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import run_cli as run
from replylint import report

DRAFTS = ["Здраствуйте! Ваш тикет эскалирован на бэкенд, ждите апдейт.",
          "Добрый день. К сожалению, мы не можем вернуть деньги, это не наша проблема.",
          "Ваш заказ готов. Заберите его в пункте выдачи до пятницы."]
CLEAN = "Ваш заказ готов. Заберите его в пункте выдачи до пятницы."

#: In the order given: single drafts, archives (JSON Lines and CSV: read reply by reply),
#: a broken archive and an undecodable file in between, an unused suppression (SARIF
#: describes its rule only when it is met), an archive without one finding.
FILES = ("a.txt", "archive.jsonl", "bad.jsonl", "b.txt", "broken.txt", "notes.md", "archive.csv", "clean.jsonl")


def _write(root: Path) -> None:
    (root / "a.txt").write_text(DRAFTS[0] + "\n", encoding="utf-8")
    (root / "b.txt").write_text(CLEAN + "\n", encoding="utf-8")
    with (root / "archive.jsonl").open("w", encoding="utf-8") as stream:
        for number in range(60):
            stream.write(json.dumps({"id": f"r{number}", "text": DRAFTS[number % 3]}, ensure_ascii=False) + "\n")
    (root / "bad.jsonl").write_text('{"text": "Ваш тикет закрыт."}\n{"text": "x"\n', encoding="utf-8")
    (root / "broken.txt").write_bytes(b"\x81\x98\xff\xfe")
    (root / "notes.md").write_text("<!-- replylint-disable-next-line law-citing -->\n" + DRAFTS[0] + "\n",
                                   encoding="utf-8")
    rows = "".join(f'{number},"{DRAFTS[(number + 1) % 3]}"\n' for number in range(30))
    (root / "archive.csv").write_text("id,text\n" + rows, encoding="utf-8")
    with (root / "clean.jsonl").open("w", encoding="utf-8") as stream:
        for number in range(5):
            stream.write(json.dumps({"id": number, "text": CLEAN}, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The files, every file's whole result (read whole, as `check --fix` reads them) and
    each format's rendering of them, made in the folder (SARIF's URIs are relative to it)."""
    from replylint import checking
    from replylint.api import CheckOptions, Session
    from replylint.report.text import visible

    root = tmp_path_factory.mktemp("streamed")
    _write(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        session = Session(CheckOptions())  # (what `check --isolated` runs)
        outcomes = session.check_paths(list(FILES), jobs=1)
        # the archives do come reply by reply to the reporters
        assert sum(outcome.partial for outcome in checking.stream_paths(session, list(FILES), jobs=1)) == 95
        options = report.ReportOptions(tuple(session.running_rules), True, None)
        results = [outcome.result for outcome in outcomes]
        whole = {name: report.render(results, name, options) for name in report.names()}
    errors = "".join(f"replylint: {visible(outcome.error)}\n" for outcome in outcomes if outcome.error)
    return root, results, options, whole, errors


@pytest.mark.parametrize("jobs, spilled", [(1, False), (1, True), (2, False)], ids=["jobs1", "spilled", "jobs2"])
@pytest.mark.parametrize("format_name", report.names())
def test_each_report_written_as_results_come_is_the_whole_rendering(folder, monkeypatch, format_name, jobs,
                                                                     spilled):
    root, results, _, whole, errors = folder
    monkeypatch.chdir(root)
    made = []
    if spilled:  # the spools spill into temporary files, the output goes out in small pieces
        monkeypatch.setattr(report, "SPOOL_CHARS", 300)
        monkeypatch.setattr(report.Buffered, "LIMIT", 40)
        temporary = tempfile.TemporaryFile
        monkeypatch.setattr(tempfile, "TemporaryFile", lambda *args, **kwargs: made.append(1) or temporary(*args,
                                                                                                          **kwargs))
    result = run("check", *FILES, "--isolated", "--format", format_name, "--jobs", str(jobs))
    assert result.exit_code == 2  # (the unreadable files)
    assert result.stderr == errors and errors.count("\n") == 2
    assert result.stdout == whole[format_name]
    if spilled and format_name in ("json", "sarif"):
        assert made  # (json: the replies of an archive; sarif: the results)


def test_the_json_report_carries_each_replys_score_and_both_errors(folder):
    _, _, _, whole, _ = folder
    document = json.loads(whole["json"])
    by_path = {entry["path"]: entry for entry in document["files"]}
    assert [entry["path"] for entry in document["files"]] == list(FILES)
    assert len(by_path["archive.jsonl"]["replies"]) == 60 and len(by_path["archive.csv"]["replies"]) == 30
    assert by_path["archive.jsonl"]["diagnostics"] and by_path["clean.jsonl"]["diagnostics"] == []
    assert "error" in by_path["bad.jsonl"] and "error" in by_path["broken.txt"]
    assert document["summary"]["replies"] == 1 + 60 + 1 + 1 + 30 + 5
    assert "suppression.unused" in whole["sarif"]


@pytest.mark.parametrize("format_name", report.names())
def test_exit_codes_of_a_clean_and_a_failing_run_are_kept(folder, monkeypatch, format_name):
    root, results, options, _, _ = folder
    monkeypatch.chdir(root)
    chosen = ("b.txt", "clean.jsonl")
    clean = run("check", *chosen, "--isolated", "--format", format_name)
    assert clean.exit_code == 0 and clean.stderr == ""
    assert clean.stdout == report.render([r for r in results if r.path in chosen], format_name, options)
    failing = run("check", "archive.jsonl", "b.txt", "--isolated", "--format", format_name)
    assert failing.exit_code == 1
    expected = [r for r in results if r.path in ("archive.jsonl", "b.txt")]  # (in the order of FILES)
    assert failing.stdout == report.render(expected, format_name, options)


@pytest.mark.parametrize("format_name", report.names())
def test_a_baseline_filters_the_results_as_they_come_as_it_filters_them_whole(folder, monkeypatch, tmp_path,
                                                                              format_name):
    """A baseline accepting part of an archive's findings and one finding no longer found:
    the same findings hidden, the same report and counts, as filtering the whole result."""
    from replylint import baseline
    from replylint.diagnostics import FileResult
    from replylint.report.text import plural

    root, results, options, _, errors = folder
    monkeypatch.chdir(root)
    archive = next(r for r in results if r.path == "archive.jsonl")
    first = next(r for r in results if r.path == "a.txt")
    accepted = [FileResult("archive.jsonl", archive.diagnostics[:len(archive.diagnostics) // 2]),
                FileResult("gone.txt", first.diagnostics[:1])]
    baseline.write(str(root / "baseline.json"), accepted)
    filtered, hidden, gone = baseline.load(str(root / "baseline.json")).filter(results)
    assert hidden == len(archive.diagnostics) // 2 > 10 and gone == 1
    result = run("check", *FILES, "--isolated", "--format", format_name, "--baseline", "baseline.json")
    assert result.exit_code == 2
    assert result.stdout == report.render(filtered, format_name, options)
    hidden_text = plural(hidden, ("замечание", "замечания", "замечаний"))
    assert result.stderr == errors + (f"replylint: базовая линия скрыла {hidden_text}; 1 замечания из неё больше "
                                      "нет (обновите её: --write-baseline)\n")


def test_a_baseline_that_accepts_every_finding_makes_a_clean_run(folder, monkeypatch):
    root, results, options, _, _ = folder
    monkeypatch.chdir(root)
    chosen = ("a.txt", "archive.jsonl", "archive.csv")
    written = run("check", *chosen, "--isolated", "--write-baseline", "all.json")
    assert written.exit_code == 0
    result = run("check", *chosen, "--isolated", "--format", "json", "--baseline", "all.json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["summary"]["diagnostics"] == 0 and document["summary"]["replies"] == 91
    from replylint import baseline

    filtered, hidden, _ = baseline.load("all.json").filter([r for r in results if r.path in chosen])
    assert hidden > 40
    assert result.stdout == report.render(filtered, "json", options)


@pytest.mark.parametrize("format_name", ["json", "github"])
def test_a_file_is_written_out_when_it_ends_not_when_the_run_does(folder, format_name):
    _, results, options, whole, _ = folder
    written: list[str] = []
    stream = report.stream(format_name, options, written.append)
    stream.add(results[0])
    assert written and "a.txt" in "".join(written)
    for result in results[1:]:
        stream.add(result)
    stream.close()
    assert "".join(written) == whole[format_name]


@pytest.mark.parametrize("format_name", report.names())
def test_a_run_that_checks_nothing_writes_no_report(tmp_path, monkeypatch, format_name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(DRAFTS[0], encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("exclude: ['drafts/**']\n", encoding="utf-8")
    result = run("check", "drafts/a.txt", "--format", format_name)
    assert result.exit_code == 0
    assert result.stdout == "" and "проверять нечего" in result.stderr


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)


@given(value=_JSON_VALUES, level=st.integers(min_value=0, max_value=5))
@settings(max_examples=300, deadline=None)
def test_a_piece_is_laid_out_as_json_dumps_lays_it_out_at_its_depth(value, level):
    """The pieces of a streamed document are encoded without json.dumps (which leaves a
    reference cycle per call): the same bytes, NaN, control characters and all."""
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    assert report.dumped(value, level) == expected
    assert report.dumped({1: value}, level) == json.dumps({1: value}, ensure_ascii=False,
                                                          indent=2).replace("\n", "\n" + "  " * level)
