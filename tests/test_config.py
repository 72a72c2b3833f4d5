"""The team's configuration: found walking up, validated with file and line."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from replylint import config
from replylint.cli import main
from replylint.errors import ConfigError

BAD = "Ваш тикет эскалирован на L2. Ответим в ближайшее время.\n"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_found_by_walking_up_from_the_checked_path(tmp_path):
    write(tmp_path / ".replylint.yaml", "ignore: [jargon]\n")
    (tmp_path / "a" / "b").mkdir(parents=True)
    write(tmp_path / "a" / "b" / "reply.txt", BAD)
    assert config.find(str(tmp_path / "a" / "b" / "reply.txt")) == tmp_path / ".replylint.yaml"
    result = run("check", str(tmp_path / "a" / "b" / "reply.txt"), "--format", "json")
    rules = {d["rule"] for d in json.loads(result.output)["files"][0]["diagnostics"]}
    assert rules and not any(rule.startswith("jargon.") for rule in rules)
    result = run("check", str(tmp_path / "a" / "b" / "reply.txt"), "--format", "json", "--isolated")
    assert "jargon.glossary" in result.output


def test_pyproject_tool_section(tmp_path):
    write(tmp_path / "pyproject.toml", """\
        [project]
        name = "replies"

        [tool.replylint]
        select = ["jargon"]
        fail_on = "error"
        """)
    write(tmp_path / "reply.txt", BAD)
    result = run("check", str(tmp_path / "reply.txt"), "--format", "json")
    assert result.exit_code == 0  # warnings only, fail_on: error
    rules = {d["rule"] for d in json.loads(result.output)["files"][0]["diagnostics"]}
    assert rules and all(rule.startswith("jargon.") for rule in rules)


def test_pyproject_errors_name_the_line(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.replylint]\nmode = "templates"\nfail_on = "bad"\n')
    with pytest.raises(ConfigError) as error:
        config.load(tmp_path / "pyproject.toml")
    assert str(error.value) == (f"{tmp_path / 'pyproject.toml'}:6: fail_on: 'bad' is not a level "
                                "(expected error | warning | suggestion)")


@pytest.mark.parametrize("body, line, message", [
    ("mode: templates\nselectt: [jargon]\n", 2, "unknown key 'selectt'"),
    ("address: Ты\n", 1, "address: 'Ты' is not an address form (expected вы | Вы | ты)"),
    ("thresholds:\n  sentence_words: -3\n", 2, "thresholds.sentence_words: expected a positive whole number"),
    ("severity:\n  jargon: loud\n", 2, "severity.jargon: 'loud' is not a level"),
    ("placeholders: [mustache, handlebars]\n", 1, "placeholders: unknown syntax 'handlebars'"),
    ("placeholders:\n  - regex: '(('\n", 2, "placeholders: bad regex"),
    ("formats:\n  yaml:\n    text_pathz: [a]\n", 3, "formats.yaml: unknown key 'text_pathz'"),
    ("formats:\n  xml: {}\n", 2, "formats: unknown format 'xml'"),
    ("rules: [no-such-folder]\n", 1, "rules: folder 'no-such-folder' does not exist"),
    ("mode: [1\n", 1, "ошибка YAML: не закрыта скобка «[»"),
    ("jobs: 0\n", 1, "jobs: expected a positive whole number"),
])
def test_bad_config_is_an_error_with_file_and_line(tmp_path, body, line, message):
    path = write(tmp_path / ".replylint.yaml", body)
    write(tmp_path / "reply.txt", BAD)
    result = run("check", str(tmp_path / "reply.txt"))
    assert result.exit_code == 2
    assert f"{path}:{line}" in result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_unknown_rule_names_in_config_are_errors_with_line(tmp_path):
    path = write(tmp_path / ".replylint.yaml", "select:\n  - jargon\n  - no-such.rule\n")
    write(tmp_path / "reply.txt", BAD)
    result = run("check", str(tmp_path / "reply.txt"))
    assert result.exit_code == 2
    assert f"{path}:3: select: unknown rule or category 'no-such.rule'" in result.output
    write(tmp_path / ".replylint.yaml", "thresholds:\n  paragraph_lines: 3\n")
    result = run("check", str(tmp_path / "reply.txt"))
    assert result.exit_code == 2 and f"{path}:2: thresholds: no rule reads 'paragraph_lines'" in result.output


def test_thresholds_and_severity_overrides(tmp_path):
    long = " ".join(["слово"] * 12) + ".\n"
    write(tmp_path / "reply.txt", "Здравствуйте! " + long)
    write(tmp_path / ".replylint.yaml", "select: [readability]\nthresholds:\n  sentence_words: 5\n"
          "severity:\n  readability: error\n")
    data = json.loads(run("check", str(tmp_path / "reply.txt"), "--format", "json").output)
    diagnostics = data["files"][0]["diagnostics"]
    assert [(d["rule"], d["severity"]) for d in diagnostics] == [("readability.long-sentence", "error")]
    write(tmp_path / ".replylint.yaml", "select: [readability]\nseverity:\n  readability: 'off'\n")
    data = json.loads(run("check", str(tmp_path / "reply.txt"), "--format", "json").output)
    assert data["files"][0]["diagnostics"] == []


def test_address_form_sets_the_expected_voice(tmp_path):
    write(tmp_path / "reply.txt", "Спасибо, что написал нам! Ты можешь оплатить картой.\n")
    write(tmp_path / ".replylint.yaml", "select: [familiarity]\naddress: Вы\n")
    data = json.loads(run("check", str(tmp_path / "reply.txt"), "--format", "json").output)
    assert {d["rule"] for d in data["files"][0]["diagnostics"]} == {"familiarity.ty-vy-mix"}
    write(tmp_path / ".replylint.yaml", "select: [familiarity]\naddress: ты\n")
    data = json.loads(run("check", str(tmp_path / "reply.txt"), "--format", "json").output)
    assert data["files"][0]["diagnostics"] == []


def test_mode_templates_accepts_placeholders(tmp_path):
    write(tmp_path / "reply.txt", "Здравствуйте, {{ticket.requester.first_name}}! Вернём деньги завтра до 18:00.\n")
    drafts = json.loads(run("check", str(tmp_path / "reply.txt"), "--format", "json").output)
    assert "internal-leak.placeholders" in {d["rule"] for d in drafts["files"][0]["diagnostics"]}
    write(tmp_path / ".replylint.yaml", "mode: templates\n")
    templates = json.loads(run("check", str(tmp_path / "reply.txt"), "--format", "json").output)
    assert "internal-leak.placeholders" not in {d["rule"] for d in templates["files"][0]["diagnostics"]}


def test_placeholder_syntax_is_configurable(tmp_path):
    write(tmp_path / "reply.txt", "Здравствуйте, @@NAME@@! Вернём деньги завтра до 18:00.\n")
    write(tmp_path / ".replylint.yaml", "select: [internal-leak]\nplaceholders: [{regex: '@@[A-Z]+@@'}]\n")
    data = json.loads(run("check", str(tmp_path / "reply.txt"), "--format", "json").output)
    assert [d["text"] for d in data["files"][0]["diagnostics"]] == ["@@NAME@@"]


def test_include_and_exclude_globs(tmp_path):
    (tmp_path / "replies").mkdir()
    (tmp_path / "drafts").mkdir()
    write(tmp_path / "replies" / "a.txt", BAD)
    write(tmp_path / "replies" / "b.md", BAD)
    write(tmp_path / "drafts" / "c.txt", BAD)
    write(tmp_path / ".replylint.yaml", "include: ['**/*.txt']\nexclude: ['drafts/**']\n")
    data = json.loads(run("check", str(tmp_path), "--format", "json").output)
    assert [f["path"] for f in data["files"]] == [str(tmp_path / "replies" / "a.txt")]


def test_init_writes_a_commented_starter_that_loads(tmp_path):
    result = run("init", str(tmp_path))
    assert result.exit_code == 0
    text = (tmp_path / ".replylint.yaml").read_text(encoding="utf-8")
    assert text.count("#") > 10
    loaded = config.load(tmp_path / ".replylint.yaml")
    assert loaded.mode == "templates" and loaded.address == "вы"
    assert run("init", str(tmp_path)).exit_code == 2  # never overwrites silently
    assert run("init", str(tmp_path), "--force").exit_code == 0
