"""Hostile and broken input: nothing hangs, nothing explodes, every bad file is one line.

Large-scale cases are scaling tests: the same work on a 1× and a 2× input in one run, the
2× run must cost about twice as much (a quadratic cost makes it four times), never a
fixed time budget.
"""

from __future__ import annotations

import gc
import time

import pytest

from helpers import run_cli as run
from replylint.errors import ReplylintError
from replylint.formats import FormatOptions, scalars
from replylint.formats import yamlfile as reply_yaml
from replylint.yamlfile import load_yaml_text

GOOD = "- Ваш тикет закрыт.\n"


def billion_laughs() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for previous, name in zip("abcdefgh", "bcdefghi"):
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    return text


def scaling_ratio(work, make_input, repeats: int = 3) -> float:
    """Best-of-``repeats`` cost of ``work`` on the 2× input over the 1× input."""
    def best(size):
        data = make_input(size)
        times = []
        for _ in range(repeats):
            gc.collect()
            start = time.process_time()
            work(data)
            times.append(time.process_time() - start)
        return min(times)
    work(make_input(1))  # warm caches and imports
    # Processor time, without the collector: other processes and the collector's
    # generations add noise, never the growth being measured.
    gc.disable()
    try:
        return best(2) / best(1)
    finally:
        gc.enable()


HOSTILE_YAML = {
    "laughs.yaml": (billion_laughs(), 5, "aliases expand to too many nodes"),
    "recursive.yaml": ('a: &a ["Ваш тикет", *a]\n', 1, "recursive alias 'a'"),
    "deep-flow.yaml": ("x: " + "[" * 600 + "]" * 600 + "\n", 1, "nested deeper than 200 levels"),
    "deep-block.yaml": ("".join("  " * i + f"k{i}:\n" for i in range(400)) + "  " * 400 + "v\n",
                        201, "nested deeper than 200 levels"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_hostile_reply_yaml_is_one_error_and_other_files_are_checked(tmp_path, monkeypatch, name):
    text, line, problem = HOSTILE_YAML[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", ".")
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"replylint: {name}:{line}:")
    assert problem in errors[0] and "Traceback" not in result.stderr
    assert "ok.yaml:1:" in result.stdout  # the good file was still checked


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_hostile_yaml_in_config_and_rule_files_is_a_config_error(tmp_path, name):
    text, line, problem = HOSTILE_YAML[name]
    with pytest.raises(ReplylintError) as caught:
        load_yaml_text(text, ".replylint.yaml")
    assert caught.value.line == line and problem in caught.value.message


def test_aliases_that_do_not_explode_still_load():
    text = "base: &b {severity: warning, tags: [a, b]}\none: {<<: *b, x: 1}\ntwo: *b\n"
    data = load_yaml_text(text, "x.yaml")
    assert data["one"] == {"severity": "warning", "tags": ["a", "b"], "x": 1}
    assert data["two"]["tags"] == ["a", "b"]
    replies = reply_yaml.parse("x: &t Ваш тикет закрыт\ny: *t\n", "r.yaml", FormatOptions())
    assert [reply.text for reply in replies] == ["Ваш тикет закрыт", "Ваш тикет закрыт"]


def test_hostile_rule_file_is_reported_with_its_line(tmp_path, monkeypatch):
    rules = tmp_path / "my-rules" / "jargon"
    rules.mkdir(parents=True)
    (rules / "laughs.yaml").write_text("kind: existence\n" + billion_laughs(), encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("rules: [my-rules]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ваш тикет\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert "laughs.yaml:6:" in result.stderr and "aliases expand to too many nodes" in result.stderr
    assert "Traceback" not in result.stderr


def _block_export(size: int) -> str:
    item = "- id: {0}\n  text: |\n    Ваш заказ {0} будет доставлен завтра, спасибо за обращение.\n" \
           "    Мы проверим тикет и напишем.\n"
    return "".join(item.format(index) for index in range(1500 * size))


def test_reading_a_large_reply_yaml_is_linear():
    def parse(text):
        assert len(reply_yaml.parse(text, "big.yaml", FormatOptions())) >= 1500
    assert scaling_ratio(parse, _block_export) < 3


def test_a_block_scalar_costs_the_same_wherever_it_stands_in_the_file():
    block = "t: |\n" + "    строка текста ответа\n" * 200

    def make(size):
        source = "x: y\n" * (500_000 * size) + block
        return source, source.index("|")

    def read(data):
        source, start = data
        assert scalars.block(source, start, 0)[0].count("\n") == 200
    assert scaling_ratio(read, make, repeats=5) < 1.5
