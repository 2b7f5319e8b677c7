"""Reading a newly published report: its findings proposed for review, never recorded unreviewed.

``read(name, data, ...)`` takes the report as a reader has it (a saved HTML page, a PDF or plain
text, as bytes: nothing is fetched) and returns a ``Proposal``: the report (title, publication
date, address where the page gives it) and every finding the rules find (oversight/ingest/rules.py),
each with its kind, number, verbatim text, addressee, deadline as written and the due date the
project's deadline rule gives. A field the text does not state stays empty.

The proposal's rows have the columns of the recommendations import (and of the inspections sheet),
so an editor reviews and corrects them, then accepts them through the existing import
(oversight/imports.py): validated, appended, audited.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from oversight import deadline_rule, exports, imports
from oversight.ingest import blocks as blocks_module
from oversight.ingest import rules
from oversight.ingest.extract import Finding, find_findings

MAX_BYTES = 25 * 1024 * 1024
EXTENSIONS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".txt": "text", ".md": "text"}
KIND_PREFIX = {
    rules.RECOMMENDATION: "r",
    rules.AREA_FOR_IMPROVEMENT: "afi",
    rules.CAUSE_OF_CONCERN: "coc",
    None: "f",
}


class IngestError(ValueError):
    """The file cannot be read as a report (wrong type, too big, damaged)."""


@dataclass
class Proposal:
    file_name: str
    title: str | None
    published_on: dt.date | None
    published_from: str  # "the text", "--published-on" or "" (unknown)
    url: str | None
    inspectorate: str | None
    inspection_id: str
    force_id: str | None
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    # What the data already holds: a finding recorded with the same text (its rec_id), and
    # whether the report itself is recorded. Neither is proposed again.
    recorded: dict[int, str] = field(default_factory=dict)
    report_recorded: bool = False

    def recommendation_rows(self) -> list[dict[str, str | None]]:
        """One row per finding, in the recommendations import's columns."""
        ids = _rec_ids(self.inspection_id, self.findings)
        ids.update(self.recorded)
        rows = []
        for finding in self.findings:
            if id(finding) in self.recorded:
                continue
            row = dict.fromkeys(imports.import_columns("recommendations"))
            row.update(
                rec_id=ids[id(finding)],
                inspection_id=self.inspection_id,
                force_id=self.force_id,
                ref=finding.ref,
                kind=finding.kind,
                addressed_to=finding.addressed_to,
                text=finding.text,
                deadline_text=finding.deadline_text,
                due_on=finding.due_on.isoformat() if finding.due_on else None,
                due_source="inspectorate" if finding.due_on else None,
                peel_area=finding.peel_area,
                parent_rec_id=ids[id(finding.parent)] if finding.parent else None,
                is_text_verbatim="true",
                source=self.url or f"ingest: {self.file_name}",
            )
            rows.append(row)
        return rows

    def inspection_row(self) -> dict[str, str | None]:
        """The report itself, in the inspections sheet's columns."""
        row = dict.fromkeys(imports.import_columns("inspections"))
        title = self.title or ""
        kind = None
        if re.search(r"\bPEEL\b", title):
            kind = "peel_national" if re.search(r"national", title, re.IGNORECASE) else "peel"
        row.update(
            inspection_id=self.inspection_id,
            title=self.title,
            inspectorate=self.inspectorate,
            kind=kind,
            force_id=self.force_id if kind == "peel" else None,
            published_on=self.published_on.isoformat() if self.published_on else None,
            url=self.url,
            source=self.url or f"ingest: {self.file_name}",
        )
        return row

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for finding in self.findings:
            out[finding.kind or "unknown"] = out.get(finding.kind or "unknown", 0) + 1
        return out


def read(
    file_name: str,
    data: bytes,
    *,
    published_on: dt.date | None = None,
    inspection_id: str | None = None,
    force_id: str | None = None,
    areas: dict[str, str] | None = None,
) -> Proposal:
    """Read a report. Raises IngestError when the file is not a report this can read."""
    name = PurePath(file_name or "report").name
    document = _document(name, data)
    text = " ".join(b.text for b in document.blocks)
    stated = _published(text)
    published = published_on or stated
    findings = find_findings(document.blocks, areas or {}, published)
    notes = list(document.notes)
    if published_on and stated and stated != published_on:
        notes.append(
            f"the text says it was published on {stated:%d %B %Y}; "
            f"{published_on:%d %B %Y} (given) is used"
        )
    if not findings:
        notes.append("no finding was found: check that this is the report itself")
    relative = [f for f in findings if f.deadline_text and f.due_on is None]
    if relative and published is None:
        notes.append(
            f"{len(relative)} deadline(s) count from publication, whose date the text does not "
            "give: enter the publication date to compute their due dates"
        )
    title = document.title
    return Proposal(
        file_name=name,
        title=title,
        published_on=published,
        published_from="--published-on" if published_on else ("the text" if stated else ""),
        url=document.url,
        inspectorate=_inspectorate(text),
        inspection_id=inspection_id or _slug(title or PurePath(name).stem),
        force_id=force_id,
        findings=findings,
        notes=notes,
    )


def check_recorded(proposal: Proposal, data_dir: Path | str) -> None:
    """Mark what the data folder already holds: the report (its inspection_id) and each finding
    whose text is recorded already for the same force (spaces and bullet marks aside), which is
    then not proposed again; a recommendation under a recorded cause of concern is linked to the
    recorded one."""
    folder = Path(data_dir)
    recorded_text: dict[str, str] = {}
    path = folder / "recommendations.csv"
    if path.is_file():
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                # a national recommendation is recorded once per force that tracks it
                if proposal.force_id and row.get("force_id") != proposal.force_id:
                    continue
                recorded_text.setdefault(_normal(row.get("text") or ""), row.get("rec_id") or "")
    path = folder / "inspections.csv"
    if path.is_file():
        with path.open(encoding="utf-8-sig", newline="") as fh:
            ids = {row.get("inspection_id") for row in csv.DictReader(fh)}
        proposal.report_recorded = proposal.inspection_id in ids
    for finding in proposal.findings:
        rec_id = recorded_text.get(_normal(finding.text))
        if rec_id:
            proposal.recorded[id(finding)] = rec_id
    if proposal.recorded:
        proposal.notes.append(
            f"{len(proposal.recorded)} finding(s) already recorded with the same text "
            f"({', '.join(sorted(proposal.recorded.values()))}): not proposed again"
        )
    if proposal.report_recorded:
        proposal.notes.append(
            f"the report is already recorded as {proposal.inspection_id}: only its findings "
            "are proposed"
        )


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\n- ", " ")).strip()


def _document(name: str, data: bytes) -> blocks_module.Document:
    ext = PurePath(name).suffix.lower()
    if ext not in EXTENSIONS:
        raise IngestError(
            f"{name}: only HTML (.html, .htm), PDF (.pdf) and text (.txt, .md) can be read"
        )
    if len(data) > MAX_BYTES:
        raise IngestError(f"{name}: the file is larger than {MAX_BYTES // 1024 // 1024} MB")
    kind = EXTENSIONS[ext]
    if kind == "pdf":
        if not data.startswith(b"%PDF"):
            raise IngestError(f"{name}: the file is not a PDF, whatever its name says")
        try:
            return blocks_module.from_pdf(data)
        except Exception as exc:  # pypdf raises many kinds on a damaged file
            raise IngestError(f"{name}: the PDF cannot be read ({type(exc).__name__})") from exc
    if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04") or b"\x00" in data[:4096]:
        raise IngestError(f"{name}: the file is not text, whatever its name says")
    if kind == "html":
        return blocks_module.from_html(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", "replace")
    return blocks_module.from_text(text)


def _published(text: str) -> dt.date | None:
    match = rules.PUBLISHED.search(text)
    if not match:
        return None
    month = deadline_rule.MONTHS.get(match["month"].lower())
    if month is None:
        return None
    try:
        return dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None


def _inspectorate(text: str) -> str | None:
    if re.search(r"\bHMICFRS\b|Inspectorate of Constabulary and Fire", text):
        return "HMICFRS"
    if re.search(r"\bHMIC\b|Inspectorate of Constabulary", text):
        return "HMIC"
    return None


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    slug = "-".join(words)[:60].strip("-")
    return slug or "report"


def _rec_ids(inspection_id: str, findings: list[Finding]) -> dict[int, str]:
    seen: dict[str | None, int] = {}
    ids = {}
    for finding in findings:
        seen[finding.kind] = seen.get(finding.kind, 0) + 1
        ids[id(finding)] = f"{inspection_id}-{KIND_PREFIX[finding.kind]}{seen[finding.kind]:02d}"
    return ids


def load_areas(data_dir: Path | str) -> dict[str, str]:
    """Each PEEL question or area heading (peel_areas.csv, every cycle) -> its theme; a heading
    two themes share is left out (it would not say which)."""
    path = Path(data_dir) / "peel_areas.csv"
    if not path.is_file():
        return {}
    themes: dict[str, set[str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("area", "").strip().lower() == "overall" or not row.get("theme"):
                continue
            themes.setdefault(rules.normalise_heading(row["area"]), set()).add(row["theme"])
    return {area: next(iter(t)) for area, t in themes.items() if len(t) == 1}


def to_csv(rows: list[dict[str, str | None]]) -> bytes:
    """Rows as a CSV in the import's columns: UTF-8 with a byte-order mark, every cell text, and
    a cell a spreadsheet would run as a formula kept as text (a leading apostrophe)."""
    out = io.StringIO(newline="")
    if not rows:
        return b""
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(sheets: list[tuple[str, list[dict[str, str | None]]]]) -> bytes:
    """Sheets of rows as a workbook the import reads: every cell written as text (a spreadsheet
    runs nothing in it), a header row, long texts wrapped."""
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = wb.add_format({"bold": True, "bg_color": "#E8EAF0", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top", "num_format": "@"})
    for sheet, rows in sheets:
        ws = wb.add_worksheet(sheet)
        columns = list(rows[0]) if rows else []
        for c, name in enumerate(columns):
            ws.write_string(0, c, name, bold)
            ws.set_column(c, c, 60 if name in ("text", "title") else 18, wrap)
        for r, row in enumerate(rows, start=1):
            for c, name in enumerate(columns):
                if row[name] is not None:
                    ws.write_string(r, c, str(row[name]))
        ws.freeze_panes(1, 0)
    wb.close()
    return buffer.getvalue()


def _safe_cell(value: str | None) -> str:
    return "" if value is None else exports.neutralise(value)
