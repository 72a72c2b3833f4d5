"""The tables of docs/ are written from the registries: a kind added, renamed or given a
key shows in docs/rules.md, or the suite fails until `python -m replylint.docs` is run."""

from __future__ import annotations

import shutil
import subprocess
import sys

from helpers import ROOT


def docs(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "replylint.docs", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_the_generated_parts_of_the_docs_are_up_to_date():
    result = docs("--check")
    assert result.returncode == 0, result.stderr


def test_a_table_out_of_step_with_the_kinds_is_caught_and_rewritten(tmp_path):
    (tmp_path / "docs").mkdir()
    rules_md = tmp_path / "docs" / "rules.md"
    shutil.copy(ROOT / "docs" / "rules.md", rules_md)
    written = rules_md.read_text(encoding="utf-8")
    rules_md.write_text(written.replace("| `min_words` | no | `0` |", "| `min_words` | no | `5` |"), encoding="utf-8")

    stale = docs("--check", "--root", str(tmp_path))
    assert stale.returncode == 1
    assert f"{rules_md}: out of date" in stale.stderr

    assert docs("--root", str(tmp_path)).returncode == 0
    assert rules_md.read_text(encoding="utf-8") == written
    assert docs("--check", "--root", str(tmp_path)).returncode == 0
