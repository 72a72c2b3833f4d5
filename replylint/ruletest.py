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


def client_cases(rules: list[Rule]) -> list[tuple[str, Rule, str, bool, str]]:
    """(case id, rule, text, should fire, the client's message) for every ``examples.client``
    example, e.g. ``jargon.glossary:client:1``."""
    return [(f"{rule.id}:client:{number}", rule, text, should_fire, client)
            for rule in rules for number, (client, text, should_fire) in enumerate(rule.examples_client, 1)]


def fix_cases(rules: list[Rule]) -> list[tuple[str, Rule, str, str]]:
    """(case id, rule, bad text, fixed text) for every ``fix`` example, e.g.
    ``jargon.glossary:fix:2``."""
    return [(f"{rule.id}:fix:{number}", rule, before, after)
            for rule in rules for number, (before, after) in enumerate(rule.examples_fix, 1)]


def run_examples(rules: list[Rule]) -> list[ExampleOutcome]:
    from replylint.linter import Linter

    # A rule's own findings: one remark per fault may give a sibling rule's finding the place.
    linters = {mode: Linter(rules, mode=mode, one_remark_per_fault=False) for mode in ("drafts", "templates")}
    outcomes = []
    for case_id, rule, text, should_fire in example_cases(rules):
        outcomes.append(check_example(linters, rule, text, should_fire, case_id))
    for case_id, rule, text, should_fire, client in client_cases(rules):
        outcomes.append(check_example(linters, rule, text, should_fire, case_id, client))
    for case_id, rule, before, after in fix_cases(rules):
        outcomes.append(check_fix(rule, before, after, case_id))
    return outcomes


def check_example(linters, rule: Rule, text: str, should_fire: bool, case_id: str,
                  client: str | None = None) -> ExampleOutcome:
    mode = "templates" if rule.applies_to == "templates" else "drafts"
    diagnostics = [d for d in linters[mode].lint(text, client=client) if d.rule == rule.id]
    if should_fire and not diagnostics:
        return ExampleOutcome(case_id, text, False, "правило должно было сработать, но не сработало")
    if not should_fire and diagnostics:
        found = "; ".join(f"«{d.text}» в столбце {d.column}" for d in diagnostics)
        return ExampleOutcome(case_id, text, False, f"замечаний быть не должно, а есть: {found}")
    return ExampleOutcome(case_id, text, True)


def check_fix(rule: Rule, before: str, after: str, case_id: str) -> ExampleOutcome:
    """Apply every rewrite the rule offers in ``before`` (the first of each finding, safe
    or not) and compare with ``after``; the result must not be rewritten again.

    The rule runs alone, as its rewrites are planned for its own findings (another rule's
    rewrite in the same sentence would change them)."""
    linter = _alone(rule)
    diagnostics = [d for d in linter.lint(before) if d.rule == rule.id]
    if not diagnostics:
        return ExampleOutcome(case_id, before, False, "expected the rule to fire; it did not")
    result, problem = apply_rewrites(before, diagnostics)
    if problem:
        return ExampleOutcome(case_id, before, False, problem)
    if result != after:
        return ExampleOutcome(case_id, before, False, f"expected «{after}»; the rewrites give «{result}»")
    again, _ = apply_rewrites(after, [d for d in linter.lint(after) if d.rule == rule.id])
    if again != after:
        return ExampleOutcome(case_id, before, False, f"the fixed text is rewritten again: «{again}»")
    return ExampleOutcome(case_id, before, True)


def apply_rewrites(text: str, diagnostics) -> tuple[str, str]:
    """``text`` with the first rewrite of every diagnostic applied; a problem when two
    rewrites overlap."""
    edits = []
    for diagnostic in diagnostics:
        rewrite = next((s for s in diagnostic.suggestions if s.is_replacement and s.start is not None), None)
        if rewrite is not None:
            edits.append((rewrite.start, rewrite.end, rewrite.text))
    edits.sort()
    parts = []
    position = 0
    for start, end, replacement in edits:
        if start < position:
            return text, f"two rewrites overlap at column {start + 1}"
        parts.append(text[position:start])
        parts.append(replacement)
        position = end
    parts.append(text[position:])
    return "".join(parts), ""


_ALONE: dict[int, tuple] = {}


def _alone(rule: Rule):
    """A linter of this one rule (kept with the rule, as the same rules are tested often)."""
    from replylint.linter import Linter

    kept = _ALONE.get(id(rule))
    if kept is None or kept[0] is not rule:
        mode = "templates" if rule.applies_to == "templates" else "drafts"
        kept = _ALONE[id(rule)] = (rule, Linter([rule], mode=mode))
    return kept[1]
