"""The state as at a date, computed once per date and force (oversight/state_snapshots.py): every
query reads the same rows from it as it would computing the state itself, a query never reads a
state that was not prepared, and states are dropped only when nobody reads them."""

from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from oversight import db, memo, state_snapshots
from tests.conftest import MINI, explorer_params

MARCH = dt.date(2018, 3, 1)
JUNE = dt.date(2018, 6, 28)

# A value for every parameter the state-reading queries take (the dates and force vary below).
PARAMS: dict[str, object] = {
    "horizon_days": 90,
    "limit": 1000,
    "offset": 0,
    "max_rows": 1000,
    "within_days": 90,
    "days": 90,
    "group_by": "inspection",
    "group": None,
    "rec_id": "wmp-peel17-eff-r01",
    **{k: v for k, v in explorer_params().items() if k not in ("limit", "offset")},
    "meeting_on": JUNE,
    "next_on": dt.date(2018, 9, 27),
    "quarters": 4,
    "max_inspections": 10,
    "cycle": None,
    "pillar": None,
    "show_all_areas": True,
    "peer_ids": None,
    "rag_codes": None,
}


def state_queries() -> list[str]:
    """Every query (not a macro, check or derived table) that calls a state macro."""
    calls = re.compile(r"\b(rec_state\w*|timeline_grouped)\s*\(")
    names = []
    for path in sorted(db.QUERIES_DIR.rglob("*.sql")):
        rel = path.relative_to(db.QUERIES_DIR)
        if rel.parts[0] not in ("macros", "checks", "derived") and calls.search(
            db._strip_comments(path.read_text(encoding="utf-8"))
        ):
            names.append(str(rel.with_suffix("")))
    return names


@pytest.fixture(scope="module")
def computed() -> db.Dataset:
    """The bundled data with rec_state computing the state in every query, as before."""
    ds = db.load(db.DEFAULT_DATA_DIR)
    ds.snapshots = None
    ds.con.execute(
        "create or replace macro rec_state(as_at_date, force) as table "
        "select * from rec_state_computed(as_at_date) where force is null or force_id = force"
    )
    for path in sorted((db.QUERIES_DIR / "macros").glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        if path.stem not in ("rec_state", "vocabulary") and "rec_state" in text:
            ds.con.execute(text)
    return ds


def test_the_state_queries_are_found():
    names = state_queries()
    assert {"overview_kpis", "explorer_rows", "timeline_items", "briefing/rag_mix"} <= set(names)
    assert len(names) >= 30


@pytest.mark.parametrize("force_id", ["wmp", None])
@pytest.mark.parametrize("since,as_at", [(MARCH, JUNE), (dt.date(2017, 12, 1), MARCH)])
def test_every_query_reads_what_computing_the_state_gives(
    bundled, computed, force_id, since, as_at
):
    given = {
        **PARAMS,
        "as_at": as_at,
        "since": since,
        "prev_since": since - dt.timedelta(days=119),
        "force_id": force_id,
    }
    differ = []
    for name in state_queries():
        sql = db.query_sql(name)
        params = {k: given[k] for k in db.query_params(sql)}
        mine = db.run_sql(bundled, sql, **params)
        theirs = db.run_sql(computed, sql, **params)
        try:
            pd.testing.assert_frame_equal(mine, theirs, check_dtype=False)
        except AssertionError as error:
            differ.append(f"{name}: {error}")
    assert differ == []


def test_the_figures_a_committee_reads_are_unchanged(bundled):
    kpis = bundled.query(
        "overview_kpis",
        as_at=JUNE,
        since=MARCH,
        prev_since=dt.date(2017, 12, 1),
        horizon_days=90,
        force_id="wmp",
    ).iloc[0]
    assert (kpis.open_now, kpis.red_now, kpis.first_recorded, kpis.moved) == (30, 0, 34, 0)


def test_a_query_names_the_states_it_reads():
    sql = (
        "select * from rec_state_force_changes($since::date, $as_at::date, $force_id::varchar) "
        "join timeline_grouped($as_at::date, null, $g::varchar) using (rec_id) "
        "join rec_state($other::date, null) using (rec_id)"
    )
    got = state_snapshots.wanted(
        sql, {"since": MARCH, "as_at": "2018-06-28", "force_id": "wmp", "other": None}
    )
    assert got == {(MARCH, "wmp"), (JUNE, "wmp"), (JUNE, None)}


def test_a_state_asked_for_with_an_expression_is_refused():
    with pytest.raises(ValueError, match="takes \\$parameters or null"):
        state_snapshots.wanted("select * from rec_state(current_date, null)", {})
    with pytest.raises(ValueError, match="takes \\$parameters or null"):
        state_snapshots.wanted("select * from rec_state($d::date, 'wmp')", {"d": JUNE})


def test_every_macro_that_reads_the_state_is_known():
    """A macro calling a state macro hides the call from the query's text: it must be listed in
    STATE_MACROS, or its states would not be prepared."""
    for path in sorted((db.QUERIES_DIR / "macros").glob("*.sql")):
        body = db._strip_comments(path.read_text(encoding="utf-8"))
        calls = re.findall(r"\b(rec_state(?:_force|_force_changes|_issues)?)\s*\(", body)
        if calls and path.stem != "rec_state":
            assert path.stem in state_snapshots.STATE_MACROS, path.name


@pytest.fixture
def fresh() -> db.Dataset:
    """The mini fixture in a DuckDB of its own: these tests drop states other tests would read."""
    return db.load(MINI)


def test_states_are_built_once_and_dropped_only_when_unread(fresh):
    mini = fresh
    keeper = state_snapshots.Snapshots(max_rows=1)
    mine = db.Dataset(mini.data_dir, mini.version, mini.con, snapshots=keeper)
    dates = [dt.date(2018, 4, 1), JUNE, dt.date(2018, 7, 15)] * 20

    def red_count(as_at):
        state = db.run_sql(
            mine,
            "select count(*) filter (where rag = 'red') as red from rec_state($d::date, null)",
            d=as_at,
        )
        return int(state.red[0])

    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(red_count, dates))
    assert counts == [0, 0, 1] * 20
    # Each dropped once nobody read it: at most the one used last is left.
    assert keeper.rows <= max(
        len(mini.query("rec_state_as_at", as_at=d, force_id=None)) for d in dates
    )


def test_a_state_being_read_is_not_dropped(fresh):
    mini = fresh
    keeper = state_snapshots.Snapshots(max_rows=0)
    cur = mini.cursor()
    with keeper.held(cur, {(JUNE, None)}):
        with keeper.held(cur, {(MARCH, None)}):
            pass  # leaving drops March (nobody reads it), never June
        rows = cur.execute(
            "select count(*) from scratch.rec_state_snapshots "
            "where snapshot_on = $d and snapshot_force is null",
            {"d": JUNE},
        ).fetchone()[0]
        assert rows == len(mini.query("rec_state_as_at", as_at=JUNE, force_id=None)) > 0
    assert keeper.rows == 0


def test_a_failed_build_lets_the_next_reader_try_again(fresh, monkeypatch):
    mini = fresh
    keeper = state_snapshots.Snapshots()
    calls = []
    real = state_snapshots._build

    def flaky(con, key):
        calls.append(key)
        if len(calls) == 1:
            raise RuntimeError("out of memory")
        return real(con, key)

    monkeypatch.setattr(state_snapshots, "_build", flaky)
    cur = mini.cursor()
    with pytest.raises(RuntimeError), keeper.held(cur, {(dt.date(2018, 5, 5), "wmp")}):
        pass
    with keeper.held(cur, {(dt.date(2018, 5, 5), "wmp")}):
        pass
    assert len(calls) == 2


def test_a_plans_states_are_built_ahead_once_each(fresh, mini, monkeypatch):
    """Starting a page's queries builds each state they read once, on the pool, before they
    run; queries already cached ask for none."""
    built = []
    real = state_snapshots._build
    monkeypatch.setattr(
        state_snapshots, "_build", lambda con, key: built.append(key) or real(con, key)
    )
    december = dt.date(2017, 12, 1)
    kpis = {
        "as_at": JUNE,
        "since": MARCH,
        "prev_since": december,
        "horizon_days": 90,
        "force_id": "wmp",
    }
    specs = [
        ("overview_kpis", kpis),
        ("due_next", {"as_at": JUNE, "force_id": "wmp", "max_rows": 10}),
    ]
    memo.clear("result")  # results are cached on the folder: another test may have read these
    db.start(fresh, specs)
    db.settle()
    assert sorted(built) == [(december, "wmp"), (MARCH, "wmp"), (JUNE, "wmp")]
    assert all(fresh.snapshots.has(key) for key in built)
    pd.testing.assert_frame_equal(
        fresh.query("overview_kpis", **kpis), mini.query("overview_kpis", **kpis)
    )
    db.start(fresh, specs)
    db.settle()
    assert len(built) == 3
