"""The PEEL grades page, run through AppTest on the bundled data: what a committee member reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PEEL_FIXTURE = ROOT / "tests" / "fixtures" / "peel"


def run_peel(monkeypatch, data_dir: Path | None = None, force: str | None = None) -> AppTest:
    if data_dir is None:
        monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.switch_page("pages/peel.py")
    if force:
        # the sidebar's force selector (shown when several forces track recommendations)
        at.session_state["force"] = force
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _plain(markdown: object) -> str:
    """What a reader sees of a table cell's Markdown (escapes and bold marks taken off)."""
    text = re.sub(r"\\(.)", r"\1", str(markdown)).replace("**", "")
    return text.replace("\u2060", "")  # the invisible joiner escape.md puts after a colon


def table(at: AppTest, index_name: str):
    """The st.table whose rows are named `index_name` ("Area": the grade matrix; "Force": the
    peer grid)."""
    for element in at.get("table"):
        if element.value.index.name == index_name:
            return element.value
    raise AssertionError(f"no table of {index_name}")


def cells(frame) -> dict[tuple[str, str], str]:
    """(row, column) -> the words in the cell as a reader sees them; a blank cell left out. A
    column under a scale heading is named by its cycle."""
    found = {}
    for row, values in frame.iterrows():
        for column, value in values.items():
            name = column[-1] if isinstance(column, tuple) else column
            if value:
                found[(_plain(row), _plain(name))] = _plain(value)
    return found


def static(at: AppTest, *columns: str):
    """The st.table with these columns, each cell as a reader sees it."""
    for element in at.get("table"):
        if set(columns) <= set(element.value.columns):
            return element.value.map(_plain)
    raise AssertionError(f"no static table with columns {columns}")


def vega(at: AppTest, title_start: str) -> tuple[list[dict], dict]:
    """The rows and spec of the Vega-Lite chart whose title starts with `title_start`."""
    import pyarrow as pa

    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        if spec["title"]["text"].startswith(title_start):
            rows = pa.ipc.open_stream(element.proto.data.data).read_all().to_pylist()
            return rows, spec
    raise AssertionError(f"no chart titled {title_start}")


@pytest.fixture(scope="module")
def bundled_page():
    mp = pytest.MonkeyPatch()
    try:
        yield run_peel(mp)
    finally:
        mp.undo()


def test_matrix_shows_vulnerability_requires_improvement_in_2015_and_2016(bundled_page):
    matrix = cells(table(bundled_page, "Area"))
    for cycle in ("2015", "2016"):
        assert matrix[("Protecting vulnerable people", cycle)] == "Requires improvement"
        assert matrix[("Effectiveness overall", cycle)] == "Good"
    assert matrix[("Protecting vulnerable people", "2017")] == "Inadequate"
    assert matrix[("Specialist capabilities", "2015")] == "Ungraded"
    # the pillar's own grade is the bold row that heads its areas
    assert "**Effectiveness overall**" in table(bundled_page, "Area").index


def test_matrix_breaks_between_the_4_point_and_5_point_scales(bundled_page):
    frame = table(bundled_page, "Area")
    by_scale = {}
    for scale, cycle in frame.columns:
        by_scale.setdefault(_plain(scale), []).append(_plain(cycle))
    assert by_scale == {
        "4-point scale": ["2014", "2015", "2016", "2017", "2018/19"],
        "5-point scale": ["2021/22"],
    }
    # the dashed rule before the first 5-point column, and the caution in words
    styles = bundled_page.get("table")[0].proto.arrow_data.styler.styles
    assert "border-left: 3px dashed" in styles
    assert any("not directly comparable" in i.value for i in bundled_page.info)
    assert any("not directly comparable" in c.value for c in bundled_page.caption)


def test_trend_lines_stop_at_the_scale_change(bundled_page):
    rows, spec = vega(bundled_page, "Effectiveness: grade by cycle")
    vulnerability = [r for r in rows if r["line"] == "Protecting vulnerable people"]
    assert [(r["cycle"], r["scale"], r["grade"]) for r in vulnerability] == [
        ("2015", 4, "Requires improvement"),
        ("2016", 4, "Requires improvement"),
        ("2017", 4, "Inadequate"),
        ("2021/22", 5, "Requires improvement"),
    ]
    # one panel per scale, each drawing its own scale's rows, its grades best first
    panels = spec["hconcat"]
    assert [p["transform"][0]["filter"]["equal"] for p in panels] == [4, 5]
    assert [p["title"]["text"] for p in panels] == ["4-point scale", "5-point scale"]
    assert panels[0]["encoding"]["y"]["sort"] == [
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
    ]
    assert "not directly comparable" in panels[1]["title"]["subtitle"]


def test_moves_table_and_sentence(bundled_page):
    moves = static(bundled_page, "Area", "Move", "Grade now")
    rows = moves[moves["Area"] == "Protecting vulnerable people"]
    assert list(rows["Move"]) == ["Unchanged", "Declined", "Not compared: scale changed"]
    assert list(rows["From"]) == ["2015", "2016", "2017"]
    assert list(rows["Grade now"]) == ["Requires improvement", "Inadequate", "Requires improvement"]
    assert any(
        "1 improved, 2 declined, 10 unchanged; 2 not compared" in m.value
        for m in bundled_page.markdown
    )
    # The longest area's words are shown whole (a data grid's column once cut them).
    assert "Preventing crime and anti-social behaviour" in set(moves["Area"])


def test_peers_default_to_the_region(bundled_page):
    peers = bundled_page.multiselect(key="peel_peers")
    assert sorted(peers.value) == ["staffordshire", "warwickshire", "west-mercia"]
    grid = cells(table(bundled_page, "Force"))
    assert grid[("West Mercia Police", "Overall")] == "Requires improvement"
    assert grid[("West Midlands Police (this force)", "Overall")] == "Good"
    # the force itself is the first row
    assert _plain(table(bundled_page, "Force").index[0]) == "West Midlands Police (this force)"


def test_national_count_2017_legitimacy_matches_the_reference(bundled_page):
    at = bundled_page
    at.selectbox(key="peel_nat_cycle").select("2017").run()
    at.selectbox(key="peel_nat_pillar").select("legitimacy").run()
    at.selectbox(key="peel_nat_area").select("Overall").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Forces covered"] == "43 of 43"
    assert metrics["West Midlands Police"] == "Requires improvement"
    rows, _ = vega(at, "2017 legitimacy, overall grade")
    bars = {r["grade"]: r for r in rows}
    assert {g: bars[g]["forces"] for g in bars} == {
        "Outstanding": 1,
        "Good": 35,
        "Requires improvement": 6,
        "Inadequate": 0,
        "Not graded": 1,
    }
    assert bars["Requires improvement"]["label"] == "6 forces ◀ this force"
    assert bars["Good"]["label"] == "35 forces"


def test_findings_link_to_the_explorer(bundled_page):
    findings = static(bundled_page, "Cycle", "Finding", "Explorer")
    coc = findings[(findings["Cycle"] == "2016") & (findings["Finding"] == "Cause of concern")]
    assert list(coc["Area"]) == ["Protecting vulnerable people"]
    assert list(coc["Grade that cycle"]) == ["Requires improvement"]
    assert list(coc["In the tracker"]) == ["2"]
    # One force and the latest date: the link carries the filters alone (tests/test_links.py).
    # The raw cell is the link's Markdown: its words, then the address.
    raw = next(e.value for e in bundled_page.get("table") if "Explorer" in e.value.columns)
    assert list(raw.loc[coc.index, "Explorer"]) == [
        "[Show these](recommendations?inspection=wmp-peel-2016-effectiveness"
        "&kind=cause_of_concern&area=vulnerability)"
    ]


def test_sources_and_attribution_are_shown(bundled_page):
    sources = bundled_page.dataframe[0].value
    assert set(sources.columns) >= {"Cycle", "Area as HMICFRS words it", "Grade", "Source"}
    assert sources["Source"].str.startswith("https://").sum() > 30
    assert any("Committee paper" in f for f in sources["From"])
    assert any("Open Government Licence" in c.value for c in bundled_page.caption)


def test_page_on_the_peel_fixture_for_wmp(monkeypatch):
    at = run_peel(monkeypatch, PEEL_FIXTURE, force="wmp")
    matrix = cells(table(at, "Area"))
    assert matrix[("Protecting vulnerable people", "2023-25")] == "Good"
    assert matrix[("Good use of resources", "2023-25")] == "No grade in data"
    assert matrix[("Specialist capabilities", "2017")] == "Ungraded area"
    # the peer and national views open on the best-covered cycle the force has grades in
    assert at.selectbox(key="peel_peer_cycle").value == "2017"
    assert at.multiselect(key="peel_peers").value == ["staffs"]


def test_page_for_a_force_with_few_grades(monkeypatch):
    # Gwent has one grade (2017 legitimacy: Not graded): nothing to rank, nothing to compare.
    at = run_peel(monkeypatch, PEEL_FIXTURE, force="gwent")
    assert any("No ranked grades" in m.value for m in at.markdown)
    matrix = cells(table(at, "Area"))
    assert matrix == {("Legitimacy overall", "2017"): "Not graded"}
    # The national view opens on effectiveness, where Gwent has no grade in the data.
    assert {m.label: m.value for m in at.metric}["Gwent Police"] == "No grade in data"
    at.selectbox(key="peel_nat_pillar").select("legitimacy").run()
    assert {m.label: m.value for m in at.metric}["Gwent Police"] == "Not graded"


def test_the_page_runs_each_query_once(monkeypatch):
    # what is run ahead is what the page then reads: no query runs twice in one visit
    from oversight import db

    ran: list[str] = []
    real = db.run_query

    def counted(ds, name, **params):
        ran.append((name, tuple(sorted(map(str, params.items())))))
        return real(ds, name, **params)

    monkeypatch.setattr(db, "run_query", counted)
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    st_cache_clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/peel.py")
    at.run()
    assert not at.exception
    names = [name for name, _ in ran]
    ahead = [
        "peel_cycles",
        "peel_grade_matrix",
        "peel_forces",
        "peel_findings_by_area",
        "peel_move_counts",
        "peel_grade_trend",
        "peel_moves",
    ]
    assert {name: names.count(name) for name in ahead} == dict.fromkeys(ahead, 1)


def st_cache_clear():
    from oversight import memo

    memo.clear()
