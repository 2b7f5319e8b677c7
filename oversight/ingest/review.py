"""The review step between a report read and its findings recorded (the page's logic, without
Streamlit): the proposal as tables an editor corrects, and the corrected tables turned into the
workbook the existing import reads, so that what is accepted is validated, appended and audited
exactly like any imported file."""

from __future__ import annotations

import pandas as pd

from oversight import imports, ingest
from oversight.ingest import Proposal

REPORT_COLUMNS = (
    "inspection_id",
    "title",
    "inspectorate",
    "kind",
    "force_id",
    "published_on",
    "url",
)

# The columns an editor reviews, in the order a reader checks them; the rest stay as proposed.
REVIEW_COLUMNS = (
    "ref",
    "kind",
    "text",
    "addressed_to",
    "deadline_text",
    "due_on",
    "peel_area",
    "parent_rec_id",
    "rec_id",
)


def findings_frame(proposal: Proposal) -> pd.DataFrame:
    """The proposed findings, every column of the import, each cell text ("" when empty)."""
    rows = proposal.recommendation_rows()
    columns = list(imports.import_columns("recommendations"))
    return _as_text(pd.DataFrame(rows, columns=columns, dtype=object))


def report_frame(proposal: Proposal) -> pd.DataFrame:
    """The report itself as the inspections sheet's one row (empty when already recorded)."""
    columns = list(imports.import_columns("inspections"))
    rows = [] if proposal.report_recorded else [proposal.inspection_row()]
    return _as_text(pd.DataFrame(rows, columns=columns, dtype=object))


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell text, an empty cell the empty string (an editable table shows it blank)."""
    return frame.astype(object).where(frame.notna(), "").astype(str)


def _rows(frame: pd.DataFrame) -> list[dict[str, str | None]]:
    out = []
    for record in frame.to_dict("records"):
        row = {}
        for key, value in record.items():
            if value is None or (isinstance(value, float) and pd.isna(value)):
                row[str(key)] = None
            else:
                text = str(value).strip()
                row[str(key)] = text or None
        if any(v is not None for v in row.values()):
            out.append(row)
    return out


def as_upload(
    proposal: Proposal, findings: pd.DataFrame, report: pd.DataFrame
) -> tuple[bytes, imports.Upload]:
    """The reviewed tables as the import's workbook (bytes, offered for download too) and that
    workbook read back by the import, exactly as an uploaded file is."""
    sheets = [("recommendations", _rows(findings))]
    report_rows = _rows(report)
    if report_rows:
        sheets.insert(0, ("inspections", report_rows))
    data = ingest.to_xlsx(sheets)
    name = f"{proposal.inspection_id}-proposed.xlsx"
    return data, imports.read_upload(name, data, "recommendations")
