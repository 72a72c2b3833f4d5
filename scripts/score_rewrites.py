"""Score the rewrites on the gold set: every rewrite of a sentence applied, compared with
what a native speaker would write.

    python scripts/score_rewrites.py                 # summary, then every miss
    python scripts/score_rewrites.py --json          # for tests and tools

Each line of eval/rewrites/gold.jsonl is a sentence with jargon or officialese in some
role (subject, object, predicate, participial phrase, prepositional phrase; singular and
plural; several rewrites at once), the text expected after all its rewrites, and
sometimes other acceptable texts (``also``). Every diagnostic's first rewrite is applied,
as a user applying all of them would (``safe`` or not). A sentence is:

* exact — the result is the expected text (or one of ``also``);
* advice — some rewrite fell back to advice (no replacement offered), so the result keeps
  a jargon word; what was applied is shown for review;
* wrong — a replacement was offered and the result is not what is expected.

The target: at least 95 % exact, and no sentence wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "rewrites" / "gold.jsonl"


def score(path: Path) -> dict:
    from replylint.linter import default_linter
    from replylint.ruletest import apply_rewrites

    linter = default_linter()
    rewriting = {compiled.rule.id for compiled in linter.rules
                 if compiled.rule.kind == "substitution" or compiled.replacements}
    results = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        diagnostics = linter.lint(item["text"])
        result, problem = apply_rewrites(item["text"], diagnostics)
        accepted = [item["expected"], *item.get("also", [])]
        fell_back = [d.rule for d in diagnostics if d.rule in rewriting
                     and not any(s.is_replacement for s in d.suggestions)]
        if result in accepted and not problem:
            verdict = "exact"
        elif fell_back and not problem:
            verdict = "advice"
        else:
            verdict = "wrong"
        results.append({**item, "result": result, "verdict": verdict, "fell_back": fell_back,
                        "problem": problem})
    counts = {verdict: sum(1 for r in results if r["verdict"] == verdict) for verdict in ("exact", "advice", "wrong")}
    return {"sentences": len(results), **counts, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    arguments = parser.parse_args()
    report = score(arguments.gold)
    if arguments.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        return
    total = report["sentences"]
    print(f"{total} sentences: {report['exact']} exact ({100 * report['exact'] / total:.1f} %), "
          f"{report['advice']} fell back to advice, {report['wrong']} wrong")
    for result in report["results"]:
        if result["verdict"] == "exact":
            continue
        print(f"\n{result['verdict'].upper()} {result['id']} ({result['role']})")
        print(f"  text:     {result['text']}")
        print(f"  expected: {result['expected']}")
        print(f"  got:      {result['result']}")
        if result["fell_back"]:
            print(f"  advice from: {', '.join(result['fell_back'])}")
        if result["problem"]:
            print(f"  problem: {result['problem']}")


if __name__ == "__main__":
    main()
