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
    and its ids taken by ``other_rules`` (the rules loaded from the other files)."""
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
