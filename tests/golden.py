"""Helpers for golden tests: a query's result as plain rows, easy to write out exactly."""

from __future__ import annotations

import datetime as dt

import pandas as pd


def plain(value):
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def rows(frame: pd.DataFrame, columns: list[str] | None = None) -> list[tuple]:
    """The frame's rows (optionally only some columns) as tuples of plain Python values."""
    frame = frame[columns] if columns else frame
    return [tuple(plain(v) for v in row) for row in frame.itertuples(index=False)]


def shown(markdown: str) -> str:
    """What a reader sees of Markdown escaped with oversight.escape.md: the characters themselves,
    without the backslashes and the invisible word joiners."""
    import re

    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")
