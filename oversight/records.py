"""The write path: new positions (updates) and new recommendations appended to the curated tables.

What it guarantees, and how:

- **Editors only.** Every write function calls ``auth.require_editor`` itself: a page that forgot
  to hide its form still cannot write. ``recorded_by`` is the signed-in editor, never a form value.
- **Same rules as ``python -m oversight validate``.** The candidate files are written to a scratch
  copy of the data folder and loaded with ``db.validate``; only problems the new rows introduce
  block the write (a problem already in the data is not the editor's to fix here).
- **Append-only.** Existing bytes are kept exactly; new records go after them. A correction is a new
  row. The one exception: a new row that fills a column of the contract the file does not have yet
  (an older updates.csv has no ``revised_due_on``) adds that column at the end of the header, and an
  empty cell at the end of every existing record; nothing else in the file changes. A submitted row identical to one already recorded is skipped, so a re-import adds nothing.
- **Atomic.** Each file is written whole to a temporary file in the same folder, flushed and
  fsynced, then swapped in with ``os.replace``: a process killed at any step leaves either the old
  file or the new one, both valid. When a report and its recommendations are imported together,
  inspections.csv is replaced before recommendations.csv, so a stop between the two leaves a report
  with no recommendations yet (valid), never a recommendation with no report.
- **Safe under concurrency.** An exclusive ``fcntl.flock`` on a lock file in the data folder is held
  around read, validate and write, so two editors saving at once both land, one after the other.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import fcntl
import io
import os
import re
import shutil
import stat
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oversight import auth, csvfiles, db, deadline_rule
from oversight.schema import TABLES, known_columns

LOCK_FILE = ".oversight-write.lock"
LOCK_TIMEOUT_SECONDS = 60.0

# What an editor supplies for a new position; the app adds update_id, recorded_by, recorded_at.
# A position may move the finding's due date: revised_due_on, with the reason in revision_reason.
# A proposal to close carries its evidence; an approval names the proposal it approves.
UPDATE_FIELDS = (
    "rec_id",
    "as_at",
    "status",
    "rag",
    "note",
    "revised_due_on",
    "revision_reason",
    "evidence",
    "approves_update_id",
)
# Set only by an approver's decision (oversight.closure), never by a form or an import.
DECISION_FIELDS = ("approves_update_id",)
CLOSING_NEEDS_SIGN_OFF = (
    "closing needs an approver's sign-off: record 'pending_closure' with the evidence, and an "
    "approver closes it"
)
SET_BY_APP = ("update_id", "recorded_by", "recorded_at")
# The order files are replaced in: a referenced table before the table that refers to it.
WRITE_ORDER = ("inspections", "recommendations", "updates")


@dataclass(frozen=True)
class RowProblem:
    """A problem a submission would introduce, located by the submitted row and the column."""

    table: str
    index: int | None  # 0-based position in the submitted rows; None when not a submitted row
    column: str
    message: str
    line: int | None = None  # the line in the candidate CSV file

    def __str__(self) -> str:
        where = f"row {self.index + 1}" if self.index is not None else f"line {self.line}"
        return f"{TABLES[self.table].file}, {where}, column {self.column}: {self.message}"


@dataclass
class WriteResult:
    """What a write added (or, for a dry run, would add), what it skipped, and what blocked it."""

    added: dict[str, list[dict[str, str | None]]] = field(default_factory=dict)
    skipped: dict[str, list[int]] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    written: bool = False
    # What the write filled in itself, located like a problem (a due_on the deadline rule gave).
    notes: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def added_count(self, table: str | None = None) -> int:
        tables = [table] if table else list(self.added)
        return sum(len(self.added.get(t, [])) for t in tables)

    def skipped_count(self, table: str | None = None) -> int:
        tables = [table] if table else list(self.skipped)
        return sum(len(self.skipped.get(t, [])) for t in tables)


# --- public API ----------------------------------------------------------------------------


def append_updates(
    data_dir: Path | str,
    updates: Sequence[Mapping[str, object]],
    identity: auth.Identity | None,
    config: auth.EditingConfig | None = None,
    *,
    source: str | None = None,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    decision: bool = False,
) -> WriteResult:
    """Append new positions (rec_id, as_at, status, rag, note) to updates.csv.

    ``config`` defaults to the app's secrets files. Raises ``auth.NotAllowed`` for a non-editor.
    With ``dry_run`` nothing is written: the result says what would be added and what blocks it.
    Closing takes four eyes: a position ``closed`` is written only as an approver's ``decision``
    (``oversight.closure.approve``), which names the proposal it approves; anyone else proposes
    closure (``pending_closure``) with its evidence.
    """
    editor = auth.require_editor(identity, _config(config))
    recorded_at = _timestamp(now)

    def prepare(current: dict[str, _TableFile]) -> _Plan:
        plan = _Plan()
        existing = {_update_key(row) for row in current["updates"].rows}
        for index, submitted in enumerate(updates):
            values = {name: _clean(submitted.get(name)) for name in UPDATE_FIELDS}
            if not decision and values.get("status") == "closed":
                plan.problem("updates", index, "status", CLOSING_NEEDS_SIGN_OFF)
                continue
            if not decision and values.get("approves_update_id"):
                plan.problem(
                    "updates", index, "approves_update_id", "only an approver's decision sets it"
                )
                continue
            key = _update_key(values)
            if key in existing:
                plan.skip("updates", index)
                continue
            existing.add(key)
            row = dict(values)
            row["update_id"] = _update_id(values["rec_id"], values["as_at"])
            row["recorded_by"] = editor
            row["recorded_at"] = recorded_at
            if source is not None:
                row["source"] = _clean(source)
            plan.add("updates", index, row)
        return plan

    return _transaction(Path(data_dir), ("updates",), prepare, dry_run)


def append_recommendations(
    data_dir: Path | str,
    recommendations: Sequence[Mapping[str, object]],
    identity: auth.Identity | None,
    config: auth.EditingConfig | None = None,
    *,
    inspections: Sequence[Mapping[str, object]] = (),
    dry_run: bool = False,
) -> WriteResult:
    """Append new recommendations (and, optionally, the new reports they come from).

    A row whose key is already present with the same values is skipped; with different values it is
    a problem (an existing record is never edited by an import). A recommendation with a
    ``deadline_text`` and no ``due_on`` gets the deadline rule's date, counted from its report's
    ``published_on`` (in the same import or already recorded), and a note saying so.
    """
    auth.require_editor(identity, _config(config))
    submissions = {"inspections": list(inspections), "recommendations": list(recommendations)}
    tables = tuple(t for t in WRITE_ORDER if submissions.get(t))

    def prepare(current: dict[str, _TableFile]) -> _Plan:
        plan = _Plan()
        recorded = current.get("inspections") or _read_table(Path(data_dir), "inspections")
        published = {row.get("inspection_id"): row.get("published_on") for row in recorded.rows}
        for row in submissions["inspections"]:
            values = {str(k): _clean(v) for k, v in row.items()}
            published.setdefault(values.get("inspection_id"), values.get("published_on"))
        for table in tables:
            key_col = TABLES[table].key[0]
            by_key = {row.get(key_col): row for row in current[table].rows}
            seen: set[str] = set()
            allowed = set(known_columns(table)) | set(current[table].header)
            for index, submitted in enumerate(submissions[table]):
                values = {str(k): _clean(v) for k, v in submitted.items()}
                if table == "recommendations":
                    _fill_due_on(values, published, plan, index)
                unknown = sorted(k for k, v in values.items() if k not in allowed and v is not None)
                for name in unknown:
                    plan.problem(table, index, name, "not a column of this table")
                key = values.get(key_col)
                if key is not None and key in seen:
                    plan.skip(table, index)
                    continue
                if key is not None and key in by_key:
                    if _same(values, by_key[key]):
                        plan.skip(table, index)
                    else:
                        plan.problem(
                            table,
                            index,
                            key_col,
                            f"{key!r} is already recorded with different values; "
                            "an existing record is never edited by an import",
                        )
                    continue
                if key is not None:
                    seen.add(key)
                plan.add(table, index, values)
        return plan

    return _transaction(Path(data_dir), tables, prepare, dry_run)


def _fill_due_on(
    values: dict[str, str | None], published: Mapping[str | None, str | None], plan, index: int
) -> None:
    """A recommendation with deadline_text and no due_on: the deadline rule's date, and a note."""
    text = values.get("deadline_text")
    if not text or values.get("due_on"):
        return
    inspection = values.get("inspection_id")
    published_text = published.get(inspection)
    try:
        published_on = dt.date.fromisoformat(published_text) if published_text else None
    except ValueError:
        published_on = None  # validation reports the bad date on its own row
    due = deadline_rule.compute(text, published_on)
    if due.due_on is None:
        why = due.reason or "no date"
        if due.counts_from_publication:
            why = f"counts from the publication of {inspection}, whose date is not recorded"
        plan.note(index, "due_on", f'left empty: "{text}": {why}')
        return
    values["due_on"] = due.due_on.isoformat()
    source = ""
    if not values.get("due_source"):
        values["due_source"] = "inspectorate"
        source = "; due_source set to inspectorate (the deadline is the report's)"
    counted = (
        f" from publication on {published_on.isoformat()}" if due.counts_from_publication else ""
    )
    plan.note(
        index,
        "due_on",
        f'computed by the deadline rule: "{text}"{counted} means {due.due_on.isoformat()}{source}',
    )


# --- the transaction ----------------------------------------------------------------------


@dataclass
class _TableFile:
    name: str
    path: Path
    raw: bytes
    header: list[str]
    rows: list[dict[str, str | None]]
    newline: str


@dataclass
class _Plan:
    rows: dict[str, list[tuple[int, dict[str, str | None]]]] = field(default_factory=dict)
    skipped: dict[str, list[int]] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)

    def add(self, table: str, index: int, row: dict[str, str | None]) -> None:
        self.rows.setdefault(table, []).append((index, row))

    def skip(self, table: str, index: int) -> None:
        self.skipped.setdefault(table, []).append(index)

    def problem(self, table: str, index: int, column: str, message: str) -> None:
        self.problems.append(RowProblem(table, index, column, message))

    def note(self, index: int, column: str, message: str) -> None:
        self.notes.append(RowProblem("recommendations", index, column, message))


def _transaction(
    data_dir: Path,
    tables: tuple[str, ...],
    prepare: Callable[[dict[str, _TableFile]], _Plan],
    dry_run: bool,
) -> WriteResult:
    if not data_dir.is_dir():
        raise FileNotFoundError(f"data folder not found: {data_dir}")
    with _locked(data_dir):
        current = {name: _read_table(data_dir, name) for name in tables}
        plan = prepare(current)
        result = WriteResult(
            added={t: [row for _, row in rows] for t, rows in plan.rows.items()},
            skipped=plan.skipped,
            problems=list(plan.problems),
            notes=[n for n in plan.notes if n.index not in plan.skipped.get("recommendations", [])],
        )
        if result.problems or not any(plan.rows.values()):
            return result
        for name, rows in plan.rows.items():
            current[name] = _widened(current[name], [row for _, row in rows])
        candidates = {
            name: _with_rows(current[name], [row for _, row in plan.rows[name]])
            for name in plan.rows
        }
        for table, rows in plan.rows.items():
            result.added[table] = [_as_written(current[table].header, row) for _, row in rows]
        result.problems = _new_problems(data_dir, candidates, plan)
        if result.problems or dry_run:
            return result
        for name in WRITE_ORDER:
            if name in candidates:
                atomic_write(current[name].path, candidates[name])
        result.written = True
        return result


@contextlib.contextmanager
def _locked(data_dir: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """An exclusive lock across threads and processes, held for read, validate and write."""
    fd = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        "another save has held the data folder for too long; try again"
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def write_lock(data_dir: Path | str) -> contextlib.AbstractContextManager[None]:
    """The data folder's write lock, for the app's other writers beside the tables (the logs of
    oversight.logfiles): one save, import or log append at a time."""
    return _locked(Path(data_dir))


def atomic_write(path: Path, data: bytes) -> None:
    """Replace path with data so that a reader, or a crash, sees the old file or the new one."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- reading and rendering CSV ---------------------------------------------------------------


def _read_table(data_dir: Path, name: str) -> _TableFile:
    path = data_dir / TABLES[name].file
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    rows = [
        {col: _clean(cell) for col, cell in zip(header, record, strict=False)}
        for record in reader
        if any(cell.strip() for cell in record)
    ]
    newline = "\r\n" if b"\r\n" in raw[: raw.find(b"\n") + 1 or len(raw)] else "\n"
    return _TableFile(name, path, raw, header, rows, newline)


_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")


def _widened(table: _TableFile, rows: list[dict[str, str | None]]) -> _TableFile:
    """The file with the contract's columns that the new rows fill and its header lacks added at
    the end: the header gains their names, every existing record an empty cell for each (at the
    end of the record's last line, so a cell holding line breaks stays whole). Unchanged when
    nothing is missing."""
    missing = [
        name
        for name in known_columns(table.name)
        if name not in table.header and any(row.get(name) is not None for row in rows)
    ]
    if not missing:
        return table
    bom = table.raw.startswith(codecs.BOM_UTF8)
    text = table.raw.decode("utf-8-sig")
    lines = [m.group(0) for m in _PHYSICAL_LINE.finditer(text)]
    if lines and lines[-1] == "":
        lines.pop()
    reader = csv.reader(io.StringIO(text, newline=""))
    ends: list[tuple[int, bool]] = []  # (0-based last line of a record, whether it is the header)
    for number, record in enumerate(reader):
        if number == 0 or any(cell.strip() for cell in record):
            ends.append((reader.line_num - 1, number == 0))
    for last, is_header in ends:
        line = lines[last]
        body = line.rstrip("\r\n")
        cells = "," + ",".join(missing) if is_header else "," * len(missing)
        lines[last] = body + cells + line[len(body) :]
    raw = ("\ufeff" if bom else "") + "".join(lines)
    return _TableFile(
        table.name,
        table.path,
        raw.encode("utf-8"),
        table.header + missing,
        [{**row, **dict.fromkeys(missing)} for row in table.rows],
        table.newline,
    )


def _as_written(header: list[str], row: Mapping[str, str | None]) -> dict[str, str | None]:
    return {col: row.get(col) for col in header}


def _with_rows(table: _TableFile, rows: list[dict[str, str | None]]) -> bytes:
    """The file's bytes exactly as they are, then the new records in the file's own columns."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=table.newline)
    for row in rows:
        writer.writerow(["" if row.get(col) is None else row[col] for col in table.header])
    raw = table.raw
    if raw and not raw.endswith(b"\n"):
        raw += table.newline.encode()
    return raw + out.getvalue().encode("utf-8")


# --- validation -----------------------------------------------------------------------------


def _new_problems(data_dir: Path, candidates: dict[str, bytes], plan: _Plan) -> list[RowProblem]:
    """Problems `python -m oversight validate` finds in the candidate files and not in the data."""
    found, new_lines = _validate_candidate(data_dir, candidates)
    if not found:
        return []
    before = set(db.validate(data_dir))
    out: list[RowProblem] = []
    by_file = {TABLES[t].file: t for t in TABLES}
    for problem in found:
        if problem in before:
            continue
        table = by_file.get(problem.file)
        if table is None:
            continue
        lines = new_lines.get(table, {})
        position = lines.get(problem.line)
        index = plan.rows[table][position][0] if position is not None else None
        out.append(RowProblem(table, index, problem.column, problem.message, problem.line))
    return sorted(out, key=lambda p: (p.table, p.index if p.index is not None else -1, p.column))


def _validate_candidate(
    data_dir: Path, candidates: dict[str, bytes]
) -> tuple[list[db.Problem], dict[str, dict[int, int]]]:
    """Validate a scratch copy of the folder holding the candidate files.

    Returns the problems, and for each changed table the CSV line of each new record -> its
    position among the new records.
    """
    with tempfile.TemporaryDirectory(prefix="oversight-validate-") as tmp:
        scratch = Path(tmp)
        for table in TABLES.values():
            target = scratch / table.file
            if table.name in candidates:
                target.write_bytes(candidates[table.name])
                continue
            source = data_dir / table.file
            if source.is_file():
                try:
                    os.link(source, target)
                except OSError:
                    shutil.copyfile(source, target)
        if (data_dir / "evidence").is_dir():
            (scratch / "evidence").symlink_to((data_dir / "evidence").resolve())
        problems = db.validate(scratch)
        new_lines: dict[str, dict[int, int]] = {}
        for name in candidates:
            old_count = len(csvfiles.record_lines(data_dir / TABLES[name].file))
            lines = csvfiles.record_lines(scratch / TABLES[name].file)
            new_lines[name] = {line: i for i, line in enumerate(lines[old_count:])}
    return problems, new_lines


# --- values ---------------------------------------------------------------------------------


def _config(config: auth.EditingConfig | None) -> auth.EditingConfig:
    return auth.load_config() if config is None else config


def _clean(value: object) -> str | None:
    """A cell as text: dates in ISO form, surrounding space dropped, empty = None (unknown)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, float) and value != value:  # NaN from a DataFrame
        return None
    if isinstance(value, bool):
        value = "true" if value else "false"
    text = str(value).replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _update_key(row: Mapping[str, str | None]) -> tuple:
    return tuple(_clean(row.get(name)) for name in UPDATE_FIELDS)


def _same(values: Mapping[str, str | None], existing: Mapping[str, str | None]) -> bool:
    return all(_clean(existing.get(k)) == v for k, v in values.items() if v is not None)


def _update_id(rec_id: str | None, as_at: str | None) -> str:
    return f"u-{rec_id or 'unknown'}-{as_at or 'undated'}-{uuid.uuid4().hex[:8]}"


def _timestamp(now: dt.datetime | None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is not None:
        now = now.astimezone(dt.UTC)
        return now.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    return now.replace(microsecond=0).isoformat()
