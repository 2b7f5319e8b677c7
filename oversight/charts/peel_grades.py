"""PEEL grade figure for the briefing pack: the grade matrix (area by cycle). The PEEL grades page
draws its matrix and peer grid as tables (oversight/grades.py) and its trend and national picture
in Vega-Lite (charts/peel_vega.py); the cell words and colours here are shared with them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from oversight.charts.fast import _axes, _axis_suffix, _figure_from, _merge, _subplot_layout
from oversight.charts.palette import (
    FONT_FAMILY,
    GRADE_COLOURS,
    GRADE_ORDER,
    GRADE_TEXT_COLOURS,
    RAG_OUTLINE,
)

# --- PEEL grades (the grade matrix; cell words and colours the page's tables share) --------

# Cells that hold no grade: the area was not graded by HMICFRS in that cycle, or the data has
# no grade for it (unknown, not "ungraded").
AREA_NOT_GRADED = "Ungraded area"
NO_GRADE_IN_DATA = "No grade in data"
GRADE_CELL_COLOURS = {
    **GRADE_COLOURS,
    AREA_NOT_GRADED: "#E0E0E0",
    NO_GRADE_IN_DATA: "#F7F7F7",
}
GRADE_CELL_TEXT_COLOURS = {
    **GRADE_TEXT_COLOURS,
    AREA_NOT_GRADED: "#424242",
    NO_GRADE_IN_DATA: "#5F6368",
}
GRADE_CELL_ORDER = (*GRADE_ORDER, AREA_NOT_GRADED, NO_GRADE_IN_DATA)
SCALE_CAUTION = (
    "HMICFRS graded on a 4-point scale up to 2018/19 and on a 5-point scale (adding Adequate) "
    "from 2021/22. It says the two are not directly comparable."
)
# One colour per line in the trend (charts/peel_vega.py; Okabe-Ito, readable by people with colour-blindness).
THEME_LINE_COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)


def cell_word(cell_state: object, grade: object) -> str:
    """What a grade cell says: the grade, or why there is none."""
    if cell_state == "area_not_graded":
        return AREA_NOT_GRADED
    if cell_state == "no_grade_in_data" or grade is None or pd.isna(grade):
        return NO_GRADE_IN_DATA
    return str(grade)


def _cell_text(word: str) -> str:
    """A cell's word on two lines when long, so that it fits a narrow cell."""
    head, _, tail = word.rpartition(" ")
    return f"{head}<br>{tail}" if len(word) > 10 and head else word


def _cell_words(cells: pd.DataFrame) -> list[str]:
    return [cell_word(s, g) for s, g in zip(cells["cell_state"], cells["grade"], strict=True)]


def _source_text(url: object) -> str:
    if url is None or pd.isna(url):
        return "no source (no grade)"
    url = str(url)
    if url.startswith("meeting:"):
        return f"committee paper ({url.removeprefix('meeting:')})"
    return url


def _grade_cells(cells: pd.DataFrame, xs: list, ys: list, x: str, y: str, hover: str) -> list[dict]:
    """One heatmap trace per cell word (grade or reason), each in its colour with its word."""
    words = _cell_words(cells)
    column = {name: i for i, name in enumerate(xs)}
    line = {name: i for i, name in enumerate(ys)}
    placed: dict[str, list[tuple[int, int, str]]] = {}
    for word, xv, yv, tip in zip(words, cells[x], cells[y], cells[hover], strict=True):
        placed.setdefault(word, []).append((line[yv], column[xv], tip))
    traces = []
    for word in GRADE_CELL_ORDER:
        if word not in placed:
            continue
        z = [[None] * len(xs) for _ in ys]
        text = [[""] * len(xs) for _ in ys]
        tips = [[""] * len(xs) for _ in ys]
        for i, j, tip in placed[word]:
            z[i][j], text[i][j], tips[i][j] = 1, _cell_text(word), tip
        colour = GRADE_CELL_COLOURS[word]
        traces.append(
            {
                "type": "heatmap",
                "x": list(xs),
                "y": list(ys),
                "z": z,
                "text": text,
                "customdata": tips,
                "name": word,
                "legendgroup": word,
                "texttemplate": "%{text}",
                "textfont": {"color": GRADE_CELL_TEXT_COLOURS[word], "size": 12},
                "hovertemplate": "%{customdata}<extra></extra>",
                "colorscale": [[0, colour], [1, colour]],
                "showscale": False,
                "hoverongaps": False,
                "xgap": 3,
                "ygap": 3,
            }
        )
    return traces


def _grade_legend(words: list[str]) -> list[dict]:
    """Legend entries (square swatch and word) for the cell words shown."""
    return [
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "name": word,
            "legendgroup": word,
            "marker": {
                "symbol": "square",
                "size": 14,
                "color": GRADE_CELL_COLOURS[word],
                "line": {"color": RAG_OUTLINE, "width": 1},
            },
            "hoverinfo": "skip",
        }
        for word in GRADE_CELL_ORDER
        if word in words
    ]


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "<br>".join(textwrap.wrap(text, width)) or text


def _scale_title(scale_points: int, cycles: list[str]) -> str:
    return f"<b>{scale_points}-point scale</b>"


def _scale_break(layout: dict, panel_count: int, label_shift: int) -> None:
    """The break between the 4-point and 5-point panels: a rule, and HMICFRS's caution above it."""
    left_end = layout["xaxis"]["domain"][1]
    right_start = layout[f"xaxis{panel_count}"]["domain"][0]
    middle = (left_end + right_start) / 2
    layout.setdefault("shapes", []).append(
        {
            "type": "line",
            "xref": "paper",
            "yref": "paper",
            "x0": middle,
            "x1": middle,
            "y0": 0,
            "y1": 1,
            "line": {"color": "#000000", "width": 2, "dash": "dash"},
        }
    )
    layout.setdefault("annotations", []).append(
        {
            "xref": "paper",
            "yref": "paper",
            "x": middle,
            "y": 1.0,
            "yanchor": "bottom",
            "yshift": label_shift,
            "showarrow": False,
            "text": "◀ Scale changed: not directly comparable ▶",
            "bgcolor": "#FFFFFF",
            "font": {"size": 12, "color": "#000000"},
        }
    )


def grade_matrix(matrix: pd.DataFrame, title: str = "PEEL grades by area and cycle") -> go.Figure:
    """The force's grade matrix: areas (by theme, grouped by pillar) down, cycles across, each
    cell the grade in words and colour, or why there is none. Cycles on different scales are
    drawn as separate panels with the caution between them.

    Columns: row_pillar, theme, row_order, cycle, scale_points, area, grade, cell_state,
    source_url (the rows of queries/peel_grade_matrix.sql)."""
    from oversight.labels import PILLAR_LABELS, THEME_LABELS, label

    if matrix.empty:
        fig = go.Figure()
        fig.update_layout(title={"text": title}, font={"family": FONT_FAMILY})
        fig.add_annotation(text="No PEEL grades for this force in the data", showarrow=False)
        return fig

    cells = matrix.sort_values(["row_order", "cycle"]).copy()
    cells["pillar_label"] = [label(PILLAR_LABELS, p) for p in cells["row_pillar"]]
    cells["theme_label"] = [label(THEME_LABELS, t) for t in cells["theme"]]
    cells["row_label"] = [
        f"<b>{p} overall</b>" if t == "Overall" else _wrap(t, 30)
        for p, t in zip(cells["pillar_label"], cells["theme_label"], strict=True)
    ]
    rows = list(dict.fromkeys(cells["row_label"]))
    cells["hover"] = [
        f"<b>{r.cycle} · {r.pillar_label}</b><br>{r.area}<br>"
        f"<b>{cell_word(r.cell_state, r.grade)}</b><br>Source: {_source_text(r.source_url)}"
        for r in cells.itertuples(index=False)
    ]
    scales = sorted(cells["scale_points"].dropna().unique())
    panels = [
        (int(points), sorted(cells.loc[cells["scale_points"] == points, "cycle"].unique()))
        for points in scales
    ]
    layout = _subplot_layout(
        [max(len(cycles), 1.3) for _, cycles in panels],
        0.05 if len(panels) > 1 else 0.02,
        [_scale_title(points, cycles) for points, cycles in panels],
        shared_yaxes=True,
    )
    # Panel titles sit above the cycle labels, which are on top of the matrix.
    for note in layout.get("annotations", []):
        _merge(note, {"yshift": 28, "font": {"size": 14}})
    data = []
    for col, (points, cycles) in enumerate(panels, start=1):
        panel = cells[cells["scale_points"] == points]
        suffix = _axis_suffix(col)
        for trace in _grade_cells(panel, cycles, rows, "cycle", "row_label", "hover"):
            data.append(
                {**trace, "showlegend": False, "xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
            )
        _merge(
            layout[f"xaxis{suffix}"],
            {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": cycles,
                "side": "top",
                "tickfont": {"size": 13},
                "showgrid": False,
            },
        )
    data += _grade_legend(_cell_words(cells))
    for axis in _axes(layout, "y"):
        _merge(
            axis,
            {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": rows,
                "autorange": "reversed",
                "showgrid": False,
            },
        )
        axis.pop("title", None)
    layout["yaxis"]["title"] = {"text": "Area (by theme)"}
    if len(panels) > 1:
        _scale_break(layout, len(panels), label_shift=48)
    _merge(
        layout,
        {
            "title": {"text": title},
            "height": 150 + 46 * len(rows),
            "font": {"family": FONT_FAMILY},
            "plot_bgcolor": "#FFFFFF",
            "margin": {"l": 10, "r": 10, "t": 130, "b": 20},
            "legend": {"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0, "title": {}},
        },
    )
    return _figure_from(data, layout)
