"""README's CI recipes, run against this checkout: `pip install "git+…@<commit>"` and a
built wheel, each into a fresh virtual environment, and pre-commit with `rev:` pinned to
a commit SHA. The repository URL becomes this checkout's path; everything else is the
recipe as written. The installs fetch replylint's dependencies from the package index
pip is configured with, so these are marked slow (`pytest -m "not slow"` skips them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BUILD_LEFTOVERS = shutil.ignore_patterns(".git", ".venv", ".ci-venv", "build", "dist", "*.egg-info",
                                         "__pycache__", ".pytest_cache", ".hypothesis")

pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                                reason="needs git and a git checkout of replylint")


def _env(tmp_path: Path) -> dict:
    """The user's environment, without this test run's virtual environment."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONWARNINGS", "PYTHONDEVMODE")}
    env.update(HOME=str(tmp_path), PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return env


def _run(command, cwd: Path, tmp_path: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=_env(tmp_path), capture_output=True,
                          text=True, timeout=timeout)


def _head() -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def _fresh_venv(tmp_path: Path) -> Path:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=_env(tmp_path))
    return venv / "bin"


def _assert_checks_the_example_drafts(bin_dir: Path, tmp_path: Path) -> None:
    """The installed replylint (not this checkout's) flags the bundled bad draft and
    explains a category: its rules and categories were installed with it."""
    shutil.copytree(ROOT / "examples" / "drafts", tmp_path / "drafts")
    where = _run([bin_dir / "python", "-c", "import replylint; print(replylint.__file__)"], tmp_path, tmp_path)
    assert str(tmp_path / "venv") in where.stdout, where.stdout + where.stderr
    result = _run([bin_dir / "replylint", "check", "drafts/"], tmp_path, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "drafts/draft-bad.txt:3:5" in result.stdout and "jargon.glossary" in result.stdout
    explained = _run([bin_dir / "replylint", "explain", "jargon"], tmp_path, tmp_path)
    assert explained.returncode == 0 and "Жаргон и внутренние термины" in explained.stdout, explained.stderr


@pytest.mark.slow
def test_pip_installs_replylint_from_the_repository_at_a_commit(tmp_path):
    bin_dir = _fresh_venv(tmp_path)
    installed = _run([bin_dir / "python", "-m", "pip", "install", f"git+file://{ROOT}@{_head()}"], tmp_path, tmp_path)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-3000:]
    _assert_checks_the_example_drafts(bin_dir, tmp_path)


@pytest.mark.slow
def test_a_wheel_built_from_the_checkout_installs_and_runs(tmp_path):
    checkout = tmp_path / "replylint"
    shutil.copytree(ROOT, checkout, ignore=BUILD_LEFTOVERS)
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", "dist", "."], checkout, tmp_path)
    assert built.returncode == 0, built.stderr[-3000:]
    wheel, = (checkout / "dist").glob("replylint-*-py3-none-any.whl")
    bin_dir = _fresh_venv(tmp_path)
    installed = _run([bin_dir / "python", "-m", "pip", "install", wheel], tmp_path, tmp_path)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-3000:]
    _assert_checks_the_example_drafts(bin_dir, tmp_path)


def _canned_repo(tmp_path: Path, rev: str) -> Path:
    repo = tmp_path / "replies"
    shutil.copytree(ROOT / "examples" / "canned-repo", repo)
    config = {"repos": [{"repo": str(ROOT), "rev": rev, "hooks": [{"id": "replylint"}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for command in (["git", "init", "-q"], ["git", "add", "."]):
        subprocess.run(command, cwd=repo, check=True, env=_env(tmp_path))
    return repo


@pytest.mark.slow
def test_pre_commit_installs_and_runs_the_hook_pinned_to_a_commit(tmp_path):
    pytest.importorskip("pre_commit")
    repo = _canned_repo(tmp_path, _head())
    result = _run([sys.executable, "-m", "pre_commit", "run", "--all-files"], repo, tmp_path)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert "replylint (canned responses)" in result.stdout and "Failed" in result.stdout
    assert "replies/delivery.txt:3:5" in result.stdout


def test_pre_commit_autoupdate_pins_the_newest_commit(tmp_path):
    """README: `pre-commit autoupdate` writes the newest commit (or tag) into `rev:`."""
    pytest.importorskip("pre_commit")
    first = subprocess.run(["git", "rev-list", "--max-parents=0", "HEAD"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()[0]
    repo = _canned_repo(tmp_path, first)
    result = _run([sys.executable, "-m", "pre_commit", "autoupdate"], repo, tmp_path, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    rev = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["rev"]
    pinned = subprocess.run(["git", "rev-parse", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True, text=True)
    assert pinned.stdout.strip() == _head(), (rev, result.stdout)
