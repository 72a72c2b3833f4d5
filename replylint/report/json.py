"""The JSON contract: {"files": [{"path", "diagnostics": [...]}], "summary": {...}}."""

from __future__ import annotations

import json

from replylint.diagnostics import FileResult
from replylint.report import summary


def render(results: list[FileResult]) -> str:
    files = []
    for result in results:
        entry = {"path": result.path, "diagnostics": [d.to_json() for d in result.diagnostics]}
        if result.error:
            entry["error"] = result.error
        files.append(entry)
    return json.dumps({"files": files, "summary": summary(results)}, ensure_ascii=False, indent=2) + "\n"
