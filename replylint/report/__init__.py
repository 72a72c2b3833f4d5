"""Reporters: pure functions from results to the text a door prints.

A reporter is one module with a ``NAME`` (what ``--format`` calls it) and
``render(results, options) -> str``; :data:`REGISTRY` lists them, and the CLI's choices
are read from it, so a new reporter is one new module and one line here. A reporter
imports what it needs to draw (rich) inside ``render``: listing the choices costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from replylint.diagnostics import FileResult, Severity


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What a reporter may be told besides the results.

    Attributes:
        rules: the rules that ran (SARIF describes each).
        show_context: print the sentence under each diagnostic (the text report).
        color: styles for a terminal; None: as the environment says (``FORCE_COLOR``).
    """

    rules: tuple = ()
    show_context: bool = True
    color: bool | None = False


def summary(results: list[FileResult]) -> dict:
    counts = {severity: 0 for severity in Severity}
    for result in results:
        for diagnostic in result.diagnostics:
            counts[diagnostic.severity] += 1
    return {
        "files": len(results),
        "files_with_diagnostics": sum(1 for result in results if result.diagnostics),
        "files_with_errors": sum(1 for result in results if result.error),
        "diagnostics": sum(counts.values()),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "suggestions": counts[Severity.SUGGESTION],
    }


# (after summary: the reporters import it)
from replylint.report import github, json, sarif, text  # noqa: E402

#: Every reporter, in the order help lists them; the first is the default.
REGISTRY = (text, json, sarif, github)
BY_NAME = {module.NAME: module for module in REGISTRY}
NAMES = tuple(BY_NAME)


def render(results: list[FileResult], format_name: str, options: ReportOptions | None = None) -> str:
    """The results in the named format."""
    return BY_NAME[format_name].render(results, options or ReportOptions())
