"""The on-disk rule cache: used on a repeated run, invalidated by any rule-file change,
never trusted when broken, never fatal, and invisible in the output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import linter as linter_module
from replylint import loader, rulecache
from replylint.cli import main

from helpers import COFFEE_RULE

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = sorted((ROOT / "examples" / "drafts").glob("*.txt"))

COFFEE = COFFEE_RULE
TEA = COFFEE.replace("jargon.coffee", "jargon.tea").replace("купаж: мягкий кофе", "улун: чай")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("REPLYLINT_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def counts(monkeypatch):
    """How often rule files were loaded and rules compiled (the work the cache saves)."""
    counted = {"load": 0, "compile": 0}
    load, init = loader.load_rules, linter_module.Linter.__init__

    def counting_load(*args, **kwargs):
        counted["load"] += 1
        return load(*args, **kwargs)

    def counting_init(self, *args, **kwargs):
        counted["compile"] += 1
        init(self, *args, **kwargs)

    monkeypatch.setattr(loader, "load_rules", counting_load)
    monkeypatch.setattr(linter_module.Linter, "__init__", counting_init)
    return counted


@pytest.fixture
def own_rules(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "coffee.yaml").write_text(COFFEE, encoding="utf-8")
    return folder


def invoke(*args):
    result = CliRunner().invoke(main, ["check", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.output


def check_own(folder, draft, *options):
    return invoke(draft, "--isolated", "--no-bundled", "--rules", folder, *options)


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("Вам купаж или улун?\n", encoding="utf-8")
    return path


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"{kind}-*.pickle"))


def test_second_run_loads_and_compiles_nothing(cache, counts, draft):
    first = invoke(draft, "--isolated")
    assert counts == {"load": 1, "compile": 1}
    assert len(entries(cache, "rules")) == 1 and len(entries(cache, "linter")) == 1
    second = invoke(draft, "--isolated")
    assert counts == {"load": 1, "compile": 1}
    assert second == first


def test_cached_linter_is_a_working_linter(cache):
    rules = rulecache.load_rules()
    chosen = loader.select_rules(rules)
    fresh = rulecache.build_linter(rules, chosen)
    again = rulecache.load_rules()
    cached = rulecache.build_linter(again, loader.select_rules(again))
    assert cached is not fresh
    assert [c.rule.id for c in cached.rules] == [c.rule.id for c in fresh.rules]
    assert all(c.rule is r for c, r in zip(cached.rules, loader.select_rules(again)))
    assert {type(c.module).__name__ for c in cached.rules} == {"module"}
    text = "Ваш тикет эскалирован на L2. Ответим в ближайшее время, пришлите скрин."
    assert cached.lint(text) == fresh.lint(text)


def test_options_that_change_the_compiled_rules_get_their_own_entry(cache, counts, draft):
    all_rules = invoke(draft, "--isolated")
    jargon = invoke(draft, "--isolated", "--select", "jargon")
    templates = invoke(draft, "--isolated", "--mode", "templates")
    assert counts == {"load": 1, "compile": 3}
    assert len(entries(cache, "linter")) == 3
    assert invoke(draft, "--isolated", "--select", "jargon") == jargon
    assert invoke(draft, "--isolated") == all_rules
    assert invoke(draft, "--isolated", "--mode", "templates") == templates
    assert counts == {"load": 1, "compile": 3}


def test_key_depends_on_where_the_rule_files_are_not_on_the_working_folder(tmp_path, monkeypatch, own_rules):
    (tmp_path / "elsewhere").mkdir()
    bundled = rulecache.rules_key()
    monkeypatch.chdir(tmp_path)
    here = rulecache.rules_key(["rules"], include_bundled=False)
    same = rulecache.rules_key([str(own_rules)], include_bundled=False)
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert rulecache.rules_key() == bundled
    assert rulecache.rules_key([str(own_rules)], include_bundled=False) == same
    assert rulecache.rules_key(["rules"], include_bundled=False) is None  # no such folder here
    assert here not in (None, same)


def test_editing_a_rule_file_invalidates(cache, counts, own_rules, draft):
    assert "мягкий кофе" in check_own(own_rules, draft)[1]
    path = own_rules / "coffee.yaml"
    path.write_text(COFFEE.replace("мягкий кофе", "кофе помягче"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # even within one clock tick
    output = check_own(own_rules, draft)[1]
    assert "кофе помягче" in output and "мягкий кофе" not in output
    assert counts == {"load": 2, "compile": 2}
    check_own(own_rules, draft)
    assert counts == {"load": 2, "compile": 2}


def test_adding_and_removing_a_rule_file_invalidates(cache, counts, own_rules, draft):
    assert "jargon.tea" not in check_own(own_rules, draft)[1]
    (own_rules / "nested").mkdir()
    (own_rules / "nested" / "tea.yml").write_text(TEA, encoding="utf-8")
    assert "jargon.tea" in check_own(own_rules, draft)[1]
    (own_rules / "nested" / "tea.yml").unlink()
    assert "jargon.tea" not in check_own(own_rules, draft)[1]
    assert counts["load"] == 2  # the files are as in the first run again: its entry serves


def test_a_broken_rule_file_is_reported_as_without_cache_and_never_cached(cache, own_rules, draft, monkeypatch):
    (own_rules / "broken.yaml").write_text(TEA.replace("category: jargon", "category: tea"), encoding="utf-8")
    with_cache = [check_own(own_rules, draft) for _ in range(2)]
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")
    without = check_own(own_rules, draft)
    assert with_cache == [without, without]
    assert without[0] == 2 and "неизвестная категория 'tea'" in without[1]
    assert not entries(cache, "rules") and not entries(cache, "linter")


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_corrupt_entry_is_ignored_and_replaced(cache, counts, own_rules, draft, damage):
    expected = check_own(own_rules, draft)
    for path in entries(cache, "rules") + entries(cache, "linter"):
        path.write_bytes(damage)
    assert check_own(own_rules, draft) == expected
    assert counts == {"load": 2, "compile": 2}
    assert check_own(own_rules, draft) == expected
    assert counts == {"load": 2, "compile": 2}  # rewritten whole by the second run


def test_an_entry_for_another_key_is_not_used(cache, counts, own_rules, draft):
    expected = check_own(own_rules, draft)
    [path] = entries(cache, "rules")
    data = path.read_bytes()
    key = path.name[len("rules-"):-len(".pickle")]
    path.write_bytes(data.replace(key.encode(), b"0" * len(key), 1))
    assert check_own(own_rules, draft) == expected
    assert counts["load"] == 2


def test_an_unwritable_cache_folder_is_no_cache(tmp_path, monkeypatch, counts, own_rules, draft):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(blocker / "cache"))
    expected = check_own(own_rules, draft)
    assert expected[0] == 1 and "мягкий кофе" in expected[1]
    assert check_own(own_rules, draft) == expected
    assert counts == {"load": 2, "compile": 2}
    assert not list(tmp_path.glob("**/*.tmp"))


def test_no_cache_variable(cache, counts, own_rules, draft, monkeypatch):
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")
    check_own(own_rules, draft)
    check_own(own_rules, draft)
    assert counts == {"load": 2, "compile": 2}
    assert not cache.exists()


def test_cache_folder_defaults(monkeypatch, tmp_path):
    monkeypatch.delenv("REPLYLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert rulecache.cache_dir() == tmp_path / "replylint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert rulecache.cache_dir() == tmp_path / "home" / ".cache" / "replylint"


def test_old_entries_are_pruned(cache, own_rules, draft):
    for number in range(rulecache.MAX_ENTRIES + 3):
        (own_rules / "coffee.yaml").write_text(COFFEE + f"# {number}\n", encoding="utf-8")
        check_own(own_rules, draft)
    assert len(entries(cache, "rules")) == rulecache.MAX_ENTRIES
    assert len(entries(cache, "linter")) == rulecache.MAX_ENTRIES
    assert not list(cache.glob("*.tmp"))


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_output_is_the_same_with_and_without_cache(cache, monkeypatch, output_format):
    drafts = DRAFTS[:6]
    assert len(drafts) == 6
    runs = [("--format", output_format), ("--format", output_format, "--select", "jargon,tone"),
            ("--format", output_format, "--mode", "templates")]
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")
    expected = [invoke(*drafts, *options) for options in runs]
    monkeypatch.delenv("REPLYLINT_NO_CACHE")
    cold = [invoke(*drafts, *options) for options in runs]
    warm = [invoke(*drafts, *options) for options in runs]
    assert cold == expected
    assert warm == expected
    assert any(code == 1 for code, _ in expected)


def test_workers_with_a_warm_cache_report_the_same(cache, monkeypatch):
    drafts = DRAFTS[:2]
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")
    expected = invoke(*drafts, "--format", "json")
    monkeypatch.delenv("REPLYLINT_NO_CACHE")
    invoke(*drafts, "--format", "json", "--jobs", "1")  # fills the cache
    assert invoke(*drafts, "--format", "json", "--jobs", "2") == expected


def test_only_the_last_few_loaded_rule_lists_are_remembered(cache):
    for _ in range(rulecache._LOADED_KEPT + 3):
        rules = rulecache.load_rules()
    assert len(rulecache._LOADED) <= rulecache._LOADED_KEPT
    assert rulecache._LOADED[id(rules)][0] is rules
