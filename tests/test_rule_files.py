"""Rule files a QA lead gets wrong, through the command line: `check --rules DIR` and
`test-rules DIR` both exit 2 with one line `path:line: rule id: what is wrong` and no
traceback — including a regex that backtracks catastrophically, which must not hang."""

from __future__ import annotations

import subprocess
import sys
import time
import textwrap

import pytest

from helpers import COFFEE_RULE

GOOD_RULE = COFFEE_RULE

EXISTENCE = """\
id: jargon.{name}
kind: existence
category: jargon
message: "сообщение"
explanation: Объяснение.
source: "пост"
match:
{match}
examples:
  bad: ["{bad}"]
  good: ["Всё хорошо."]
"""


def existence(name: str, match: str, bad: str = "Плохой текст.") -> str:
    return EXISTENCE.format(name=name, match=textwrap.indent(textwrap.dedent(match).strip(), "  "), bad=bad)


# (case id, file name, text, line of the error, what the message says)
CASES = [
    ("invalid-yaml", "broken.yaml", GOOD_RULE.replace("swap:\n", "swap: [\n"), None, "ошибка YAML"),
    ("wrong-type", "wrong.yaml", GOOD_RULE.replace('message: "«{match}» → «{replacement}»"', "message: [1, 2]"),
     4, "rule jargon.coffee: 'message' must be a non-empty string"),
    ("unknown-category", "category.yaml", GOOD_RULE.replace("category: jargon", "category: coffee"),
     3, "rule jargon.coffee: unknown category 'coffee'"),
    ("punctuation-only-phrase", "punct.yaml", existence("punct", 'phrases: ["?!"]'),
     8, "rule jargon.punct: the phrase '?!' in 'match' has no words to match"),
    ("regex-does-not-compile", "regex.yaml", existence("regex", 'regex: "тикет(ы"'),
     8, "rule jargon.regex: the regex 'тикет(ы' in 'match' does not compile"),
    ("token-regex-does-not-compile", "token.yaml", existence("token", 'tokens: [[{text: "[а-"}]]'),
     8, "rule jargon.token: the regex '[а-' in 'match' does not compile"),
    ("catastrophic-regex", "slow.yaml", existence("slow", 'regex: "(а|аа)+$"'),
     8, "rule jargon.slow: the regex '(а|аа)+$' in 'match' backtracks catastrophically"),
    ("catastrophic-token-text", "slow-token.yaml", existence("slowtoken", 'tokens: [[{text: "(x+x+)+y|(в|вв)+"}]]'),
     8, "rule jargon.slowtoken: the regex '(x+x+)+y|(в|вв)+' in 'match' backtracks catastrophically"),
]


@pytest.fixture
def run_cli(tmp_path):
    def run(*args: str) -> subprocess.CompletedProcess:
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "replylint.cli", *args], capture_output=True,
                                text=True, timeout=120, cwd=tmp_path)
        result.seconds = time.perf_counter() - started
        return result
    return run


def _rules_dir(tmp_path, file_name: str, text: str):
    folder = tmp_path / "my-rules"
    folder.mkdir()
    (folder / file_name).write_text(text, encoding="utf-8")
    return folder


def _assert_one_line_error(result, path, line, expected):
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    errors = [text for text in result.stderr.splitlines() if text.strip()]
    assert len(errors) == 1, result.stderr
    where = f"{path}:{line}: " if line else f"{path}:"
    assert where in errors[0], errors[0]
    assert expected in errors[0], errors[0]


@pytest.mark.parametrize("case_id, file_name, text, line, expected", CASES, ids=[case[0] for case in CASES])
def test_check_with_a_broken_rule_folder_exits_2(run_cli, tmp_path, case_id, file_name, text, line, expected):
    folder = _rules_dir(tmp_path, file_name, text)
    draft = tmp_path / "draft.txt"
    draft.write_text("Здравствуйте! Ответим завтра до 18:00.\n", encoding="utf-8")
    result = run_cli("check", str(draft), "--rules", str(folder))
    _assert_one_line_error(result, folder / file_name, line, expected)


@pytest.mark.parametrize("case_id, file_name, text, line, expected", CASES, ids=[case[0] for case in CASES])
def test_test_rules_on_a_broken_rule_folder_exits_2(run_cli, tmp_path, case_id, file_name, text, line, expected):
    folder = _rules_dir(tmp_path, file_name, text)
    result = run_cli("test-rules", str(folder))
    _assert_one_line_error(result, folder / file_name, line, expected)


def test_duplicate_ids_name_both_places(run_cli, tmp_path):
    folder = _rules_dir(tmp_path, "one.yaml", GOOD_RULE)
    (folder / "two.yaml").write_text(GOOD_RULE, encoding="utf-8")
    for args in (["check", "-", "--rules", str(folder)], ["test-rules", str(folder)]):
        result = run_cli(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"{folder / 'two.yaml'}:1: правило jargon.coffee: id 'jargon.coffee' уже занят правилом " \
               f"jargon.coffee ({folder / 'one.yaml'}:1)" in result.stderr


def test_a_duplicate_of_a_bundled_id_is_reported(run_cli, tmp_path):
    folder = _rules_dir(tmp_path, "mine.yaml", GOOD_RULE.replace("id: jargon.coffee", "id: jargon.glossary"))
    draft = tmp_path / "draft.txt"
    draft.write_text("текст\n", encoding="utf-8")
    result = run_cli("check", str(draft), "--rules", str(folder))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "правило jargon.glossary: id 'jargon.glossary' уже занят правилом jargon.glossary" in result.stderr


@pytest.mark.parametrize("match", ['tokens: [[{text: "(?:д|дд)+я"}]]', 'regex: "(?:д|дд)+я"'],
                         ids=["token-text", "regex"])
def test_a_regex_that_hangs_on_a_draft_is_cut_off_and_names_the_rule(tmp_path, monkeypatch, match):
    """The load-time probe cannot foresee every input; the lint-time timeout still bounds
    the run, and the error names the rule — for `text:` token tests as for regexes."""
    from replylint.errors import ReplylintError
    from replylint.linter import Linter
    from replylint.rules import patterns, schema

    path = tmp_path / "rule.yaml"
    path.write_text(existence("hang", match), encoding="utf-8")
    monkeypatch.setattr(schema, "check_backtracking", lambda checker, examples: None)
    linter = Linter(schema.load_rule_file(path))
    monkeypatch.setattr(patterns, "REGEX_TIMEOUT", 0.2)
    started = time.perf_counter()
    with pytest.raises(ReplylintError) as caught:
        # (the word ends in «дя»: the literal the regex needs must not rule it out)
        linter.lint("Слово " + "д" * 60 + "жкдя тут.")
    assert time.perf_counter() - started < 5  # two timeouts of 0.2 s at most, not hours
    assert str(caught.value).startswith(f"{path}:1: rule jargon.hang: the regex '(?:д|дд)+я' took too long")


def test_the_probe_does_not_flag_the_bundled_rules():
    from replylint.loader import load_rules

    assert load_rules()  # every bundled regex passes the backtracking probe
