"""The JSON contract: {"files": [{"path", "diagnostics": [...], "score", "replies": [...]}],
"summary": {...}}; ``score`` and ``replies`` (each reply's score, :mod:`replylint.score`)
were added later, so a reader of the first contract still reads it."""

from __future__ import annotations

import json

from replylint.diagnostics import FileResult
from replylint.report import ReportOptions, summary
from replylint.score import mean_score

NAME = "json"


def render(results: list[FileResult], options: ReportOptions) -> str:
    files = []
    for result in results:
        entry = {"path": result.path, "diagnostics": [d.to_json() for d in result.diagnostics]}
        if result.error:
            entry["error"] = result.error
        else:
            entry["score"] = mean_score(result.scores)
            entry["replies"] = [score.to_json() for score in result.scores]
        files.append(entry)
    totals = summary(results)
    every_reply = [score for result in results for score in result.scores]
    totals["replies"] = len(every_reply)
    totals["score"] = mean_score(every_reply)
    return json.dumps({"files": files, "summary": totals}, ensure_ascii=False, indent=2) + "\n"
