"""The PEEL page's logic without Streamlit: explorer links and the tables a reader sees."""

from __future__ import annotations

import pandas as pd

from oversight import grades

VIEW = {"force": "West Midlands Police", "as_at": "2018-06-28"}


def test_explorer_link_keeps_the_view_and_names_a_single_report():
    link = grades.explorer_link("vulnerability", "cause_of_concern", ["wmp-peel-2016"], VIEW)
    assert link == (
        "recommendations?inspection=wmp-peel-2016&kind=cause_of_concern&area=vulnerability"
        "&force=West%20Midlands%20Police&as_at=2018-06-28"
    )


def test_explorer_link_leaves_out_the_report_when_several():
    link = grades.explorer_link("prevention", "recommendation", ["a", "b"])
    assert link == "recommendations?kind=recommendation&area=prevention"


def test_explorer_link_escapes_values():
    assert grades.explorer_link("a b&c") == "recommendations?area=a%20b%26c"


def findings() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cycle": ["2016", "2016", "2017", None],
            "theme": ["vulnerability", "vulnerability", "prevention", "vulnerability"],
            "grade": ["Requires improvement", "Requires improvement", None, None],
            "kind": [
                "cause_of_concern",
                "area_for_improvement",
                "recommendation",
                "recommendation",
            ],
            "findings": [2, 1, 1, 12],
            "open_findings": [1, 1, 1, 12],
            "inspection_ids": [["p16"], ["p16"], ["nat17"], ["oote"]],
        }
    )


def test_findings_table_words_and_links():
    table = grades.findings_table(findings(), VIEW)
    assert list(table.columns) == [
        "Cycle",
        "Area",
        "Grade that cycle",
        "Finding",
        "In the tracker",
        "Open",
        "Explorer",
    ]
    assert list(table["Cycle"]) == ["2016", "2016", "2017", "Other reports"]
    assert list(table["Grade that cycle"]) == [
        "Requires improvement",
        "Requires improvement",
        "No grade in data",
        "—",
    ]
    assert list(table["Finding"]) == [
        "Cause of concern",
        "Area for improvement",
        "Recommendation",
        "Recommendation",
    ]
    assert table["Explorer"].iloc[0] == (
        "recommendations?inspection=p16&kind=cause_of_concern&area=vulnerability"
        "&force=West%20Midlands%20Police&as_at=2018-06-28"
    )


def test_findings_sentence_counts_causes_of_concern_and_areas_for_improvement():
    assert grades.findings_sentence(findings()) == (
        "2 causes of concern (1 open) and 1 area for improvement (1 open)"
    )


def test_moves_table_and_sentence():
    moves = pd.DataFrame(
        {
            "row_pillar": ["effectiveness", "effectiveness"],
            "theme": ["overall", "vulnerability"],
            "from_cycle": ["2016", "2017"],
            "from_grade": ["Good", "Inadequate"],
            "to_cycle": ["2017", "2021/22"],
            "to_grade": ["Requires improvement", "Requires improvement"],
            "move": ["declined", "not_comparable"],
        }
    )
    table = grades.moves_table(moves)
    assert list(table["Area"]) == ["Effectiveness overall", "Protecting vulnerable people"]
    assert list(table["Move"]) == ["Declined", "Not compared: scale changed"]
    counts = pd.DataFrame(
        {"move": ["improved", "declined", "unchanged", "not_comparable"], "moves": [0, 1, 0, 1]}
    )
    assert grades.move_counts_sentence(counts) == (
        "0 improved, 1 declined, 0 unchanged; 1 not compared because the scale changed"
    )


def test_sources_table_names_the_committee_paper_and_links_urls():
    matrix = pd.DataFrame(
        {
            "cycle": ["2016", "2016", "2017"],
            "pillar": ["effectiveness", "effectiveness", "legitimacy"],
            "area": ["Overall", "PVP", "Overall"],
            "grade": ["Good", "Requires improvement", None],
            "source_url": [
                "https://www.justiceinspectorates.gov.uk/x",
                "meeting:jac-2018-06-28",
                None,
            ],
        }
    )
    table = grades.sources_table(matrix)
    assert list(table["From"]) == [
        "justiceinspectorates.gov.uk",
        "Committee paper (jac-2018-06-28)",
    ]
    assert table["Source"].iloc[0] == "https://www.justiceinspectorates.gov.uk/x"
    assert pd.isna(table["Source"].iloc[1])
    assert list(table["Pillar"]) == ["Effectiveness", "Effectiveness"]


def test_table_height_caps_rows():
    assert grades.table_height(3) == 38 + 35 * 3
    assert grades.table_height(100) == 38 + 35 * 20
    assert grades.table_height(0) == 38 + 35


def test_grade_tables_show_untrusted_words_as_text():
    # st.table renders every cell as Markdown: a force's or a grade's words stay text
    import re

    from oversight import grades

    evil = "[Sign in](https://evil.invalid) **x**"
    grid = pd.DataFrame(
        {
            "force_name": [evil, "Staffordshire Police"],
            "is_selected": [True, False],
            "area": ["Overall", "Overall"],
            "theme": ["overall", "overall"],
            "display_order": [0, 0],
            "grade": ["<b>Good</b>", None],
            "cell_state": ["graded", "no_grade_in_data"],
            "source_url": ["https://example.org", None],
        }
    )
    table = grades.peer_table(grid).data
    row = table.index[0]
    assert row.startswith("**") and row.endswith(" (this force)**")
    assert "](" not in row and re.sub(r"\\(.)", r"\1", row[2:-15]).replace("\u2060", "") == evil
    cell = table.iloc[0, 0]
    assert "<" not in cell.replace("\\<", "") and re.sub(r"\\(.)", r"\1", cell) == "<b>Good</b>"
    assert table.iloc[1, 0] == "No grade in data"


def test_static_tables_escape_words_and_write_only_built_links():
    import pytest

    frame = pd.DataFrame(
        {"Area": ["[x](https://evil.invalid)"], "Explorer": ["recommendations?a=1"]}
    )
    shown = grades.as_markdown(frame, links={"Explorer": "Show these"})
    assert "](" not in shown.loc[0, "Area"]
    assert shown.loc[0, "Explorer"] == "[Show these](recommendations?a=1)"
    # a missing value reads as a dash; an address this page did not build is refused
    assert grades.as_markdown(pd.DataFrame({"To": [None]})).loc[0, "To"] == "—"
    with pytest.raises(ValueError):
        grades.as_markdown(pd.DataFrame({"E": ["x) [y](https://evil.invalid"]}), links={"E": "go"})
