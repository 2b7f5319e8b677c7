"""PEEL grades page figures in Vega-Lite: the trend of a pillar's grades by cycle, and the
national picture of one area.

They were Plotly figures. A force change made each a new Plotly plot, and with the grade matrix
and the peer grid (now tables, oversight/grades.py) the page's four plots took the browser most
of a second to draw at every change of force (docs/performance.md, "PEEL grades in the browser").
Streamlit draws a Vega-Lite chart with far less work, and the page no longer loads Plotly's code
at all. Vega-Lite draws every label and tooltip as text: these builders are not wrapped by
charts._untrusted (an entity would show as "&lt;"), and nothing from the data is ever put into a
Vega expression, only into data and into the spec's literal values (sort orders, domains)."""

from __future__ import annotations

import pandas as pd

from oversight.charts.palette import FONT_FAMILY, GRADE_COLOURS, RAG_OUTLINE
from oversight.charts.peel_grades import THEME_LINE_COLOURS

SCALE_CHANGE = "Scale changed: not directly comparable with the panel before"


def grade_trend_vega(
    trend: pd.DataFrame, scales: pd.DataFrame, title: str
) -> tuple[pd.DataFrame, dict]:
    """A pillar's grades by cycle, one line per area (theme), one panel per grading scale: a line
    never joins a grade on the 4-point scale to one on the 5-point scale. The y axis is the
    scale's grades in words, best at the top; lines on the same grade are set a little apart
    (yOffset by area) so that none hides another.

    trend columns: theme, row_order, cycle, scale_points, area, grade, grade_rank
    (queries/peel_grade_trend.sql); scales columns: scale_points, grade, grade_rank
    (queries/peel_scales.sql). Returns the rows drawn and the spec."""
    from oversight.grades import theme_label

    columns = ["line", "cycle", "scale", "grade", "area"]
    if trend.empty:
        return pd.DataFrame(columns=columns), {
            "title": {"text": title, "subtitle": "No ranked grades to show", "anchor": "start"},
            "mark": "point",
        }
    trend = trend.sort_values(["row_order", "cycle"])
    data = pd.DataFrame(
        {
            "line": [theme_label(t) for t in trend["theme"]],
            "cycle": trend["cycle"].astype(str).tolist(),
            "scale": [int(p) for p in trend["scale_points"]],
            "grade": trend["grade"].astype(str).tolist(),
            "area": trend["area"].astype(str).tolist(),
        }
    )
    # The spec holds nothing of the force (its areas and cycles are in the data alone): at a change
    # of force only the data changes, and Streamlit updates the drawn chart in place instead of
    # drawing a new one. Colours follow the lines' order in the data.
    colour = {
        "field": "line",
        "type": "nominal",
        "title": "Area",
        "sort": None,
        "scale": {"range": list(THEME_LINE_COLOURS)},
        "legend": {"orient": "bottom", "direction": "horizontal", "columns": 3, "labelLimit": 320},
    }
    panels = []
    points_present = sorted(set(data["scale"]))
    for index, points in enumerate(points_present):
        words = list(
            scales[scales["scale_points"] == points].sort_values("grade_rank", ascending=False)[
                "grade"
            ]
        )
        encoding = {
            "x": {
                "field": "cycle",
                "type": "ordinal",
                "sort": "ascending",
                "title": "Cycle",
                "axis": {"labelAngle": 0},
                "scale": {"padding": 0.5},
            },
            "y": {
                "field": "grade",
                "type": "ordinal",
                "sort": words,
                "scale": {"domain": words, "type": "band", "paddingInner": 0},
                "title": "Grade" if index == 0 else None,
                "axis": {
                    "orient": "left" if index == 0 else "right",
                    "grid": True,
                    "labelLimit": 200,
                },
            },
            "yOffset": {"field": "line", "type": "nominal", "sort": None},
            "color": colour,
            "detail": {"field": "line"},
            "tooltip": [
                {"field": "line", "type": "nominal", "title": "Area"},
                {"field": "cycle", "type": "ordinal", "title": "Cycle"},
                {"field": "grade", "type": "nominal", "title": "Grade"},
                {"field": "area", "type": "nominal", "title": "As HMICFRS words it"},
            ],
        }
        panels.append(
            {
                "title": {
                    "text": f"{points}-point scale",
                    "subtitle": SCALE_CHANGE if index > 0 else "",
                },
                "width": {"step": 64},
                "height": 300,
                "transform": [{"filter": {"field": "scale", "equal": points}}],
                "mark": {"type": "line", "point": {"size": 80}, "strokeWidth": 3},
                "encoding": encoding,
            }
        )
    spec = {
        "title": {"text": title, "anchor": "start"},
        "config": {"font": FONT_FAMILY, "concat": {"spacing": 60}},
        "hconcat": panels,
        "resolve": {"scale": {"x": "independent", "y": "independent"}},
    }
    return data, spec


def national_grade_bars_vega(dist: pd.DataFrame, title: str) -> tuple[pd.DataFrame, dict]:
    """How many forces got each grade for one cycle and area, the selected force's grade marked
    with a heavy outline and "◀ this force" after its count. The spec names no force (the page
    names it beside the chart): at a change of force, only the marked bar changes, and Streamlit
    updates the drawn chart in place. Columns: grade, forces,
    is_force_grade, force_names, forces_covered, forces_total
    (queries/peel_national_distribution.sql). Returns the rows drawn and the spec."""
    columns = ["grade", "forces", "label", "which", "outline", "width"]
    if dist.empty:
        return pd.DataFrame(columns=columns), {
            "title": {"text": title, "subtitle": "No grades for this area", "anchor": "start"},
            "mark": "bar",
        }
    grades = dist["grade"].astype(str).tolist()
    mine = [bool(m) for m in dist["is_force_grade"]]
    counts = [int(n) for n in dist["forces"]]
    data = pd.DataFrame(
        {
            "grade": grades,
            "forces": counts,
            "label": [
                f"{n} force{'s' if n != 1 else ''}" + (" ◀ this force" if m else "")
                for n, m in zip(counts, mine, strict=True)
            ],
            "which": [
                "" if names is None or pd.isna(names) else str(names)
                for names in dist["force_names"]
            ],
            "outline": ["#000000" if m else RAG_OUTLINE for m in mine],
            "width": [3 if m else 1 for m in mine],
        }
    )
    covered, total = int(dist["forces_covered"].iloc[0]), int(dist["forces_total"].iloc[0])
    y = {
        "field": "grade",
        "type": "nominal",
        "sort": grades,
        "title": "Grade",
        "axis": {"labelLimit": 200},
    }
    spec = {
        "title": {
            "text": title,
            "subtitle": "Outlined and marked ◀: this force's grade",
            "anchor": "start",
        },
        "config": {"font": FONT_FAMILY},
        "height": {"step": 44},
        "encoding": {"y": y},
        "layer": [
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "x": {
                        "field": "forces",
                        "type": "quantitative",
                        "title": f"Forces (of {covered} with a grade in the data; "
                        f"{total} forces in all)",
                        "scale": {"domain": [0, max(max(counts), 1) * 1.6]},
                        "axis": {"tickMinStep": 1, "format": "d"},
                    },
                    "color": {
                        "field": "grade",
                        "type": "nominal",
                        "legend": None,
                        "scale": {
                            "domain": grades,
                            "range": [GRADE_COLOURS.get(g, "#E0E0E0") for g in grades],
                        },
                    },
                    "stroke": {"field": "outline", "type": "nominal", "scale": None},
                    "strokeWidth": {"field": "width", "type": "quantitative", "scale": None},
                    "tooltip": [
                        {"field": "grade", "type": "nominal", "title": "Grade"},
                        {"field": "forces", "type": "quantitative", "title": "Forces"},
                        {"field": "which", "type": "nominal", "title": "Which forces"},
                    ],
                },
            },
            {
                "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 6},
                "encoding": {
                    "x": {"field": "forces", "type": "quantitative"},
                    "text": {"field": "label"},
                },
            },
        ],
    }
    return data, spec
