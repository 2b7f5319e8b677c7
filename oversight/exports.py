"""Downloads of exactly the rows a reader filtered: CSV and XLSX.

A text cell that starts with =, +, -, @, a tab or a carriage return could be taken for a formula
by a spreadsheet (CSV injection). In CSV such a cell is prefixed with a single quote, as OWASP
advises; in XLSX every text cell is written as a string cell (xlsxwriter's write_string, with
formula, URL and number conversion switched off), which no spreadsheet evaluates.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import pandas as pd
import xlsxwriter

from oversight.vocabulary import RagScale

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A text cell made safe for CSV: a leading formula trigger gets a single quote before it."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _is_text_column(series: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(series) or pd.api.types.is_object_dtype(series)


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads the accents) and formula-safe text."""
    safe = frame.copy()
    for column in safe.columns:
        if _is_text_column(safe[column]):
            safe[column] = safe[column].map(
                lambda v: neutralise(v) if isinstance(v, str) else v, na_action="ignore"
            )
    return safe.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\r\n").encode(
        "utf-8-sig"
    )


def to_xlsx(
    frame: pd.DataFrame,
    *,
    filters: Sequence[tuple[str, str]],
    as_at: dt.date,
    sheet: str = "Recommendations",
    notes: Sequence[tuple[str, str]] = (),
    rag: RagScale | None = None,
    rag_column: str = "RAG",
) -> bytes:
    """An XLSX workbook: the rows on the first sheet, and a "Filters" sheet saying which filters
    and which as-at date produced them (plus any notes, e.g. the link and the licence). With the
    data's RAG scale, each cell of `rag_column` that holds a grade's words is filled with its
    colour from rag.csv, in black or white text by contrast."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    date = workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    top = workbook.add_format({"valign": "top"})
    graded = {
        g.label: workbook.add_format(
            {"bg_color": g.colour, "font_color": g.ink, "valign": "top", "border": 1}
        )
        for g in (rag.grades if rag is not None else ())
    }

    rows = workbook.add_worksheet(sheet[:31])
    for col, name in enumerate(frame.columns):
        rows.write_string(0, col, str(name), bold)
        series = frame[name]
        width = min(60, max(10, len(str(name)) + 2))
        for row, value in enumerate(series.tolist(), start=1):
            fill = graded.get(value) if name == rag_column and isinstance(value, str) else None
            _write(rows, row, col, value, wrap=fill or wrap, date=date, top=top)
            if isinstance(value, str):
                width = max(width, min(60, len(value) + 2))
        rows.set_column(col, col, width)
    rows.freeze_panes(1, 0)
    if len(frame.columns):
        rows.autofilter(0, 0, len(frame), len(frame.columns) - 1)

    sheet_filters = workbook.add_worksheet("Filters")
    sheet_filters.set_column(0, 0, 24)
    sheet_filters.set_column(1, 1, 80)
    lines = [("As at", f"{as_at:%-d %B %Y} ({as_at.isoformat()})"), ("Rows", str(len(frame)))]
    lines += list(filters) if filters else [("Filters", "None: every finding")]
    lines += list(notes)
    sheet_filters.write_string(0, 0, "Setting", bold)
    sheet_filters.write_string(0, 1, "Value", bold)
    for row, (key, value) in enumerate(lines, start=1):
        sheet_filters.write_string(row, 0, str(key), bold)
        sheet_filters.write_string(row, 1, str(value), wrap)
    workbook.close()
    return buffer.getvalue()


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str) or not pd.api.types.is_scalar(value):
        return False
    return bool(pd.isna(value))


def _write(ws, row: int, col: int, value: object, *, wrap, date, top) -> None:
    if _missing(value):
        ws.write_blank(row, col, None, top)
    elif isinstance(value, pd.Timestamp):
        ws.write_datetime(row, col, value.to_pydatetime(), date)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, top)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, top)
    else:
        ws.write_string(row, col, str(value), wrap)
