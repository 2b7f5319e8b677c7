"""`python -m oversight ingest`: read a newly published report and write its findings, proposed for
review, in the recommendations import's columns."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from oversight import db, ingest, labels
from oversight.ingest import IngestError, Proposal
from oversight.periods import long_date


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "ingest",
        help="read a report (saved HTML page, PDF or text) and propose its findings for review",
        description="Read a newly published report as a reader has it (the HTML page saved from "
        "the inspectorate's website, its PDF, or plain text; nothing is fetched) and write every "
        "finding it states, with its deadline as written and the due date the deadline rule "
        "gives, in the recommendations import's columns. Review and correct the file, then "
        "import it (Record progress, or `python -m oversight import`). An .xlsx --out holds the "
        "report and its findings, ready to import together; a .csv --out holds the findings and "
        "a second file, <out>-inspection.csv, the report.",
    )
    parser.add_argument("file", help="the report: .html/.htm, .pdf, .txt or .md")
    parser.add_argument(
        "--published-on", help="publication date YYYY-MM-DD (default: as the text states it)"
    )
    parser.add_argument("--inspection-id", help="the report's inspection_id (default: from title)")
    parser.add_argument("--force", help="the force_id the findings are tracked for")
    parser.add_argument("--out", required=True, help="proposed.csv or proposed.xlsx")
    parser.add_argument("--data", help="data folder (default: $OVERSIGHT_DATA_DIR or data/)")
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    try:
        published = dt.date.fromisoformat(args.published_on) if args.published_on else None
    except ValueError:
        print(f"error: --published-on must be a date YYYY-MM-DD, not {args.published_on!r}")
        return 2
    for value, what in ((args.inspection_id, "--inspection-id"), (args.force, "--force")):
        if value is not None and not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", value):
            print(f"error: {what} must be a lowercase id (letters, digits, - _ .), not {value!r}")
            return 2
    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        print("error: --out must end in .csv or .xlsx (the import reads those)")
        return 2
    path = Path(args.file)
    if not path.is_file():
        print(f"error: {path}: no such file")
        return 2
    data_dir = Path(args.data) if args.data else db.data_dir_from_env()
    try:
        proposal = ingest.read(
            path.name,
            path.read_bytes(),
            published_on=published,
            inspection_id=args.inspection_id,
            force_id=args.force,
            areas=ingest.load_areas(data_dir),
        )
    except IngestError as exc:
        print(f"error: {exc}")
        return 1
    ingest.check_recorded(proposal, data_dir)
    written = write(proposal, out)
    print(summary(proposal))
    for file in written:
        print(f"Wrote {file}")
    print(
        "Nothing is recorded yet: review the proposal, correct it, then import it "
        "(Record progress, or python -m oversight import FILE --editor EMAIL)."
    )
    return 0


def write(proposal: Proposal, out: Path) -> list[Path]:
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        out.write_bytes(to_xlsx(proposal))
        return [out]
    out.write_bytes(ingest.to_csv(proposal.recommendation_rows()))
    if proposal.report_recorded:
        return [out]
    beside = out.with_name(f"{out.stem}-inspection.csv")
    beside.write_bytes(ingest.to_csv([proposal.inspection_row()]))
    return [out, beside]


def to_xlsx(proposal: Proposal) -> bytes:
    """The import's workbook: an inspections sheet (the report, unless it is recorded already)
    and a recommendations sheet (the findings)."""
    sheets = [("recommendations", proposal.recommendation_rows())]
    if not proposal.report_recorded:
        sheets.insert(0, ("inspections", [proposal.inspection_row()]))
    return ingest.to_xlsx(sheets)


def summary(proposal: Proposal, *, notes: bool = True) -> str:
    """What was read, in words (and, with notes, what the reader should know)."""
    published = (
        f"published {long_date(proposal.published_on)} ({proposal.published_from})"
        if proposal.published_on
        else "publication date not stated"
    )
    counts = proposal.counts()
    found = ", ".join(
        f"{n} {labels.KIND_LABELS[kind].lower() if n == 1 else labels.KIND_PLURALS[kind]}"
        if kind in labels.KIND_LABELS
        else f"{n} of no stated kind"
        for kind, n in counts.items()
    )
    lines = [
        f"Read {proposal.file_name}: {proposal.title or 'no title stated'}; {published}"
        + (f"; {proposal.url}" if proposal.url else ""),
        f"{len(proposal.findings)} finding(s) found"
        + (f": {found}" if found else "")
        + (
            f"; {len(proposal.findings) - len(proposal.recorded)} proposed"
            if proposal.recorded
            else ""
        ),
    ]
    if notes:
        lines += [f"Note: {note}" for note in proposal.notes]
    return "\n".join(lines)
