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
    descriptors = [_rule_descriptor(rule) for rule in options.rules]
    index = {descriptor["id"]: number for number, descriptor in enumerate(descriptors)}
    sarif_results = []
    notifications = []
    for result in results:
        uri, base = _uri(result.path)
        location = {"uri": uri}
        if base:
            location["uriBaseId"] = base
        if result.error:
            notifications.append({"level": "error", "message": {"text": f"{result.path}: {result.error}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": dict(location)}}]})
            continue
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
            sarif_results.append(entry)
    run = {
        "tool": {"driver": {"name": "replylint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": "https://pypi.org/project/replylint/", "rules": descriptors}},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "results": sarif_results,
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"


def _fingerprint(path: str, diagnostic) -> str:
    import hashlib

    key = "\0".join((path, diagnostic.rule, diagnostic.reply or "", diagnostic.text, diagnostic.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
