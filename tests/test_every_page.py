"""Every page dashboard.py registers, run through the app (AppTest) on the bundled data as at
28 June 2018 (the latest update): it shows its title and one value a user reads there.

The pages come from dashboard.py's st.Page entries, so a page that lands is run here at once; a
registered page with no entry in READS fails (it does not skip) until its value is added."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from oversight.db import ROOT
from tests import drawn
from tools import browser

PAGES = browser.registered_pages()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _texts(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "success", "info", "warning", "header", "subheader"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [drawn.html_text(body) for body in drawn.html_bodies(at)]  # the Briefing's preview
    return "\n".join(parts)


def _table(at: AppTest, *columns: str) -> pd.DataFrame:
    """The first table on the page that has these columns."""
    for element in at.dataframe:
        if set(columns) <= set(element.value.columns):
            return element.value
    for table in drawn.static_tables(at):
        if set(columns) <= set(table.columns):
            return table
    raise AssertionError(f"no table with columns {columns}")


def _overview(at: AppTest) -> None:
    # the Red tile: nothing is graded red as at 28 June 2018 (the paper says so)
    assert _metrics(at)["Red"] == "0"


def _recommendations(at: AppTest) -> None:
    # the 2017 national recommendation on detectives, due "By September 2018", owned by ACC Crime
    table = _table(at, "Finding", "Due", "Chief officer lead")
    row = table[table["Finding"].str.contains("qualified detectives")]
    assert len(row) == 1
    assert row["Due"].iloc[0] == pd.Timestamp(dt.date(2018, 9, 30))
    assert row["Chief officer lead"].iloc[0] == "ACC Crime"


def _timeline(at: AppTest) -> None:
    metrics = _metrics(at)
    assert metrics["Open items with a due date"] == "17"
    assert metrics["Open items with no due date"] == "13"


def _owners(at: AppTest) -> None:
    # ACC Crime's two open items, the first due on 30 September 2018
    table = _table(at, "chief_officer_lead", "tactical_lead", "open", "next_due_on")
    total = table[
        (table["chief_officer_lead"] == "ACC Crime")
        & (table["tactical_lead"] == "All tactical leads")
    ]
    assert total[["open", "next_due_on"]].values.tolist() == [[2, "30 September 2018"]]


def _peel(at: AppTest) -> None:
    # effectiveness overall fell from Good (2016) to Requires improvement (2017)
    moves = _table(at, "Area", "Move", "From", "Grade then", "To", "Grade now")
    fell = moves[(moves["Area"] == "Effectiveness overall") & (moves["To"] == "2017")]
    assert fell[["Move", "Grade then", "Grade now"]].values.tolist() == [
        ["Declined", "Good", "Requires improvement"]
    ]


def _inspections(at: AppTest) -> None:
    # completed since 1 March 2018: the fraud thematic, fieldwork 1 and 2 May 2018
    done = _table(at, "Inspection", "Fieldwork from", "Fieldwork to")
    assert done[["Inspection", "Fieldwork from", "Fieldwork to"]].values.tolist() == [
        ["Thematic inspection of fraud", "1 May 2018", "2 May 2018"]
    ]


def _briefing(at: AppTest) -> None:
    assert "As at 28 June 2018 the force tracks 34 findings" in _texts(at)


def _returns(at: AppTest) -> None:
    # one workbook per chief officer lead: ACC Crime is asked about 2 open findings
    summary = _table(at, "Chief officer lead", "Open findings")
    by_lead = dict(zip(summary["Chief officer lead"], summary["Open findings"], strict=True))
    assert by_lead["ACC Crime"] == 2
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.startswith("Download all 3 returns") for label in labels), labels


def _record(at: AppTest) -> None:
    assert "34 recorded position(s)" in _texts(at)
    assert len(_table(at, "recorded_at", "recorded_by", "status")) == 34


def _data(at: AppTest) -> None:
    counts = _table(at, "Table", "Rows")
    assert dict(zip(counts["Table"], counts["Rows"], strict=True))["recommendations"] == 34


# url_path -> what a user reads on that page of the bundled data, as at 28 June 2018
READS: dict[str, Callable[[AppTest], None]] = {
    "overview": _overview,
    "recommendations": _recommendations,
    "timeline": _timeline,
    "owners": _owners,
    "peel": _peel,
    "inspections": _inspections,
    "briefing": _briefing,
    "returns": _returns,
    "record": _record,
    "data": _data,
}


def test_dashboard_registers_every_page_read_here():
    assert {p.url_path for p in PAGES} >= set(READS), "READS names a page that is not registered"
    assert {"briefing", "record"} <= {p.url_path for p in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=[p.url_path for p in PAGES])
def test_every_registered_page_shows_its_title_and_a_value(page, monkeypatch):
    assert page.url_path in READS, (
        f"{page.title} ({page.path}) is registered but this test has no value to read on it: "
        "add one to READS"
    )
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page(page.path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title][:1] == [page.title]
    READS[page.url_path](at)
