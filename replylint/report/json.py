"""The JSON contract: {"files": [{"path", "diagnostics": [...], "score", "replies": [...]}],
"summary": {...}}; ``score`` and ``replies`` (each reply's score, :mod:`replylint.score`)
were added later, so a reader of the first contract still reads it."""

from __future__ import annotations

import json

from replylint.diagnostics import FileResult, Severity
from replylint.report import ReportOptions, ScoreSum, dumped, summary
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


class Stream:
    """:func:`render`'s document written as results come: each diagnostic as it is found,
    a file's ``score`` and ``replies`` when the file ends (they stand after its diagnostics,
    so a large file's reply scores wait in a :class:`~replylint.report.Spool`), the summary
    at the end. Held besides: the counts and every reply's score as a float (their mean)."""

    def __init__(self, options: ReportOptions, write) -> None:
        from replylint.report import Buffered, Spool

        self.write = Buffered(write)
        self.totals = summary([])
        self.scores = ScoreSum()  # every reply's
        self.files = 0
        self.current = False  # a file's entry is open (parts of it written)
        self.diagnostics = 0  # of the open file
        self.file_scores = ScoreSum()
        self.replies = Spool(4)

    def add(self, result: FileResult, *, partial: bool = False) -> None:
        write = self.write
        if not self.current:
            write("{\n  \"files\": [\n    {\n" if not self.files else ",\n    {\n")
            write(f"      \"path\": {dumped(result.path, 3)},\n      \"diagnostics\": ")
            self.current = True
        for diagnostic in result.diagnostics:
            write(("[\n        " if not self.diagnostics else ",\n        ") + dumped(diagnostic.to_json(), 4))
            self.diagnostics += 1
            self.totals[_SEVERITY_KEYS[diagnostic.severity]] += 1
        for score in result.scores:
            self.replies.add(score.to_json())
        self.file_scores.add(result.scores)
        self.scores.add(result.scores)
        if not partial:
            self._end_file(result.error)

    def _end_file(self, error: str | None) -> None:
        write = self.write
        write("\n      ]" if self.diagnostics else "[]")
        if error:
            write(f",\n      \"error\": {dumped(error, 3)}")
            self.replies.discard()
        else:
            write(f",\n      \"score\": {dumped(self.file_scores.mean, 3)},\n      \"replies\": ")
            self.replies.drain(write)
        write("\n    }")
        totals = self.totals
        totals["files"] += 1
        totals["files_with_diagnostics"] += bool(self.diagnostics)
        totals["files_with_errors"] += bool(error)
        totals["diagnostics"] += self.diagnostics
        self.files += 1
        self.current = False
        self.diagnostics = 0
        self.file_scores = ScoreSum()
        write.flush()  # (a file's entry is out as soon as it is whole)

    def close(self) -> None:
        """Write the summary (and the document's end)."""
        totals = dict(self.totals, replies=len(self.scores), score=self.scores.mean)
        self.write("\n  ],\n" if self.files else "{\n  \"files\": [],\n")
        self.write(f"  \"summary\": {dumped(totals, 1)}\n}}\n")
        self.write.flush()


_SEVERITY_KEYS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.SUGGESTION: "suggestions"}
