"""Finds rule files (bundled and a QA lead's own folders) and loads them without NLP,
so `replylint rules` and `replylint explain` stay instant."""

from __future__ import annotations

import os
from pathlib import Path

from replylint.errors import ReplylintError, RuleFileError
from replylint.rules.schema import Rule, load_rule_file


def bundled_rules_dir() -> Path:
    """The rules shipped with replylint (installed package data, or rules/ in a checkout)."""
    try:
        import replylint._bundled_rules as bundled

        return Path(bundled.__file__).parent
    except ImportError:
        return Path(__file__).resolve().parent.parent / "rules"


#: A rule folder holds tens of files; `rules: ["/"]` must not walk the whole disk.
MAX_RULE_FOLDER_ENTRIES = 20_000


def rule_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise ReplylintError("нет такой папки с правилами", str(directory))
    found: list[Path] = []
    entries = 0
    for root, folders, names in os.walk(directory):  # links are not followed
        entries += len(folders) + len(names)
        if entries > MAX_RULE_FOLDER_ENTRIES:
            raise ReplylintError(f"в папке с правилами больше {MAX_RULE_FOLDER_ENTRIES} файлов и папок; "
                                 "укажите папку, где лежат только файлы правил",
                                 str(directory))
        found.extend(Path(root, name) for name in names if name.endswith((".yaml", ".yml")))
    files = [path for path in found if path.is_file()]
    return sorted(p for p in files if p.suffix == ".yaml") + sorted(p for p in files if p.suffix == ".yml")


def load_rules(extra_dirs=(), include_bundled: bool = True) -> list[Rule]:
    """Load and validate every rule; raise :class:`RuleFileError` listing all problems.

    A file inside two of the folders (``--rules rules/jargon`` next to the bundled
    rules) is loaded once.
    """
    directories = ([bundled_rules_dir()] if include_bundled else []) + [Path(d) for d in extra_dirs]
    rules: list[Rule] = []
    errors: list[ReplylintError] = []
    loaded: set[Path] = set()
    for directory in directories:
        try:
            files = rule_files(directory)
        except ReplylintError as error:
            errors.append(error)
            continue
        for path in files:
            if path.resolve() in loaded:
                continue
            loaded.add(path.resolve())
            try:
                rules.extend(load_rule_file(path))
            except RuleFileError as error:
                errors.extend(error.errors)
    seen: dict[str, Rule] = {}
    for rule in rules:
        for name in (rule.id, *rule.aliases):
            if name in seen:
                other = seen[name]
                errors.append(ReplylintError(
                    f"правило {rule.id}: id '{name}' уже занят правилом {other.id} "
                    f"({other.path}:{other.line})", rule.path, rule.line))
            else:
                seen[name] = rule
    if errors:
        raise RuleFileError(errors)
    return rules


def rules_under(rules: list[Rule], directories) -> list[Rule]:
    """The rules whose files are inside one of ``directories``."""
    folders = [Path(directory).resolve() for directory in directories]
    return [rule for rule in rules if any(Path(rule.path).resolve().is_relative_to(folder) for folder in folders)]


def find_rule(rules: list[Rule], name: str) -> Rule | None:
    for rule in rules:
        if rule.id == name or name in rule.aliases:
            return rule
    return None


def select_rules(rules: list[Rule], select=(), ignore=()) -> list[Rule]:
    """Enabled rules picked by id, alias or category (``--select``/``--ignore``)."""
    def named(rule: Rule, names) -> bool:
        return any(name in (rule.id, rule.category, *rule.aliases)
                   or (name.endswith(".") and rule.id.startswith(name)) for name in names)

    chosen = []
    for rule in rules:
        if select:
            if not named(rule, select):
                continue
        elif not rule.enabled:
            continue
        if ignore and named(rule, ignore):
            continue
        chosen.append(rule)
    return chosen
