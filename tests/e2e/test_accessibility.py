"""Accessibility in Chromium: axe-core on every page (WCAG 2.2 AA: no serious or critical
violation in the product's own content), and keyboard use of the explorer's filters and the
briefing's downloads, without a mouse."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import registered
from tests.e2e.test_pages import URL_PATHS

KNOWN_FILE = Path(__file__).with_name("axe_known_streamlit.json")
KNOWN = json.loads(KNOWN_FILE.read_text(encoding="utf-8"))["violations"]
BLOCKING = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def test_known_streamlit_violations_are_explained():
    for entry in KNOWN:
        assert set(entry) >= {"rule", "selector", "why"}, entry
        assert entry["rule"] and entry["selector"] and len(entry["why"]) > 20, entry


def is_known(page, rule: str, target: list) -> bool:
    if len(target) != 1 or not isinstance(target[0], str):
        return False  # inside a frame or shadow root: never waved through
    for entry in KNOWN:
        if entry["rule"] == rule and page.evaluate(
            "([target, selector]) => { const el = document.querySelector(target);"
            " return !!(el && el.closest(selector)); }",
            [target[0], entry["selector"]],
        ):
            return True
    return False


@pytest.mark.parametrize("url_path", URL_PATHS)
def test_no_serious_axe_violation(visit, url_path):
    spec = registered(url_path)
    tab = visit(spec)
    results = Axe().run(tab.page, options=AXE_OPTIONS).response
    unexplained = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            if is_known(tab.page, violation["id"], node["target"]):
                continue
            unexplained.append(
                f"{violation['id']} ({violation['impact']}): {node['target']}\n"
                f"    {node['html'][:200]}\n    {node.get('failureSummary', '')}"
            )
    assert not unexplained, (
        f"{spec.title}: {len(unexplained)} serious or critical axe violation(s) not listed in "
        f"{KNOWN_FILE.name}:\n" + "\n".join(unexplained)
    )


def focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName,"
        " label: e.getAttribute('aria-label') || '', text: (e.innerText || '').trim(),"
        " role: e.getAttribute('role') || '',"
        " around: ((e.closest('label') || {}).innerText || '').trim()}; }"
    )


def tab_to(page, wanted, limit: int = 120) -> dict:
    """Press Tab from where the focus is until `wanted(focused)` holds; fail after `limit`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if wanted(now):
            return now
    pytest.fail(f"not reachable with Tab within {limit} presses")


def test_explorer_filters_by_keyboard(tab):
    spec = registered("recommendations")
    tab.open(spec.url_path)
    page = tab.page
    page.locator("body").focus()
    # The filters fold away under one heading (a phone reaches the results first); it opens
    # from the keyboard.
    tab_to(page, lambda f: f["tag"] == "SUMMARY" and "Filters" in f["text"])
    page.keyboard.press("Enter")
    tab.wait()
    # Every filter is reachable with Tab, in the order of the panel.
    order = [
        "Inspection",
        "Kind",
        "Status",
        "RAG",
        "Chief officer lead",
        "Tactical lead",
        "Governance board",
        "PEEL area",
    ]
    for label in order:
        tab_to(page, lambda f, label=label: f["label"] == label)
    # ...and usable: back to the lead, pick one by typing, Enter.
    page.locator("body").focus()
    tab_to(page, lambda f: f["label"] == "Chief officer lead")
    page.keyboard.type("ACC Crime")
    page.keyboard.press("Enter")
    tab.wait()
    assert "owner=ACC+Crime" in page.url or "owner=ACC%20Crime" in page.url, page.url
    assert re.search(r"\b2 of 30 open findings match", tab.text())
    # The overdue switch toggles with the space bar.
    tab_to(page, lambda f: f["role"] == "switch" and f["around"].startswith("Overdue"))
    page.keyboard.press("Space")
    tab.wait()
    assert "overdue=true" in page.url, page.url
    assert re.search(r"\b0 of 30 open findings match|No finding matches", tab.text())
    tab.assert_healthy()


def test_briefing_download_by_keyboard(tab):
    spec = registered("briefing")
    tab.open(spec.url_path)
    page = tab.page
    page.locator("body").focus()
    is_button = lambda f: f["tag"] == "BUTTON" and "Download Markdown" in f["text"]  # noqa: E731
    tab_to(page, is_button)
    tab.wait()
    # Reachable by Tab (above); now activate it from the keyboard. The button neither reruns the
    # script nor moves, but on a busy machine a press can land before the page has settled: put the
    # focus back on the button and press again (Space, the other key for a button, the third time).
    button = page.get_by_role("button", name="Download Markdown")
    for attempt in (1, 2, 3):
        if not is_button(focused(page)):
            button.focus()
        try:
            with page.expect_download(timeout=20_000) as event:
                page.keyboard.press("Enter" if attempt < 3 else "Space")
            break
        except PlaywrightTimeout:
            if attempt == 3:
                raise
            tab.wait()
    tab.wait()
    text = Path(event.value.path()).read_text(encoding="utf-8")
    assert "28 June 2018" in text
    tab.assert_healthy()
