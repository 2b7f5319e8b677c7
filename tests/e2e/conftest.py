"""The dashboard in a real browser: one Streamlit server on the bundled data and one headless
Chromium for the whole e2e package, a fresh browser context (tab, cookies, downloads) per test.

Without /usr/bin/chromium the tests skip with the reason; in CI (CI=true) they fail instead, so a
missing browser can never turn the browser tests green.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.e2e.expected import is_noise
from tools import browser

DESKTOP = {"width": 1400, "height": 1000}


def require_chromium() -> None:
    if browser.CHROMIUM.exists():
        return
    reason = (
        f"{browser.CHROMIUM} is missing: the browser tests need Chromium "
        "(Debian: apt-get install chromium)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true, so this is a failure, not a skip", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def server() -> Iterator[browser.Server]:
    require_chromium()
    with browser.streamlit_server() as running:
        yield running


@pytest.fixture(scope="package")
def chromium() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = browser.launch_chromium(playwright)
        yield launched
        launched.close()


@dataclass
class Tab:
    """A browser tab on the dashboard that remembers every console error and page error."""

    page: object
    base_url: str
    console: list[str] = field(default_factory=list)

    def open(self, path: str = "") -> None:
        self.page.goto(f"{self.base_url}/{path.lstrip('/')}")
        browser.wait_for_app(self.page)

    def wait(self) -> None:
        browser.wait_for_app(self.page)

    def text(self) -> str:
        return browser.main_text(self.page)

    def errors(self) -> list[str]:
        """Console errors and uncaught page errors, less Streamlit's known noise."""
        return [m for m in self.console if not is_noise(m)]

    def exceptions(self) -> list[str]:
        return self.page.locator('[data-testid="stException"]').all_inner_texts()

    def assert_healthy(self) -> None:
        """The script finished, shows no exception, and the console holds no error."""
        assert self.page.locator(browser.APP_DONE).count() == 1, "the script did not finish"
        assert self.exceptions() == [], f"exception on {self.page.url}: {self.exceptions()}"
        assert self.errors() == [], f"console errors on {self.page.url}: {self.errors()}"


def new_tab(chromium, server: browser.Server) -> Tab:
    context = chromium.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    tab = Tab(page, server.url)

    def on_console(message) -> None:
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            tab.console.append(f"{message.text} [{where}]")

    page.on("console", on_console)
    page.on("pageerror", lambda error: tab.console.append(f"uncaught: {error}"))
    return tab


@pytest.fixture(scope="package")
def visit(chromium, server) -> Iterator[object]:
    """visit(spec) -> the page opened once from its URL, kept open and shared by the checks
    that only read it (load, words, accessibility), so each page loads once per run."""
    opened: dict[str, Tab] = {}

    def get(spec: browser.PageSpec) -> Tab:
        if spec.url_path not in opened:
            fresh = new_tab(chromium, server)
            # The default page lives at the root; its url_path is not an address of its own.
            fresh.open("" if spec.default else spec.url_path)
            opened[spec.url_path] = fresh
        return opened[spec.url_path]

    yield get
    for each in opened.values():
        each.page.context.close()


@pytest.fixture
def tab(chromium, server) -> Iterator[Tab]:
    opened = new_tab(chromium, server)
    yield opened
    opened.page.context.close()


@pytest.fixture
def open_tab(chromium, server):
    """A factory for more tabs in fresh contexts (a link pasted into a new window)."""
    opened: list[Tab] = []

    def make() -> Tab:
        fresh = new_tab(chromium, server)
        opened.append(fresh)
        return fresh

    yield make
    for each in opened:
        each.page.context.close()


def registered(url_path: str) -> browser.PageSpec:
    """The registered page, or skip: a page of the design that has not landed yet."""
    for spec in browser.registered_pages():
        if spec.url_path == url_path:
            return spec
    pytest.skip(f"no page with url_path {url_path!r} is registered in dashboard.py yet")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
