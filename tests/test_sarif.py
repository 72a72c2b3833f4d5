"""SARIF 2.1.0 (validated against the official schema, bundled) and GitHub annotations.

tests/data/sarif-schema-2.1.0.json is the SARIF 2.1.0 JSON schema (OASIS; the 2.1.0
release text, "rtm.5", draft-04), copied from lib/schemas/sarif-2.1.0-rtm.5.json of the
npm package @microsoft/jest-sarif 1.0.0-beta.0 (MIT). Nothing is downloaded at test time.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from helpers import run_cli as run

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))






def test_sarif_is_valid_against_the_2_1_0_schema(repo):
    result = run("check", ".", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.output)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert run_["results"]
    for sarif_result in run_["results"]:
        rule = run_["tool"]["driver"]["rules"][sarif_result["ruleIndex"]]
        assert rule["id"] == sarif_result["ruleId"]
        assert rule["help"]["text"] and rule["help"]["markdown"]  # what code scanning shows
        location = sarif_result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")) and location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] >= 1
    team = rules["jargon.team-terms"]
    assert "Апрув" in team["fullDescription"]["text"] and "Плохо" in team["help"]["markdown"]
    assert team["defaultConfiguration"]["level"] == "warning"


def test_sarif_points_at_the_words_in_the_original_file(repo):
    log = json.loads(run("check", "replies/macros.yaml", "--format", "sarif").output)
    text = (repo / "replies" / "macros.yaml").read_text(encoding="utf-8").splitlines()
    for sarif_result in log["runs"][0]["results"]:
        region = sarif_result["locations"][0]["physicalLocation"]["region"]
        line = text[region["startLine"] - 1]
        if region["endLine"] == region["startLine"]:
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]


def test_sarif_reports_unreadable_files_as_notifications(repo):
    (repo / "broken.yaml").write_text("a: [1\n", encoding="utf-8")
    result = run("check", "broken.yaml", "replies/delivery.txt", "--format", "sarif")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "ошибка YAML" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    assert log["runs"][0]["results"]  # the other file was still checked


def test_github_annotations(repo):
    result = run("check", "replies/delivery.txt", "replies/macros.yaml", "--format", "github")
    lines = result.output.splitlines()
    assert "::warning file=replies/delivery.txt,line=3,col=5,endColumn=10,title=jargon.glossary::" \
           "«тикет» — внутренний термин; скажите словами клиента: «Ваше обращение»%0A→ «Ваше обращение»" in lines
    assert any(line.startswith("::warning file=replies/macros.yaml,line=") and "[password-reset]" in line
               for line in lines)
    assert all(line.startswith(("::warning ", "::error ", "::notice ")) for line in lines)
