"""rec_state reads update_spans (built once at load) instead of a window per query: it must pick
exactly the update the window picked, ties included."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight import db
from tools import synth

# rec_state's definition before update_spans: the first update by as_at desc, recorded_at desc
# nulls last, update_id desc, among those on or before the date.
WINDOW = """
select rec_id, update_id
from updates
where as_at <= $as_at::date
qualify row_number() over (
    partition by rec_id
    order by as_at desc, recorded_at desc nulls last, update_id desc
) = 1
"""


def state_update_ids(ds: db.Dataset, as_at) -> list[tuple]:
    return sorted(
        ds.cursor()
        .execute(
            "select s.rec_id, u.update_id from rec_state_computed($as_at::date) s "
            "join update_spans u on u.rec_id = s.rec_id and u.as_at <= $as_at::date "
            "and (u.next_as_at is null or u.next_as_at > $as_at::date)",
            {"as_at": as_at},
        )
        .fetchall()
    )


def window_update_ids(ds: db.Dataset, as_at) -> list[tuple]:
    return sorted(ds.cursor().execute(WINDOW, {"as_at": as_at}).fetchall())


def test_ties_on_the_same_day_are_broken_as_before(mini_copy):
    path = mini_copy / "updates.csv"
    with open(path, "a", encoding="utf-8") as fh:
        # same as_at as u2: one recorded later (wins), one with no recorded_at (loses to any time)
        fh.write("u2b,r1,2018-06-28,in_progress,red,Later the same day,Analyst,2018-06-28T17:00,\n")
        fh.write("u2c,r1,2018-06-28,in_progress,amber,No time recorded,Analyst,,\n")
        # same as_at and recorded_at as u3: the greater update_id wins
        fh.write("u3z,r2,2018-06-28,in_progress,red,Same moment,Analyst,2018-06-28,\n")
    ds = db.load(mini_copy)
    assert ds.problems == []
    state = ds.query("rec_state_as_at", as_at=dt.date(2018, 6, 28), force_id=None)
    rag = dict(zip(state["rec_id"], state["rag"], strict=True))
    assert rag["r1"] == "red" and rag["r2"] == "red"
    for day in ("2018-04-01", "2018-06-27", "2018-06-28", "2018-07-15", "2030-01-01"):
        assert state_update_ids(ds, day) == window_update_ids(ds, day)


@pytest.mark.parametrize("day", ["2015-06-30", "2019-01-01", "2022-12-31", "2026-09-30"])
def test_synthetic_data_picks_the_same_updates(tmp_path_factory, day):
    out = tmp_path_factory.getbasetemp() / "spans-seed"
    if not out.exists():
        synth.generate("seed", out, seed=9)
    ds = db.load(out)
    got = sorted(
        ds.cursor()
        .execute(
            "select rec_id, status, rag, status_as_at from rec_state_computed($d::date) where not has_no_update",
            {"d": day},
        )
        .fetchall()
    )
    want = sorted(
        ds.cursor()
        .execute(
            f"select rec_id, status, rag, as_at from ({WINDOW.replace('$as_at', '$d')}) w "
            "join updates using (rec_id, update_id)",
            {"d": day},
        )
        .fetchall()
    )
    assert got == want and len(got) > 0


def test_update_spans_is_built_at_load_with_one_row_per_update(mini):
    assert (db.QUERIES_DIR / "derived/update_spans").with_suffix(".sql").is_file()
    cur = mini.cursor()
    spans = cur.execute("select count(*), count(next_as_at) from update_spans").fetchone()
    updates = cur.execute("select count(*), count(distinct rec_id) from updates").fetchone()
    assert spans[0] == updates[0]
    assert spans[1] == updates[0] - updates[1]  # the last update of each finding has no next
