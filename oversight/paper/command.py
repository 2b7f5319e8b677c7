"""`python -m oversight briefing`: write the committee briefing pack for a meeting."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from oversight import db
from oversight.paper.assemble import build
from oversight.paper.render import FORMATS, render
from oversight.periods import long_date


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "briefing",
        help="write the committee briefing pack for a meeting (DOCX, PDF or Markdown)",
        description="Write the committee briefing pack for a meeting. --since defaults to the "
        "previous meeting in meetings.csv; when none is recorded, to the first day of the month "
        "three months before the meeting (the pack says which).",
    )
    parser.add_argument(
        "--meeting",
        required=True,
        help="meeting date YYYY-MM-DD (a meeting in meetings.csv, or any date), or a meeting_id",
    )
    parser.add_argument("--since", help="start of 'since the last meeting', YYYY-MM-DD")
    parser.add_argument("--next", dest="next_on", help="end of 'before the next meeting'")
    parser.add_argument("--force", help="force_id (needed when several forces track findings)")
    parser.add_argument("--format", choices=FORMATS, help="default: from --out's extension")
    parser.add_argument("--out", required=True, help="file to write")
    parser.add_argument("--data", help="data folder (default: $OVERSIGHT_DATA_DIR or data/)")
    parser.set_defaults(func=command)


def _date(value: str | None, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"error: {what} must be a date YYYY-MM-DD, not {value!r}") from None


def command(args: argparse.Namespace) -> int:
    data_dir = Path(args.data) if args.data else db.data_dir_from_env()
    ds = db.load(data_dir)
    if ds.folder_problem:
        print(f"error: {ds.problems[0].message}", file=sys.stderr)
        return 1
    if ds.problems:
        for problem in ds.problems:
            print(problem, file=sys.stderr)
        print(f"error: the data in {data_dir} is not valid; no pack written", file=sys.stderr)
        return 1
    meeting_on = meeting_date(ds, args.meeting)
    fmt = args.format or Path(args.out).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        print(
            f"error: give --format {'|'.join(FORMATS)} (or an --out ending in one)", file=sys.stderr
        )
        return 2
    try:
        pack = build(
            ds,
            meeting_on,
            since=_date(args.since, "--since"),
            force_id=args.force,
            next_on=_date(args.next_on, "--next"),
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    data = render(pack, fmt)
    Path(args.out).write_bytes(data)
    print(
        f"Wrote {args.out} ({fmt}, {len(data):,} bytes, {pack.word_count():,} words): briefing "
        f"for {long_date(meeting_on)}, since {long_date(pack.since)}"
    )
    return 0


def meeting_date(ds, meeting: str) -> dt.date:
    """A --meeting value (a date YYYY-MM-DD or a meeting_id) as the meeting's date."""
    try:
        return dt.date.fromisoformat(meeting)
    except ValueError:
        pass
    meetings = ds.query("meeting_papers")
    match = meetings[meetings["meeting_id"] == meeting]
    if match.empty:
        known = ", ".join(meetings["meeting_id"]) or "none"
        raise SystemExit(
            f"error: --meeting must be a date YYYY-MM-DD or a meeting_id (known: {known}), "
            f"not {meeting!r}"
        )
    return match["held_on"].iloc[0].date()
