"""replylint as a pre-commit hook, checked offline.

``pre-commit try-repo`` would build a fresh virtualenv and install replylint with spaCy from
the network; the closest offline check is: our ``.pre-commit-hooks.yaml`` passes
pre-commit's own manifest validation, and pre-commit runs the very same hook (entry, file
filter, exclusion, serial call) in a temporary git repository, with ``language: system``
pointing at the replylint already installed here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pre_commit = pytest.importorskip("pre_commit.clientlib")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_manifest_is_valid_for_pre_commit():
    hooks = pre_commit.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert [hook["id"] for hook in hooks] == ["replylint", "replylint-fix"]
    assert all(hook["language"] == "python" and hook["entry"].startswith("replylint check") for hook in hooks)


def _repo_with_hook(tmp_path: Path, hook_id: str) -> Path:
    import yaml

    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
                if h["id"] == hook_id)
    executable = Path(sys.executable).parent / "replylint"
    hook = dict(hook, language="system", entry=f"{executable} {hook['entry'].split(' ', 1)[1]}")
    repo = tmp_path / "replies"
    shutil.copytree(ROOT / "examples" / "canned-repo", repo)
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, allow_unicode=True), encoding="utf-8")
    for command in (["git", "init", "-q"], ["git", "add", "."]):
        subprocess.run(command, cwd=repo, check=True, env=_env(tmp_path))
    return repo


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com",
               HOME=str(tmp_path))
    env.pop("PYTHONWARNINGS", None)
    return env


def _pre_commit(repo: Path, tmp_path: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args], cwd=repo, env=_env(tmp_path),
                          capture_output=True, text=True, timeout=600)


def test_hook_fails_on_bad_replies_and_passes_on_good_ones(tmp_path):
    repo = _repo_with_hook(tmp_path, "replylint")
    result = _pre_commit(repo, tmp_path, "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "replylint (canned responses)" in result.stdout and "Failed" in result.stdout
    assert "replies/delivery.txt:3:5" in result.stdout
    assert ".replylint.yaml" not in result.stdout  # dot-files are not replies
    (repo / "good.md").write_text("Здравствуйте! Вернём деньги на карту завтра до 18:00.\n", encoding="utf-8")
    subprocess.run(["git", "add", "good.md"], cwd=repo, check=True, env=_env(tmp_path))
    result = _pre_commit(repo, tmp_path, "--files", "good.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_fix_hook_rewrites_the_files(tmp_path):
    repo = _repo_with_hook(tmp_path, "replylint-fix")
    _pre_commit(repo, tmp_path, "--files", "replies/refund.md")
    assert "Ждём подтверждения от банка" in (repo / "replies" / "refund.md").read_text(encoding="utf-8")
