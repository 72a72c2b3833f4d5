"""A QA lead's mistakes in a rule file are reported with file, line and rule id."""

from __future__ import annotations

import textwrap

import pytest

from replylint.errors import RuleFileError
from replylint.loader import load_rules
from replylint.rules.schema import load_rule_file

GOOD = """\
id: jargon.mine
kind: existence
category: jargon
message: "Скажите проще"
explanation: Клиент не знает терминов.
source: "тест"
match: ["тикет"]
examples:
  bad: ["Ваш тикет"]
  good: ["Ваше обращение"]
"""


def errors_of(tmp_path, text: str) -> list[str]:
    path = tmp_path / "rule.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    return [str(error) for error in caught.value.errors]


def test_a_valid_rule_loads(tmp_path):
    path = tmp_path / "rule.yaml"
    path.write_text(GOOD, encoding="utf-8")
    rule = load_rule_file(path)[0]
    assert (rule.id, rule.kind, rule.severity) == ("jargon.mine", "existence", "warning")


def test_unknown_key_names_file_line_and_rule(tmp_path):
    errors = errors_of(tmp_path, GOOD.replace("match:", "mach:"))
    assert any(e.startswith(f"{tmp_path / 'rule.yaml'}:7: правило jargon.mine: неизвестный ключ 'mach'") for e in errors)


def test_wrong_type(tmp_path):
    errors = errors_of(tmp_path, GOOD.replace('message: "Скажите проще"', "message: [1, 2]"))
    assert any(":4: правило jargon.mine: 'message': нужна непустая строка" in e for e in errors)


def test_unknown_category(tmp_path):
    errors = errors_of(tmp_path, GOOD.replace("category: jargon", "category: slang"))
    assert any(":3: правило jargon.mine: неизвестная категория 'slang'" in e for e in errors)


def test_phrase_with_only_punctuation(tmp_path):
    errors = errors_of(tmp_path, GOOD.replace('match: ["тикет"]', 'match: ["?!", "{0,2}"]'))
    assert sum("нет слов для поиска" in e for e in errors) == 2


def test_regex_that_does_not_compile(tmp_path):
    errors = errors_of(tmp_path, GOOD.replace('match: ["тикет"]', "match:\n  regex: ['(тикет']"))
    assert any(":8: правило jargon.mine: регулярное выражение '(тикет'" in e and "не компилируется" in e for e in errors)


def test_unknown_grammeme_in_token_pattern(tmp_path):
    errors = errors_of(tmp_path, GOOD.replace('match: ["тикет"]',
                                              "match:\n  tokens:\n    - [{lemma: мочь, person: 4}]"))
    assert any("неизвестное значение person 4" in e for e in errors)


def test_all_errors_of_a_file_are_collected(tmp_path):
    text = GOOD.replace("category: jargon", "category: nope").replace("match:", "mach:")
    assert len(errors_of(tmp_path, text)) >= 3  # unknown category, unknown key, missing match


def test_invalid_yaml_names_line_and_column(tmp_path):
    errors = errors_of(tmp_path, "id: a.b\nkind: [existence\n")
    assert errors[0].startswith(f"{tmp_path / 'rule.yaml'}:2:7: ошибка YAML: не закрыта скобка «[»")


def test_duplicate_ids_across_files(tmp_path):
    (tmp_path / "one.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "two.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path], include_bundled=False)
    assert "id 'jargon.mine' уже занят правилом jargon.mine" in str(caught.value)


def test_list_form_with_file_defaults(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(textwrap.dedent("""\
        category: jargon
        source: "тест"
        rules:
          - id: jargon.one
            kind: existence
            message: "Проще"
            explanation: Почему.
            match: тикет
            examples: {bad: ["тикет"]}
          - id: jargon.two
            kind: existence
            severity: suggestion
            message: "Проще"
            explanation: Почему.
            match: кейс
            examples: {bad: ["кейс"]}
        """), encoding="utf-8")
    rules = load_rule_file(path)
    assert [(r.id, r.category, r.severity) for r in rules] == [
        ("jargon.one", "jargon", "warning"), ("jargon.two", "jargon", "suggestion")]


def test_id_defaults_to_category_folder_and_file_name(tmp_path):
    folder = tmp_path / "jargon"
    folder.mkdir()
    path = folder / "coffee.yaml"
    path.write_text(GOOD.replace("id: jargon.mine\n", ""), encoding="utf-8")
    assert load_rule_file(path)[0].id == "jargon.coffee"


def test_a_number_where_a_word_is_expected(tmp_path):
    errors = errors_of(tmp_path, GOOD.replace('match: ["тикет"]', "match:\n  tokens:\n    - [{lemma: 5}]"))
    assert any(":9: правило jargon.mine: 'lemma': нужно слово или список слов" in e for e in errors)


def test_at_most_below_at_least_is_an_error(tmp_path):
    text = GOOD.replace("kind: existence", "kind: occurrence\nat_least: 3\nat_most: 2")
    errors = errors_of(tmp_path, text)
    assert any("правило jargon.mine: 'at_most' (2) не может быть меньше 'at_least' (3)" in e for e in errors)


def test_nested_lists_under_grammemes_are_an_error_not_a_crash(tmp_path):
    text = GOOD.replace('match: ["тикет"]', 'match: {tokens: [[{lemma: тикет, grammemes: [[sing, nomn]]}]]}')
    errors = errors_of(tmp_path, text)
    assert any("'grammemes': нужно слово или список слов" in e for e in errors)
