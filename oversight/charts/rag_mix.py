"""RAG mix figures: open findings by RAG per inspection and per kind (Overview, Vega-Lite specs),
and then and now (the briefing pack, Plotly)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from oversight.charts.common import _day
from oversight.charts.fast import _figure_from
from oversight.charts.palette import FONT_FAMILY, RAG_OUTLINE
from oversight.vocabulary import RagScale

# --- Overview (RAG mix by inspection and by kind), in Vega-Lite --------------------------------
#
# The Overview is the page a fresh browser opens first, and a Plotly chart on it costs the browser
# the 4.7 MB of Plotly's code before anything is drawn (3.4 s on this project's 2-core machine,
# against 0.3 s for a Vega-Lite chart), and a new Plotly plot at every sidebar change, since
# Streamlit draws a changed figure as a new element. Its two RAG mix charts are therefore
# Vega-Lite specs for st.vega_lite_chart (docs/performance.md): stacked bars in rag.csv's words,
# order and colours (RagScale), each segment's text black or white as its fill needs; a segment
# too narrow for its word shows its count, and the word and count are in its tooltip and the
# legend.

# A label is written in its segment only where it fits: a character of it needs this share of the
# longest bar (about 6 px of a 260 px plot, the narrower of the two charts side by side). Where
# "Word n" does not fit, the count alone; where that does not either, nothing.
VEGA_CHAR_SHARE = 0.024


def rag_mix_vega(
    frame: pd.DataFrame,
    category: str,
    *,
    rag: RagScale,
    title: str,
    category_title: str,
    value_title: str = "Findings",
    legend_columns: int = 2,
) -> tuple[pd.DataFrame, dict]:
    """Stacked horizontal bars as a Vega-Lite spec: for each category (in the order given), how
    many findings have each RAG grade of the scale, or no position recorded. Returns the rows to
    draw (category, RAG word, items, label, stacking bounds, text colour) and the spec.

    Expects one row per (category, rag) with the columns `category`, `rag` and `items`.
    """
    order = list(dict.fromkeys(frame[category].astype(str)))
    codes = rag.drawn(frame["rag"]).astype(str).tolist()
    scale_order = list(rag.drawn_codes)
    # a code the scale does not name is drawn after it, as itself (never hidden)
    scale_order += [c for c in dict.fromkeys(codes) if c not in scale_order]
    rank = {code: i for i, code in enumerate(scale_order)}
    rows = sorted(
        zip(frame[category].astype(str).tolist(), codes, frame["items"].tolist(), strict=True),
        key=lambda row: (order.index(row[0]), rank[row[1]]),
    )
    totals: dict[str, int] = {}
    for cat, _, n in rows:
        totals[cat] = totals.get(cat, 0) + int(n)
    longest = max([1, *totals.values()])
    drawn, start = [], dict.fromkeys(order, 0)
    for cat, code, n in rows:
        n = int(n)
        if n <= 0:
            continue
        word = rag.word(code)
        room = n / longest / VEGA_CHAR_SHARE  # characters that fit in the segment
        label = next((text for text in (f"{word} {n}", str(n)) if len(text) + 1 <= room), "")
        drawn.append(
            {
                "category": cat,
                "order": order.index(cat),
                "rag": word,
                "items": n,
                "label": label,
                "x0": start[cat],
                "x1": start[cat] + n,
                "mid": start[cat] + n / 2,
                "ink": rag.ink(code),
            }
        )
        start[cat] += n
    data = pd.DataFrame(
        drawn, columns=["category", "order", "rag", "items", "label", "x0", "x1", "mid", "ink"]
    )
    # The spec holds nothing that a sidebar change alters (no date, no category, no count): the
    # rows carry those, and Streamlit then updates a drawn chart's data in place instead of
    # building a new chart at every change (docs/performance.md).
    # The chart's title names the categories; an axis title would sit on the long labels.
    y = {
        "field": "category",
        "type": "nominal",
        "sort": {"field": "order", "op": "min"},
        "title": None,
        "axis": {"labelLimit": 260, "labelFontSize": 12},
    }
    spec = {
        "title": {"text": title, "anchor": "start"},
        "height": {"step": 34},
        "config": {"font": FONT_FAMILY},
        "encoding": {"y": y},
        "layer": [
            {
                "mark": {"type": "bar", "stroke": RAG_OUTLINE, "strokeWidth": 1},
                "encoding": {
                    "x": {
                        "field": "x0",
                        "type": "quantitative",
                        "title": value_title,
                        "axis": {"tickMinStep": 1, "format": "d"},
                    },
                    "x2": {"field": "x1"},
                    "color": {
                        "field": "rag",
                        "type": "nominal",
                        "title": "RAG",
                        # every grade of the scale, drawn or not: the legend reads the whole scale
                        "scale": {
                            "domain": [rag.word(code) for code in scale_order],
                            "range": [rag.colour(code) for code in scale_order],
                        },
                        # under the chart, a few to a row: a row of six is wider than either
                        "legend": {
                            "orient": "bottom",
                            "direction": "horizontal",
                            "columns": legend_columns,
                            "labelLimit": 200,
                        },
                    },
                    "tooltip": [
                        {"field": "category", "type": "nominal", "title": category_title},
                        {"field": "rag", "type": "nominal", "title": "RAG"},
                        {"field": "items", "type": "quantitative", "title": value_title},
                    ],
                },
            },
            {
                # each label in the colour that reads on its segment's fill (RagScale.ink)
                "mark": {"type": "text", "baseline": "middle", "align": "center"},
                "encoding": {
                    "x": {"field": "mid", "type": "quantitative"},
                    "text": {"field": "label"},
                    "color": {"field": "ink", "type": "nominal", "scale": None},
                },
            },
        ],
    }
    return data, spec


_WHICH = {
    "open": ("RAG of open findings", "Open findings"),
    "all": ("RAG of all findings (open and completed)", "Findings"),
}


def rag_mix_title(which: str) -> str:
    """ "RAG of open findings" or "RAG of all findings (open and completed)"."""
    return _WHICH[which][0]


def open_only(frame: pd.DataFrame) -> pd.DataFrame:
    """A RAG-mix frame (rag_by_inspection.sql, rag_by_kind.sql) counting open findings only: the
    national picture's open red, amber and green are not dwarfed by completed (blue) work."""
    return frame.assign(items=frame["open_items"])[frame["open_items"] > 0].reset_index(drop=True)


def rag_by_inspection_vega(
    frame: pd.DataFrame, rag: RagScale, which: str = "all"
) -> tuple[pd.DataFrame, dict]:
    """The RAG mix of each inspection's findings (columns of queries/rag_by_inspection.sql),
    one bar per inspection even where two share a title, as a Vega-Lite spec. `which` is "open"
    when the frame counts open findings only (open_only), "all" when it counts completed ones
    too."""
    title, value_title = _WHICH[which]
    return rag_mix_vega(
        frame.assign(inspection_label=distinct_inspection_labels(frame)),
        "inspection_label",
        rag=rag,
        title=f"{title} by inspection",
        category_title="Inspection",
        value_title=value_title,
    )


def distinct_inspection_labels(frame: pd.DataFrame) -> list[str]:
    """Each row's inspection title, made distinct where inspections share one: the publication
    date is added, and the inspection's id where that is shared too. A chart whose categories
    are titles would otherwise stack two inspections' findings in one bar."""
    rows = list(
        zip(
            frame["inspection_id"].tolist(),
            frame["inspection_title"].astype(str).tolist(),
            [_day(d) for d in frame["issued_on"]],
            strict=True,
        )
    )
    ids: dict[str, set] = {}
    for iid, title, _ in rows:
        ids.setdefault(title, set()).add(iid)
    dated: dict[str, set] = {}
    for iid, title, day in rows:
        if len(ids[title]) > 1:
            dated.setdefault(f"{title} ({day})", set()).add(iid)
    labels = []
    for iid, title, day in rows:
        if len(ids[title]) == 1:
            labels.append(title)
        elif len(dated[f"{title} ({day})"]) == 1:
            labels.append(f"{title} ({day})")
        else:
            labels.append(f"{title} ({day}, {iid})")
    return labels


def rag_by_kind_vega(
    frame: pd.DataFrame, rag: RagScale, which: str = "all"
) -> tuple[pd.DataFrame, dict]:
    """The RAG mix by kind of finding (columns of queries/rag_by_kind.sql), as a Vega-Lite spec;
    `which` as for rag_by_inspection_vega."""
    from oversight.labels import KIND_LABELS, label

    title, value_title = _WHICH[which]
    named = frame.assign(kind_label=[label(KIND_LABELS, k) for k in frame["kind"]])
    return rag_mix_vega(
        named,
        "kind_label",
        rag=rag,
        title=f"{title} by kind",
        category_title="Kind",
        legend_columns=1,  # the narrower chart: "No position recorded" needs its width
        value_title=value_title,
    )


# --- Briefing pack (RAG mix then and now; a small PEEL grade matrix for print) ---------------


def briefing_rag_mix_vega(mix: pd.DataFrame, rag: RagScale) -> tuple[pd.DataFrame, dict]:
    """The pack's RAG mix at the start of the period and at the meeting (the rows of
    queries/briefing/rag_mix.sql) as the Briefing page draws it: two stacked bars, a Vega-Lite
    spec (rag_mix_vega), lighter for a browser than the Plotly figure the files print."""
    moments = [f"On {_day(d)}" for d in mix["as_at"]]
    return rag_mix_vega(
        mix.assign(moment=moments, items=mix["findings"]),
        "moment",
        rag=rag,
        title="RAG of open findings",
        category_title="When",
        value_title="Open findings",
    )


def briefing_rag_mix_figure(mix: pd.DataFrame, rag: RagScale) -> go.Figure:
    """Open findings by RAG at the start of the period and at the meeting (the rows of
    queries/briefing/rag_mix.sql), as two stacked bars; each segment carries its RAG word and
    count (text, legend, hover), white segments outlined."""

    # a dozen rows: plain lists, not a pandas mask per RAG grade (a millisecond or more each)
    moment = [f"On {_day(d)}" for d in mix["as_at"]]
    moments = list(dict.fromkeys(moment))
    codes = rag.drawn(mix["rag"]).tolist()
    counted = [
        (r, m, int(n))
        for r, m, n in zip(codes, moment, mix["findings"].tolist(), strict=True)
        if n > 0
    ]
    data = []
    for code in rag.drawn_codes:
        rows = [(m, n) for r, m, n in counted if r == code]
        if not rows:
            continue
        word = rag.word(code)
        data.append(
            {
                "type": "bar",
                "name": word,
                "orientation": "h",
                "y": [m for m, _ in rows],
                "x": [n for _, n in rows],
                "text": [f"{word} {n}" for _, n in rows],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textfont": {"color": rag.ink(code)},
                "marker": {
                    "color": rag.colour(code),
                    "line": {"color": RAG_OUTLINE, "width": 1},
                },
                "hovertemplate": f"%{{y}}<br>{word}: %{{x}}<extra></extra>",
            }
        )
    layout = {
        "title": {"text": "RAG of open findings, then and now"},
        "barmode": "stack",
        "height": 300,
        "font": {"family": FONT_FAMILY},
        "plot_bgcolor": "#FFFFFF",
        "legend": {"title": {"text": "RAG"}, "traceorder": "normal"},
        "margin": {"l": 10, "r": 20, "t": 60, "b": 50},
        "xaxis": {
            "title": {"text": "Open findings"},
            "gridcolor": "#E8EAED",
            "rangemode": "tozero",
        },
        "yaxis": {
            "title": {"text": "Position as at"},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(reversed(moments)),
            "automargin": True,
        },
    }
    return _figure_from(data, layout)
