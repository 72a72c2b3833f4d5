"""A baseline lets a team adopt replylint on an existing repository: CI fails only on new
findings, and unrelated edits (lines moved, files reordered) do not wake old ones."""

from __future__ import annotations

import json

from helpers import run_cli as run

BASELINE = ".replylint-baseline.json"


def findings(result) -> list[tuple[str, str, str]]:
    data = json.loads(result.stdout)
    return [(f["path"], d["rule"], d["text"]) for f in data["files"] for d in f["diagnostics"]]


def test_write_then_check_against_the_baseline_reports_nothing(repo):
    before = run("check", ".", "--format", "json")
    total = json.loads(before.stdout)["summary"]["diagnostics"]
    written = run("check", ".", "--write-baseline", BASELINE)
    assert written.exit_code == 0 and written.stdout == ""
    assert f"{BASELINE}: в базовой линии " in written.stderr
    data = json.loads((repo / BASELINE).read_text(encoding="utf-8"))
    assert sum(finding["count"] for finding in data["findings"]) == total
    assert set(data["findings"][0]) == {"path", "rule", "text", "context", "count"}  # no line numbers
    result = run("check", ".", "--baseline", BASELINE)
    assert result.exit_code == 0
    assert "Замечаний нет (проверено: 6 файлов)." in result.stdout
    assert result.stderr.startswith(f"replylint: базовая линия скрыла {total} ")


def test_lines_moved_by_unrelated_edits_stay_accepted(repo):
    run("check", ".", "--write-baseline", BASELINE)
    delivery = repo / "replies" / "delivery.txt"
    delivery.write_text("Здравствуйте!\n\n" + delivery.read_text(encoding="utf-8"), encoding="utf-8")
    macros = repo / "replies" / "macros.yaml"
    macros.write_text("# новые шаблоны будут ниже\n\n" + macros.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", ".", "--baseline", BASELINE, "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert findings(result) == []


def test_a_new_finding_is_reported_and_an_identical_copy_counts_as_new(repo):
    run("check", ".", "--write-baseline", BASELINE)
    delivery = repo / "replies" / "delivery.txt"
    old = delivery.read_text(encoding="utf-8")
    before = findings(run("check", "replies/delivery.txt", "--format", "json", "--select", "vague-promise"))
    assert before  # the file already has an accepted vague promise
    delivery.write_text(old + "\nОтветим в ближайшее время.\n", encoding="utf-8")
    result = run("check", ".", "--baseline", BASELINE, "--format", "json")
    assert result.exit_code == 1
    assert findings(result) == [("replies/delivery.txt", "vague-promise.no-time", "в ближайшее время")]
    delivery.write_text(old + "\n" + old, encoding="utf-8")  # every accepted finding twice
    doubled = findings(run("check", "replies/delivery.txt", "--format", "json"))
    again = findings(run("check", "replies/delivery.txt", "--baseline", BASELINE, "--format", "json"))
    assert sorted(again) == sorted(set(doubled)) and len(doubled) == 2 * len(again)


def test_paths_are_relative_to_the_baseline_not_to_where_check_runs(repo, monkeypatch):
    run("check", ".", "--write-baseline", BASELINE)
    monkeypatch.chdir(repo / "replies")
    result = run("check", "delivery.txt", "macros.yaml", "--baseline", f"../{BASELINE}", "--format", "json")
    assert result.exit_code == 0 and findings(result) == []


def test_findings_fixed_since_are_counted_so_the_baseline_gets_refreshed(repo):
    run("check", ".", "--write-baseline", BASELINE)
    (repo / "replies" / "delivery.txt").write_text("Здравствуйте! Привезём завтра до 18:00.\n", encoding="utf-8")
    result = run("check", ".", "--baseline", BASELINE)
    assert result.exit_code == 0
    assert "из неё больше нет (обновите её: --write-baseline)" in result.stderr


def test_a_missing_or_foreign_baseline_is_an_error(repo):
    result = run("check", ".", "--baseline", "nosuch.json")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("replylint: nosuch.json: нет такого файла базовой линии "
                             "(создайте его: check --write-baseline ФАЙЛ)\n")
    (repo / "other.json").write_text('{"findings": []}', encoding="utf-8")
    result = run("check", ".", "--baseline", "other.json")
    assert result.exit_code == 2 and "не базовая линия replylint версии 1" in result.stderr
    (repo / "broken.json").write_text('{"findings": [\n  {"path": "a.txt",}\n]}', encoding="utf-8")
    result = run("check", ".", "--baseline", "broken.json")
    assert result.exit_code == 2
    assert result.stderr == ("replylint: broken.json:2:20: базовая линия — не JSON "
                             "(ожидается ключ в двойных кавычках (лишняя запятая?))\n")
    (repo / "latin1.json").write_bytes(b'{"findings": ["\xe9"]}')
    result = run("check", ".", "--baseline", "latin1.json")
    assert result.exit_code == 2 and result.stderr == "replylint: latin1.json: базовая линия — не UTF-8 (байт 15)\n"


def test_write_baseline_does_not_combine_with_fix(repo):
    result = run("check", ".", "--write-baseline", BASELINE, "--fix")
    assert result.exit_code == 2
    assert "--write-baseline не сочетается с --fix и --diff" in result.stderr
    assert not (repo / BASELINE).exists()
