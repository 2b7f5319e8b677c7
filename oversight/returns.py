"""Owners' returns: the quarterly request for a new position on every open finding.

Before a committee meeting the force asks each chief officer lead for a return. ``workbooks``
writes one XLSX per lead, pre-filled with every open finding in their portfolio (locked), with
input columns limited by Excel data validation to the allowed codes and the finding's id in a
hidden column. A returned workbook is read back by ``read_return`` into the rows of a progress
return, which then goes through the ordinary import (``oversight.imports``): validated, shown as
what will change per finding, and written only when confirmed, append-only and audited.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from oversight import labels, records
from oversight.schema import STATUSES

SHEET = "return"
ID_HEADER = "Finding id"
# Pre-filled, locked columns: (header, field of the returns_items query).
GIVEN = (
    ("Report", "inspection_title"),
    ("Reference", "finding_name"),
    ("Kind", "kind"),
    ("Finding", "text"),
    ("Deadline as written", "deadline_text"),
    ("Original due", "original_due_on"),
    ("Due", "due_on"),
    ("Tactical lead", "tactical_lead"),
    ("Latest position as at", "status_as_at"),
    ("Latest status", "status"),
    ("Latest RAG", "rag"),
    ("Latest position", "note"),
)
# Input columns an owner fills: (header, field of updates.csv, width).
INPUTS = (
    ("Position as at", "as_at", 14),
    ("New status", "status", 18),
    ("New RAG", "rag", 12),
    ("New position", "note", 60),
    ("Revised due date", "revised_due_on", 14),
    ("Reason for the revised date", "revision_reason", 40),
    ("Evidence reference", "evidence", 30),
)
MAX_ROWS = 5000


def input_columns() -> tuple[tuple[str, str, int], ...]:
    """The input columns this version of the data contract can take (a revised due date or an
    evidence reference only where progress returns carry them)."""
    return tuple(column for column in INPUTS if column[1] in records.UPDATE_FIELDS)


def file_name(owner: str, as_at: dt.date) -> str:
    """A safe file name for an owner's return: letters, digits and hyphens only."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", owner).strip("-").lower() or "owner"
    return f"return-{slug}-{as_at.isoformat()}.xlsx"


def _display(field: str, value: object, rag_labels: Mapping[str, str]) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "No position recorded" if field in ("status", "rag", "note") else ""
    if field == "status":
        return labels.label(labels.STATUS_LABELS, str(value))
    if field == "rag":
        return rag_labels.get(str(value), str(value))
    if field == "kind":
        return labels.label(labels.KIND_LABELS, str(value))
    if isinstance(value, pd.Timestamp | dt.date):
        return pd.Timestamp(value).date().isoformat()
    return str(value)


def workbook(
    owner: str,
    items: pd.DataFrame,
    as_at: dt.date,
    meeting_on: dt.date | None,
    rag_labels: Mapping[str, str],
) -> bytes:
    """One owner's return: an About sheet and a `return` sheet, one row per open finding."""
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = wb.add_format({"bold": True, "bg_color": "#E8EAF0", "border": 1, "text_wrap": True})
    locked = wb.add_format({"text_wrap": True, "valign": "top", "locked": True})
    open_cell = wb.add_format(
        {"text_wrap": True, "valign": "top", "locked": False, "bg_color": "#FFF8E1", "border": 1}
    )
    date_cell = wb.add_format(
        {"num_format": "yyyy-mm-dd", "locked": False, "bg_color": "#FFF8E1", "border": 1}
    )
    inputs = input_columns()

    about = wb.add_worksheet("about")
    about.set_column(0, 0, 110)
    lines = [
        f"Progress return: {owner}",
        f"Positions as at {as_at:%d %B %Y}"
        + (f", for the committee meeting on {meeting_on:%d %B %Y}." if meeting_on else "."),
        "On the sheet 'return', fill the shaded columns for each finding that has moved: the new "
        "status and RAG (from the drop-downs), your position in your own words, and, where the "
        "deadline has moved, the revised date and the reason. Leave a row blank where nothing "
        "has changed. The other columns are locked.",
        "Dates are YYYY-MM-DD. Formulas are never imported. Do not change the hidden first "
        "column: it says which finding each row is.",
    ]
    for row, line in enumerate(lines):
        about.write_string(row, 0, line, wb.add_format({"bold": row == 0, "text_wrap": True}))

    ws = wb.add_worksheet(SHEET)
    headers = [ID_HEADER] + [h for h, _ in GIVEN] + [h for h, _, _ in inputs]
    for col, header in enumerate(headers):
        ws.write_string(0, col, header, bold)
    widths = {"Finding": 60, "Latest position": 50, "Report": 30}
    ws.set_column(0, 0, 24, None, {"hidden": True})
    for col, (header, _) in enumerate(GIVEN, start=1):
        ws.set_column(col, col, widths.get(header, 14))
    first_input = 1 + len(GIVEN)
    for offset, (_, _, width) in enumerate(inputs):
        ws.set_column(first_input + offset, first_input + offset, width)

    for row, item in enumerate(items.itertuples(index=False), start=1):
        record = item._asdict()
        ws.write_string(row, 0, str(record["rec_id"]), locked)
        for col, (_, field) in enumerate(GIVEN, start=1):
            ws.write_string(row, col, _display(field, record.get(field), rag_labels), locked)
        for offset, (_, field, _) in enumerate(inputs):
            col = first_input + offset
            if field == "as_at":
                ws.write_datetime(row, col, dt.datetime.combine(as_at, dt.time()), date_cell)
            elif field == "revised_due_on":
                ws.write_blank(row, col, None, date_cell)
            else:
                ws.write_blank(row, col, None, open_cell)
    last = max(len(items), 1)
    choices = {
        "status": [labels.label(labels.STATUS_LABELS, s) for s in STATUSES],
        "rag": list(rag_labels.values()),
    }
    for offset, (header, field, _) in enumerate(inputs):
        col = first_input + offset
        if field in choices:
            ws.data_validation(
                1,
                col,
                last,
                col,
                {
                    "validate": "list",
                    "source": choices[field],
                    "error_title": header,
                    "error_message": "Choose one of the listed values.",
                },
            )
        elif field in ("as_at", "revised_due_on"):
            ws.data_validation(
                1,
                col,
                last,
                col,
                {
                    "validate": "date",
                    "criteria": ">=",
                    "value": dt.datetime(2000, 1, 1),
                    "error_title": header,
                    "error_message": "Enter a date (YYYY-MM-DD).",
                },
            )
    ws.freeze_panes(1, first_input)
    ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True})
    wb.close()
    return buffer.getvalue()


def workbooks(
    items: pd.DataFrame,
    as_at: dt.date,
    meeting_on: dt.date | None,
    rag_labels: Mapping[str, str],
) -> dict[str, tuple[str, bytes]]:
    """{owner: (file name, workbook bytes)} for every owner with an open finding."""
    out: dict[str, tuple[str, bytes]] = {}
    for owner, rows in items.groupby("owner", sort=True):
        out[str(owner)] = (
            file_name(str(owner), as_at),
            workbook(str(owner), rows, as_at, meeting_on, rag_labels),
        )
    return out


def owners(items: pd.DataFrame) -> list[str]:
    """Every owner with an open finding, in the order `workbooks` makes their returns."""
    return [str(owner) for owner in items.groupby("owner", sort=True).size().index]


def owner_workbook(
    items: pd.DataFrame,
    owner: str,
    as_at: dt.date,
    meeting_on: dt.date | None,
    rag_labels: Mapping[str, str],
) -> bytes:
    """One owner's return, as `workbooks` makes it, without making everyone else's."""
    return workbook(owner, items[items["owner"] == owner], as_at, meeting_on, rag_labels)


def zip_of(books: Mapping[str, tuple[str, bytes]]) -> bytes:
    """Every owner's workbook in one zip, for a single download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in books.values():
            zf.writestr(name, data)
    return buffer.getvalue()


def zip_file_name(as_at: dt.date) -> str:
    return f"returns-{as_at.isoformat()}.zip"


def every_return(
    items: pd.DataFrame,
    as_at: dt.date,
    meeting_on: dt.date | None,
    rag_labels: Mapping[str, str],
) -> bytes:
    """Every owner's return in one zip (the page's download, made when it is clicked)."""
    return zip_of(workbooks(items, as_at, meeting_on, rag_labels))


def request_rows(
    items: pd.DataFrame, requested_on: dt.date, as_at: dt.date, meeting_on: dt.date | None
) -> list[dict[str, str | None]]:
    """The rows that record a request in return_requests.csv (one per owner and finding)."""
    request_id = f"returns-{as_at.isoformat()}-{requested_on.isoformat()}"
    return [
        {
            "request_id": request_id,
            "rec_id": str(rec_id),
            "owner": str(owner),
            "requested_on": requested_on.isoformat(),
            "as_at": as_at.isoformat(),
            "meeting_on": meeting_on.isoformat() if meeting_on else None,
        }
        for owner, rec_id in zip(items["owner"], items["rec_id"], strict=True)
    ]


# --- reading a returned workbook --------------------------------------------------------------


@dataclass(frozen=True)
class ReturnRow:
    """One filled row of a return: its row in the sheet and the position it gives."""

    row: int
    values: dict[str, str | None]


def is_return(sheet_names: list[str]) -> bool:
    return SHEET in [name.strip().lower() for name in sheet_names]


def take_return(
    header: list[str | None],
    numbered: list[tuple[int, list[str | None]]],
    rag_codes: Mapping[str, str],
    problem: Callable[[int, str, str], None],
) -> list[ReturnRow]:
    """The positions a filled return gives, one per row that has any input, with the codes
    for the labels an owner chose. Rows left blank (nothing changed) are not positions."""
    status_codes = {labels.label(labels.STATUS_LABELS, s).lower(): s for s in STATUSES}
    status_codes.update({s: s for s in STATUSES})
    rag_by_word = {word.lower(): code for word, code in rag_codes.items()}
    positions = {name: i for i, name in enumerate(header) if name}
    if ID_HEADER not in positions:
        problem(1, "A", f"no '{ID_HEADER}' column: this is not a return made by Oversight")
        return []
    inputs = input_columns()
    out: list[ReturnRow] = []
    for row, cells in numbered:

        def cell(name: str, cells: list[str | None] = cells) -> str | None:
            index = positions.get(name)
            value = cells[index] if index is not None and index < len(cells) else None
            return value.strip() or None if isinstance(value, str) else value

        given = {field: cell(h) for h, field, _ in inputs if field != "as_at"}
        if not any(given.values()):
            continue
        rec_id = cell(ID_HEADER)
        if not rec_id:
            problem(row, "A", "the finding id is empty: this row cannot be matched to a finding")
            continue
        values: dict[str, str | None] = {"rec_id": rec_id, "as_at": cell("Position as at")}
        values.update(given)
        status = values.get("status")
        if status is not None:
            code = status_codes.get(status.lower())
            if code is None:
                problem(row, "New status", f"unknown status '{status[:40]}'")
            values["status"] = code or status
        rag = values.get("rag")
        if rag is not None:
            code = rag_by_word.get(rag.lower())
            if code is None:
                problem(row, "New RAG", f"unknown RAG '{rag[:40]}'")
            values["rag"] = code or rag
        out.append(ReturnRow(row, values))
    return out


def complete_positions(
    rows: list[ReturnRow],
    latest: Mapping[str, Mapping[str, object]],
    problem: Callable[[int, str, str], None],
) -> list[ReturnRow]:
    """A return may change only the note, or only the RAG: the rest of the new position is the
    latest recorded one. Where no position was ever recorded, the return must give status and
    RAG itself (nothing is assumed)."""
    out = []
    for item in rows:
        values = dict(item.values)
        before = latest.get(str(values["rec_id"]))
        if before is None:
            problem(item.row, "Finding id", "not an open finding of this data (was it closed?)")
            continue
        for field, header in (("status", "New status"), ("rag", "New RAG")):
            if values.get(field) is None:
                recorded = before.get(field)
                if recorded is None or (not isinstance(recorded, str) and pd.isna(recorded)):
                    problem(
                        item.row,
                        header,
                        "no position was recorded before: give the status and the RAG",
                    )
                else:
                    values[field] = str(recorded)
        out.append(ReturnRow(item.row, values))
    return out


def changes_frame(
    positions: list[Mapping[str, object]],
    latest: Mapping[str, Mapping[str, object]],
    rag_labels: Mapping[str, str],
) -> pd.DataFrame:
    """What a return will change, per finding: from (the latest recorded position) -> to."""

    def words(status: object, rag: object) -> str:
        if status is None or (not isinstance(status, str) and pd.isna(status)):
            return "No position recorded"
        return (
            f"{labels.label(labels.STATUS_LABELS, str(status))} · "
            f"{rag_labels.get(str(rag), str(rag))}"
        )

    rows = []
    for values in positions:
        before = latest.get(str(values["rec_id"]), {})
        rows.append(
            {
                "Finding": f"{before.get('inspection_title') or ''} · {before.get('ref') or ''}",
                "From": words(before.get("status"), before.get("rag")),
                "To": words(values.get("status"), values.get("rag")),
                "New position": values.get("note") or "",
                "As at": values.get("as_at") or "",
            }
        )
    return pd.DataFrame(rows, columns=["Finding", "From", "To", "New position", "As at"])
