"""The bundled example drafts behave as their names say: good ones are clean, bad ones warn."""

from __future__ import annotations

from pathlib import Path

import pytest

DRAFTS = sorted((Path(__file__).resolve().parent.parent / "examples" / "drafts").glob("*.txt"))


def test_there_are_good_and_bad_drafts_in_several_domains():
    names = [path.stem for path in DRAFTS]
    assert sum("good" in name for name in names) >= 8 and sum("bad" in name for name in names) >= 8
    domains = {name.split("-")[1] for name in names if name.count("-") >= 2}
    assert len(domains) >= 5


@pytest.mark.parametrize("path", DRAFTS, ids=[path.name for path in DRAFTS])
def test_draft(lint, path):
    diagnostics = lint(path.read_text(encoding="utf-8"))
    if "good" in path.stem:
        assert [f"{d.rule}: «{d.text}»" for d in diagnostics] == []
    else:
        assert diagnostics, "a bad draft must get advice"
