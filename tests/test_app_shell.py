"""The frame: shared sidebar, Data page, the problems page on invalid data, and fresh data on rerun."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def start(monkeypatch, data_dir: Path | None = None) -> AppTest:
    """The app's first run. (AppTest drops the sidebar's widgets from its tree on later runs, so
    the sidebar is read here; a different as-at date or force is set through query parameters.)"""
    if data_dir is not None:
        monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data_dir))
    else:
        monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    return at.run()


def run_data_page(monkeypatch, data_dir: Path | None = None) -> AppTest:
    at = start(monkeypatch, data_dir)
    at.switch_page("pages/data.py")
    return at.run()


def row_counts(at: AppTest) -> dict[str, int]:
    frame = at.dataframe[0].value
    return dict(zip(frame["Table"], frame["Rows"], strict=True))


def test_data_page_on_bundled_data(monkeypatch):
    at = start(monkeypatch)
    # One force tracks recommendations, so the sidebar names it instead of offering a choice.
    assert not at.sidebar.selectbox
    assert any("West Midlands Police" in m.value for m in at.sidebar.markdown)
    # The as-at date defaults to the latest update in the data.
    assert at.sidebar.date_input(key="as_at").value == dt.date(2018, 6, 28)
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert at.title[0].value == "Data"
    assert at.success[0].value.startswith("All 13 tables are valid")
    counts = row_counts(at)
    assert counts["recommendations"] == 34
    assert counts["forces"] == 43


def test_as_at_date_from_the_url(monkeypatch):
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["as_at"] = "2018-04-01"
    at.run()
    at.switch_page("pages/data.py").run()
    assert "as at 1 April 2018" in at.caption[0].value


def test_data_page_lists_open_items_to_look_at(monkeypatch):
    at = run_data_page(monkeypatch)
    text = " ".join(m.value for m in at.markdown)
    assert "As at 28 June 2018, for West Midlands Police" in text
    counts = at.dataframe[1].value
    assert dict(zip(counts["Issue"], counts["Items"], strict=True)) == {
        "No chief officer lead": 27,
        "No due date": 13,
        # the five 2015 PEEL findings ("February 2016")
        "No report publication date": 5,
        # the 2016 PEEL recommendations to act "immediately", due on publication (2 March 2017),
        # and the twelve Online and on the edge ones, due from 2 October 2015
        "Overdue but not graded red": 14,
    }
    items = at.dataframe[2].value
    assert set(items["Owner"]) == {"Unallocated"}
    assert "Recommendation" in set(items["Kind"])


def test_force_selector_when_several_forces_track(monkeypatch, mini_copy):
    at = start(monkeypatch, mini_copy)
    force = at.sidebar.selectbox(key="force")
    assert force.options == ["Gwent Police", "West Midlands Police"]
    assert at.sidebar.date_input(key="as_at").value == dt.date(2018, 7, 15)


def test_invalid_data_shows_the_problems_page_not_a_traceback(monkeypatch, mini_copy):
    path = mini_copy / "updates.csv"
    path.write_text(
        path.read_text().replace("in_progress,green,Review", "in_progress,purple,Review")
    )
    at = start(monkeypatch, mini_copy)
    assert not at.exception
    assert at.title[0].value == "The data could not be loaded"
    problems = at.dataframe[0].value
    assert problems.iloc[0].to_dict() == {
        "File": "updates.csv",
        "Line": 3,
        "Column": "rag",
        "Problem": "'purple' is not one of: red, amber, green, blue, white",
    }


def test_an_edited_csv_shows_at_the_next_rerun(monkeypatch, mini_copy):
    at = run_data_page(monkeypatch, mini_copy)
    assert row_counts(at)["updates"] == 8
    path = mini_copy / "updates.csv"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("u9,r2,2018-08-01,in_progress,red,Slipped,Analyst,2018-08-01,\n")
    at.run()
    assert row_counts(at)["updates"] == 9


@pytest.mark.parametrize("synthetic", [False, True])
def test_synthetic_data_is_labelled(monkeypatch, mini_copy, synthetic):
    if synthetic:
        (mini_copy / "SYNTHETIC.md").write_text("Synthetic data set, seed 1.\n")
    at = start(monkeypatch, mini_copy)
    banners = [w.value for w in at.warning]
    assert any("Synthetic data" in b for b in banners) == synthetic
    at.switch_page("pages/data.py").run()
    assert ("Synthetic data set, seed 1." in [i.value for i in at.info]) == synthetic


@pytest.mark.bare_start
def test_a_page_started_bare_runs_through_the_frame(monkeypatch):
    """A deep link on a fresh server starts the page without dashboard.py (Streamlit's pages/
    folder rule); the page reruns through the frame, so the sidebar and navigation are there."""
    at = start(monkeypatch)
    at.switch_page("pages/data.py").run()
    at.run()
    assert at.title[0].value == "Data"
    assert at.sidebar.date_input(key="as_at").value == dt.date(2018, 6, 28)


@pytest.mark.bare_start
def test_a_page_run_on_its_own_still_works(monkeypatch):
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "pages" / "data.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Data"


def test_a_figure_is_built_once_for_the_same_inputs(monkeypatch, mini_copy):
    from oversight import app, charts

    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(mini_copy))
    matrix = app.query("peel_grade_matrix", force_id="wmp", show_all_areas=False)
    first = app.figure(charts.grade_matrix, matrix, title="WMP")
    assert app.figure(charts.grade_matrix, matrix, title="WMP") is first
    assert app.figure(charts.grade_matrix, matrix, title="Another title") is not first
    with pytest.raises(ValueError, match="not a chart builder"):
        app.figure(len, matrix)


def test_the_data_dictionary_shows_the_chosen_table_and_the_readme_when_asked(monkeypatch):
    at = run_data_page(monkeypatch)
    chosen = at.selectbox(key="dictionary_table")
    assert chosen.value == "recommendations"
    columns = _dictionary(at)
    assert {"rec_id", "deadline_text", "due_on"} <= set(columns["Column"])
    assert columns.set_index("Column").loc["rec_id", "Key"] == "yes"
    chosen.set_value("updates").run()
    columns = _dictionary(at).set_index("Column")
    assert columns.loc["revised_due_on", "Type"] == "date"
    assert "green" in columns.loc["rag", "Allowed values"]
    assert not any("The contract" in m.value for m in at.markdown)
    at.toggle(key="dictionary_readme").set_value(True).run()
    assert any("The contract" in m.value for m in at.markdown)


def test_a_data_folders_own_readme_is_shown_as_written(monkeypatch, mini_copy):
    (mini_copy / "README.md").write_text(
        "# Our tables\n![x](https://evil.example/a.png) <b>bold</b>\n", encoding="utf-8"
    )
    at = run_data_page(monkeypatch, mini_copy)
    at.toggle(key="dictionary_readme").set_value(True).run()
    assert not at.exception
    shown = [c.value for c in at.code]
    assert any("![x](https://evil.example/a.png) <b>bold</b>" in text for text in shown)
    assert not any("evil.example" in m.value for m in at.markdown)


def _dictionary(at: AppTest):
    return next(
        d.value for d in at.dataframe if {"Column", "Allowed values"} <= set(d.value.columns)
    )
