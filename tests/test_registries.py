"""Input formats and reporters are each one module with one contract, listed in one
registry; everything else (suffixes, CLI choices, config keys, the starter config, the
suppression syntax) is read from the registry."""

from __future__ import annotations

import dataclasses
import re

import pytest
import yaml

from helpers import ROOT
from replylint import formats, report


@pytest.mark.parametrize("module", formats.REGISTRY.modules(), ids=lambda module: module.NAME)
def test_a_format_module_keeps_the_contract(module):
    assert re.fullmatch(r"[a-z]+", module.NAME)
    assert module.SUFFIXES and all(re.fullmatch(r"\.[a-z0-9]+", suffix) for suffix in module.SUFFIXES)
    assert dataclasses.is_dataclass(module.Options) and module.Options.__dataclass_params__.frozen
    options = module.Options()
    assert not hasattr(options, "__dict__")  # slotted
    assert module.SUPPRESSION is None or re.compile(module.SUPPRESSION).groups == 2
    assert callable(module.parse)


def test_format_names_and_suffixes_are_unique():
    assert len(set(formats.names())) == len(formats.REGISTRY.module_names)
    assert sum(len(module.SUFFIXES) for module in formats.REGISTRY.modules()) == len(formats.suffixes())


@pytest.mark.parametrize("module", report.REGISTRY.modules(), ids=lambda module: module.NAME)
def test_a_reporter_renders_text(module):
    from replylint.diagnostics import FileResult

    assert isinstance(module.render([FileResult("a.txt")], report.ReportOptions()), str)


@pytest.mark.parametrize("file_name, text", [
    ("reply.md", "<!-- replylint-disable-next-line jargon -->\nВаш тикет у нас.\n"),
    ("reply.yaml", "# replylint: disable-next-line=jargon\na: Ваш тикет у нас.\n"),
])
def test_the_suppression_syntax_comes_from_the_format(tmp_path, file_name, text):
    from helpers import run_cli as run

    path = tmp_path / file_name
    path.write_text(text, encoding="utf-8")
    assert run("check", str(path), "--isolated", "--select", "jargon.glossary").exit_code == 0
    assert run("check", str(path), "--isolated", "--select", "jargon.glossary", "--input-format", "text").exit_code == 1


def test_the_pre_commit_hooks_take_exactly_the_files_of_a_known_format():
    """pre-commit names files outright, and a file named outright is read whatever its
    suffix: the hook's filter is the one list of suffixes outside the registry."""
    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")):
        pattern = re.compile(hook["files"])
        for suffix in formats.suffixes():
            assert pattern.search(f"replies/a{suffix}"), (hook["id"], suffix)
        for other in (".py", ".toml", ".docx", ".yamlx"):
            assert not pattern.search(f"replies/a{other}"), (hook["id"], other)


def test_a_plain_draft_imports_one_format_and_one_reporter(tmp_path):
    """The registries import a module when it is needed: a check of one .txt draft does
    not pay for the Options classes and regexes of every other format and reporter."""
    import subprocess
    import sys

    draft = tmp_path / "draft.txt"
    draft.write_text("Здравствуйте! Привезём заказ завтра до 18:00.\n", encoding="utf-8")
    code = ("import sys\nfrom replylint.cli import main\n"
            f"try:\n    main(['check', {str(draft)!r}, '--isolated'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(name for name in sys.modules if name.startswith(('replylint.formats.', 'replylint.report.'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.stdout.strip().splitlines()[-1] == str(
        ["replylint.formats.reply", "replylint.formats.text", "replylint.report.text"]), result.stderr
