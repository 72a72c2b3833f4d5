"""Every format maps every character of a reply back to the file it came from."""

from __future__ import annotations

import json

import pytest
import yaml

from replylint.errors import ConfigError, InputError
from replylint.formats import format_of, module_of, parse
from replylint.formats.tree import SKIP_KEYS
from replylint.formats.markdown import ignored_spans
from replylint.formats.paths import parse_path


def replies(text: str, file_format: str, **options):
    return parse(text, f"file.{file_format}", file_format, module_of(file_format).Options(**options)).replies


def assert_maps_back(text: str, reply) -> None:
    """Each character not produced by an escape or a fold is the file's character there."""
    for index, char in enumerate(reply.text):
        offset = reply.to_file(index)
        if index not in reply.synthetic:
            assert text[offset] == char, (index, char, text[offset])
        else:
            assert 0 <= offset < len(text)
    assert reply.to_file(len(reply.text)) <= len(text)
    for start, end in reply.verbatim_runs(text):
        assert text[start:end] in reply.text


YAML_CASES = {
    "double-quoted escapes": 'a: "Привет,\\n мир \\"кавычки\\" \\u0410\\x41 \\t и\\\\ \\U0001F600"\n',
    "double-quoted folding": 'a: "строка один\n  строка два\n\n  абзац \\\n  склейка  \n  конец"\n',
    "single-quoted": "a: 'it''s\n  folded\n\n\n  x'\n",
    "plain multi-line": "a: простой текст\n  продолжается здесь\n\n  новый абзац\n",
    "literal": "a: |\n  строка один\n    с отступом\n\n  строка три\nb: 1\n",
    "literal strip": "a: |-\n  без перевода строки\n  в конце\n",
    "literal keep": "a: |+\n  оставить\n\n\nb: x\n",
    "folded": "a: >\n  сложено раз\n  сложено два\n\n  абзац\n     глубже\n  назад\n",
    "folded strip": "a: >-\n  одна\n  строка\n",
    "indentation indicator": "- |2\n    два\n   три\n- >1\n  x\n  y\n",
    "crlf": 'a: "раз\r\n  два"\r\nb: |\r\n  три\r\n  четыре\r\n',
    "nested list of mappings": "list:\n  - text: 'Здравствуйте, {{name}}!'\n    title: Привет\n  - text: \"Ответ\\tдва\"\n",
    "comment after header": "a: |  # комментарий\n  текст\n",
    "document list": "- раз\n- два\n---\n- три\n",
}


@pytest.mark.parametrize("text", YAML_CASES.values(), ids=YAML_CASES.keys())
def test_yaml_scalars_map_every_character_to_the_file(text):
    found = replies(text, "yaml")
    expected = [value for document in yaml.safe_load_all(text) for value in _strings(document)]
    assert [reply.text for reply in found] == [value for value in expected if value.strip()]
    for reply in found:
        assert reply.synthetic != frozenset(range(len(reply.text))) or not reply.text
        assert_maps_back(text, reply)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIP_KEYS:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_yaml_diagnostic_offsets_land_on_the_word_after_escapes_and_folds():
    text = 'reply: "Здравствуйте! \\"Ваш\\" заказ\n  готов,\n\n  ваш тикет закрыт."\n'
    reply = replies(text, "yaml")[0]
    word = reply.text.index("тикет")
    start, end = reply.to_file(word), reply.to_file(word + len("тикет"))
    assert text[start:end] == "тикет"


def test_yaml_names_replies_by_key_and_list_item_title():
    text = "greeting: Привет\nmacros:\n  - title: Возврат\n    body: Вернём деньги\n  - Просто строка\nid: x1\n"
    assert [reply.name for reply in replies(text, "yaml")] == [
        "greeting", "Возврат (macros[0].body)", "macros[1]"]


def test_yaml_text_paths_pick_the_reply_field():
    text = ("macros:\n  - title: Возврат\n    actions:\n      - field: status\n        value: pending\n"
            "      - field: comment_value\n        value: Вернём деньги завтра\n")
    found = replies(text, "yaml", text_paths=("macros[].actions[].value",))
    assert [(reply.name, reply.text) for reply in found] == [
        ("Возврат (macros[0].actions[0].value)", "pending"),
        ("Возврат (macros[0].actions[1].value)", "Вернём деньги завтра")]


def test_yaml_syntax_error_names_line_and_column():
    with pytest.raises(InputError) as error:
        replies("a: [1, 2\nb: c\n", "yaml")
    assert (error.value.path, error.value.line, error.value.column) == ("file.yaml", 2, 2)


JSON_TEXT = ('{"macros": [{"title": "Возврат", "actions": [{"value": "Здравствуйте, {{ticket.requester.first_name}}!'
             '\\nВаш \\"тикет\\" \\u0410\\ud83d\\ude00 закрыт\\\\ тикет"}]}],\n "n": 1, "ok": true, "x": null}')


def test_json_strings_map_every_character_through_escapes_and_surrogates():
    found = replies(JSON_TEXT, "json", text_paths=("macros[].actions[].value",))
    assert [reply.text for reply in found] == [json.loads(JSON_TEXT)["macros"][0]["actions"][0]["value"]]
    reply = found[0]
    assert reply.name == "Возврат (macros[0].actions[0].value)"
    assert_maps_back(JSON_TEXT, reply)
    last = reply.text.rindex("тикет")
    assert JSON_TEXT[reply.to_file(last):reply.to_file(last + 5)] == "тикет"


def test_json_error_names_line_and_column():
    with pytest.raises(InputError) as error:
        replies('{\n  "a": "b",\n  "c": \n}', "json")
    assert (error.value.line, error.value.column) == (4, 1)


def test_json_lines_use_the_text_column_and_name_the_line():
    text = '{"name": "a", "text": "Один\\tдва"}\r\n\n{"name": "b", "text": "Три"}\n"просто строка"\n'
    found = replies(text, "jsonl")
    assert [(reply.name, reply.text) for reply in found] == [
        ("a (строка 1)", "Один\tдва"), ("b (строка 3)", "Три"), ("строка 4", "просто строка")]
    for reply in found:
        assert_maps_back(text, reply)


def test_json_lines_error_is_on_the_broken_line():
    with pytest.raises(InputError) as error:
        replies('{"text": "a"}\n{"text": }\n', "jsonl")
    assert error.value.line == 2


def test_csv_quoted_fields_with_doubled_quotes_and_line_breaks():
    text = 'название;текст\r\nпривет;"Здравствуйте, ""Анна""!\r\nВторая строка"\r\nпока;просто текст\r\n'
    found = replies(text, "csv")
    assert [(reply.name, reply.text) for reply in found] == [
        ("привет (строка 2)", 'Здравствуйте, "Анна"!\r\nВторая строка'), ("пока (строка 4)", "просто текст")]
    for reply in found:
        assert_maps_back(text, reply)


def test_csv_agrees_with_the_csv_module():
    import csv
    import io

    text = 'id,text\n1,"a, b"\n2,"line\nbreak ""q"""\n3,plain\n'
    ours = [reply.text for reply in replies(text, "csv")]
    theirs = [row["text"] for row in csv.DictReader(io.StringIO(text, newline=""))]
    assert ours == theirs


def test_csv_without_a_text_column_is_an_error_naming_the_header():
    with pytest.raises(InputError) as error:
        replies("a,b\n1,2\n", "csv")
    assert error.value.line == 1 and "column" in error.value.message


def test_markdown_skips_front_matter_code_links_and_comments_but_keeps_offsets():
    text = ("---\ntitle: Тикет\n---\nЗдравствуйте! Смотрите [кабинет](https://x.ru/тикет) и `тикет`.\n"
            "```\nтикет\n```\n<!-- тикет -->\n![тикет](a.png) <https://тикет.рф>\n")
    reply = replies(text, "markdown")[0]
    assert len(reply.text) == len(text) and reply.offsets is None
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(reply.text) if c == "\n"]
    assert "тикет" not in reply.text and "кабинет" in reply.text
    spans = ignored_spans(text)
    covered = [text[start:end] for start, end in spans]
    assert all(any(piece in part for part in covered) for piece in
               ("title: Тикет", "(https://x.ru/тикет)", "`тикет`", "```\nтикет\n```", "<!-- тикет -->",
                "![тикет](a.png)", "<https://тикет.рф>"))
    assert "кабинет" not in "".join(covered).replace("(https://x.ru/тикет)", "")


def test_empty_and_blank_files_have_no_replies():
    for file_format in ("text", "markdown", "yaml", "json", "jsonl", "csv"):
        blank = {"json": "[]", "csv": ""}.get(file_format, "  \n\t\n")
        assert replies(blank, file_format) == []


def test_format_by_suffix():
    assert [format_of(name) for name in ("a.TXT", "a.md", "a.yml", "a.json", "a.ndjson", "a.tsv", "a")] == [
        "text", "markdown", "yaml", "json", "jsonl", "csv", "text"]


def test_reply_paths():
    assert parse_path("macros[].actions[].value") == ("macros", "[]", "actions", "[]", "value")
    assert parse_path("replies.*") == ("replies", "*")
    with pytest.raises(ConfigError):
        parse_path("a..b")


@pytest.mark.parametrize("text, words", [
    ('{"text": "Ваш тикет закрыт.",}', "ожидается ключ в двойных кавычках (лишняя запятая?)"),
    ('{"text": "Ваш тикет закрыт." "name": "a"}', "не хватает запятой между элементами"),
    ('{"text" "Ваш тикет закрыт."}', "после ключа нет «:»"),
    ('{"text": "Ваш тикет закрыт.}', "не закрыта кавычка"),
    ('{"text": "Ваш тикет закрыт."} x', "лишний текст после значения"),
])
def test_a_broken_json_file_is_named_in_russian(text, words):
    with pytest.raises(InputError) as raised:
        parse(text, "broken.json", "json", None)
    assert raised.value.message == f"ошибка JSON: {words}"
    assert raised.value.path == "broken.json" and raised.value.line == 1
