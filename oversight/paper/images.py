"""The pack's charts as PNG images (kaleido drives the installed Chromium; its server starts
once), for the DOCX and the PDF.

A chart is drawn for paper, not for the screen: as wide in pixels as the page's text is wide in
print at a reading scale, so the same type sizes read at about 9 to 11 points on A4; every label,
tick, cell word and legend entry at least `MIN_FONT_PX`; the title and the legend always shown;
white paper. The figures under each chart are also in the table that follows it."""

from __future__ import annotations

import contextlib
import threading
import warnings

import plotly.graph_objects as go

from oversight.paper.model import Briefing, Chart

_kaleido_lock = threading.Lock()
_kaleido_started = False

# The text is 15.92 cm wide on A4 with 2.54 cm margins; 760 px across it is 0.21 mm a pixel, so
# 15 px type prints at about 9 pt.
PRINT_WIDTH_PX = 760
BASE_FONT_PX = 15
MIN_FONT_PX = 14
TITLE_FONT_PX = 18


def _at_least(font: object, size: int) -> dict:
    font = dict(font or {})
    if font.get("size") is None or font["size"] < size:
        font["size"] = size
    return font


def for_print(figure: go.Figure) -> go.Figure:
    """A copy of the figure sized for paper: type no smaller than MIN_FONT_PX, title and legend
    shown, axis labels given the room they need (so a row label is never clipped)."""
    fig = go.Figure(figure)
    fig.update_layout(
        font={"size": BASE_FONT_PX},
        paper_bgcolor="#FFFFFF",
        showlegend=True,
        title={"font": {"size": TITLE_FONT_PX}, "x": 0.01, "xanchor": "left"},
        legend={"font": {"size": MIN_FONT_PX}},
    )
    layout = fig.layout
    for name in list(layout.to_plotly_json()):
        if name.startswith(("xaxis", "yaxis")):
            axis = layout[name]
            axis.tickfont = _at_least(axis.tickfont.to_plotly_json(), MIN_FONT_PX)
            axis.automargin = True
            if axis.title and axis.title.text:
                axis.title.font = _at_least(axis.title.font.to_plotly_json(), MIN_FONT_PX)
    for note in layout.annotations or ():
        note.font = _at_least(note.font.to_plotly_json(), MIN_FONT_PX)
    for trace in fig.data:
        if getattr(trace, "text", None) is not None and hasattr(trace, "textfont"):
            trace.textfont = _at_least(trace.textfont.to_plotly_json(), MIN_FONT_PX - 1)
    # A single-series chart hides its legend by default; on paper the key is always printed.
    named = [t for t in fig.data if getattr(t, "name", None)]
    if len(named) == 1:
        named[0].showlegend = True
    return fig


def print_height(chart: Chart) -> int:
    """The chart's height for PRINT_WIDTH_PX: its own height, plus room for the larger type."""
    return int(chart.height * 1.1) + 40


def chart_png(chart: Chart, scale: float = 3.0) -> bytes:
    """The chart as a PNG at print size (PRINT_WIDTH_PX wide, `scale` times the pixels, about
    300 dpi across the text width)."""
    global _kaleido_started
    import kaleido
    import plotly.io as pio

    with _kaleido_lock:
        if not _kaleido_started:
            # Another part of this process may have started it already.
            with contextlib.suppress(Exception):
                kaleido.start_sync_server(silence_warnings=True)
            _kaleido_started = True
        figure = for_print(chart.figure)
        with warnings.catch_warnings():
            # plotly passes kaleido options the running server does not need.
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            return pio.to_image(
                figure,
                format="png",
                width=PRINT_WIDTH_PX,
                height=print_height(chart),
                scale=scale,
            )


def chart_images(briefing: Briefing) -> dict[int, bytes]:
    """Every chart of the pack as PNG, keyed by id(chart)."""
    return {
        id(block): chart_png(block)
        for section in briefing.sections
        for block in section.blocks
        if isinstance(block, Chart)
    }
