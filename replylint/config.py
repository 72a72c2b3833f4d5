"""Finds and validates the team's configuration: ``.replylint.yaml`` or
``[tool.replylint]`` in ``pyproject.toml``, the nearest one walking up from the checked path.

Every unknown key and bad value in the file is found in one pass and reported together,
each as a :class:`ConfigError` naming the file and line. Names that only the rules can
tell apart (rule ids, categories, thresholds) are checked by :mod:`replylint.policy`.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from replylint.errors import ConfigError, ReplylintError, describe_os_error, did_you_mean, regex_problem
from replylint.score import ScoreSettings
from replylint.segment import LIQUID, MUSTACHE, backtracking_problem

CONFIG_NAMES = (".replylint.yaml", ".replylint.yml")
LEVELS = ("error", "warning", "suggestion")
OFF = "off"
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

_KEYS = ("rules", "select", "ignore", "severity", "thresholds", "settings", "address", "words", "mode",
         "placeholders", "include", "exclude", "fail_on", "encoding", "formats", "inline_config", "jobs",
         "score")


@dataclass(frozen=True, slots=True)
class Config:
    """The settings a check runs with (defaults when there is no config file).

    Paths (``rule_dirs``) are absolute; globs are relative to :attr:`root`.
    ``formats`` holds each configured format's ``Options`` (see :mod:`replylint.formats`).
    ``problems`` are the mistakes found in the file when it was loaded with
    ``strict=False`` (their keys hold the defaults); :mod:`replylint.policy` reports them
    with the mistakes in rule names, all at once.
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
    problems: tuple[ConfigError, ...] = ()
    #: how replies are scored (``score:``: category weights, blocker categories)
    score: ScoreSettings = field(default_factory=ScoreSettings)

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)


def find(start: str) -> Path | None:
    """The nearest config file in ``start`` (a file or folder) or a folder above it."""
    try:
        directory = Path(start).resolve()
    except (OSError, RuntimeError):  # a symbolic-link loop: look from where the link is
        directory = Path(os.path.abspath(start))
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            # a link that leads nowhere (a loop, a missing target) is the team's config
            # gone wrong: found, so that reading it is the error, not silently skipped
            if candidate.is_file() or candidate.is_symlink():
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


def load(path: Path | str, *, strict: bool = True) -> Config:
    """Read and validate a config file (``.replylint.yaml`` or ``pyproject.toml``).

    Args:
        strict: raise one :class:`ConfigError` listing every mistake; with False, return
            the config with its mistakes in :attr:`Config.problems` (a file that cannot be
            read or parsed at all still raises).
    """
    path = Path(path)
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"не UTF-8 (байт {error.start})", display) from None
    except OSError as error:
        reason = describe_os_error(error)
        if path.is_symlink():
            reason = {errno.ELOOP: "символические ссылки замкнуты в петлю",
                      errno.ENOENT: "битая символическая ссылка: её цели нет"}.get(error.errno, reason)
        raise ConfigError(f"не удаётся прочитать настройки: {reason}", display) from None
    if path.name == "pyproject.toml":
        data, line_of = _read_toml(text, display)
    else:
        data, line_of = _read_yaml(text, display)
    config = _Validator(data, path, line_of).config()
    if strict and config.problems:
        raise ConfigError.combine(list(config.problems))
    return config


def _read_toml(text: str, display: str):
    import tomllib

    try:
        data = tomllib.loads(text).get("tool", {}).get("replylint", {})
    except tomllib.TOMLDecodeError as error:
        words, line, column = _toml_problem(str(error), text)
        raise ConfigError(f"ошибка TOML: {words}", display, line, column) from None
    return data, lambda key_path: _toml_line(text, key_path)


#: tomllib's problems in Russian (its messages are English; the first that starts the
#: message wins).
_TOML_PROBLEMS = (
    ("Illegal character '\\n'", "не закрыта кавычка: строка кончилась раньше"),
    ("Unterminated string", "не закрыта кавычка"),
    ("Unescaped '\\'", "обратная косая черта «\\» в строке в двойных кавычках: удвойте её "
                        "или возьмите текст в одинарные кавычки"),
    ("Illegal character", "недопустимый символ в строке"),
    ("Found invalid character", "недопустимый символ в строке"),
    ("Unclosed array", "не закрыта скобка «[» или между элементами нет запятой"),
    ("Unclosed inline table", "не закрыта скобка «{» или между элементами нет запятой"),
    ("Invalid value", "неверное значение: текст возьмите в кавычки"),
    ("Invalid statement", "строка — не «ключ = значение» и не «[таблица]»"),
    ("Invalid initial character for a key", "неверный ключ: буквы, цифры, «-» и «_» или ключ в кавычках"),
    ("Expected '=' after a key", "после ключа нет «=»"),
    ("Expected ']", "не закрыта скобка в заголовке таблицы"),
    ("Invalid hex value", "неверная последовательность «\\u» или «\\U» в строке"),
    ("Escaped character is not a Unicode", "неверная последовательность «\\u» или «\\U» в строке"),
    ("Invalid date", "неверная дата"),
    ("Cannot", "ключ или таблица объявлены дважды"),
    ("Duplicate", "ключ или таблица объявлены дважды"),
)
_TOML_WHERE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


def _toml_problem(message: str, text: str) -> tuple[str, int | None, int | None]:
    """(the problem in Russian, its 1-based line and column) from tomllib's message."""
    where = _TOML_WHERE.search(message)
    problem = message[:where.start()] if where else message
    words = next((words for known, words in _TOML_PROBLEMS if problem.startswith(known)),
                 "текст не читается как TOML")
    if where and where.group(1):
        return words, int(where.group(1)), int(where.group(2))
    if where:  # at the end of the text: its last line
        lines = text.rstrip("\n").split("\n")
        return words, len(lines), len(lines[-1]) + 1
    return words, None, None


def _read_yaml(text: str, display: str):
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
            found = (isinstance(node, dict) and key in node) or (
                isinstance(node, list) and isinstance(key, int) and key < len(node))
            if not found:
                break
            line = node.line_of(key) if hasattr(node, "line_of") else line
            node = node[key]
        return line
    return data, line_of


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


def level_name(value) -> str | None:
    """A severity as written in the config: a level, or ``off`` (which YAML 1.1 reads as
    the boolean false, as it does ``false`` and ``no``); None when it is neither."""
    if value is False:
        return OFF
    return value if value in LEVELS + (OFF,) else None


class _Validator:
    """One pass over a config's data: each key validated, every mistake kept."""

    def __init__(self, data, path: Path, line_of) -> None:
        self.path = path
        self.display = str(path)
        self.root = path.parent.resolve()
        self.line_of = line_of
        self.problems: list[ConfigError] = []
        if not isinstance(data, dict):
            self.fail((), "настройки — это словарь ключей (например select, ignore, mode)")
            data = {}
        # a key left with only comments under it (as in the starter file) means "the default"
        self.data = {key: value for key, value in data.items() if value is not None}

    def fail(self, key_path: tuple, message: str) -> None:
        self.problems.append(ConfigError(message, self.display, self.line_of(key_path) if key_path else 1))

    def config(self) -> Config:
        for key in self.data:
            if key not in _KEYS:
                self.fail((key,), f"неизвестный ключ '{key}'{did_you_mean(key, _KEYS)} "
                                  f"(ключи: {', '.join(_KEYS)})")
        scalars = self._scalars()
        score = self._score()
        return Config(
            self.display, str(self.root), self._rule_dirs(), self.strings("select"), self.strings("ignore"),
            self._severities(), self._thresholds(), self._settings(), scalars["address"], self.strings("words"),
            scalars["mode"], self._placeholders(), self.strings("include"), self.strings("exclude"),
            scalars["fail_on"], scalars["encoding"], self._formats(), scalars["inline_config"], scalars["jobs"],
            self._lines(), tuple(self.problems), score=score)

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail((key,), f"{key}: ожидается список строк")
            return ()
        return tuple(value)

    def mapping(self, key: str, expected: str) -> dict:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            self.fail((key,), f"{key}: ожидается {expected}")
            return {}
        return value

    def _rule_dirs(self) -> tuple[str, ...]:
        found = []
        for index, folder in enumerate(self.strings("rules")):
            full = (self.root / folder).resolve()
            if full.is_dir():
                found.append(str(full))
            else:
                self.fail(("rules", index), f"rules: нет папки '{folder}' (путь считается от {self.root})")
        return tuple(found)

    def _severities(self) -> dict:
        severities = {}
        levels = LEVELS + (OFF,)
        for name, value in self.mapping("severity", "словарь «правило или категория → "
                                                    "error | warning | suggestion | off»").items():
            level = level_name(value)
            if level is None:
                self.fail(("severity", name), f"severity.{name}: '{value}' — не уровень"
                                              f"{did_you_mean(value, levels)} (ожидается {' | '.join(levels)})")
            else:
                severities[name] = level
        return severities

    def _thresholds(self) -> dict:
        thresholds = {}
        for name, value in self.mapping("thresholds", "словарь «имя → число» (например sentence_words: 25)").items():
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                self.fail(("thresholds", name), f"thresholds.{name}: ожидается целое положительное число, "
                                                f"а не {value!r}")
            else:
                thresholds[name] = value
        return thresholds

    def _settings(self) -> dict:
        return dict(self.mapping("settings", "словарь"))

    def _scalars(self) -> dict:
        values = {"address": self.data.get("address"), "mode": self.data.get("mode", "drafts"),
                  "fail_on": self.data.get("fail_on", "warning"), "encoding": self.data.get("encoding"),
                  "inline_config": self.data.get("inline_config", True), "jobs": self.data.get("jobs")}
        checks = {
            "address": (lambda value: value is None or value in ADDRESS_FORMS,
                        f"'{values['address']}' — не форма обращения (ожидается {' | '.join(ADDRESS_FORMS)})"),
            "mode": (lambda value: value in MODES,
                     f"'{values['mode']}'{did_you_mean(values['mode'], MODES)} (ожидается {' | '.join(MODES)})"),
            "fail_on": (lambda value: value in LEVELS,
                        f"'{values['fail_on']}' — не уровень{did_you_mean(values['fail_on'], LEVELS)} "
                        f"(ожидается {' | '.join(LEVELS)})"),
            "encoding": (lambda value: value is None or _is_encoding(value),
                         f"неизвестная кодировка '{values['encoding']}' (например utf-8, cp1251)"),
            "inline_config": (lambda value: isinstance(value, bool), "ожидается true или false"),
            "jobs": (lambda value: value is None or (isinstance(value, int) and not isinstance(value, bool)
                                                     and value >= 1), "ожидается целое положительное число"),
        }
        defaults = Config()
        for key, (valid, message) in checks.items():
            if not valid(values[key]):
                self.fail((key,), f"{key}: {message}")
                values[key] = getattr(defaults, key)
        return values

    def _placeholders(self) -> tuple[str, ...] | None:
        if "placeholders" not in self.data:
            return None
        value = self.data["placeholders"]
        if isinstance(value, (str, dict)):
            value = [value]
        if not isinstance(value, list):
            self.fail(("placeholders",), "placeholders: ожидается список синтаксисов "
                                         f"({', '.join(PLACEHOLDER_SYNTAXES)}) или {{regex: ...}}")
            return None
        patterns: list[str] = []
        for index, item in enumerate(value):
            patterns.extend(self._placeholder(index, item))
        return tuple(patterns)

    def _placeholder(self, index: int, item) -> tuple[str, ...]:
        where = ("placeholders", index)
        if isinstance(item, str):
            if item in PLACEHOLDER_SYNTAXES:
                return PLACEHOLDER_SYNTAXES[item]
            self.fail(where, f"placeholders: неизвестный синтаксис '{item}'{did_you_mean(item, PLACEHOLDER_SYNTAXES)} "
                             f"(ожидается {' | '.join(PLACEHOLDER_SYNTAXES)} или {{regex: ...}})")
            return ()
        if not (isinstance(item, dict) and set(item) == {"regex"} and isinstance(item["regex"], str)):
            self.fail(where, "placeholders: ожидается имя синтаксиса или {regex: ...}")
            return ()
        try:
            compiled = re.compile(item["regex"])
        except re.error as error:
            self.fail(where, f"placeholders: неверное регулярное выражение {item['regex']!r}: {regex_problem(error)}")
            return ()
        if compiled.match(""):
            self.fail(where, f"placeholders: выражение {item['regex']!r} совпадает с пустым текстом")
            return ()
        if problem := backtracking_problem(item["regex"]):
            self.fail(where, f"placeholders: {problem}")
            return ()
        return (item["regex"],)

    def _formats(self) -> dict:
        from replylint import formats

        names = formats.configurable()
        result = {}
        for name, values in self.mapping("formats", f"словарь «формат → настройки» ({', '.join(names)})").items():
            if name not in names:
                self.fail(("formats", name), f"formats: неизвестный формат '{name}'{did_you_mean(name, names)} "
                                             f"(ожидается {' | '.join(names)})")
            elif not isinstance(values, dict):
                self.fail(("formats", name), f"formats.{name}: ожидается словарь")
            else:
                result[name] = self._format_options(formats, name, values)
        return result

    def _format_options(self, formats, name: str, values: dict):
        import dataclasses

        options, problems = formats.options_from_config(name, values)
        keys = [option.name for option in dataclasses.fields(options)]
        for key, message in problems:
            if key in keys:
                self.fail(("formats", name, key), f"formats.{name}.{key}: {message}")
            else:
                self.fail(("formats", name, key), f"formats.{name}: неизвестный ключ '{key}'"
                                                  f"{did_you_mean(key, keys)} (ожидается {' | '.join(keys)})")
        return options

    def _score(self) -> ScoreSettings:
        from replylint.categories import CATEGORIES
        from replylint.score import DEFAULT_BLOCKER_CAP, MAX_SCORE

        section = self.mapping("score", "словарь с ключами weights, blockers, blocker_cap")
        keys = ("weights", "blockers", "blocker_cap")
        for key in section:
            if key not in keys:
                self.fail(("score", key), f"score: неизвестный ключ '{key}'{did_you_mean(key, keys)} "
                                          f"(ключи: {', '.join(keys)})")

        def category_known(key_path: tuple, name) -> bool:
            if name in CATEGORIES:
                return True
            self.fail(key_path, f"{'.'.join(map(str, key_path[:2]))}: неизвестная категория '{name}'"
                                f"{did_you_mean(str(name), CATEGORIES)} (категории: {', '.join(CATEGORIES)})")
            return False

        weights = {}
        raw_weights = section.get("weights") or {}
        if not isinstance(raw_weights, dict):
            self.fail(("score", "weights"), "score.weights: ожидается словарь «категория → вес» (например jargon: 2)")
            raw_weights = {}
        for name, value in raw_weights.items():
            if not category_known(("score", "weights", name), name):
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                self.fail(("score", "weights", name), f"score.weights.{name}: ожидается число не меньше 0, "
                                                      f"а не {value!r}")
            else:
                weights[name] = float(value)
        blockers = section.get("blockers") or []
        if isinstance(blockers, str):
            blockers = [blockers]
        if not isinstance(blockers, list):
            self.fail(("score", "blockers"), "score.blockers: ожидается список категорий")
            blockers = []
        known_blockers = tuple(name for index, name in enumerate(blockers)
                               if category_known(("score", "blockers", index), name))
        cap = section.get("blocker_cap", DEFAULT_BLOCKER_CAP)
        if isinstance(cap, bool) or not isinstance(cap, (int, float)) or not 0 <= cap <= MAX_SCORE:
            self.fail(("score", "blocker_cap"), f"score.blocker_cap: ожидается число от 0 до 10, а не {cap!r}")
            cap = DEFAULT_BLOCKER_CAP
        return ScoreSettings(weights, known_blockers, float(cap))

    def _lines(self) -> dict:
        lines = {key: self.line_of((key,)) for key in self.data}
        for section in ("severity", "thresholds", "settings"):
            value = self.data.get(section)
            if isinstance(value, dict):
                for name in value:
                    lines[f"{section}.{name}"] = self.line_of((section, name))
        for section in ("select", "ignore"):
            value = self.data.get(section)
            if isinstance(value, list):
                for index in range(len(value)):
                    lines[f"{section}.{index}"] = self.line_of((section, index))
        return lines


def _is_encoding(name) -> bool:
    import codecs

    try:
        codecs.lookup(str(name))
    except LookupError:
        return False
    return True


def settings_problems(config: Config, rules) -> list[ConfigError]:
    """Mistakes in the config's ``settings:``: a key no rule reads, or a value of the wrong
    type (a typo there was silently ignored, and the rule ran with its default)."""
    from replylint.rules.kinds.spelling import IGNORE_SETTING

    checks = {IGNORE_SETTING: _strings_setting}
    for rule in rules:
        options = rule.options
        threshold = options.get("setting") if isinstance(options, dict) else getattr(options, "setting", None)
        if threshold:
            checks[threshold] = _count_setting
        if rule.kind == "consistency":
            variants = tuple(name for name, _ in rule.kind_options.variants)
            checks[f"{rule.id}.expected"] = lambda value, variants=variants: _variant_setting(value, variants)
    known = sorted(checks)
    problems = []
    for name, value in config.settings.items():
        line = config.lines.get(f"settings.{name}") or config.line_of("settings")
        check = checks.get(name)
        if check is None:
            problems.append(ConfigError(f"settings: неизвестный ключ '{name}'{did_you_mean(str(name), known)} "
                                        f"(ключи: {', '.join(known)})", config.path, line))
        elif (message := check(value)) is not None:
            problems.append(ConfigError(f"settings.{name}: {message}", config.path, line))
    return problems


def _count_setting(value) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return f"ожидается целое положительное число, а не {_shown(value)}"
    return None


def _strings_setting(value) -> str | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return None
    return f"ожидается список строк, а не {_shown(value)}"


def _variant_setting(value, variants: tuple[str, ...]) -> str | None:
    if isinstance(value, str) and value in variants:
        return None
    return f"ожидается один из вариантов правила: {' | '.join(variants)}, а не {_shown(value)}"


def _shown(value) -> str:
    """A value for a message, never its whole expansion (a YAML alias may stand for a lot)."""
    text = repr(value) if isinstance(value, (str, int, float, bool)) or value is None else type(value).__name__
    return text if len(text) <= 60 else text[:60] + "…"


def linter_settings(config: Config, rules) -> dict:
    """Thresholds, address form and team words → the settings the rule kinds read."""
    from replylint.rules.kinds import team_settings

    settings = dict(config.settings)
    settings.update(config.thresholds)
    if config.address:
        settings["address"] = config.address
    settings.update(team_settings(config, rules, settings))
    return settings


def starter(*, templates: bool = False) -> str:
    """The commented file ``replylint init`` writes.

    Loading it gives the same settings as no file at all, so writing it changes nothing
    until a line is uncommented; ``templates`` switches on templates mode, the one
    setting a repository of canned responses needs from the start.
    """
    import dataclasses

    from replylint import formats

    globs = ", ".join(f'"**/*{suffix}"' for suffix in formats.suffixes())
    mode = "mode: templates" if templates else "# mode: templates"
    examples = []
    for module in formats.REGISTRY.modules():
        shown = [(option.name, option.metadata["example"]) for option in dataclasses.fields(module.Options)
                 if "example" in option.metadata]
        if shown:
            examples.append(f"#   {module.NAME}:")
            examples.extend(f"#     {key}: {example}" for key, example in shown)
    return STARTER.format(mode=mode, include=globs, formats="\n".join(examples))


STARTER = """\
# replylint — настройки для репозитория ответов.
# Всё ниже закомментировано: пока строку не раскомментировать, проверка идёт как без этого файла.
# Полный список ключей: README, раздел «Configuration».

# Папки с правилами команды (в дополнение к встроенным), относительно этого файла.
# rules: [replylint-rules]

# Только эти правила или категории / все, кроме этих.
# select: [jargon, negative-framing]
# ignore: [readability.long-sentence]

# Уровень по правилу или категории: error | warning | suggestion | off.
# severity:
#   readability: suggestion
#   jargon.glossary: error

# Пороги (имена читают правила): длина предложения в словах.
# thresholds:
#   sentence_words: 25

# Как команда обращается к клиенту: вы | Вы | ты.
# address: вы

# Слова команды, которые не опечатки (названия продуктов, имена).
# words: [Пятёрочка]

# drafts (по умолчанию) — черновики перед отправкой: незаполненный плейсхолдер — ошибка.
# templates — репозиторий шаблонов: плейсхолдеры ожидаемы, правила только для черновиков не работают.
{mode}

# Синтаксис плейсхолдеров (по умолчанию все): mustache ({{{{name}}}}), liquid ({{% if %}}),
# brace ({{name}}), percent (%NAME%), brackets ([ИМЯ]), angle (<имя>) или {{regex: "..."}}.
# placeholders: [mustache, liquid, brace, percent, brackets]

# Какие файлы проверять в папках и какие пропускать (glob относительно этого файла).
# include: [{include}]
# exclude: ["drafts/**", "vendor/**"]

# С какого уровня проверка падает: error | warning | suggestion.
# fail_on: warning

# Кодировка файлов, если не UTF-8 и не определяется сама (например cp1251).
# encoding: cp1251

# Где в коллекциях лежит текст ответа.
# formats:
{formats}

# false — не учитывать комментарии replylint-disable в файлах (как --no-inline-config).
# inline_config: true

# Оценка ответа от 0 до 10: вес замечаний по категориям (по умолчанию 1) и блокирующие
# категории: с таким замечанием оценка не выше blocker_cap (ответ не проходит проверку качества).
# score:
#   weights: {{jargon: 2, readability: 0.5}}
#   blockers: [offensive, threat]
#   blocker_cap: 3
"""
