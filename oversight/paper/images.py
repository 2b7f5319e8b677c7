"""The pack's charts as PNG images (kaleido drives the installed Chromium; its server starts
once), for the DOCX and the PDF."""

from __future__ import annotations

import contextlib
import threading
import warnings

from oversight.paper.model import Briefing, Chart

_kaleido_lock = threading.Lock()
_kaleido_started = False


def chart_png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as a PNG (kaleido drives the installed Chromium; its server starts once)."""
    global _kaleido_started
    import kaleido
    import plotly.graph_objects as go
    import plotly.io as pio

    with _kaleido_lock:
        if not _kaleido_started:
            # Another part of this process may have started it already.
            with contextlib.suppress(Exception):
                kaleido.start_sync_server(silence_warnings=True)
            _kaleido_started = True
        # Printed at about 16 cm wide: larger type than on screen, white paper.
        figure = go.Figure(chart.figure)
        figure.update_layout(font={"size": 15}, paper_bgcolor="#FFFFFF")
        with warnings.catch_warnings():
            # plotly passes kaleido options the running server does not need.
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            return pio.to_image(
                figure, format="png", width=chart.width, height=chart.height, scale=scale
            )


def chart_images(briefing: Briefing) -> dict[int, bytes]:
    """Every chart of the pack as PNG, keyed by id(chart)."""
    return {
        id(block): chart_png(block)
        for section in briefing.sections
        for block in section.blocks
        if isinstance(block, Chart)
    }
