"""One way in: every link into the explorer and the record page is built by explorer.url from a
filter and the sidebar's view, so each keeps the force (when there is a choice) and the as-at date
(when it is not the latest). Queries return ids, never links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import drawn

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
# The mini fixture tracks two forces and its latest update is after 28 June 2018.
VIEW = "force=West%20Midlands%20Police&as_at=2018-06-28"


def _page(monkeypatch, page: str, **params: str) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(MINI))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({"force": "West Midlands Police", "as_at": "2018-06-28", **params})
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception
    return at


def _column(at: AppTest, name: str) -> list[str]:
    for frame in at.dataframe:
        if name in frame.value.columns:
            return list(frame.value[name])
    if any(name in table.value.columns for table in at.table):
        return drawn.link_addresses(at, name)
    raise AssertionError(f"no table with a {name!r} column")


def test_overview_links_each_flagged_item_to_its_record(monkeypatch):
    at = _page(monkeypatch, "pages/overview.py")
    assert _column(at, "Record") == [f"recommendations?rec=r3&{VIEW}"]


def test_timeline_links_each_item_due_soon(monkeypatch):
    at = _page(monkeypatch, "pages/timeline.py")
    at.segmented_control(key="due_within").set_value(180).run()
    links = _column(at, "Record")
    assert links and all(re.fullmatch(rf"recommendations\?rec=[\w-]+&{VIEW}", u) for u in links)


def test_owners_link_each_owner_to_their_items(monkeypatch):
    at = _page(monkeypatch, "pages/owners.py")
    links = _column(at, "link")
    assert links[0] == f"recommendations?owner=ACC%20Crime&{VIEW}"
    assert f"recommendations?owner=ACC%20Crime&tactical=DCS%20B&{VIEW}" in links


def test_peel_links_findings_by_area(monkeypatch):
    at = _page(monkeypatch, "pages/peel.py")
    links = _column(at, "Explorer")
    assert links and all(u.startswith("recommendations?") and u.endswith(VIEW) for u in links)
    assert all("area=" in u for u in links)


def test_inspections_link_each_report_received(monkeypatch):
    at = _page(monkeypatch, "pages/inspections.py", since_meeting="2017-01-01")
    links = _column(at, "Explorer")
    assert links and all(
        re.fullmatch(rf"recommendations\?inspection=[\w-]+&{VIEW}", u) for u in links
    )


def test_data_page_links_each_item_to_look_at(monkeypatch):
    at = _page(monkeypatch, "pages/data.py")
    links = _column(at, "Record")
    assert links and all(re.fullmatch(rf"recommendations\?rec=[\w-]+&{VIEW}", u) for u in links)
    text = " ".join(m.value for m in at.markdown)
    assert f"[Record progress](record?{VIEW})" in text


def test_record_page_links_back_to_the_explorer(monkeypatch):
    at = _page(monkeypatch, "pages/record.py", rec="r3")
    text = " ".join(m.value for m in at.markdown)
    assert f"[Open its record](recommendations?rec=r3&{VIEW})" in text
    assert f"recommendations?rec=r3&{VIEW}" in _column(at, "record_url")


def test_explorer_links_related_findings(monkeypatch):
    at = _page(monkeypatch, "pages/recommendations.py", rec="c1r1")
    text = " ".join(m.value for m in at.markdown)
    assert f"(recommendations?rec=c1&{VIEW})" in text


@pytest.mark.parametrize("path", sorted((ROOT / "queries").rglob("*.sql")), ids=lambda p: p.name)
def test_no_query_builds_a_link(path):
    sql = path.read_text(encoding="utf-8")
    assert not re.search(r"'(recommendations|record)\?", sql), f"{path.name} builds a link"


def test_no_module_but_the_explorer_writes_a_page_address():
    """explorer.url is the one builder: no other module or page writes 'recommendations?'."""
    sources = [*(ROOT / "oversight").rglob("*.py"), *(ROOT / "pages").glob("*.py")]
    for path in sources:
        if path.name == "explorer.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\"'](recommendations|record)\?", text), path
        assert "urlencode(" not in text, path


def test_an_absolute_link_for_an_email_or_a_calendar():
    from oversight import explorer

    link = explorer.url(
        explorer.Filters(owner="ACC Crime"),
        context={"as_at": "2018-06-28"},
        base="https://oversight.example.police.uk/",
    )
    assert (
        link
        == "https://oversight.example.police.uk/recommendations?owner=ACC%20Crime&as_at=2018-06-28"
    )
