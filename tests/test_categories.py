"""The categories of advice ship with replylint: each says what it catches, why, and the post
behind it; docs/categories.md is generated from them and `replylint explain CATEGORY`
shows them. The docs send no one to a file outside the repository."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from replylint.categories import BY_ID, CATEGORIES, CATEGORY_LIST

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run():
    from helpers import run_cli

    return run_cli


def test_twenty_categories_each_with_what_why_and_a_post():
    assert len(CATEGORY_LIST) == len(BY_ID) == len(CATEGORIES) == 20
    for category in CATEGORY_LIST:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", category.id)
        assert CATEGORIES[category.id] == category.title
        for text in (category.title, category.catches, category.harm):
            assert re.search("[а-яё]", text, re.IGNORECASE), f"{category.id}: not Russian: {text!r}"
        assert category.posts, category.id
        assert all(post.title and post.quote for post in category.posts), category.id


def test_every_category_has_bundled_rules(bundled_rules):
    assert {rule.category for rule in bundled_rules} == set(CATEGORIES)


@pytest.mark.parametrize("category, text", [(c.id, text) for c in CATEGORY_LIST for text in c.examples],
                         ids=[f"{c.id}:{n}" for c in CATEGORY_LIST for n in range(len(c.examples))])
def test_a_category_example_is_flagged_with_its_category(lint, category, text):
    assert category in {d.category for d in lint(text)}


def _doc_script(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "categories_doc.py"), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_categories_page_is_up_to_date():
    result = _doc_script("--check")
    assert result.returncode == 0, result.stderr


def test_a_stale_categories_page_is_caught(tmp_path):
    stale = tmp_path / "categories.md"
    text = (ROOT / "docs" / "categories.md").read_text(encoding="utf-8")
    stale.write_text(text.replace("Жаргон и внутренние термины", "Жаргон"), encoding="utf-8")
    result = _doc_script("--check", "--doc", str(stale))
    assert result.returncode == 1 and "out of date" in result.stderr


def test_categories_page_shows_each_category_with_its_post_and_rules(bundled_rules):
    page = (ROOT / "docs" / "categories.md").read_text(encoding="utf-8")
    for category in CATEGORY_LIST:
        assert f"## {category.id}\n" in page
        assert category.harm in page and category.posts[0].quote in page
    for rule in bundled_rules:
        assert f"`{rule.id}`" in page


def test_explain_a_category(run):
    result = run("explain", "jargon")
    assert result.exit_code == 0, result.output
    output = result.output
    assert output.startswith("jargon — Жаргон и внутренние термины")
    for part in ("Что ловит:", "Почему это вредит клиенту:", "«Вам кофе помягче или робуста?»",
                 "Где это возможно - не надо усложнять", "Правила ("):
        assert part in output
    assert "jargon.glossary (предупреждение) — «{match}» — внутренний термин" in output
    assert "law-citing." not in output


def test_explain_a_category_lists_the_teams_rules_too(run, tmp_path):
    folder = tmp_path / "team" / "jargon"
    folder.mkdir(parents=True)
    (folder / "crm.yaml").write_text(
        'kind: existence\nid: jargon.crm\ncategory: jargon\nmessage: "«{match}» — наше слово"\n'
        "explanation: Клиент не знает, что такое CRM.\nsource: «Вам кофе помягче или робуста?»\n"
        "match: CRM\nexamples:\n  bad: [Проверил в CRM.]\n  good: [Проверил в системе.]\n",
        encoding="utf-8")
    result = run("explain", "jargon", "--rules", str(tmp_path / "team"))
    assert result.exit_code == 0, result.output
    assert "jargon.crm (предупреждение) — «{match}» — наше слово" in result.output


def test_explain_a_rule_still_works(run):
    result = run("explain", "jargon.glossary")
    assert result.exit_code == 0 and result.output.startswith("jargon.glossary — Жаргон и внутренние термины")


def test_explain_an_unknown_name_lists_the_categories(run):
    result = run("explain", "jargn")
    assert result.exit_code == 2
    assert "неизвестное правило или категория «jargn» — может быть, 'jargon'?" in result.output
    assert "— может быть, 'jargon.glossary'?" in run("explain", "jargon.glosary").output
    assert "jargon" in result.output and "Traceback" not in result.output


USER_DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "eval" / "README.md"]


@pytest.mark.parametrize("path", USER_DOCS, ids=lambda path: str(path.relative_to(ROOT)))
def test_docs_point_only_inside_the_repository(path):
    text = path.read_text(encoding="utf-8")
    assert "../shared" not in text and "taxonomy.md" not in text
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.exists(), f"{path.name} links to {target}, which is not in the repository"
        if anchor and linked.suffix == ".md":
            headings = linked.read_text(encoding="utf-8")
            assert re.search(rf"^#+ {re.escape(anchor)}$", headings, re.MULTILINE) or \
                _slug_in(anchor, headings), f"{path.name}: no heading for #{anchor} in {file or path.name}"


def _slug_in(anchor: str, text: str) -> bool:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes."""
    for heading in re.findall(r"^#+ (.+)$", text, re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        if slug == anchor:
            return True
    return False


def test_bundled_rules_name_no_file_outside_the_repository():
    for path in (ROOT / "rules").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text and "taxonomy.md" not in text, path
