"""Pages declare each query once (app.plan) and read it through that declaration: every query of
a visit runs once, started ahead on the shared pool or run by the page, never twice."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import db

ROOT = Path(__file__).resolve().parents[1]

# page -> the queries it runs more than once in one visit, on purpose
PAGES = {
    "pages/overview.py": {},
    "pages/recommendations.py": {"explorer_rows": 2},  # the page shown, and the unfiltered count
    "pages/timeline.py": {},
    "pages/owners.py": {},
    "pages/peel.py": {},
    "pages/inspections.py": {},
    "pages/data.py": {},
    "pages/briefing.py": {},
    "pages/record.py": {},
    "pages/returns.py": {},
}


@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_runs_each_query_once(page, monkeypatch, tmp_path):
    data = tmp_path / "mini"  # new data to the query cache, so every query really runs
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", data)
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data))
    ran: Counter[str] = Counter()
    real = db.run_query

    def counted(ds, name, **params):
        ran[name] += 1
        return real(ds, name, **params)

    monkeypatch.setattr(db, "run_query", counted)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["as_at"] = "2018-07-15"
    at.run()
    db.settle()  # the first page's queries, run ahead, are not the page's under test
    ran.clear()
    at.date_input(key="as_at").set_value(dt.date(2018, 7, 20))  # new to every dated query
    at.switch_page(page)
    at.run()
    db.settle()
    assert not at.exception
    assert ran, "the page ran its queries"
    twice = {name: n for name, n in ran.items() if n > 1}
    assert twice == PAGES[page], f"{page} ran these queries more than once: {twice}"
