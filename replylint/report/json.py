"""The JSON contract: {"files": [{"path", "diagnostics": [...]}], "summary": {...}}."""

from __future__ import annotations

import json

from replylint.diagnostics import FileResult
from replylint.report import ReportOptions, summary

NAME = "json"


def render(results: list[FileResult], options: ReportOptions) -> str:
    files = []
    for result in results:
        entry = {"path": result.path, "diagnostics": [d.to_json() for d in result.diagnostics]}
        if result.error:
            entry["error"] = result.error
        files.append(entry)
    return json.dumps({"files": files, "summary": summary(results)}, ensure_ascii=False, indent=2) + "\n"
