"""The quality scorer (eval/evaluate.py) and the corpus report, run as a contributor runs
them: labelled drafts in `labels` or `expect`/`allow` form, figures as JSON."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JARGON = "Здравствуйте! Ваш тикет уже у специалиста, ответим сегодня до 18:00."
CLEAN = "Здравствуйте! Вернём деньги на карту завтра до 18:00."


def _script(name: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "eval" / name), *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=300)


def _write(path: Path, drafts: list[dict]) -> Path:
    path.write_text("".join(json.dumps(draft, ensure_ascii=False) + "\n" for draft in drafts), encoding="utf-8")
    return path


def _figures(*paths: Path) -> list[dict]:
    result = _script("evaluate.py", *map(str, paths), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["sets"]


def test_expect_allow_and_labels_are_scored(tmp_path):
    drafts = [{"id": "jargon", "text": JARGON, "expect": ["jargon"]},
              {"id": "allowed", "text": JARGON, "expect": [], "allow": ["jargon"]},
              {"id": "good", "text": CLEAN},
              {"id": "missed", "text": CLEAN, "labels": ["vague-promise"]}]
    figures, = _figures(_write(tmp_path / "set.jsonl", drafts))
    assert (figures["drafts"], figures["bad"], figures["good"]) == (4, 2, 2)
    jargon = figures["all"]["categories"]["jargon"]
    assert (jargon["tp"], jargon["fp"], jargon["fn"]) == (1, 0, 0)  # the allowed draft is no false alarm
    vague = figures["all"]["categories"]["vague-promise"]
    assert (vague["fn"], vague["recall"], vague["precision"]) == (1, 0.0, None)
    assert figures["all"]["micro"] == {"gold": 2, "tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5}
    good = figures["good_drafts"]
    assert (good["count"], good["with_any_remark"], good["share_with_any_remark"]) == (2, 1, 0.5)


def test_without_allow_the_same_draft_is_a_false_alarm(tmp_path):
    figures, = _figures(_write(tmp_path / "set.jsonl", [{"id": "flagged", "text": JARGON, "labels": []}]))
    assert figures["all"]["categories"]["jargon"]["fp"] == 1


def test_the_clients_message_is_given_to_the_check(tmp_path):
    drafts = [{"id": "theirs", "text": JARGON, "labels": [], "client": "Что с моим тикетом?"},
              {"id": "ours", "text": JARGON, "labels": [], "client": "Что с моей заявкой?"}]
    figures, = _figures(_write(tmp_path / "set.jsonl", drafts))
    assert figures["all"]["categories"]["jargon"]["fp"] == 1  # the client said «тикет» first
    _write(tmp_path / "bad.jsonl", [{"id": "x", "text": CLEAN, "client": ["a"]}])
    result = _script("evaluate.py", str(tmp_path / "bad.jsonl"))
    assert result.returncode == 2 and "bad.jsonl:1: 'client' must be the client's message" in result.stderr


def test_sets_are_compared_in_one_run(tmp_path):
    first = _write(tmp_path / "first.jsonl", [{"id": "a", "text": JARGON, "labels": ["jargon"]}])
    second = _write(tmp_path / "second.jsonl", [{"id": "b", "text": CLEAN, "labels": []}])
    assert [figures["name"] for figures in _figures(first, second)] == ["first", "second"]
    result = _script("evaluate.py", str(first), str(second))
    assert result.returncode == 0, result.stderr
    assert "== sets side by side" in result.stdout and "one fault, one remark:" in result.stdout


@pytest.mark.parametrize("line, problem", [
    ('{"id": "x", "text": "Текст", "labels": ["jargon"], "expect": ["jargon"]}', "give 'labels' or 'expect'"),
    ('{"id": "x", "text": "Текст", "expect": ["jargn"]}', "unknown category 'jargn'"),
    ('{"id": "x", "text": "Текст", "expect": ["jargon"], "allow": ["jargon"]}', "both expected and allowed"),
    ('{"id": "x", "text": ', "not JSON"),
])
def test_a_bad_line_is_named(tmp_path, line, problem):
    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps({"id": "ok", "text": CLEAN}) + "\n" + line + "\n", encoding="utf-8")
    result = _script("evaluate.py", str(data))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{data}:2: ") and problem in result.stderr


def _evaluate_module():
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "eval" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _diagnostic(category, start, end, rule="r"):
    return {"category": category, "rule": rule, "start": start, "end": end, "text": ""}


def test_one_fault_with_two_remarks_is_a_pair():
    pairs = _evaluate_module().overlapping_pairs
    assert len(pairs([_diagnostic("threat", 10, 30), _diagnostic("threat", 25, 40)])) == 1
    assert len(pairs([_diagnostic("threat", 10, 10), _diagnostic("threat", 10, 10)])) == 1
    assert not pairs([_diagnostic("threat", 10, 20), _diagnostic("threat", 20, 30)])  # side by side
    assert not pairs([_diagnostic("threat", 10, 30), _diagnostic("jargon", 10, 30)])  # two faults


def test_the_bundled_sets_are_scored():
    names = sorted(path.stem for path in (ROOT / "eval").glob("*.jsonl"))
    assert names == ["blind", "dev-D", "drafts", "fresh-C", "fresh-E", "fresh-F", "fresh-G", "holdout-1", "indep-1",
                     "indep-2", "indep-3"]
    for figures in _figures():
        assert figures["drafts"] > 100 and figures["good"] > 0
        assert set(figures["all"]["categories"]) == set(figures["strong"]["categories"])


def test_corpus_report(tmp_path):
    corpus = _write(tmp_path / "replies.jsonl", [{"id": "1", "text": JARGON}, {"id": "2", "text": CLEAN}])
    result = _script("corpus_report.py", str(corpus), "--show", "jargon")
    assert result.returncode == 0, result.stderr
    assert "2 replies; no diagnostic at all: 50%" in result.stdout
    assert "1\tjargon." in result.stdout
