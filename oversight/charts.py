"""Chart builders: pure functions DataFrame -> plotly Figure. Colours are defined here, once.

Colour never carries meaning alone: every RAG or grade mark also carries its word (text label,
legend entry and hover).
"""

from __future__ import annotations

import functools
import json
import os
import re

import pandas as pd
import plotly.graph_objects as go

# RAG colours: the defaults of data/rag.csv. Fill, and the text colour readable on it (WCAG AA).
# Green is light so that red and green differ in lightness as well as hue: every pair stays at
# least 10 apart (CIEDE2000) with typical vision, protanopia, deuteranopia and tritanopia
# (tests/test_palette.py).
RAG_COLOURS = {
    "red": "#C62828",
    "amber": "#F9A825",
    "green": "#A5D6A7",
    "blue": "#1565C0",
    "white": "#FFFFFF",
}
RAG_TEXT_COLOURS = {
    "red": "#FFFFFF",
    "amber": "#000000",
    "green": "#000000",
    "blue": "#FFFFFF",
    "white": "#000000",
}
RAG_ORDER = ("red", "amber", "green", "blue", "white")
# White marks need an outline to be seen on a white page.
RAG_OUTLINE = "#5F6368"

# PEEL grade colours: one scale for both the 4-point and 5-point frameworks.
GRADE_COLOURS = {
    "Outstanding": "#1B5E20",
    "Good": "#66BB6A",
    "Adequate": "#FFF176",
    "Requires improvement": "#FFA726",
    "Inadequate": "#C62828",
    "Ungraded": "#E0E0E0",
    "Not graded": "#E0E0E0",
}
GRADE_TEXT_COLOURS = {
    "Outstanding": "#FFFFFF",
    "Good": "#000000",
    "Adequate": "#000000",
    "Requires improvement": "#000000",
    "Inadequate": "#FFFFFF",
    "Ungraded": "#000000",
    "Not graded": "#000000",
}
GRADE_ORDER = (
    "Outstanding",
    "Good",
    "Adequate",
    "Requires improvement",
    "Inadequate",
    "Ungraded",
    "Not graded",
)

FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"


# --- Timeline and Owners (deadlines on a time axis; workload per chief officer lead) ---------

_MS_PER_DAY = 86_400_000
OVERDUE_MARK = "#000000"
HEATMAP_SCALE = [[0.0, "#FFFFFF"], [0.001, "#E3EEF9"], [1.0, "#0B3C7A"]]


def _short(text: object, width: int = 48) -> str:
    words = "" if text is None or pd.isna(text) else " ".join(str(text).split())
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"


def _day(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%-d %b %Y}"


def _iso(value: object) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _as_at_line(fig: go.Figure, as_at: object) -> None:
    # add_vline's own annotation fails on date axes, so the line and its words are added apart.
    x = _iso(as_at)
    fig.add_shape(
        type="line",
        x0=x,
        x1=x,
        xref="x",
        y0=0,
        y1=1,
        yref="paper",
        line={"color": "#202124", "width": 2, "dash": "dash"},
    )
    fig.add_annotation(
        x=x,
        y=1,
        xref="x",
        yref="paper",
        yanchor="bottom",
        text=f"As at {_day(as_at)}",
        showarrow=False,
        font={"size": 12, "color": "#202124"},
    )


def _first_words(text: object, width: int) -> str:
    """The text cut at a word to at most `width` characters, ending '…' when cut."""
    import textwrap

    words = "" if text is None or pd.isna(text) else " ".join(str(text).split())
    return textwrap.shorten(words, width, placeholder="…") if len(words) > width else words


def _tick_lines(text: object, width: int, lines: int = 2) -> str:
    """A y-axis label wrapped to at most `lines` lines of `width` characters (the last cut with
    '…'), so long names do not take the plot's width."""
    import textwrap

    words = "" if text is None or pd.isna(text) else " ".join(str(text).split())
    wrapped = textwrap.wrap(words, width) or [""]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1 :])
        wrapped = [*wrapped[: lines - 1], _first_words(rest, width)]
    return "<br>".join(wrapped)


def _legend_below(fig: go.Figure, plot_px: int) -> int:
    """Put the legend in a row under the x axis (its offset is in pixels) and return the
    figure's height for a plot area of plot_px pixels."""
    plot_px = max(plot_px, 120)
    fig.update_layout(
        legend={
            "title": {"text": "RAG "},
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": -62 / plot_px,
            "yanchor": "top",
        }
    )
    return plot_px + 60 + 110


def _item_hover(row) -> str:
    from oversight.labels import KIND_LABELS, RAG_LABELS, STATUS_LABELS, label

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
        f"<b>{row.ref if pd.notna(row.ref) else row.rec_id}</b> {label(KIND_LABELS, row.kind)}",
        _short(row.text, 80),
        f"Inspection: {_short(row.inspection_title, 70)}",
        f"Owner: {owner}",
        f"Issued {_day(row.issued_on)}",
        due,
        f"RAG: {label(RAG_LABELS, row.rag)} · {label(STATUS_LABELS, row.status)}",
    ]
    if bool(row.is_overdue):
        lines.append(f"<b>Overdue by {int(row.days_overdue)} days</b>")
    return "<br>".join(lines)


def _rag_marker(rag: str, overdue) -> dict:
    """A RAG bar's fill, outline, and a hatch over the fill where the item is overdue."""
    return {
        "color": RAG_COLOURS[rag],
        "line": {"color": RAG_OUTLINE, "width": 1},
        "pattern": {
            "shape": ["/" if o else "" for o in overdue],
            "fgcolor": RAG_TEXT_COLOURS[rag],
            "size": 8,
            "solidity": 0.15,
            "fillmode": "overlay",
        },
    }


def _timeline_layout(
    fig: go.Figure,
    as_at: object,
    *,
    title: str,
    plot_px: int,
    x_title: str,
    rows: list,
    row_labels: list,
    x_range: list | None = None,
) -> None:
    """The layout both timeline charts share: date axis, one labelled row per bar, the as-at
    line, and the legend below the plot."""
    _as_at_line(fig, as_at)
    xaxis = {"type": "date", "title": {"text": x_title}, "gridcolor": "#E8EAED"}
    if x_range is not None:
        xaxis["range"] = x_range
    fig.update_layout(
        title=title,
        barmode="overlay",
        height=_legend_below(fig, plot_px),
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


def timeline_bars(items: pd.DataFrame, as_at: object, title: str | None = None) -> go.Figure:
    """Each open item as a bar from its issue date to its due date, coloured by RAG (the word on
    the bar, in the legend and on hover), under a bold header row per group (inspection or lead),
    with the as-at date as a dashed line. Overdue bars are hatched and their due date marked ✕.
    An item whose issue date is unknown is a diamond at its due date.

    Expects the columns of queries/timeline_items.sql, already in display order.
    """
    from oversight.labels import RAG_LABELS

    frame = items.copy()
    frame["y"] = "r:" + frame["rec_id"].astype(str)
    frame["hover"] = [_item_hover(row) for row in frame.itertuples(index=False)]
    categories: list[str] = []
    ticktext: list[str] = []
    for (key, group_label), rows in frame.groupby(["group_key", "group_label"], sort=False):
        categories.append(f"g:{key}")
        # Labels wrapped and cut short, so the time axis gets the chart's width (hover has all).
        ticktext.append(f"<b>{_tick_lines(group_label, 34)} ({len(rows)})</b>")
        categories += list(rows["y"])
        ticktext += [
            f"{ref} · {_first_words(text, 28)}" if pd.notna(ref) else _first_words(text, 34)
            for ref, text in zip(rows["ref"], rows["text"], strict=True)
        ]

    fig = go.Figure()
    dated = frame[frame["issued_on"].notna()]
    undated = frame[frame["issued_on"].isna()]
    for rag in RAG_ORDER:
        word = RAG_LABELS[rag]
        bars = dated[dated["rag"] == rag]
        marks = undated[undated["rag"] == rag]
        if not bars.empty:
            start = pd.to_datetime(bars["issued_on"])
            length = (pd.to_datetime(bars["due_on"]) - start).dt.days * _MS_PER_DAY
            fig.add_trace(
                go.Bar(
                    name=word,
                    legendgroup=rag,
                    orientation="h",
                    y=bars["y"],
                    base=[_iso(v) for v in start],
                    x=list(length),
                    text=[word] * len(bars),
                    # Inside the bar when it fits, else after its end: the word is never dropped.
                    textposition="auto",
                    insidetextanchor="start",
                    textangle=0,
                    constraintext="none",
                    cliponaxis=False,
                    insidetextfont={"color": RAG_TEXT_COLOURS[rag]},
                    outsidetextfont={"color": "#202124"},
                    marker=_rag_marker(rag, bars["is_overdue"]),
                    customdata=bars["hover"],
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )
        if not marks.empty:
            fig.add_trace(
                go.Scatter(
                    name=f"{word} (issue date unknown)",
                    legendgroup=rag,
                    mode="markers",
                    y=marks["y"],
                    x=[_iso(v) for v in marks["due_on"]],
                    marker={
                        "symbol": "diamond",
                        "size": 13,
                        "color": RAG_COLOURS[rag],
                        "line": {"color": RAG_OUTLINE, "width": 1},
                    },
                    customdata=marks["hover"],
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )
    overdue = frame[frame["is_overdue"].astype(bool)]
    if not overdue.empty:
        fig.add_trace(
            go.Scatter(
                name="Overdue (✕ at the due date)",
                mode="markers",
                y=overdue["y"],
                x=[_iso(v) for v in overdue["due_on"]],
                marker={
                    "symbol": "x-thin",
                    "size": 14,
                    "line": {"width": 3, "color": OVERDUE_MARK},
                },
                customdata=overdue["hover"],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    headers = [c for c in categories if c.startswith("g:")]
    fig.add_trace(
        go.Scatter(
            # Holds the group header rows on the axis; draws and says nothing.
            y=headers,
            x=[_iso(as_at)] * len(headers),
            mode="markers",
            marker={"opacity": 0},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    _timeline_layout(
        fig,
        as_at,
        title=title or f"Open items from issue to due date, as at {_day(as_at)}",
        plot_px=26 * len(categories),
        x_title="Date (each bar runs from the report's publication to the due date)",
        rows=categories,
        row_labels=ticktext,
    )
    return fig


def timeline_group_bars(groups: pd.DataFrame, as_at: object, group_noun: str) -> go.Figure:
    """One bar per group (inspection or chief officer lead) from its first issue date to its
    last due date, coloured by the group's most severe RAG (word on the bar, legend, hover),
    hatched when it holds overdue items; for when there are too many items to draw one each.

    Expects the columns of queries/timeline_groups.sql, already in display order.
    """
    from oversight.labels import RAG_LABELS

    frame = groups.copy()
    frame["y"] = "g:" + frame["group_key"].astype(str)
    frame["start"] = pd.to_datetime(frame["first_issued_on"]).fillna(
        pd.to_datetime(frame["first_due_on"])
    )
    frame["hover"] = [
        f"<b>{row.group_label}</b><br>{row.items} open items with a due date"
        f"{f', <b>{row.overdue} overdue</b>' if row.overdue else ''}<br>"
        f"Red {row.red} · Amber {row.amber} · Green {row.green} · White {row.white}"
        f" · Blue {row.blue}<br>First issued {_day(row.first_issued_on)}<br>"
        f"Due from {_day(row.first_due_on)} to {_day(row.last_due_on)}"
        for row in frame.itertuples(index=False)
    ]
    # Room after the latest due date for the words written after each bar.
    ends = pd.to_datetime(frame["last_due_on"])
    lo = min(frame["start"].min(), pd.Timestamp(as_at))
    hi = max(ends.max(), pd.Timestamp(as_at))
    lo, hi = lo - (hi - lo) * 0.03, hi + (hi - lo) * 0.3 + pd.Timedelta(days=30)
    fig = go.Figure()
    for rag in RAG_ORDER:
        rows = frame[frame["most_severe_rag"] == rag]
        if rows.empty:
            continue
        word = RAG_LABELS[rag]
        length = (pd.to_datetime(rows["last_due_on"]) - rows["start"]).dt.days * _MS_PER_DAY
        fig.add_trace(
            go.Bar(
                name=f"Most severe: {word}",
                orientation="h",
                y=rows["y"],
                base=[_iso(v) for v in rows["start"]],
                x=list(length),
                text=[
                    f"{word} · {n} open" + (f" · {o} overdue" if o else "")
                    for n, o in zip(rows["items"], rows["overdue"], strict=True)
                ],
                # After the bar's end, where it is always readable however short the bar.
                textposition="outside",
                textangle=0,
                constraintext="none",
                cliponaxis=False,
                outsidetextfont={"color": "#202124"},
                marker=_rag_marker(rag, rows["overdue"]),
                customdata=rows["hover"],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    _timeline_layout(
        fig,
        as_at,
        title=f"Open items with a due date, one bar per {group_noun}, as at {_day(as_at)}",
        plot_px=40 * len(frame),  # 40 px a bar: room for a name wrapped on two lines
        x_title="Date (each bar runs from the first issue to the last due date)",
        rows=list(frame["y"]),
        row_labels=[_tick_lines(v, 36) for v in frame["group_label"]],
        x_range=[_iso(lo), _iso(hi)],
    )
    return fig


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
    fig = go.Figure(
        go.Heatmap(
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
    )
    fig.update_layout(
        title="Open items by when they fall due, per chief officer lead",
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
    return fig


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


def _calendar_tick(title: object, kind: str) -> str:
    """A row's label: the title on at most two lines, the kind under it in italics."""
    return f"{_tick_lines(title, 34)}<br><i>{kind}</i>"


def inspection_calendar_figure(events: pd.DataFrame, as_at: object = None) -> go.Figure:
    """The inspections_calendar rows as a timeline: one row per inspection (grouped by kind),
    fieldwork as a bar (held: solid; planned: pale and hatched), publication as a diamond. Every
    mark carries its word in the legend, on the bar and in the hover."""
    from oversight.labels import INSPECTION_KIND_LABELS, label

    fig = go.Figure()
    kinds = list(INSPECTION_KIND_LABELS)
    frame = events.copy()
    frame["kind_rank"] = [kinds.index(k) if k in kinds else len(kinds) for k in frame["kind"]]
    first = frame.groupby("inspection_id")["starts_on"].transform("min")
    frame = frame.assign(first_on=first).sort_values(["kind_rank", "first_on", "inspection_id"])
    frame["row"] = [
        f"{_short(t, 46)} · {label(INSPECTION_KIND_LABELS, k)}"
        for t, k in zip(frame["title"], frame["kind"], strict=True)
    ]
    order = list(dict.fromkeys(frame["row"]))
    ticks = dict(
        zip(
            frame["row"],
            [
                _calendar_tick(t, label(INSPECTION_KIND_LABELS, k))
                for t, k in zip(frame["title"], frame["kind"], strict=True)
            ],
            strict=True,
        )
    )

    def hover(r) -> str:
        lines = [f"<b>{_short(r.title, 80)}</b>", label(INSPECTION_KIND_LABELS, r.kind)]
        if r.event == "fieldwork":
            span = f"{_day(r.starts_on)} to {_day(r.ends_on)}"
            lines.append(("Planned fieldwork: " if r.is_planned else "Fieldwork: ") + span)
        else:
            lines.append(f"Published {_day(r.starts_on)}")
        if pd.notna(r.as_worded):
            lines.append(f"As worded: {_short(r.as_worded, 90)}")
        if pd.notna(r.expected_publication):
            lines.append(f"Report expected: {r.expected_publication}")
        return "<br>".join(lines)

    bars = frame[frame["event"] == "fieldwork"]
    for key, planned in (("fieldwork", False), ("planned", True)):
        part = bars[bars["is_planned"] == planned]
        if part.empty:
            continue
        starts = pd.to_datetime(part["starts_on"])
        ends = pd.to_datetime(part["ends_on"]) + pd.Timedelta(days=1)
        fig.add_trace(
            go.Bar(
                name=CALENDAR_LABELS[key],
                orientation="h",
                y=part["row"],
                base=starts.dt.strftime("%Y-%m-%d"),
                x=(ends - starts).dt.days * 86_400_000,
                marker={
                    "color": CALENDAR_COLOURS[key],
                    "line": {"color": CALENDAR_COLOURS["fieldwork"], "width": 1},
                    "pattern": {"shape": "/" if planned else ""},
                },
                text=["Planned" if planned else "Fieldwork"] * len(part),
                textposition="outside",
                cliponaxis=False,
                hovertext=[hover(r) for r in part.itertuples()],
                hoverinfo="text",
            )
        )
    pubs = frame[frame["event"] == "publication"]
    if not pubs.empty:
        published = pd.to_datetime(pubs["starts_on"])
        fig.add_trace(
            go.Scatter(
                name=CALENDAR_LABELS["publication"],
                mode="markers+text",
                y=pubs["row"],
                x=published.dt.strftime("%Y-%m-%d"),
                marker={"symbol": "diamond", "size": 13, "color": CALENDAR_COLOURS["publication"]},
                text=["Published"] * len(pubs),
                textposition=_calendar_text_sides(published, frame, as_at),
                hovertext=[hover(r) for r in pubs.itertuples()],
                hoverinfo="text",
            )
        )
    if as_at is not None and not pd.isna(as_at):
        _as_at_line(fig, as_at)
    # 60 px a row: a label is up to three lines (title on two, kind on one)
    height = max(280, 140 + 60 * len(order))
    fig.update_layout(
        title={"text": "Inspection calendar: fieldwork and publications"},
        barmode="overlay",
        height=height,
        margin={"l": 10, "r": 90, "t": 110, "b": 50},
        # A row of its own under the title, from the chart's left edge (not the plot's, which
        # would put it over the title).
        legend={
            "orientation": "h",
            "x": 0,
            "xref": "container",
            "y": 1 - 58 / height,
            "yref": "container",
            "yanchor": "top",
        },
        font={"family": FONT_FAMILY},
        plot_bgcolor="#FFFFFF",
    )
    fig.update_xaxes(type="date", title_text="Date", showgrid=True, gridcolor="#E0E0E0")
    fig.update_yaxes(
        title_text="Inspection · kind",
        categoryorder="array",
        categoryarray=list(reversed(order)),
        tickvals=order,
        ticktext=[ticks[row] for row in order],
        automargin=True,
    )
    return fig


# --- Overview (RAG mix by inspection and by kind) ---------------------------------------------


def _overview_wrap(text: object, width: int = 38) -> str:
    import textwrap

    words = "—" if text is None or pd.isna(text) else " ".join(str(text).split())
    return "<br>".join(textwrap.wrap(words, width)) or "—"


# --- building figures fast ---------------------------------------------------------------------
#
# Plotly checks every property of every object as it is set: a grade matrix built with
# add_trace and update_* calls took 80 ms, most of it in those checks. The busiest charts are
# therefore written as plain trace and layout dicts and made into a figure in one step without
# the checks (2 ms). The test suite sets OVERSIGHT_VALIDATE_FIGURES=1, which checks every such
# figure in full, so a misspelt property still fails a test.


def _figure_from(data: list[dict], layout: dict) -> go.Figure:
    spec = {"data": data, "layout": layout}
    if os.environ.get("OVERSIGHT_VALIDATE_FIGURES") == "1":
        return go.Figure(spec)
    return go.Figure(spec, _validate=False)


def _merge(target: dict, changes: dict) -> dict:
    """Deep-merge changes into target (as plotly's update_* does), in place."""
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value
    return target


@functools.lru_cache(maxsize=64)
def _subplots_json(
    cols: int, widths: tuple, spacing: float, titles: tuple, shared_yaxes: bool
) -> str:
    from plotly.subplots import make_subplots

    fig = make_subplots(
        rows=1,
        cols=cols,
        shared_yaxes=shared_yaxes,
        column_widths=list(widths),
        horizontal_spacing=spacing,
        subplot_titles=list(titles),
    )
    layout = fig.to_plotly_json()["layout"]
    layout.pop("template", None)
    return json.dumps(layout)


def _subplot_layout(widths: list, spacing: float, titles: list, shared_yaxes: bool = False) -> dict:
    """The layout of a one-row grid of panels (axes and their domains, panel titles), as
    make_subplots draws it, computed once per shape."""
    return json.loads(
        _subplots_json(len(widths), tuple(widths), spacing, tuple(titles), shared_yaxes)
    )


def _axis_suffix(col: int) -> str:
    return "" if col == 1 else str(col)


def _axes(layout: dict, letter: str) -> list[dict]:
    return [v for k, v in layout.items() if re.fullmatch(f"{letter}axis[0-9]*", k)]


def rag_mix_bars(
    frame: pd.DataFrame,
    category: str,
    *,
    title: str,
    category_title: str,
    value_title: str = "Findings",
) -> go.Figure:
    """Stacked horizontal bars: for each category (in the order given), how many findings are
    red, amber, green, blue and white. Each segment carries its RAG word and count (text, legend,
    hover); white segments are outlined so they show on a white page.

    Expects one row per (category, rag) with the columns `category`, `rag` and `items`.
    """
    from oversight.labels import RAG_LABELS

    order = list(dict.fromkeys(frame[category].astype(str)))
    ticks = [_overview_wrap(c) for c in order]
    data = []
    for rag in RAG_ORDER:
        rows = frame[frame["rag"] == rag]
        if rows.empty:
            continue
        word = RAG_LABELS[rag]
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
                "insidetextfont": {"color": RAG_TEXT_COLOURS[rag]},
                "outsidetextfont": {"color": "#202124"},
                "marker": {
                    "color": RAG_COLOURS[rag],
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


def rag_by_inspection_chart(frame: pd.DataFrame, as_at: object) -> go.Figure:
    """The RAG mix of each inspection's findings (columns of queries/rag_by_inspection.sql),
    one bar per inspection even where two share a title."""
    return rag_mix_bars(
        frame.assign(inspection_label=distinct_inspection_labels(frame)),
        "inspection_label",
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


def rag_by_kind_chart(frame: pd.DataFrame, as_at: object) -> go.Figure:
    """The RAG mix by kind of finding (columns of queries/rag_by_kind.sql)."""
    from oversight.labels import KIND_LABELS, label

    named = frame.assign(kind_label=[label(KIND_LABELS, k) for k in frame["kind"]])
    return rag_mix_bars(
        named,
        "kind_label",
        title=f"RAG by kind of finding, as at {_day(as_at)}",
        category_title="Kind",
    )


# --- PEEL grades (grade matrix, trend of rank by cycle, peers, national picture) -----------

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
# One colour per line in the trend (Okabe-Ito, readable by people with colour-blindness).
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


def peer_grade_grid(grid: pd.DataFrame, title: str) -> go.Figure:
    """The selected force and its peers for one cycle and pillar: forces down (the selected
    force first, marked), areas across, each cell the grade in words and colour.

    Columns: force_name, is_selected, area, theme, display_order, grade, cell_state, source_url
    (the rows of queries/peel_peer_grid.sql)."""
    from oversight.labels import THEME_LABELS, label

    if grid.empty:
        fig = go.Figure()
        fig.update_layout(title={"text": title}, font={"family": FONT_FAMILY})
        fig.add_annotation(text="No areas to compare", showarrow=False)
        return fig
    cells = grid.copy()
    cells["force_label"] = [
        f"<b>{name} (this force)</b>" if selected else str(name)
        for name, selected in zip(cells["force_name"], cells["is_selected"], strict=True)
    ]
    cells["area_label"] = [
        "Overall" if theme == "overall" else _wrap(label(THEME_LABELS, theme), 16)
        for theme in cells["theme"]
    ]
    cells["hover"] = [
        f"<b>{r.force_name}</b><br>{r.area}<br><b>{cell_word(r.cell_state, r.grade)}</b>"
        f"<br>Source: {_source_text(r.source_url)}"
        for r in cells.itertuples(index=False)
    ]
    forces = list(dict.fromkeys(cells["force_label"]))
    areas = list(dict.fromkeys(cells.sort_values("display_order")["area_label"]))
    data = [
        {**trace, "showlegend": False}
        for trace in _grade_cells(cells, areas, forces, "area_label", "force_label", "hover")
    ]
    data += _grade_legend(_cell_words(cells))
    layout = {
        "title": {"text": title},
        "font": {"family": FONT_FAMILY},
        "xaxis": {"type": "category", "side": "top", "tickfont": {"size": 13}, "showgrid": False},
        "yaxis": {
            "type": "category",
            "showgrid": False,
            "categoryorder": "array",
            "categoryarray": forces,
            "autorange": "reversed",
            "title": {"text": "Force"},
        },
        "height": 200 + 46 * len(forces),
        "plot_bgcolor": "#FFFFFF",
        "margin": {"l": 10, "r": 10, "t": 150, "b": 40},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0, "title": {}},
    }
    return _figure_from(data, layout)


def grade_trend(trend: pd.DataFrame, scales: pd.DataFrame, title: str) -> go.Figure:
    """Rank by cycle, one line per theme, in one panel per scale: a line never joins a grade on
    the 4-point scale to one on the 5-point scale. The y axis reads in grade words.

    trend columns: theme, row_order, cycle, scale_points, area, grade, grade_rank
    (queries/peel_grade_trend.sql); scales columns: scale_points, grade, grade_rank
    (queries/peel_scales.sql)."""
    from oversight.labels import THEME_LABELS, label

    if trend.empty:
        fig = go.Figure()
        fig.update_layout(title={"text": title}, font={"family": FONT_FAMILY})
        fig.add_annotation(text="No ranked grades to show", showarrow=False)
        return fig
    trend = trend.sort_values(["row_order", "cycle"])
    panels = [
        (int(points), sorted(trend.loc[trend["scale_points"] == points, "cycle"].unique()))
        for points in sorted(trend["scale_points"].unique())
    ]
    layout = _subplot_layout(
        [max(len(cycles), 1.5) for _, cycles in panels],
        0.16 if len(panels) > 1 else 0.02,
        [_scale_title(points, cycles) for points, cycles in panels],
    )
    themes = list(dict.fromkeys(trend["theme"]))
    # Lines on the same grade would hide each other: nudge each theme a little up or down
    # (the hover and the axis give the grade itself).
    nudges = {t: (i - (len(themes) - 1) / 2) * 0.06 for i, t in enumerate(themes)}
    # One pass over the rows (in their sorted order) instead of a filter per theme and panel.
    lines: dict[tuple, dict[str, list]] = {}
    for theme, points, cycle, rank, grade, area in zip(
        trend["theme"],
        trend["scale_points"],
        trend["cycle"],
        trend["grade_rank"],
        trend["grade"],
        trend["area"],
        strict=True,
    ):
        line = lines.setdefault((theme, int(points)), {"x": [], "y": [], "text": [], "area": []})
        line["x"].append(cycle)
        line["y"].append(float(rank) + nudges[theme])
        line["text"].append(grade)
        line["area"].append(area)
    data: list[dict] = []
    in_legend: set[str] = set()
    for col, (points, cycles) in enumerate(panels, start=1):
        suffix = _axis_suffix(col)
        for index, theme in enumerate(themes):
            line = lines.get((theme, points))
            if line is None:
                continue
            colour = THEME_LINE_COLOURS[index % len(THEME_LINE_COLOURS)]
            name = label(THEME_LABELS, theme)
            data.append(
                {
                    "type": "scatter",
                    "x": line["x"],
                    "y": line["y"],
                    "mode": "lines+markers",
                    "name": name,
                    "legendgroup": theme,
                    "showlegend": theme not in in_legend,
                    "line": {"color": colour, "width": 3},
                    "marker": {"size": 10, "color": colour},
                    "text": line["text"],
                    "customdata": line["area"],
                    "hovertemplate": f"<b>{name}</b><br>%{{x}}: <b>%{{text}}</b>"
                    "<br>%{customdata}<extra></extra>",
                    "xaxis": f"x{suffix}",
                    "yaxis": f"y{suffix}",
                }
            )
            in_legend.add(theme)
        words = scales[scales["scale_points"] == points].sort_values("grade_rank")
        y_axis = {
            "tickvals": [int(rank) for rank in words["grade_rank"]],
            "ticktext": list(words["grade"]),
            "range": [0.5, points + 0.5],
            "side": "left" if col == 1 else "right",
            "gridcolor": "#E0E0E0",
        }
        if col == 1:
            y_axis["title"] = {"text": "Grade"}
        _merge(layout[f"yaxis{suffix}"], y_axis)
        _merge(
            layout[f"xaxis{suffix}"],
            {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": cycles,
                "title": {"text": "Cycle"},
            },
        )
    if len(panels) > 1:
        _scale_break(layout, len(panels), label_shift=30)
    _merge(
        layout,
        {
            "title": {"text": title},
            "height": 480,
            "font": {"family": FONT_FAMILY},
            "plot_bgcolor": "#FFFFFF",
            "legend": {
                "title": {"text": "Area"},
                "orientation": "h",
                "yanchor": "top",
                "y": -0.2,
            },
            "margin": {"t": 90, "b": 40},
        },
    )
    return _figure_from(data, layout)


def national_grade_bars(dist: pd.DataFrame, force_name: str, title: str) -> go.Figure:
    """How many forces got each grade for one cycle and area, the selected force's grade marked
    with an outline and its name. Columns: grade, forces, is_force_grade, force_names,
    forces_covered, forces_total (queries/peel_national_distribution.sql)."""
    if dist.empty:
        fig = go.Figure()
        fig.update_layout(title={"text": title}, font={"family": FONT_FAMILY})
        fig.add_annotation(text="No grades for this area", showarrow=False)
        return fig
    marked = dist.loc[dist["is_force_grade"].astype(bool), "grade"]
    grades = list(dist["grade"])
    data = []
    for row in dist.itertuples(index=False):
        is_force = bool(row.is_force_grade)
        names = "" if row.force_names is None or pd.isna(row.force_names) else row.force_names
        data.append(
            {
                "type": "bar",
                "x": [int(row.forces)],
                "y": [row.grade],
                "orientation": "h",
                "name": row.grade,
                "marker": {
                    "color": GRADE_COLOURS.get(row.grade, "#E0E0E0"),
                    "line": {
                        "color": "#000000" if is_force else RAG_OUTLINE,
                        "width": 3 if is_force else 1,
                    },
                },
                "text": [
                    f"{row.forces} force{'s' if row.forces != 1 else ''}"
                    + (" ◀ <b>this force</b>" if is_force else "")
                ],
                "textposition": "outside",
                "cliponaxis": False,
                "customdata": [names.replace("; ", "<br>")],
                "hovertemplate": f"<b>{row.grade}</b>: %{{x}} forces<br>%{{customdata}}"
                "<extra></extra>",
                "showlegend": False,
            }
        )
    covered, total = int(dist["forces_covered"].iloc[0]), int(dist["forces_total"].iloc[0])
    layout = {
        "title": {
            "text": title,
            "subtitle": {
                "text": f"Outlined: {force_name}'s grade ({marked.iloc[0]})"
                if len(marked)
                else f"No grade in the data for {force_name}"
            },
        },
        "font": {"family": FONT_FAMILY},
        "xaxis": {
            "title": {
                "text": f"Forces (of {covered} with a grade in the data; {total} forces in all)"
            },
            "rangemode": "tozero",
            "range": [0, int(max(dist["forces"].max(), 1)) * 1.8],
            "gridcolor": "#E0E0E0",
        },
        "yaxis": {
            "title": {"text": "Grade"},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": grades,
            "autorange": "reversed",
        },
        "height": 140 + 50 * len(grades),
        "plot_bgcolor": "#FFFFFF",
        "bargap": 0.25,
        "margin": {"t": 80},
    }
    return _figure_from(data, layout)


# --- Briefing pack (RAG mix then and now; a small PEEL grade matrix for print) ---------------


def briefing_rag_mix_figure(mix: pd.DataFrame) -> go.Figure:
    """Open findings by RAG at the start of the period and at the meeting (the rows of
    queries/briefing/rag_mix.sql), as two stacked bars; each segment carries its RAG word and
    count (text, legend, hover), white segments outlined."""
    from oversight.labels import RAG_LABELS

    # a dozen rows: plain lists, not a pandas mask per RAG grade (a millisecond or more each)
    moment = [f"On {_day(d)}" for d in mix["as_at"]]
    moments = list(dict.fromkeys(moment))
    counted = [
        (r, m, int(n))
        for r, m, n in zip(mix["rag"].tolist(), moment, mix["findings"].tolist(), strict=True)
        if n > 0
    ]
    data = []
    for rag in RAG_ORDER:
        rows = [(m, n) for r, m, n in counted if r == rag]
        if not rows:
            continue
        word = RAG_LABELS[rag]
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
                "textfont": {"color": RAG_TEXT_COLOURS[rag]},
                "marker": {
                    "color": RAG_COLOURS[rag],
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
