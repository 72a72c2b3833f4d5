"""SARIF 2.1.0 for GitHub code scanning and other tools: one run, every rule that ran with
its help text (rendered from the rule's message, explanation, source and examples, as
`replylint explain` shows it), one result per diagnostic, and unreadable files as
tool notifications."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from replylint import __version__
from replylint.diagnostics import FileResult, Severity
from replylint.report import ReportOptions

NAME = "sarif"
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


def _uri(path: str) -> tuple[str, str | None]:
    """A relative URI under %SRCROOT% for files under the working directory, else file://."""
    if path == "<stdin>":
        return "stdin", None
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return quote(os.path.relpath(absolute, cwd).replace(os.sep, "/")), "%SRCROOT%"
    return Path(absolute).as_uri(), None


def _rule_descriptor(rule) -> dict:
    examples_bad = "\n".join(f"- ✗ {text}" for text in rule.examples_bad)
    examples_good = "\n".join(f"- ✓ {text}" for text in rule.examples_good)
    fixes = "\n".join(f"- → {spec.text}" for spec in rule.suggest)
    text = f"{rule.message}\n\n{rule.explanation.strip()}\n\nИсточник: {rule.source}"
    markdown = [f"**{rule.message}**", "", rule.explanation.strip(), "", f"*Источник:* {rule.source}"]
    if fixes:
        markdown += ["", "**Как исправить:**", fixes]
    if examples_bad:
        markdown += ["", "**Плохо:**", examples_bad]
    if examples_good:
        markdown += ["", "**Хорошо:**", examples_good]
    return {
        "id": rule.id,
        "name": rule.id.replace(".", "/"),
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.explanation.strip()},
        "help": {"text": text, "markdown": "\n".join(markdown)},
        "defaultConfiguration": {"level": _LEVEL[Severity.parse(rule.severity)]},
        "properties": {"tags": [rule.category], "category": rule.category},
    }


def _suppression_descriptor() -> dict:
    from replylint.suppress import UNUSED_HELP, UNUSED_RULE

    return {
        "id": UNUSED_RULE,
        "name": "suppression/unused",
        "shortDescription": {"text": "Подавление ничего не подавляет"},
        "fullDescription": {"text": UNUSED_HELP},
        "help": {"text": UNUSED_HELP, "markdown": UNUSED_HELP},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["suppression"]},
    }


def render(results: list[FileResult], options: ReportOptions) -> str:
    run = _Run(options)
    sarif_results = []
    notifications = []
    for result in results:
        if result.error:
            notifications.append(run.notification(result))
        else:
            sarif_results.extend(run.results(result))
    return _dumped_document(run.document(sarif_results, notifications, not notifications))


def _dumped_document(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class Stream:
    """:func:`render`'s document from results as they come. The rules stand before the
    results and gain one for each diagnostic of a rule that did not run (an unused
    suppression), so the document is written when the run ends; until then each result and
    notification is kept serialized in a :class:`~replylint.report.Spool` (a temporary file
    beyond a few megabytes), not as the findings themselves."""

    def __init__(self, options: ReportOptions, write) -> None:
        from replylint.report import Spool

        self.write = write
        self.run = _Run(options)
        self.results = Spool(4)  # (runs[0].results[i])
        self.notifications = Spool(6)  # (runs[0].invocations[0].toolExecutionNotifications[i])

    def add(self, result: FileResult, *, partial: bool = False) -> None:
        if result.error:
            self.notifications.add(self.run.notification(result))
            return
        for entry in self.run.results(result):
            self.results.add(entry)

    def close(self) -> None:
        import uuid

        from replylint.report import Buffered

        # the document dumped whole with a mark where each spooled array goes
        marks = [f"replylint-spool-{uuid.uuid4().hex}" for _ in range(2)]
        text = _dumped_document(self.run.document(marks[0], marks[1], not self.notifications.count))
        write = Buffered(self.write)
        for mark, spool in zip(marks, (self.results, self.notifications)):
            before, _, text = text.partition(json.dumps(mark))
            write(before)
            spool.drain(write)
        write(text)
        write.flush()


class _Run:
    """What the results of one run share: the rules described so far, and their indexes."""

    def __init__(self, options: ReportOptions) -> None:
        self.descriptors = [_rule_descriptor(rule) for rule in options.rules]
        self.index = {descriptor["id"]: number for number, descriptor in enumerate(self.descriptors)}

    def notification(self, result: FileResult) -> dict:
        return {"level": "error", "message": {"text": f"{result.path}: {result.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": _location(result.path)}}]}

    def results(self, result: FileResult):
        descriptors = self.descriptors
        index = self.index
        location = _location(result.path)
        for diagnostic in result.diagnostics:
            if diagnostic.rule not in index:
                if diagnostic.rule.startswith("suppression."):
                    descriptors.append(_suppression_descriptor())
                else:
                    descriptors.append({"id": diagnostic.rule, "shortDescription": {"text": diagnostic.message}})
                index[diagnostic.rule] = len(descriptors) - 1
            message = diagnostic.message
            if diagnostic.reply:
                message += f" [{diagnostic.reply}]"
            entry = {
                "ruleId": diagnostic.rule,
                "ruleIndex": index[diagnostic.rule],
                "level": _LEVEL[diagnostic.severity],
                "message": {"text": message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": dict(location),
                    "region": {"startLine": diagnostic.line, "startColumn": diagnostic.column,
                               "endLine": diagnostic.end_line, "endColumn": diagnostic.end_column,
                               "snippet": {"text": diagnostic.text}},
                }}],
                # stable across runs for the same words in the same reply, so code scanning
                # tracks an alert when lines above it move
                "partialFingerprints": {"replylint/v1": _fingerprint(result.path, diagnostic)},
            }
            if diagnostic.reply:
                entry["locations"][0]["logicalLocations"] = [{"name": diagnostic.reply, "kind": "member"}]
            fixes = [s for s in diagnostic.suggestions if s.is_replacement]
            if fixes:
                suggestion = fixes[0]
                entry["fixes"] = [{
                    "description": {"text": f"Заменить на «{suggestion.text}»"},
                    "artifactChanges": [{"artifactLocation": dict(location), "replacements": [{
                        "deletedRegion": {"charOffset": suggestion.start,
                                          "charLength": suggestion.end - suggestion.start},
                        "insertedContent": {"text": suggestion.text}}]}],
                }]
            yield entry

    def document(self, results, notifications, successful: bool) -> dict:
        run = {
            "tool": {"driver": {"name": "replylint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/replylint/",
                                "rules": self.descriptors}},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
            "results": results,
            "invocations": [{"executionSuccessful": successful,
                             "toolExecutionNotifications": notifications}],
        }
        return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _location(path: str) -> dict:
    uri, base = _uri(path)
    location = {"uri": uri}
    if base:
        location["uriBaseId"] = base
    return location


def _fingerprint(path: str, diagnostic) -> str:
    import hashlib

    key = "\0".join((path, diagnostic.rule, diagnostic.reply or "", diagnostic.text, diagnostic.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
