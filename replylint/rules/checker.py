"""Collects the errors of one rule file and reads typed values from its YAML.

A reader that finds a mistake records it (with the line and the rule's id) and returns
None, so that one pass over a file finds every error in it. Messages are in Russian: a
QA lead reads them.
"""

from __future__ import annotations

from replylint.errors import ReplylintError
from replylint.yamlfile import LineDict, LineList


class Checker:
    """The errors found so far in one rule file.

    Attributes:
        path: the file, as shown in messages.
        rule: how the rule being read is named in messages («правило jargon.terms»;
            empty for what concerns the whole file).
        regexes: (compiled regex, line, where) of the rule being read, for the
            backtracking probe (see :func:`replylint.rules.patternspec.check_backtracking`).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[ReplylintError] = []
        self.rule = "правило ?"
        self.regexes: list[tuple] = []

    def error(self, line: int, message: str) -> None:
        prefix = f"{self.rule}: " if self.rule else ""
        self.errors.append(ReplylintError(prefix + message, self.path, line or None))

    def unknown_keys(self, mapping: LineDict, allowed, where: str) -> None:
        """Report each key of ``mapping`` not in ``allowed``; ``where`` reads «в правиле»."""
        for key in mapping:
            if key not in allowed:
                expected = ", ".join(sorted(allowed))
                self.error(mapping.line_of(key), f"неизвестный ключ '{key}' {where} "
                                                 f"(допустимы: {expected}){did_you_mean(key, allowed)}")

    # ------------------------------------------------ one value: (value, line, key)

    def text(self, value, line: int, key: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.error(line, f"'{key}': нужна непустая строка, а здесь {type_name(value)}")
            return None
        return value

    def texts(self, value, line: int, key: str) -> tuple[str, ...] | None:
        """A string or a list of strings (an empty value: none)."""
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(line, f"'{key}': нужна строка или список строк")
            return None
        return tuple(value)

    def whole_number(self, value, line: int, key: str, minimum: int = 0) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(line, f"'{key}': нужно целое число не меньше {minimum}, а здесь {value!r}")
            return None
        return value

    def flag(self, value, line: int, key: str) -> bool | None:
        if not isinstance(value, bool):
            self.error(line, f"'{key}': нужно true или false, а здесь {value!r}")
            return None
        return value

    def one_of(self, value, line: int, key: str, choices: tuple[str, ...]) -> str | None:
        if value not in choices:
            self.error(line, f"'{key}': допустимо одно из: {', '.join(choices)}; а здесь {value!r}"
                             f"{did_you_mean(value, choices)}")
            return None
        return value

    # --------------------------------------------- a key of a mapping (common keys)

    def string(self, mapping: LineDict, key: str, required: bool = True) -> str | None:
        if key not in mapping:
            if required:
                self.error(mapping.line, f"нет обязательного ключа '{key}'")
            return None
        return self.text(mapping[key], mapping.line_of(key), key)

    def string_list(self, mapping: LineDict, key: str) -> list[str]:
        return list(self.texts(mapping.get(key), mapping.line_of(key), key) or ())

    def integer(self, mapping: LineDict, key: str, minimum: int = 0) -> int | None:
        if key not in mapping:
            return None
        return self.whole_number(mapping[key], mapping.line_of(key), key, minimum)

    def boolean(self, mapping: LineDict, key: str, default: bool) -> bool:
        if key not in mapping:
            return default
        value = self.flag(mapping[key], mapping.line_of(key), key)
        return default if value is None else value

    def choice(self, mapping: LineDict, key: str, choices: tuple[str, ...], default: str | None) -> str | None:
        if key not in mapping:
            if default is None:
                self.error(mapping.line, f"нет обязательного ключа '{key}' (одно из: {', '.join(choices)})")
            return default
        value = self.one_of(mapping[key], mapping.line_of(key), key, choices)
        return default if value is None else value


def did_you_mean(name, known) -> str:
    """«; может быть, 'match'?» when ``name`` is a slip of one of ``known``."""
    if not isinstance(name, str):
        return ""
    import difflib  # (only when there is a mistake to name)

    close = difflib.get_close_matches(name, [str(item) for item in known], n=1)
    return f"; может быть, '{close[0]}'?" if close else ""


def type_name(value) -> str:
    """What a YAML value is, in the words of an error message."""
    if isinstance(value, str):
        return "строка" if value.strip() else "пустая строка"
    return {dict: "словарь", LineDict: "словарь", list: "список", LineList: "список",
            bool: "true/false", int: "число", float: "число", type(None): "пустое значение"}.get(
        type(value), type(value).__name__)
