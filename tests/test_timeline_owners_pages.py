"""The Timeline and Owners pages as a user reads them: AppTest on the bundled data, and on a
fixture with hundreds of items to show the Timeline groups instead of drawing every bar."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests import drawn

ROOT = Path(__file__).resolve().parents[1]
JUNE = dt.date(2018, 6, 28)


def open_page(monkeypatch, page: str, data_dir: Path | None = None, **params: str) -> AppTest:
    if data_dir is None:
        monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def chart(at: AppTest, i: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[i].proto.spec)


def due_soon(at: AppTest) -> pd.DataFrame | None:
    frames = [t for t in drawn.static_tables(at) if "When due" in t.columns]
    return frames[0] if frames else None


# --- Owners ----------------------------------------------------------------------------------


def test_owners_page_on_bundled_data(monkeypatch):
    at = open_page(monkeypatch, "pages/owners.py")
    assert at.title[0].value == "Owners"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Open items (force workload)"] == "30"
    assert metrics["Unallocated"] == "27"
    assert metrics["Leads with open items"] == "2"
    # unallocated: the 2016 recommendations to act "immediately" (due on publication, 2 March
    # 2017) and the twelve Online and on the edge ones (due from 2 October 2015)
    assert metrics["Overdue"] == "14"
    # The page says what it leaves out.
    assert "addressed to national bodies" in at.info[0].value
    assert "left out of every figure" in at.info[0].value
    assert at.warning[0].value.startswith("**27 open items have no chief officer lead.** They")

    table = at.dataframe[0].value
    totals = table[table["tactical_lead"] == "All tactical leads"].set_index("chief_officer_lead")
    assert totals.loc["ACC Crime", "open"] == 2
    assert totals.loc["ACC Crime", "next_due_on"] == "30 September 2018"
    assert totals.loc["ACC Local Policing", "open"] == 1
    assert totals.loc["Unallocated", "open"] == 27
    assert list(totals.index) == ["ACC Crime", "ACC Local Policing", "Unallocated"]
    crime = table[table["chief_officer_lead"] == "ACC Crime"]
    assert list(crime["tactical_lead"]) == [
        "All tactical leads",
        "DCS Mark Payne",
        "Supt Paul Minor",
    ]
    assert list(crime["open"]) == [2, 1, 1]
    # Each owner row opens the explorer filtered to that owner, in the same view.
    # (The force and as-at date are the defaults here, so the URL needs neither.)
    assert totals.loc["ACC Crime", "link"] == "recommendations?owner=ACC%20Crime"
    assert totals.loc["Unallocated", "link"] == "recommendations?owner=unallocated"
    assert list(crime["link"])[1] == (
        "recommendations?owner=ACC%20Crime&tactical=DCS%20Mark%20Payne"
    )

    heat = chart(at)["data"][0]
    assert heat["type"] == "heatmap"
    assert heat["x"] == ["Overdue", "Jul–Sep 2018", "Oct–Dec 2018", "No due date"]
    assert heat["y"] == ["ACC Crime", "ACC Local Policing", "Unallocated"]
    assert heat["text"] == [["", "2", "", ""], ["", "", "1", ""], ["14", "", "", "13"]]


# --- Timeline --------------------------------------------------------------------------------


def test_timeline_due_soon_as_at_june_2018(monkeypatch):
    at = open_page(monkeypatch, "pages/timeline.py", due_within="180")
    assert "as at 28 June 2018" in at.caption[0].value
    due = due_soon(at)
    assert due is not None
    detectives_and_bail = due[due["Due"] == "30 Sep 2018"]
    assert drawn.link_addresses(at, "Record")[:2] == [
        "recommendations?rec=wmp-peel2017nat-r02",
        "recommendations?rec=wmp-peel2017nat-r03",
    ]
    assert list(detectives_and_bail["Record"]) == ["Open record"] * 2
    assert list(detectives_and_bail["Chief officer lead"]) == ["ACC Crime", "ACC Crime"]
    assert list(detectives_and_bail["Tactical lead"]) == ["DCS Mark Payne", "Supt Paul Minor"]
    assert list(detectives_and_bail["RAG"]) == ["White", "White"]
    assert list(due["Reference"]) == [f"PEEL 2017 national · R{n}" for n in (2, 3, 1)]

    # A 45-day window shows none of them.
    at.button_group(key="due_within").set_value(45).run()
    assert due_soon(at) is None
    assert any(
        m.value == "Nothing falls due in the 45 days after 28 June 2018." for m in at.markdown
    )


def test_timeline_chart_and_undated_list_on_bundled_data(monkeypatch):
    at = open_page(monkeypatch, "pages/timeline.py", group_by="Chief officer lead")
    metrics = {m.label: m.value for m in at.metric}
    # dated: the twelve Online and on the edge recommendations (published 2 July 2015), the 2016
    # ones to act "immediately" (due on publication, 2 March 2017), all unallocated, and the
    # 2017 national recommendations
    assert metrics["Open items with a due date"] == "17"
    assert metrics["Overdue"] == "14"
    assert metrics["Open items with no due date"] == "13"
    spec = chart(at)
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert [t["name"] for t in bars] == ["White"]
    oote = [f"r:wmp-oote-2015-r{n:02d}" for n in (4, 7, 1, 5, 8, 9, 10, 12, 2, 3, 6, 11)]
    assert bars[0]["y"] == [
        *oote,
        "r:wmp-peel-2016-r01",
        "r:wmp-peel-2016-r02",
        "r:wmp-peel2017nat-r02",
        "r:wmp-peel2017nat-r03",
        "r:wmp-peel2017nat-r01",
    ]
    assert bars[0]["text"] == ["White"] * 17
    assert spec["layout"]["yaxis"]["categoryarray"][0] == "g:unallocated"
    assert spec["layout"]["annotations"][0]["text"] == "As at 28 Jun 2018"
    # Every undated open item is listed, with why it has no date, by its reference or kind
    # and first words (never a record id).
    undated = drawn.static_table_with(at, "Why no date")
    assert len(undated) == 13
    assert not undated["Reference"].str.startswith("wmp-").any()
    reasons = undated.set_index("Finding")["Why no date"]
    assert reasons.value_counts().to_dict() == {"No deadline set": 13}
    # Headings in order: the page's h1, then h2s (axe: heading-order).
    assert [h.value for h in at.header] == ["No due date (13)", "Due soon"]
    assert not at.subheader


# --- At scale --------------------------------------------------------------------------------


def many_items(tmp_path: Path, mini_copy: Path, per_lead: int = 40, leads: int = 8) -> Path:
    """The mini fixture plus leads x per_lead open, dated items of the national overview."""
    recs = mini_copy / "recommendations.csv"
    with recs.open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    rows = []
    for lead in range(leads):
        for n in range(per_lead):
            due = dt.date(2018, 7, 1) + dt.timedelta(days=7 * n + lead)
            row = dict.fromkeys(header, "")
            row.update(
                rec_id=f"bulk-{lead}-{n}",
                inspection_id="nat-2018",
                force_id="wmp",
                ref=f"B{lead}.{n}",
                kind="recommendation",
                addressed_to="all_forces",
                text=f"Bulk item {n} of lead {lead}",
                due_on=due.isoformat(),
                due_source="force",
                chief_officer_lead=f"Lead {lead}",
                tactical_lead=f"Tactical {n % 3}",
            )
            rows.append(row)
    with recs.open("a", newline="", encoding="utf-8") as f:
        csv.DictWriter(f, fieldnames=header).writerows(rows)
    return mini_copy


def test_timeline_at_scale_groups_then_narrows(monkeypatch, tmp_path, mini_copy):
    data = many_items(tmp_path, mini_copy)
    at = open_page(
        monkeypatch, "pages/timeline.py", data, as_at="2018-06-28", force="West Midlands Police"
    )
    # 320 bulk items + r1..r3, all of one inspection: the 40 falling due soonest are drawn.
    assert at.info[0].value.startswith("Showing the 40 items falling due soonest; 283 more")
    bars = [t for t in chart(at)["data"] if t["type"] == "bar"]
    assert sum(len(t["y"]) for t in bars) == 40

    at = open_page(
        monkeypatch,
        "pages/timeline.py",
        data,
        as_at="2018-06-28",
        force="West Midlands Police",
        group_by="Chief officer lead",
    )
    # Grouped by lead, too many for one bar each: one bar per lead (eight bulk ones, ACC Crime,
    # ACC Local Policing), coloured by its most severe RAG.
    assert "one bar per group" in at.info[0].value
    (grouped,) = at.get("vega_lite_chart")
    assert not at.get("plotly_chart")
    bars = [row for row in drawn.vega_rows(grouped.proto) if row["mark"] is None]
    assert all(b["rag"].startswith("Most severe:") for b in bars)
    assert len(bars) == 10

    # Narrowed to one lead, its 40 items fit under the default of 40 bars.
    at.selectbox(key="group").set_value("Lead 3").run()
    bars = [t for t in chart(at)["data"] if t["type"] == "bar"]
    assert sum(len(t["y"]) for t in bars) == 40
    assert {m.label: m.value for m in at.metric}["Open items with a due date (Lead 3)"] == (
        "40 of 323"
    )
    # With at most 20 bars, the 20 falling due soonest are drawn and the page says so.
    at.select_slider(key="bars").set_value(20).run()
    bars = [t for t in chart(at)["data"] if t["type"] == "bar"]
    drawn_items = [y for t in bars for y in t["y"]]
    assert drawn_items == [f"r:bulk-3-{n}" for n in range(20)]
    assert at.info[0].value.startswith("Showing the 20 items falling due soonest; 20 more")


def test_owners_at_scale(monkeypatch, tmp_path, mini_copy):
    data = many_items(tmp_path, mini_copy)
    at = open_page(
        monkeypatch, "pages/owners.py", data, as_at="2018-06-28", force="West Midlands Police"
    )
    table = at.dataframe[0].value
    totals = table[table["tactical_lead"] == "All tactical leads"].set_index("chief_officer_lead")
    assert totals.loc["Lead 0", "open"] == 40
    assert list(table[table["chief_officer_lead"] == "Lead 0"]["open"]) == [40, 14, 13, 13]
    # Links keep the view the user chose (force and as-at date, as the sidebar puts them in the URL).
    assert totals.loc["Lead 0", "link"] == (
        "recommendations?owner=Lead%200&force=West%20Midlands%20Police&as_at=2018-06-28"
    )
    heat = chart(at)["data"][0]
    assert len(heat["y"]) == 11  # ten leads and Unallocated
