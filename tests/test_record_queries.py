"""Golden tests: the Record progress page's queries and the Data page's quality list, on mini."""

from __future__ import annotations

import datetime as dt

from oversight import db
from tests.golden import rows

JUNE = dt.date(2018, 6, 28)
JULY = dt.date(2018, 7, 15)
ALL = dict(
    recorded_by=None, rec_id=None, recorded_from=None, recorded_to=None, limit=None, offset=0
)


def test_record_choices_lists_every_finding_of_the_force(mini):
    choices = mini.query("record_choices", as_at=JULY, force_id="wmp", q=None, limit=None)
    assert rows(choices, ["rec_id", "reference", "inspection_title", "status", "rag"]) == [
        ("n1", "National overview · N1", "National overview", None, None),
        ("r1", "National overview · R1", "National overview", "in_progress", "green"),
        ("r2", "National overview · R2", "National overview", "in_progress", "amber"),
        ("r3", "National overview · R3", "National overview", "in_progress", "red"),
        ("c1", "WMP effectiveness 2016 · C1", "WMP effectiveness 2016", "in_progress", "amber"),
        ("c1r1", "WMP effectiveness 2016 · C1.1", "WMP effectiveness 2016", "closed", "blue"),
    ]
    # Line breaks in the text are flattened for the picker.
    assert choices.set_index("rec_id").loc["r2", "short_text"] == (
        "Detectives plan: - demand; and - workforce"
    )
    gwent = mini.query("record_choices", as_at=JULY, force_id="gwent", q=None, limit=None)
    assert list(gwent["rec_id"]) == ["g1"]


def test_record_choices_narrow_by_words_and_cap_with_the_whole_count(mini):
    def choices(q, limit=None):
        return mini.query("record_choices", as_at=JULY, force_id="wmp", q=q, limit=limit)

    assert list(choices("c1.1")["rec_id"]) == ["c1r1"]  # a reference, any case
    assert list(choices("DETECTIVES")["rec_id"]) == ["r2"]  # words of the text
    assert set(choices("wmp effectiveness")["rec_id"]) == {"c1", "c1r1"}  # the report title
    capped = choices(None, limit=2)
    assert list(capped["rec_id"]) == ["n1", "r1"]
    assert set(capped["total_rows"]) == {6}
    assert choices("' OR 1=1 --").empty


def test_record_state_is_the_latest_position(mini):
    state = mini.query("record_state", as_at=JULY, rec_id="r3")
    assert rows(
        state,
        ["rec_id", "reference", "status", "rag", "status_as_at", "note", "recorded_by"],
    ) == [
        ("r3", "National overview · R3", "in_progress", "red", "2018-07-15", "Slipped", "Analyst")
    ]
    assert rows(state, ["due_on", "deadline_text", "is_overdue", "days_overdue"]) == [
        ("2018-06-22", "within three months", True, 23)
    ]
    assert mini.query("record_state", as_at=JULY, rec_id="nope").empty


def test_record_state_never_updated_has_no_position(mini):
    # Nobody recorded a position for n1: it has no status and no RAG, not a guessed one.
    state = mini.query("record_state", as_at=JULY, rec_id="n1")
    assert rows(state, ["status", "rag", "status_as_at", "is_open", "is_overdue"]) == [
        (None, None, None, True, False)
    ]


def test_record_history_whole_history_newest_first(mini):
    history = mini.query("record_history", rec_id="r3")
    assert rows(
        history, ["as_at", "status", "rag", "rag_label", "note", "recorded_by", "update_id"]
    ) == [
        ("2018-07-15", "in_progress", "red", "Red", "Slipped", "Analyst", "u5"),
        ("2018-06-28", "in_progress", "green", "Green", "Bail scrutinised", "Analyst", "u4"),
    ]
    assert mini.query("record_history", rec_id="n1").empty


def test_audit_trail_latest_recording_first(mini):
    trail = mini.query("audit_trail", force_id="wmp", **ALL)
    assert rows(trail, ["recorded_at", "recorded_by", "rec_id", "reference", "update_id"]) == [
        ("2018-07-15", "Analyst", "r3", "National overview · R3", "u5"),
        # Same time: the row added to the file later comes first.
        ("2018-06-28", "Analyst", "r3", "National overview · R3", "u4"),
        ("2018-06-28", "Analyst", "r2", "National overview · R2", "u3"),
        ("2018-06-28", "Analyst", "r1", "National overview · R1", "u2"),
        ("2018-04-01T09:00:00", "Analyst", "r1", "National overview · R1", "u1"),
        ("2017-06-01", "Analyst", "c1r1", "WMP effectiveness 2016 · C1.1", "u7"),
        ("2017-06-01", "Analyst", "c1", "WMP effectiveness 2016 · C1", "u6"),
    ]
    assert "record_url" not in trail  # queries return ids; pages build links (explorer.url)


def test_audit_trail_filters(mini):
    by = mini.query("audit_trail", force_id=None, **{**ALL, "recorded_by": "Gwent analyst"})
    assert rows(by, ["update_id", "inspection_title"]) == [("u8", "National overview")]
    one = mini.query("audit_trail", force_id="wmp", **{**ALL, "rec_id": "r1"})
    assert list(one["update_id"]) == ["u2", "u1"]
    window = mini.query(
        "audit_trail",
        force_id="wmp",
        **{**ALL, "recorded_from": dt.date(2018, 4, 1), "recorded_to": dt.date(2018, 6, 28)},
    )
    assert list(window["update_id"]) == ["u4", "u3", "u2", "u1"]


def test_audit_recorders(mini):
    assert rows(mini.query("audit_recorders", force_id=None)) == [
        ("Analyst", 7, "2017-06-01", "2018-07-15"),
        ("Gwent analyst", 1, "2018-06-01", "2018-06-01"),
    ]
    assert rows(mini.query("audit_recorders", force_id="gwent"), ["recorded_by"]) == [
        ("Gwent analyst",)
    ]


def _append(path, lines: str) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(lines)


def test_data_quality_updates_after_closure_and_undated_reports(mini_copy):
    # c1r1 closed on 2017-06-01, then a position dated after it; a finding of the fraud report,
    # which has no publication date.
    _append(
        mini_copy / "updates.csv", "u9,c1r1,2018-01-10,in_progress,amber,Reopened,A,2018-01-10,\n"
    )
    _append(
        mini_copy / "recommendations.csv",
        "f1,fraud,wmp,R1,recommendation,force,Fraud plan,,,,,ACC Crime,,,\n",
    )
    ds = db.load(mini_copy)
    assert ds.problems == []
    june = ds.query("data_quality_as_at", as_at=JUNE, force_id="wmp", limit=None, offset=0)
    assert rows(june, ["issue", "rec_id", "status", "rag"]) == [
        ("No chief officer lead", "c1", "in_progress", "amber"),
        ("No due date", "c1", "in_progress", "amber"),
        (
            "No report publication date",
            "f1",
            None,
            None,
        ),
        (
            "No update for more than 90 days",
            "c1",
            "in_progress",
            "amber",
        ),
        (
            "No update for more than 90 days",
            "c1r1",
            "in_progress",
            "amber",
        ),
        ("Overdue but not graded red", "c1r1", "in_progress", "amber"),
        ("Overdue but not graded red", "r3", "in_progress", "green"),
        ("Updates dated after closure", "c1r1", "in_progress", "amber"),
    ]
    # Before the later position, the closure stands: only its missing sign-off is flagged.
    before = ds.query(
        "data_quality_as_at", as_at=dt.date(2017, 12, 31), force_id="wmp", limit=None, offset=0
    )
    assert list(before.loc[before["rec_id"] == "c1r1", "issue"]) == [
        "Closed without recorded approval"
    ]
    assert "f1" in set(before["rec_id"])


def test_data_quality_closed_then_closed_again_is_flagged(mini_copy):
    _append(mini_copy / "updates.csv", "u9,c1r1,2018-02-01,closed,blue,Confirmed,A,2018-02-01,\n")
    ds = db.load(mini_copy)
    june = ds.query("data_quality_as_at", as_at=JUNE, force_id="wmp", limit=None, offset=0)
    assert rows(june[june["rec_id"] == "c1r1"], ["issue", "status"]) == [
        ("Closed without recorded approval", "closed"),
        ("Updates dated after closure", "closed"),
    ]


def test_data_quality_on_the_bundled_data(bundled):
    quality = bundled.query("data_quality_as_at", as_at=JUNE, force_id="wmp", limit=None, offset=0)
    counts = quality.groupby("issue").size().to_dict()
    assert counts["No report publication date"] == len(
        bundled.cursor()
        .execute(
            "select rec_id from recommendations join inspections using (inspection_id) "
            "where published_on is null and addressed_to <> 'national_body'"
        )
        .fetchall()
    )
    assert "Updates dated after closure" not in counts
