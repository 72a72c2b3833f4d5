"""Warnings per 100 replies, by category, over a JSON Lines corpus (field ``text``).

For reading what fires on real replies written elsewhere (false alarms cost agents'
trust), not for tuning to single lines:

    python scripts/corpus_report.py ../shared/corpus/real-replies.jsonl [--show CATEGORY]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from replylint.linter import Linter
from replylint.loader import load_rules, select_rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--show", action="append", default=[],
                        help="print the diagnostics of this category (repeatable)")
    parser.add_argument("--mode", choices=["drafts", "templates"], default="drafts")
    arguments = parser.parse_args()
    linter = Linter(select_rules(load_rules()), mode=arguments.mode)
    by_category: Counter[str] = Counter()
    replies_with: Counter[str] = Counter()
    total = clean = clean_of_warnings = 0
    with open(arguments.corpus, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            diagnostics = linter.lint(record["text"])
            total += 1
            clean += not diagnostics
            clean_of_warnings += not any(d.severity.label != "suggestion" for d in diagnostics)
            for category in {d.category for d in diagnostics}:
                replies_with[category] += 1
            for diagnostic in diagnostics:
                by_category[diagnostic.category] += 1
                if diagnostic.category in arguments.show:
                    print(f"{record.get('id', total)}\t{diagnostic.rule}\t{diagnostic.text!r}\t"
                          f"{' '.join(diagnostic.context.split())[:140]}")
    print(f"\n{total} replies; no diagnostic at all: {clean / total:.0%}; "
          f"no warning or error: {clean_of_warnings / total:.0%}")
    print(f"{'category':<20} {'per 100 replies':>16} {'replies hit':>12}")
    for category, count in by_category.most_common():
        print(f"{category:<20} {100 * count / total:>16.1f} {replies_with[category]:>12}")


if __name__ == "__main__":
    main()
