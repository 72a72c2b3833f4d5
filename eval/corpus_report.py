"""Remarks per 100 replies, by category, over a JSON Lines corpus of unlabelled replies
(field ``text``).

For reading what fires on real replies written elsewhere (false alarms cost agents'
trust), not for tuning to single lines. The real corpus is a developer's local file, not
part of the repository:

    python eval/corpus_report.py ../shared/corpus/real-replies.jsonl [--show CATEGORY] [--mode templates]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from evaluate import SetError, check_lines  # eval/ is on the path when this file is run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--show", action="append", default=[],
                        help="print the diagnostics of this category (repeatable)")
    parser.add_argument("--mode", choices=["drafts", "templates"], default="drafts")
    arguments = parser.parse_args(argv)
    try:
        by_line = check_lines(arguments.corpus, arguments.mode)
        lines = arguments.corpus.read_text(encoding="utf-8").splitlines()
    except (SetError, OSError) as error:
        print(error, file=sys.stderr)
        return 2
    by_category: Counter[str] = Counter()
    replies_with: Counter[str] = Counter()
    total = clean = clean_of_warnings = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        diagnostics = by_line.get(number, [])
        total += 1
        clean += not diagnostics
        clean_of_warnings += not any(d["severity"] != "suggestion" for d in diagnostics)
        replies_with.update({d["category"] for d in diagnostics})
        for diagnostic in diagnostics:
            by_category[diagnostic["category"]] += 1
            if diagnostic["category"] in arguments.show:
                reply_id = json.loads(line).get("id", number)
                print(f"{reply_id}\t{diagnostic['rule']}\t{diagnostic['text']!r}\t{diagnostic['message']}")
    if not total:
        print(f"{arguments.corpus}: no replies", file=sys.stderr)
        return 2
    print(f"\n{total} replies; no diagnostic at all: {clean / total:.0%}; "
          f"no warning or error: {clean_of_warnings / total:.0%}")
    print(f"{'category':<20} {'per 100 replies':>16} {'replies hit':>12}")
    for category, count in by_category.most_common():
        print(f"{category:<20} {100 * count / total:>16.1f} {replies_with[category]:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
