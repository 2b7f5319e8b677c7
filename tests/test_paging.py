"""Long tables a page at a time: the paged queries, and the pages on a register too long for one
page (a small synthetic national set), where no table sends more than a page of rows."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import db, explorer, headlines, paging, static_table
from tests.drawn import vega_rows
from tools import synth

ROOT = Path(__file__).resolve().parents[1]
JUNE = dt.date(2018, 6, 28)
TRAIL = dict(recorded_by=None, rec_id=None, recorded_from=None, recorded_to=None)


# --- the paged queries (golden on the mini fixture) --------------------------------------------


def test_explorer_rows_page_is_a_slice_of_the_whole_with_the_whole_count(mini):
    every = mini.query(
        "explorer_rows", as_at=JUNE, force_id="wmp", **explorer.Filters().query_params()
    )
    page = mini.query(
        "explorer_rows",
        as_at=JUNE,
        force_id="wmp",
        **explorer.Filters().query_params(limit=2, offset=2),
    )
    assert list(page["rec_id"]) == list(every["rec_id"][2:4])
    assert set(page[paging.TOTAL]) == {len(every)} == {4}  # open work by default
    red = explorer.Filters(rag=("red",)).query_params(limit=1)
    assert set(mini.query("explorer_rows", as_at=JUNE, force_id="wmp", **red)[paging.TOTAL]) <= {
        len(mini.query("explorer_rows", as_at=JUNE, force_id="wmp", **{**red, "limit": None}))
    }


def test_audit_trail_page_keeps_the_order(mini):
    every = mini.query("audit_trail", force_id="wmp", limit=None, offset=0, **TRAIL)
    page = mini.query("audit_trail", force_id="wmp", limit=3, offset=3, **TRAIL)
    assert list(page["update_id"]) == list(every["update_id"][3:6])
    assert set(page[paging.TOTAL]) == {len(every)} == {7}


def test_data_quality_page(mini):
    every = mini.query("data_quality_as_at", as_at=JUNE, force_id="wmp", limit=None, offset=0)
    page = mini.query("data_quality_as_at", as_at=JUNE, force_id="wmp", limit=1, offset=1)
    assert list(page["rec_id"]) == list(every["rec_id"][1:2])
    assert set(page[paging.TOTAL]) == {len(every)}


# --- the pages on a register longer than a page ------------------------------------------------


@pytest.fixture(scope="module")
def long_register(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("paging") / "national"
    synth.generate("national", out, seed=7, forces=2, findings_per_force=700)
    assert db.load(out).is_valid
    return out


def _page(monkeypatch, data_dir: Path, page: str, **params: str) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def _pager(at: AppTest):
    return next(n for n in at.number_input if n.label.startswith("Page (of "))


def test_explorer_sends_one_page_and_counts_every_match(monkeypatch, long_register):
    # open and completed findings: more than a page
    at = _page(monkeypatch, long_register, "pages/recommendations.py", closed="true", sort="due")
    count_line = next(m.value for m in at.markdown if m.value.startswith("**"))
    matches = int(re.match(r"\*\*([\d,]+)\*\*", count_line).group(1).replace(",", ""))
    assert matches > paging.PAGE_ROWS
    first = at.dataframe[0].value
    assert len(first) == paging.PAGE_ROWS
    pager = _pager(at)
    pages = -(-matches // paging.PAGE_ROWS)
    assert pager.label == f"Page (of {pages})" and pager.value == 1
    assert any(f"findings 1–250 of {matches:,}" in c.value for c in at.caption)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [f"Download CSV ({matches:,} rows)", f"Download XLSX ({matches:,} rows)"]

    pager.set_value(2).run()
    second = at.dataframe[0].value
    assert len(second) == min(paging.PAGE_ROWS, matches - paging.PAGE_ROWS)
    # sorted by due date across pages: page 2 starts where page 1 ended
    assert second["Due"].dropna().min() >= first["Due"].dropna().max()
    assert any("findings 251–" in c.value for c in at.caption)

    # A new filter starts again at page 1.
    at.toggle(key="explorer_overdue").set_value(True).run()
    assert all(n.value == 1 for n in at.number_input if n.label.startswith("Page (of "))


def test_audit_trail_sends_one_page(monkeypatch, long_register):
    at = _page(monkeypatch, long_register, "pages/record.py")
    trail = at.dataframe[-1].value
    assert len(trail) == paging.PAGE_ROWS
    total = int(
        re.search(r"([\d,]+) recorded position", " ".join(c.value for c in at.caption))
        .group(1)
        .replace(",", "")
    )
    assert total > paging.PAGE_ROWS
    assert _pager(at).label == f"Page (of {-(-total // paging.PAGE_ROWS):,})"


def test_bundled_tables_fit_on_one_page_and_show_no_pager(monkeypatch):
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    for page in ("pages/recommendations.py", "pages/record.py", "pages/data.py"):
        at = _page(monkeypatch, db.DEFAULT_DATA_DIR, page)
        assert not [n for n in at.number_input if n.label.startswith("Page (of ")], page


def test_record_picker_lists_a_few_hundred_and_narrows_by_words(monkeypatch, long_register):
    at = _page(monkeypatch, long_register, "pages/record.py")
    picker = at.selectbox(key="record_rec")
    assert len(picker.options) == 500
    assert "Choose one of the first 500 of " in picker.proto.placeholder
    reference = picker.options[0].split(" · ")[0]
    at.text_input(key="record_find").set_value(reference).run()
    narrowed = at.selectbox(key="record_rec").options
    assert narrowed and len(narrowed) < 500
    assert all(reference.lower() in o.lower() for o in narrowed)
    at.text_input(key="record_find").set_value("no such words anywhere").run()
    assert at.selectbox(key="record_rec").options == []
    assert any("No finding matches" in c.value for c in at.caption)


def test_record_picker_always_lists_the_finding_the_address_names(monkeypatch, long_register):
    ds = db.load(long_register)
    force = ds.query("tracking_forces")["force_id"].iloc[0]
    every = ds.query("record_choices", as_at=dt.date.today(), force_id=force, q=None, limit=None)
    last = every["rec_id"].iloc[-1]  # far beyond the first 500
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(long_register))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/record.py")
    at.query_params["rec"] = last
    at.run()
    assert not at.exception
    assert at.selectbox(key="record_rec").value == last
    assert not [w for w in at.warning if "No finding" in w.value]


def test_red_and_overdue_counts_every_item_on_every_row(mini):
    july = dt.date(2018, 7, 15)
    page = mini.query("red_and_overdue", as_at=july, force_id="wmp", limit=1, offset=0)
    assert list(
        page[["total_rows", "red_total", "overdue_total", "overdue_not_red_total"]].iloc[0]
    ) == [
        1,
        1,
        1,
        0,
    ]
    moves = mini.query(
        "moves_since", since=dt.date(2018, 1, 1), as_at=JUNE, force_id="wmp", limit=2, offset=0
    )
    assert len(moves) == 2
    assert set(moves["total_rows"]) == {3} and set(moves["change_kind"]) == {"first_recorded"}


def test_no_table_on_any_page_sends_more_than_a_page(monkeypatch, long_register):
    for page in (
        "pages/overview.py",
        "pages/timeline.py",
        "pages/owners.py",
        "pages/inspections.py",
        "pages/data.py",
    ):
        at = _page(monkeypatch, long_register, page)
        sizes = [len(frame.value) for frame in [*at.dataframe, *at.table]]
        assert sizes and max(sizes) <= paging.PAGE_ROWS, (page, sizes)
        if page == "pages/overview.py":  # its lists are static tables, a short page each
            assert max(len(t.value) for t in at.table) == static_table.PAGE_ROWS


def test_overview_draws_the_busiest_inspections_and_counts_the_rest(monkeypatch, long_register):
    at = _page(monkeypatch, long_register, "pages/overview.py", mix_completed="true")
    drawn = {row["category"] for row in vega_rows(at.get("vega_lite_chart")[0].proto)}
    assert len(drawn) == headlines.MAX_INSPECTIONS
    assert not any("other" in y.lower() for y in drawn)
    caption = next(c.value for c in at.caption if "inspections with the most open" in c.value)
    assert re.search(
        r"Other [\d,]+ inspections hold [\d,]+ more findings, [\d,]+ of them open", caption
    )
