"""Deadlines that move: golden tests on tests/fixtures/slipped, whose revisions are known.

The fixture (West Midlands, as at 28 June 2018 unless a test says otherwise):
- a1 due 30 Apr 2018, revised on 20 Apr to 30 Sep 2018: slipped 153 days, past its original date,
  not overdue;
- a2 due 31 May 2018, revised on 1 May to 30 Jun and on 20 Jun to 31 Dec 2018 (restated on 25 Jun:
  not a new revision): two revisions, slipped 214 days;
- a3 due 1 Jun 2018, never revised: overdue 27 days;
- a4 closed on 1 May, its due date revised on 10 Jun: a data-quality warning;
- n1 due 30 Sep 2018, never revised; g1 is Gwent's, revised.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import auth, db, imports, records, vocabulary
from tests import drawn
from tests.golden import plain, rows

ROOT = Path(__file__).resolve().parents[1]
SLIPPED = Path(__file__).parent / "fixtures" / "slipped"
JUNE = dt.date(2018, 6, 28)


@pytest.fixture(scope="module")
def slipped() -> db.Dataset:
    return db.load(SLIPPED)


@pytest.fixture
def slipped_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(SLIPPED, target)
    return target


def _edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def test_the_fixture_is_valid(slipped):
    assert slipped.problems == []


def test_due_revisions_holds_each_move_once(slipped):
    """queries/derived/due_revisions.sql: a position restating the date in force is not a move."""
    assert "create or replace table due_revisions" in db.query_sql("derived/due_revisions")
    table = slipped.cursor().execute("select * from due_revisions order by rec_id, revised_on").df()
    assert rows(
        table, ["rec_id", "revised_on", "due_before", "revised_due_on", "revision_number"]
    ) == [
        ("a1", "2018-04-20", "2018-04-30", "2018-09-30", 1),
        ("a2", "2018-05-01", "2018-05-31", "2018-06-30", 1),
        ("a2", "2018-06-20", "2018-06-30", "2018-12-31", 2),
        ("a4", "2018-06-10", "2018-06-30", "2018-07-31", 1),
        ("g1", "2018-04-01", "2018-09-30", "2018-12-31", 1),
    ]


def test_current_due_date_days_slipped_and_overdue_as_at_june(slipped):
    state = slipped.query("rec_state_as_at", as_at=JUNE, force_id="wmp").sort_values("rec_id")
    assert rows(
        state,
        [
            "rec_id",
            "original_due_on",
            "due_on",
            "revision_count",
            "days_slipped",
            "is_slipped",
            "has_missed_original_due",
            "is_overdue",
            "days_overdue",
        ],
    ) == [
        ("a1", "2018-04-30", "2018-09-30", 1, 153, True, True, False, None),
        ("a2", "2018-05-31", "2018-12-31", 2, 214, True, True, False, None),
        ("a3", "2018-06-01", "2018-06-01", 0, None, False, True, True, 27),
        ("a4", "2018-06-30", "2018-07-31", 1, 31, False, False, False, None),
        ("n1", "2018-09-30", "2018-09-30", 0, None, False, False, False, None),
    ]


def test_the_due_date_in_force_follows_the_as_at_date(slipped):
    """Before a revision is recorded the report's date applies; each revision applies from its
    position's as_at on; a restated date is not counted again."""

    def a2(on: dt.date) -> tuple:
        state = slipped.query("rec_state_as_at", as_at=on, force_id="wmp").set_index("rec_id")
        r = state.loc["a2"]
        return (plain(r["due_on"]), int(r["revision_count"]), plain(r["last_revision_reason"]))

    assert a2(dt.date(2018, 4, 30)) == ("2018-05-31", 0, None)
    assert a2(dt.date(2018, 5, 1)) == ("2018-06-30", 1, "Training places not available until June")
    assert a2(dt.date(2018, 6, 19)) == ("2018-06-30", 1, "Training places not available until June")
    assert a2(dt.date(2018, 6, 20)) == (
        "2018-12-31",
        2,
        "Partner agency withdrew from the joint team",
    )
    assert a2(dt.date(2018, 7, 1)) == (
        "2018-12-31",
        2,
        "Partner agency withdrew from the joint team",
    )


def test_overdue_is_judged_against_the_revised_date(slipped):
    """a1 is past 30 April but within 30 September: slipped, not overdue, until October."""
    october = slipped.query("rec_state_as_at", as_at=dt.date(2018, 10, 15), force_id="wmp")
    a1 = october.set_index("rec_id").loc["a1"]
    assert (bool(a1["is_overdue"]), int(a1["days_overdue"]), int(a1["days_slipped"])) == (
        True,
        15,
        153,
    )
    kpis = slipped.query(
        "overview_kpis",
        as_at=JUNE,
        since=dt.date(2018, 3, 29),
        prev_since=dt.date(2017, 12, 28),
        horizon_days=90,
        force_id="wmp",
    )
    assert int(kpis["overdue_now"].iloc[0]) == 1  # a3 only


def test_a_revision_on_a_closed_finding_is_a_data_quality_warning(slipped):
    issues = slipped.query("data_quality_as_at", as_at=JUNE, force_id="wmp", limit=None, offset=0)
    assert ("Due date revised after closure", "a4") in rows(issues, ["issue", "rec_id"])
    before = slipped.query(
        "data_quality_as_at", as_at=dt.date(2018, 6, 1), force_id="wmp", limit=None, offset=0
    )
    assert "Due date revised after closure" not in set(before["issue"])


def test_a_revised_date_without_a_reason_is_an_error(slipped_copy):
    _edit(
        slipped_copy,
        "updates.csv",
        '2018-09-30,"Depends on the new records system, now due in September"',
        "2018-09-30,",
    )
    assert [str(p) for p in db.validate(slipped_copy)] == [
        "updates.csv:3: revision_reason: revised_due_on is 2018-09-30 but revision_reason is "
        "empty: say why the due date moved"
    ]


def test_a_revised_date_before_publication_is_an_error(slipped_copy):
    _edit(slipped_copy, "updates.csv", "2018-04-20,2018-09-30", "2018-04-20,2017-12-31")
    assert [str(p) for p in db.validate(slipped_copy)] == [
        "updates.csv:3: revised_due_on: revised due date 2017-12-31 is before rep-2018 was "
        "published (2018-01-15)"
    ]


def test_a_revised_date_that_is_not_a_date_is_an_error(slipped_copy):
    _edit(slipped_copy, "updates.csv", "2018-04-20,2018-09-30", "2018-04-20,30/09/2018")
    assert [str(p) for p in db.validate(slipped_copy)] == [
        "updates.csv:3: revised_due_on: not a valid date (expected YYYY-MM-DD): '30/09/2018'"
    ]


def test_files_without_the_new_columns_still_load(mini):
    """An older updates.csv or inspections.csv reads the new columns as empty."""
    assert mini.problems == []
    state = mini.query("rec_state_as_at", as_at=JUNE, force_id="wmp")
    assert set(state["revision_count"]) == {0}
    assert state["days_slipped"].isna().all()


def test_slipped_counts_and_list_queries(slipped):
    counts = slipped.query(
        "slipped_counts", as_at=dt.date(2018, 10, 15), since=JUNE, force_id="wmp"
    )
    assert rows(counts) == [(2, 0, 1, 1)]
    listed = slipped.query(
        "slipped_findings", as_at=dt.date(2018, 10, 15), force_id="wmp", limit=None, offset=0
    )
    assert rows(
        listed, ["rec_id", "is_overdue", "days_overdue", "days_slipped", "revision_count"]
    ) == [("a1", True, 15, 153, 1), ("a2", False, None, 214, 2)]
    gwent = slipped.query("slipped_counts", as_at=JUNE, since=JUNE, force_id="gwent")
    assert rows(gwent) == [(1, 0, 0, 0)]


# --- the PCC's statutory response ---------------------------------------------------------------


def _responses(ds, on):
    return ds.query("pcc_responses", as_at=on, force_id="wmp", limit=None, offset=0)


def test_pcc_responses_as_at_june(slipped):
    assert rows(
        _responses(slipped, JUNE),
        [
            "inspection_id",
            "response_status",
            "response_due_on",
            "is_due_computed",
            "days_to_response_due",
            "response_published_on",
            "response_url",
        ],
    ) == [
        ("rev-2018", "due", "2018-07-05", False, 7, None, None),
        ("nat-2018", "not_recorded", "2018-05-17", True, -42, None, None),
        (
            "rep-2018",
            "published",
            "2018-03-12",
            True,
            -108,
            "2018-03-01",
            "https://example.org/pcc/rep-2018",
        ),
        ("sop-2018", "not_required", None, True, None, None, None),
    ]


def test_a_tracked_response_past_its_date_is_overdue_an_untracked_one_is_not_recorded(slipped):
    july = _responses(slipped, dt.date(2018, 7, 15)).set_index("inspection_id")
    assert july.loc["rev-2018", "response_status"] == "overdue"
    assert july.loc["nat-2018", "response_status"] == "not_recorded"
    may = _responses(slipped, dt.date(2018, 5, 1)).set_index("inspection_id")
    assert (
        may.loc["nat-2018", "response_status"],
        int(may.loc["nat-2018", "days_to_response_due"]),
    ) == (
        "due",
        16,
    )
    # published on 1 March: as at 20 February it was still due
    february = _responses(slipped, dt.date(2018, 2, 20)).set_index("inspection_id")
    assert february.loc["rep-2018", "response_status"] == "due"
    assert list(february.index) == ["rep-2018"]


def test_pcc_responses_attention_names_overdue_and_due_within_the_window(slipped):
    def named(on: dt.date, within: int = 30) -> list[tuple]:
        found = slipped.query(
            "pcc_responses_attention", as_at=on, force_id="wmp", within_days=within
        )
        return rows(found, ["inspection_id", "response_status", "days_to_response_due"])

    assert named(JUNE) == [("rev-2018", "due", 7)]
    assert named(JUNE, within=5) == []
    assert named(dt.date(2018, 7, 15)) == [("rev-2018", "overdue", -10)]
    # nat-2018's response was due on 17 May; nothing recorded, so never named as overdue
    assert named(dt.date(2018, 5, 1)) == [("nat-2018", "due", 16)]


def test_a_pcc_response_before_its_report_is_an_error(slipped_copy):
    _edit(slipped_copy, "inspections.csv", ",,2018-03-01,https", ",,2017-03-01,https")
    _edit(slipped_copy, "inspections.csv", ",2018-07-05,,", ",2018-05-01,,")
    _edit(slipped_copy, "inspections.csv", "https://example.org/pcc/rep-2018", "example.org/pcc")
    assert [str(p) for p in db.validate(slipped_copy)] == [
        "inspections.csv:2: pcc_response_published_on: the response is dated 2017-03-01, before "
        "the report was published (2018-01-15)",
        "inspections.csv:2: pcc_response_url: 'example.org/pcc' is not a web address (http:// or "
        "https://)",
        "inspections.csv:4: pcc_response_due_on: the response is due 2018-05-01, before the report "
        "was published (2018-05-10)",
    ]


# --- recording a revised date ------------------------------------------------------------------

EDITOR = auth.Identity("ed@force.example", "Ed Itor", True)
CONFIG = auth.EditingConfig(
    enabled=True,
    editors=frozenset({"ed@force.example"}),
    auth_configured=True,
    providers=("",),
)
NOW = dt.datetime(2018, 8, 1, 9, 30, tzinfo=dt.UTC)


def _revision(**changes) -> dict:
    return {
        "rec_id": "r2",
        "as_at": "2018-07-20",
        "status": "in_progress",
        "rag": "amber",
        "note": "Plan delayed",
        "revised_due_on": "2018-12-31",
        "revision_reason": "Waiting for the national plan",
        **changes,
    }


def test_a_revised_date_is_recorded_into_an_older_file_by_adding_its_columns(mini_copy):
    """mini's updates.csv has no revised_due_on column: the write adds both columns at the end of
    the header and an empty cell to every record (a note holding a line break stays whole)."""
    path = mini_copy / "updates.csv"
    path.write_bytes(
        path.read_bytes().replace(b"Review under way", b'"Review under way,\nsecond line"')
    )
    before = path.read_bytes()
    result = records.append_updates(mini_copy, [_revision()], EDITOR, CONFIG, now=NOW)
    assert result.ok and result.written, result.problems
    after = path.read_bytes()
    header, rest = after.split(b"\n", 1)
    assert header == (
        b"update_id,rec_id,as_at,status,rag,note,recorded_by,recorded_at,seal,"
        b"revised_due_on,revision_reason"
    )
    old_records = rest.rsplit(b"\n", 2)[0] + b"\n"
    assert old_records.replace(b",,\n", b"\n") == before.split(b"\n", 1)[1]
    assert b'"Review under way,\nsecond line",Analyst,2018-06-28,,,\n' in after
    ds = db.load(mini_copy)
    assert ds.problems == []
    r2 = ds.query("rec_state_as_at", as_at=dt.date(2018, 7, 20), force_id="wmp").set_index("rec_id")
    assert (plain(r2.loc["r2", "due_on"]), plain(r2.loc["r2", "last_revision_reason"])) == (
        "2018-12-31",
        "Waiting for the national plan",
    )


def test_a_revised_date_without_its_reason_is_refused_with_its_column(mini_copy):
    before = (mini_copy / "updates.csv").read_bytes()
    result = records.append_updates(
        mini_copy, [_revision(revision_reason=" ")], EDITOR, CONFIG, now=NOW
    )
    assert not result.written
    assert [str(p) for p in result.problems] == [
        "updates.csv, row 1, column revision_reason: revised_due_on is 2018-12-31 but "
        "revision_reason is empty: say why the due date moved"
    ]
    assert (mini_copy / "updates.csv").read_bytes() == before


def test_an_import_accepts_a_revised_date_and_its_reason(mini_copy):
    data = (
        b"rec_id,as_at,status,rag,note,revised_due_on,revision_reason\r\n"
        b"r2,2018-07-20,in_progress,amber,Plan delayed,2018-12-31,Waiting for the national plan\r\n"
        b"r1,2018-07-20,in_progress,green,On track,,\r\n"
    )
    upload = imports.read_upload("return.csv", data, "updates")
    preview = imports.commit(mini_copy, upload, EDITOR, CONFIG)
    assert preview.ok and preview.written, preview.problems
    added = preview.added("updates")
    assert rows(added, ["rec_id", "revised_due_on", "revision_reason"]) == [
        ("r2", "2018-12-31", "Waiting for the national plan"),
        ("r1", None, None),
    ]
    assert "revised_due_on" in imports.template_csv("updates").decode("utf-8-sig")


# --- where a user looks: the Overview ---------------------------------------------------------


def _page(monkeypatch, path: str | None = None, **params: str) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(SLIPPED))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["force"] = "West Midlands Police"
    if path:
        at.switch_page(path)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_overview_shows_the_slipped_figure_and_its_list(monkeypatch):
    at = _page(monkeypatch, as_at="2018-06-28")
    metrics = {m.label: (m.value, m.proto.delta) for m in at.metric}
    # a1 and a2 slipped by 28 June; neither had by the March meeting
    assert metrics["Slipped"] == ("2", "2")
    assert metrics["Overdue"][0] == "1"  # a3 only: a1 and a2 are within their revised dates
    assert [m.label for m in at.metric][:3] == ["Open", "Overdue", "Slipped"]
    sentence = next(m.value for m in at.markdown if "moved later than the report" in m.value)
    assert sentence == (
        "**2** open findings have a due date moved later than the report's. 2 are past the "
        "original date but within the revised one: slipped, not counted as overdue."
    )
    table = drawn.static_table_with(at, "Days slipped")
    assert rows(
        table,
        ["Reference", "Originally due", "Now due", "Days slipped", "Times moved", "Latest reason"],
    ) == [
        (
            "Report A on WMP · R2",
            "31 May 2018",
            "31 Dec 2018",
            "214",
            "2",
            "Partner agency withdrew from the joint team",
        ),
        (
            "Report A on WMP · R1",
            "30 Apr 2018",
            "30 Sep 2018",
            "153",
            "1",
            "Depends on the new records system, now due in September",
        ),
    ]
    assert list(table["Where it stands"]) == [
        "Slipped 214 days; now due 31 Dec 2018: not overdue",
        "Slipped 153 days; now due 30 Sep 2018: not overdue",
    ]
    # The commissioner's response to the custody review is due within 30 days: named.
    assert [w.value for w in at.warning if "PCC" in w.value] == [
        "The PCC's response to “Review of WMP custody” is **due in 7 days**, on 5 Jul 2018 "
        "(the recorded due date)."
    ]


def test_overview_names_an_overdue_pcc_response_and_a_finding_overdue_after_slipping(monkeypatch):
    at = _page(monkeypatch, as_at="2018-10-15")
    assert [w.value for w in at.warning if "PCC" in w.value] == [
        "The PCC's response to “Review of WMP custody” is **overdue**: it was due on 5 Jul 2018 "
        "(the recorded due date), 102 days ago, and no publication is recorded."
    ]
    table = drawn.static_table_with(at, "Days slipped")
    assert list(table["Where it stands"]) == [
        "Overdue: 15 days past the revised date",
        "Slipped 214 days; now due 31 Dec 2018: not overdue",
    ]


# --- where a user looks: the explorer ---------------------------------------------------------


def _explorer(monkeypatch, **params: str) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(SLIPPED))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["force"] = "West Midlands Police"
    at.run()
    at.switch_page("pages/recommendations.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_explorer_slipped_only_from_the_url(monkeypatch):
    at = _explorer(monkeypatch, slipped="true", as_at="2018-06-28")
    assert at.toggle(key="explorer_slipped").value is True
    count = next(m.value for m in at.markdown if m.value.startswith("**"))
    assert count == "**2** of 4 open findings match: Slipped only: Yes."
    table = at.dataframe[0].value
    shown = list(at.dataframe[0].proto.column_order)
    assert shown[5:8] == ["Due", "Originally due", "Days slipped"]
    # the most urgent first: R2 is graded red
    assert rows(table, ["Reference", "Due", "Originally due", "Days slipped", "Status"]) == [
        ("Report A on WMP · R2", "2018-12-31", "2018-05-31", 214, "In progress · slipped"),
        ("Report A on WMP · R1", "2018-09-30", "2018-04-30", 153, "In progress · slipped"),
    ]


def test_explorer_slipped_toggle_puts_the_filter_in_the_url(monkeypatch):
    at = _explorer(monkeypatch, as_at="2018-06-28")
    table = at.dataframe[0].value
    assert len(table) == 4  # open work: the closed finding is left out
    # unchanged dates read "—" (no original shown), overdue is said in the status
    by_ref = table.set_index("Reference")
    assert by_ref.loc["Report A on WMP · R3", "Status"] == "In progress · overdue"
    assert by_ref["Originally due"].isna().sum() == 2  # a3 and n1 never moved
    at.toggle(key="explorer_slipped").set_value(True).run()
    assert at.query_params["slipped"] == "true"
    assert len(at.dataframe[0].value) == 2


def test_a_record_says_its_original_date_how_far_it_slipped_and_why(monkeypatch):
    at = _explorer(monkeypatch, rec="a2", as_at="2018-06-28")
    facts = next(m.value for m in at.markdown if "**Status:**" in m.value)
    assert "**Due date (revised twice):** 31 December 2018 · in 186 days" in facts
    assert "**Originally due:** 31 May 2018 (set by the inspectorate) · slipped 214 days" in facts
    assert (
        "**Why it last moved** (20 June 2018): “Partner agency withdrew from the joint team”"
        in facts
    )
    history = next(m.value for m in at.markdown if m.value.startswith("- **25 June 2018**"))
    assert "**Due date moved to 30 June 2018:** Training places not available until June" in (
        history
    )


# --- where a user looks: Timeline and Owners ------------------------------------------------------


def test_timeline_marks_the_original_date_on_each_bar_that_moved(slipped):
    from oversight import charts

    items = slipped.query(
        "timeline_items", as_at=JUNE, force_id="wmp", group_by="lead", group=None, limit=100
    )
    assert rows(
        items.sort_values("rec_id"), ["rec_id", "due_on", "original_due_on", "revision_count"]
    ) == [
        ("a1", "2018-09-30", "2018-04-30", 1),
        ("a2", "2018-12-31", "2018-05-31", 2),
        ("a3", "2018-06-01", "2018-06-01", 0),
        ("n1", "2018-09-30", "2018-09-30", 0),
    ]
    fig = charts.timeline_bars(items, JUNE, vocabulary.rag_scale(slipped))
    [ticks] = [t for t in fig.data if t.name == "Original due date (the date moved)"]
    assert sorted(zip(ticks.y, ticks.x, strict=True)) == [
        ("r:a1", "2018-04-30"),
        ("r:a2", "2018-05-31"),
    ]
    assert ticks.marker.symbol == "line-ns"
    hover = dict(zip(ticks.y, ticks.customdata, strict=True))["r:a2"]
    assert "Originally due 31 May 2018; slipped 214 days (moved twice)" in hover
    assert "Why: Partner agency withdrew from the joint team" in hover
    # the bar ends at the date in force
    bars = {
        y: (b, x)
        for t in fig.data
        if t.type == "bar"
        for y, b, x in zip(t.y, t.base, t.x, strict=True)
    }
    assert bars["r:a2"][0] == "2018-01-15"
    assert bars["r:a2"][1] == (dt.date(2018, 12, 31) - dt.date(2018, 1, 15)).days * 86_400_000


def test_timeline_group_vega_counts_slipped_items(slipped):
    from oversight import charts

    groups = slipped.query("timeline_groups", as_at=JUNE, force_id="wmp", group_by="lead")
    assert rows(groups, ["group_label", "items", "overdue", "slipped"]) == [
        ("ACC Operations", 1, 1, 0),
        ("ACC Crime", 2, 0, 2),
        ("ACC Local Policing", 1, 0, 0),
    ]
    drawn, _ = charts.timeline_group_vega(
        groups, JUNE, "chief officer lead", vocabulary.rag_scale(slipped)
    )
    words = list(drawn["text"])
    assert "Red · 2 open · 2 slipped" in words  # a2 is red


def test_owners_count_slipped_items_per_owner(slipped):
    workload = slipped.query("owner_workload", as_at=JUNE, force_id="wmp")
    leads = workload[workload["is_lead_total"]]
    assert rows(leads, ["chief_officer_lead", "open", "overdue", "slipped"]) == [
        ("ACC Crime", 2, 0, 2),
        ("ACC Local Policing", 1, 0, 0),
        ("ACC Operations", 1, 1, 0),
    ]


def test_owners_page_shows_the_slipped_tile_and_column(monkeypatch):
    at = _page(monkeypatch, "pages/owners.py", as_at="2018-06-28")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Overdue"], metrics["Slipped"]) == ("1", "2")
    table = at.dataframe[0].value
    crime = table[table["chief_officer_lead"] == "ACC Crime"]
    assert list(crime["slipped"]) == [2, 2]  # the lead's total and DCS B's row


def test_inspections_page_lists_each_pcc_response(monkeypatch):
    at = _page(monkeypatch, "pages/inspections.py", as_at="2018-06-28")
    sentence = next(m.value for m in at.markdown if m.value.startswith("Of the "))
    assert sentence == (
        "Of the 4 reports published by 28 June 2018, responses: **1** due, **1** published, "
        "**1** not recorded, **1** not required."
    )
    table = drawn.static_table_with(at, "Response")
    assert list(zip(table["Report"], table["Response"], strict=True)) == [
        ("Review of WMP custody", "Due in 7 days (5 Jul 2018)"),
        ("National overview", "Not recorded (was due 17 May 2018; no publication recorded)"),
        ("Report A on WMP", "Published 1 Mar 2018"),
        ("State of Policing 2018", "Not required (the force tracks no finding from this report)"),
    ]
    assert list(table["Published response"]) == ["—", "—", "Open", "—"]
    assert drawn.link_addresses(at, "Published response")[2] == "https://example.org/pcc/rep-2018"


def test_the_bundled_data_never_calls_an_unrecorded_response_overdue(bundled):
    responses = bundled.query("pcc_responses", as_at=JUNE, force_id="wmp", limit=None, offset=0)
    assert "overdue" not in set(responses["response_status"])
    by_id = responses.set_index("inspection_id")
    assert by_id.loc["wmp-peel-2017-effectiveness", "response_status"] == "not_recorded"
    assert plain(by_id.loc["wmp-peel-2017-effectiveness", "response_due_on"]) == "2018-05-17"
    assert by_id.loc["state-of-policing-2018", "response_status"] == "not_required"


# --- the committee pack ---------------------------------------------------------------------------


def _pack_markdown(ds, meeting: dt.date = JUNE) -> str:
    """The pack's Markdown as a reader of it sees it (CommonMark's escapes taken off: the file
    escapes every syntax character in text from the data)."""
    from oversight.paper import as_markdown, assemble

    text = as_markdown.to_markdown(assemble.build(ds, meeting, force_id="wmp"))
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def _pack_section(ds, title: str, meeting: dt.date = JUNE) -> str:
    text = _pack_markdown(ds, meeting)
    start = text.index(f"### {title}")
    return text[start : text.index("\n### ", start + 4)]


def test_the_pack_lists_revised_deadlines_since_the_last_meeting_with_reasons(slipped):
    assert _pack_section(slipped, "Revised deadlines since the last meeting") == (
        "### Revised deadlines since the last meeting\n\n"
        "3 due dates were revised between 29 March 2018 and 28 June 2018, for 2 findings. Each "
        "is listed with the reason the force gave; the report's own date is never changed. A "
        "finding within its revised date has slipped, and is not counted as overdue.\n\n"
        "| Finding | Owner | Revised on | Due date moved | Reason |\n"
        "|---|---|---|---|---|\n"
        "| Report A on WMP · R1 | ACC Crime | 20 April 2018 | From 30 April 2018 to 30 September "
        "2018: 153 days later (first revision) | Depends on the new records system, now due in "
        "September |\n"
        "| Report A on WMP · R2 | ACC Crime | 1 May 2018 | From 31 May 2018 to 30 June 2018: 30 "
        "days later (first revision) | Training places not available until June |\n"
        "| Report A on WMP · R2 | ACC Crime | 20 June 2018 | From 30 June 2018 to 31 December "
        "2018: 184 days later, 214 days after the report's date (second revision) | Partner "
        "agency withdrew from the joint team |\n"
    )


def test_the_pack_says_slipped_against_the_original_in_its_deadline_tables(slipped):
    deadlines = _pack_section(slipped, "Overdue and due before the next meeting")
    assert (
        "| Report A on WMP · R3 | Recommendation | Review custody staffing. | ACC Operations | "
        "Due 1 June 2018 |" in (deadlines)
    )
    assert (
        "By May 2018 (due 31 May 2018); revised twice: slipped 214 days, now due 31 December "
        "2018" in deadlines
    )


def test_the_pack_lists_pcc_responses_due_before_the_next_meeting_and_published_since(slipped):
    assert _pack_section(slipped, "The Police and Crime Commissioner's responses") == (
        "### The Police and Crime Commissioner's responses\n\n"
        "Section 55 of the Police Act 1996: the Police and Crime Commissioner publishes comments "
        "on an HMICFRS report about the force within 56 days of its publication.\n\n"
        "Due by 27 September 2018:\n\n"
        "| Report | Published | Response due | Status |\n"
        "|---|---|---|---|\n"
        "| Review of WMP custody | 10 May 2018 | 5 July 2018 (the recorded due date) | Due in 7 "
        "days |\n\n"
        "No response was published between 29 March 2018 and 28 June 2018.\n"
    )
    # At the March meeting: the response to Report A was published on 1 March, in the period
    # since the (assumed) previous quarter; the national overview's is due by June.
    march = _pack_section(
        slipped, "The Police and Crime Commissioner's responses", dt.date(2018, 3, 29)
    )
    assert "| Report A on WMP | 1 Mar 2018 | https://example.org/pcc/rep-2018 |" in march
    assert (
        "| National overview | 22 March 2018 | 17 May 2018 (56 days after publication on 22 Mar "
        "2018) | Due in 49 days |" in march
    )


def test_pack_queries_for_revisions_and_responses(slipped):
    revised = slipped.query(
        "briefing/revised_deadlines", force_id="wmp", since=dt.date(2018, 3, 29), as_at=JUNE
    )
    # a4's revision after its closure is a data-quality warning, not a revised deadline
    assert rows(revised, ["rec_id", "revised_on", "days_moved", "days_slipped", "is_overdue"]) == [
        ("a1", "2018-04-20", 153, 153, False),
        ("a2", "2018-05-01", 30, 30, False),
        ("a2", "2018-06-20", 184, 214, False),
    ]
    responses = slipped.query(
        "briefing/pcc_responses",
        force_id="wmp",
        since=dt.date(2018, 3, 29),
        as_at=JUNE,
        next_on=dt.date(2018, 9, 27),
    )
    assert rows(responses, ["pack_group", "inspection_id", "response_status"]) == [
        ("due", "rev-2018", "due"),
    ]


def test_the_pack_s_review_of_findings_says_where_a_deadline_moved(slipped):
    text = _pack_markdown(slipped)
    assert (
        "Deadline: By May 2018 (due 31 May 2018); revised twice: slipped 214 days, now due 31 "
        "December 2018." in text
    )
    assert "Deadline: By May 2018 (31 December 2018)" not in text
