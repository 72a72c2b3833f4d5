"""Dump every diagnostic replylint gives over the project's reference inputs, one per line.

    python scripts/dump_diagnostics.py > /tmp/after.tsv
    diff /tmp/before.tsv /tmp/after.tsv

A refactor must leave this dump byte-identical; a change of behaviour shows up here line
by line. The inputs: examples/ (drafts and the canned-reply template repository), the
labelled sets (eval/*.jsonl, or bench/eval/*.jsonl in older checkouts), a generated
corpus (bench/corpus.py, fixed seed) and, on a developer's machine, the real replies in
../shared/corpus/. Each is checked through the CLI, as a user would, with no config file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: A developer's local copy of real replies (not part of the repository), found beside the
#: checkout or, for a git worktree one folder deeper, beside its parent.
REAL_CORPUS = next((folder / "shared" / "corpus" / "real-replies.jsonl" for folder in (ROOT.parent, ROOT.parent.parent)
                    if (folder / "shared" / "corpus" / "real-replies.jsonl").is_file()), Path("/nonexistent"))


def _inputs(generated: Path) -> list[tuple[str, list[str]]]:
    labelled = sorted((ROOT / "eval").glob("*.jsonl")) or sorted((ROOT / "bench" / "eval").glob("*.jsonl"))
    inputs = [("examples/drafts", [str(ROOT / "examples" / "drafts")]),
              ("examples/canned-repo", [str(ROOT / "examples" / "canned-repo")])]
    inputs += [(f"labelled/{path.name}", [str(path)]) for path in labelled]
    inputs.append(("generated", [str(generated)]))
    if REAL_CORPUS.is_file():
        inputs.append(("real", [str(REAL_CORPUS)]))
    return inputs


def _lines(name: str, report: dict) -> list[str]:
    lines = []
    for file in report.get("files", []):
        path = os.path.basename(file["path"])
        if file.get("error"):
            lines.append(f"{name}\t{path}\tERROR\t{file['error']}")
        for d in file.get("diagnostics", []):
            suggestions = " | ".join(
                f"{s.get('kind')}:{s.get('text')}" + (f"@{s['start']}-{s['end']}" if "start" in s else "")
                + ("!" if s.get("safe") else "")
                for s in d.get("suggestions", []))
            lines.append("\t".join(str(part) for part in (
                name, path, d.get("reply") or "", d["rule"], d["severity"], d["start"], d["end"],
                d["text"].replace("\n", "⏎"), d["message"], suggestions)))
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=1000, help="generated drafts (default 1000)")
    parser.add_argument("--select", default=None, help="only these rules or categories")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        generated = Path(folder) / "generated.jsonl"
        subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "--drafts", str(args.drafts),
                        "--seed", "7", "--out", str(generated)], check=True, stdout=subprocess.DEVNULL)
        for name, paths in _inputs(generated):
            command = [sys.executable, "-m", "replylint.cli", "check", *paths, "--isolated",
                       "--format", "json", "--jobs", "1"]
            if args.select:
                command += ["--select", args.select]
            completed = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                                       cwd=ROOT)
            try:
                report = json.loads(completed.stdout)
            except json.JSONDecodeError:
                print(f"{name}\tFAILED\texit {completed.returncode}\t{completed.stderr.strip()[:500]}")
                continue
            for line in _lines(name, report):
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
