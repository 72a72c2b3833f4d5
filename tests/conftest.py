"""Shared fixtures: one linter with the bundled rules, compiled once per session."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session", autouse=True)
def _rule_cache_in_tmp(tmp_path_factory):
    """The rule cache of every run (in-process and subprocess) goes to a temporary folder,
    never to the user's ~/.cache/replylint."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path_factory.mktemp("rule-cache")))
        patch.delenv("REPLYLINT_NO_CACHE", raising=False)
        yield


@pytest.fixture(scope="session")
def bundled_rules():
    from replylint.loader import load_rules, select_rules

    return select_rules(load_rules())  # what `replylint check` runs: enabled rules


@pytest.fixture(scope="session")
def linter(bundled_rules):
    from replylint.linter import Linter

    return Linter(bundled_rules)


@pytest.fixture(scope="session")
def lint(linter):
    """Lint a text with every bundled rule; returns the diagnostics."""
    return linter.lint


@pytest.fixture(scope="session")
def rules_of(lint):
    """The ids of the rules that fire on a text."""
    def fired(text: str) -> set[str]:
        return {diagnostic.rule for diagnostic in lint(text)}

    return fired


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A fresh copy of examples/canned-repo as the working directory."""
    from helpers import CANNED

    target = tmp_path / "canned-repo"
    shutil.copytree(CANNED, target)
    monkeypatch.chdir(target)
    return target
