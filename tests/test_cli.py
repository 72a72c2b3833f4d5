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


def test_lines_quoting_the_client_are_not_linted(run):
    quoted = "> Где мой тикет? По закону вы обязаны ответить!\n\n"
    result = run("check", "-", "--format", "json", input=quoted + GOOD)
    assert result.exit_code == 0
    assert json.loads(result.output)["files"][0]["diagnostics"] == []
    result = run("check", "-", "--format", "json", input=quoted + BAD)
    starts = [d["start"] for d in json.loads(result.output)["files"][0]["diagnostics"]]
    assert starts and min(starts) >= len(quoted)


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
    assert "--select: неизвестное правило или категория 'no.such-rule'" in result.output


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
    assert f"{rules / 'broken.yaml'}:3: правило jargon.coffee: неизвестная категория 'coffee'" in result.output
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
    assert result.exit_code == 2 and "неизвестное правило или категория «no.such»" in result.output


def test_test_rules_passes_on_bundled_rules(run):
    result = run("test-rules")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("не прошли 0\n")


def test_test_rules_reports_a_failing_example(run, tmp_path):
    (tmp_path / "coffee.yaml").write_text(OWN_RULE.replace('good: ["Вам помягче?"]', 'good: ["Купаж?"]'),
                                          encoding="utf-8")
    result = run("test-rules", str(tmp_path))
    assert result.exit_code == 1
    assert "СБОЙ jargon.coffee:good:1" in result.output and result.output.endswith("не прошли 1\n")
    assert "1 правило, 2 примера: прошли 1, не прошли 1" in result.output


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


def test_a_missing_file_is_only_an_error(run, tmp_path):
    result = run("check", str(tmp_path / "nosuch.txt"))
    assert result.exit_code == 2
    assert result.stderr == f"replylint: {tmp_path / 'nosuch.txt'}: нет такого файла или папки\n"
    assert result.stdout == ""  # no «Замечаний нет»: nothing was checked


def test_a_folder_with_no_file_of_a_known_format_is_an_error(run, tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "script.py").write_text("print('тикет')\n", encoding="utf-8")
    result = run("check", str(tmp_path), "--isolated")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"replylint: {tmp_path}: в папке нет файлов известного формата (.txt, .text, .md")
    assert "проверять нечего" in result.stderr and result.stdout == ""


def test_a_folder_whose_files_the_config_excludes_is_an_error(run, tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("exclude: ['drafts/**']\n", encoding="utf-8")
    result = run("check", str(tmp_path / "drafts"))
    assert result.exit_code == 2
    assert result.stderr == (f"replylint: {tmp_path / 'drafts'}: все файлы папки исключены настройками "
                             "include/exclude\n")


def test_named_files_the_config_excludes_are_not_an_error(run, tmp_path):
    """pre-commit names every changed file; those the team excludes are skipped quietly."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("exclude: ['drafts/**']\n", encoding="utf-8")
    result = run("check", str(tmp_path / "drafts" / "a.txt"))
    assert result.exit_code == 0
    assert result.stdout == "" and "проверять нечего" in result.stderr


def test_a_summary_counts_only_the_files_that_were_read(run, drafts):
    result = run("check", str(drafts / "good.txt"), str(drafts / "nope.txt"))
    assert result.exit_code == 2
    assert "Замечаний нет (проверено: 1 файл; не прочитано: 1)." in result.stdout


def test_test_rules_reports_an_id_that_clashes_with_a_bundled_rule(run, tmp_path):
    """`check --rules DIR` would refuse such a rule, so `test-rules DIR` must too."""
    folder = tmp_path / "team-rules"
    folder.mkdir()
    (folder / "glossary.yaml").write_text(OWN_RULE.replace("id: jargon.coffee", "id: jargon.glossary"),
                                          encoding="utf-8")
    result = run("test-rules", str(folder))
    assert result.exit_code == 2
    assert f"{folder / 'glossary.yaml'}:1: правило jargon.glossary: id 'jargon.glossary' уже занят правилом " \
           "jargon.glossary (" in result.stderr
    (folder / "glossary.yaml").write_text(OWN_RULE, encoding="utf-8")
    result = run("test-rules", str(folder), "-v")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "1 правило, 2 примера: прошли 2, не прошли 0"  # only the folder's


def test_test_rules_on_a_folder_of_bundled_rules_loads_them_once(run):
    from replylint.loader import bundled_rules_dir

    result = run("test-rules", str(bundled_rules_dir() / "law-citing"))
    assert result.exit_code == 0, result.output
    assert "не прошли 0" in result.output


def test_rules_of_an_unknown_category_is_an_error_with_the_closest_name(run):
    result = run("rules", "--category", "jargn")
    assert result.exit_code == 2
    assert result.stderr.startswith("replylint: --category: неизвестная категория 'jargn' — может быть, 'jargon'?")


@pytest.mark.parametrize("command", [[], ["check"], ["init"], ["rules"], ["test-rules"]])
def test_help_is_russian(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Использование: ")
    assert "Параметры:" in result.output and "Показать эту справку и выйти." in result.output
    assert "Options" not in result.output and "Usage" not in result.output


def test_check_help_lists_every_format_and_reporter_of_the_registries(run):
    from replylint import formats, report

    result = run("check", "--help")
    assert f"[{'|'.join(report.names())}]" in result.output
    assert f"[{'|'.join(formats.names())}]" in result.output


def test_every_message_click_shows_a_user_has_russian_words():
    """Click's own messages, read from its source: each one a user of replylint can meet
    (not a programmer's error, not a feature replylint does not use) has Russian words."""
    import re
    from pathlib import Path

    import click

    from replylint.click_russian import _PLURALS, _WORDS

    unused = {"%(prog)s, version %(version)s", "Choice({choices})", "Name '{name}' defined twice",
              "Unknown color {colour!r}", "Unknown standard stream '{name}'", "Windows error: {error}",
              "Couldn't detect Bash version, shell completion is not supported.", "unknown error",
              "{editor}: Editing failed", "{editor}: Editing failed: {e}", "d",
              "Could not determine name for option with declarations {decls!r}",
              "DeprecationWarning: The command {name!r} is deprecated.{extra_message}"}
    source = "".join(path.read_text(encoding="utf-8") for path in Path(click.__file__).parent.glob("*.py"))
    messages = {eval(literal) for literal in re.findall(r'\b_\(\s*("(?:[^"\\]|\\.)*")\s*\)', source)}  # noqa: S307
    assert len(messages) > 40
    plural = {message for pair in _PLURALS for message in pair}
    assert sorted(messages - set(_WORDS) - plural - unused) == []


@pytest.mark.parametrize("args, message", [
    (["check"], "Ошибка: Не хватает аргумента 'ПУТЬ...'."),
    (["check", "x.txt", "--format", "xml"],
     "Ошибка: Неверное значение '--format': 'xml' — не одно из: 'text', 'json', 'sarif', 'github'."),
    (["check", "x.txt", "--jobs", "-1"], "Ошибка: Неверное значение '--jobs' / '-j': -1 — вне диапазона x>=0."),
    (["check", "x.txt", "--jobs", "два"], "Ошибка: Неверное значение '--jobs' / '-j': 'два' — не число."),
    (["serve", "--port", "порт"], "Ошибка: Неверное значение '--port': 'порт' — не число."),
    (["check", "x.txt", "--no-such-option"], "Ошибка: Нет параметра '--no-such-option'."),
    (["chek"], "Ошибка: Нет команды 'chek'. Может быть, 'check'?"),
    (["check", "-", "a.txt", "--fix"],
     "Ошибка: --fix печатает исправленный стандартный ввод: проверяйте «-» отдельно от файлов"),
])
def test_usage_errors_are_russian_and_exit_2(args, message):
    result = CliRunner().invoke(main, args, prog_name="replylint")
    assert result.exit_code == 2
    assert result.stderr.startswith("Использование: replylint ")
    assert message in result.stderr.splitlines()
