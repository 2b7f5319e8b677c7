"""RAG mix figures: open findings by RAG per inspection and per kind (Overview), and then and
now (the briefing pack)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from oversight.charts.common import _day
from oversight.charts.fast import _figure_from
from oversight.charts.palette import FONT_FAMILY, RAG_OUTLINE
from oversight.vocabulary import RagScale

# --- Overview (RAG mix by inspection and by kind) ---------------------------------------------


def _overview_wrap(text: object, width: int = 38) -> str:
    import textwrap

    words = "—" if text is None or pd.isna(text) else " ".join(str(text).split())
    return "<br>".join(textwrap.wrap(words, width)) or "—"


def rag_mix_bars(
    frame: pd.DataFrame,
    category: str,
    *,
    rag: RagScale,
    title: str,
    category_title: str,
    value_title: str = "Findings",
) -> go.Figure:
    """Stacked horizontal bars: for each category (in the order given), how many findings are
    red, amber, green, blue and white. Each segment carries its RAG word and count (text, legend,
    hover); white segments are outlined so they show on a white page.

    Expects one row per (category, rag) with the columns `category`, `rag` and `items`.
    """

    order = list(dict.fromkeys(frame[category].astype(str)))
    ticks = [_overview_wrap(c) for c in order]
    frame = frame.assign(rag=rag.drawn(frame["rag"]))
    data = []
    for code in rag.drawn_codes:
        rows = frame[frame["rag"] == code]
        if rows.empty:
            continue
        word = rag.word(code)
        data.append(
            {
                "type": "bar",
                "name": word,
                "orientation": "h",
                "y": [_overview_wrap(c) for c in rows[category].astype(str)],
                "x": [int(n) for n in rows["items"]],
                "text": [f"{word} {int(n)}" for n in rows["items"]],
                # Inside the segment; outside the bar's end when it does not fit (a bar with one
                # short segment), so the word is never dropped.
                "textposition": "auto",
                "insidetextanchor": "middle",
                "textangle": 0,
                "cliponaxis": False,
                "insidetextfont": {"color": rag.ink(code)},
                "outsidetextfont": {"color": "#202124"},
                "marker": {
                    "color": rag.colour(code),
                    "line": {"color": RAG_OUTLINE, "width": 1},
                },
                "hovertemplate": f"%{{y}}<br>{word}: %{{x}}<extra></extra>",
            }
        )
    layout = {
        "title": {"text": title},
        "barmode": "stack",
        "height": 190 + 48 * len(order),
        "font": {"family": FONT_FAMILY},
        "plot_bgcolor": "#FFFFFF",
        "showlegend": True,
        # A row under the axis title: at the side the legend sits in the gap between two charts
        # placed side by side, and above it wraps over the title in a narrow chart.
        "legend": {
            "title": {"text": "RAG ", "side": "left"},
            "traceorder": "normal",
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 0,
            "yanchor": "bottom",
            "yref": "container",
        },
        "margin": {"l": 10, "r": 20, "t": 60, "b": 90},
        "xaxis": {
            "title": {"text": value_title},
            "gridcolor": "#E8EAED",
            # room after the longest bar for a label written outside it
            "range": [0, 1.2 * max(1, int(frame.groupby(category)["items"].sum().max()))],
        },
        "yaxis": {
            "title": {"text": category_title},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(reversed(ticks)),
            "automargin": True,
        },
    }
    return _figure_from(data, layout)


def rag_by_inspection_chart(frame: pd.DataFrame, as_at: object, rag: RagScale) -> go.Figure:
    """The RAG mix of each inspection's findings (columns of queries/rag_by_inspection.sql),
    one bar per inspection even where two share a title."""
    return rag_mix_bars(
        frame.assign(inspection_label=distinct_inspection_labels(frame)),
        "inspection_label",
        rag=rag,
        title=f"RAG by inspection, as at {_day(as_at)}",
        category_title="Inspection",
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


def rag_by_kind_chart(frame: pd.DataFrame, as_at: object, rag: RagScale) -> go.Figure:
    """The RAG mix by kind of finding (columns of queries/rag_by_kind.sql)."""
    from oversight.labels import KIND_LABELS, label

    named = frame.assign(kind_label=[label(KIND_LABELS, k) for k in frame["kind"]])
    return rag_mix_bars(
        named,
        "kind_label",
        rag=rag,
        title=f"RAG by kind of finding, as at {_day(as_at)}",
        category_title="Kind",
    )


# --- Briefing pack (RAG mix then and now; a small PEEL grade matrix for print) ---------------


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
