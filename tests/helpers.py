"""Build small rule sets from YAML text, so engine tests do not depend on the bundled packs."""

from __future__ import annotations

import textwrap
from pathlib import Path

from click.testing import CliRunner

from replylint.cli import main
from replylint.linter import Linter
from replylint.rules.schema import load_rule_file

ROOT = Path(__file__).resolve().parent.parent
CANNED = ROOT / "examples" / "canned-repo"

#: A QA lead's own rule, valid and with passing examples; tests break it on purpose.
COFFEE_RULE = """\
id: jargon.coffee
kind: substitution
category: jargon
message: "«{match}» → «{replacement}»"
explanation: Бариста говорит на языке клиента.
source: "«Вам кофе помягче или робуста?»"
swap:
  купаж: мягкий кофе
examples:
  bad: ["Вам купаж?"]
  good: ["Вам помягче?"]
"""


def run_cli(*args, input=None):
    """Run the command line in-process, as a user would type it."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)

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
    # A one-rule linter tests what the rule matches: every finding, none merged as one fault.
    return Linter(load_rule_file(path), one_remark_per_fault=False)


def spans(linter: Linter, text: str) -> list[str]:
    return [diagnostic.text for diagnostic in linter.lint(text)]
