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
    assert str(error.value) == (f"{tmp_path / 'pyproject.toml'}:6: fail_on: 'bad' — не уровень "
                                "(ожидается error | warning | suggestion)")


@pytest.mark.parametrize("toml, position, words", [
    ('[tool.replylint]\nmode = "templates\n', "2:18", "не закрыта кавычка: строка кончилась раньше"),
    ("[tool.replylint]\nmode = templates\n", "2:8", "неверное значение: текст возьмите в кавычки"),
    ('[tool.replylint]\nselect = ["jargon"\n', "2:19", "не закрыта скобка «[» или между элементами нет запятой"),
    ('[tool.replylint]\nmode = "a"\nmode = "b"\n', "3:11", "ключ или таблица объявлены дважды"),
    ('[tool.replylint]\nmode "templates"\n', "2:6", "после ключа нет «=»"),
])
def test_a_broken_pyproject_is_named_in_russian_at_its_line(tmp_path, toml, position, words):
    write(tmp_path / "pyproject.toml", toml)
    write(tmp_path / "reply.txt", BAD)
    result = run("check", str(tmp_path / "reply.txt"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{tmp_path / 'pyproject.toml'}:{position}: ошибка TOML: {words}" in result.output


@pytest.mark.parametrize("body, line, message", [
    ("mode: templates\nselectt: [jargon]\n", 2, "неизвестный ключ 'selectt' — может быть, 'select'?"),
    ("address: Ты\n", 1, "address: 'Ты' — не форма обращения (ожидается вы | Вы | ты)"),
    ("thresholds:\n  sentence_words: -3\n", 2, "thresholds.sentence_words: ожидается целое положительное число"),
    ("severity:\n  jargon: loud\n", 2, "severity.jargon: 'loud' — не уровень"),
    ("severity:\n  jargon: warn\n", 2, "severity.jargon: 'warn' — не уровень — может быть, 'warning'?"),
    ("severity:\n  jargon: on\n", 2, "severity.jargon: 'True' — не уровень"),
    ("placeholders: [mustache, handlebars]\n", 1, "placeholders: неизвестный синтаксис 'handlebars'"),
    ("placeholders:\n  - regex: '(('\n", 2, "placeholders: неверное регулярное выражение '((': не закрыта скобка «(» (символ 2)"),
    ("formats:\n  yaml:\n    text_pathz: [a]\n", 3,
     "formats.yaml: неизвестный ключ 'text_pathz' — может быть, 'text_paths'? (ожидается text_paths | skip_keys | client_key)"),
    ("formats:\n  xml: {}\n", 2, "formats: неизвестный формат 'xml' (ожидается yaml | json | jsonl | csv)"),
    ("formats:\n  csv: {delimiter: ';;'}\n", 2, "formats.csv.delimiter: ожидается один символ"),
    ("formats:\n  json:\n    text_paths: ['a..b']\n", 3, "formats.json.text_paths: неверный путь к ответу 'a..b'"),
    ("rules: [no-such-folder]\n", 1, "rules: нет папки 'no-such-folder'"),
    ("mode: [1\n", 1, "ошибка YAML: не закрыта скобка «[»"),
    ("jobs: 0\n", 1, "jobs: ожидается целое положительное число"),
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
    assert f"{path}:3: select: неизвестное правило или категория 'no-such.rule'" in result.output
    write(tmp_path / ".replylint.yaml", "thresholds:\n  paragraph_lines: 3\n")
    result = run("check", str(tmp_path / "reply.txt"))
    assert result.exit_code == 2 and f"{path}:2: thresholds: ни одно правило не читает 'paragraph_lines'" in result.output


def test_every_config_mistake_is_reported_at_once_with_the_closest_name(tmp_path):
    path = write(tmp_path / ".replylint.yaml", """\
        selct: [jargon]
        ignore: [jargn, readability.long-sentenc]
        severity:
          vague-promis: error
        thresholds:
          sentence_word: 20
        mode: template
        """)
    write(tmp_path / "reply.txt", BAD)
    result = run("check", str(tmp_path / "reply.txt"), "--select", "law-citng")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = [line.split(" (правила читают:")[0] for line in result.stderr.splitlines()]
    assert lines == [
        f"replylint: {path}:1: неизвестный ключ 'selct' — может быть, 'select'? (ключи: {', '.join(config._KEYS)})",
        f"replylint: {path}:7: mode: 'template' — может быть, 'templates'? (ожидается drafts | templates)",
        f"replylint: {path}:2: ignore: неизвестное правило или категория 'jargn' — может быть, 'jargon'? "
        "(список: `replylint rules`)",
        f"replylint: {path}:2: ignore: неизвестное правило или категория 'readability.long-sentenc' — "
        "может быть, 'readability.long-sentence'? (список: `replylint rules`)",
        f"replylint: {path}:4: severity: неизвестное правило или категория 'vague-promis' — "
        "может быть, 'vague-promise'? (список: `replylint rules`)",
        f"replylint: {path}:6: thresholds: ни одно правило не читает 'sentence_word' — может быть, "
        "'sentence_words'?",
        "replylint: --select: неизвестное правило или категория 'law-citng' — может быть, 'law-citing'? "
        "(список: `replylint rules`)",
    ]


@pytest.mark.parametrize("value", ["off", "false", "no", "'off'"])
def test_severity_off_works_unquoted(tmp_path, value):
    """YAML 1.1 reads a bare off, false and no as the boolean false: each means off."""
    write(tmp_path / "reply.txt", BAD)
    write(tmp_path / ".replylint.yaml", f"severity:\n  jargon.glossary: {value}\n  vague-promise: {value}\n")
    result = run("check", str(tmp_path / "reply.txt"), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    rules = {d["rule"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]}
    assert rules and not rules & {"jargon.glossary", "vague-promise.no-time"}
    assert "jargon.glossary" in run("check", str(tmp_path / "reply.txt"), "--isolated").stdout


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


def test_init_writes_a_commented_starter_that_changes_nothing(tmp_path):
    result = run("init", str(tmp_path))
    assert result.exit_code == 0
    text = (tmp_path / ".replylint.yaml").read_text(encoding="utf-8")
    assert text.count("#") > 10 and "# mode: templates" in text
    loaded = config.load(tmp_path / ".replylint.yaml")
    assert loaded == config.Config(loaded.path, loaded.root, lines=loaded.lines)
    draft = write(tmp_path / "draft.txt", "Здравствуйте, {{name}}! Вернём деньги завтра до 18:00.\n")
    with_starter = run("check", str(draft), "--format", "json").stdout
    assert "internal-leak.placeholders" in with_starter
    assert with_starter == run("check", str(draft), "--format", "json", "--isolated").stdout
    again = run("init", str(tmp_path))
    assert again.exit_code == 2  # never overwrites silently
    assert again.stderr == f"replylint: {tmp_path / '.replylint.yaml'}: файл уже есть (--force перезапишет его)\n"
    assert run("init", str(tmp_path), "--force").exit_code == 0


def test_init_templates_switches_templates_mode_on(tmp_path):
    assert run("init", str(tmp_path), "--templates").exit_code == 0
    loaded = config.load(tmp_path / ".replylint.yaml")
    assert loaded.mode == "templates"
    assert loaded == config.Config(loaded.path, loaded.root, mode="templates", lines=loaded.lines)
    draft = write(tmp_path / "draft.txt", "Здравствуйте, {{name}}! Вернём деньги завтра до 18:00.\n")
    assert "internal-leak.placeholders" not in run("check", str(draft), "--format", "json").stdout


def test_the_starter_lists_the_globs_and_format_settings_of_every_format():
    from replylint import formats

    text = config.starter()
    assert all(f'"**/*{suffix}"' in text for suffix in formats.suffixes())
    assert '#   csv:\n#     column: text\n#     delimiter: ";"' in text


def test_a_reply_all_in_the_wrong_voice_gets_one_remark_and_a_mixed_one_each_slip(tmp_path):
    """The voice of a reply written on «ты» throughout is one fault (the bundled default
    «вы», or the team's `address:`): one remark where it first shows, not one per sentence;
    in a mixed reply each slip into the other voice is a place to mend."""
    write(tmp_path / "all.txt", "Привет! Не переживай, твой заказ в пути. Пиши, если что. Курьер позвонит тебе завтра.\n")
    write(tmp_path / "mixed.txt", "Вы можете оплатить картой. Ты можешь и наличными. Пиши, если что, а мы вам поможем.\n")
    for config in ("select: [familiarity]\n", "select: [familiarity]\naddress: вы\n"):
        write(tmp_path / ".replylint.yaml", config)
        data = json.loads(run("check", str(tmp_path / "all.txt"), str(tmp_path / "mixed.txt"),
                              "--format", "json").output)
        found = {f["path"].rsplit("/", 1)[-1]: [(d["rule"], d["line"], d["column"]) for d in f["diagnostics"]]
                 for f in data["files"]}
        assert found["all.txt"] == [("familiarity.ty-vy-mix", 1, 12)], config
        assert len(found["mixed.txt"]) == 2, config
