"""The checking API the doors share: what it gives is what `replylint check` prints."""

from __future__ import annotations

import json
import pickle

import pytest

from helpers import run_cli as run
from replylint.api import CheckOptions, Session
from replylint.errors import ConfigError, InputError


def as_json(result) -> list[dict]:
    return [diagnostic.to_json() for diagnostic in result.diagnostics]


@pytest.mark.parametrize("path", ["replies/delivery.txt", "replies/macros.yaml", "replies/refund.md",
                                  "exports/replies.jsonl", "exports/zendesk-macros.json"])
def test_check_text_gives_what_check_prints_for_the_file(repo, path):
    session = Session(CheckOptions.discover(path))
    result = session.check_text((repo / path).read_bytes().decode("utf-8"), name=path)  # CRLF kept
    printed = json.loads(run("check", path, "--format", "json").stdout)["files"][0]
    assert result.path == printed["path"] == path
    assert as_json(result) == printed["diagnostics"] and printed["diagnostics"]


def test_check_text_reads_the_format_it_is_told(repo):
    session = Session(CheckOptions(select=("jargon",)))
    text = '{"reply": "Ваш тикет у нас."}'
    as_text = session.check_text(text)
    as_json_file = session.check_text(text, format="json")
    assert as_text.path == "<text>"
    assert [d.text for d in as_json_file.diagnostics] == ["тикет"]
    assert as_json_file.diagnostics[0].reply == "reply"
    assert as_text.diagnostics[0].reply is None
    with pytest.raises(InputError, match="ошибка JSON"):
        session.check_text("{broken", name="reply.json")
    with pytest.raises(ConfigError, match="неизвестный формат 'jsn' — может быть, 'json'"):
        session.check_text(text, format="jsn")


def test_fix_text_applies_the_safe_rewrites_and_reports_what_is_left():
    from helpers import CANNED

    session = Session(CheckOptions(rule_dirs=(str(CANNED / ".replylint-rules"),), include_bundled=False))
    fixed = session.fix_text("Ждём апрува от банка.\n")
    assert fixed.text == "Ждём подтверждения от банка.\n"
    assert fixed.edits == 1 and fixed.result.diagnostics == []


def test_check_paths_gives_the_outcomes_check_prints(repo):
    session = Session(CheckOptions.discover("."))
    outcomes = session.check_paths(["replies", "nosuch.txt"], jobs=1)
    printed = json.loads(run("check", "replies", "nosuch.txt", "--format", "json").stdout)
    assert [outcome.result.path for outcome in outcomes] == [f["path"] for f in printed["files"]]
    assert outcomes[0].error == "nosuch.txt: нет такого файла или папки"
    assert [as_json(outcome.result) for outcome in outcomes[1:]] == [f["diagnostics"] for f in printed["files"][1:]]


def test_every_config_mistake_is_raised_when_the_session_is_made(tmp_path):
    (tmp_path / ".replylint.yaml").write_text("mode: template\nselect: [jargn]\n", encoding="utf-8")
    options = CheckOptions.discover(str(tmp_path), ignore=("no-such",))
    with pytest.raises(ConfigError) as caught:
        Session(options)
    assert [error.message for error in caught.value.errors] == [
        "mode: 'template' — может быть, 'templates'? (ожидается drafts | templates)",
        "select: неизвестное правило или категория 'jargn' — может быть, 'jargon'? (список: `replylint rules`)",
        "--ignore: неизвестное правило или категория 'no-such' (список: `replylint rules`)"]


def test_options_travel_to_worker_processes(repo):
    options = CheckOptions.discover(".", select=("jargon",), mode="drafts")
    assert pickle.loads(pickle.dumps(options)) == options
