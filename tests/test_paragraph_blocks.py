"""readability.long-paragraph reads a paragraph as a reader sees it: a line break between
two sentences starts a new block, as a blank line does; a hard-wrapped sentence does not."""

from __future__ import annotations

import json

from helpers import run_cli as run

SENTENCE = ("Мы проверили ваш заказ, связались со складом и курьерской службой и выяснили, "
            "что посылку по ошибке отправили в другой пункт выдачи на соседней улице.")  # 25 words


def _long_paragraph_spans(tmp_path, text: str) -> list[tuple[int, int]]:
    """(first line, last line) of each long-paragraph finding on the text."""
    path = tmp_path / "reply.txt"
    path.write_text(text, encoding="utf-8")
    result = run("check", str(path), "--isolated", "--format", "json", "--select", "readability.long-paragraph")
    diagnostics = json.loads(result.stdout)["files"][0]["diagnostics"]
    for d in diagnostics:
        assert text[d["start"]:d["end"]] == d["text"]  # offsets point at the block's own characters
    return [(d["line"], d["end_line"]) for d in diagnostics]


def test_one_block_of_five_sentences_is_long(tmp_path):
    assert len(_long_paragraph_spans(tmp_path, " ".join([SENTENCE] * 5) + "\n")) == 1


def test_the_same_sentences_on_their_own_lines_are_short_blocks(tmp_path):
    assert _long_paragraph_spans(tmp_path, "\n".join([SENTENCE] * 5) + "\n") == []


def test_a_long_block_among_lines_is_pointed_at_on_its_own_line(tmp_path):
    text = "Добрый день!\n" + " ".join([SENTENCE] * 5) + "\nС уважением, Анна\n"
    assert _long_paragraph_spans(tmp_path, text) == [(2, 2)]


def test_a_sentence_wrapped_over_lines_stays_in_its_block(tmp_path):
    wrapped = SENTENCE.replace("курьерской службой и", "курьерской службой и\n")
    assert _long_paragraph_spans(tmp_path, " ".join([wrapped] * 5) + "\n") == [(1, 6)]
