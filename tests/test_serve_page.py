"""The page of `replylint serve` in a real headless browser: Debian's chromium driven by
Playwright (never `playwright install`: browser downloads are not reachable). An agent
types a draft, sees the underline, reads why, applies a rewrite and sees the text change.

The screenshot is saved in the test's folder and copied to /tmp/serve-page.png.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (Debian's chromium package; .ci/run installs it)",
                allow_module_level=True)
pytest.importorskip("fastapi", reason="the serve extra is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra)")

from test_serve_process import start, stop  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
DRAFT = ("Здравствуйте, Анна! Ваш тикет эскалирован на L2, по регламенту срок рассмотрения 10 рабочих дней. "
         "Ответим в ближайшее время.")


@pytest.fixture(scope="module")
def server():
    process, url = start()
    yield url
    stop(process)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="ru-RU")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/")
    yield page
    page.close()
    assert not errors, errors


def test_type_see_underline_explain_apply(page, tmp_path):
    assert page.locator("#empty").is_visible()  # the empty state before anything is typed
    page.fill("#client", "Где мои деньги? Жду возврат уже неделю!")
    page.click("#draft")
    page.keyboard.type(DRAFT, delay=2)
    ticket = page.locator("#highlights mark", has_text="тикет").first
    ticket.wait_for()
    assert "sev-" in ticket.get_attribute("class")
    page.wait_for_function("document.querySelectorAll('#remarks .remark').length >= 3")
    assert page.locator("#empty").is_hidden()
    assert page.locator("#status").inner_text() in ("Проверено", "Всё чисто")
    assert re.fullmatch(r"Оценка ответа: \d{1,2},\d из 10", page.locator("#score").inner_text())  # as check says it

    # the underline lies exactly under the words of the textarea
    words = page.evaluate("""() => {
        const mark = [...document.querySelectorAll('#highlights mark')].find(m => m.textContent.includes('тикет'));
        return mark.textContent; }""")
    assert words.strip() in DRAFT

    # hover: the explanation and the post behind the rule
    box = ticket.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    assert "внутренний термин" in page.locator("#popover-title").inner_text()
    assert page.locator("#popover-explanation").inner_text().strip()
    assert page.locator("#popover-source").inner_text().startswith("Источник: «")  # «the post»
    page.wait_for_timeout(200)
    shot = tmp_path / "serve-page.png"
    page.screenshot(path=str(shot))
    shutil.copy(shot, "/tmp/serve-page.png")

    # one click applies the rewrite
    fix = popover.locator(".fix").first
    replacement = fix.inner_text().lstrip("→").strip()
    fix.click()
    page.wait_for_function("(text) => document.querySelector('#draft').value.includes(text)", arg=replacement)
    text = page.input_value("#draft")
    assert "тикет" not in text and replacement in text
    page.wait_for_function("![...document.querySelectorAll('#highlights mark')].some(m => m.textContent.includes('тикет'))")
    page.screenshot(path=str(tmp_path / "serve-page-applied.png"))


def test_keyboard_caret_opens_the_remark_and_alt_enter_applies(page):
    page.click("#draft")
    page.keyboard.type("Ответим в ближайшее время.", delay=2)
    page.locator("#highlights mark").first.wait_for()
    page.keyboard.press("Home")
    for _ in range(12):  # into «в ближайшее время»
        page.keyboard.press("ArrowRight")
    page.locator("#popover").wait_for(state="visible")
    assert "срок" in page.locator("#popover-title").inner_text()
    page.keyboard.press("Escape")
    page.locator("#popover").wait_for(state="hidden")
    # the list beside the text is reachable with Tab, and its rewrite buttons too
    page.focus("#remarks .remark-body")
    assert page.evaluate("document.activeElement.classList.contains('remark-body')")


def test_list_rewrite_button_and_clean_state(page):
    page.click("#draft")
    page.keyboard.type("Здравствуйте! Ваш тикет эскалирован.", delay=2)
    button = page.locator("#remarks .fix").first
    button.wait_for()
    button.click()
    page.wait_for_function("!document.querySelector('#draft').value.includes('тикет')")
    page.click("#clear")
    assert page.input_value("#draft") == ""
    assert page.locator("#empty").is_visible()


def test_server_gone_shows_an_error_state(browser, server):
    page = browser.new_page()
    try:
        page.route("**/api/check", lambda route: route.abort())  # as if the server went away
        page.goto(server + "/")
        page.click("#draft")
        page.keyboard.type("Ваш тикет", delay=2)
        page.locator("#banner").wait_for(state="visible")
        assert "Нет связи" in page.locator("#banner").inner_text()
        assert "status-error" in page.locator("#status").get_attribute("class")
        assert page.locator("#banner button").inner_text() == "Повторить"
    finally:
        page.close()
