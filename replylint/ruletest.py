"""Runs the examples inside rule files: every bad text must fire its rule, no good text may."""

from __future__ import annotations

from dataclasses import dataclass

from replylint.rules.schema import Rule


@dataclass(frozen=True, slots=True)
class ExampleOutcome:
    case_id: str
    text: str
    passed: bool
    problem: str = ""


def example_cases(rules: list[Rule]) -> list[tuple[str, Rule, str, bool]]:
    """(case id, rule, text, should fire) for every example, e.g. ``jargon.glossary:bad:2``."""
    cases = []
    for rule in rules:
        for number, text in enumerate(rule.examples_bad, 1):
            cases.append((f"{rule.id}:bad:{number}", rule, text, True))
        for number, text in enumerate(rule.examples_good, 1):
            cases.append((f"{rule.id}:good:{number}", rule, text, False))
    return cases


def run_examples(rules: list[Rule]) -> list[ExampleOutcome]:
    from replylint.linter import Linter

    linters = {mode: Linter(rules, mode=mode) for mode in ("drafts", "templates")}
    outcomes = []
    for case_id, rule, text, should_fire in example_cases(rules):
        outcomes.append(check_example(linters, rule, text, should_fire, case_id))
    return outcomes


def check_example(linters, rule: Rule, text: str, should_fire: bool, case_id: str) -> ExampleOutcome:
    mode = "templates" if rule.applies_to == "templates" else "drafts"
    diagnostics = [d for d in linters[mode].lint(text) if d.rule == rule.id]
    if should_fire and not diagnostics:
        return ExampleOutcome(case_id, text, False, "правило должно было сработать, но не сработало")
    if not should_fire and diagnostics:
        found = "; ".join(f"«{d.text}» (столбец {d.column})" for d in diagnostics)
        return ExampleOutcome(case_id, text, False, f"замечаний быть не должно, а есть: {found}")
    return ExampleOutcome(case_id, text, True)
