"""What changed in a period, said the same way on the Overview and in the briefing pack: a move is
a change between two recorded positions, a first position is "first recorded", and a finding
with no position has no status and no RAG (issue: no imputed moves).

On the bundled data every finding has exactly one position, dated 28 June 2018: between 1 March
and 28 June 2018 nothing moved, and all 34 findings had their first position recorded (9 of them
from the three reports published in the period)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from oversight import changes, db, deadline_rule, headlines, paper
from tests import drawn
from tests.golden import rows

ROOT = Path(__file__).resolve().parents[1]
JUNE = dt.date(2018, 6, 28)
MARCH = dt.date(2018, 3, 1)
SPLIT = (
    "0 findings moved between two recorded positions, 34 had their first position recorded "
    "(9 of them from reports published in the period) and 0 have no position recorded."
)


def test_the_split_on_the_bundled_data(bundled):
    got = db.run_sql(
        bundled,
        "select change_kind, is_issued_in_period, count(*) as n from "
        "rec_state_force_changes($since::date, $as_at::date, $force_id::varchar) "
        "group by all order by all",
        since=MARCH,
        as_at=JUNE,
        force_id="wmp",
    )
    assert list(got.itertuples(index=False, name=None)) == [
        ("first_recorded", False, 25),
        ("first_recorded", True, 9),
    ]


def test_nothing_is_imputed_before_the_first_position(bundled):
    # On 1 March 2018 the eight 2016 findings and the twelve Online and on the edge ones had been
    # issued, but nobody had recorded a position for any of them.
    before = bundled.query("rec_state_as_at", as_at=MARCH, force_id="wmp")
    assert len(before) == 20
    assert set(before["status"].isna()) == {True} and set(before["rag"].isna()) == {True}
    assert before["is_open"].all()


def test_overview_and_pack_split_the_same_findings_the_same_way(bundled, monkeypatch):
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "Moved since 1 March 2018" in [h.value for h in at.header]
    said = [m.value for m in at.markdown if "recorded position" in m.value]
    assert said == [
        "Since 1 March 2018 up to 28 June 2018, **0** findings moved between two recorded "
        "positions, **34** had their first position recorded (9 of them from reports published "
        "in the period) and **0** have no position recorded."
    ]
    moves = drawn.static_table_with(at, "From")
    assert set(moves["From"]) == {"No position recorded"}
    assert not any("Awaiting allocation" in str(v) for v in moves["From"])

    pack = paper.build(bundled, JUNE)
    text = pack.text()
    assert pack.since == MARCH
    assert f"Since 1 March 2018, {SPLIT}" in text
    assert f"Since 1 March 2018 up to 28 June 2018, {SPLIT}" in text
    assert "Awaiting allocation" not in text
    table = next(
        b
        for s in pack.sections
        if s.title.startswith("RAG and status moves")
        for b in s.blocks
        if isinstance(b, paper.Table) and b.columns[0] == "Move"
    )
    assert [(r[0], r[1], int(r[3])) for r in table.rows] == [
        ("First position recorded (report published in the period)", "No position recorded", 9),
        ("First position recorded (earlier or undated report)", "No position recorded", 21),
        ("First position recorded (earlier or undated report)", "No position recorded", 4),
    ]
    summary = bundled.query("briefing/tracking_summary", force_id="wmp", since=MARCH, as_at=JUNE)
    kpis = bundled.query(
        "overview_kpis",
        as_at=JUNE,
        since=MARCH,
        prev_since=dt.date(2017, 11, 3),
        horizon_days=90,
        force_id="wmp",
    )
    assert changes.Split.from_row(summary.iloc[0]) == changes.Split.from_row(kpis.iloc[0])
    assert rows(kpis, ["closed_in_window"]) == rows(summary, ["closed_since"]) == [(0,)]


def test_the_sentence_agrees_in_number():
    one = changes.Split(moved=1, first_recorded=1, first_recorded_issued_in_period=1, no_position=1)
    assert one.sentence("since 1 March 2018") == (
        "Since 1 March 2018, 1 finding moved between two recorded positions, 1 had its first "
        "position recorded (from a report published in the period) and 1 has no position "
        "recorded."
    )


# --- undatable findings (Online and on the edge) -------------------------------------------


def test_online_and_on_the_edge_is_dated_from_its_source(bundled):
    row = (
        bundled.cursor()
        .execute("select published_on, source from inspections where inspection_id = 'oote-2015'")
        .fetchone()
    )
    assert row[0] == dt.date(2015, 7, 2)
    assert "https://" in row[1]
    due = dict(
        bundled.cursor()
        .execute(
            "select deadline_text, min(due_on) from recommendations "
            "where inspection_id = 'oote-2015' group by all"
        )
        .fetchall()
    )
    assert due == {
        "within three months": dt.date(2015, 10, 2),
        "within six months": dt.date(2016, 1, 2),
        "within nine months": dt.date(2016, 4, 2),
        "within 12 months": dt.date(2016, 7, 2),
    }


def test_the_overview_counts_the_overdue_it_can_date(monkeypatch):
    # The twelve Online and on the edge recommendations (due from 2 October 2015) and the two 2016
    # "immediately" ones (due 2 March 2017) are open on 28 June 2018: overdue, not good news.
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Overdue"] == "14"
    assert not any("cannot be dated" in c.value for c in at.caption)


def test_the_overview_says_how_many_open_findings_cannot_be_dated(mini_copy, monkeypatch):
    # A finding of the fraud report (no publication date) due "within six months", with a
    # position: it can never be overdue, and the Overview says so beside Overdue.
    with open(mini_copy / "recommendations.csv", "a", encoding="utf-8") as fh:
        fh.write("f1,fraud,wmp,R1,recommendation,force,Fraud plan,within six months,,,,,,,\n")
    with open(mini_copy / "updates.csv", "a", encoding="utf-8") as fh:
        fh.write("uf1,f1,2018-06-01,in_progress,amber,Started,Analyst,2018-06-01,\n")
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(mini_copy))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["force"] = "West Midlands Police"
    at.query_params["as_at"] = "2018-06-28"
    at.run()
    assert not at.exception
    notes = [c.value for c in at.caption if "cannot be dated" in c.value]
    assert notes == [
        "⚠ 1 open finding cannot be dated, so it is never counted as overdue: counts from "
        "publication, whose date is unknown."
    ]


def test_overdue_undatable_counts_by_reason(mini_copy):
    with open(mini_copy / "recommendations.csv", "a", encoding="utf-8") as fh:
        fh.write("f1,fraud,wmp,R1,recommendation,force,Fraud plan,within six months,,,,,,,\n")
        fh.write("f2,fraud,wmp,R2,recommendation,force,Fraud audit,when resources allow,,,,,,,\n")
    with open(mini_copy / "updates.csv", "a", encoding="utf-8") as fh:
        fh.write("uf1,f1,2018-06-01,in_progress,amber,Started,Analyst,2018-06-01,\n")
        fh.write("uf2,f2,2018-06-01,in_progress,amber,Started,Analyst,2018-06-01,\n")
    ds = db.load(mini_copy)
    assert ds.problems == []
    got = ds.query("overdue_undatable", as_at=dt.date(2018, 6, 28), force_id="wmp")
    assert rows(got, ["reason", "findings"]) == [
        ("Counts from publication, whose date is unknown", 1),
        (deadline_rule.NO_WORDING, 1),
    ]
    assert headlines.undatable_note(got).startswith(
        "2 open findings cannot be dated, so they are never counted as overdue: counts from "
        "publication, whose date is unknown (1); not a wording"
    )
