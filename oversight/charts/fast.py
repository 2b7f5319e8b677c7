"""The fast-build layer: figures written as plain trace and layout dicts and made into a plotly
Figure in one step, without plotly's per-property checks."""

from __future__ import annotations

import functools
import json
import os
import re

import plotly.graph_objects as go

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
