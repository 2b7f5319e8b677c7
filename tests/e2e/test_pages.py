"""Every page dashboard.py registers, in Chromium: it loads from its URL and from the sidebar, the
script finishes, no exception, no console error, and the words a user needs are there."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import collapse, new_tab, registered
from tests.e2e.expected import EXPECTED_TEXT
from tools import browser

PAGES = browser.registered_pages()
# Every registered page, and every page of the design the table expects (skipped until it lands).
URL_PATHS = list(dict.fromkeys([p.url_path for p in PAGES] + list(EXPECTED_TEXT)))


def heading(tab) -> str:
    h1 = [collapse(t) for t in tab.page.locator(f"{browser.MAIN} h1").all_inner_texts()]
    return next((t for t in h1 if t), "")


def test_dashboard_registers_pages():
    assert PAGES, "no st.Page(...) entry found in dashboard.py"
    assert len({p.url_path for p in PAGES}) == len(PAGES), "two pages share a url_path"
    assert sum(p.default for p in PAGES) == 1, "one page is the default (the root address)"
    for spec in PAGES:
        assert (browser.ROOT / spec.path).exists(), f"dashboard.py registers missing {spec.path}"


@pytest.mark.parametrize("url_path", URL_PATHS)
def test_page_from_its_url(visit, url_path):
    """Loads, finishes, no exception or console error, its title as its heading, and the words
    tests/e2e/expected.py lists for it."""
    spec = registered(url_path)
    tab = visit(spec)
    tab.assert_healthy()
    assert heading(tab) == spec.title, f"the page's heading should be its title {spec.title!r}"
    assert tab.page.title(), "the browser tab has no title"
    # A registered page must say what it shows: no expected words is a failure, not a skip.
    assert url_path in EXPECTED_TEXT, f"{spec.title}: add its words to tests/e2e/expected.py"
    text = tab.text()
    missing = [p for p in EXPECTED_TEXT[url_path] if not re.search(p, text, re.IGNORECASE)]
    assert not missing, f"{spec.title} does not show {missing}; it shows:\n{text[:3000]}"


def test_every_page_from_the_sidebar(tab):
    """Follow each navigation link in turn, as a user would, from the root page."""
    tab.open("")
    problems = []
    for spec in [*PAGES[1:], PAGES[0]]:
        link = tab.page.locator('[data-testid="stSidebarNavLink"]').filter(
            has=tab.page.locator(f'span[label="{spec.title}"]')
        )
        if not link.is_visible():
            more = tab.page.locator('[data-testid="stSidebarNavViewButton"]')
            if more.count():
                more.first.click()
        link.click()
        tab.wait()
        path = "/" if spec.default else f"/{spec.url_path}"
        if not re.match(rf"https?://[^/]+{re.escape(path)}(\?|$)", tab.page.url):
            problems.append(f"{spec.title}: the link opened {tab.page.url}")
        if heading(tab) != spec.title:
            problems.append(f"{spec.title}: the heading reads {heading(tab)!r}")
        if tab.exceptions():
            problems.append(f"{spec.title}: exception {tab.exceptions()}")
        if tab.page.locator(browser.APP_DONE).count() != 1:
            problems.append(f"{spec.title}: the script did not finish")
    assert not problems, problems
    assert tab.errors() == [], f"console errors: {tab.errors()}"


def test_deep_link_on_a_fresh_server(chromium):
    """A shared link is often the first request after a restart. Streamlit treats a pages/
    folder beside the entry script as an old-style multipage app until a session has run
    st.navigation, and would run the linked page alone, without the frame (oversight/app.py
    turns that off)."""
    spec = next(p for p in PAGES if not p.default)
    with browser.streamlit_server() as fresh:
        tab = new_tab(chromium, fresh)
        try:
            tab.open(spec.url_path)
            sidebar = collapse(tab.page.locator('[data-testid="stSidebar"]').inner_text())
            # The frame names the pages by title and puts the licence line under the sidebar.
            assert spec.title in sidebar and "Open Government Licence" in sidebar, sidebar
        finally:
            tab.page.context.close()
