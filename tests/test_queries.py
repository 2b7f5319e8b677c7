"""Golden tests: each foundation query on the mini fixture, and the exact rows it must return."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight import db
from tests.golden import rows

JUNE = dt.date(2018, 6, 28)
JULY = dt.date(2018, 7, 15)


def test_rec_state_as_at_picks_the_latest_update_on_or_before_the_date(mini):
    state = mini.query("rec_state_as_at", as_at=JUNE, force_id="wmp")
    assert rows(
        state, ["rec_id", "status", "rag", "status_as_at", "is_open", "is_overdue", "days_overdue"]
    ) == [
        ("c1r1", "closed", "blue", "2017-06-01", False, False, None),
        ("r3", "in_progress", "green", "2018-06-28", True, True, 6),
        ("r2", "in_progress", "amber", "2018-06-28", True, False, None),
        ("r1", "in_progress", "green", "2018-06-28", True, False, None),
        ("c1", "in_progress", "amber", "2017-06-01", True, False, None),
        ("n1", None, None, None, True, False, None),
    ]


def test_rec_state_moves_with_the_date(mini):
    july = mini.query("rec_state_as_at", as_at=JULY, force_id="wmp").set_index("rec_id")
    assert july.loc["r3", "rag"] == "red"
    april = mini.query("rec_state_as_at", as_at=dt.date(2018, 4, 1), force_id="wmp")
    assert rows(april, ["rec_id", "status", "rag", "days_to_due"]) == [
        ("c1r1", "closed", "blue", -211),
        ("r3", None, None, 82),
        ("r2", None, None, 182),
        ("r1", "awaiting_allocation", "white", 213),
        ("c1", "in_progress", "amber", None),
        ("n1", None, None, None),
    ]


def test_rec_state_leaves_out_reports_not_yet_published(mini):
    before = mini.query("rec_state_as_at", as_at=dt.date(2018, 1, 1), force_id=None)
    assert sorted(before["rec_id"]) == ["c1", "c1r1"]


def test_rec_state_national_body_is_not_force_workload(mini):
    state = mini.query("rec_state_as_at", as_at=JUNE, force_id="wmp").set_index("rec_id")
    assert not state.loc["n1", "is_force_workload"]
    assert state.loc["r1", "is_force_workload"]


def test_rec_state_all_forces(mini):
    state = mini.query("rec_state_as_at", as_at=JUNE, force_id=None)
    assert sorted(state["force_id"].unique()) == ["gwent", "wmp"]
    assert len(state) == 7


def test_latest_as_at(mini):
    assert rows(mini.query("latest_as_at")) == [("2018-07-15",)]


def test_tracking_forces(mini):
    assert rows(mini.query("tracking_forces")) == [
        ("gwent", "Gwent Police", 1),
        ("wmp", "West Midlands Police", 6),
    ]


def test_table_row_counts(mini):
    assert dict(rows(mini.query("table_row_counts"))) == {
        "forces": 2,
        "inspections": 3,
        "recommendations": 7,
        "updates": 8,
        "peel_grades": 4,
        "peel_areas": 3,
        "grade_scales": 10,
        "rag": 5,
        "meetings": 2,
        "owners": 0,  # optional, and absent from this folder
        "narrative": 0,  # optional, and absent from this folder
        "return_requests": 0,
        "inspectorate_status": 0,
    }


def test_data_quality_as_at(mini):
    june = mini.query("data_quality_as_at", as_at=JUNE, force_id="wmp", limit=None, offset=0)
    assert rows(june, ["issue", "rec_id"]) == [
        ("Closed without recorded approval", "c1r1"),
        ("No chief officer lead", "c1"),
        ("No due date", "c1"),
        ("No update for more than 90 days", "c1"),
        ("Overdue but not graded red", "r3"),
    ]
    # Once graded red, an overdue item is no longer flagged.
    july = mini.query("data_quality_as_at", as_at=JULY, force_id="wmp", limit=None, offset=0)
    assert "r3" not in set(july["rec_id"])


def test_data_quality_counts(mini):
    assert rows(mini.query("data_quality_counts", as_at=JUNE, force_id="wmp")) == [
        ("Closed without recorded approval", 1),
        ("No chief officer lead", 1),
        ("No due date", 1),
        ("No update for more than 90 days", 1),
        ("Overdue but not graded red", 1),
    ]
    # Gwent's one finding has an owner, a due date and a recent update: nothing to look at.
    assert mini.query("data_quality_counts", as_at=JUNE, force_id="gwent").empty


def test_inspection_sources(mini):
    assert rows(
        mini.query("inspection_sources", limit=None, offset=0),
        ["inspection_id", "published_on", "url"],
    ) == [
        ("wmp-2016", "2017-03-02", None),
        ("nat-2018", "2018-03-22", "https://example.org/nat"),
        ("fraud", None, None),
    ]


def test_grade_sources(mini):
    assert rows(mini.query("grade_sources")) == [
        ("example.org", 3, 2, "2016, 2021/22"),
        ("meeting:m1", 1, 1, "2016"),
    ]


def test_meeting_papers(mini):
    assert rows(mini.query("meeting_papers"), ["meeting_id", "held_on"]) == [
        ("m1", "2018-06-28"),
        ("m0", "2018-03-29"),
    ]


def test_query_needs_every_parameter(mini):
    with pytest.raises(ValueError, match="needs parameters: force_id"):
        mini.query("rec_state_as_at", as_at=JUNE)


@pytest.mark.parametrize("name", ["../data/x", "rec_state_as_at; drop table x", "Nope", "missing"])
def test_only_named_query_files_run(mini, name):
    with pytest.raises(ValueError):
        mini.query(name)


def test_hostile_value_is_bound_not_executed(mini):
    state = mini.query("rec_state_as_at", as_at=JUNE, force_id="wmp' or 1=1 --")
    assert state.empty


def test_every_query_file_has_a_test():
    """Each query in queries/ (validation checks aside) is named in at least one test file."""
    tests = "\n".join(
        p.read_text(encoding="utf-8") for p in db.ROOT.joinpath("tests").rglob("*.py")
    )
    untested = []
    for path in sorted(db.QUERIES_DIR.rglob("*.sql")):
        rel = path.relative_to(db.QUERIES_DIR)
        if rel.parts[0] in ("checks", "macros"):
            continue
        name = str(rel.with_suffix(""))
        if f'"{name}"' not in tests and f"'{name}'" not in tests:
            untested.append(name)
    assert untested == []


def test_queries_from_many_threads_at_once(mini):
    """Streamlit serves each session on its own thread: each query gets a cursor of its own."""
    from concurrent.futures import ThreadPoolExecutor

    dates = [dt.date(2018, 4, 1), JUNE, JULY] * 20

    def red_count(as_at):
        return int(
            (mini.query("rec_state_as_at", as_at=as_at, force_id=None)["rag"] == "red").sum()
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(red_count, dates))
    assert counts == [0, 0, 1] * 20
