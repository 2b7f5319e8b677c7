"""Overview: the KPI, RAG-mix, red-and-overdue and moves queries (golden on the mini fixture), the
comparison window, the tiles, the RAG-mix charts, and the page as a reader sees it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from oversight import charts, explorer, headlines, periods, vocabulary
from tests import drawn
from tests.golden import rows

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
JUNE = dt.date(2018, 6, 28)
JULY = dt.date(2018, 7, 15)
MARCH = dt.date(2018, 3, 29)

KPI_COLUMNS = [
    "open_now",
    "open_change",
    "overdue_now",
    "overdue_change",
    "red_now",
    "red_change",
    "due_soon_now",
    "due_soon_change",
    "closed_in_window",
    "closed_change",
    "national_body_items",
]


# --- queries (golden on the mini fixture) ----------------------------------------------------


def test_kpis_on_mini_as_at_june(mini):
    kpis = mini.query(
        "overview_kpis",
        as_at=JUNE,
        since=MARCH,
        prev_since=dt.date(2017, 12, 29),
        horizon_days=90,
        force_id="wmp",
    )
    # Open: r1, r2, r3 and c1 (c1r1 is closed; n1 is a national body's, left out).
    # Overdue: r3 (due 22 June, green). Due within 90 days of 29 March: r3; of 28 June: none.
    assert rows(kpis, KPI_COLUMNS) == [(4, 0, 1, 1, 0, 0, 0, -1, 0, 0, 1)]


def test_kpis_on_mini_as_at_july(mini):
    kpis = mini.query(
        "overview_kpis",
        as_at=JULY,
        since=JUNE,
        prev_since=MARCH,
        horizon_days=90,
        force_id="wmp",
    )
    # r3 turned red on 15 July; r2 (due 30 September) is now within 90 days.
    assert rows(kpis, KPI_COLUMNS) == [(4, 0, 1, 0, 1, 1, 1, 1, 0, 0, 1)]


def test_kpis_count_closing_within_the_window(mini):
    # c1r1 was issued on 2 March 2017 and first recorded, as closed, on 1 June 2017: it certainly
    # closed between 1 March and 1 July 2017.
    kpis = mini.query(
        "overview_kpis",
        as_at=dt.date(2017, 7, 1),
        since=dt.date(2017, 3, 1),
        prev_since=dt.date(2017, 1, 1),
        horizon_days=90,
        force_id="wmp",
    )
    assert rows(kpis, ["open_now", "closed_in_window", "closed_change"]) == [(1, 1, 1)]


def test_a_first_position_that_is_closed_is_not_a_closure_in_the_period(mini):
    # From 1 May 2017 nobody recorded c1r1 as open: when it closed is not known, so it is not
    # counted as closed in the period (it is "first recorded").
    kpis = mini.query(
        "overview_kpis",
        as_at=dt.date(2017, 7, 1),
        since=dt.date(2017, 5, 1),
        prev_since=dt.date(2017, 3, 1),
        horizon_days=90,
        force_id="wmp",
    )
    assert rows(kpis, ["closed_in_window", "moved", "first_recorded"]) == [(0, 0, 2)]


def test_kpis_for_gwent(mini):
    kpis = mini.query(
        "overview_kpis",
        as_at=JUNE,
        since=MARCH,
        prev_since=dt.date(2017, 12, 29),
        horizon_days=90,
        force_id="gwent",
    )
    # g1 was issued on 22 March, so it was open (awaiting allocation) on 29 March too.
    assert rows(kpis, ["open_now", "open_change", "national_body_items"]) == [(1, 0, 0)]


def test_rag_by_inspection_on_mini(mini):
    mix = mini.query("rag_by_inspection", as_at=JUNE, force_id="wmp", max_inspections=12)
    assert rows(mix, ["inspection_id", "rag", "rag_label", "items", "open_items"]) == [
        ("nat-2018", "amber", "Amber", 1, 1),
        ("nat-2018", "green", "Green", 2, 2),
        ("wmp-2016", "amber", "Amber", 1, 1),
        ("wmp-2016", "blue", "Blue", 1, 0),
    ]


def test_rag_by_inspection_sums_the_rest_past_the_cap(mini):
    mix = mini.query("rag_by_inspection", as_at=JUNE, force_id="wmp", max_inspections=1)
    # nat-2018 has 3 open findings, wmp-2016 one: wmp-2016 is folded into the last bar.
    assert rows(mix, ["inspection_id", "inspection_title", "rag", "items", "open_items"]) == [
        ("nat-2018", "National overview", "amber", 1, 1),
        ("nat-2018", "National overview", "green", 2, 2),
        (None, "One other inspection", "amber", 1, 1),
        (None, "One other inspection", "blue", 1, 0),
    ]
    assert list(mix["is_other"]) == [False, False, True, True]


def test_rag_by_kind_on_mini(mini):
    mix = mini.query("rag_by_kind", as_at=JULY, force_id="wmp")
    assert rows(mix, ["kind", "rag", "items"]) == [
        ("recommendation", "red", 1),
        ("recommendation", "amber", 1),
        ("recommendation", "green", 1),
        ("recommendation", "blue", 1),
        ("cause_of_concern", "amber", 1),
    ]


def test_red_and_overdue_flags_overdue_but_not_red(mini):
    june = mini.query("red_and_overdue", as_at=JUNE, force_id="wmp", limit=None, offset=0)
    columns = ["rec_id", "chief_officer_lead", "due_on", "days_overdue", "rag"]
    assert rows(june, [*columns, "is_red", "is_overdue_not_red"]) == [
        ("r3", "ACC Crime", "2018-06-22", 6, "green", False, True)
    ]
    july = mini.query("red_and_overdue", as_at=JULY, force_id="wmp", limit=None, offset=0)
    assert rows(july, [*columns, "is_red", "is_overdue_not_red"]) == [
        ("r3", "ACC Crime", "2018-06-22", 23, "red", True, False)
    ]


def test_moves_since_the_last_meeting(mini):
    # On 29 March nobody had recorded a position for r1, r2 or r3: their positions of 1 April and
    # 28 June are first positions, not moves from a guessed "awaiting allocation, white".
    moves = mini.query("moves_since", since=MARCH, as_at=JUNE, force_id="wmp", limit=None, offset=0)
    assert rows(
        moves,
        ["rec_id", "change_kind", "status_from", "status_to", "rag_from", "rag_to", "moved_on"],
    ) == [
        ("r1", "first_recorded", None, "in_progress", None, "green", "2018-06-28"),
        ("r2", "first_recorded", None, "in_progress", None, "amber", "2018-06-28"),
        ("r3", "first_recorded", None, "in_progress", None, "green", "2018-06-28"),
    ]
    # r1 was recorded as awaiting allocation on 1 April: from then on, a change is a move.
    april = mini.query(
        "moves_since", since=dt.date(2018, 4, 1), as_at=JUNE, force_id="wmp", limit=None, offset=0
    )
    assert rows(april, ["rec_id", "change_kind", "status_from", "rag_from"])[0] == (
        "r1",
        "moved",
        "awaiting_allocation",
        "white",
    )
    july = mini.query("moves_since", since=JUNE, as_at=JULY, force_id="wmp", limit=None, offset=0)
    assert rows(july, ["rec_id", "change_kind", "rag_from", "rag_to"]) == [
        ("r3", "moved", "green", "red")
    ]


def test_moves_include_findings_with_no_earlier_position(mini):
    moves = mini.query(
        "moves_since", since=dt.date(2018, 1, 1), as_at=JUNE, force_id="wmp", limit=None, offset=0
    )
    assert rows(moves, ["rec_id", "status_from", "is_new"]) == [
        ("r1", None, True),
        ("r2", None, True),
        ("r3", None, True),
    ]


def test_due_next(mini):
    due = mini.query("due_next", as_at=JUNE, force_id="wmp", max_rows=10)
    assert rows(
        due, ["rec_id", "due_on", "days_to_due", "chief_officer_lead", "tactical_lead", "rag"]
    ) == [
        ("r2", "2018-09-30", 94, "ACC Crime", "DCS B", "amber"),
        ("r1", "2018-10-31", 125, "ACC Local Policing", "CI A", "green"),
    ]
    assert rows(mini.query("due_next", as_at=JUNE, force_id="wmp", max_rows=1), ["rec_id"]) == [
        ("r2",)
    ]


def test_meetings_before(mini):
    meetings = mini.query("meetings_before", as_at=JULY)
    assert rows(meetings, ["meeting_id", "held_on"]) == [
        ("m1", "2018-06-28"),
        ("m0", "2018-03-29"),
    ]
    assert rows(mini.query("meetings_before", as_at=JUNE), ["meeting_id"]) == [("m0",)]


def test_bundled_figures_as_at_june_2018(bundled):
    kpis = bundled.query(
        "overview_kpis",
        as_at=JUNE,
        since=dt.date(2018, 3, 28),
        prev_since=dt.date(2017, 12, 28),
        horizon_days=90,
        force_id="wmp",
    )
    # 34 findings, 4 superseded: 30 open; none red; overdue, the twelve Online and on the edge
    # recommendations (published 2 July 2015, due within three to 12 months) and the two 2016
    # PEEL recommendations to act "immediately" (due on publication, 2 March 2017); the three
    # other due dates are all more than 90 days away (30 September and 31 October 2018).
    assert rows(kpis, ["open_now", "overdue_now", "red_now", "due_soon_now"]) == [(30, 14, 0, 0)]
    listed = bundled.query("red_and_overdue", as_at=JUNE, force_id="wmp", limit=None, offset=0)
    assert list(listed["rec_id"])[:2] == ["wmp-oote-2015-r04", "wmp-oote-2015-r07"]
    assert list(listed["rec_id"])[-2:] == ["wmp-peel-2016-r01", "wmp-peel-2016-r02"]
    assert list(listed["days_overdue"]) == [1000, 1000] + [908] * 6 + [817] * 3 + [726, 483, 483]


# --- the comparison window and the tiles ----------------------------------------------------


def test_window_from_the_last_meeting(mini):
    window = headlines.comparison_window(mini.query("meetings_before", as_at=JULY), JULY)
    assert window == headlines.Window(JUNE, MARCH, "Joint Audit Committee")
    assert window.phrase() == "since the Joint Audit Committee on 28 June 2018"


def test_window_without_a_meeting_defaults_to_the_month_three_months_before():
    none = pd.DataFrame({"held_on": [], "committee": []})
    window = headlines.comparison_window(none, JUNE)
    assert window.since == dt.date(2018, 3, 1)
    assert window.prev_since == dt.date(2017, 11, 2)  # as long again before
    assert not window.from_meeting
    assert window.phrase() == "since 1 March 2018"
    chosen = headlines.comparison_window(none, JUNE, dt.date(2018, 1, 1))
    assert chosen.since == dt.date(2018, 1, 1)
    # A "since" after the as-at date is held to the as-at date.
    assert headlines.comparison_window(none, JUNE, dt.date(2019, 1, 1)).since == JUNE


def test_months_before_keeps_to_the_month_end():
    assert periods.months_before(dt.date(2018, 5, 31), 3) == dt.date(2018, 2, 28)
    assert periods.default_since(dt.date(2018, 5, 31)) == dt.date(2018, 2, 1)


def test_tiles(mini):
    window = headlines.Window(JUNE, MARCH, "Joint Audit Committee")
    kpis = mini.query(
        "overview_kpis",
        as_at=JULY,
        since=JUNE,
        prev_since=MARCH,
        horizon_days=90,
        force_id="wmp",
    )
    tiles = headlines.tiles(kpis, window, JULY, vocabulary.rag_scale(mini))
    assert [(t.label, t.value, t.delta) for t in tiles] == [
        ("Open", 4, 0),
        ("Overdue", 1, 0),
        ("Red", 1, 1),
        ("Due in 90 days", 1, 1),
        ("Closed in period", 0, 0),
    ]
    assert tiles[2].delta_color == "inverse"
    assert "13 October 2018" in tiles[3].help
    assert headlines.workload_note(kpis).startswith("Figures count the force's own workload: 1 ")


def test_red_overdue_frame_flags_overdue_but_not_red(mini):
    frame = headlines.red_overdue_frame(
        mini.query("red_and_overdue", as_at=JUNE, force_id="wmp", limit=None, offset=0),
        vocabulary.rag_scale(mini),
    )
    assert frame.iloc[0]["Why listed"] == "⚠ Overdue but not graded red"
    assert frame.iloc[0]["RAG"] == "● Green"
    assert frame.iloc[0]["When due"] == "6 days overdue"
    assert frame.iloc[0]["Reference"] == "National overview · R3"
    assert frame.iloc[0]["Kind"] == "Recommendation"


def test_reference_is_the_report_s_or_the_kind_never_a_record_id():
    assert explorer.reference("R2", "recommendation") == "R2"
    assert explorer.reference(None, "area_for_improvement") == "Area for improvement"
    assert explorer.reference(pd.NA, "cause_of_concern") == "Cause of concern"
    assert explorer.reference("  ", "recommendation") == "Recommendation"


def test_first_words_cut_at_a_word_with_an_ellipsis():
    assert explorer.first_words("Bail review", 85) == "Bail review"
    assert explorer.first_words("one two three four", 12) == "one two…"
    assert explorer.first_words("one two, three", 10) == "one two…"
    assert explorer.first_words(None, 10) == "—"
    assert len(explorer.first_words("word " * 40, explorer.FINDING_CHARS)) <= 85


def test_table_height_shows_half_a_row_more_when_it_scrolls():
    assert explorer.table_height(3, 66) == 38 + 3 * 66
    assert explorer.table_height(8, 66) == 38 + 8 * 66
    assert explorer.table_height(34, 66) == 38 + 8 * 66 + 33


def test_moves_frame_names_the_finding_and_its_inspection(bundled):
    moves = bundled.query(
        "moves_since", since=dt.date(2018, 3, 1), as_at=JUNE, force_id="wmp", limit=None, offset=0
    )
    frame = headlines.moves_frame(moves, vocabulary.rag_scale(bundled))
    assert list(frame.columns) == ["Reference", "Kind", "Finding", "From", "To", "Recorded"]
    # Named as the committee names them, never by a record id; the kind in its own column.
    assert not frame["Reference"].str.startswith("wmp-").any()
    named = dict(zip(moves["rec_id"], frame["Reference"], strict=True))
    assert named["wmp-peel-2016-afi03"] == "PEEL 2016 effectiveness · AFI 3"
    assert named["wmp-oote-2015-r04"] == "Online and on the edge · R4"
    assert named["wmp-peel2017nat-r02"] == "PEEL 2017 national · R2"
    kind = dict(zip(moves["rec_id"], frame["Kind"], strict=True))
    assert kind["wmp-peel-2016-afi03"] == "Area for improvement"
    # Every bundled finding has one position, of 28 June 2018: each is first recorded.
    assert set(frame["From"]) == {"No position recorded"}
    assert len(frame) == 34
    assert (frame["Finding"].str.len() <= explorer.FINDING_CHARS).all()


# --- charts ----------------------------------------------------------------------------------


def test_rag_by_inspection_chart(mini):
    rag = vocabulary.rag_scale(mini)
    data, spec = charts.rag_by_inspection_vega(
        mini.query("rag_by_inspection", as_at=JUNE, force_id="wmp", max_inspections=12), rag
    )
    # One segment per inspection and RAG, each with its word and count written in it.
    assert data[["category", "rag", "items", "label"]].values.tolist() == [
        ["National overview", "Amber", 1, "Amber 1"],
        ["National overview", "Green", 2, "Green 2"],
        ["WMP effectiveness 2016", "Amber", 1, "Amber 1"],
        ["WMP effectiveness 2016", "Blue", 1, "Blue 1"],
    ]
    # Stacked: each segment starts where the one before it ends.
    assert data[["x0", "x1"]].values.tolist() == [[0, 1], [1, 3], [0, 1], [1, 2]]
    bars, text = spec["layer"]
    # the words and colours rag.csv holds, in its order, every grade of the scale drawn or not
    scale = bars["encoding"]["color"]["scale"]
    assert scale["domain"] == [*rag.labels.values(), "No position recorded"]
    assert scale["range"][:4] == ["#C62828", "#F9A825", "#A5D6A7", "#1565C0"]
    # each label black or white as its fill needs: white on rag.csv's dark blue
    assert list(data["ink"]) == ["#000000", "#000000", "#000000", "#FFFFFF"]
    assert text["encoding"]["color"] == {"field": "ink", "type": "nominal", "scale": None}
    assert bars["mark"]["stroke"] == charts.RAG_OUTLINE  # white segments show on a white page
    assert [t["field"] for t in bars["encoding"]["tooltip"]] == ["category", "rag", "items"]
    assert text["encoding"]["text"] == {"field": "label"}
    assert spec["title"]["text"] == "RAG of all findings (open and completed) by inspection"
    assert bars["encoding"]["x"]["title"] == "Findings"
    # The first inspection in the query's order is drawn at the top: the rows carry the order.
    assert spec["encoding"]["y"]["sort"] == {"field": "order", "op": "min"}
    assert list(data["order"]) == [0, 0, 1, 1]


def test_the_rag_mix_spec_is_the_same_at_every_date_and_force(mini):
    """A sidebar change alters only the chart's rows, so Streamlit updates the drawn chart in
    place instead of building a new one: no date, category or count is in the spec."""
    rag = vocabulary.rag_scale(mini)
    specs = []
    for as_at in (dt.date(2017, 6, 1), JUNE, dt.date(2019, 1, 1)):
        rows = mini.query("rag_by_inspection", as_at=as_at, force_id="wmp", max_inspections=12)
        data, spec = charts.rag_by_inspection_vega(rows, rag)
        specs.append(json.dumps(spec, sort_keys=True))
    assert len(set(specs)) == 1
    assert "2018" not in specs[0] and "National overview" not in specs[0]


def test_inspections_sharing_a_title_get_a_bar_each(mini):
    # two force reviews with the same title are two bars, told apart by their publication date;
    # a third published the same day as one of them also gets its id
    rows = pd.DataFrame(
        {
            "inspection_id": ["a", "a", "b", "c", "d"],
            "inspection_title": ["Custody review", "Custody review", "Custody review"]
            + ["Custody review", "Vetting"],
            "issued_on": pd.to_datetime(["2021-03-01", "2021-03-01", "2023-05-02"])
            .append(pd.to_datetime(["2023-05-02", "2022-01-01"]))
            .tolist(),
            "rag": ["red", "green", "amber", "amber", "green"],
            "items": [1, 2, 3, 1, 4],
        }
    )
    data, spec = charts.rag_by_inspection_vega(rows, vocabulary.rag_scale(mini))
    assert list(dict.fromkeys(data.sort_values("order", kind="stable")["category"])) == [
        "Custody review (1 Mar 2021)",
        "Custody review (2 May 2023, b)",
        "Custody review (2 May 2023, c)",
        "Vetting",
    ]
    green = data[data["rag"] == "Green"]
    assert list(green["category"]) == ["Custody review (1 Mar 2021)", "Vetting"]
    assert list(green["items"]) == [2, 4]


def test_a_narrow_segment_shows_its_count_or_nothing_and_keeps_its_tooltip(mini):
    rows = pd.DataFrame(
        {
            "inspection_id": ["a", "a", "a", "b"],
            "inspection_title": ["Custody review"] * 3 + ["Vetting"],
            "issued_on": pd.to_datetime(["2021-03-01"] * 4),
            "rag": ["red", "amber", None, "green"],
            "items": [1, 5, 1, 60],
        }
    )
    data, _ = charts.rag_by_inspection_vega(rows, vocabulary.rag_scale(mini))
    labels = dict(zip(data["rag"], data["label"], strict=True))
    # 60 findings make the scale: one finding's segment is too narrow even for "1"
    assert labels == {"Red": "", "Amber": "5", "No position recorded": "", "Green": "Green 60"}
    # every segment, labelled or not, carries its RAG word in the data its tooltip reads
    assert set(data["rag"]) == {"Red", "Amber", "No position recorded", "Green"}


def test_rag_by_kind_chart_outlines_white(bundled):
    data, spec = charts.rag_by_kind_vega(
        bundled.query("rag_by_kind", as_at=JUNE, force_id="wmp"),
        vocabulary.rag_scale(bundled),
    )
    assert list(data["rag"]) == ["White"] * 3
    assert list(data["category"]) == ["Recommendation", "Area for improvement", "Cause of concern"]
    assert list(data["items"]) == [22, 8, 4]
    bars, _ = spec["layer"]
    assert bars["mark"]["stroke"] == charts.RAG_OUTLINE
    legend = bars["encoding"]["color"]["scale"]
    assert dict(zip(legend["domain"], legend["range"], strict=True))["White"] == "#FFFFFF"
    assert list(data["ink"]) == ["#000000"] * 3  # black reads on rag.csv's white
    assert spec["title"]["text"] == "RAG of all findings (open and completed) by kind"
    # The legend is under the chart, not at its side in the gap beside the other chart.
    assert bars["encoding"]["color"]["legend"]["orient"] == "bottom"


# --- the page --------------------------------------------------------------------------------


def _overview(monkeypatch, data_dir: Path | None = None, **params: str) -> AppTest:
    if data_dir is None:
        monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def _metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def test_overview_is_the_default_page_on_bundled_data(monkeypatch):
    at = _overview(monkeypatch)
    assert at.title[0].value == "Overview"
    metrics = _metrics(at)
    # open on 1 March 2018: the eight 2016 findings and the twelve 2015 Online and on the edge
    # ones, issued with no position recorded; all fourteen overdue now were overdue then
    assert metrics["Open"] == ("30", "10")
    assert metrics["Overdue"] == ("14", "0")
    assert metrics["Red"] == ("0", "0")
    assert metrics["Due in 90 days"] == ("0", "0")
    # The four superseded findings were first recorded on 28 June 2018: nobody recorded when
    # they closed, so none is counted as closed in the period.
    assert metrics["Closed in period"] == ("0", "0")
    # No meeting before 28 June 2018: the reader picks "since"; by default the first day of the
    # month three months back, as the briefing pack does.
    assert at.date_input(key="since").value == dt.date(2018, 3, 1)
    caption = at.caption[0].value
    assert "No committee meeting is recorded before 28 June 2018" in caption
    assert "since 1 March 2018" in caption
    assert "the first day of the month three months before the as-at date" in caption
    assert "addressed to a national body are left out" in " ".join(c.value for c in at.caption)
    # Nothing red is said in words, not drawn as an empty table; the twelve Online and on the
    # edge recommendations (published 2 July 2015) and the two 2016 ones to act "immediately"
    # (due on publication, 2 March 2017) are overdue and not graded red, the longest first.
    assert at.success[0].value == "No recommendation is graded red as at 28 June 2018."
    assert at.warning[0].value.startswith("**14** overdue items are not graded red")
    # Ten to a page, as a static table a committee reads whole; the pager says how many.
    listed = drawn.static_tables(at)[0]
    assert "Showing items 1–10 of 14, 10 to a page." in " ".join(c.value for c in at.caption)
    assert list(listed["Why listed"]) == ["⚠ Overdue but not graded red"] * 10
    assert list(listed["When due"])[:2] == ["1000 days overdue"] * 2
    assert list(listed["Due"])[:2] == ["2 Oct 2015"] * 2
    assert list(listed["RAG"]) == ["White"] * 10
    assert list(listed["Record"]) == ["Open record"] * 10
    assert list(listed["Reference"])[:2] == [
        "Online and on the edge · R4",
        "Online and on the edge · R7",
    ]
    at.number_input[0].set_value(2).run()
    listed = drawn.static_tables(at)[0]
    assert len(listed) == 4
    assert list(listed["When due"])[-2:] == ["483 days overdue"] * 2
    # What is due and who owns it: the three 2017 national recommendations.
    due = drawn.static_tables(at)[1]
    assert list(due["Reference"]) == [f"PEEL 2017 national · R{n}" for n in (2, 3, 1)]
    assert list(due["Chief officer lead"]) == ["ACC Crime", "ACC Crime", "ACC Local Policing"]
    assert list(due["Tactical lead"]) == ["DCS Mark Payne", "Supt Paul Minor", "CI Jason Anderson"]
    assert list(due["Deadline as written"]) == [
        "By September 2018",
        "By September 2018",
        "By October 2018",
    ]
    # RAG mix: every finding is white, said in words, and drawn with its word.
    assert "No open finding is graded as at 28 June 2018" in at.info[0].value
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["title"]["text"] == "RAG of open findings by inspection"
    assert "RAG of open findings, as at 28 June 2018: by inspection and by kind." in [
        c.value for c in at.caption
    ]
    assert {row["rag"] for row in drawn.vega_rows(at.get("vega_lite_chart")[0].proto)} == {"White"}


def test_overview_since_date_from_the_url(monkeypatch):
    at = _overview(monkeypatch, since="2018-06-01")
    assert at.date_input(key="since").value == dt.date(2018, 6, 1)
    # 29 findings had been issued by 1 June (all open: no position recorded, none closed); the
    # 2015 PEEL findings (no publication date) were first recorded on 28 June, four superseded.
    assert _metrics(at)["Open"] == ("30", "1")
    assert at.metric[0].proto.delta_description == "since 1 Jun"
    assert "Moved since 1 June 2018" in [h.value for h in at.header]


def test_overview_on_mini_flags_overdue_but_not_red(monkeypatch):
    at = _overview(monkeypatch, MINI, force="West Midlands Police", as_at="2018-06-28")
    # The last meeting before 28 June is 29 March: no date to pick.
    assert [d.key for d in at.date_input] == ["as_at"]
    assert "since the Joint Audit Committee on 29 March 2018" in at.caption[0].value
    metrics = _metrics(at)
    assert metrics["Overdue"] == ("1", "1")
    assert metrics["Red"] == ("0", "0")
    assert metrics["Closed in period"] == ("0", "0")
    assert at.success[0].value == "No recommendation is graded red as at 28 June 2018."
    assert "overdue item is not graded red" in at.warning[0].value
    flagged = drawn.static_tables(at)[0]
    assert list(flagged["Why listed"]) == ["⚠ Overdue but not graded red"]
    assert list(flagged["Reference"]) == ["National overview · R3"]
    assert list(flagged["Chief officer lead"]) == ["ACC Crime"]
    # The link keeps the view: the force (there is a choice) and the as-at date (not the latest).
    assert drawn.link_addresses(at, "Record") == [
        "recommendations?rec=r3&force=West%20Midlands%20Police&as_at=2018-06-28"
    ]
    notes = " ".join(c.value for c in at.caption)
    assert "1 recommendation is addressed to a national body and left out" in notes
    due = drawn.static_tables(at)[1]
    assert list(due["Reference"]) == ["National overview · R2", "National overview · R1"]
    assert list(due["Chief officer lead"]) == ["ACC Crime", "ACC Local Policing"]
    assert list(due["When due"]) == ["in 94 days", "in 125 days"]
    moves = drawn.static_tables(at)[2]
    assert list(moves["Reference"]) == [f"National overview · R{n}" for n in (1, 2, 3)]
    assert list(moves["Kind"]) == ["Recommendation"] * 3
    assert list(moves["From"]) == ["No position recorded"] * 3
    assert list(moves["To"]) == [
        "In progress · Green",
        "In progress · Amber",
        "In progress · Green",
    ]


@pytest.mark.parametrize("as_at", ["2018-07-15"])
def test_overview_on_mini_lists_red(monkeypatch, as_at):
    at = _overview(monkeypatch, MINI, force="West Midlands Police", as_at=as_at)
    assert _metrics(at)["Red"] == ("1", "1")
    assert not at.success
    assert list(drawn.static_tables(at)[0]["Why listed"]) == ["Red and overdue"]


def test_the_page_runs_each_query_once_all_of_them_ahead(monkeypatch, tmp_path):
    # A copy of the mini fixture is new data to the query cache, so every query really runs.
    import shutil
    import threading

    from oversight import db

    # The pool is shared by the whole process: let earlier tests' queries finish first.
    db.settle()

    data = tmp_path / "mini"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", data)
    ran: list[str] = []
    real = db.run_query

    threads: dict[str, str] = {}

    def counted(ds, name, **params):
        ran.append(name)
        threads[name] = threading.current_thread().name
        return real(ds, name, **params)

    monkeypatch.setattr(db, "run_query", counted)
    at = _overview(monkeypatch, data, as_at="2018-07-15")
    assert at.metric, "the page drew its figures"
    page_queries = [
        "overview_kpis",
        "red_and_overdue",
        "due_next",
        "moves_since",
        "rag_by_inspection",
        "rag_by_kind",
    ]
    # a query asked for with other parameters than the ones prefetched would run twice
    assert {name: ran.count(name) for name in page_queries} == dict.fromkeys(page_queries, 1)
    # ...and they were run ahead, on the pool's two threads. The page does not wait for them: a
    # query still queued when the page reaches it is run by the page (still once), as the first
    # it reads may be, so at least the next two started on the idle pool are the workers'.
    ahead = [name for name in page_queries if threads[name].startswith("oversight-ahead")]
    assert len(ahead) >= 2, threads


def test_count_changes_since_follows_the_as_at_date_unless_the_reader_set_it(monkeypatch):
    at = _overview(monkeypatch)
    assert at.date_input(key="since").value == dt.date(2018, 3, 1)
    # The as-at date moves to 1 March 2018: the default moves with it (1 December 2017), and the
    # caption says which rule gave it.
    at.sidebar.date_input(key="as_at").set_value(dt.date(2018, 3, 1)).run()
    assert not at.exception
    assert at.date_input(key="since").value == dt.date(2017, 12, 1)
    assert "Moved since 1 December 2017" in [h.value for h in at.header]
    caption = at.caption[0].value
    assert "changes count since 1 December 2017 (the first day of the month three months" in caption
    assert "since" not in at.query_params
    # The reader picks a date: it stays when the as-at date moves, and the caption says so.
    at.date_input(key="since").set_value(dt.date(2018, 1, 15)).run()
    assert at.query_params["since"] == "2018-01-15"
    at.sidebar.date_input(key="as_at").set_value(dt.date(2018, 4, 1)).run()
    assert at.date_input(key="since").value == dt.date(2018, 1, 15)
    assert "changes count since 15 January 2018 (the date you chose" in at.caption[0].value
    # ...until they ask for the default again.
    next(b for b in at.button if b.label == "Follow the as-at date").click().run()
    assert at.date_input(key="since").value == dt.date(2018, 1, 1)
    assert "since" not in at.query_params


def test_rag_mix_shows_open_work_and_completed_on_request(mini_copy, monkeypatch):
    at = _overview(monkeypatch, mini_copy, force="West Midlands Police", as_at="2018-06-28")

    def mix(page: AppTest, which: int = 0) -> dict[str, int]:
        chart = page.get("vega_lite_chart")[which].proto
        rows = drawn.vega_rows(chart)
        out: dict[str, int] = {}
        for row in rows:
            out[row["rag"]] = out.get(row["rag"], 0) + int(row["items"])
        return out

    # Open work by default: c1r1, closed (blue), is not drawn.
    assert mix(at) == {"Amber": 2, "Green": 2}
    spec = json.loads(at.get("vega_lite_chart")[1].proto.spec)
    assert spec["title"]["text"] == "RAG of open findings by kind"
    at.toggle(key="mix_completed").set_value(True).run()
    assert mix(at) == {"Amber": 2, "Green": 2, "Blue": 1}
    assert json.loads(at.get("vega_lite_chart")[0].proto.spec)["title"]["text"] == (
        "RAG of all findings (open and completed) by inspection"
    )
    # The choice is part of the address (mix_completed=true), so a shared link shows it too.
    shared = _overview(
        monkeypatch,
        mini_copy,
        force="West Midlands Police",
        as_at="2018-06-28",
        mix_completed="true",
    )
    assert mix(shared) == {"Amber": 2, "Green": 2, "Blue": 1}
