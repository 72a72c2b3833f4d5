"""Every example inside every bundled rule file is a test case: bad must fire, good must not."""

from __future__ import annotations

import pytest

from replylint.categories import CATEGORIES
from replylint.loader import load_rules
from replylint.ruletest import check_example, check_fix, client_cases, example_cases, fix_cases

RULES = load_rules()
CASES = example_cases(RULES)


@pytest.fixture(scope="module")
def linters():
    from replylint.linter import Linter

    return {mode: Linter(RULES, mode=mode, one_remark_per_fault=False) for mode in ("drafts", "templates")}


@pytest.mark.parametrize("case_id,rule,text,should_fire", CASES, ids=[case[0] for case in CASES])
def test_example(linters, case_id, rule, text, should_fire):
    outcome = check_example(linters, rule, text, should_fire, case_id)
    assert outcome.passed, outcome.problem


CLIENT_CASES = client_cases(RULES)


@pytest.mark.parametrize("case_id,rule,text,should_fire,client", CLIENT_CASES, ids=[case[0] for case in CLIENT_CASES])
def test_example_beside_the_clients_message(linters, case_id, rule, text, should_fire, client):
    outcome = check_example(linters, rule, text, should_fire, case_id, client)
    assert outcome.passed, outcome.problem
    if not should_fire:  # the client's message is what makes it no fault
        assert not check_example(linters, rule, text, False, case_id).passed


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_is_documented_in_four_parts(rule):
    # ruff's four parts: what (message), why (explanation), bad example, what instead.
    assert rule.message and rule.explanation and rule.source
    assert rule.examples_bad, "a rule needs bad examples"
    assert rule.suggest or rule.examples_good, "a rule must say what to write instead"
    assert rule.category in CATEGORIES
    assert rule.id.startswith(rule.category + "."), "rule ids start with their category"


FIX_CASES = fix_cases(RULES)


@pytest.mark.parametrize("case_id,rule,before,after", FIX_CASES, ids=[case[0] for case in FIX_CASES])
def test_fix_example(case_id, rule, before, after):
    outcome = check_fix(rule, before, after, case_id)
    assert outcome.passed, outcome.problem


REWRITING = [rule for rule in RULES
             if any(spec.replace for spec in rule.suggest)
             or (rule.kind == "substitution" and any(
                 isinstance(entry, dict) and entry.get("replace") for entry in rule.options["swap"])
                 if isinstance(rule.options.get("swap"), list) else rule.kind == "substitution")]


@pytest.mark.parametrize("rule", REWRITING, ids=[rule.id for rule in REWRITING])
def test_a_rule_that_rewrites_shows_its_rewrites_in_three_fix_pairs(rule):
    assert len(rule.examples_fix) >= 3, "a rewriting rule needs at least three examples.fix pairs"
