"""Build small rule sets from YAML text, so engine tests do not depend on the bundled packs."""

from __future__ import annotations

import textwrap
from pathlib import Path

from replylint.linter import Linter
from replylint.rules.schema import load_rule_file

BASE = """
category: {category}
severity: warning
message: "{message}"
explanation: Тестовое правило.
source: "тест"
examples:
  bad: ["x"]
"""


def rule_yaml(body: str, category: str = "jargon", message: str = "сообщение «{match}»",
              rule_id: str = "jargon.test") -> str:
    return f"id: {rule_id}\n" + BASE.format(category=category, message=message) + textwrap.dedent(body)


def make_linter(tmp_path: Path, body: str, **options) -> Linter:
    path = tmp_path / "rule.yaml"
    path.write_text(rule_yaml(body, **options), encoding="utf-8")
    return Linter(load_rule_file(path))


def spans(linter: Linter, text: str) -> list[str]:
    return [diagnostic.text for diagnostic in linter.lint(text)]
