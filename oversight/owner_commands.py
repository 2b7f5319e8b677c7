"""The owners' loop from the command line: `returns`, `import`, `remind` and `calendar`.

python -m oversight returns --meeting 2018-06-28 --out returns/
python -m oversight import return-acc-crime-2018-06-28.xlsx --editor risk.manager@force.example --dry-run
python -m oversight remind --as-at 2018-06-28 --within 45 --outbox outbox/     # or --send
python -m oversight calendar --out due.ics --owner "ACC Crime"
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tomllib
from pathlib import Path

import pandas as pd

from oversight import (
    auth,
    calendar_feed,
    db,
    imports,
    logfiles,
    records,
    reminders,
    returns,
    vocabulary,
)
from oversight.paper.command import meeting_date

DEFAULT_BASE_URL = "http://localhost:8501"
REQUESTS_FILE = "return_requests.csv"
REQUEST_COLUMNS = (
    "request_id",
    "rec_id",
    "owner",
    "requested_on",
    "as_at",
    "meeting_on",
    "requested_by",
)


def read_secrets(files: tuple[Path, ...] = auth.SECRETS_FILES) -> dict:
    """The secrets files Streamlit reads, merged (later files win); {} when none can be read."""
    merged: dict = {}
    for path in files:
        if path.is_file():
            try:
                with open(path, "rb") as fh:
                    merged.update(tomllib.load(fh))
            except (OSError, tomllib.TOMLDecodeError):
                return {}
    return merged


def base_url(secrets: dict | None = None) -> str:
    """The dashboard's address for links in e-mails and calendars: OVERSIGHT_BASE_URL, else
    `[app] base_url` in the secrets, else the local default."""
    env = os.environ.get("OVERSIGHT_BASE_URL")
    if env:
        return env
    app = (secrets if secrets is not None else read_secrets()).get("app", {}) or {}
    return str(app.get("base_url") or DEFAULT_BASE_URL)


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"error: {what} must be a date YYYY-MM-DD, not {text!r}") from None


def _dataset(args: argparse.Namespace) -> db.Dataset:
    data_dir = Path(args.data) if getattr(args, "data", None) else db.data_dir_from_env()
    ds = db.load(data_dir)
    if ds.folder_problem:
        raise SystemExit(f"error: {ds.problems[0].message}")
    if ds.problems:
        for problem in ds.problems[:20]:
            print(problem, file=sys.stderr)
        raise SystemExit(
            f"error: {len(ds.problems)} problem(s) in {data_dir}: run `python -m oversight validate`"
        )
    return ds


def _force(ds: db.Dataset, force_id: str | None) -> tuple[str | None, str | None]:
    forces = db.run_query(ds, "tracking_forces")
    if force_id:
        match = forces[forces["force_id"] == force_id]
        if match.empty:
            known = ", ".join(forces["force_id"]) or "none"
            raise SystemExit(f"error: --force {force_id!r} tracks no findings (known: {known})")
        return force_id, str(match["name"].iloc[0])
    if len(forces) == 1:
        return str(forces["force_id"].iloc[0]), str(forces["name"].iloc[0])
    return None, None


def rag_labels(ds: db.Dataset) -> dict[str, str]:
    """{code: label} in display order, from the data's rag.csv."""
    return vocabulary.rag_scale(ds).labels


# --- returns -----------------------------------------------------------------------------------


def make_returns(
    ds: db.Dataset,
    meeting_on: dt.date,
    as_at: dt.date,
    force_id: str | None,
) -> tuple[pd.DataFrame, dict[str, tuple[str, bytes]]]:
    items = db.run_query(ds, "returns_items", as_at=as_at, force_id=force_id, owner=None)
    return items, returns.workbooks(items, as_at, meeting_on, rag_labels(ds))


def record_request(
    data_dir: Path, items: pd.DataFrame, meeting_on: dt.date, as_at: dt.date, by: str | None
) -> int:
    rows = returns.request_rows(items, dt.date.today(), as_at, meeting_on)
    for row in rows:
        row["requested_by"] = by
    return logfiles.append_rows(data_dir, REQUESTS_FILE, REQUEST_COLUMNS, rows)


def _returns(args: argparse.Namespace) -> int:
    ds = _dataset(args)
    meeting_on = meeting_date(ds, args.meeting)
    as_at = _date(args.as_at, "--as-at") if args.as_at else min(dt.date.today(), meeting_on)
    force_id, _ = _force(ds, args.force)
    items, books = make_returns(ds, meeting_on, as_at, force_id)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for owner, (name, data) in books.items():
        (out / name).write_bytes(data)
        n = int((items["owner"] == owner).sum())
        print(f"{out / name}: {owner}, {n} open finding(s)")
    if not books:
        print(f"No open findings as at {as_at:%d %B %Y}: no return to ask for.")
        return 0
    if args.no_record:
        print("Not recorded as a request (--no-record): the chase list will not show it.")
    else:
        record_request(ds.data_dir, items, meeting_on, as_at, args.by)
        print(f"Recorded as a request in {REQUESTS_FILE}: the chase list follows it.")
    return 0


# --- import ------------------------------------------------------------------------------------


def _kind_of(path: Path, data: bytes, asked: str | None) -> str:
    if asked:
        return asked
    if path.suffix.lower() == ".xlsx":
        import io
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        except (zipfile.BadZipFile, KeyError):
            return "updates"
        if f'name="{returns.SHEET}"' in workbook:
            return "return"
    return "updates"


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    config = auth.load_config()
    identity = auth.Identity(auth.normalise_email(args.editor), None, True)
    if not auth.may_write(identity, config):
        reason = config.reason_off() or f"{args.editor} is not an editor in the app's secrets"
        print(f"error: {reason}", file=sys.stderr)
        return 2
    ds = _dataset(args)
    data = path.read_bytes()
    kind = _kind_of(path, data, args.kind)
    upload = imports.read_upload(path.name, data, kind, rag_labels(ds))
    run = imports.preview if args.dry_run else imports.commit
    try:
        result = run(ds.data_dir, upload, identity, config, dataset=ds)
    except (auth.NotAllowed, records.DataFolderError, TimeoutError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if upload.changes is not None and not upload.changes.empty:
        print("What changes, per finding:")
        for row in upload.changes.itertuples(index=False):
            print(f"  {row.Finding}: {row.From} -> {row.To}")
    for problem in result.problems:
        print(problem)
    if result.problems:
        print(f"Nothing added: {len(result.problems)} problem(s) in {path.name}", file=sys.stderr)
        return 1
    verb = "Would add" if args.dry_run else "Added"
    print(
        f"{verb} {result.added_count()} row(s) from {path.name} ({kind}); "
        f"{result.skipped_count()} already recorded."
    )
    return 0


# --- reminders ---------------------------------------------------------------------------------


def _remind(args: argparse.Namespace) -> int:
    ds = _dataset(args)
    as_at = _date(args.as_at, "--as-at")
    force_id, force_name = _force(ds, args.force)
    items = db.run_query(
        ds, "reminder_items", as_at=as_at, within_days=args.within, force_id=force_id
    )
    stale_days = int(db.run_query(ds, "vocabulary")["stale_days"].iloc[0])
    secrets = read_secrets()
    settings = reminders.smtp_settings(secrets)
    if args.send and settings.problem:
        print(f"error: {settings.problem}", file=sys.stderr)
        return 2
    sender = settings.sender or "oversight@localhost"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    link_base = base_url(secrets)
    outcome = reminders.Outcome()
    messages = []
    for digest in reminders.digests(items, args.within, reminders.sent_keys(ds.data_dir)):
        if not digest.reachable:
            outcome.unreachable.append(digest.owner)
            continue
        if digest.items.empty:
            outcome.nothing_new.append(digest.owner)
            continue
        messages.append(
            (
                digest,
                reminders.message(
                    digest, as_at, args.within, sender, link_base, force_name, now, stale_days
                ),
            )
        )
    if args.send:
        reminders.send(messages, settings, ds.data_dir, args.within, now, outcome)
    else:
        outcome.written = reminders.write_outbox(messages, Path(args.outbox))
    for path in outcome.written:
        print(f"written: {path}")
    for owner in outcome.sent:
        print(f"sent: {owner}")
    for owner in outcome.nothing_new:
        print(f"nothing new: {owner} (every item already reminded of)")
    for owner in outcome.unreachable:
        n = int((items["owner"] == owner).sum())
        print(f"UNREACHABLE: {owner} ({n} item(s)): no address in owners.csv")
    for owner, why in outcome.failed:
        print(f"FAILED: {owner}: {why}", file=sys.stderr)
    if not messages and not outcome.unreachable:
        print(f"Nothing to remind anyone of as at {as_at:%d %B %Y} (window {args.within} days).")
    return 1 if outcome.failed else 0


# --- calendar ----------------------------------------------------------------------------------


def calendar_bytes(
    ds: db.Dataset, as_at: dt.date, force_id: str | None, owner: str | None, link_base: str
) -> bytes:
    events = db.run_query(ds, "calendar_events", as_at=as_at, force_id=force_id, owner=owner)
    name = f"HMICFRS dates: {owner}" if owner else "HMICFRS dates"
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return calendar_feed.calendar(events, name, stamp, base_url=link_base)


def _calendar(args: argparse.Namespace) -> int:
    ds = _dataset(args)
    force_id, _ = _force(ds, args.force)
    if args.as_at:
        as_at = _date(args.as_at, "--as-at")
    else:
        latest = db.run_query(ds, "latest_as_at")["latest_as_at"].iloc[0]
        as_at = pd.Timestamp(latest).date() if pd.notna(latest) else dt.date.today()
    data = calendar_bytes(ds, as_at, force_id, args.owner, base_url())
    Path(args.out).write_bytes(data)
    print(f"{args.out}: {data.count(b'BEGIN:VEVENT')} event(s)")
    return 0


def add_parsers(sub) -> None:
    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", help="data folder (default: $OVERSIGHT_DATA_DIR or data/)")
        p.add_argument("--force", help="force_id (default: the one force tracking findings)")

    p = sub.add_parser("returns", help="one XLSX return per chief officer lead, pre-filled")
    p.add_argument("--meeting", required=True, help="the meeting: a date or a meeting_id")
    p.add_argument("--out", required=True, help="folder to write the workbooks to")
    p.add_argument("--as-at", help="positions as at (default: today, or the meeting if earlier)")
    p.add_argument("--by", help="who asked (recorded with the request)")
    p.add_argument(
        "--no-record", action="store_true", help="do not record the request for the chase list"
    )
    common(p)
    p.set_defaults(func=_returns)

    p = sub.add_parser("import", help="import a return or a CSV/XLSX as a listed editor")
    p.add_argument("file")
    p.add_argument("--editor", required=True, help="an editor's address from the app's secrets")
    p.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    p.add_argument("--kind", choices=sorted(imports.KINDS), help="default: detected")
    common(p)
    p.set_defaults(func=_import)

    p = sub.add_parser("remind", help="e-mail each owner a digest of due, overdue, stale items")
    p.add_argument("--as-at", required=True, help="the date reminders are for (YYYY-MM-DD)")
    p.add_argument("--within", type=int, required=True, help="due within this many days")
    way = p.add_mutually_exclusive_group(required=True)
    way.add_argument("--outbox", help="write one .eml per owner here for review")
    way.add_argument("--send", action="store_true", help="send through [smtp] in the secrets")
    common(p)
    p.set_defaults(func=_remind)

    p = sub.add_parser("calendar", help="an iCalendar file of due dates and inspections")
    p.add_argument("--out", required=True)
    p.add_argument("--owner", help="only this owner's findings (as named in the leads columns)")
    p.add_argument("--as-at", help="open findings as at (default: the latest position)")
    common(p)
    p.set_defaults(func=_calendar)
