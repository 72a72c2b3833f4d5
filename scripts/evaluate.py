"""Draft-level precision and recall of the bundled rules on a held-out set.

    python scripts/evaluate.py                     # table for every category
    python scripts/evaluate.py --show jargon       # FPs and FNs of one category
    python scripts/evaluate.py --data other.jsonl

The set (bench/eval/drafts.jsonl) is one JSON object per line: id, domain, text and
labels, the categories a support lead would flag (empty for a good reply). A category is
"predicted" for a draft when any diagnostic of that category fires. Two views are
printed: counting every diagnostic (suggestions too) and counting only warning/error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from replylint.linter import Linter
from replylint.loader import load_rules, select_rules

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "bench" / "eval" / "drafts.jsonl"
STRONG = {"warning", "error"}


def read_drafts(path: Path) -> list[dict]:
    drafts = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line:
                continue
            try:
                draft = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit(f"{path}:{number}: {error}")
            draft["labels"] = set(draft.get("labels") or [])
            drafts.append(draft)
    return drafts


def categories_from(diagnostics, strong_only: bool) -> set[str]:
    return {d.category for d in diagnostics
            if not strong_only or d.severity.label in STRONG}


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "  - "


def table(drafts, results, categories, strong_only: bool) -> None:
    title = "warning/error only" if strong_only else "all diagnostics (suggestions too)"
    print(f"\n== {title} ==")
    print(f"{'category':<20} {'gold':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>5} {'rec':>5}")
    total_tp = total_fp = total_fn = 0
    for category in categories:
        tp = fp = fn = 0
        for draft, diagnostics in zip(drafts, results):
            predicted = category in categories_from(diagnostics, strong_only)
            gold = category in draft["labels"]
            tp += predicted and gold
            fp += predicted and not gold
            fn += gold and not predicted
        total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
        print(f"{category:<20} {tp + fn:>4} {tp:>4} {fp:>4} {fn:>4} "
              f"{ratio(tp, tp + fp):>5} {ratio(tp, tp + fn):>5}")
    print(f"{'(micro)':<20} {total_tp + total_fn:>4} {total_tp:>4} {total_fp:>4} {total_fn:>4} "
          f"{ratio(total_tp, total_tp + total_fp):>5} {ratio(total_tp, total_tp + total_fn):>5}")


def good_share(drafts, results) -> None:
    good = [(d, r) for d, r in zip(drafts, results) if not d["labels"]]
    if not good:
        return
    clean = sum(1 for _, r in good if not r)
    no_strong = sum(1 for _, r in good if not categories_from(r, True))
    print(f"\ngood drafts: {len(good)}")
    print(f"  with no diagnostic at all:   {clean:>3} ({clean / len(good):.0%})")
    print(f"  with no warning/error:       {no_strong:>3} ({no_strong / len(good):.0%})")


def describe(diagnostics, text: str) -> str:
    lines = []
    for d in diagnostics:
        span = text[d.start:d.end] if d.end is not None else ""
        lines.append(f"      [{d.severity.label}] {d.category} / {d.rule}: «{span}» — {d.message}")
    return "\n".join(lines) or "      (no diagnostics)"


def show(drafts, results, category: str) -> None:
    false_pos, false_neg = [], []
    for draft, diagnostics in zip(drafts, results):
        predicted = category in categories_from(diagnostics, False)
        gold = category in draft["labels"]
        if predicted and not gold:
            false_pos.append((draft, diagnostics))
        elif gold and not predicted:
            false_neg.append((draft, diagnostics))
    for title, items, only_category in (("false positives", false_pos, True),
                                        ("false negatives", false_neg, False)):
        print(f"\n== {category}: {title} ({len(items)}) ==")
        for draft, diagnostics in items:
            labels = ", ".join(sorted(draft["labels"])) or "good"
            print(f"- {draft['id']} [{labels}]")
            print("    " + draft["text"].replace("\n", "\n    "))
            shown = [d for d in diagnostics if d.category == category] if only_category else diagnostics
            print(describe(shown, draft["text"]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", metavar="CATEGORY",
                        help="print false positives and false negatives of a category")
    args = parser.parse_args(argv)

    drafts = read_drafts(args.data)
    rules = select_rules(load_rules())
    linter = Linter(rules)
    results = list(linter.lint_many(draft["text"] for draft in drafts))

    rule_categories = {rule.category for rule in rules}
    gold_categories = {c for d in drafts for c in d["labels"]}
    predicted = {d.category for r in results for d in r}
    categories = sorted(gold_categories | predicted | rule_categories)

    if args.show:
        if args.show not in categories:
            parser.error(f"unknown category {args.show!r}; known: {', '.join(categories)}")
        show(drafts, results, args.show)
        return 0

    bad = sum(1 for d in drafts if d["labels"])
    print(f"drafts: {len(drafts)} ({bad} bad, {len(drafts) - bad} good), data: {args.data}")
    table(drafts, results, categories, strong_only=False)
    table(drafts, results, categories, strong_only=True)
    good_share(drafts, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
