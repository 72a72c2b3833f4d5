"""The gold set of rewrites (eval/rewrites/gold.jsonl): at least 95 % of its sentences
come out exactly as a native speaker would write them after every rewrite is applied,
and the rest fall back to advice — never to a wrong form."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import ROOT


def test_rewrites_of_the_gold_set_read_as_russian():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_rewrites.py"), "--json"],
                            capture_output=True, text=True, timeout=600, check=True)
    report = json.loads(result.stdout)
    wrong = [f"{r['id']}: {r['text']} → {r['result']} (expected {r['expected']})"
             for r in report["results"] if r["verdict"] == "wrong"]
    assert report["sentences"] >= 200
    assert not wrong, "\n".join(wrong)
    assert report["exact"] >= 0.95 * report["sentences"]
