"""The PEEL grades page, run through AppTest on the bundled data: what a committee member reads."""

from __future__ import annotations

import json
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


def chart(at: AppTest, key: str) -> dict:
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        if element.proto.id and key in element.proto.id:
            return spec
    raise AssertionError(f"no chart with key {key}")


def cells(spec: dict) -> dict[tuple[str, str], str]:
    """(row label, cycle) -> the words in the cell, over the heatmap traces of a grade grid."""
    found = {}
    for trace in spec["data"]:
        if trace.get("type") != "heatmap":
            continue
        for i, y in enumerate(trace["y"]):
            for j, x in enumerate(trace["x"]):
                if trace["z"][i][j] is not None:
                    found[(y, x)] = trace["text"][i][j].replace("<br>", " ")
    return found


@pytest.fixture(scope="module")
def bundled_page():
    mp = pytest.MonkeyPatch()
    try:
        yield run_peel(mp)
    finally:
        mp.undo()


def test_matrix_shows_vulnerability_requires_improvement_in_2015_and_2016(bundled_page):
    matrix = cells(chart(bundled_page, "peel_matrix"))
    for cycle in ("2015", "2016"):
        assert matrix[("Protecting vulnerable people", cycle)] == "Requires improvement"
        assert matrix[("<b>Effectiveness overall</b>", cycle)] == "Good"
    assert matrix[("Protecting vulnerable people", "2017")] == "Inadequate"
    assert matrix[("Specialist capabilities", "2015")] == "Ungraded"


def test_matrix_breaks_between_the_4_point_and_5_point_scales(bundled_page):
    spec = chart(bundled_page, "peel_matrix")
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    assert "<b>4-point scale</b>" in texts
    assert "<b>5-point scale</b>" in texts
    assert any("not directly comparable" in t for t in texts)
    by_axis = {}
    for trace in spec["data"]:
        if trace.get("type") == "heatmap":
            by_axis.setdefault(trace.get("xaxis", "x"), set()).update(trace["x"])
    assert by_axis["x"] == {"2014", "2015", "2016", "2017", "2018/19"}
    assert by_axis["x2"] == {"2021/22"}
    # HMICFRS's caution is on the page in words, too
    assert any("not directly comparable" in i.value for i in bundled_page.info)


def test_trend_lines_stop_at_the_scale_change(bundled_page):
    spec = chart(bundled_page, "peel_trend")
    vulnerability = [t for t in spec["data"] if t.get("legendgroup") == "vulnerability"]
    assert [t["x"] for t in vulnerability] == [["2015", "2016", "2017"], ["2021/22"]]
    assert [t.get("xaxis", "x") for t in vulnerability] == ["x", "x2"]


def test_moves_table_and_sentence(bundled_page):
    moves = bundled_page.dataframe[1].value
    rows = moves[moves["Area"] == "Protecting vulnerable people"]
    assert list(rows["Move"]) == ["Unchanged", "Declined", "Not compared: scale changed"]
    assert any(
        "1 improved, 2 declined, 10 unchanged; 2 not compared" in m.value
        for m in bundled_page.markdown
    )
    # The longest area's words fit its column ("Preventing crime and anti-social…" was cut):
    # about 7 px a character at the table's font, plus the cell's padding.
    columns = json.loads(bundled_page.dataframe[1].proto.columns)
    longest = max(moves["Area"].str.len())
    assert longest == len("Preventing crime and anti-social behaviour")
    assert columns["Area"]["width"] >= 16 + 6.5 * longest


def test_peers_default_to_the_region(bundled_page):
    peers = bundled_page.multiselect(key="peel_peers")
    assert sorted(peers.value) == ["staffordshire", "warwickshire", "west-mercia"]
    grid = cells(chart(bundled_page, "peel_peers_grid"))
    assert grid[("West Mercia Police", "Overall")] == "Requires improvement"
    assert grid[("<b>West Midlands Police (this force)</b>", "Overall")] == "Good"


def test_national_count_2017_legitimacy_matches_the_reference(bundled_page):
    at = bundled_page
    at.selectbox(key="peel_nat_cycle").select("2017").run()
    at.selectbox(key="peel_nat_pillar").select("legitimacy").run()
    at.selectbox(key="peel_nat_area").select("Overall").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Forces covered"] == "43 of 43"
    assert metrics["West Midlands Police"] == "Requires improvement"
    bars = {t["name"]: t for t in chart(at, "peel_national")["data"]}
    assert {g: bars[g]["x"][0] for g in bars} == {
        "Outstanding": 1,
        "Good": 35,
        "Requires improvement": 6,
        "Inadequate": 0,
        "Not graded": 1,
    }
    assert bars["Requires improvement"]["text"][0].endswith("this force</b>")


def test_findings_link_to_the_explorer(bundled_page):
    findings = bundled_page.dataframe[-1].value
    coc = findings[(findings["Cycle"] == "2016") & (findings["Finding"] == "Cause of concern")]
    assert list(coc["Area"]) == ["Protecting vulnerable people"]
    assert list(coc["Grade that cycle"]) == ["Requires improvement"]
    assert list(coc["In the tracker"]) == [2]
    # One force and the latest date: the link carries the filters alone (tests/test_links.py).
    assert list(coc["Explorer"]) == [
        "recommendations?inspection=wmp-peel-2016-effectiveness&kind=cause_of_concern"
        "&area=vulnerability"
    ]


def test_sources_and_attribution_are_shown(bundled_page):
    sources = bundled_page.dataframe[0].value
    assert set(sources.columns) >= {"Cycle", "Area as HMICFRS words it", "Grade", "Source"}
    assert sources["Source"].str.startswith("https://").sum() > 30
    assert any("Committee paper" in f for f in sources["From"])
    assert any("Open Government Licence" in c.value for c in bundled_page.caption)


def test_page_on_the_peel_fixture_for_wmp(monkeypatch):
    at = run_peel(monkeypatch, PEEL_FIXTURE, force="wmp")
    matrix = cells(chart(at, "peel_matrix"))
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
    matrix = cells(chart(at, "peel_matrix"))
    assert matrix == {("<b>Legitimacy overall</b>", "2017"): "Not graded"}
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
