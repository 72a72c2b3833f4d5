"""User-facing errors: printed as one line, exit code 2, never a traceback."""

from __future__ import annotations


class ReplylintError(Exception):
    """A mistake in the user's input, configuration or rule files.

    Attributes:
        path: the file the mistake is in, if any.
        line: 1-based line, if known.
        column: 1-based column, if known.
    """

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = str(self.path)
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


class RuleFileError(ReplylintError):
    """A rule file that cannot be loaded; carries every error found in the file."""

    def __init__(self, errors: list[ReplylintError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, first.path, first.line, first.column)

    def __str__(self) -> str:
        return "\n".join(ReplylintError.__str__(error) for error in self.errors)


class ConfigError(ReplylintError):
    """A configuration file or command-line option that cannot be used."""


class InputError(ReplylintError):
    """An input file that cannot be read or decoded."""
