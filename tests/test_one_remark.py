"""One fault, one remark: findings of one category on overlapping words of a reply are
one diagnostic, the most specific, in every door and output."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from helpers import run_cli as run
from replylint.api import CheckOptions, Session
from replylint.diagnostics import Diagnostic, Severity, Suggestion
from replylint.linter import one_remark_per_fault

ROOT = Path(__file__).resolve().parent.parent
EVAL_SETS = sorted((ROOT / "eval").glob("*.jsonl"))


def finding(rule, start, end, severity=Severity.WARNING, category="blame", message=None, suggestions=()):
    return Diagnostic(rule, category, severity, message or f"сообщение {rule}", start, end, 1, start + 1, 1,
                      end + 1, "x" * (end - start), tuple(suggestions))


def overlapping(diagnostics) -> list[tuple]:
    return [(first.rule, second.rule, first.text, second.text) for first, second in combinations(diagnostics, 2)
            if first.category == second.category
            and ((first.start, first.end) == (second.start, second.end)
                 or (first.start < second.end and second.start < first.end))]


# -------------------------------------------------------------------- the order

def test_the_higher_severity_wins_then_the_narrower_span():
    wide_error = finding("blame.a", 0, 30, Severity.ERROR)
    narrow_warning = finding("blame.b", 5, 10)
    narrower_warning = finding("blame.c", 6, 9)
    kept = one_remark_per_fault([narrow_warning, wide_error, narrower_warning])
    assert [d.rule for d in kept] == ["blame.a"]
    assert [s.text for s in kept[0].suggestions] == ["Также: сообщение blame.c", "Также: сообщение blame.b"]
    kept = one_remark_per_fault([narrow_warning, narrower_warning])
    assert [d.rule for d in kept] == ["blame.c"]


def test_a_rewrite_wins_over_a_narrower_span_of_advice():
    whole = finding("jargon.glossary", 4, 12, category="jargon",
                    suggestions=[Suggestion("специалисты", True, False, 0, 12)])
    inside = finding("jargon.loanwords", 4, 7, category="jargon", suggestions=[Suggestion("Замените на «сервер»")])
    assert [d.rule for d in one_remark_per_fault([inside, whole])] == ["jargon.glossary"]


def test_a_rewrite_then_the_earlier_start_then_the_rule_id_break_ties():
    advice = finding("blame.a", 0, 5, suggestions=[Suggestion("совет")])
    rewrite = finding("blame.z", 2, 7, suggestions=[Suggestion("замена", True, True, 2, 7)])
    assert [d.rule for d in one_remark_per_fault([advice, rewrite])] == ["blame.z"]
    assert [d.rule for d in one_remark_per_fault([finding("blame.b", 3, 8), finding("blame.a", 2, 7)])] \
        == ["blame.a"]
    assert [d.rule for d in one_remark_per_fault([finding("blame.b", 2, 7), finding("blame.a", 2, 7)])] \
        == ["blame.a"]


def test_other_categories_and_separate_words_are_kept_and_one_message_is_not_repeated():
    diagnostics = [finding("blame.a", 0, 5), finding("pressure.a", 0, 5, category="pressure"),
                   finding("blame.b", 5, 9), finding("blame.c", 1, 3, message="сообщение blame.a")]
    kept = one_remark_per_fault(diagnostics)
    assert sorted(d.rule for d in kept) == ["blame.b", "blame.c", "pressure.a"]
    assert all(not d.suggestions for d in kept)  # the same words said twice are said once


def test_an_empty_span_inside_another_is_the_same_fault():
    kept = one_remark_per_fault([finding("blame.a", 0, 10), finding("blame.b", 4, 4)])
    assert [d.rule for d in kept] == ["blame.b"]


def in_sentence(rule, start, end, sentence_start=0, sentence="Ответим в ближайшее время, как только, так сразу.",
                suggestions=(), category="vague-promise"):
    return finding(rule, start, end, category=category, suggestions=suggestions,
                   message=f"«{sentence[start - sentence_start:end - sentence_start]}»")._replace(
        context=sentence, context_start=start - sentence_start)


def test_one_rules_advice_twice_in_a_sentence_is_one_remark():
    first, second = in_sentence("vague-promise.no-time", 8, 25), in_sentence("vague-promise.no-time", 27, 48)
    kept = one_remark_per_fault([second, first])
    assert [(d.start, d.end) for d in kept] == [(8, 25)]
    assert [s.text for s in kept[0].suggestions] == ["Также: «как только, так сразу»"]
    # the same words in another sentence, or another rule's advice, are another fault
    elsewhere = in_sentence("vague-promise.no-time", 60, 77, sentence_start=52)
    assert len(one_remark_per_fault([first, elsewhere])) == 2
    assert len(one_remark_per_fault([first, in_sentence("vague-promise.untimed", 27, 48)])) == 2
    # each unfilled placeholder is an error of its own
    errors = [in_sentence("internal-leak.placeholders", 8, 25)._replace(severity=Severity.ERROR),
              in_sentence("internal-leak.placeholders", 27, 48)._replace(severity=Severity.ERROR)]
    assert len(one_remark_per_fault(errors)) == 2


def test_rewrites_in_one_sentence_each_keep_their_remark():
    sentence = "Ваш тикет эскалирован на L2."
    tickets = in_sentence("jargon.glossary", 4, 9, sentence=sentence, category="jargon",
                          suggestions=[Suggestion("обращение", True, False, 4, 9)])
    escalated = in_sentence("jargon.glossary", 10, 21, sentence=sentence, category="jargon",
                            suggestions=[Suggestion("передано", True, False, 10, 21)])
    assert len(one_remark_per_fault([tickets, escalated])) == 2


def test_check_says_one_promise_without_a_time_once(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Спасибо! Ответим в ближайшее время, как только, так сразу.\n", encoding="utf-8")
    result = run("check", str(draft), "--isolated", "--select", "vague-promise", "--format", "json")
    found = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert [d["text"] for d in found] == ["в ближайшее время"]
    assert any(s["text"].startswith("Также: «как только, так сразу»") for s in found[0]["suggestions"])


# ---------------------------------------------------------- the bundled rules

@pytest.fixture(scope="module")
def sessions():
    return {mode: Session(CheckOptions(mode=mode)) for mode in ("drafts", "templates")}


def test_no_rule_example_gets_two_remarks_for_one_fault(sessions):
    from replylint.loader import load_rules

    found = []
    for rule in load_rules():
        mode = "templates" if rule.applies_to == "templates" else "drafts"
        texts = [*rule.examples_bad, *rule.examples_good, *(before for before, _ in rule.examples_fix)]
        cases = [(text, None) for text in texts] + [(text, client) for client, text, _ in rule.examples_client]
        for text, client in cases:
            pairs = overlapping(sessions[mode].linter.lint(text, client=client))
            if pairs:
                found.append((rule.id, text, pairs))
    assert found == []


@pytest.mark.parametrize("path", EVAL_SETS, ids=lambda path: path.name)
def test_no_labelled_draft_gets_two_remarks_for_one_fault(sessions, path):
    result = sessions["drafts"].check_text(path.read_text(encoding="utf-8"), format="jsonl")
    by_reply: dict[str, list] = {}
    for diagnostic in result.diagnostics:
        by_reply.setdefault(diagnostic.reply, []).append(diagnostic)
    assert result.diagnostics
    assert {reply: overlapping(found) for reply, found in by_reply.items() if overlapping(found)} == {}


def test_every_output_gets_one_remark(tmp_path):
    # three defending-staff rules read the same words: the colleague was right, is vouched for,
    # and their work is vouched for (that one says what colleague-was-right says: no extra line)
    text = "Наш сотрудник действовал строго по инструкции и общался вежливо.\n"
    from replylint.linter import Linter
    from replylint.loader import load_rules, select_rules

    each_rule = Linter(select_rules(load_rules()), one_remark_per_fault=False).lint(text)
    assert len([d for d in each_rule if d.category == "defending-staff"]) == 3
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    printed = json.loads(run("check", str(draft), "--isolated", "--format", "json").stdout)
    diagnostics = printed["files"][0]["diagnostics"]
    staff = [d for d in diagnostics if d["category"] == "defending-staff"]
    assert [d["rule"] for d in staff] == ["defending-staff.colleague-was-right"]
    assert staff[0]["suggestions"][-1]["text"].startswith("Также: «сотрудник действовал строго по инструкции»")
    assert run("check", str(draft), "--isolated").output.count("defending-staff.") == 1
    sarif = json.loads(run("check", str(draft), "--isolated", "--format", "sarif").stdout)
    assert len(sarif["runs"][0]["results"]) == len(diagnostics)
