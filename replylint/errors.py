"""User-facing errors: printed as one line each, exit code 2, never a traceback."""

from __future__ import annotations

import errno


class ReplylintError(Exception):
    """A mistake in the user's input, configuration or rule files.

    Attributes:
        path: the file the mistake is in, if any.
        line: 1-based line, if known.
        column: 1-based column, if known.
        errors: every mistake this error stands for (itself alone, or all the mistakes
            found in one pass over a file, so the user fixes them in one go).
    """

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self._grouped: list[ReplylintError] | None = None

    @property
    def errors(self) -> list[ReplylintError]:
        return [self] if self._grouped is None else self._grouped

    @classmethod
    def combine(cls, errors: list[ReplylintError]) -> ReplylintError:
        """One error of this class standing for all of ``errors`` (at least one)."""
        first = errors[0]
        combined = cls(first.message, first.path, first.line, first.column)
        combined._grouped = [error for grouped in errors for error in grouped.errors]
        return combined

    def location(self) -> str:
        """``path:line:column: `` as far as known, or nothing."""
        if not self.path:
            return ""
        where = str(self.path)
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where + ": "

    def __str__(self) -> str:
        return "\n".join(error.location() + error.message for error in self.errors)


class RuleFileError(ReplylintError):
    """A rule file that cannot be loaded; carries every error found in the file."""

    def __init__(self, errors: list[ReplylintError]) -> None:
        first = errors[0]
        super().__init__(first.message, first.path, first.line, first.column)
        self._grouped = [error for grouped in errors for error in grouped.errors]


class ConfigError(ReplylintError):
    """A configuration file or command-line option that cannot be used."""


class InputError(ReplylintError):
    """An input file that cannot be read or decoded."""


def did_you_mean(name: str, candidates) -> str:
    """`` — может быть, 'closest'?`` when a candidate is close to ``name``, else ``""``."""
    import difflib

    close = difflib.get_close_matches(str(name), [str(candidate) for candidate in candidates], n=1, cutoff=0.6)
    return f" — может быть, '{close[0]}'?" if close else ""


_OS_ERRORS = {
    errno.ENOENT: "нет такого файла или папки",
    errno.EACCES: "нет прав на чтение",
    errno.EPERM: "нет прав",
    errno.ENOSPC: "на диске нет места",
    errno.EROFS: "файловая система только для чтения",
    errno.EISDIR: "это папка",
    errno.ELOOP: "слишком много уровней символических ссылок",
    errno.ENOTDIR: "часть пути — не папка",
    errno.ENAMETOOLONG: "слишком длинное имя",
}


def describe_os_error(error: OSError) -> str:
    """What went wrong, in Russian where the error is a common one (the system says it in
    English)."""
    return _OS_ERRORS.get(error.errno) or error.strerror or str(error)


#: The regular-expression mistakes `re` and `regex` name, in Russian (both name them alike).
_REGEX_PROBLEMS = (
    ("unterminated character set", "не закрыта скобка «[»"),
    ("missing )", "не закрыта скобка «(»"),
    ("unbalanced parenthesis", "лишняя закрывающая скобка «)»"),
    ("nothing to repeat", "повторять нечего: перед «*», «+», «?» или «{…}» ничего нет"),
    ("multiple repeat", "два знака повтора подряд"),
    ("bad escape", "неизвестная последовательность с «\\»"),
    ("bad character range", "неверный диапазон в «[…]»: начало больше конца"),
    ("min repeat greater than max repeat", "в «{m,n}» первое число больше второго"),
    ("unknown extension", "неизвестная конструкция «(?…)»"),
    ("unknown property", "неизвестное свойство символов"),
    ("undefined character name", "неизвестное имя символа в «\\N{…}»"),
    ("look-behind requires fixed-width", "просмотр назад «(?<=…)» должен быть постоянной длины"),
    ("group", "неверное имя или номер группы"),
    ("missing >", "неверное имя или номер группы"),
)


def regex_problem(error) -> str:
    """A ``re.error`` or ``regex.error`` in Russian, with the position in the pattern."""
    message = getattr(error, "msg", None) or str(error)
    words = next((words for known, words in _REGEX_PROBLEMS if known in message), "выражение не читается")
    position = getattr(error, "pos", None)
    return words if position is None else f"{words} (символ {position + 1})"
