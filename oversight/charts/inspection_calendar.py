"""The Inspections figure: each inspection's fieldwork and publication on a calendar."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from oversight.charts.common import _as_at_marks, _day, _short, _tick_lines
from oversight.charts.fast import _figure_from
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

    traces: list[dict] = []
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
        traces.append(
            {
                "type": "bar",
                "name": CALENDAR_LABELS[key],
                "orientation": "h",
                "y": list(part["row"]),
                "base": list(starts.dt.strftime("%Y-%m-%d")),
                "x": ((ends - starts).dt.days * 86_400_000).to_numpy(),
                "marker": {
                    "color": CALENDAR_COLOURS[key],
                    "line": {"color": CALENDAR_COLOURS["fieldwork"], "width": 1},
                    "pattern": {"shape": "/" if planned else ""},
                },
                "text": ["Planned" if planned else "Fieldwork"] * len(part),
                "textposition": "outside",
                "cliponaxis": False,
                "hovertext": [hover(r) for r in part.itertuples()],
                "hoverinfo": "text",
            }
        )
    pubs = frame[frame["event"] == "publication"]
    if not pubs.empty:
        published = pd.to_datetime(pubs["starts_on"])
        traces.append(
            {
                "type": "scatter",
                "name": CALENDAR_LABELS["publication"],
                "mode": "markers+text",
                "y": list(pubs["row"]),
                "x": list(published.dt.strftime("%Y-%m-%d")),
                "marker": {
                    "symbol": "diamond",
                    "size": 13,
                    "color": CALENDAR_COLOURS["publication"],
                },
                "text": ["Published"] * len(pubs),
                "textposition": _calendar_text_sides(published, frame, as_at),
                "hovertext": [hover(r) for r in pubs.itertuples()],
                "hoverinfo": "text",
            }
        )
    # 60 px a row: a label is up to three lines (title on two, kind on one)
    height = max(280, 140 + 60 * len(order))
    layout = dict(
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
        xaxis={
            "type": "date",
            "title": {"text": "Date"},
            "showgrid": True,
            "gridcolor": "#E0E0E0",
        },
        yaxis={
            "title": {"text": "Inspection · kind"},
            "categoryorder": "array",
            "categoryarray": list(reversed(order)),
            "tickvals": order,
            "ticktext": [ticks[row] for row in order],
            "automargin": True,
        },
    )
    if as_at is not None and not pd.isna(as_at):
        line, words = _as_at_marks(as_at)
        layout.update(shapes=[line], annotations=[words])
    # Plain dicts made into a figure in one step (oversight/charts/fast.py): plotly's checks of
    # every property took most of the 40 ms this chart cost on each rerun.
    return _figure_from(traces, layout)
