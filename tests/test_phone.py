"""A phone (390 px): the lists that stand in for the charts read as a committee member would
read them, on the bundled data; the pages hold both, each in the container the CSS swaps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import charts, db, phone, vocabulary

ROOT = Path(__file__).resolve().parents[1]
JUNE = dt.date(2018, 6, 28)


@pytest.fixture(scope="module")
def bundled() -> db.Dataset:
    return db.load(ROOT / "data")


def _plain(markdown: str) -> str:
    """The Markdown without the invisible word joiners escape.md writes after a colon (they keep
    an address from becoming a link and are not seen)."""
    return markdown.replace("\u2060", "")


def test_the_timeline_list_names_each_item_and_says_how_overdue(bundled):
    items = bundled.query(
        "timeline_items", as_at=JUNE, force_id="wmp", group_by="inspection", group=None, limit=40
    )
    lines = _plain(phone.timeline_items_list(items, vocabulary.rag_scale(bundled))).splitlines()
    # each report a heading with its count, each item by its name, most overdue first
    assert lines[0] == "**Online and on the edge\\: real risks in a virtual world** (12)"
    assert lines[2] == (
        "- Online and on the edge · R4: due 2 Oct 2015, **1000 days overdue** · White"
    )
    assert "- PEEL 2017 national · R2: due 30 Sep 2018, in 94 days · White" in lines
    assert sum(line.startswith("- ") for line in lines) == 17  # every dated open item


def test_the_timeline_groups_list_counts_each_lead(bundled):
    groups = bundled.query("timeline_groups", as_at=JUNE, force_id="wmp", group_by="lead")
    assert _plain(phone.timeline_groups_list(groups)).splitlines() == [
        "- **Unallocated**: 14 open, **14 overdue**; due 2 Oct 2015 to 2 Mar 2017",
        "- **ACC Crime**: 2 open; due 30 Sep 2018",
        "- **ACC Local Policing**: 1 open; due 31 Oct 2018",
    ]


def test_the_rag_mix_list_reads_each_inspection(bundled):
    frame = bundled.query("rag_by_inspection", as_at=JUNE, force_id="wmp", max_inspections=8)
    got = phone.rag_mix_list(
        charts.open_only(frame[~frame["is_other"]]), vocabulary.rag_scale(bundled)
    )
    assert "- **Online and on the edge\\: real risks in a virtual world** (12): White 12" in (
        _plain(got).splitlines()
    )


def test_the_css_swaps_chart_and_list_at_the_phone_width():
    assert "@media (max-width: 640px)" in phone.PHONE_CSS
    assert '[class*="st-key-wide_"] { display: none !important; }' in phone.PHONE_CSS
    assert "<script" not in phone.PHONE_CSS


def _page(monkeypatch, page: str) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(ROOT / "data"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception
    return at


def test_timeline_page_holds_the_chart_and_the_phone_list(monkeypatch):
    at = _page(monkeypatch, "pages/timeline.py")
    texts = [_plain(m.value) for m in at.markdown]
    assert any(t.startswith("**Online and on the edge\\: real risks") for t in texts)
    assert any(
        "- Online and on the edge · R4: due 2 Oct 2015, **1000 days overdue**" in t for t in texts
    )
    assert len(at.get("plotly_chart")) == 1


def test_overview_page_holds_the_rag_mix_as_a_list_too(monkeypatch):
    at = _page(monkeypatch, "pages/overview.py")
    texts = [_plain(m.value) for m in at.markdown]
    assert any(
        "- **Online and on the edge\\: real risks in a virtual world** (12): White 12" in t
        for t in texts
    )
