"""`replylint rules`, `explain` and `--help` answer at once: they never import spaCy or
pymorphy3 (spaCy alone costs most of a second to import)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("spacy", "pymorphy3", "thinc")


def imported_modules(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "replylint.cli", *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    modules = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip())
    assert modules, "python -X importtime printed nothing"
    return modules


@pytest.mark.parametrize("args", [["rules"], ["rules", "--format", "json"], ["explain", "jargon.glossary"],
                                  ["explain", "jargon"], ["--help"], ["check", "--help"]],
                         ids=["rules", "rules-json", "explain", "explain-category", "help", "check-help"])
def test_command_does_not_import_nlp_libraries(args):
    heavy = {module for module in imported_modules(*args) if module.split(".")[0] in HEAVY}
    assert not heavy, f"replylint {' '.join(args)} imported {sorted(heavy)[:5]}"


def test_check_does_import_them():
    """The probe above would pass vacuously if importtime output were not parsed."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.txt"
        draft.write_text("Здравствуйте!\n", encoding="utf-8")
        result = subprocess.run([sys.executable, "-X", "importtime", "-m", "replylint.cli", "check", str(draft)],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert any(line.rsplit("|", 1)[-1].strip() == "spacy" for line in result.stderr.splitlines())
