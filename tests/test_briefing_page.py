"""The Briefing page on the bundled data: the pack previewed on screen, with three downloads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import drawn
from tests.golden import shown

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def page(monkeypatch) -> AppTest:
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/briefing.py")
    at.run()
    return at


def words(at: AppTest) -> str:
    return "\n".join(
        [shown(m.value) for m in at.markdown]
        + [drawn.html_text(body) for body in drawn.html_bodies(at)]
    )


def test_briefing_page_previews_the_pack(page):
    at = page
    assert not at.exception
    assert at.title[0].value == "Briefing"
    assert at.selectbox(key="meeting").value == "jac-2018-06-28"
    assert at.date_input(key="pack_since_2018-06-28").value == dt.date(2018, 3, 1)
    assert [shown(s.value) for s in at.subheader] == [
        "1. Purpose of report",
        "2. Background",
        "3. Recommendations",
    ]
    text = words(at)
    for fact in (
        "#### Inspections completed since the last meeting",
        "#### Inspection reports received since the last meeting",
        "##### Out-of-court disposal work in youth offending teams",
        "There are no recommendations currently graded as red.",
        "The Committee to note the contents of the report.",
        "ACC Local Policing",
        "CI Jason Anderson",
        "on 1 and 2 May 2018",
    ):
        assert fact in text, fact
    # The pack's two charts, drawn lighter than the files' Plotly figures: the RAG mix then and
    # now in Vega-Lite, the grade matrix as a table of grade words on their colours.
    assert not at.get("plotly_chart")
    (mix,) = at.get("vega_lite_chart")
    assert "RAG of open findings" in mix.proto.spec
    bars = drawn.vega_rows(mix.proto)
    assert {row["category"] for row in bars} == {"On 1 Mar 2018", "On 28 Jun 2018"}
    assert sum(row["items"] for row in bars if row["category"] == "On 28 Jun 2018") == 30
    assert "**PEEL grades by area and cycle**" in [m.value for m in at.markdown]
    matrix = drawn.static_tables(at)[-1]
    assert "Good" in set(matrix.to_numpy().ravel()) or "Requires improvement" in set(
        matrix.to_numpy().ravel()
    )
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [
        "Download DOCX (editable)",
        "Download PDF",
        "Download Markdown",
    ]


def test_briefing_page_since_date_changes_the_pack(page):
    at = page
    at.date_input(key="pack_since_2018-06-28").set_value(dt.date(2018, 4, 1)).run()
    assert not at.exception
    text = words(at)
    # Published before 1 April, with its findings open: under review, not received.
    received = text.index("#### Inspection reports received since the last meeting")
    review = text.index("#### Overview of reports for review")
    assert text.index("##### Out-of-court disposal work in youth offending teams") > review
    assert received < text.index("##### State of Policing 2018") < review
    assert "1 report was published on or after 1 April 2018" in text


def test_briefing_page_another_date(page):
    at = page
    at.selectbox(key="meeting").set_value("another").run()
    at.date_input(key="meeting_on").set_value(dt.date(2018, 5, 31)).run()
    assert not at.exception
    text = words(at)
    assert "as at 31 May 2018" in text
    assert "#### Inspections completed since the last meeting" in text
