"""Inspections: the calendar, completed, received and upcoming queries (golden on the mini fixture),
the calendar chart, and the page on the bundled data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import charts, paper, periods
from tests import drawn
from tests.golden import rows

ROOT = Path(__file__).resolve().parents[1]
JUNE = dt.date(2018, 6, 28)
MARCH = dt.date(2018, 3, 1)


def test_calendar_on_mini(mini):
    events = mini.query(
        "inspections_calendar",
        force_id="wmp",
        as_at=JUNE,
        from_on=dt.date(2016, 1, 1),
        to_on=dt.date(2019, 1, 1),
    )
    assert rows(events, ["inspection_id", "event", "starts_on", "ends_on", "is_planned"]) == [
        ("wmp-2016", "fieldwork", "2016-09-01", "2016-09-14", False),
        ("wmp-2016", "publication", "2017-03-02", "2017-03-02", False),
        ("nat-2018", "publication", "2018-03-22", "2018-03-22", False),
        ("fraud", "fieldwork", "2018-05-01", "2018-05-02", False),
    ]


def test_calendar_window_leaves_out_events_outside_it(mini):
    events = mini.query(
        "inspections_calendar",
        force_id="wmp",
        as_at=JUNE,
        from_on=dt.date(2018, 1, 1),
        to_on=dt.date(2018, 4, 30),
    )
    assert rows(events, ["inspection_id", "event"]) == [("nat-2018", "publication")]


def test_calendar_plans_open_ended_fieldwork_from_its_wording(bundled):
    events = bundled.query(
        "inspections_calendar",
        force_id="wmp",
        as_at=JUNE,
        from_on=JUNE,
        to_on=dt.date(2019, 1, 1),
    )
    ipa = events[events["inspection_id"] == "wmp-peel-2018-ipa"]
    # "from 12th November for a maximum of two weeks": planned, 12 to 25 November.
    assert rows(ipa, ["event", "starts_on", "ends_on", "is_planned"]) == [
        ("fieldwork", "2018-11-12", "2018-11-25", True)
    ]


def test_completed_since_on_mini(mini):
    done = mini.query(
        "inspections_completed_since", force_id="wmp", since=MARCH, as_at=JUNE, limit=None, offset=0
    )
    assert rows(done, ["inspection_id", "fieldwork_end", "expected_publication"]) == [
        ("fraud", "2018-05-02", "autumn 2018")
    ]
    # Fieldwork that ended before the period is not "since the last meeting".
    later = mini.query(
        "inspections_completed_since",
        force_id="wmp",
        since=dt.date(2018, 5, 3),
        as_at=JUNE,
        limit=None,
        offset=0,
    )
    assert later.empty


def test_received_since_counts_findings_and_owners_on_mini(mini):
    got = mini.query(
        "inspections_received_since", force_id="wmp", since=MARCH, as_at=JUNE, limit=None, offset=0
    )
    assert rows(
        got,
        [
            "inspection_id",
            "published_on",
            "findings",
            "recommendations",
            "for_national_bodies",
            "without_owner",
            "owners",
        ],
    ) == [("nat-2018", "2018-03-22", 4, 4, 1, 0, "ACC Crime; ACC Local Policing")]
    # Gwent's copy of the same national recommendations is Gwent's, not West Midlands'.
    gwent = mini.query(
        "inspections_received_since",
        force_id="gwent",
        since=MARCH,
        as_at=JUNE,
        limit=None,
        offset=0,
    )
    assert rows(gwent, ["inspection_id", "findings", "owners"]) == [("nat-2018", 1, "ACC Ops")]


def test_received_since_on_the_bundled_data(bundled):
    got = bundled.query(
        "inspections_received_since", force_id="wmp", since=MARCH, as_at=JUNE, limit=None, offset=0
    )
    assert rows(got, ["inspection_id", "published_on", "findings", "without_owner"]) == [
        ("peel-2017-effectiveness-national", "2018-03-22", 3, 0),
        ("wmp-peel-2017-effectiveness", "2018-03-22", 1, 1),
        ("yot-oocd-2018", "2018-03-28", 5, 5),
        ("state-of-policing-2018", "2018-06-12", 0, 0),
    ]
    yot = got.set_index("inspection_id").loc["yot-oocd-2018"]
    assert yot["published_text"] == "May (as the committee paper words it)"


def test_upcoming_and_undated_on_the_bundled_data(bundled):
    upcoming = bundled.query(
        "inspections_upcoming",
        force_id="wmp",
        as_at=JUNE,
        horizon_days=periods.UPCOMING_DAYS,
        limit=None,
        offset=0,
    )
    assert rows(upcoming, ["inspection_id", "fieldwork_start"]) == [
        ("wmp-peel-2018-ipa", "2018-11-12")
    ]
    undated = bundled.query("inspections_undated", force_id="wmp", limit=None, offset=0)
    assert sorted(undated["inspection_id"]) == [
        "wmp-crime-file-review-2018",
        "wmp-fms-2018",
        "wmp-grievance-file-review-2018",
        "wmp-ipa-insight-visits-2018",
    ]


def test_meeting_context(mini):
    june = mini.query("briefing/meeting_context", meeting_on=JUNE).iloc[0]
    assert june["meeting_id"] == "m1"
    assert june["previous_held_on"].date() == dt.date(2018, 3, 29)
    assert june["next_held_on"] is None or str(june["next_held_on"]) == "NaT"
    between = mini.query("briefing/meeting_context", meeting_on=dt.date(2018, 5, 1)).iloc[0]
    assert between["meeting_id"] is None
    assert between["next_held_on"].date() == JUNE


def test_default_since_is_the_previous_meeting_or_the_month_three_months_before():
    since, words = paper.default_since(JUNE, dt.date(2018, 3, 29))
    assert since == dt.date(2018, 3, 29)
    assert words == "since the last meeting on 29 March 2018"
    since, words = paper.default_since(JUNE, None)
    assert since == MARCH
    assert "no earlier meeting is recorded" in words


def test_calendar_figure_labels_every_mark(bundled):
    events = bundled.query(
        "inspections_calendar",
        force_id="wmp",
        as_at=JUNE,
        from_on=dt.date(2018, 1, 1),
        to_on=dt.date(2019, 1, 1),
    )
    rows, spec = charts.inspection_calendar_vega(events, JUNE)
    # Each mark's word: in the legend (the colour's domain), beside the mark, and in its tooltip.
    bars = spec["layer"][0]["encoding"]
    legend = dict(
        zip(bars["color"]["scale"]["domain"], bars["color"]["scale"]["range"], strict=True)
    )
    assert list(legend) == ["Fieldwork", "Fieldwork (planned)", "Published"]
    assert legend["Fieldwork"] == charts.CALENDAR_COLOURS["fieldwork"]
    assert legend["Fieldwork (planned)"] == charts.CALENDAR_COLOURS["planned"]
    held = rows[rows["what"] == "Fieldwork"]
    planned = rows[rows["what"] == "Fieldwork (planned)"]
    published = rows[rows["what"] == "Published"]
    assert list(held["word"]) == ["Fieldwork"]
    assert list(planned["word"]) == ["Planned"]
    assert set(published["word"]) == {"Published"}
    # a row is named by its label's lines: the title (two at most), the kind under it
    assert held["row"].iloc[0] == "Thematic inspection of fraud\nThematic"
    assert held["when"].iloc[0] == "Fieldwork: 1 May 2018 to 2 May 2018"
    assert held["end"].iloc[0] == "2018-05-03"  # the bar covers its last day
    assert [t["title"] for t in bars["tooltip"]][:3] == ["Inspection", "Kind", "When"]
    # planned fieldwork also has a dashed outline, not its pale colour alone
    assert "planned" in bars["strokeDash"]["condition"]["test"]
    assert spec["title"]["text"].startswith("Inspection calendar")
    assert spec["encoding"]["x"]["title"] == "Date"
    # the as-at line is a row of the data, drawn by the rule and its words
    line = rows[rows["what"] == charts.inspection_calendar.AS_AT_LINE]
    assert list(line["word"]) == ["As at 28 Jun 2018"] and list(line["start"]) == ["2018-06-28"]
    # Row labels are short: the title on at most two lines, the kind under it, so the drawing
    # area keeps the chart's width; the axis splits a row's name into them.
    labels = [row.split("\n") for row in rows["row"].dropna()]
    assert all(len(lines) <= 3 and all(len(x) <= 40 for x in lines) for lines in labels)
    assert spec["layer"][0]["encoding"]["y"]["axis"]["labelExpr"] == "split(datum.value, '\\n')"
    assert spec["layer"][0]["encoding"]["y"]["sort"] == {"field": "order", "op": "min"}
    # State of Policing (published 12 June, just before the as-at line) has its word before the
    # mark, not written across the line; the others after it.
    sides = dict(zip(published["row"], published["side"], strict=True))
    assert sides["State of Policing 2018\nAnnual report"] == "left"
    assert list(sides.values()).count("right") == len(sides) - 1


def test_the_calendar_spec_is_the_same_at_every_date(bundled):
    """A sidebar change alters only the rows, so Streamlit updates the drawn calendar in place."""
    specs = set()
    for as_at in (dt.date(2017, 6, 1), JUNE, dt.date(2018, 12, 1)):
        events = bundled.query(
            "inspections_calendar",
            force_id="wmp",
            as_at=as_at,
            from_on=as_at - dt.timedelta(days=180),
            to_on=as_at + dt.timedelta(days=180),
        )
        specs.add(json.dumps(charts.inspection_calendar_vega(events, as_at)[1], sort_keys=True))
    assert len(specs) == 1
    assert "2018" not in specs.pop()


@pytest.fixture
def inspections_page(monkeypatch) -> AppTest:
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/inspections.py")
    at.run()
    return at


def test_inspections_page_on_the_bundled_data(inspections_page):
    at = inspections_page
    assert not at.exception
    assert at.title[0].value == "Inspections"
    headers = [h.value for h in at.header]
    assert headers == [
        "Completed since the last meeting",
        "Received since the last meeting",
        "The PCC's responses",
        "Upcoming",
    ]
    # No earlier meeting is recorded: the period starts on 1 March 2018, and the page says why.
    assert at.date_input(key="since_meeting").value == MARCH
    captions = " ".join(c.value for c in at.caption)
    assert "no earlier meeting is recorded" in captions
    # each list a static table, as a committee paper prints it
    completed, received, responses, upcoming, undated = drawn.static_tables(at)
    # No source says whether the PCC published a response: never "overdue", but "not recorded".
    assert list(responses["Response"]) == [
        "Not recorded (was due 23 May 2018; no publication recorded)",
        "Not recorded (was due 17 May 2018; no publication recorded)",
        "Not recorded (was due 17 May 2018; no publication recorded)",
        "Not recorded (was due 27 Apr 2017; no publication recorded)",
        "Not recorded (was due 27 Aug 2015; no publication recorded)",
        "Not recorded (the report's publication day is unknown)",
        "Not required (the force tracks no finding from this report)",
    ]
    assert list(completed["Inspection"]) == ["Thematic inspection of fraud"]
    assert list(completed["Report expected"]) == ["autumn 2018"]
    # The findings each report brought, in words (one column, not three that ran off the page).
    assert list(received["Findings"]) == [
        "3 recommendations",
        "1 area for improvement",
        "5 recommendations",
        "No findings",
    ]
    assert received["Chief officer leads"].iloc[0] == "ACC Crime; ACC Local Policing"
    assert list(received["No owner"]) == ["0", "1", "5", "0"]
    assert list(received["Explorer"]) == ["Open"] * 4
    assert drawn.link_addresses(at, "Explorer")[2] == "recommendations?inspection=yot-oocd-2018"
    assert list(upcoming["Fieldwork from"]) == ["12 Nov 2018"]
    assert len(undated) == 4
    assert "—" in set(undated["Expected"])  # a missing value reads as a dash
    chart = at.get("vega_lite_chart")[0].proto
    assert "Inspection calendar" in chart.spec
    assert "Fieldwork (planned)" in chart.spec


def test_inspections_page_since_moves_the_lists(inspections_page):
    at = inspections_page
    at.date_input(key="since_meeting").set_value(dt.date(2018, 5, 3)).run()
    assert not at.exception
    received = drawn.static_table_with(at, "Explorer")
    assert list(received["Inspection"]) == ["State of Policing 2018"]
    assert any("No inspection fieldwork ended" in m.value for m in at.markdown)


def test_kind_breakdown_words():
    from oversight.labels import kind_breakdown

    assert kind_breakdown({"recommendation": 2, "area_for_improvement": 1}) == (
        "2 recommendations, 1 area for improvement"
    )
    assert kind_breakdown({"cause_of_concern": 1, "recommendation": 0}) == "1 cause of concern"
    assert kind_breakdown({"recommendation": 0}) == "No findings"
