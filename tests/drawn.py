"""What a test reads of the tables a run drew, as a reader sees them."""

from __future__ import annotations

import html
import re

import pandas as pd

from tests.golden import shown


def static_tables(at) -> list[pd.DataFrame]:
    """Every st.table of the run (oversight/static_table.py), each cell as its reader sees it:
    Markdown escapes, badges and links undone."""
    return [table.value.map(lambda v: plain(v) if isinstance(v, str) else v) for table in at.table]


def plain(cell: str) -> str:
    """What a reader sees of a static table's cell: escapes, a badge or a link undone."""
    cell = re.sub(r"^:[a-z]+-badge\[(.*)\]$", r"\1", cell)
    return shown(re.sub(r"^\[(.*)\]\([^)]*\)$", r"\1", cell))


def static_table_with(at, column: str) -> pd.DataFrame:
    """The first static table with that column."""
    return next(t for t in static_tables(at) if column in t.columns)


def link_addresses(at, column: str) -> list[str]:
    """The addresses behind a static table's links, as drawn (the Markdown's targets)."""
    raw = next(t.value for t in at.table if column in t.value.columns)
    found = [re.fullmatch(r"\[.*\]\((.*)\)", cell) for cell in raw[column]]
    return [m.group(1) if m else "" for m in found]


def html_text(body: str) -> str:
    """What a reader sees of HTML the app drew with st.html: its headings marked as Markdown's
    (#### for an h4), each block on a line of its own, tags dropped, entities read."""
    body = re.sub(r"<style>.*?</style>", "", body, flags=re.S)
    body = re.sub(r"<h([1-6])>", lambda m: "\n" + "#" * int(m.group(1)) + " ", body)
    body = re.sub(r"</(h[1-6]|p|li|tr|blockquote|ul|table)>", "\n", body)
    body = re.sub(r"</t[dh]>", " | ", body)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def html_bodies(at) -> list[str]:
    """The bodies of every st.html element of the run, as sent."""
    return [element.proto.body for element in at.get("html")]


def vega_rows(chart) -> list[dict]:
    """The rows a Vega-Lite chart element was sent (its proto's Arrow data), as dicts."""
    import pyarrow as pa

    return pa.ipc.open_stream(chart.data.data).read_all().to_pylist()


def cell_styles(styler) -> dict[tuple[int, int], dict[str, str]]:
    """(row, column) -> the CSS a pandas Styler (an st.table of coloured cells) gives each body cell,
    read from its rendered HTML."""
    rendered = styler.to_html()
    found: dict[tuple[int, int], dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", rendered):
        props = dict(
            (k.strip(), v.strip())
            for k, _, v in (p.partition(":") for p in body.split(";"))
            if k.strip()
        )
        for i, j in re.findall(r"_row(\d+)_col(\d+)\b", selectors):
            found.setdefault((int(i), int(j)), {}).update(props)
    return found
