"""What the language server makes of a file that is not a reply: a replylint rule file or a
team config. Both are validated from the editor's text (unsaved changes included) by the
same code `check` and `test-rules` run, so the messages are theirs.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from replylint.errors import ReplylintError

#: A rule file by its shape: a top-level ``kind:`` next to ``message:``, or a ``rules:``
#: list whose items have a ``kind:`` (a config's ``rules:`` is a list of folder names).
_RULE_KEYS = re.compile(r"^kind[ \t]*:", re.MULTILINE)
_MESSAGE_KEY = re.compile(r"^message[ \t]*:", re.MULTILINE)
_RULE_LIST = re.compile(r"^rules[ \t]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*-[ \t]*(?:id|kind)[ \t]*:",
                        re.MULTILINE)


def is_config(path: str) -> bool:
    from replylint.config import CONFIG_NAMES

    return os.path.basename(path) in CONFIG_NAMES


def is_rule_file(path: str, text: str, rule_dirs) -> bool:
    """A YAML file in one of the rule folders, or one shaped like a rule file."""
    if not path.lower().endswith((".yaml", ".yml")) or is_config(path):
        return False
    resolved = Path(path).resolve()
    if any(resolved.is_relative_to(Path(folder).resolve()) for folder in rule_dirs):
        return True
    return bool((_RULE_KEYS.search(text) and _MESSAGE_KEY.search(text)) or _RULE_LIST.search(text))


def rule_file_errors(path: str, text: str, other_rules) -> list[ReplylintError]:
    """Every mistake in a rule file's text, as loading it for `check` would report them,
    its ids taken by ``other_rules`` (the rules loaded from the other files), and — when it
    loads — its examples that fail, as `test-rules` reports them."""
    from replylint.rules.schema import load_rule_file

    real = Path(path)
    with tempfile.TemporaryDirectory(prefix="replylint-lsp-") as folder:
        # the same folder name: a rule's default id comes from its category folder
        copy = Path(folder, real.parent.name or "rules", real.name)
        copy.parent.mkdir()
        copy.write_text(text, encoding="utf-8")
        try:
            rules = load_rule_file(copy)
        except ReplylintError as error:
            for one in error.errors:
                one.path = path
            return error.errors
    return _taken_ids(path, rules, other_rules) or _failing_examples(path, text, rules)


def _taken_ids(path: str, rules, other_rules) -> list[ReplylintError]:
    real = Path(path)
    errors = []
    taken = {}
    for rule in other_rules:
        if Path(rule.path).resolve() != real.resolve():
            for name in (rule.id, *rule.aliases):
                taken.setdefault(name, rule)
    for rule in rules:
        for name in (rule.id, *rule.aliases):
            other = taken.get(name)
            if other is not None:  # (the loader's own message)
                errors.append(ReplylintError(f"правило {rule.id}: id '{name}' уже занят правилом {other.id} "
                                             f"({other.path}:{other.line})", path, rule.line))
    return errors


def config_errors(path: str, text: str) -> list[ReplylintError]:
    """Every mistake in a config's text: its keys and values, its rule folders and files,
    and the rule names it uses (what `check` reports before it checks anything)."""
    from replylint.api import CheckOptions, Session

    try:
        config = config_from_text(path, text)
        Session(CheckOptions(config))
    except ReplylintError as error:
        return error.errors
    return []


def config_from_text(path: str, text: str):
    """The config in ``text`` as ``load(path, strict=False)`` reads it from the file: its
    mistakes in ``problems`` (:class:`~replylint.api.Session` reports them with the mistakes
    in rule names); raises :class:`ConfigError` when it cannot be parsed at all.

    (``config.load`` reads only files; an editor's buffer is text not yet saved.)"""
    from replylint import config as config_module

    if Path(path).name == "pyproject.toml":
        data, line_of = config_module._read_toml(text, path)
    else:
        data, line_of = config_module._read_yaml(text.removeprefix("\ufeff"), path)
    return config_module._Validator(data, Path(path), line_of).config()


def _failing_examples(path: str, text: str, rules) -> list[ReplylintError]:
    """`test-rules` on the file's rules: each failure at the line of its example."""
    from replylint.ruletest import run_examples
    from replylint.yamlfile import load_yaml_text

    lines = _example_lines(load_yaml_text(text, path), rules)
    return [ReplylintError(f"{outcome.case_id}: {outcome.text} — {outcome.problem}", path,
                           lines.get(outcome.case_id))
            for outcome in run_examples(rules) if not outcome.passed]


def _example_lines(data, rules) -> dict[str, int]:
    """Case id (``jargon.coffee:bad:2``) → the line of that example in the file."""
    items = data["rules"] if "rules" in data else [data]
    lines: dict[str, int] = {}
    for rule, item in zip(rules, items):
        examples = item.get("examples")
        if not hasattr(examples, "line_of"):
            continue
        for group in ("bad", "good", "fix"):
            listed = examples.get(group)
            at = [examples.line_of(group)]  # (a lone string: the group's line)
            if isinstance(listed, dict):  # fix as a mapping «bad text: fixed text»
                at = [listed.line_of(key) for key in listed]
            elif hasattr(listed, "line_of"):
                at = [listed.line_of(index) for index in range(len(listed))]
            for number, line in enumerate(at, 1):
                lines[f"{rule.id}:{group}:{number}"] = line
    return lines
