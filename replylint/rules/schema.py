"""The rule file format: validation of YAML data into :class:`Rule` (no NLP needed).

This module reads the keys every rule has and hands the rest to the rule's kind (its
``Options``, see :mod:`replylint.rules.kinds`). Everything a QA lead can get wrong is
reported with file, line and rule id, and all the errors of a file are collected before
loading stops. See docs/rules.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from replylint.categories import CATEGORIES
from replylint.errors import ReplylintError, RuleFileError
from replylint.rules.checker import Checker, did_you_mean, type_name
from replylint.rules.kinds import KEYS, NAMES, kind_named
from replylint.rules.options import keys_of, read_options
from replylint.rules.patternspec import PatternSpec, check_backtracking, read_pattern_set
from replylint.yamlfile import LineDict, LineList, load_yaml_file

SEVERITIES = ("error", "warning", "suggestion")
APPLIES_TO = ("all", "drafts", "templates")
COMMON_KEYS = frozenset({"id", "kind", "category", "severity", "message", "explanation", "source",
                         "suggest", "examples", "aliases", "enabled", "applies_to", "unless",
                         "unless_client_said", "unless_register"})
#: ``unless_client_said: match``: the rule finds nothing where the client said every word it matched.
CLIENT_SAID_MATCH = "match"
#: Keys at the top of a file in the list form: defaults for each of its rules.
FILE_DEFAULTS = ("category", "source", "severity")
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*(\.[a-z0-9][a-z0-9\-]*)+$")
_ID_FORM = "'категория.имя' (строчные латинские буквы, цифры, дефисы)"
_SEE_CATEGORIES = "что означает каждая: `replylint explain <категория>` и docs/categories.md"


@dataclass(frozen=True, slots=True)
class SuggestSpec:
    """A rule's suggestion: ``replace`` (inflected into the match) or ``advice`` text."""

    text: str
    replace: bool = False
    safe: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A validated rule, before compilation.

    Attributes:
        options: the kind's keys (and ``unless``) as the file wrote them, for
            ``replylint rules --format json``.
        kind_options: the kind's ``Options``, read from them: what the kind compiles.
        unless: the exceptions (``unless``), read.
    """

    id: str
    kind: str
    category: str
    severity: str
    message: str
    explanation: str
    source: str
    suggest: tuple[SuggestSpec, ...]
    examples_bad: tuple[str, ...]
    examples_good: tuple[str, ...]
    options: dict = field(hash=False, compare=False)
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    applies_to: str = "all"
    path: str = ""
    line: int = 0
    kind_options: object = field(default=None, hash=False, compare=False, repr=False)
    unless: PatternSpec | None = field(default=None, hash=False, compare=False, repr=False)
    #: (bad text, the text after the rule's rewrites) pairs, run like ``bad`` and ``good``
    examples_fix: tuple[tuple[str, str], ...] = ()
    #: ``unless_client_said``: :data:`CLIENT_SAID_MATCH`, or the words and phrases the
    #: client's message may hold to make the finding no fault (empty: the key is absent).
    unless_client_said: str | tuple[str, ...] = ()
    #: (the client's message, text, should fire) triples of ``examples.client``
    examples_client: tuple[tuple[str, str, bool], ...] = ()
    #: ``unless_register``: the registers of a reply (see :mod:`replylint.register`) in
    #: which the rule finds nothing (empty: every register).
    unless_register: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "id": self.id, "kind": self.kind, "category": self.category,
            "severity": self.severity, "message": self.message,
            "explanation": self.explanation, "source": self.source,
            "suggest": [{"replace" if s.replace else "advice": s.text, "safe": s.safe}
                        for s in self.suggest],
            "examples": {"bad": list(self.examples_bad), "good": list(self.examples_good),
                         "fix": [list(pair) for pair in self.examples_fix],
                         "client": [{"client": client, "bad" if fires else "good": text}
                                    for client, text, fires in self.examples_client]},
            "aliases": list(self.aliases), "enabled": self.enabled,
            "applies_to": self.applies_to, "options": _plain(self.options),
            "path": self.path, "line": self.line,
        }


def _plain(value):
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def load_rule_file(path: Path, root: Path | None = None) -> list[Rule]:
    """Read and validate one rule file; raise :class:`RuleFileError` with every error found."""
    try:
        data = load_yaml_file(path)
    except ReplylintError as error:
        raise RuleFileError([error]) from None
    checker = Checker(str(path))
    rules: list[Rule] = []
    if isinstance(data, LineDict) and "rules" in data:
        checker.rule = ""
        checker.unknown_keys(data, {"rules", *FILE_DEFAULTS}, "в файле")
        defaults = {key: data[key] for key in FILE_DEFAULTS if key in data}
        items = data["rules"]
        if not isinstance(items, LineList) or not items:
            checker.error(data.line_of("rules"), "'rules': нужен непустой список правил")
            items = LineList()
        for number, item in enumerate(items, 1):
            if not isinstance(item, LineDict):
                checker.rule = ""
                checker.error(items.line_of(number - 1), f"элемент №{number} в 'rules' должен быть правилом "
                                                         f"(словарём «ключ: значение»), а здесь {type_name(item)}")
                continue
            rule = _rule(item, defaults, None, checker, number)
            if rule:
                rules.append(rule)
    elif isinstance(data, LineDict):
        default_id = f"{path.parent.name}.{path.stem}" if path.parent.name in CATEGORIES else None
        rule = _rule(data, {}, default_id, checker, None)
        if rule:
            rules.append(rule)
    elif data is None:
        checker.rule = ""
        checker.error(1, "файл пуст (нужно правило или список 'rules:')")
    else:
        checker.rule = ""
        checker.error(1, f"нужно правило (словарь «ключ: значение») или список 'rules:', а здесь {type_name(data)}")
    if checker.errors:
        raise RuleFileError(checker.errors)
    return rules


def _rule(data: LineDict, defaults: dict, default_id: str | None, checker: Checker,
          number: int | None) -> Rule | None:
    """One rule of a file (``number``: its place in a ``rules:`` list, None: the file is the rule)."""
    errors_before = len(checker.errors)
    checker.regexes = []
    rule_id = _rule_id(data, default_id, checker, number)
    merged = LineDict({**defaults, **data})
    merged.line = data.line
    merged.key_lines = data.key_lines
    kind_name = checker.choice(merged, "kind", NAMES, None)
    checker.unknown_keys(data, COMMON_KEYS | KEYS[kind_name] if kind_name else COMMON_KEYS, "в правиле")
    category = _category(merged, checker)
    severity = checker.choice(merged, "severity", SEVERITIES, "warning")
    message = checker.string(merged, "message")
    if message and "\n" in message.strip():
        checker.error(merged.line_of("message"), "'message': сообщение должно умещаться в одну строку")
    explanation = checker.string(merged, "explanation")
    source = checker.string(merged, "source")
    suggest = _suggestions(merged, checker)
    bad, good = _examples(merged, checker)
    fix = fix_examples(merged, checker)
    client_examples = _client_examples(merged, checker)
    aliases = checker.string_list(merged, "aliases")
    enabled = checker.boolean(merged, "enabled", True)
    applies_to = checker.choice(merged, "applies_to", APPLIES_TO, "all")
    options: dict = {}
    kind_options = None
    if kind_name:
        kind = kind_named(kind_name)
        options = {key: merged[key] for key in keys_of(kind.Options) if key in merged}
        kind_options = read_options(kind.Options, merged, checker, kind_name)
    unless = None
    if "unless" in merged:
        options["unless"] = merged["unless"]
        unless = read_pattern_set(checker, merged["unless"], merged.line_of("unless"), "unless", allow_scope=True)
    unless_client_said = _unless_client_said(merged, checker)
    if unless_client_said:
        options["unless_client_said"] = merged["unless_client_said"]
    unless_register = _unless_register(merged, checker)
    if unless_register:
        options["unless_register"] = merged["unless_register"]
    if len(checker.errors) == errors_before:
        check_backtracking(checker, [*bad, *good])
    if len(checker.errors) > errors_before:
        return None
    return Rule(rule_id, kind_name, category, severity, message.strip(), explanation.strip(),
                source.strip(), tuple(suggest), tuple(bad), tuple(good), options,
                tuple(aliases), enabled, applies_to, checker.path, data.line,
                kind_options=kind_options, unless=unless, examples_fix=tuple(fix),
                unless_client_said=unless_client_said, examples_client=tuple(client_examples),
                unless_register=unless_register)


def _unless_client_said(data: LineDict, checker: Checker) -> str | tuple[str, ...]:
    """``unless_client_said``: ``match`` or a list of words and phrases."""
    if "unless_client_said" not in data:
        return ()
    value = data["unless_client_said"]
    if value == CLIENT_SAID_MATCH:
        return CLIENT_SAID_MATCH
    if isinstance(value, list) and value and all(isinstance(item, str) and item.strip() for item in value):
        return tuple(item.strip() for item in value)
    shown = repr(value) if isinstance(value, str) else type_name(value)
    checker.error(data.line_of("unless_client_said"),
                  f"'unless_client_said': нужно '{CLIENT_SAID_MATCH}' (слова, найденные правилом) или непустой "
                  f"список слов и фраз, а здесь {shown}")
    return ()


def _unless_register(data: LineDict, checker: Checker) -> tuple[str, ...]:
    """``unless_register``: a register or a list of them (see :mod:`replylint.register`)."""
    from replylint.register import REGISTERS

    if "unless_register" not in data:
        return ()
    value = data["unless_register"]
    values = [value] if isinstance(value, str) else value
    if isinstance(values, list) and values and all(isinstance(item, str) and item in REGISTERS for item in values):
        return tuple(values)
    known = ", ".join(REGISTERS)
    wrong = [item for item in values if isinstance(item, str)] if isinstance(values, list) else []
    wrong = [item for item in wrong if item not in REGISTERS]
    if wrong:
        checker.error(data.line_of("unless_register"), f"'unless_register': неизвестный регистр {wrong[0]!r} "
                      f"(допустимы: {known}){did_you_mean(wrong[0], REGISTERS)}")
    else:
        shown = "пустой список" if values == [] else type_name(value)
        checker.error(data.line_of("unless_register"),
                      f"'unless_register': нужен регистр или список регистров ({known}), а здесь {shown}")
    return ()


def _rule_id(data: LineDict, default_id: str | None, checker: Checker, number: int | None):
    """The rule's id (derived from the file's path when the file is the rule)."""
    rule_id = data.get("id", default_id)
    if isinstance(rule_id, str) and rule_id:
        checker.rule = f"правило {rule_id}"
    else:
        checker.rule = "правило без id" if number is None else f"правило №{number} (без id)"
    if rule_id is None:
        where = "задайте его у каждого правила в 'rules'" if number is not None else \
            "задайте его или положите файл в папку категории: <категория>/<имя>.yaml"
        checker.error(data.line, f"нет ключа 'id' — назовите правило {_ID_FORM}, например 'jargon.terms'; {where}")
    elif "id" not in data and not _RULE_ID.match(rule_id):
        checker.error(data.line, f"id {rule_id!r}, взятый из пути файла, должен выглядеть как {_ID_FORM}: "
                                 "переименуйте файл или задайте 'id'")
    elif not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        checker.error(data.line_of("id"), f"'id' должен выглядеть как {_ID_FORM}, а здесь {rule_id!r}")
    return rule_id


def _category(data: LineDict, checker: Checker) -> str | None:
    if "category" not in data:
        checker.error(data.line, f"нет обязательного ключа 'category' ({_SEE_CATEGORIES})")
        return None
    category = data["category"]
    if not isinstance(category, str) or category not in CATEGORIES:
        checker.error(data.line_of("category"),
                      f"неизвестная категория {category!r}{did_you_mean(category, CATEGORIES)} "
                      f"(известны: {', '.join(CATEGORIES)}; {_SEE_CATEGORIES})")
        return None
    return category


def _suggestions(data: LineDict, checker: Checker) -> list[SuggestSpec]:
    value = data.get("suggest")
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    result = []
    for position, item in enumerate(items):
        line = items.line_of(position) if isinstance(items, LineList) else data.line_of("suggest")
        if isinstance(item, str) and item.strip():
            result.append(SuggestSpec(item.strip()))
        elif isinstance(item, LineDict):
            checker.unknown_keys(item, {"replace", "advice", "safe"}, "в подсказке")
            if ("replace" in item) == ("advice" in item):
                checker.error(line, "в подсказке нужен ровно один из ключей 'replace' или 'advice'")
                continue
            key = "replace" if "replace" in item else "advice"
            text = checker.string(item, key)
            safe = checker.boolean(item, "safe", False)
            if text:
                result.append(SuggestSpec(text.strip(), key == "replace", safe))
        else:
            checker.error(line, f"подсказка — это строка или словарь, а здесь {type_name(item)}")
    return result


def _examples(data: LineDict, checker: Checker) -> tuple[list[str], list[str]]:
    examples = data.get("examples")
    if examples is None:
        checker.error(data.line, "нет обязательного ключа 'examples' (с текстами 'bad' и 'good')")
        return [], []
    if not isinstance(examples, LineDict):
        checker.error(data.line_of("examples"), "'examples': нужен словарь с 'bad' и 'good'")
        return [], []
    checker.unknown_keys(examples, {"bad", "good", "fix", "client"}, "в 'examples'")
    bad = checker.string_list(examples, "bad")
    good = checker.string_list(examples, "good")
    if not bad:
        checker.error(examples.line, "в 'examples' нужен хотя бы один текст 'bad'")
    return bad, good


def _client_examples(data: LineDict, checker: Checker) -> list[tuple[str, str, bool]]:
    """``examples.client``: texts checked beside a client's message, each a mapping
    ``{client: message, good: text}`` (no finding) or ``{client: message, bad: text}``."""
    examples = data.get("examples")
    value = examples.get("client") if isinstance(examples, LineDict) else None
    if value is None:
        return []
    problem = "'client': нужен список словарей {client: сообщение клиента, good: текст} (или bad: текст)"
    if not isinstance(value, LineList) or not value:
        checker.error(examples.line_of("client"), problem)
        return []
    result = []
    for position, item in enumerate(value):
        if not isinstance(item, LineDict):
            checker.error(value.line_of(position), problem)
            continue
        checker.unknown_keys(item, {"client", "good", "bad"}, "в примере с сообщением клиента")
        texts = [(key, item[key]) for key in ("bad", "good") if key in item]
        message = item.get("client")
        if len(texts) != 1 or not all(isinstance(text, str) and text.strip() for text in (message, texts[0][1])):
            checker.error(item.line, problem)
            continue
        result.append((message, texts[0][1], texts[0][0] == "bad"))
    return result


def fix_examples(data: LineDict, checker: Checker) -> list[tuple[str, str]]:
    """``examples.fix``: what a bad text reads like after the rule's rewrites, as a
    mapping ``"bad text": "fixed text"`` or a list of ``[bad text, fixed text]`` pairs."""
    examples = data.get("examples")
    value = examples.get("fix") if isinstance(examples, LineDict) else None
    if value is None:
        return []
    line = examples.line_of("fix")
    if isinstance(value, LineDict):
        pairs = list(value.items())
    elif isinstance(value, list) and all(isinstance(item, list) and len(item) == 2 for item in value):
        pairs = [tuple(item) for item in value]
    else:
        checker.error(line, "'fix': нужен словарь «плохой текст: исправленный текст» или список пар "
                            "[плохой текст, исправленный текст]")
        return []
    if not all(isinstance(before, str) and isinstance(after, str) and before.strip() and after.strip()
               for before, after in pairs):
        checker.error(line, "'fix': каждая пара — две непустые строки: плохой текст и исправленный")
        return []
    if not any(spec.replace for spec in _suggestions(data, Checker(checker.path))) \
            and data.get("kind") != "substitution":
        checker.error(line, "примерам 'fix' нужно правило с заменами ('swap' или 'suggest: {replace: …}')")
        return []
    return [(before, after) for before, after in pairs]
