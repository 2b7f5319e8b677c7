"""Timeline and Owners figures: findings on a time axis from issue to due date (one bar per finding,
or, in Vega-Lite, per inspection or lead), and open findings due per lead and quarter (a
heatmap)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from oversight.charts.common import (
    LINE_BREAK,
    LINES_LABEL,
    _as_at_marks,
    _day,
    _first_words,
    _iso,
    _short,
    _tick_lines,
)
from oversight.charts.fast import _figure_from
from oversight.charts.palette import FONT_FAMILY, RAG_OUTLINE
from oversight.vocabulary import RagScale

# --- Timeline and Owners (deadlines on a time axis; workload per chief officer lead) ---------

_MS_PER_DAY = 86_400_000
OVERDUE_MARK = "#000000"
ORIGINAL_DUE_MARK = "#5F6368"  # a grey tick where a moved bar was first due
HEATMAP_SCALE = [[0.0, "#FFFFFF"], [0.001, "#E3EEF9"], [1.0, "#0B3C7A"]]


def _legend_below(plot_px: int) -> tuple[dict, int]:
    """The legend in a row under the x axis (its offset is in pixels), and the figure's height
    for a plot area of plot_px pixels."""
    plot_px = max(plot_px, 120)
    legend = {
        "title": {"text": "RAG "},
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": -62 / plot_px,
        "yanchor": "top",
    }
    return legend, plot_px + 60 + 110


def _finding_name(row) -> str:
    """The finding as a committee names it ("Online and on the edge · R4"), never a record id."""
    name = getattr(row, "finding_name", None)
    if name is not None and pd.notna(name):
        return str(name)
    return str(row.ref) if pd.notna(row.ref) else "Finding"


def _item_hover(row, rag: RagScale) -> str:
    from oversight.labels import KIND_LABELS, label, status_label

    owner = row.chief_officer_lead if pd.notna(row.chief_officer_lead) else "Unallocated"
    if pd.notna(row.tactical_lead):
        owner += f" / {row.tactical_lead}"
    due = f"Due {_day(row.due_on)}"
    if pd.notna(row.deadline_text):
        due += f" (“{row.deadline_text}”"
        if bool(row.is_relative_deadline):
            due += f", counted from publication on {_day(row.issued_on)}"
        due += ")"
    lines = [
        f"<b>{_finding_name(row)}</b> · {label(KIND_LABELS, row.kind)}",
        _short(row.text, 80),
        f"Inspection: {_short(row.inspection_title, 70)}",
        f"Owner: {owner}",
        f"Issued {_day(row.issued_on)}",
        due,
        f"RAG: {rag.label(row.rag)} · {status_label(row.status)}",
    ]
    if getattr(row, "revision_count", 0) and int(row.revision_count) > 0:
        moved = {1: "once", 2: "twice"}.get(int(row.revision_count), f"{row.revision_count} times")
        slipped = f"; slipped {int(row.days_slipped)} days" if pd.notna(row.days_slipped) else ""
        lines.append(f"Originally due {_day(row.original_due_on)}{slipped} (moved {moved})")
        lines.append(f"Why: {_short(row.last_revision_reason, 80)}")
    if bool(row.is_overdue):
        n = int(row.days_overdue)
        lines.append(f"<b>{n} day{'s' if n != 1 else ''} overdue</b>")
    return "<br>".join(lines)


def _rag_marker(rag: RagScale, code: str, overdue) -> dict:
    """A RAG bar's fill, outline, and a hatch over the fill where the item is overdue."""
    return {
        "color": rag.colour(code),
        "line": {"color": RAG_OUTLINE, "width": 1},
        "pattern": {
            "shape": ["/" if o else "" for o in overdue],
            "fgcolor": rag.ink(code),
            "size": 8,
            "solidity": 0.15,
            "fillmode": "overlay",
        },
    }


def _timeline_layout(
    as_at: object,
    *,
    title: str,
    plot_px: int,
    x_title: str,
    rows: list,
    row_labels: list,
    x_range: list | None = None,
) -> dict:
    """The layout both timeline charts share: date axis, one labelled row per bar, the as-at
    line, and the legend below the plot."""
    line, words = _as_at_marks(as_at)
    xaxis = {"type": "date", "title": {"text": x_title}, "gridcolor": "#E8EAED"}
    if x_range is not None:
        xaxis["range"] = x_range
    legend, height = _legend_below(plot_px)
    return dict(
        shapes=[line],
        annotations=[words],
        legend=legend,
        title={"text": title},
        barmode="overlay",
        height=height,
        font={"family": FONT_FAMILY},
        plot_bgcolor="#FFFFFF",
        showlegend=True,
        margin={"l": 10, "r": 20, "t": 60, "b": 110},
        xaxis=xaxis,
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": rows,
            "tickvals": rows,
            "ticktext": row_labels,
            "autorange": "reversed",
            "title": {"text": ""},
            "automargin": True,
        },
    )


def _add_marks(
    traces: list, rows: pd.DataFrame, date_column: str, name: str, symbol: str, size: int, colour
) -> None:
    """A legend entry of marks at each row's date in `date_column` (none when there are no rows),
    each with the row's hover text."""
    if rows.empty:
        return
    traces.append(
        {
            "type": "scatter",
            "name": name,
            "mode": "markers",
            "y": list(rows["y"]),
            "x": [_iso(v) for v in rows[date_column]],
            "marker": {"symbol": symbol, "size": size, "line": {"width": 3, "color": colour}},
            "customdata": list(rows["hover"]),
            "hovertemplate": "%{customdata}<extra></extra>",
        }
    )


def timeline_bars(
    items: pd.DataFrame, as_at: object, rag: RagScale, title: str | None = None
) -> go.Figure:
    """Each open item as a bar from its issue date to its due date, coloured by RAG (the word on
    the bar, in the legend and on hover), under a bold header row per group (inspection or lead),
    with the as-at date as a dashed line. Overdue bars are hatched and their due date marked ✕. A
    bar whose due date moved ends at the date in force, with a tick at the original date.
    An item whose issue date is unknown is a diamond at its due date.

    Expects the columns of queries/timeline_items.sql, already in display order.
    """

    frame = items.copy()
    frame["y"] = "r:" + frame["rec_id"].astype(str)
    # The rows read once as tuples: pandas makes a tuple type per itertuples call, which cost
    # more than the chart itself when it was called once per group (75 groups at national).
    rows = list(frame.itertuples(index=False))
    frame["hover"] = [_item_hover(row, rag) for row in rows]
    frame["rag"] = rag.drawn(frame["rag"])
    groups: dict[tuple, list] = {}  # (key, label) -> its rows, groups in order of first row
    for row in rows:
        if not (pd.isna(row.group_key) or pd.isna(row.group_label)):
            groups.setdefault((row.group_key, row.group_label), []).append(row)
    categories: list[str] = []
    ticktext: list[str] = []
    for (key, group_label), members in groups.items():
        categories.append(f"g:{key}")
        # Labels wrapped and cut short, so the time axis gets the chart's width (hover has all).
        ticktext.append(f"<b>{_tick_lines(group_label, 34)} ({len(members)})</b>")
        categories += ["r:" + str(row.rec_id) for row in members]
        # Under an inspection's header its number says which finding ("R4 · first words");
        # under a lead's, the finding's whole name ("Online and on the edge · R4").
        by_inspection = "inspection_id" in frame and all(
            row.inspection_id == key for row in members
        )
        ticktext += [
            f"{row.finding_ref} · {_first_words(row.text, 28)}"
            if by_inspection
            else _tick_lines(_finding_name(row), 34)
            for row in members
        ]

    traces: list[dict] = []
    dated = frame[frame["issued_on"].notna()]
    undated = frame[frame["issued_on"].isna()]
    for code in rag.drawn_codes:
        word = rag.word(code)
        bars = dated[dated["rag"] == code]
        marks = undated[undated["rag"] == code]
        if not bars.empty:
            start = pd.to_datetime(bars["issued_on"])
            length = (pd.to_datetime(bars["due_on"]) - start).dt.days * _MS_PER_DAY
            traces.append(
                {
                    "type": "bar",
                    "name": word,
                    "legendgroup": code,
                    "orientation": "h",
                    "y": list(bars["y"]),
                    "base": [_iso(v) for v in start],
                    "x": list(length),
                    "text": [word] * len(bars),
                    # Inside the bar when it fits, else after its end: the word is never dropped.
                    "textposition": "auto",
                    "insidetextanchor": "start",
                    "textangle": 0,
                    "constraintext": "none",
                    "cliponaxis": False,
                    "insidetextfont": {"color": rag.ink(code)},
                    "outsidetextfont": {"color": "#202124"},
                    "marker": _rag_marker(rag, code, bars["is_overdue"]),
                    "customdata": list(bars["hover"]),
                    "hovertemplate": "%{customdata}<extra></extra>",
                }
            )
        if not marks.empty:
            traces.append(
                {
                    "type": "scatter",
                    "name": f"{word} (issue date unknown)",
                    "legendgroup": code,
                    "mode": "markers",
                    "y": list(marks["y"]),
                    "x": [_iso(v) for v in marks["due_on"]],
                    "marker": {
                        "symbol": "diamond",
                        "size": 13,
                        "color": rag.colour(code),
                        "line": {"color": RAG_OUTLINE, "width": 1},
                    },
                    "customdata": list(marks["hover"]),
                    "hovertemplate": "%{customdata}<extra></extra>",
                }
            )
    overdue = frame[frame["is_overdue"].astype(bool)]
    _add_marks(traces, overdue, "due_on", "Overdue (✕ at the due date)", "x-thin", 14, OVERDUE_MARK)
    if "revision_count" in frame:
        moved = frame[
            (frame["revision_count"].fillna(0) > 0)
            & frame["original_due_on"].notna()
            & (frame["original_due_on"] != frame["due_on"])
        ]
    else:
        moved = frame.iloc[0:0]
    _add_marks(
        traces,
        moved,
        "original_due_on",
        "Original due date (the date moved)",
        "line-ns",
        18,
        ORIGINAL_DUE_MARK,
    )
    headers = [c for c in categories if c.startswith("g:")]
    traces.append(
        {
            "type": "scatter",
            # Holds the group header rows on the axis; draws and says nothing.
            "y": headers,
            "x": [_iso(as_at)] * len(headers),
            "mode": "markers",
            "marker": {"opacity": 0},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    layout = _timeline_layout(
        as_at,
        title=title or f"Open items from issue to due date, as at {_day(as_at)}",
        plot_px=26 * len(categories),
        x_title="Date (each bar runs from the report's publication to the due date)",
        rows=categories,
        row_labels=ticktext,
    )
    # Plain dicts made into a figure in one step (oversight/charts/fast.py): plotly's checks of
    # every property were half of this chart's cost on each rerun.
    return _figure_from(traces, layout)


UNSEEN = "\u2060"  # a word joiner: draws nothing, keeps two groups of one name apart
SPAN = "span"  # the rows that are not bars: the dates to show, and the as-at line
AS_AT = "as_at"


def _label_lines(text: object, width: int) -> list[str]:
    """A y-axis label as its lines (at most two of `width` characters), for Vega-Lite."""
    return _tick_lines(text, width).split("<br>")


def timeline_group_vega(
    groups: pd.DataFrame, as_at: object, group_noun: str, rag: RagScale
) -> tuple[pd.DataFrame, dict]:
    """One bar per group (inspection or chief officer lead) from its first issue date to its
    last due date, coloured by the group's most severe RAG (its word in the legend, after the
    bar and in the tooltip), with a heavy dark outline when it holds overdue items (the words
    after the bar count them); for when there are too many items to draw one each. A Vega-Lite
    spec: Streamlit redraws it in place at a sidebar change, where a changed Plotly figure is a
    new plot (docs/performance.md). Returns the rows to draw and the spec.

    Expects the columns of queries/timeline_groups.sql, already in display order. The text is
    given as it is: Vega-Lite draws every label and tooltip as text.
    """
    frame = groups.reset_index(drop=True)
    starts = pd.to_datetime(frame["first_issued_on"]).fillna(pd.to_datetime(frame["first_due_on"]))
    ends = pd.to_datetime(frame["last_due_on"])
    codes = rag.drawn(frame["most_severe_rag"]).tolist()
    slipped = frame["slipped"] if "slipped" in frame else pd.Series(0, index=frame.index)
    rows = []
    for i, row in enumerate(frame.itertuples(index=False)):
        word = rag.word(codes[i])
        n, late, moved = int(row.items), int(row.overdue), int(slipped.iloc[i] or 0)
        rows.append(
            {
                "group": f"g:{row.group_key}",
                "name": str(row.group_label),
                "rag": f"Most severe: {word}",
                "text": f"{word} · {n} open"
                + (f" · {late} overdue" if late else "")
                + (f" · {moved} slipped" if moved else ""),
                "start": _iso(starts.iloc[i]),
                "end": _iso(ends.iloc[i]),
                "overdue": late,
                "open": f"{n} open items with a due date"
                + (f", {late} overdue" if late else "")
                + (f", {moved} slipped (due date moved later)" if moved else ""),
                "mix": " · ".join(f"{rag.word(c)} {int(getattr(row, c))}" for c in rag.drawn_codes),
                "issued": _day(row.first_issued_on),
                "due": f"{_day(row.first_due_on)} to {_day(row.last_due_on)}",
            }
        )
    # A group is named by its label's lines (a word joiner repeated after a name two groups
    # share keeps them two bars), and every date is a row: the spec holds nothing a sidebar
    # change alters, so Streamlit updates the drawn chart in place (docs/performance.md).
    seen: dict[str, int] = {}
    for row in rows:
        lines = LINE_BREAK.join(_label_lines(row["name"], 36))
        seen[lines] = seen.get(lines, -1) + 1
        row["group"] = lines + UNSEEN * seen[lines]
    for order, row in enumerate(rows):
        row["order"] = order
    # Room after the latest due date for the words written after each bar: an unseen row
    # spanning the dates to show, which the scale takes in.
    lo = min(starts.min(), pd.Timestamp(as_at)) if len(frame) else pd.Timestamp(as_at)
    hi = max(ends.max(), pd.Timestamp(as_at)) if len(frame) else pd.Timestamp(as_at)
    lo, hi = lo - (hi - lo) * 0.03, hi + (hi - lo) * 0.3 + pd.Timedelta(days=30)
    line, words = _as_at_marks(as_at)
    rows.append({"mark": SPAN, "start": _iso(lo), "end": _iso(hi)})
    rows.append({"mark": AS_AT, "start": line["x0"], "text": words["text"]})
    columns = ["group", "order", "name", "rag", "text", "start", "end", "overdue", "open", "mix"]
    data = pd.DataFrame(rows, columns=[*columns, "issued", "due", "mark"])
    bars = {"filter": "datum.mark == null"}
    x = {
        "field": "start",
        "type": "temporal",
        "title": "Date (each bar runs from the first issue to the last due date)",
        "scale": {"type": "utc"},
        "axis": {
            "labelExpr": "utcFormat(datum.value, '%b %Y')",
            "gridColor": "#E8EAED",
        },
    }
    y = {
        "field": "group",
        "type": "nominal",
        "sort": {"field": "order", "op": "min"},
        "title": None,
        # each group's name on at most two lines
        "axis": {
            "labelExpr": LINES_LABEL,
            "labelLimit": 300,
            "labelFontSize": 12,
        },
    }
    tooltip = [
        {"field": "name", "type": "nominal", "title": group_noun.capitalize()},
        {"field": "open", "type": "nominal", "title": "Open"},
        {"field": "mix", "type": "nominal", "title": "RAG"},
        {"field": "issued", "type": "nominal", "title": "First issued"},
        {"field": "due", "type": "nominal", "title": "Due"},
    ]
    spec = {
        "title": {
            "text": f"Open items with a due date, one bar per {group_noun}",
            "anchor": "start",
            "offset": 24,
        },
        "height": {"step": 40},  # 40 px a bar: room for a name wrapped on two lines
        "config": {
            "font": FONT_FAMILY,
            "view": {"stroke": None},
            "axis": {"labelColor": "#202124"},
        },
        "encoding": {"x": x},
        "layer": [
            {
                "transform": [bars],
                "mark": {"type": "bar", "height": 22},
                "encoding": {
                    "y": y,
                    "x2": {"field": "end"},
                    "color": {
                        "field": "rag",
                        "type": "nominal",
                        "title": "RAG",
                        # every grade, drawn or not: the legend is the same at every date
                        "scale": {
                            "domain": [f"Most severe: {rag.word(c)}" for c in rag.drawn_codes],
                            "range": [rag.colour(c) for c in rag.drawn_codes],
                        },
                        # three to a row: every grade is listed, and six in a row run off
                        "legend": {
                            "orient": "bottom",
                            "direction": "horizontal",
                            "columns": 3,
                            "labelLimit": 240,
                        },
                    },
                    # a group holding overdue items: a heavy dark outline (its words count them)
                    "stroke": {
                        "condition": {"test": "datum.overdue > 0", "value": OVERDUE_MARK},
                        "value": RAG_OUTLINE,
                    },
                    "strokeWidth": {
                        "condition": {"test": "datum.overdue > 0", "value": 3},
                        "value": 1,
                    },
                    "tooltip": tooltip,
                },
            },
            {
                # after the bar's end, where it is always readable however short the bar
                "transform": [bars],
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 5,
                    "baseline": "middle",
                    "color": "#202124",
                },
                "encoding": {
                    "y": y,
                    "x": {**x, "field": "end"},
                    "text": {"field": "text"},
                    "tooltip": tooltip,
                },
            },
            {
                # the dates to show, unseen: room after the bars for their words
                "transform": [{"filter": {"field": "mark", "equal": SPAN}}],
                "mark": {"type": "rule", "opacity": 0},
                "encoding": {"x2": {"field": "end"}},
            },
            {
                "transform": [{"filter": {"field": "mark", "equal": AS_AT}}],
                "mark": {
                    "type": "rule",
                    "strokeDash": [6, 4],
                    "strokeWidth": 2,
                    "color": "#202124",
                },
            },
            {
                "transform": [{"filter": {"field": "mark", "equal": AS_AT}}],
                "mark": {
                    "type": "text",
                    "baseline": "bottom",
                    "dy": -4,
                    "y": 0,
                    "color": "#202124",
                },
                "encoding": {"text": {"field": "text"}},
            },
        ],
    }
    return data, spec


def due_quarter_heatmap(due: pd.DataFrame) -> go.Figure:
    """Open items per chief officer lead (rows, in the order given) by when they fall due
    (columns: Overdue, every quarter in the range shown, Later, No due date), with the count
    written in each cell. One blue scale: the counts are not RAG.

    Expects the columns of queries/owner_due_by_quarter.sql.
    """
    leads = list(dict.fromkeys(due["chief_officer_lead"]))
    buckets = set(due["bucket"])
    columns: list[tuple[str, str]] = []
    if "overdue" in buckets:
        columns.append(("overdue", "Overdue"))
    dated = due[due["bucket"] == "quarter"]
    if not dated.empty:
        starts = pd.to_datetime(dated["quarter_start"])
        for period in pd.period_range(starts.min(), starts.max(), freq="Q"):
            first = period.start_time
            columns.append((first.date().isoformat(), f"{first:%b}–{period.end_time:%b %Y}"))
    if "later" in buckets:
        columns.append(("later", "Later"))
    if "none" in buckets:
        columns.append(("none", "No due date"))
    key = [
        _iso(start) if bucket == "quarter" else bucket
        for bucket, start in zip(due["bucket"], due["quarter_start"], strict=True)
    ]
    items = dict(zip(zip(due["chief_officer_lead"], key, strict=True), due["items"], strict=True))
    z = [[int(items.get((lead, c), 0)) for c, _ in columns] for lead in leads]
    text = [[str(n) if n else "" for n in row] for row in z]
    hover = [
        [
            f"<b>{lead}</b><br>{name}: {n} open item{'' if n == 1 else 's'}"
            for n, (_, name) in zip(row, columns, strict=True)
        ]
        for lead, row in zip(leads, z, strict=True)
    ]
    heatmap = dict(
        type="heatmap",
        z=z,
        x=[name for _, name in columns],
        y=leads,
        text=text,
        texttemplate="%{text}",
        textfont={"size": 14},
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
        colorscale=HEATMAP_SCALE,
        zmin=0,
        xgap=2,
        ygap=2,
        colorbar={"title": {"text": "Open items"}},
    )
    layout = dict(
        title={"text": "Open items by when they fall due, per chief officer lead"},
        height=160 + 44 * max(len(leads), 1),
        font={"family": FONT_FAMILY},
        plot_bgcolor="#FFFFFF",
        margin={"l": 10, "r": 20, "t": 60, "b": 60},
        xaxis={
            "title": {"text": "When the item falls due", "standoff": 14},
            "type": "category",
            "tickvals": [name for _, name in columns],
            "ticktext": [name.replace(" ", "<br>", 1) for _, name in columns],
            "side": "bottom",
            "tickangle": 0,
            "automargin": True,
        },
        yaxis={
            "title": {"text": "Chief officer lead", "standoff": 14},
            "autorange": "reversed",
            "type": "category",
            "automargin": True,
        },
    )
    # Plain dicts made into a figure in one step (oversight/charts/fast.py): plotly's checks of
    # every property took most of the 11 ms this chart cost on each rerun.
    return _figure_from([heatmap], layout)
