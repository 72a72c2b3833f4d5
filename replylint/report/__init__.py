"""Reporters: pure functions from results to the text a door prints.

A reporter is one module with a ``NAME`` (what ``--format`` calls it) and
``render(results, options) -> str``; :data:`REGISTRY` lists them, and the CLI's choices
are read from it, so a new reporter is one new module and its name there. A reporter
imports what it needs to draw (rich) inside ``render``: listing the choices stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

from replylint.diagnostics import FileResult, Severity
from replylint.registry import Registry

#: Every reporter (modules of this package), in the order help lists them; the first is
#: the default. A reporter is imported when it is asked for.
REGISTRY = Registry(__name__, ("text", "json", "sarif", "github"))


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


def names() -> tuple[str, ...]:
    """Every reporter's name (``--format``); the first is the default."""
    return REGISTRY.names()


def render(results: list[FileResult], format_name: str, options: ReportOptions | None = None) -> str:
    """The results in the named format (KeyError: no such reporter)."""
    return REGISTRY.named(format_name).render(results, options or ReportOptions())
