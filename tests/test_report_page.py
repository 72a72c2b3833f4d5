"""The report's page in a real browser (Debian's headless Chromium through Playwright):
it loads from the file alone, shows the headline figures and the plots, and logs no error."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from replylint.cli import main

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from test_report import _bench_module

    folder = tmp_path_factory.mktemp("page")
    archive = folder / "sent.jsonl"
    rows = _bench_module().archive_rows(150, agents=5, seed=3, weeks=6)
    archive.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(archive), "--isolated", "--out", str(folder / "out"),
                                       "--agent-column", "agent", "--time-column", "created_at", "--jobs", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "out", json.loads((folder / "out" / "summary.json").read_text(encoding="utf-8"))


def test_the_page_renders_in_chromium_without_errors(report, tmp_path):
    from playwright.sync_api import sync_playwright

    out, summary = report
    problems = []
    requests = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("request", lambda request: requests.append(request.url))
            page.goto((out / "index.html").as_uri())
            assert page.title().startswith("Качество ответов поддержки")
            assert page.inner_text("#replies") == f"{summary['replies']:,}".replace(",", "\u202f")
            assert page.inner_text("#mean-score") == f"{summary['score']['mean']:.1f}".replace(".", ",")
            assert page.locator("#agents tbody tr").count() == len(summary["by_agent"]) == 5
            assert page.locator("#rules tbody tr").count() == min(12, len(summary["by_rule"]))
            plots = page.locator(".panel svg")
            assert plots.count() == 2
            for index in range(2):
                box = plots.nth(index).bounding_box()
                assert box["width"] > 300 and box["height"] > 150
            assert page.locator("svg.spark").count() == 5
            page.screenshot(path=str(tmp_path / "report-page.png"), full_page=True)
        finally:
            browser.close()
    assert problems == []
    assert [url for url in requests if not url.startswith("file://")] == []  # nothing fetched from outside
    assert (tmp_path / "report-page.png").stat().st_size > 10_000
