"""The write path: new positions (updates) and new recommendations appended to the curated tables.

What it guarantees, and how:

- **Editors only.** Every write function calls ``auth.require_editor`` itself: a page that forgot
  to hide its form still cannot write. ``recorded_by`` is the signed-in editor, never a form value.
- **Same rules as ``python -m oversight validate``.** The rows a save adds are checked with the
  same column, key, reference and cross-table rules, against the typed tables already loaded
  (``db.check_added``); only problems of the new rows block the save (a problem already in the
  data is not the editor's to fix here). Nothing is read again but what was appended to the files
  since they were loaded, so a save takes milliseconds at any size of register.
- **Append-only.** Existing bytes are kept exactly; new records are appended after them. A
  correction is a new row. A submitted row identical to one already recorded is skipped, so a
  re-import adds nothing. (Once, when a file lacks a column the app fills, such as ``seal``, the
  file is rewritten with that column added, empty on every earlier row, its values unchanged.)
- **Sealed.** Each position recorded carries a seal chained to the one before (``oversight.seal``):
  ``validate`` then reports a sealed row changed or removed after it was recorded.
- **No formulas.** A cell that a spreadsheet would run (leading ``=``, ``+``, ``-``, ``@``, tab,
  CR) is stored with a single quote before it (``oversight.escape.cell``); the loader takes it
  off, so pages and packs show the text as it was typed.
- **Atomic.** Before appending, a journal names each file's size and the bytes to add; the rows
  are appended and fsynced, the seal file replaced, and the journal removed. A save killed at any
  step is completed or undone by the next one (the journal says which), and any scratch file a
  killed save left is removed then. When a report and its recommendations are imported together,
  inspections.csv is appended before recommendations.csv.
- **Safe under concurrency.** An exclusive ``fcntl.flock`` on a lock file in the data folder is held
  around catching up, checking and appending, so two editors saving at once both land, one after
  the other.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import fcntl
import hashlib
import io
import json
import os
import re
import stat
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oversight import auth, csvfiles, db, deadline_rule, escape, seal
from oversight.schema import TABLES, known_columns

LOCK_FILE = ".oversight-write.lock"
JOURNAL_FILE = ".oversight-journal"
LOCK_TIMEOUT_SECONDS = 60.0
# Rows appended since the loaded tables were read, beyond which the tables are loaded again.
REBASE_ROWS = 20_000

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
SET_BY_APP = ("update_id", "recorded_by", "recorded_at", seal.COLUMN)
# The order files are appended to: a referenced table before the table that refers to it.
WRITE_ORDER = ("inspections", "recommendations", "updates")
_SCRATCH = re.compile(r"^\.[^/]+\.[0-9a-f]{12}\.tmp$")


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


class DataFolderError(OSError):
    """The data folder cannot be written: missing, not a folder, or not writable."""


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
    dataset: db.Dataset | None = None,
) -> WriteResult:
    """Append new positions (rec_id, as_at, status, rag, note) to updates.csv.

    ``config`` defaults to the app's secrets files. Raises ``auth.NotAllowed`` for a non-editor.
    With ``dry_run`` nothing is written: the result says what would be added and what blocks it.
    Closing takes four eyes: a position ``closed`` is written only as an approver's ``decision``
    (``oversight.closure.approve``), which names the proposal it approves; anyone else proposes
    closure (``pending_closure``) with its evidence.
    ``dataset`` is the folder as the caller has it loaded (the app's): the save starts from it
    instead of loading the tables itself.
    """
    editor = auth.require_editor(identity, _config(config))
    recorded_at = _timestamp(now)

    def prepare(folder: _Folder) -> _Plan:
        plan = _Plan()
        submitted = [{name: _clean(u.get(name)) for name in UPDATE_FIELDS} for u in updates]
        existing = folder.update_keys({v["rec_id"] for v in submitted if v["rec_id"]})
        for index, values in enumerate(submitted):
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

    return _transaction(Path(data_dir), ("updates",), prepare, dry_run, dataset)


def append_recommendations(
    data_dir: Path | str,
    recommendations: Sequence[Mapping[str, object]],
    identity: auth.Identity | None,
    config: auth.EditingConfig | None = None,
    *,
    inspections: Sequence[Mapping[str, object]] = (),
    dry_run: bool = False,
    dataset: db.Dataset | None = None,
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

    def prepare(folder: _Folder) -> _Plan:
        plan = _Plan()
        submitted = {
            t: [{str(k): _clean(v) for k, v in s.items()} for s in submissions[t]] for t in tables
        }
        wanted = {r.get("inspection_id") for r in submitted.get("recommendations", [])} - {None}
        published = {
            key: row.get("published_on")
            for key, row in folder.rows_by_key("inspections", "inspection_id", wanted).items()
        }
        for row in submitted.get("inspections", []):
            published.setdefault(row.get("inspection_id"), row.get("published_on"))
        for table in tables:
            key_col = TABLES[table].key[0]
            rows = submitted[table]
            if table == "recommendations":
                for index, values in enumerate(rows):
                    _fill_due_on(values, published, plan, index)
            by_key = folder.rows_by_key(table, key_col, {r.get(key_col) for r in rows} - {None})
            seen: set[str] = set()
            allowed = set(known_columns(table)) | set(folder.headers[table])
            for index, values in enumerate(rows):
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

    return _transaction(Path(data_dir), tables, prepare, dry_run, dataset)


def check_folder(data_dir: Path | str, for_readers: bool = False) -> str | None:
    """Why the app cannot write to the data folder, in one line naming it (None when it can).
    For readers of a page the folder is named by its last part only (see db.folder_problem)."""
    unreadable = db.folder_problem(data_dir, for_readers)
    if unreadable:
        return unreadable
    folder = Path(data_dir)
    if not os.access(folder, os.W_OK | os.X_OK):
        name = f"“{folder.name}”" if for_readers else str(folder)
        return f"The data folder {name} cannot be written by the server: nothing can be recorded."
    return None


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


# --- what a save starts from ------------------------------------------------------------------


@dataclass
class _Folder:
    """A data folder as this process knows it between saves: the typed tables as loaded, and the
    rows appended to the files since (by this process or any other), read from where it stopped.
    """

    path: Path
    base: db.Dataset
    read_to: dict[str, db.FileState | None]
    loaded_rows: dict[str, int]
    headers: dict[str, list[str]]
    tail: dict[str, list[dict[str, str | None]]] = field(default_factory=dict)
    chain: str = ""  # the last seal in updates.csv ("" before the first)
    sealed: int = 0  # how many sealed rows updates.csv holds

    @classmethod
    def start(cls, path: Path, ds: db.Dataset) -> _Folder | None:
        if ds.file_states is None:
            return None
        cur = ds.cursor()
        try:
            loaded = {
                t: cur.execute(f'select count(*) from "{t}"').fetchone()[0] for t in WRITE_ORDER
            }
            last = cur.execute(
                "select seal from updates where seal is not null order by rowid desc limit 1"
            ).fetchone()
            sealed = cur.execute("select count(seal) from updates").fetchone()[0]
        finally:
            cur.close()
        headers = {t: _header(path, t) for t in WRITE_ORDER}
        return cls(
            path,
            ds,
            dict(ds.file_states),
            loaded,
            headers,
            {t: [] for t in WRITE_ORDER},
            last[0] if last else "",
            sealed,
        )

    def catch_up(self) -> bool:
        """Read the rows appended since; False when a file changed in any other way."""
        for table in TABLES.values():
            then = self.read_to.get(table.name)
            path = self.path / table.file
            if table.name not in WRITE_ORDER:
                now = db.file_state(path)
                if (now is None) != (then is None) or (
                    now is not None
                    and (now.inode, now.size, now.mtime_ns)
                    != (then.inode, then.size, then.mtime_ns)
                ):
                    return False
                continue
            if then is None:
                return False
            now = db.grew_from(path, then)
            if now is None:
                return False
            if now.size > then.size:
                header = _header(self.path, table.name)
                if header != self.headers[table.name]:
                    return False
                for row in _read_rows(path, then.size, now.size, header):
                    self.tail[table.name].append(row)
                    if table.name == "updates" and row.get(seal.COLUMN):
                        self.chain = row[seal.COLUMN]
                        self.sealed += 1
            self.read_to[table.name] = now
        return sum(len(rows) for rows in self.tail.values()) <= REBASE_ROWS

    def update_keys(self, rec_ids: set[str]) -> set[tuple]:
        found = set()
        if rec_ids:
            cur = self.base.cursor()
            try:
                rows = cur.execute(
                    f"select {', '.join(UPDATE_FIELDS)} from updates "
                    "where list_contains($ids, rec_id)",
                    {"ids": sorted(rec_ids)},
                ).fetchall()
            finally:
                cur.close()
            found = {_update_key(dict(zip(UPDATE_FIELDS, r, strict=True))) for r in rows}
        found |= {_update_key(r) for r in self.tail["updates"] if r.get("rec_id") in rec_ids}
        return found

    def rows_by_key(self, table: str, key_col: str, keys: set[str]) -> dict[str, dict]:
        found: dict[str, dict] = {}
        if keys:
            cur = self.base.cursor()
            try:
                cur.execute(
                    f'select * from "{table}" where list_contains($keys, "{key_col}")',
                    {"keys": sorted(keys)},
                )
                names = [d[0] for d in cur.description]
                records = cur.fetchall()
            finally:
                cur.close()
            for record in records:
                row = {k: _clean(v) for k, v in zip(names, record, strict=True)}
                found.setdefault(row[key_col], row)
        for row in self.tail[table]:
            if row.get(key_col) in keys:
                found.setdefault(row[key_col], row)
        return found

    def appended(self, table: str) -> db.Appended:
        return db.Appended(list(self.headers[table]), self.tail[table])


_FOLDERS: dict[Path, _Folder] = {}
_FOLDERS_LOCK = threading.Lock()


def _folder(path: Path, dataset: db.Dataset | None) -> _Folder | None:
    """What this process knows of the folder, or a start from the caller's dataset (or a load),
    read outside the lock: it is checked, and caught up, under the lock."""
    key = path.resolve()
    with _FOLDERS_LOCK:
        known = _FOLDERS.get(key)
    if known is not None and not _newer(dataset, known):
        return known
    started = None
    if dataset is not None and Path(dataset.data_dir).resolve() == key:
        started = _Folder.start(key, dataset)
    if started is None:
        started = _Folder.start(key, db.load(key, keep_invalid=True))
    if started is not None:
        with _FOLDERS_LOCK:
            if known is not None and _FOLDERS.get(key) is known:
                del _FOLDERS[key]  # a newer dataset replaces the one loaded before
            started = _FOLDERS.setdefault(key, started)
    return started


def _newer(dataset: db.Dataset | None, known: _Folder) -> bool:
    """True when the caller's dataset holds more of the files than the one this process keeps
    (the dashboard loaded the folder again since): the save starts from it, and the older one
    is let go."""
    if dataset is None or dataset.file_states is None or dataset is known.base:
        return False
    if Path(dataset.data_dir).resolve() != known.path:
        return False
    then = known.base.file_states or {}
    for table in WRITE_ORDER:
        new, old = dataset.file_states.get(table), then.get(table)
        if new is None or old is None or new.inode != old.inode or new.size < old.size:
            return False
    return any(dataset.file_states[t].size > then[t].size for t in WRITE_ORDER)


def _current(path: Path, folder: _Folder | None) -> _Folder:
    """Under the lock: the folder caught up with every row appended so far."""
    if folder is None or not folder.catch_up():
        folder = _Folder.start(path.resolve(), db.load(path, keep_invalid=True))
        if folder is None or not folder.catch_up():
            raise DataFolderError(
                f"The data folder {path} changed while it was being read; try again."
            )
    with _FOLDERS_LOCK:
        _FOLDERS[path.resolve()] = folder
    return folder


def forget(data_dir: Path | str) -> None:
    """Drop what this process knows of a folder (the next save loads it again)."""
    with _FOLDERS_LOCK:
        _FOLDERS.pop(Path(data_dir).resolve(), None)


# --- the transaction ----------------------------------------------------------------------


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
    prepare: Callable[[_Folder], _Plan],
    dry_run: bool,
    dataset: db.Dataset | None,
) -> WriteResult:
    reason = check_folder(data_dir)
    if reason:
        raise DataFolderError(reason)
    # Loading the tables (the first save of a process) happens before waiting for the lock, so
    # editors saving at once do not load one after the other; under the lock it is caught up.
    candidate = _folder(data_dir, dataset)
    with _locked(data_dir):
        recover(data_dir)
        folder = _current(data_dir, candidate)
        plan = prepare(folder)
        result = WriteResult(
            added={t: [row for _, row in rows] for t, rows in plan.rows.items()},
            skipped=plan.skipped,
            problems=list(plan.problems),
            notes=[n for n in plan.notes if n.index not in plan.skipped.get("recommendations", [])],
        )
        if result.problems or not any(plan.rows.values()):
            return result
        headers = {t: _header_for(t, folder.headers[t], rows) for t, rows in plan.rows.items()}
        for table, rows in plan.rows.items():
            result.added[table] = [_as_written(headers[table], row) for _, row in rows]
        result.problems = _new_problems(folder, headers, plan)
        if result.problems or dry_run:
            return result
        for table in plan.rows:
            if headers[table] != folder.headers[table]:
                _add_columns(folder, table, headers[table])
        _append_all(folder, plan)
        result.written = True
        return result


def _new_problems(folder: _Folder, headers: dict[str, list[str]], plan: _Plan) -> list[RowProblem]:
    """The problems `python -m oversight validate` would find on the rows the save adds."""
    tables = {t: folder.appended(t) for t in WRITE_ORDER}
    for table, rows in plan.rows.items():
        tables[table].header = headers[table]
        tables[table].new = [row for _, row in rows]
    found = db.check_added(folder.base, {t: a for t, a in tables.items() if a.existing or a.new})
    out = [
        RowProblem(table, plan.rows[table][position][0], column, message)
        for table, position, column, message in found
    ]
    return sorted(out, key=lambda p: (p.table, p.index if p.index is not None else -1, p.column))


def _header_for(table: str, header: list[str], rows: list[tuple[int, dict]]) -> list[str]:
    """The file's columns, and those of the contract the new rows fill that it lacks (an older
    updates.csv has no ``revised_due_on``, nor ``seal``), added at the end."""
    out = list(header)
    wanted = [seal.COLUMN] if table == "updates" else []
    contract = known_columns(table)
    for _, row in rows:
        wanted += [k for k, v in row.items() if v is not None and k in contract]
    for name in wanted:
        if name not in out:
            out.append(name)
    return out


def _append_all(folder: _Folder, plan: _Plan) -> None:
    """Render, seal and append the new rows of every table, through the journal."""
    payloads: dict[str, bytes] = {}
    chain, sealed = folder.chain, folder.sealed
    written: dict[str, list[dict[str, str | None]]] = {}
    for table in WRITE_ORDER:
        if table not in plan.rows:
            continue
        header = folder.headers[table]
        newline = _newline(folder.path / TABLES[table].file)
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator=newline)
        for _, row in plan.rows[table]:
            cells = {col: escape.cell(row[col]) if row.get(col) else None for col in header}
            if table == "updates" and seal.COLUMN in header:
                cells[seal.COLUMN] = chain = seal.make(cells, chain)
                sealed += 1
            writer.writerow(["" if cells[col] is None else cells[col] for col in header])
            logical = {col: row.get(col) for col in header}
            if seal.COLUMN in cells:
                logical[seal.COLUMN] = cells[seal.COLUMN]
            written.setdefault(table, []).append(logical)
        data = out.getvalue().encode("utf-8")
        state = folder.read_to[table]
        if state is not None and state.size and not state.edge.endswith(b"\n"):
            data = newline.encode() + data
        payloads[table] = data
    head = seal.Head(sealed, chain) if sealed != folder.sealed else None
    _commit(folder.path, payloads, head)
    for table, rows in written.items():
        folder.tail[table] += rows
        folder.read_to[table] = db.file_state(folder.path / TABLES[table].file)
    folder.chain, folder.sealed = chain, sealed


_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")


def _add_columns(folder: _Folder, table: str, header: list[str]) -> None:
    """Rewrite a table file with columns added at the end (once, atomically): the header gains
    their names, every existing record an empty cell for each, at the end of the record's last
    line (so a cell holding line breaks stays whole). Nothing else in the file changes."""
    path = folder.path / TABLES[table].file
    missing = header[len(folder.headers[table]) :]
    raw = path.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
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
    atomic_write(path, (("\ufeff" if bom else "") + "".join(lines)).encode("utf-8"))
    folder.headers[table] = list(header)
    folder.read_to[table] = db.file_state(path)


# --- the journal: appends that are completed or undone ----------------------------------------


def _commit(data_dir: Path, payloads: dict[str, bytes], head: seal.Head | None) -> None:
    entries = {}
    for table, data in payloads.items():
        state = db.file_state(data_dir / TABLES[table].file)
        entries[TABLES[table].file] = {
            "inode": state.inode,
            "size": state.size,
            "length": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    before = seal.read_head(data_dir)
    journal = {
        "files": entries,
        "seal_before": None if before is None else [before.sealed, before.seal],
        "seal_after": None if head is None else [head.sealed, head.seal],
    }
    atomic_write(data_dir / JOURNAL_FILE, json.dumps(journal).encode())
    try:
        for table in WRITE_ORDER:
            if table in payloads:
                _append(data_dir / TABLES[table].file, payloads[table])
        if head is not None:
            atomic_write(data_dir / seal.HEAD_FILE, seal.head_bytes(head))
    except BaseException:
        with contextlib.suppress(OSError):
            recover(data_dir)
        raise
    os.unlink(data_dir / JOURNAL_FILE)


def _append(path: Path, data: bytes) -> None:
    with open(path, "ab") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def recover(data_dir: Path | str) -> bool:
    """Finish or undo a save that was stopped, and remove the scratch files it left.

    Call it holding the lock (every save does, first). A journal means the last save did not
    finish: if every file holds all it was to append, the save is kept (and the seal file brought
    up to date); otherwise each file is cut back to its size before that save. Returns True when
    there was a journal.
    """
    data_dir = Path(data_dir)
    for name in os.listdir(data_dir):
        if _SCRATCH.match(name):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(data_dir / name)
    journal_path = data_dir / JOURNAL_FILE
    try:
        journal = json.loads(journal_path.read_bytes())
    except FileNotFoundError:
        return False
    except ValueError:
        journal = {"files": {}}
    files = journal.get("files", {})
    complete = all(_holds(data_dir / name, entry) for name, entry in files.items())
    for name, entry in files.items():
        path = data_dir / name
        state = db.file_state(path)
        if (
            not complete
            and state is not None
            and state.inode == entry["inode"]
            and state.size > entry["size"]
        ):
            with open(path, "r+b") as fh:
                fh.truncate(entry["size"])
                fh.flush()
                os.fsync(fh.fileno())
    # The seal file is replaced only after every append: an undone save never reached it.
    if complete and journal.get("seal_after") is not None:
        atomic_write(data_dir / seal.HEAD_FILE, seal.head_bytes(seal.Head(*journal["seal_after"])))
    os.unlink(journal_path)
    _fsync_dir(data_dir)
    return True


def _holds(path: Path, entry: Mapping) -> bool:
    """True when the file holds exactly the bytes the journal says were to be appended."""
    state = db.file_state(path)
    if state is None or state.inode != entry["inode"]:
        return False
    if state.size != entry["size"] + entry["length"]:
        return False
    with open(path, "rb") as fh:
        fh.seek(entry["size"])
        return hashlib.sha256(fh.read(entry["length"])).hexdigest() == entry["sha256"]


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
                time.sleep(0.005)
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


# --- reading CSV ------------------------------------------------------------------------------


def _header(data_dir: Path, table: str) -> list[str]:
    path = data_dir / TABLES[table].file
    if not path.is_file():
        return list(known_columns(table))
    header, _ = csvfiles.read_header(path)
    return header


def _newline(path: Path) -> str:
    with open(path, "rb") as fh:
        first = fh.readline()
    return "\r\n" if first.endswith(b"\r\n") else "\n"


def _read_rows(path: Path, start: int, end: int, header: list[str]) -> list[dict[str, str | None]]:
    """The records between two byte offsets (record boundaries), as the loader reads them."""
    with open(path, "rb") as fh:
        fh.seek(start)
        text = fh.read(end - start).decode("utf-8")
    return [
        {
            col: escape.uncell(cell) if cell != "" else None
            for col, cell in zip(header, r, strict=False)
        }
        for r in csv.reader(io.StringIO(text, newline=""))
        if any(cell.strip() for cell in r)
    ]


def _as_written(header: list[str], row: Mapping[str, str | None]) -> dict[str, str | None]:
    return {col: row.get(col) for col in header if col != seal.COLUMN}


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
