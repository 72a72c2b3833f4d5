"""Finds and validates the team's configuration: ``.replylint.yaml`` or
``[tool.replylint]`` in ``pyproject.toml``, the nearest one walking up from the checked path.

Unknown keys and bad values are :class:`ConfigError`s naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from replylint.errors import ConfigError, ReplylintError
from replylint.segment import LIQUID, MUSTACHE, backtracking_problem

CONFIG_NAMES = (".replylint.yaml", ".replylint.yml")
LEVELS = ("error", "warning", "suggestion")
MODES = ("drafts", "templates")
ADDRESS_FORMS = ("вы", "Вы", "ты")

#: Named placeholder syntaxes (``placeholders:`` in the config).
PLACEHOLDER_SYNTAXES: dict[str, tuple[str, ...]] = {
    "mustache": (MUSTACHE,),                            # {{ticket.requester.first_name}}, Liquid output
    "liquid": (LIQUID,),                                # {% if ... %}
    "brace": (r"\$?\{[A-Za-z_][\w.\-]*\}", r"%\{[\w.\-]+\}"),  # {name}, ${name}, %{name}
    "percent": (r"%%?[A-Za-zА-Яа-яЁё_][\w.\-]*%%?(?<=%)",),     # %NAME%, %%NAME%%
    "brackets": (r"\[[A-ZА-ЯЁ_][A-ZА-ЯЁ0-9_ .\-]*\]",),       # [ИМЯ КЛИЕНТА]
    "angle": (r"<[а-яё_][а-яё0-9_ \-]*>", r"<[A-Z_][A-Z0-9_]*>"),  # <имя>, <NAME>
}

_FORMAT_KEYS = {
    "yaml": ("text_paths", "skip_keys"),
    "json": ("text_paths", "skip_keys"),
    "jsonl": ("column", "name_column"),
    "csv": ("column", "name_column", "delimiter"),
}

_KEYS = ("rules", "select", "ignore", "severity", "thresholds", "settings", "address", "words", "mode",
         "placeholders", "include", "exclude", "fail_on", "encoding", "formats", "inline_config", "jobs")


@dataclass(frozen=True, slots=True)
class Config:
    """The settings a check runs with (defaults when there is no config file).

    Paths (``rule_dirs``) are absolute; globs are relative to :attr:`root`.
    """

    path: str | None = None
    root: str = "."
    rule_dirs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict = field(default_factory=dict)
    thresholds: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)
    address: str | None = None
    words: tuple[str, ...] = ()
    mode: str = "drafts"
    placeholders: tuple[str, ...] | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str = "warning"
    encoding: str | None = None
    formats: dict = field(default_factory=dict)
    inline_config: bool = True
    jobs: int | None = None
    #: line of each key in the config file, to name it in errors found later
    lines: dict = field(default_factory=dict)

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    def placeholder_patterns(self) -> tuple[str, ...]:
        from replylint.segment import DEFAULT_PLACEHOLDER_PATTERNS

        return DEFAULT_PLACEHOLDER_PATTERNS if self.placeholders is None else self.placeholders

    def format_options(self, file_format: str):
        from replylint.formats import FormatOptions

        values = self.formats.get(file_format, {})
        options = {key: tuple(value) if isinstance(value, list) else value for key, value in values.items()}
        return FormatOptions(**options)


def find(start: str) -> Path | None:
    """The nearest config file in ``start`` (a file or folder) or a folder above it."""
    directory = Path(start).resolve()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return re.search(r"^\s*\[tool\.replylint(?:\.[\w-]+)?\]", path.read_text(encoding="utf-8"),
                         re.MULTILINE) is not None
    except (OSError, UnicodeDecodeError):
        return False


def load(path: Path | str) -> Config:
    """Read and validate a config file (``.replylint.yaml`` or ``pyproject.toml``)."""
    path = Path(path)
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"not valid UTF-8 (byte {error.start})", display) from None
    except OSError as error:
        raise ConfigError(f"cannot read the config: {error.strerror or error}", display) from None
    if path.name == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(text).get("tool", {}).get("replylint", {})
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"invalid TOML: {error}", display) from None

        def line_of(key_path: tuple) -> int | None:
            return _toml_line(text, key_path)
    else:
        from replylint.yamlfile import load_yaml_text

        try:
            data = load_yaml_text(text, display)
        except ConfigError:
            raise
        except ReplylintError as error:
            raise ConfigError(error.message, error.path, error.line, error.column) from None
        if data is None:
            data = {}

        def line_of(key_path: tuple) -> int | None:
            node = data
            line = getattr(data, "line", None)
            for key in key_path:
                if isinstance(node, dict) and key in node:
                    line = node.line_of(key) if hasattr(node, "line_of") else line
                    node = node[key]
                elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                    line = node.line_of(key) if hasattr(node, "line_of") else line
                    node = node[key]
                else:
                    break
            return line
    return _validate(data, path, line_of)


def _toml_line(text: str, key_path: tuple) -> int | None:
    """The line of a key inside [tool.replylint] (or a sub-table of it) in pyproject.toml."""
    section = None
    found = None
    names = [str(key) for key in key_path if not isinstance(key, int)]
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            section = header.group(1)
            if names and section == "tool.replylint." + ".".join(names):
                return number
            continue
        if section is None or not section.startswith("tool.replylint"):
            continue
        inner = section[len("tool.replylint"):].lstrip(".").split(".") if section != "tool.replylint" else []
        rest = names[len(inner):] if names[:len(inner)] == inner else None
        if rest and re.match(rf"^\s*[\"']?{re.escape(rest[0])}[\"']?\s*=", line):
            found = number
            if len(rest) == 1:
                return number
    return found


def _validate(data, path: Path, line_of) -> Config:
    display = str(path)
    root = path.parent.resolve()

    def fail(key_path: tuple, message: str):
        raise ConfigError(message, display, line_of(key_path))

    if not isinstance(data, dict):
        raise ConfigError("a config is a mapping of settings (expected keys such as select, ignore, mode)",
                          display, 1)
    # a key left with only comments under it (as in the starter file) means "the default"
    data = {key: value for key, value in data.items() if value is not None}
    for key in data:
        if key not in _KEYS:
            fail((key,), f"unknown key '{key}' (expected one of: {', '.join(_KEYS)})")

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            fail((key,), f"{key}: expected a list of strings")
        return tuple(value)

    def level(key_path: tuple, value, allowed=LEVELS) -> str:
        if value not in allowed:
            fail(key_path, f"{'.'.join(map(str, key_path))}: '{value}' is not a level (expected {' | '.join(allowed)})")
        return value

    rule_dirs = []
    for index, folder in enumerate(strings("rules")):
        full = (root / folder).resolve()
        if not full.is_dir():
            fail(("rules", index), f"rules: folder '{folder}' does not exist (relative to {root})")
        rule_dirs.append(str(full))
    severities = data.get("severity", {})
    if not isinstance(severities, dict):
        fail(("severity",), "severity: expected a mapping of rule id or category → error | warning | suggestion")
    for name, value in severities.items():
        level(("severity", name), value, LEVELS + ("off",))
    thresholds = data.get("thresholds", {})
    if not isinstance(thresholds, dict):
        fail(("thresholds",), "thresholds: expected a mapping of name → number (e.g. sentence_words: 25)")
    for name, value in thresholds.items():
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            fail(("thresholds", name), f"thresholds.{name}: expected a positive whole number, got {value!r}")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        fail(("settings",), "settings: expected a mapping")
    address = data.get("address")
    if address is not None and address not in ADDRESS_FORMS:
        fail(("address",), f"address: '{address}' is not an address form (expected вы | Вы | ты)")
    mode = data.get("mode", "drafts")
    if mode not in MODES:
        fail(("mode",), f"mode: '{mode}' (expected drafts | templates)")
    placeholders = None
    if "placeholders" in data:
        placeholders = _placeholders(data["placeholders"], fail)
    fail_on = level(("fail_on",), data.get("fail_on", "warning"))
    encoding = data.get("encoding")
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(str(encoding))
        except LookupError:
            fail(("encoding",), f"encoding: unknown encoding '{encoding}' (e.g. utf-8, cp1251)")
    inline = data.get("inline_config", True)
    if not isinstance(inline, bool):
        fail(("inline_config",), "inline_config: expected true or false")
    jobs = data.get("jobs")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        fail(("jobs",), "jobs: expected a positive whole number")
    formats = _formats(data.get("formats", {}), fail)
    lines = {key: line_of((key,)) for key in data}
    for name in severities:
        lines[f"severity.{name}"] = line_of(("severity", name))
    for name in thresholds:
        lines[f"thresholds.{name}"] = line_of(("thresholds", name))
    for index, _ in enumerate(strings("select")):
        lines[f"select.{index}"] = line_of(("select", index))
    for index, _ in enumerate(strings("ignore")):
        lines[f"ignore.{index}"] = line_of(("ignore", index))
    return Config(display, str(root), tuple(rule_dirs), strings("select"), strings("ignore"),
                  dict(severities), dict(thresholds), dict(settings), address, strings("words"), mode,
                  placeholders, strings("include"), strings("exclude"), fail_on, encoding, formats, inline,
                  jobs, lines)


def _placeholders(value, fail) -> tuple[str, ...]:
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        fail(("placeholders",), "placeholders: expected a list of syntaxes "
             f"({', '.join(PLACEHOLDER_SYNTAXES)}) or {{regex: ...}}")
    patterns: list[str] = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            if item not in PLACEHOLDER_SYNTAXES:
                fail(("placeholders", index), f"placeholders: unknown syntax '{item}' "
                     f"(expected {' | '.join(PLACEHOLDER_SYNTAXES)} or {{regex: ...}})")
            patterns.extend(PLACEHOLDER_SYNTAXES[item])
        elif isinstance(item, dict) and set(item) == {"regex"} and isinstance(item["regex"], str):
            try:
                compiled = re.compile(item["regex"])
            except re.error as error:
                fail(("placeholders", index), f"placeholders: bad regex {item['regex']!r}: {error}")
            if compiled.match(""):
                fail(("placeholders", index), f"placeholders: regex {item['regex']!r} matches empty text")
            if problem := backtracking_problem(item["regex"]):
                fail(("placeholders", index), f"placeholders: {problem}")
            patterns.append(item["regex"])
        else:
            fail(("placeholders", index), "placeholders: expected a syntax name or {regex: ...}")
    return tuple(patterns)


def _formats(value, fail) -> dict:
    if not isinstance(value, dict):
        fail(("formats",), f"formats: expected a mapping of format → options ({', '.join(_FORMAT_KEYS)})")
    result = {}
    for name, options in value.items():
        if name not in _FORMAT_KEYS:
            fail(("formats", name), f"formats: unknown format '{name}' (expected {' | '.join(_FORMAT_KEYS)})")
        if options is None:
            continue
        if not isinstance(options, dict):
            fail(("formats", name), f"formats.{name}: expected a mapping")
        for key, option in options.items():
            if key not in _FORMAT_KEYS[name]:
                fail(("formats", name, key), f"formats.{name}: unknown key '{key}' "
                     f"(expected {' | '.join(_FORMAT_KEYS[name])})")
            if key in ("text_paths", "skip_keys"):
                if isinstance(option, str):
                    option = [option]
                if not isinstance(option, list) or not all(isinstance(item, str) for item in option):
                    fail(("formats", name, key), f"formats.{name}.{key}: expected a list of strings")
                if key == "text_paths":
                    from replylint.formats.paths import parse_path

                    for path in option:
                        try:
                            parse_path(path)
                        except ConfigError as error:
                            fail(("formats", name, key), f"formats.{name}.{key}: {error.message}")
            elif key == "delimiter":
                if not isinstance(option, str) or len(option) != 1:
                    fail(("formats", name, key), f"formats.{name}.delimiter: expected one character")
            elif not isinstance(option, str):
                fail(("formats", name, key), f"formats.{name}.{key}: expected a column name")
        result[name] = dict(options)
    return result


def check_against_rules(config: Config, rules) -> None:
    """Names in the config must exist: rule ids, categories, thresholds the rules read."""
    from replylint.categories import CATEGORIES
    from replylint.suppress import UNUSED_RULE

    known = set(CATEGORIES) | {UNUSED_RULE}
    settings_read = set()
    for rule in rules:
        known.add(rule.id)
        known.update(rule.aliases)
        setting = rule.options.get("setting") if isinstance(rule.options, dict) else None
        if setting:
            settings_read.add(setting)
    for key in ("select", "ignore"):
        for index, name in enumerate(getattr(config, key)):
            if name not in known:
                raise ConfigError(f"{key}: unknown rule or category '{name}' (see `replylint rules`)",
                                  config.path, config.lines.get(f"{key}.{index}") or config.line_of(key))
    for name in config.severities:
        if name not in known:
            raise ConfigError(f"severity: unknown rule or category '{name}' (see `replylint rules`)",
                              config.path, config.lines.get(f"severity.{name}"))
    for name in config.thresholds:
        if name not in settings_read:
            raise ConfigError(f"thresholds: no rule reads '{name}' (expected one of: "
                              f"{', '.join(sorted(settings_read)) or 'none'})",
                              config.path, config.lines.get(f"thresholds.{name}"))


def linter_settings(config: Config, rules) -> dict:
    """Thresholds, address form and team words → the settings the rule kinds read."""
    from replylint.rules.kinds import team_settings

    settings = dict(config.settings)
    settings.update(config.thresholds)
    if config.address:
        settings["address"] = config.address
    settings.update(team_settings(config, rules, settings))
    return settings


def starter() -> str:
    """The commented file ``replylint init`` writes."""
    return STARTER


STARTER = """\
# replylint — настройки для репозитория шаблонов ответов.
# Полный список ключей: README, раздел «Configuration».

# Папки с правилами команды (в дополнение к встроенным), относительно этого файла.
# rules: [replylint-rules]

# Только эти правила или категории / все, кроме этих.
# select: [jargon, negative-framing]
ignore: []

# Уровень по правилу или категории: error | warning | suggestion | off.
severity:
  # readability: suggestion
  # jargon.glossary: error

# Пороги (имена читают правила): длина предложения в словах.
thresholds:
  # sentence_words: 25

# Как команда обращается к клиенту: вы | Вы | ты.
address: вы

# Слова команды, которые не опечатки (названия продуктов, имена).
words: []

# templates — репозиторий шаблонов: незаполненные плейсхолдеры ожидаемы.
# drafts — черновики перед отправкой: плейсхолдер в тексте — ошибка.
mode: templates

# Синтаксис плейсхолдеров: mustache ({{name}}), liquid ({% if %}), brace ({name}),
# percent (%NAME%), brackets ([ИМЯ]), angle (<имя>) или {regex: "..."}.
placeholders: [mustache, liquid, brace, percent, brackets]

# Какие файлы проверять в папках и какие пропускать (glob относительно этого файла).
include: ["**/*.md", "**/*.txt", "**/*.yaml", "**/*.yml", "**/*.json", "**/*.jsonl", "**/*.csv"]
exclude: ["drafts/**", "vendor/**"]

# С какого уровня проверка падает: error | warning | suggestion.
fail_on: warning

# Кодировка файлов, если не UTF-8 и не определяется сама (например cp1251).
# encoding: cp1251

# Где в коллекциях лежит текст ответа.
formats:
  yaml:
    # text_paths: ["macros[].actions[].value"]
  csv:
    # column: text
    # delimiter: ";"

# Комментарии replylint-disable в файлах (false — игнорировать их, как --no-inline-config).
inline_config: true
"""
