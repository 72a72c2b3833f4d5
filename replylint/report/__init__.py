"""Reporters: pure functions from results to text (text, json, sarif, github)."""

from __future__ import annotations

from replylint.diagnostics import FileResult, Severity


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
