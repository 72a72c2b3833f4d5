"""The text behind the language server's code actions and its position counting, on the
shapes a team's files take (the end-to-end tests in test_lsp.py cover the common ones)."""

from __future__ import annotations

import pytest
import yaml

from replylint.lsp.edits import add_word
from replylint.lsp.positions import PositionMap


def with_word(config: str, word: str) -> str:
    change = add_word(config, word)
    return config[:change.start] + change.text + config[change.end:]


@pytest.mark.parametrize("config, expected", [
    ("words: [Пятёрочка]\n", "words: [Пятёрочка, Магнит]\n"),
    ("words: [Пятёрочка, ВкусВилл ]  # магазины\nmode: templates\n",
     "words: [Пятёрочка, ВкусВилл, Магнит ]  # магазины\nmode: templates\n"),
    ("words: []\n", "words: [Магнит]\n"),
    ("words:\n  - Пятёрочка\nmode: templates\n", "words:\n  - Пятёрочка\n  - Магнит\nmode: templates\n"),
    ("words:\r\n    - Пятёрочка\r\n", "words:\r\n    - Пятёрочка\r\n    - Магнит\r\n"),
    ("words:\n# none yet\nmode: drafts\n", "words:\n  - Магнит\n# none yet\nmode: drafts\n"),
    ("words: Пятёрочка\n", "words: [Пятёрочка, Магнит]\n"),
    ("mode: templates\n", "mode: templates\nwords: [Магнит]\n"),
    ("mode: templates", "mode: templates\nwords: [Магнит]\n"),
    ("", "words: [Магнит]\n"),
], ids=["flow", "flow-comment", "flow-empty", "block", "block-crlf", "key-without-items", "scalar", "no-key",
        "no-final-newline", "empty-file"])
def test_add_word_keeps_the_files_style(config, expected):
    assert with_word(config, "Магнит") == expected
    assert yaml.safe_load(with_word(config, "Магнит"))["words"][-1] == "Магнит"


@pytest.mark.parametrize("word", ["yes", "да: нет", "#хэштег", "null"])
def test_a_word_yaml_would_misread_is_quoted(word):
    assert yaml.safe_load(with_word("words: [a]\n", word))["words"] == ["a", word]
    assert yaml.safe_load(with_word("words:\n  - a\n", word))["words"] == ["a", word]


@pytest.mark.parametrize("encoding, widths", [("utf-16", (0, 1, 3, 4)), ("utf-8", (0, 2, 6, 8)),
                                              ("utf-32", (0, 1, 2, 3))])
def test_positions_count_code_units_of_the_encoding(encoding, widths):
    text = "x\r\nж😀ю\rz\n"
    positions = PositionMap(text, encoding)
    line_two = text.index("ж")
    assert [positions.position(line_two + i)[1] for i in range(4)] == list(widths)
    assert positions.position(text.index("z")) == (2, 0)
    assert [positions.offset(1, width) for width in widths] == [line_two + i for i in range(4)]
    assert positions.offset(1, 99) == text.index("\r", line_two)  # past the end: the line's end
