"""The one way a page draws a short list as a static table, as a committee paper prints one:
every row of the page shown, nothing to scroll inside it or to sort.

The Overview's lists are read, not explored (the Recommendations explorer sorts and filters), and
a data grid is the costliest element a browser draws: a page with one st.dataframe opens 0.7 s
later in a fresh browser than the same page without it, against 0.1 s for st.table, and a grid
writes its accessible copy of the rows again after every run (docs/performance.md).

st.table draws every cell as Markdown, so every cell written here is text escaped for Markdown
(escape.md): a missing value reads "—", a date "30 Sep 2018", a link the words it is given (the
address is built by the app, never read from the data), a RAG word on a badge of its grade's
colour.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

import pandas as pd
import streamlit as st

from oversight import escape
from oversight.vocabulary import RagScale

MISSING = "—"
# A page of a paged list drawn here: rows a reader takes in whole (the explorer has them all).
PAGE_ROWS = 10
# What a link may hold once quoted: nothing that ends a Markdown link or starts another. A
# source's web address (http or https, from the data) keeps its scheme's colon; any other
# address is one the app built, relative to the page, and has no colon to keep.
_URL_SAFE = "/?&=%#.-_~"
_WEB_SAFE = _URL_SAFE + ":+,;@"
_WEB = re.compile(r"^https?://", re.IGNORECASE)
BADGE_MARK = "● "


def _missing(value: object) -> bool:
    if value is None or isinstance(value, (list, tuple)):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def text(value: object) -> str:
    """A cell's text as Markdown that shows exactly those characters."""
    if _missing(value):
        return MISSING
    if isinstance(value, (list, tuple)):  # a RAG word as explorer.rag_pills wraps it
        return MISSING if not value else text(value[0])
    if isinstance(value, float) and value.is_integer():  # a whole number in a column with gaps
        value = int(value)
    return escape.md(value)


def date(value: object) -> str:
    """A date as a committee paper writes it: 30 Sep 2018."""
    if _missing(value):
        return MISSING
    day = pd.Timestamp(value)
    return f"{day.day} {day.strftime('%b %Y')}"


def link(address: object, words: str) -> str:
    """A Markdown link reading `words`: to a page of the app, or to a source's web address; no
    address reads as missing. Any other scheme (javascript:, data:) is quoted into a harmless
    relative address, never followed."""
    if _missing(address) or not str(address).strip():
        return MISSING
    address = str(address).strip()
    safe = _WEB_SAFE if _WEB.match(address) else _URL_SAFE
    return f"[{escape.md(words)}]({quote(address, safe=safe)})"


# Streamlit's Markdown badges come in these colours; a grade's badge takes the one nearest its
# rag.csv colour, so the table reads as the charts and the explorer's labels do.
_BADGE_HUES = (("red", 0), ("orange", 35), ("yellow", 55), ("green", 120), ("blue", 215))


def badge_colour(hex_colour: str) -> str:
    """The Streamlit badge colour nearest a fill: grey for white, black and greys."""
    digits = hex_colour.lstrip("#")
    try:
        r, g, b = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return "gray"
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    if saturation < 0.25 or lightness > 0.95 or lightness < 0.08:
        return "gray"
    degrees = hue * 360

    def distance(named: tuple[str, int]) -> float:
        gap = abs(degrees - named[1])
        return min(gap, 360 - gap)

    if 255 <= degrees < 330:
        return "violet"
    return min(_BADGE_HUES, key=distance)[0]


def rag_badge(value: object, rag: RagScale) -> str:
    """A RAG word (as a frame shows it) on a badge of its grade's colour; the word itself
    carries the meaning, the colour only repeats it."""
    word = value[0] if isinstance(value, (list, tuple)) and value else value
    if _missing(word) or isinstance(word, (list, tuple)):
        return MISSING
    # A frame may already mark the word (explorer.rag_badge's "● Red"): the badge replaces it.
    bare = str(word).removeprefix(BADGE_MARK)
    grade = next((g for g in rag.grades if g.label == bare), None)
    if grade is None:
        return text(word)
    return f":{badge_colour(grade.colour)}-badge[{escape.md(bare)}]"


def cells(
    frame: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    dates: Sequence[str] = (),
    links: Mapping[str, str] | None = None,
    rag: RagScale | None = None,
    rag_columns: Sequence[str] = ("RAG",),
) -> pd.DataFrame:
    """The frame as the table's Markdown cells: `columns` in that order (all by default),
    `dates` as dates, `links` {column: the words each link reads}, `rag_columns` as badges
    when `rag` is given; every other cell as escaped text."""
    links = links or {}
    shown = [c for c in (columns or frame.columns) if c in frame.columns]
    out = {}
    for column in shown:
        values = frame[column].tolist()
        if column in links:
            out[column] = [link(v, links[column]) for v in values]
        elif column in dates:
            out[column] = [date(v) for v in values]
        elif rag is not None and column in rag_columns:
            out[column] = [rag_badge(v, rag) for v in values]
        else:
            out[column] = [text(v) for v in values]
    return pd.DataFrame(out, columns=shown)


def show(frame: pd.DataFrame, **options) -> None:
    """st.table of `cells(frame, **options)`, without the index, as tall as its rows."""
    st.table(cells(frame, **options), hide_index=True)
