"""Long tables a page at a time: the browser never gets more than PAGE_ROWS rows of one table.

A paged query takes `$limit` and `$offset` and returns, on every row, `total_rows`: the count of
rows before the limit (`count(*) over ()`), so one query gives both the page and the count. A
table that fits on one page shows no pager at all (the bundled data never does).

The pager's widget key is derived from the query's name and its other parameters, so a changed
filter is a new key and starts again at page 1.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import pandas as pd
import streamlit as st

PAGE_ROWS = 250
TOTAL = "total_rows"
_WINDOW = ("limit", "offset")


@dataclass(frozen=True)
class Page:
    """One page of a longer result: its rows, the count of all rows, where it sits, and the
    key of the pager widget that chose it."""

    rows: pd.DataFrame
    total: int
    number: int
    size: int
    key: str

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


def key_for(name: str, params: dict) -> str:
    """The pager key of a named query with these parameters (the window left out)."""
    scope = repr(sorted((k, v) for k, v in params.items() if k not in _WINDOW))
    return f"page_{name}_{hashlib.blake2b(scope.encode(), digest_size=8).hexdigest()}"


def window(name: str, params: dict, size: int = PAGE_ROWS) -> dict[str, int]:
    """The limit and offset of the page the pager of this query points at."""
    return {"limit": size, "offset": (_number(key_for(name, params)) - 1) * size}


@dataclass(frozen=True)
class Paged:
    """A paged query as a plan declares it (oversight/plan.py): it starts the page the pager
    points at, and reads as a Page. A page past the end (the data narrowed under it) falls back
    to the first."""

    name: str
    params: dict
    size: int = PAGE_ROWS

    def ahead(self) -> tuple[str, dict]:
        return self.name, {**self.params, **window(self.name, self.params, self.size)}

    def read(self, ds) -> Page:
        key = key_for(self.name, self.params)
        number = _number(key)
        rows = ds.query(self.name, **{**self.params, **window(self.name, self.params, self.size)})
        if rows.empty and number > 1:
            number = 1
            rows = ds.query(self.name, **{**self.params, "limit": self.size, "offset": 0})
        st.session_state[key] = number
        total = int(rows[TOTAL].iloc[0]) if not rows.empty else 0
        rows = rows.drop(columns=[TOTAL]).reset_index(drop=True)
        return Page(rows, total, number, self.size, key)


def paged(name: str, size: int = PAGE_ROWS, **params: object) -> Paged:
    """Declare a paged query in a plan: `plan = app.plan(rows=paging.paged("explorer_rows", ...))`."""
    return Paged(name, params, size)


def _number(key: str) -> int:
    number = st.session_state.get(key, 1)
    return number if isinstance(number, int) and number >= 1 else 1


def pager(page: Page, noun: str = "rows", hint: str = "") -> None:
    """A page number and where this page sits, shown only when there is more than one page."""
    if not page.is_partial:
        return
    left, right = st.columns([1, 5], vertical_alignment="bottom")
    left.number_input(
        f"Page (of {page.pages:,})",
        min_value=1,
        max_value=page.pages,
        step=1,
        key=page.key,
    )
    right.caption(
        f"Showing {noun} {page.first:,}–{page.last:,} of {page.total:,}, {page.size} to a page."
        + (f" {hint}" if hint else "")
    )
