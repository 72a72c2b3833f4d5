"""GitHub Actions workflow commands: one ``::warning file=…,line=…::message`` per
diagnostic, shown as annotations on the pull request's changed lines."""

from __future__ import annotations

from replylint.diagnostics import FileResult, Severity
from replylint.report import ReportOptions

NAME = "github"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def _data(text: str) -> str:
    from replylint.report.text import visible

    # the log shows what is left after the runner's own escapes; an escape sequence in a
    # file's text would colour or hide the log's lines
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult], options: ReportOptions) -> str:
    return "".join(line + "\n" for result in results for line in _lines(result))


class Stream:
    """:func:`render`'s lines written as results come (one line per diagnostic: nothing is held)."""

    def __init__(self, options: ReportOptions, write) -> None:
        from replylint.report import Buffered

        self.write = Buffered(write)

    def add(self, result: FileResult, *, partial: bool = False) -> None:
        for line in _lines(result):
            self.write(line + "\n")
        if not partial:
            self.write.flush()

    def close(self) -> None:
        self.write.flush()


def _lines(result: FileResult):
    path = result.path.replace("\\", "/")
    if result.error:
        yield f"::error file={_property(path)},title=replylint::{_data(result.error)}"
        return
    for diagnostic in result.diagnostics:
        properties = [f"file={_property(path)}", f"line={diagnostic.line}", f"col={diagnostic.column}"]
        if diagnostic.end_line == diagnostic.line:
            properties.append(f"endColumn={diagnostic.end_column}")
        else:
            properties.append(f"endLine={diagnostic.end_line}")
        properties.append(f"title={_property(diagnostic.rule)}")
        message = diagnostic.message
        if diagnostic.reply:
            message = f"{message} [{diagnostic.reply}]"
        replacement = next((s.text for s in diagnostic.suggestions if s.is_replacement), None)
        if replacement:
            message += f"\n→ «{replacement}»"
        yield f"::{_LEVEL[diagnostic.severity]} {','.join(properties)}::{_data(message)}"
