"""A phone, 390 x 844: the Overview, Timeline and Recommendations read without a chart that cannot
fit (each stands in as a list), and the explorer's first screen shows the result, not filters.
At desktop width the charts are back and the lists gone."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import new_tab, registered

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture
def phone(chromium, server):
    tab = new_tab(chromium, server)
    tab.page.set_viewport_size(PHONE)
    yield tab
    tab.page.context.close()


def _visible(tab, text: str) -> bool:
    """The text is on screen: in the main block's rendered text (which leaves out what CSS hides),
    less the invisible word joiners escape.md writes after a colon."""
    shown = tab.page.locator('[data-testid="stMain"]').inner_text()
    return text in shown.replace("\u2060", "")


def _charts_visible(tab, testid: str) -> int:
    charts = tab.page.locator(f'[data-testid="{testid}"]')
    return sum(charts.nth(i).is_visible() for i in range(charts.count()))


def test_timeline_on_a_phone_is_a_list(phone):
    phone.open(registered("timeline").url_path)
    phone.assert_healthy()
    assert _visible(phone, "Online and on the edge · R4: due 2 Oct 2015, 1000 days overdue")
    assert _visible(phone, "PEEL 2017 national · R2: due 30 Sep 2018, in 94 days")
    assert _charts_visible(phone, "stPlotlyChart") == 0
    # the page is no wider than the phone: nothing to scroll sideways but the tables
    width = phone.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    # the same page at desktop width: the chart, not the list
    phone.page.set_viewport_size(DESKTOP)
    phone.page.wait_for_timeout(500)
    assert _charts_visible(phone, "stPlotlyChart") == 1
    assert not _visible(phone, "Online and on the edge · R4: due 2 Oct 2015")


def test_overview_on_a_phone_lists_the_rag_mix_by_inspection(phone):
    spec = registered("overview")
    phone.open("" if spec.default else spec.url_path)
    phone.assert_healthy()
    assert _visible(phone, "Online and on the edge: real risks in a virtual world (12): White 12")
    # the by-kind chart fits a phone; the by-inspection one gives way to the list
    assert _charts_visible(phone, "stVegaLiteChart") == 1
    # the tiles stack: Open above Overdue, each the phone's width
    open_box = phone.page.locator('[data-testid="stMetric"]').filter(has_text="Open").first
    overdue_box = phone.page.locator('[data-testid="stMetric"]').filter(has_text="Overdue").first
    assert open_box.bounding_box()["y"] < overdue_box.bounding_box()["y"]


def test_explorer_on_a_phone_shows_results_on_the_first_screen(phone):
    phone.open(registered("recommendations").url_path)
    phone.assert_healthy()
    # the title on one line, not "Recommendation / s"
    lines = phone.page.evaluate(
        """() => { const h = document.querySelector('[data-testid="stMain"] h1');
        const text = document.createTreeWalker(h, NodeFilter.SHOW_TEXT).nextNode();
        const range = document.createRange(); range.selectNodeContents(text);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }"""
    )
    assert lines == 1, lines
    count = phone.page.get_by_text(re.compile(r"^30 open findings as at 28 June 2018")).first
    assert count.is_visible()
    assert count.bounding_box()["y"] < PHONE["height"], count.bounding_box()
    # the filters are folded: their heading shows, their fields do not
    assert _visible(phone, "Filters: report, kind, status, RAG, owner, dates")
    assert not phone.page.get_by_role("combobox", name="Kind").is_visible()
