"""The text a chart builder is given, escaped for plotly (``escape.chart``) before it builds.

Plotly reads a subset of HTML in every label, hover text and title (``<a href>``, ``<b>``,
``<br>``): text from the data that held such a tag would become a link in the chart. Every
builder this package exports is wrapped here, so the strings it is given (arguments, and the
text columns of its frames) arrive as entities and show as the characters themselves. The
builders' own markup (their ``<br>`` and ``<b>``) is written after, and stays markup.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable

import pandas as pd

from oversight import escape
from oversight.vocabulary import RagScale


def _safe(value: object) -> object:
    if isinstance(value, str):
        return escape.chart(value)
    if isinstance(value, RagScale):  # rag.csv's words are data too
        return RagScale(
            tuple(
                dataclasses.replace(g, label=escape.chart(g.label), meaning=escape.chart(g.meaning))
                for g in value.grades
            )
        )
    if isinstance(value, pd.DataFrame):
        frame = value.copy(deep=False)
        for column in frame.columns:
            series = frame[column]
            if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
                frame[column] = series.map(
                    lambda v: escape.chart(v) if isinstance(v, str) else v, na_action="ignore"
                )
        return frame
    if isinstance(value, list | tuple):
        return type(value)(_safe(v) for v in value)
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    return value


def escaped(builder: Callable) -> Callable:
    """The builder, given its text escaped for plotly."""

    @functools.wraps(builder)
    def build(*args, **kwargs):
        return builder(*(_safe(a) for a in args), **{k: _safe(v) for k, v in kwargs.items()})

    return build
