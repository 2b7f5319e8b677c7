"""Unit tests of the PEEL figures: the grade matrix (Plotly, the pack), the trend and national picture
(Vega-Lite, the page) and the peer table: their words, colours and the break between scales."""

from __future__ import annotations

import pandas as pd

from oversight import charts
from tests import drawn


def matrix_frame() -> pd.DataFrame:
    rows = [
        # row_pillar, theme, row_order, cycle, scale_points, area, grade, cell_state, source_url
        ("effectiveness", "overall", 1, "2016", 4, "Overall", "Good", "graded", "https://a/16"),
        ("effectiveness", "overall", 1, "2017", 4, "Overall", "Requires improvement", "graded", "https://a/17"),
        ("effectiveness", "vulnerability", 2, "2016", 4, "PVP 2016", "Requires improvement", "graded", "meeting:m1"),
        ("effectiveness", "vulnerability", 2, "2017", 4, "PVP 2017", None, "no_grade_in_data", None),
        ("effectiveness", "vulnerability", 2, "2021/22", 5, "PVP", "Adequate", "graded", "https://a/22"),
        ("effectiveness", "specialist_capabilities", 3, "2016", 4, "Specialist", None, "area_not_graded", None),
    ]  # fmt: skip
    return pd.DataFrame(
        rows,
        columns=[
            "row_pillar",
            "theme",
            "row_order",
            "cycle",
            "scale_points",
            "area",
            "grade",
            "cell_state",
            "source_url",
        ],
    )


def heatmaps(fig):
    return [t for t in fig.data if t.type == "heatmap"]


def cell_texts(fig) -> dict[tuple[str, str], str]:
    """(row label, cycle) -> the words shown in the cell, over every heatmap trace."""
    found = {}
    for trace in heatmaps(fig):
        for i, y in enumerate(trace.y):
            for j, x in enumerate(trace.x):
                if trace.z[i][j] is not None:
                    found[(y, x)] = trace.text[i][j].replace("<br>", " ")
    return found


def test_cell_word_says_why_there_is_no_grade():
    assert charts.cell_word("graded", "Good") == "Good"
    assert charts.cell_word("ungraded", "Ungraded") == "Ungraded"
    assert charts.cell_word("area_not_graded", None) == charts.AREA_NOT_GRADED
    assert charts.cell_word("no_grade_in_data", None) == charts.NO_GRADE_IN_DATA


def test_grade_matrix_cells_carry_grade_words_and_colours():
    fig = charts.grade_matrix(matrix_frame())
    texts = cell_texts(fig)
    assert texts[("<b>Effectiveness overall</b>", "2016")] == "Good"
    assert texts[("<b>Effectiveness overall</b>", "2017")] == "Requires improvement"
    assert texts[("Protecting vulnerable people", "2016")] == "Requires improvement"
    assert texts[("Protecting vulnerable people", "2017")] == "No grade in data"
    assert texts[("Protecting vulnerable people", "2021/22")] == "Adequate"
    assert texts[("Specialist capabilities", "2016")] == "Ungraded area"
    by_name = {t.name: t for t in heatmaps(fig)}
    for grade in ("Good", "Requires improvement", "Adequate"):
        assert by_name[grade].colorscale[0][1] == charts.GRADE_COLOURS[grade]
        assert by_name[grade].textfont.color == charts.GRADE_TEXT_COLOURS[grade]
    legend = [t.name for t in fig.data if t.type == "scatter" and t.showlegend is not False]
    assert legend == [
        "Good",
        "Adequate",
        "Requires improvement",
        "Ungraded area",
        "No grade in data",
    ]


def test_grade_matrix_hover_names_the_wording_and_the_source():
    fig = charts.grade_matrix(matrix_frame())
    tips = [tip for trace in heatmaps(fig) for row in trace.customdata for tip in row if tip]
    assert any("PVP 2016" in t and "committee paper (m1)" in t for t in tips)
    assert any("https://a/22" in t for t in tips)


def test_grade_matrix_breaks_between_the_scales():
    fig = charts.grade_matrix(matrix_frame())
    # one panel per scale: the 4-point cycles on the first x axis, the 5-point on the second
    axes = {t.xaxis: list(t.x) for t in heatmaps(fig)}
    assert axes["x"] == ["2016", "2017"]
    assert axes["x2"] == ["2021/22"]
    titles = [a.text for a in fig.layout.annotations]
    assert "<b>4-point scale</b>" in titles and "<b>5-point scale</b>" in titles
    assert any("not directly comparable" in t for t in titles)
    assert any(s.type == "line" and s.line.dash == "dash" for s in fig.layout.shapes)


def test_grade_matrix_with_one_scale_has_no_break():
    fig = charts.grade_matrix(matrix_frame().query("scale_points == 4"))
    assert not any("not directly comparable" in a.text for a in fig.layout.annotations)
    assert not fig.layout.shapes


def test_grade_matrix_empty():
    fig = charts.grade_matrix(matrix_frame().iloc[0:0])
    assert "No PEEL grades" in fig.layout.annotations[0].text


def trend_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "theme": ["overall", "overall", "vulnerability", "vulnerability", "vulnerability"],
            "row_order": [1, 1, 2, 2, 2],
            "cycle": ["2016", "2017", "2016", "2017", "2021/22"],
            "scale_points": [4, 4, 4, 4, 5],
            "area": ["Overall", "Overall", "PVP 2016", "PVP 2017", "PVP"],
            "grade": ["Good", "Requires improvement", "Requires improvement", "Inadequate", "Good"],
            "grade_rank": [3, 2, 2, 1, 4],
        }
    )


def scales_frame() -> pd.DataFrame:
    rows = [
        (4, "Inadequate", 1),
        (4, "Requires improvement", 2),
        (4, "Good", 3),
        (4, "Outstanding", 4),
    ]
    rows += [(5, g, r) for r, g in enumerate(
        ["Inadequate", "Requires improvement", "Adequate", "Good", "Outstanding"], start=1
    )]  # fmt: skip
    return pd.DataFrame(rows, columns=["scale_points", "grade", "grade_rank"])


def test_grade_trend_never_joins_a_line_across_the_scales():
    rows, spec = charts.grade_trend_vega(trend_frame(), scales_frame(), "Effectiveness")
    vulnerability = rows[rows["line"] == "Protecting vulnerable people"]
    assert list(zip(vulnerability["cycle"], vulnerability["scale"], strict=True)) == [
        ("2016", 4),
        ("2017", 4),
        ("2021/22", 5),
    ]
    assert list(vulnerability["grade"]) == ["Requires improvement", "Inadequate", "Good"]
    # one panel per scale, each a line per area over its own scale's rows only: no line runs
    # from a 4-point grade to a 5-point one
    panels = spec["hconcat"]
    assert [p["transform"] for p in panels] == [
        [{"filter": {"field": "scale", "equal": 4}}],
        [{"filter": {"field": "scale", "equal": 5}}],
    ]
    assert all(p["mark"]["type"] == "line" for p in panels)
    assert all(p["encoding"]["detail"] == {"field": "line"} for p in panels)
    assert spec["resolve"]["scale"] == {"x": "independent", "y": "independent"}
    # an area keeps its colour (and its one legend entry) on both sides of the break
    assert panels[0]["encoding"]["color"] == panels[1]["encoding"]["color"]
    assert panels[0]["encoding"]["color"]["field"] == "line"
    assert [p["title"]["text"] for p in panels] == ["4-point scale", "5-point scale"]
    assert panels[0]["title"]["subtitle"] == ""
    assert "not directly comparable" in panels[1]["title"]["subtitle"]


def test_grade_trend_with_one_scale_has_one_panel_and_no_break():
    trend = trend_frame().query("scale_points == 4")
    _, spec = charts.grade_trend_vega(trend, scales_frame(), "Effectiveness")
    assert [p["title"]["text"] for p in spec["hconcat"]] == ["4-point scale"]
    assert "comparable" not in spec["hconcat"][0]["title"]["subtitle"]


def test_grade_trend_axes_read_in_words_for_each_scale():
    _, spec = charts.grade_trend_vega(trend_frame(), scales_frame(), "Effectiveness")
    four, five = (p["encoding"]["y"] for p in spec["hconcat"])
    # the scale's own grades in words, best at the top, every grade shown even where no line is
    assert four["scale"]["domain"] == ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert five["scale"]["domain"] == [
        "Outstanding",
        "Good",
        "Adequate",
        "Requires improvement",
        "Inadequate",
    ]
    assert four["sort"] == four["scale"]["domain"] and five["sort"] == five["scale"]["domain"]
    assert four["title"] == "Grade" and four["axis"]["orient"] == "left"
    assert five["axis"]["orient"] == "right"
    tips = {t["title"]: t["field"] for t in spec["hconcat"][0]["encoding"]["tooltip"]}
    assert tips == {
        "Area": "line",
        "Cycle": "cycle",
        "Grade": "grade",
        "As HMICFRS words it": "area",
    }


def test_grade_trend_lines_on_one_grade_are_set_apart_but_stay_on_it():
    rows, spec = charts.grade_trend_vega(trend_frame(), scales_frame(), "Effectiveness")
    # each point is placed on its grade's word (no rank arithmetic that could drift to the next
    # grade); lines on the same grade are set apart within that grade's band, one offset per area
    overall = rows[rows["line"] == "Overall"]
    assert list(overall["grade"]) == ["Good", "Requires improvement"]
    for panel in spec["hconcat"]:
        assert panel["encoding"]["y"]["field"] == "grade"
        assert panel["encoding"]["y"]["scale"]["type"] == "band"
        assert panel["encoding"]["yOffset"]["field"] == "line"


def peer_grid() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "force_name": ["West Midlands Police", "West Midlands Police", "Kent Police", "Kent Police"],
            "is_selected": [True, True, False, False],
            "area": ["Overall", "PVP", "Overall", "PVP"],
            "theme": ["overall", "vulnerability", "overall", "vulnerability"],
            "display_order": [1, 2, 1, 2],
            "grade": ["Requires improvement", "Inadequate", "Good", None],
            "cell_state": ["graded", "graded", "graded", "no_grade_in_data"],
            "source_url": ["https://a", "https://b", "https://c", None],
        }
    )  # fmt: skip


def test_peer_table_marks_the_force_and_colours_grades():
    from oversight import grades

    styler = grades.peer_table(peer_grid())
    table = styler.data
    # the selected force first, marked; an area a column, each cell the grade in words
    assert list(table.index) == ["**West Midlands Police (this force)**", "Kent Police"]
    assert list(table.columns) == ["Overall", "Protecting vulnerable people"]
    assert list(table.iloc[0]) == ["Requires improvement", "Inadequate"]
    assert list(table.iloc[1]) == ["Good", "No grade in data"]
    css = drawn.cell_styles(styler)
    for (i, j), word in {
        (0, 0): "Requires improvement",
        (0, 1): "Inadequate",
        (1, 0): "Good",
    }.items():
        assert css[(i, j)]["background-color"] == charts.GRADE_COLOURS[word]
        assert css[(i, j)]["color"] == charts.GRADE_TEXT_COLOURS[word]
    assert css[(1, 1)]["background-color"] == charts.GRADE_CELL_COLOURS["No grade in data"]


def distribution() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "grade": ["Outstanding", "Good", "Requires improvement", "Inadequate", "Not graded"],
            "forces": [1, 35, 6, 0, 1],
            "is_force_grade": [False, False, True, False, False],
            "force_names": ["Kent", "…", "West Midlands Police; …", None, "Greater Manchester"],
            "forces_covered": [43] * 5,
            "forces_total": [43] * 5,
        }
    )


def test_national_bars_count_forces_per_grade_and_mark_the_force():
    rows, spec = charts.national_grade_bars_vega(distribution(), "2017 legitimacy")
    bars = rows.set_index("grade")
    assert list(rows["grade"]) == list(distribution()["grade"])
    assert bars.loc["Good", "forces"] == 35
    assert bars.loc["Inadequate", "forces"] == 0
    bar = spec["layer"][0]["encoding"]
    legend = dict(zip(bar["color"]["scale"]["domain"], bar["color"]["scale"]["range"], strict=True))
    assert legend["Good"] == charts.GRADE_COLOURS["Good"]
    assert legend["Not graded"] == charts.GRADE_COLOURS["Not graded"]
    # the force's grade: a heavy black outline and "◀ this force" after its count
    assert bars.loc["Requires improvement", "label"] == "6 forces ◀ this force"
    assert (
        bars.loc["Requires improvement", "outline"],
        bars.loc["Requires improvement", "width"],
    ) == ("#000000", 3)
    assert (bars.loc["Good", "outline"], bars.loc["Good", "width"]) == (charts.RAG_OUTLINE, 1)
    assert bar["stroke"]["field"] == "outline" and bar["strokeWidth"]["field"] == "width"
    assert bars.loc["Outstanding", "label"] == "1 force"
    assert bars.loc["Good", "label"] == "35 forces"
    assert bars.loc["Inadequate", "which"] == ""
    assert spec["encoding"]["y"]["sort"] == list(distribution()["grade"])
    assert "this force's grade" in spec["title"]["subtitle"]
    assert "43 with a grade in the data; 43 forces in all" in bar["x"]["title"]
    assert spec["layer"][1]["encoding"]["text"] == {"field": "label"}


def test_empty_frames_give_a_message():
    rows, spec = charts.national_grade_bars_vega(distribution().iloc[0:0], "t")
    assert rows.empty and spec["title"]["subtitle"] == "No grades for this area"
    rows, spec = charts.grade_trend_vega(trend_frame().iloc[0:0], scales_frame(), "t")
    assert rows.empty and spec["title"]["subtitle"] == "No ranked grades to show"
