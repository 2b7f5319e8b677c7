"""Long tables a page at a time: the browser never gets more than PAGE_ROWS rows of one table.

A paged query takes `$limit` and `$offset` and returns, on every row, `total_rows`: the count of
rows before the limit (`count(*) over ()`), so one query gives both the page and the count. A
table that fits on one page shows no pager at all (the bundled data never does).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

PAGE_ROWS = 250
TOTAL = "total_rows"


@dataclass(frozen=True)
class Page:
    """One page of a longer result: its rows, the count of all rows, where it sits."""

    rows: pd.DataFrame
    total: int
    number: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    @property
    def first(self) -> int:
        """1-based position of the page's first row (0 when there are none)."""
        return 0 if self.rows.empty else (self.number - 1) * self.size + 1

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if not self.rows.empty else 0

    @property
    def is_partial(self) -> bool:
        return self.pages > 1


def fetch(run: Callable[[int | None, int], pd.DataFrame], key: str, size: int = PAGE_ROWS) -> Page:
    """The page the pager widget `key` points at, from run(limit, offset).

    `key` should change when the filters change, so a new filter starts at page 1. A page past
    the end (the filters narrowed under it) falls back to the first.
    """
    number = _number(key)
    rows = run(size, (number - 1) * size)
    if rows.empty and number > 1:
        number = 1
        rows = run(size, 0)
    st.session_state[key] = number
    total = int(rows[TOTAL].iloc[0]) if not rows.empty else 0
    return Page(rows.drop(columns=[TOTAL]).reset_index(drop=True), total, number, size)


def _number(key: str) -> int:
    number = st.session_state.get(key, 1)
    return number if isinstance(number, int) and number >= 1 else 1


def window(key: str, size: int = PAGE_ROWS) -> dict[str, int]:
    """The limit and offset fetch(…, key, size) will ask for (to prefetch the same query)."""
    return {"limit": size, "offset": (_number(key) - 1) * size}


def pager(page: Page, key: str, noun: str = "rows", hint: str = "") -> None:
    """A page number and where this page sits, shown only when there is more than one page."""
    if not page.is_partial:
        return
    left, right = st.columns([1, 5], vertical_alignment="bottom")
    left.number_input(
        f"Page (of {page.pages:,})",
        min_value=1,
        max_value=page.pages,
        step=1,
        key=key,
    )
    right.caption(
        f"Showing {noun} {page.first:,}–{page.last:,} of {page.total:,}, {page.size} to a page."
        + (f" {hint}" if hint else "")
    )
