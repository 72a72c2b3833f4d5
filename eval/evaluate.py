"""Score the bundled rules on labelled sets of drafts: per-category precision and recall.

    python eval/evaluate.py                          # every set in eval/, one after another
    python eval/evaluate.py eval/blind.jsonl         # one set (or several)
    python eval/evaluate.py --json                   # the same figures for a program
    python eval/evaluate.py --show jargon            # the misses and false alarms of a category

A set is JSON Lines, one draft a line (see eval/README.md): ``id``, ``text`` and either
``labels`` (the categories a support lead would flag; empty for a good reply) or ``expect``
(the same) with ``allow`` (categories that may fire or not: neither a false alarm when
flagged nor a miss when not). A category is "predicted" for a draft when any diagnostic
of that category fires. Every figure is given twice: counting every diagnostic
(suggestions too) and counting only warnings and errors. A draft's ``client`` (the
message it answers) is given to the check as the client's message: ``check`` reads the
``client`` key of each JSON Lines line (see docs/input.md).

Each set is checked through ``replylint check --format json``, as a user would run it
(bundled rules, no config file, drafts mode).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(__file__).resolve().parent
STRONG = frozenset({"warning", "error"})
VIEWS = (("all", None), ("strong", STRONG))
SHOWN_OVERLAPS = 10


class SetError(Exception):
    """A set that cannot be read: ``path:line: what is wrong``."""


@dataclass(frozen=True, slots=True)
class Draft:
    line: int
    id: str
    text: str
    expect: frozenset[str]
    allow: frozenset[str]


def _categories(record: dict, key: str, where: str, known: set[str]) -> frozenset[str]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SetError(f"{where}: '{key}' must be a list of category ids")
    unknown = sorted(set(value) - known)
    if unknown:
        raise SetError(f"{where}: unknown category {unknown[0]!r} in '{key}'")
    return frozenset(value)


def read_set(path: Path) -> list[Draft]:
    """The drafts of a set; a malformed line is a :class:`SetError`."""
    from replylint.categories import CATEGORIES

    known = set(CATEGORIES)
    drafts = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise SetError(f"{path}: cannot read: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise SetError(f"{where}: not JSON: {error.msg}") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise SetError(f"{where}: a draft is an object with a 'text' string")
        if record.get("client") is not None and not isinstance(record["client"], str):
            raise SetError(f"{where}: 'client' must be the client's message, a string")
        if "labels" in record and "expect" in record:
            raise SetError(f"{where}: give 'labels' or 'expect', not both")
        expect = _categories(record, "expect" if "expect" in record else "labels", where, known)
        allow = _categories(record, "allow", where, known)
        if expect & allow:
            raise SetError(f"{where}: {sorted(expect & allow)[0]!r} is both expected and allowed")
        drafts.append(Draft(number, str(record.get("id", number)), record["text"], expect, allow))
    return drafts


def check_lines(path: Path, mode: str = "drafts") -> dict[int, list[dict]]:
    """Every diagnostic of ``replylint check`` over a JSON Lines file, by the line it is on."""
    command = [sys.executable, "-m", "replylint.cli", "check", str(path), "--isolated", "--mode", mode,
               "--input-format", "jsonl", "--format", "json", "--jobs", "1"]
    completed = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    if completed.returncode not in (0, 1):
        raise SetError(f"{path}: replylint check failed (exit {completed.returncode}): "
                       f"{completed.stderr.strip()}")
    by_line: dict[int, list[dict]] = {}
    for file in json.loads(completed.stdout)["files"]:
        if file.get("error"):
            raise SetError(f"{path}: {file['error']}")
        for diagnostic in file["diagnostics"]:
            by_line.setdefault(diagnostic["line"], []).append(diagnostic)
    return by_line


def predicted(diagnostics: list[dict], severities=None) -> set[str]:
    return {d["category"] for d in diagnostics if severities is None or d["severity"] in severities}


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def confusion(drafts, results, categories, severities=None) -> dict:
    """Per-category and micro-averaged counts, precision and recall."""
    table = {}
    for category in categories:
        tp = fp = fn = 0
        for draft, diagnostics in zip(drafts, results):
            if category in draft.allow:
                continue
            flagged = category in predicted(diagnostics, severities)
            gold = category in draft.expect
            tp += flagged and gold
            fp += flagged and not gold
            fn += gold and not flagged
        table[category] = {"gold": tp + fn, "tp": tp, "fp": fp, "fn": fn,
                           "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn)}
    tp, fp, fn = (sum(row[key] for row in table.values()) for key in ("tp", "fp", "fn"))
    micro = {"gold": tp + fn, "tp": tp, "fp": fp, "fn": fn,
             "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn)}
    return {"categories": table, "micro": micro}


def _overlap(first: dict, second: dict) -> bool:
    same = (first["start"], first["end"]) == (second["start"], second["end"])
    return same or (first["start"] < second["end"] and second["start"] < first["end"])


def overlapping_pairs(diagnostics: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of diagnostics of one category whose spans share a character (or are the
    same span): one fault that got two remarks."""
    return [(first, second) for first, second in combinations(diagnostics, 2)
            if first["category"] == second["category"] and _overlap(first, second)]


def _good_drafts(drafts, results) -> dict:
    good = [diagnostics for draft, diagnostics in zip(drafts, results) if not draft.expect]
    with_any = sum(1 for diagnostics in good if diagnostics)
    with_strong = sum(1 for diagnostics in good if predicted(diagnostics, STRONG))
    return {"count": len(good), "with_any_remark": with_any,
            "share_with_any_remark": _ratio(with_any, len(good)),
            "with_warning_or_error": with_strong, "share_with_warning_or_error": _ratio(with_strong, len(good))}


def _overlaps(drafts, results) -> dict:
    pairs, by_category, examples = 0, {}, []
    replies = 0
    for draft, diagnostics in zip(drafts, results):
        found = overlapping_pairs(diagnostics)
        replies += bool(found)
        for first, second in found:
            pairs += 1
            by_category[first["category"]] = by_category.get(first["category"], 0) + 1
            examples.append({"id": draft.id, "category": first["category"],
                             "rules": [first["rule"], second["rule"]], "texts": [first["text"], second["text"]]})
    return {"pairs": pairs, "replies": replies, "by_category": dict(sorted(by_category.items())),
            "examples": examples}


def score(path: Path) -> tuple[dict, list[Draft], list[list[dict]]]:
    """The figures of one set, with its drafts and their diagnostics."""
    from replylint.categories import CATEGORIES

    drafts = read_set(path)
    by_line = check_lines(path)
    results = [by_line.get(draft.line, []) for draft in drafts]
    bad = sum(1 for draft in drafts if draft.expect)
    figures = {"name": path.stem, "path": _shown(path), "drafts": len(drafts), "bad": bad,
               "good": len(drafts) - bad}
    for view, severities in VIEWS:
        figures[view] = confusion(drafts, results, list(CATEGORIES), severities)
    figures["good_drafts"] = _good_drafts(drafts, results)
    figures["overlaps"] = _overlaps(drafts, results)
    return figures, drafts, results


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _number(value: float | None) -> str:
    return "  - " if value is None else f"{value:.2f}"


def print_set(figures: dict) -> None:
    print(f"== {figures['name']}: {figures['drafts']} drafts ({figures['bad']} bad, "
          f"{figures['good']} good), {figures['path']}")
    for view, title in (("all", "every diagnostic (suggestions too)"), ("strong", "warnings and errors only")):
        print(f"\n-- {title}")
        print(f"{'category':<20} {'gold':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>5} {'rec':>5}")
        rows = [*figures[view]["categories"].items(), ("(micro)", figures[view]["micro"])]
        for category, row in rows:
            print(f"{category:<20} {row['gold']:>4} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4} "
                  f"{_number(row['precision']):>5} {_number(row['recall']):>5}")
    good = figures["good_drafts"]
    if good["count"]:
        print(f"\ngood drafts: {good['count']}; with any remark: {good['with_any_remark']} "
              f"({good['share_with_any_remark']:.0%}); with a warning or error: "
              f"{good['with_warning_or_error']} ({good['share_with_warning_or_error']:.0%})")
    overlaps = figures["overlaps"]
    print(f"one fault, one remark: {overlaps['pairs']} pairs of overlapping same-category "
          f"diagnostics in {overlaps['replies']} drafts")
    for example in overlaps["examples"][:SHOWN_OVERLAPS]:
        print(f"  {example['id']}: {example['category']}: {' + '.join(example['rules'])} "
              f"«{example['texts'][0]}» / «{example['texts'][1]}»")
    if len(overlaps["examples"]) > SHOWN_OVERLAPS:
        print(f"  … and {len(overlaps['examples']) - SHOWN_OVERLAPS} more (--json lists them all)")
    print()


def print_comparison(sets: list[dict]) -> None:
    print("== sets side by side (P/R: micro precision/recall)")
    print(f"{'set':<12} {'drafts':>6} {'P all':>6} {'R all':>6} {'P w/e':>6} {'R w/e':>6} "
          f"{'good w/ remark':>15} {'overlaps':>9}")
    for figures in sets:
        good = figures["good_drafts"]["share_with_any_remark"]
        print(f"{figures['name']:<12} {figures['drafts']:>6} "
              f"{_number(figures['all']['micro']['precision']):>6} {_number(figures['all']['micro']['recall']):>6} "
              f"{_number(figures['strong']['micro']['precision']):>6} "
              f"{_number(figures['strong']['micro']['recall']):>6} "
              f"{'-' if good is None else f'{good:.0%}':>15} {figures['overlaps']['pairs']:>9}")


def show(drafts, results, category: str) -> None:
    """The false alarms and misses of a category, with every diagnostic of the draft."""
    false_alarms, misses = [], []
    for draft, diagnostics in zip(drafts, results):
        if category in draft.allow:
            continue
        flagged = category in predicted(diagnostics)
        if flagged and category not in draft.expect:
            false_alarms.append((draft, [d for d in diagnostics if d["category"] == category]))
        elif category in draft.expect and not flagged:
            misses.append((draft, diagnostics))
    for title, items in (("false positives", false_alarms), ("false negatives", misses)):
        print(f"\n== {category}: {title} ({len(items)}) ==")
        for draft, diagnostics in items:
            print(f"- {draft.id} [{', '.join(sorted(draft.expect)) or 'good'}]")
            print("    " + draft.text.replace("\n", "\n    "))
            for d in diagnostics:
                print(f"      [{d['severity']}] {d['category']} / {d['rule']}: «{d['text']}» — {d['message']}")
            if not diagnostics:
                print("      (no diagnostics)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, help="labelled sets (default: every eval/*.jsonl)")
    parser.add_argument("--data", type=Path, action="append", default=[], help="a set (same as a positional)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", metavar="CATEGORY", help="print the false positives and negatives of a category")
    args = parser.parse_args(argv)
    paths = [*args.sets, *args.data] or sorted(EVAL.glob("*.jsonl"))
    if args.show:
        from replylint.categories import CATEGORIES

        if args.show not in CATEGORIES:
            parser.error(f"unknown category {args.show!r}; known: {', '.join(CATEGORIES)}")
    sets = []
    try:
        for path in paths:
            figures, drafts, results = score(path)
            sets.append(figures)
            if args.show:
                print(f"## {figures['path']}")
                show(drafts, results, args.show)
    except SetError as error:
        print(error, file=sys.stderr)
        return 2
    if args.show:
        return 0
    if args.json:
        print(json.dumps({"sets": sets}, ensure_ascii=False, indent=1))
        return 0
    for figures in sets:
        print_set(figures)
    if len(sets) > 1:
        print_comparison(sets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
