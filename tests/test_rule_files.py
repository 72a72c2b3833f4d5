"""Rule files a QA lead gets wrong, through the command line: `check --rules DIR` and
`test-rules DIR` both exit 2 with one line `path:line: rule id: what is wrong` and no
traceback — including a regex that backtracks catastrophically, which must not hang."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time

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


EXISTENCE_PHRASES = """\
id: jargon.phrases
kind: existence
category: jargon
message: "сообщение"
explanation: Объяснение.
source: "пост"
match:
    - "тикет"
    - "кейс"
    - "бэклог"
examples:
  bad: ["Ваш тикет."]
"""


def existence(name: str, match: str, bad: str = "Плохой текст.") -> str:
    return EXISTENCE.format(name=name, match=textwrap.indent(textwrap.dedent(match).strip(), "  "), bad=bad)


# (case id, file name, text, line of the error, what the message says)
CASES = [
    ("invalid-yaml", "broken.yaml", GOOD_RULE.replace("swap:\n", "swap: [\n"), "9:9", "ошибка YAML: не закрыта скобка «[»"),
    ("wrong-type", "wrong.yaml", GOOD_RULE.replace('message: "«{match}» → «{replacement}»"', "message: [1, 2]"),
     4, "правило jargon.coffee: 'message': нужна непустая строка"),
    ("unknown-category", "category.yaml", GOOD_RULE.replace("category: jargon", "category: coffee"),
     3, "правило jargon.coffee: неизвестная категория 'coffee'"),
    ("punctuation-only-phrase", "punct.yaml", existence("punct", 'phrases: ["?!"]'),
     8, "правило jargon.punct: во фразе '?!' в 'match' нет слов для поиска"),
    ("regex-does-not-compile", "regex.yaml", existence("regex", 'regex: "тикет(ы"'),
     8, "правило jargon.regex: регулярное выражение 'тикет(ы' в 'match' не компилируется: "
        "не закрыта скобка «(» (символ 8)"),
    ("token-regex-does-not-compile", "token.yaml", existence("token", 'tokens: [[{text: "[а-"}]]'),
     8, "правило jargon.token: регулярное выражение '[а-' в 'match' не компилируется: "
        "не закрыта скобка «[» (символ 4)"),
    ("catastrophic-regex", "slow.yaml", existence("slow", 'regex: "(а|аа)+$"'),
     8, "правило jargon.slow: регулярное выражение '(а|аа)+$' в 'match' работает катастрофически долго"),
    ("catastrophic-token-text", "slow-token.yaml", existence("slowtoken", 'tokens: [[{text: "(x+x+)+y|(в|вв)+"}]]'),
     8, "правило jargon.slowtoken: регулярное выражение '(x+x+)+y|(в|вв)+' в 'match' работает катастрофически долго"),
    # YAML notices a misplaced line on the line after it; the error names the line itself
    ("over-indented-list-item", "item.yaml", EXISTENCE_PHRASES.replace('    - "тикет"', '     - "тикет"'),
     "8:6", "ошибка YAML: неверный отступ"),
    ("over-indented-block-text", "block.yaml",
     GOOD_RULE.replace("explanation: Бариста говорит на языке клиента.",
                       "explanation: |\n   Бариста говорит\n  на языке\n  клиента."),
     "6:4", "ошибка YAML: неверный отступ"),
    ("key-without-colon", "colon.yaml", GOOD_RULE.replace("kind: substitution", "kind substitution"),
     "2:1", "ошибка YAML: после ключа нет «:»"),
    ("indented-first-key", "first.yaml", " " + GOOD_RULE, "1:2",
     "ошибка YAML: неверный отступ: ключи верхнего уровня пишутся с начала строки"),
    # the id
    ("missing-id", "mine.yaml", GOOD_RULE.replace("id: jargon.coffee\n", ""), 1,
     "правило без id: нет ключа 'id' — назовите правило 'категория.имя'"),
    ("malformed-id", "mine.yaml", GOOD_RULE.replace("id: jargon.coffee", "id: Coffee"), 1,
     "правило Coffee: 'id' должен выглядеть как 'категория.имя'"),
    ("unknown-category-points-at-its-docs", "category.yaml", GOOD_RULE.replace("category: jargon", "category: jargn"),
     3, "неизвестная категория 'jargn'; может быть, 'jargon'?"),
    ("tab-indentation", "tab.yaml", GOOD_RULE.replace("  купаж: мягкий кофе", "\tкупаж: мягкий кофе"),
     "8:1", "ошибка YAML: табуляция в отступе: YAML разрешает отступать только пробелами"),
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
    from replylint.rules import schema
    from replylint.rules.matching import regexes

    path = tmp_path / "rule.yaml"
    path.write_text(existence("hang", match), encoding="utf-8")
    monkeypatch.setattr(schema, "check_backtracking", lambda checker, examples: None)
    linter = Linter(schema.load_rule_file(path))
    monkeypatch.setattr(regexes, "REGEX_TIMEOUT", 0.2)
    started = time.perf_counter()
    with pytest.raises(ReplylintError) as caught:
        # (the word ends in «дя»: the literal the regex needs must not rule it out)
        linter.lint("Слово " + "д" * 60 + "жкдя тут.")
    assert time.perf_counter() - started < 5  # two timeouts of 0.2 s at most, not hours
    assert str(caught.value).startswith(f"{path}:1: правило jargon.hang: регулярное выражение '(?:д|дд)+я' "
                                     "выполняется слишком долго")


def test_the_probe_does_not_flag_the_bundled_rules():
    from replylint.loader import load_rules

    assert load_rules()  # every bundled regex passes the backtracking probe


def test_a_rule_without_an_id_in_a_list_says_which_one(run_cli, tmp_path):
    pack = textwrap.dedent("""\
        category: jargon
        source: "пост"
        rules:
          - id: jargon.one
            kind: existence
            message: "Проще"
            explanation: Почему.
            match: тикет
            examples: {bad: ["тикет"]}
          - kind: existence
            message: "Проще"
            explanation: Почему.
            match: кейс
            examples: {bad: ["кейс"]}
        """)
    folder = _rules_dir(tmp_path, "pack.yaml", pack)
    result = run_cli("test-rules", str(folder))
    _assert_one_line_error(result, folder / "pack.yaml", 10, "правило №2 (без id): нет ключа 'id' — назовите "
                                                             "правило 'категория.имя'")
    assert "задайте его у каждого правила в 'rules'" in result.stderr


def test_an_id_taken_from_the_path_must_be_one(run_cli, tmp_path):
    folder = tmp_path / "team-rules"
    (folder / "jargon").mkdir(parents=True)
    (folder / "jargon" / "Coffee_Terms.yaml").write_text(GOOD_RULE.replace("id: jargon.coffee\n", ""),
                                                         encoding="utf-8")
    result = run_cli("test-rules", str(folder))
    _assert_one_line_error(result, folder / "jargon" / "Coffee_Terms.yaml", 1,
                           "id 'jargon.Coffee_Terms', взятый из пути файла, должен выглядеть как 'категория.имя'")


def test_an_unknown_category_says_where_the_categories_are_explained(run_cli, tmp_path):
    folder = _rules_dir(tmp_path, "mine.yaml", GOOD_RULE.replace("category: jargon", "category: slang"))
    result = run_cli("test-rules", str(folder))
    assert result.returncode == 2
    assert "`replylint explain <категория>` и docs/categories.md" in result.stderr
    assert "taxonomy" not in result.stderr


#: Broken rule files that between them reach every check of the rule format.
BROKEN = {
    "keys.yaml": GOOD_RULE.replace("swap:", "swapp:").replace("severity: warning", "")
                          .replace('message: "«{match}» → «{replacement}»"', "message: [1]")
                          .replace("explanation: Бариста говорит на языке клиента.", "applies_to: all\nenabled: 3"),
    "kind.yaml": GOOD_RULE.replace("kind: substitution", "kind: substitutio"),
    "nokind.yaml": GOOD_RULE.replace("kind: substitution\n", "").replace("category: jargon\n", ""),
    "suggest.yaml": GOOD_RULE.replace("examples:", "suggest: [{replace: а, advice: б}, 5, {advice: в, saf: 1}]\n"
                                                   "severity: loud\naliases: [1]\nexamples:")
                             .replace('  good: ["Вам помягче?"]', "  good: [1]\n  ugly: []"),
    "examples.yaml": GOOD_RULE.replace('  bad: ["Вам купаж?"]\n', ""),
    "noexamples.yaml": GOOD_RULE.split("examples:")[0] + "message2: x\n",
    "swap.yaml": GOOD_RULE.replace("  купаж: мягкий кофе", "  купаж: [1]\n  '?!': кофе"),
    "swaplist.yaml": GOOD_RULE.replace("  купаж: мягкий кофе", "  - {replace: [], advice: 1}\n  - 5\n"
                                                               "  - {match: купаж, replace: кофе, safe: 2, x: 1}"),
    "swapempty.yaml": GOOD_RULE.replace("  купаж: мягкий кофе", "  []").replace("swap:\n  []", "swap: []"),
    "patterns.yaml": existence("patterns", """
        phrases: ["{5,1} слово", "?"]
        regex: ["(", 5]
        any_order: maybe
        window: 0
        scope: sentence
        tokens:
          - [{lemma: 5, person: 4, kind: thing, repeat: 20, gap: x, negated: 1, text: [1], nonsense: 1}]
          - [{optional: true}, 5, {not: {pos: NOUNN}}]
          - []
        """),
    "emptymatch.yaml": existence("emptymatch", "[]").replace("match:\n  []", "match: []"),
    "badmatch.yaml": existence("badmatch", "[5]"),
    "numbermatch.yaml": existence("numbermatch", "5").replace("match:\n  5", "match: 5"),
    "nosets.yaml": existence("nosets", "any_order: true"),
    "tokenlist.yaml": existence("tokenlist", "tokens: 5"),
    "position.yaml": GOOD_RULE.replace("kind: substitution", "kind: position").replace("swap:\n  купаж: мягкий кофе",
                                                                                       "where: middle\nmax_words: 0"),
    "occurrence.yaml": existence("occurrence", "тикет").replace("kind: existence", "kind: occurrence")
                                                        .replace("examples:", "at_least: 1\nwithin: page\nexamples:"),
    "condition.yaml": existence("condition", "тикет").replace("kind: existence", "kind: condition")
                                                      .replace("examples:", "within: {pages: 2}\nexamples:"),
    "metric.yaml": GOOD_RULE.replace("kind: substitution", "kind: metric").replace(
        "swap:\n  купаж: мягкий кофе", "measure: words\nmax: many\nsetting: ''"),
    "consistency.yaml": GOOD_RULE.replace("kind: substitution", "kind: consistency").replace(
        "swap:\n  купаж: мягкий кофе", "variants: {ты: [ты]}"),
    "spelling.yaml": GOOD_RULE.replace("kind: substitution", "kind: spelling").replace(
        "swap:\n  купаж: мягкий кофе", "mode: all\nmin_length: 0\nignore: [1]\noffensive: {a: b}"),
    "unless.yaml": GOOD_RULE.replace("examples:", "unless: {phrases: [], scope: page}\nexamples:"),
    "message.yaml": GOOD_RULE.replace('message: "«{match}» → «{replacement}»"', 'message: "одна\\nдве"'),
    "list.yaml": "rules: []\nsourc: x\n",
    "items.yaml": "rules: [5]\n",
    "empty.yaml": "# nothing yet\n",
    "scalar.yaml": "правило\n",
    "yaml.yaml": "id: a.b\nkind: [existence\n",
}
_ENGLISH = re.compile(r"\b(must|unknown|expected|missing|needs?|should|invalid|duplicate|got|rule|empty|key|"
                      r"one of|at least|cannot|not)\b")


def test_every_error_in_a_rule_file_is_said_in_russian(run_cli, tmp_path):
    folder = tmp_path / "team-rules"
    folder.mkdir()
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = run_cli("test-rules", str(folder))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [line.removeprefix("replylint: ") for line in result.stderr.splitlines() if line.strip()]
    assert {error.split(":", 1)[0] for error in errors} == {str(folder / name) for name in BROKEN}
    assert len(errors) > 60
    for error in errors:
        message = re.sub(r"^[^:]+:\d+(:\d+)?: ", "", error)
        # names (quoted) and lists of allowed names
        message = re.sub(r"'[^']*'|`[^`]*`|«[^»]*»|(одно из|допустимы|известны): [^;)]*", "", message)
        assert re.search("[а-яё]", message), error
        assert not _ENGLISH.search(message), error


def test_test_rules_says_in_russian_why_an_example_failed(run_cli, tmp_path):
    broken = GOOD_RULE.replace('bad: ["Вам купаж?"]', 'bad: ["Вам кофе?"]').replace('good: ["Вам помягче?"]',
                                                                                   'good: ["Купаж?"]')
    folder = _rules_dir(tmp_path, "coffee.yaml", broken)
    result = run_cli("test-rules", str(folder))
    assert result.returncode == 1
    assert "СБОЙ jargon.coffee:bad:1: Вам кофе?\n     правило должно было сработать, но не сработало" in result.stdout
    assert "СБОЙ jargon.coffee:good:1: Купаж?\n     замечаний быть не должно, а есть: «Купаж» в столбце 1" \
        in result.stdout
