"""The command line as a user drives it: every command and every exit code."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from replylint.cli import main

from helpers import COFFEE_RULE

BAD = "Ваш тикет эскалирован на L2. Ответим в ближайшее время.\n"
GOOD = "Анна, здравствуйте! Мы вернём деньги на карту завтра до 18:00.\n"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)
    return invoke


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_check_prints_location_rule_message_context_and_rewrite(run, drafts):
    result = run("check", str(drafts / "bad.txt"))
    assert result.exit_code == 1
    assert f"{drafts / 'bad.txt'}:1:5" in result.output
    assert "jargon.glossary" in result.output
    assert "Ваш тикет эскалирован" in result.output
    assert "→ «Ваше обращение»" in result.output
    assert "Итого:" in result.output


def test_clean_draft_exits_0(run, drafts):
    result = run("check", str(drafts / "good.txt"))
    assert result.exit_code == 0, result.output
    assert "Замечаний нет" in result.output


def test_fail_on_level(run, drafts):
    assert run("check", str(drafts / "bad.txt"), "--fail-on", "error").exit_code == 0
    assert run("check", str(drafts / "bad.txt"), "--fail-on", "suggestion").exit_code == 1


def test_stdin(run):
    result = run("check", "-", "--format", "json", input=BAD)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["files"][0]["path"] == "<stdin>"


def test_json_contract(run, drafts):
    result = run("check", str(drafts / "bad.txt"), "--format", "json")
    data = json.loads(result.output)
    diagnostic = data["files"][0]["diagnostics"][0]
    assert set(diagnostic) >= {"rule", "category", "severity", "message", "line", "column", "end_line",
                               "end_column", "start", "end", "text", "suggestions"}
    assert BAD[diagnostic["start"]:diagnostic["end"]] == diagnostic["text"]
    assert data["summary"]["diagnostics"] == len(data["files"][0]["diagnostics"])


def test_directories_and_globs(run, drafts):
    result = run("check", str(drafts), "--format", "json")
    assert sorted(f["path"] for f in json.loads(result.output)["files"]) == sorted(
        [str(drafts / "bad.txt"), str(drafts / "good.txt")])
    result = run("check", str(drafts / "g*.txt"), "--format", "json")
    assert [f["path"] for f in json.loads(result.output)["files"]] == [str(drafts / "good.txt")]


def test_missing_file_is_exit_2_but_other_files_are_checked(run, drafts):
    result = run("check", str(drafts / "nope.txt"), str(drafts / "bad.txt"))
    assert result.exit_code == 2
    assert "nope.txt" in result.output and "jargon.glossary" in result.output


def test_select_and_ignore_by_id_and_category(run, drafts):
    path = str(drafts / "bad.txt")
    only_jargon = json.loads(run("check", path, "--select", "jargon", "--format", "json").output)
    assert {d["category"] for d in only_jargon["files"][0]["diagnostics"]} == {"jargon"}
    without = json.loads(run("check", path, "--ignore", "jargon.glossary,vague-promise",
                             "--format", "json").output)
    assert not {d["rule"] for d in without["files"][0]["diagnostics"]} & {"jargon.glossary"}
    assert not {d["category"] for d in without["files"][0]["diagnostics"]} & {"vague-promise"}


def test_unknown_rule_in_select_is_a_usage_error(run, drafts):
    result = run("check", str(drafts / "bad.txt"), "--select", "no.such-rule")
    assert result.exit_code == 2
    assert "unknown rule or category 'no.such-rule'" in result.output


OWN_RULE = COFFEE_RULE


def test_own_rule_folder(run, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "coffee.yaml").write_text(OWN_RULE, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("Сделать вам купаж?", encoding="utf-8")
    result = run("check", str(draft), "--rules", str(rules), "--select", "jargon.coffee")
    assert result.exit_code == 1
    assert "«купаж» → «мягкий кофе»" in result.output


def test_broken_rule_file_is_exit_2_with_file_and_line(run, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.yaml").write_text(OWN_RULE.replace("category: jargon", "category: coffee"), encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("текст", encoding="utf-8")
    result = run("check", str(draft), "--rules", str(rules))
    assert result.exit_code == 2
    assert f"{rules / 'broken.yaml'}:3: rule jargon.coffee: unknown category 'coffee'" in result.output
    assert "Traceback" not in result.output


def test_rules_table_and_json(run, monkeypatch):
    result = run("rules")  # (not a terminal: one rule a line, tab-separated)
    assert result.exit_code == 0
    lines = [line.split("\t") for line in result.output.splitlines()]
    assert lines and all(len(fields) == 4 for fields in lines)
    glossary = next(fields for fields in lines if fields[0] == "jargon.glossary")
    assert glossary[1:3] == ["jargon", "warning"] and "{replacement}" in glossary[3]
    assert [fields[0] for fields in lines] == [rule["id"] for rule in
                                               json.loads(run("rules", "--format", "json").output)["rules"]]
    monkeypatch.setattr("replylint.cli._is_terminal", lambda stream: True)
    table = run("rules", "--category", "jargon").output
    assert f"Правила replylint ({sum(fields[1] == 'jargon' for fields in lines)})" in table and "┃" in table
    data = json.loads(run("rules", "--format", "json").output)
    rule = next(r for r in data["rules"] if r["id"] == "jargon.glossary")
    assert {"id", "kind", "category", "severity", "message", "explanation", "source", "examples",
            "suggest"} <= set(rule)
    assert rule["examples"]["bad"]


def test_explain(run):
    result = run("explain", "negative-framing.we-wont")
    assert result.exit_code == 0
    for part in ("Почему:", "Источник:", "Плохо:", "Хорошо:"):
        assert part in result.output


def test_explain_unknown_rule(run):
    result = run("explain", "no.such")
    assert result.exit_code == 2 and "unknown rule 'no.such'" in result.output


def test_test_rules_passes_on_bundled_rules(run):
    result = run("test-rules")
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output


def test_test_rules_reports_a_failing_example(run, tmp_path):
    (tmp_path / "coffee.yaml").write_text(OWN_RULE.replace('good: ["Вам помягче?"]', 'good: ["Купаж?"]'),
                                          encoding="utf-8")
    result = run("test-rules", str(tmp_path))
    assert result.exit_code == 1
    assert "FAIL jargon.coffee:good:1" in result.output and "1 failed" in result.output


def test_usage_error_is_exit_2(run):
    assert run("check").exit_code == 2
    assert run("check", "x.txt", "--format", "xml").exit_code == 2


def test_installed_command_runs_as_a_subprocess(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(BAD, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "replylint.cli", "check", str(draft), "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["diagnostics"] >= 1


def test_the_python_api_runs_what_check_runs(lint):
    from replylint import lint_text

    text = "Ваш тикет эскалирован. Ответим в ближайшее время."
    assert [(d.rule, d.start) for d in lint_text(text)] == [(d.rule, d.start) for d in lint(text)]


def test_a_rewrite_reaching_past_the_flagged_word_says_what_it_replaces(run):
    result = run("check", "-", "--select", "jargon.glossary", input="Ваш тикет создан.\n")
    assert "«Ваш тикет создан» → «Ваше обращение создано»" in result.output


def test_check_collects_garbage_less_often_and_leaves_the_collector_as_it_was(run, tmp_path, monkeypatch):
    """While checking, young objects are collected every YOUNG_COLLECTION_THRESHOLD
    allocations and start-up's objects are frozen; an in-process caller gets the collector
    back as it was."""
    import gc

    from replylint.checking import YOUNG_COLLECTION_THRESHOLD, StartupCollector

    draft = tmp_path / "draft.txt"
    draft.write_text(BAD, encoding="utf-8")
    before = (gc.get_threshold(), gc.isenabled(), gc.get_freeze_count())
    assert before[0][0] != YOUNG_COLLECTION_THRESHOLD
    while_checking = []
    resume = StartupCollector.resume

    def watched_resume(self):
        resume(self)
        while_checking.append((gc.get_threshold()[0], gc.isenabled(), gc.get_freeze_count() > 0))

    monkeypatch.setattr(StartupCollector, "resume", watched_resume)
    assert run("check", str(draft)).exit_code == 1
    assert while_checking[0] == (YOUNG_COLLECTION_THRESHOLD, True, True)
    assert (gc.get_threshold(), gc.isenabled(), gc.get_freeze_count()) == before
