"""One data path: a page declares each query once in a plan and reads it by key through the one
cache (oversight/memo.py); nothing else caches query results or runs them ahead."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from oversight import db, memo
from oversight.plan import Plan

ROOT = Path(__file__).resolve().parents[1]
JULY = dt.date(2018, 7, 15)


@pytest.fixture
def fresh(tmp_path):
    """A copy of the mini fixture: new data to the cache, so every query really runs."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "mini")
    return db.load(tmp_path / "mini")


def test_a_plan_reads_each_query_by_its_key_and_runs_it_once(fresh, monkeypatch):
    ran: list[str] = []
    real = db.run_query

    def counted(ds, name, **params):
        ran.append(name)
        return real(ds, name, **params)

    monkeypatch.setattr(db, "run_query", counted)
    plan = Plan(fresh, forces=("tracking_forces", {}), kpis=("red_and_overdue", _scope()))
    forces = plan["forces"]
    assert list(forces["force_id"]) == list(db.run_query(fresh, "tracking_forces")["force_id"])
    assert plan["forces"].equals(forces)
    plan.add(due=("due_next", {**_scope(), "max_rows": 5}))
    plan["due"]
    db.settle()
    assert sorted(ran) == ["due_next", "red_and_overdue", "tracking_forces", "tracking_forces"]


def test_a_key_is_declared_once_and_read_only_when_declared(fresh):
    plan = Plan(fresh, forces=("tracking_forces", {}))
    with pytest.raises(ValueError, match="declared twice in one plan: forces"):
        plan.add(forces=("tracking_forces", {}))
    with pytest.raises(KeyError, match="'kpis' is not declared"):
        plan["kpis"]


def test_a_query_that_fails_ahead_fails_where_the_page_reads_it(fresh):
    plan = Plan(fresh, broken=("due_next", _scope()))  # $max_rows missing
    db.settle()
    with pytest.raises(ValueError, match="needs parameters: max_rows"):
        plan["broken"]


def test_results_are_keyed_on_the_data_version(fresh):
    before = fresh.query("table_row_counts")
    updates = Path(fresh.data_dir) / "updates.csv"
    with open(updates, "a", encoding="utf-8") as fh:
        fh.write("u9,r2,2018-08-01,in_progress,red,Slipped,Analyst,2018-08-01,\n")
    after = db.load(fresh.data_dir).query("table_row_counts")
    rows = dict(zip(before["table_name"], before["row_count"], strict=True))
    assert dict(zip(after["table_name"], after["row_count"], strict=True)) == {
        **rows,
        "updates": rows["updates"] + 1,
    }


def test_a_value_computed_ahead_never_makes_a_worker_wait():
    import threading

    cache: memo.Memo[int] = memo.Memo(size=4)
    started, release = threading.Event(), threading.Event()

    def slow() -> int:
        started.set()
        release.wait(10)
        return 1

    reader = threading.Thread(target=lambda: cache.get("q", slow))
    reader.start()
    started.wait(10)
    cache.warm("q", lambda: 2)  # returns at once: the reader is computing it
    release.set()
    reader.join(10)
    assert cache.get("q", lambda: 3) == 1


PAGES = sorted((ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_reads_its_queries_through_its_plan(page):
    source = page.read_text(encoding="utf-8")
    for call in ("app.query(", "paging.query(", ".query(", "app.prefetch(", "st.cache_"):
        assert call not in source, f"{page.name} calls {call} (declare the query in a plan)"


def test_no_other_cache_of_query_results():
    """The in-process memo is the one cache: no st.cache_data or st.cache_resource anywhere."""
    for path in [ROOT / "dashboard.py", *(ROOT / "oversight").rglob("*.py"), *PAGES]:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"@st\.cache_(data|resource)|st\.cache_(data|resource)\(", source), (
            path
        )


def _scope() -> dict:
    return {"as_at": JULY, "force_id": "wmp"}
