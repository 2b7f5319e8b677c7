"""The Inspections figure: each inspection's fieldwork and publication on a calendar, as a
Vega-Lite spec for st.vega_lite_chart.

Vega-Lite, not Plotly (docs/performance.md, "Timeline and Inspections in the browser"): Streamlit
redraws a changed Vega-Lite chart in place, where a changed Plotly figure is a new plot, and the
calendar changes with every as-at date. Vega-Lite draws every label and tooltip as text, so the
builder is given the data's text as it is (not escaped for plotly).
"""

from __future__ import annotations

import pandas as pd

from oversight.charts.common import LINE_BREAK, LINES_LABEL, _day, _first_words, _iso, _short
from oversight.charts.palette import FONT_FAMILY

# --- Inspections (fieldwork and publication calendar) ------------------------------------------

CALENDAR_COLOURS = {
    "fieldwork": "#0B3C7A",
    "planned": "#9FC3E7",
    "publication": "#B3261E",
}
CALENDAR_LABELS = {
    "fieldwork": "Fieldwork",
    "planned": "Fieldwork (planned)",
    "publication": "Published",
}
CALENDAR_WORDS = {"fieldwork": "Fieldwork", "planned": "Planned", "publication": "Published"}
ROW_PX = 52  # a row label is up to three lines: the title on two, the kind on one
AS_AT_LINE = "As-at line"  # the "what" of the row that draws the as-at date's line


def _calendar_text_sides(dates: pd.Series, frame: pd.DataFrame, as_at: object) -> list[str]:
    """Where each mark's word goes: after it, or before it when the mark is just before the
    as-at line (the word would be written across the line)."""
    if as_at is None or pd.isna(as_at):
        return ["middle right"] * len(dates)
    line = pd.Timestamp(as_at)
    marks = pd.concat([pd.to_datetime(frame["starts_on"]), pd.to_datetime(frame["ends_on"])])
    marks = pd.concat([marks.dropna(), pd.Series([line])])
    first, last = marks.min(), marks.max()
    # the word takes about a seventh of a chart's width
    near = (last - first) * 0.15
    return ["middle left" if pd.Timedelta(0) <= line - d <= near else "middle right" for d in dates]


def _calendar_tick(title: object, kind: str) -> list[str]:
    """A row's label as its lines: the title on at most two, the kind under it."""
    import textwrap

    words = "" if title is None or pd.isna(title) else " ".join(str(title).split())
    lines = textwrap.wrap(words, 34) or [""]
    if len(lines) > 2:
        lines = [lines[0], _first_words(" ".join(lines[1:]), 34)]
    return [*lines, kind]


def inspection_calendar_vega(
    events: pd.DataFrame, as_at: object = None
) -> tuple[pd.DataFrame, dict]:
    """The inspections_calendar rows as a timeline, a Vega-Lite spec: one row per inspection
    (grouped by kind), fieldwork as a bar (held: solid; planned: pale with a dashed outline),
    publication as a diamond. Every mark carries its word in the legend, beside the mark and in
    the tooltip. Returns the rows to draw and the spec.

    Each row of the data is one mark: `row` (the y category: title and kind), `what` (the legend's
    word), `word` (written beside the mark), `start`/`end` (ISO dates; a bar's end is the day
    after its last), `side` ("left" where a publication's word goes before its diamond, just
    before the as-at line), and the tooltip's lines.
    """
    from oversight.labels import INSPECTION_KIND_LABELS, label

    kinds = list(INSPECTION_KIND_LABELS)
    frame = events.copy()
    frame["kind_rank"] = [kinds.index(k) if k in kinds else len(kinds) for k in frame["kind"]]
    first = frame.groupby("inspection_id")["starts_on"].transform("min")
    frame = frame.assign(first_on=first).sort_values(["kind_rank", "first_on", "inspection_id"])
    kind_words = [label(INSPECTION_KIND_LABELS, k) for k in frame["kind"]]
    # A row is named by its label's lines (the title on two at most, the kind under it), so the
    # axis writes them from the row itself and the spec holds no row: nothing in it changes with
    # the sidebar, and Streamlit updates the drawn chart in place (docs/performance.md).
    frame["row"] = [
        LINE_BREAK.join(_calendar_tick(t, k))
        for t, k in zip(frame["title"], kind_words, strict=True)
    ]
    order = list(dict.fromkeys(frame["row"]))
    publications = frame["event"] != "fieldwork"
    sides = pd.Series("right", index=frame.index)
    if publications.any():
        published = pd.to_datetime(frame.loc[publications, "starts_on"])
        sides[publications] = [s.split()[1] for s in _calendar_text_sides(published, frame, as_at)]
    rows = []
    for r, kind, side in zip(frame.itertuples(index=False), kind_words, sides, strict=True):
        if r.event == "fieldwork":
            key = "planned" if bool(r.is_planned) else "fieldwork"
            when = ("Planned fieldwork: " if key == "planned" else "Fieldwork: ") + (
                f"{_day(r.starts_on)} to {_day(r.ends_on)}"
            )
            end = _iso(pd.Timestamp(r.ends_on) + pd.Timedelta(days=1))
        else:
            key, when, end = "publication", f"Published {_day(r.starts_on)}", None
        rows.append(
            {
                "row": r.row,
                "order": order.index(r.row),
                "what": CALENDAR_LABELS[key],
                "word": CALENDAR_WORDS[key],
                "start": _iso(r.starts_on),
                "end": end,
                "side": side,
                "inspection": _short(r.title, 80),
                "kind": kind,
                "when": when,
                "as_worded": None if pd.isna(r.as_worded) else _short(r.as_worded, 90),
                "expected": None
                if pd.isna(r.expected_publication)
                else str(r.expected_publication),
            }
        )
    if as_at is not None and not pd.isna(as_at):  # the as-at line: a row of its own, not a y
        rows.append(
            {"row": None, "order": None, "what": AS_AT_LINE, "word": f"As at {_day(as_at)}",
             "start": _iso(as_at), "end": None, "side": None, "inspection": None,
             "kind": None, "when": None, "as_worded": None, "expected": None}
        )  # fmt: skip
    data = pd.DataFrame(
        rows,
        columns=[
            "row", "order", "what", "word", "start", "end", "side",
            "inspection", "kind", "when", "as_worded", "expected",
        ],
    )  # fmt: skip
    tooltip = [
        {"field": "inspection", "type": "nominal", "title": "Inspection"},
        {"field": "kind", "type": "nominal", "title": "Kind"},
        {"field": "when", "type": "nominal", "title": "When"},
        {"field": "as_worded", "type": "nominal", "title": "As worded"},
        {"field": "expected", "type": "nominal", "title": "Report expected"},
    ]

    def x(field: str) -> dict:
        return {
            "field": field,
            "type": "temporal",
            "title": "Date",
            "scale": {"type": "utc"},
            # months and years: a week's tick ("Mar 25") reads as a day of the year
            "axis": {
                "labelExpr": "utcFormat(datum.value, '%b %Y')",
                "tickCount": {"interval": "month", "step": 1},
                "gridColor": "#E0E0E0",
            },
        }

    fieldwork = {
        "field": "what",
        "oneOf": [CALENDAR_LABELS["fieldwork"], CALENDAR_LABELS["planned"]],
    }
    published = {"field": "what", "equal": CALENDAR_LABELS["publication"]}
    y = {
        "field": "row",
        "type": "nominal",
        "sort": {"field": "order", "op": "min"},
        "title": "Inspection · kind",
        # each row's label on its lines: the title (two at most), the kind under it
        "axis": {
            "labelExpr": LINES_LABEL,
            "labelLimit": 260,
            "labelFontSize": 12,
            "labelColor": "#202124",
        },
    }
    layers: list[dict] = [
        {
            "transform": [{"filter": fieldwork}],
            "mark": {"type": "bar", "stroke": CALENDAR_COLOURS["fieldwork"], "height": 18},
            "encoding": {
                "y": y,
                "x2": {"field": "end"},
                "color": {
                    "field": "what",
                    "type": "nominal",
                    "title": None,
                    # every kind of mark, drawn or not: the legend is the same at every date
                    "scale": {
                        "domain": list(CALENDAR_LABELS.values()),
                        "range": [CALENDAR_COLOURS[k] for k in CALENDAR_LABELS],
                    },
                    "legend": {"orient": "top", "direction": "vertical", "labelLimit": 200},
                },
                # planned fieldwork: a dashed outline as well as the pale fill and its word
                "strokeDash": {
                    "condition": {
                        "test": f"datum.what === '{CALENDAR_LABELS['planned']}'",
                        "value": [4, 2],
                    },
                    "value": [1, 0],
                },
                "tooltip": tooltip,
            },
        },
        {
            "transform": [{"filter": fieldwork}],
            "mark": {"type": "text", "align": "left", "dx": 4, "baseline": "middle"},
            "encoding": {
                "y": y,
                "x": x("end"),
                "text": {"field": "word"},
            },
        },
        {
            "transform": [{"filter": published}],
            "mark": {
                "type": "point",
                "shape": "diamond",
                "filled": True,
                "size": 130,
                "opacity": 1,
            },
            "encoding": {
                "y": y,
                "color": {"field": "what", "type": "nominal"},
                "tooltip": tooltip,
            },
        },
    ]
    for side, align, dx in (("right", "left", 9), ("left", "right", -9)):
        layers.append(
            {
                "transform": [{"filter": published}, {"filter": f"datum.side === '{side}'"}],
                "mark": {"type": "text", "align": align, "dx": dx, "baseline": "middle"},
                "encoding": {"y": y, "text": {"field": "word"}},
            }
        )
    as_at_line = {"filter": {"field": "what", "equal": AS_AT_LINE}}
    layers.append(
        {
            "transform": [as_at_line],
            "mark": {"type": "rule", "strokeDash": [6, 4], "strokeWidth": 2, "color": "#202124"},
            "encoding": {"x": x("start")},
        }
    )
    layers.append(
        {
            "transform": [as_at_line],
            "mark": {
                "type": "text",
                "align": "center",
                "baseline": "bottom",
                "dy": -4,
                "y": 0,
                "color": "#202124",
            },
            "encoding": {"x": x("start"), "text": {"field": "word"}},
        }
    )
    spec = {
        "title": {
            # two short lines, so a phone's width shows it whole
            "text": "Inspection calendar",
            "subtitle": "Fieldwork and publications",
            "anchor": "start",
            "offset": 24,
        },
        "height": {"step": ROW_PX},
        "config": {
            "font": FONT_FAMILY,
            "view": {"stroke": None},
            "axis": {"labelColor": "#202124"},
        },
        "encoding": {"x": x("start")},
        "layer": layers,
    }
    return data, spec
