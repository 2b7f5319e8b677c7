"""Unit tests of the PEEL chart builders: traces, colours, words and the break between scales."""

from __future__ import annotations

import pandas as pd
import pytest

from oversight import charts


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
    fig = charts.grade_trend(trend_frame(), scales_frame(), "Effectiveness")
    vulnerability = [t for t in fig.data if t.legendgroup == "vulnerability"]
    # one trace per scale, each on its own axes
    assert [(list(t.x), t.xaxis) for t in vulnerability] == [
        (["2016", "2017"], "x"),
        (["2021/22"], "x2"),
    ]
    assert [t.showlegend for t in vulnerability] == [True, False]
    assert vulnerability[0].line.color == vulnerability[1].line.color
    assert list(vulnerability[0].text) == ["Requires improvement", "Inadequate"]
    assert vulnerability[0].name == "Protecting vulnerable people"
    assert any("not directly comparable" in a.text for a in fig.layout.annotations)


def test_grade_trend_axes_read_in_words_for_each_scale():
    fig = charts.grade_trend(trend_frame(), scales_frame(), "Effectiveness")
    assert list(fig.layout.yaxis.ticktext) == [
        "Inadequate",
        "Requires improvement",
        "Good",
        "Outstanding",
    ]
    assert list(fig.layout.yaxis2.ticktext) == [
        "Inadequate",
        "Requires improvement",
        "Adequate",
        "Good",
        "Outstanding",
    ]


def test_grade_trend_ranks_are_nudged_but_stay_near_the_grade():
    fig = charts.grade_trend(trend_frame(), scales_frame(), "Effectiveness")
    overall = next(t for t in fig.data if t.legendgroup == "overall")
    assert [round(y) for y in overall.y] == [3, 2]
    assert all(abs(y - r) < 0.25 for y, r in zip(overall.y, [3, 2], strict=True))


def test_peer_grid_marks_the_force_and_colours_grades():
    grid = pd.DataFrame(
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
    fig = charts.peer_grade_grid(grid, "2017 effectiveness")
    texts = cell_texts(fig)
    me = "<b>West Midlands Police (this force)</b>"
    assert texts[(me, "Overall")] == "Requires improvement"
    pvp = "Protecting<br>vulnerable<br>people"
    assert texts[(me, pvp)] == "Inadequate"
    assert texts[("Kent Police", pvp)] == "No grade in data"
    assert list(fig.layout.yaxis.categoryarray) == [me, "Kent Police"]
    by_name = {t.name: t for t in heatmaps(fig)}
    assert by_name["Inadequate"].colorscale[0][1] == charts.GRADE_COLOURS["Inadequate"]


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
    fig = charts.national_grade_bars(distribution(), "West Midlands Police", "2017 legitimacy")
    bars = {t.name: t for t in fig.data}
    assert [t.name for t in fig.data] == list(distribution()["grade"])
    assert bars["Good"].x[0] == 35
    assert bars["Good"].marker.color == charts.GRADE_COLOURS["Good"]
    assert bars["Requires improvement"].text[0] == "6 forces ◀ <b>this force</b>"
    assert bars["Requires improvement"].marker.line.width == 3
    assert bars["Good"].marker.line.width == 1
    assert bars["Outstanding"].text[0] == "1 force"
    assert "West Midlands Police's grade (Requires improvement)" in fig.layout.title.subtitle.text
    assert "43 with a grade in the data; 43 forces in all" in fig.layout.xaxis.title.text


@pytest.mark.parametrize("builder", ["national_grade_bars", "peer_grade_grid"])
def test_empty_frames_give_a_message(builder):
    if builder == "national_grade_bars":
        fig = charts.national_grade_bars(distribution().iloc[0:0], "WMP", "t")
    else:
        fig = charts.peer_grade_grid(pd.DataFrame(columns=["force_name"]), "t")
    assert fig.layout.annotations
