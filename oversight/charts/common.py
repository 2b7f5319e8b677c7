"""What several figure families share: dates as words, short text, tick labels wrapped to two
lines, and the as-at line on a time axis."""

from __future__ import annotations

import pandas as pd


def _short(text: object, width: int = 48) -> str:
    words = "" if text is None or pd.isna(text) else " ".join(str(text).split())
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"


def _day(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%-d %b %Y}"


def _iso(value: object) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _as_at_marks(as_at: object) -> tuple[dict, dict]:
    """The as-at date's dashed line (a layout shape) and its words (an annotation), as dicts: two
    marks, since add_vline's own annotation fails on date axes."""
    x = _iso(as_at)
    line = {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "line": {"color": "#202124", "width": 2, "dash": "dash"},
    }
    words = {
        "x": x,
        "y": 1,
        "xref": "x",
        "yref": "paper",
        "yanchor": "bottom",
        "text": f"As at {_day(as_at)}",
        "showarrow": False,
        "font": {"size": 12, "color": "#202124"},
    }
    return line, words


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


# A Vega-Lite axis category named by its label's lines joined with LINE_BREAK, which the axis
# splits again (LINES_LABEL): the spec then holds no category, and a sidebar change that alters
# only the rows lets Streamlit update the drawn chart in place.
LINE_BREAK = "\n"
LINES_LABEL = "split(datum.value, '\\n')"
