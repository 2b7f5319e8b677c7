"""The one module that owns DuckDB: load the curated tables, validate them, run named queries.

Loading reads every CSV as text (so nothing is lost to type inference), records structural
problems with the line they sit on, casts each column to its declared type, and runs the
validation queries. The app and the CLI see the same list of problems.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import pyarrow as pa

from oversight import csvfiles, deadline_rule, escape, memo, seal, state_snapshots, vocabulary
from oversight.schema import (
    BOOLEAN,
    DATE,
    INTEGER,
    RAG_CODES,
    TABLES,
    TIMESTAMP,
    Column,
    Table,
    known_columns,
)

ROOT = Path(__file__).resolve().parents[1]
QUERIES_DIR = ROOT / "queries"
DEFAULT_DATA_DIR = ROOT / "data"
SYNTHETIC_MARKER = "SYNTHETIC.md"
# A data folder at least this big is loaded from CSV once, then from a typed DuckDB copy (see _cache).
CACHE_MIN_BYTES = 16 * 1024 * 1024
# DuckDB's memory while it builds that copy (it spills to disk beyond it): the whole load of the
# stress set (3 GB of CSV) then stays under 4 GB.
BUILD_MEMORY_LIMIT = "2GB"

_QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]*(/[a-z][a-z0-9_]*)?$")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_ISO_TIMESTAMP = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$"
_INTEGER = r"^[+-]?\d+$"
_BOOLEAN = r"^(true|false)$"
V = TypeVar("V")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the curated tables, located as FILE:LINE: COLUMN."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass
class Dataset:
    """The curated tables of one data folder, loaded into an in-process DuckDB."""

    data_dir: Path
    version: str
    con: duckdb.DuckDBPyConnection
    problems: list[Problem] = field(default_factory=list)
    synthetic_note: str | None = None
    # Sealed positions changed, removed or added outside the app (see oversight/seal.py): shown
    # and reported by `validate`, and marked in the audit trail, without hiding the dashboard.
    integrity: list[Problem] = field(default_factory=list)
    # Each table file as it was read (None when a file changed while it was being read): the
    # write path validates what a save adds against these rows, and reads only what follows.
    file_states: dict[str, FileState] | None = None
    # What the rules allow but a reader will find hard (a force's RAG colours too alike): printed
    # by `validate` with exit 0 and shown on the Data page, never blocking.
    warnings: list[Problem] = field(default_factory=list)
    # True when the folder itself cannot be read: problems then holds that one line.
    folder_problem: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # The states as at a date this data's queries read, computed once (oversight/state_snapshots.py).
    snapshots: state_snapshots.Snapshots | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.snapshots is None:
            self.snapshots = state_snapshots.keeper(self.con)

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def is_synthetic(self) -> bool:
        return self.synthetic_note is not None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for each use: DuckDB connections are not shared across threads."""
        with self._lock:
            return self.con.cursor()

    def query(self, name: str, **params: object) -> pd.DataFrame:
        """A named query's result, cached on the data folder, its version and the parameters.

        The cached frame is shared and each caller gets a shallow copy: under pandas 3's
        copy-on-write a caller that adds a column or sets a value changes only its copy.
        """
        return self.cached_result(name, frozen_params(params)).copy(deep=False)

    def cached_result(self, name: str, frozen: tuple) -> pd.DataFrame:
        """The shared (not copied) cached result; `frozen` as frozen_params gives it."""
        key = (str(self.data_dir), self.version, name, frozen)
        return memo.cached("result", key, lambda: run_query(self, name, **dict(frozen)))

    def warm_result(self, name: str, frozen: tuple) -> None:
        """Run a query into the cache unless it is cached or running already (see start)."""
        key = (str(self.data_dir), self.version, name, frozen)
        memo.warm("result", key, lambda: run_query(self, name, **dict(frozen)))

    def derived(self, kind: str, key: tuple, compute: Callable[[], V]) -> V:
        """A value built from this data (a figure, a pack, filter options), cached like a query
        result on the data folder, its version and `key`; shared, not copied."""
        return memo.cached(kind, (str(self.data_dir), self.version, *key), compute)

    def has_derived(self, kind: str, key: tuple) -> bool:
        return memo.is_cached(kind, (str(self.data_dir), self.version, *key))


@dataclass(frozen=True)
class FileState:
    """A table file as it was read: its identity, size, modification time, and the bytes just
    before its end (so that a later read can tell the file only grew by appended rows)."""

    inode: int
    size: int
    mtime_ns: int
    edge: bytes


EDGE_BYTES = 64


def file_state(path: Path) -> FileState | None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        start = max(0, st.st_size - EDGE_BYTES)
        edge = os.pread(fd, st.st_size - start, start)
    finally:
        os.close(fd)
    return FileState(st.st_ino, st.st_size, st.st_mtime_ns, edge)


def grew_from(path: Path, then: FileState) -> FileState | None:
    """The file's state now if it is the file read `then` with rows appended (or unchanged): the
    same file (inode), no shorter, and holding the same bytes just before the old end. Else None
    (rewritten, truncated or replaced)."""
    now = file_state(path)
    if now is None or now.inode != then.inode or now.size < then.size:
        return None
    if now.size == then.size:
        return now if now.edge == then.edge else None
    with open(path, "rb") as fh:
        fh.seek(then.size - len(then.edge))
        return now if fh.read(len(then.edge)) == then.edge else None


def file_states(data_dir: Path) -> dict[str, FileState | None]:
    return {t.name: file_state(Path(data_dir) / t.file) for t in TABLES.values()}


def folder_problem(data_dir: Path | str, for_readers: bool = False) -> str | None:
    """Why the data folder cannot be read, in one line naming it (None when it can).

    For the readers of a page the folder is named by its last part only: the server's path is
    not theirs to see (the command line and the server's log name it in full).
    """
    folder = Path(data_dir)
    name = f"“{folder.name}”" if for_readers else str(folder)
    try:
        if not folder.exists():
            return f"The data folder {name} does not exist."
        if not folder.is_dir():
            return f"The data folder {name} is a file, not a folder."
        os.listdir(folder)
    except PermissionError:
        return f"The data folder {name} cannot be read by the server (permission denied)."
    except OSError as exc:
        return f"The data folder {name} cannot be read: {exc.strerror or exc}."
    return None


def data_dir_from_env() -> Path:
    return Path(os.environ.get("OVERSIGHT_DATA_DIR") or DEFAULT_DATA_DIR)


def data_version(data_dir: Path) -> str:
    """Changes whenever a table file changes, so caches keyed on it show an edited CSV."""
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode())
    for name in sorted([t.file for t in TABLES.values()] + [SYNTHETIC_MARKER]):
        path = Path(data_dir) / name
        try:
            st = path.stat()
        except OSError:  # missing, or the folder is a file or unreadable (see folder_problem)
            digest.update(f"{name}:missing".encode())
            continue
        digest.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


# --- queries -------------------------------------------------------------------------------


def query_sql(name: str) -> str:
    """The text of a named query in queries/ (the name is checked against the folder)."""
    if not _QUERY_NAME.match(name):
        raise ValueError(f"not a query name: {name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise ValueError(f"no query named {name!r} in {QUERIES_DIR}")
    return path.read_text(encoding="utf-8")


def query_params(sql: str) -> set[str]:
    return set(_PARAM.findall(_strip_comments(sql)))


def run_query(ds: Dataset, name: str, **params: object) -> pd.DataFrame:
    """Run queries/<name>.sql with its $parameters bound (never formatted into the text)."""
    sql = query_sql(name)
    wanted = query_params(sql)
    missing = wanted - params.keys()
    if missing:
        raise ValueError(f"query {name!r} needs parameters: {', '.join(sorted(missing))}")
    return run_sql(ds, sql, **{k: params[k] for k in wanted})


def run_sql(ds: Dataset, sql: str, **params: object) -> pd.DataFrame:
    """Run SQL text with $parameters bound, the states as at a date it reads prepared first
    (oversight/state_snapshots.py). Every query of the product runs here."""
    cur = ds.cursor()
    if ds.snapshots is None:
        return cur.execute(sql, params).df()
    with ds.snapshots.held(cur, state_snapshots.wanted(_strip_comments(sql), params)):
        return cur.execute(sql, params).df()


QUERY_WORKERS = 2  # DuckDB plans and runs a query outside the GIL: two at once on two cores
# Shared by every session and every pack: QUERY_WORKERS queries at a time, whoever asks.
_AHEAD = ThreadPoolExecutor(max_workers=QUERY_WORKERS, thread_name_prefix="oversight-ahead")


def frozen_params(params: dict) -> tuple:
    """A query's parameters as a hashable key: sorted by name, lists as tuples."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def start(ds: Dataset, specs: Iterable[tuple[str, dict]]) -> None:
    """Start these named queries (name, params) into the result cache on the shared pool, in
    the order given, and return at once.

    Planning a query with the as-at macros costs DuckDB 5 to 25 ms even on small data, and
    DuckDB plans and runs outside the GIL: so a page (or a pack) starts its queries here and
    draws what is ready while the rest run. A query asked for while it is running is waited for,
    not run again (see oversight/memo.py); one still queued is run by whoever asks first, and
    the pool then finds it cached. Queries already cached cost a lookup.
    """
    specs = list(specs)
    # The states as at a date these queries read, each built on its own worker first: the
    # queries would otherwise build them one after another in whichever query asks first,
    # while the other worker waits for the same state.
    for key in _states_ahead(ds, specs):
        _AHEAD.submit(_prepare_state, ds, key)
    for name, params in specs:
        _AHEAD.submit(ds.warm_result, name, frozen_params(params))


def _states_ahead(ds: Dataset, specs: list[tuple[str, dict]]) -> set[state_snapshots.Key]:
    """The (date, force) states the queries not yet cached will read."""
    if ds.snapshots is None:
        return set()
    keys: set[state_snapshots.Key] = set()
    for name, params in specs:
        frozen = frozen_params(params)
        if memo.is_cached("result", (str(ds.data_dir), ds.version, name, frozen)):
            continue
        with contextlib.suppress(ValueError):  # a bad query is reported when it is read
            keys |= state_snapshots.wanted(_strip_comments(query_sql(name)), dict(frozen))
    return keys


def _prepare_state(ds: Dataset, key: state_snapshots.Key) -> None:
    """Build one state into the scratch table unless it is there or being built (a failure is
    not kept: the query that reads the state builds it again and reports why)."""
    with contextlib.suppress(Exception):
        ds.snapshots.build_ahead(ds.cursor(), key)


def settle() -> None:
    """Wait until every query started so far has finished (for tests and the benchmark)."""
    both_free = threading.Barrier(QUERY_WORKERS)
    for done in [_AHEAD.submit(both_free.wait) for _ in range(QUERY_WORKERS)]:
        done.result(timeout=120)


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


# --- loading -------------------------------------------------------------------------------


def load(data_dir: Path | str | None = None, *, keep_invalid: bool = False) -> Dataset:
    """Load and validate a data folder. Never raises on bad data: problems are in the result.

    ``keep_invalid`` keeps the tables of a large folder that has problems (the write path checks
    new rows against them); otherwise such a folder's dataset holds empty tables.
    """
    data_dir = Path(data_dir) if data_dir is not None else data_dir_from_env()
    unreadable = folder_problem(data_dir)
    if unreadable:
        # One line naming the folder, not a "file not found" per table (nor a traceback).
        empty = _empty_dataset()
        problem = Problem(data_dir.name or str(data_dir), 1, "*", unreadable)
        return Dataset(data_dir, data_version(data_dir), empty, [problem], folder_problem=True)
    states = file_states(data_dir)
    version = data_version(data_dir)
    cached = _cache_path(data_dir, version)
    if cached is not None:
        try:
            con = _open_cache(cached)
        except duckdb.Error:
            cached.unlink(missing_ok=True)
            con = None
        if con is None and file_states(data_dir) == states:
            con = _extend_prior(data_dir, cached, states)
        if con is not None:
            marker = data_dir / SYNTHETIC_MARKER
            note = marker.read_text(encoding="utf-8") if marker.is_file() else None
            integrity = [Problem(*row) for row in con.execute(_READ_INTEGRITY).fetchall()]
            stable = states if data_version(data_dir) == version else None
            return _with_warnings(Dataset(data_dir, version, con, [], note, integrity, stable))
    # A large folder is built straight into its typed copy, on disk, under a memory limit: DuckDB
    # spills what does not fit instead of holding every raw and typed row in memory at once.
    build = _build_path(cached) if cached is not None else None
    con = _connect_build(build) if build is not None else duckdb.connect(":memory:")
    problems: list[Problem] = []
    row_problems: list[tuple[str, int, str, str]] = []  # (table, ordinal, column, message)
    seal_findings: list[tuple[str, int, str, str, str]] = []
    broken: set[str] = set()

    if not data_dir.is_dir():
        problems.append(Problem(str(data_dir), 1, "*", "data folder not found"))

    absent = {t.name for t in TABLES.values() if t.optional and not (data_dir / t.file).exists()}
    for table in TABLES.values():
        if table.name in absent:
            _create_empty(con, table)
            continue
        ok = _load_table(con, data_dir, table, problems)
        if not ok:
            broken.add(table.name)
            _create_empty(con, table)
            continue
        if table.name == "updates":
            seal_findings = _check_seals(con, data_dir)
        row_problems += _column_checks(con, table)
    if "updates" in broken:
        _record_seals(con, [])

    for table in TABLES.values():
        if table.name not in broken | absent:
            row_problems += _key_checks(con, table, broken)
    _create_deadline_due_dates(con)
    row_problems += _run_check_queries(con, broken)
    if "updates" not in broken:
        row_problems += _evidence_checks(con, data_dir)

    problems += _locate(data_dir, row_problems)
    integrity = _record_integrity(con, data_dir, seal_findings)
    for table in TABLES.values():
        con.execute(f'alter table "{table.name}" drop column _row')
    _create_derived(con)
    _create_macros(con)

    marker = data_dir / SYNTHETIC_MARKER
    note = marker.read_text(encoding="utf-8") if marker.is_file() else None
    problems = sorted(set(problems))
    stable = states if file_states(data_dir) == states else None
    if build is not None:
        if not problems and stable is not None:
            _record_file_states(con, stable)
            con = _keep_build(con, build, cached)
        elif keep_invalid:
            con = _build_only(con, build)
        else:
            con, stable = _discard_build(con, build), None  # its tables hold no rows
    return _with_warnings(Dataset(data_dir, version, con, problems, note, integrity, stable))


_CREATE_INTEGRITY = (
    "create table integrity_findings (file varchar, line integer, column_name varchar, "
    "message varchar, kind varchar)"
)
_READ_INTEGRITY = "select file, line, column_name, message from integrity_findings order by all"


def _check_seals(con, data_dir: Path) -> list[tuple[str, int, str, str, str]]:
    """Verify the sealed positions (on the text as the file holds it) and keep each one's state
    in `update_seals` for the audit trail. Returns the findings as (table, ordinal, column,
    message, kind): kind "row" for a row's, "head" for the seal file's."""
    src = "typed_src_updates"
    header = [r[0] for r in con.execute(f"select name from pragma_table_info('{src}')").fetchall()]
    if seal.COLUMN not in header:
        _record_seals(con, [])
        return []
    cols = ", ".join(f'"{c}"' for c in header)
    cur = con.execute(f"select rowid + 1, {cols} from {src} where seal is not null order by rowid")
    sealed = [(r[0], dict(zip(header, r[1:], strict=True))) for r in cur.fetchall()]
    outside = []
    if sealed:
        outside = con.execute(
            f"select rowid + 1, update_id from {src} where seal is null and rowid + 1 > $first "
            "order by rowid",
            {"first": sealed[0][0]},
        ).fetchall()
    last = con.execute(f"select count(*) from {src}").fetchone()[0]
    states, findings = seal.verify(sealed, outside)
    head = seal.check_head(
        seal.read_head(data_dir),
        len(sealed),
        lambda n: sealed[n - 1][1].get(seal.COLUMN),
        sealed[-1][0] if sealed else last,
    )
    _record_seals(con, states)
    out = [("updates", f.ordinal, f.column, f.message, "row") for f in findings]
    return out + ([("updates", head.ordinal, head.column, head.message, "head")] if head else [])


def _record_integrity(con, data_dir: Path, findings) -> list[Problem]:
    """integrity_findings: the seal check's findings located by line (kind "row" or "head")."""
    con.execute(_CREATE_INTEGRITY)
    rows = []
    for kind in ("row", "head"):
        mine = [f[:4] for f in findings if f[4] == kind]
        rows += [(p.file, p.line, p.column, p.message, kind) for p in _locate(data_dir, mine)]
    if rows:
        con.executemany("insert into integrity_findings values (?, ?, ?, ?, ?)", rows)
    return sorted({Problem(*r[:4]) for r in rows})


def _record_seals(con, states: list[seal.Finding]) -> None:
    """update_seals: the state of every sealed position and of every position added outside the
    app after sealing began (any other position is unsealed: curated before the app recorded)."""
    con.execute(
        "create or replace table update_seals (ordinal integer, update_id varchar, "
        "seal_state varchar, seal_note varchar)"
    )
    if states:
        con.executemany(
            "insert into update_seals values (?, ?, ?, ?)",
            [(f.ordinal, f.update_id, f.state, f.message or None) for f in states],
        )


def _with_warnings(ds: Dataset) -> Dataset:
    """The dataset with its warnings: RAG colours (rag.csv) that some readers cannot tell apart,
    or on which no text reaches WCAG AA contrast (oversight/vocabulary.py)."""
    if ds.problems:
        return ds
    frame = (
        ds.cursor()
        .execute("select rowid + 1 as row, rag, label, meaning, colour, display_order from rag")
        .df()
    )
    rows = dict(zip(frame["rag"], frame["row"], strict=True))
    lines = csvfiles.record_lines(ds.data_dir / TABLES["rag"].file)
    scale = vocabulary.RagScale.from_frame(frame)
    ds.warnings = [
        Problem(TABLES["rag"].file, _line_of(lines, int(rows[code])), "colour", message)
        for code, message in vocabulary.colour_warnings(scale)
    ]
    return ds


def validate(data_dir: Path | str | None = None) -> list[Problem]:
    return load(data_dir).problems


def _load_table(con, data_dir: Path, table: Table, problems: list[Problem]) -> bool:
    path = data_dir / table.file
    if not path.is_file():
        problems.append(Problem(table.file, 1, "*", "file not found"))
        return False
    header, header_problem = csvfiles.read_header(path)
    if header_problem:
        problems.append(Problem(table.file, header_problem.line, "*", header_problem.message))
        return False
    ok = True
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(table.file, 1, name, "column appears twice in the header"))
            ok = False
        seen.add(name)
        if not re.match(r"^[a-z][a-z0-9_]*$", name):
            problems.append(
                Problem(table.file, 1, name or "*", "column name must be lowercase snake_case")
            )
            ok = False
    for name in table.column_names:
        if name not in seen:
            problems.append(Problem(table.file, 1, name, "required column missing from the header"))
            ok = False
    if not ok:
        return False

    raw = f"raw_{table.name}"
    rejects = f"rejects_{table.name}"
    columns = {name: "VARCHAR" for name in header}
    try:
        con.execute(
            f'create table "{raw}" as select * from read_csv($path, header = true, '
            "columns = $columns, auto_detect = false, delim = ',', quote = '\"', "
            "escape = '\"', strict_mode = true, store_rejects = true, "
            f"rejects_table = '{rejects}', rejects_scan = 'scan_{table.name}')",
            {"path": str(path), "columns": columns},
        )
    except duckdb.Error as exc:
        problems.append(Problem(table.file, 1, "*", f"cannot be read as CSV: {exc}"))
        return False
    structural = con.execute(
        f'select line_byte_position, line, column_name, error_type, error_message from "{rejects}"'
    ).fetchall()
    if structural:
        problems.extend(_structural_problems(path, table.file, structural))
        return False

    cols = known_columns(table.name)
    select = ["rowid + 1 as _row"]
    for name in header:
        select.append(_typed(name, cols.get(name, Column(name))))
    for name, col in cols.items():
        if name not in seen:
            select.append(f'cast(null as {col.type}) as "{name}"')
    con.execute(f'create table "{table.name}" as select {", ".join(select)} from "{raw}"')
    con.execute(f'alter table "{raw}" rename to "typed_src_{table.name}"')
    return True


def _typed(name: str, col: Column, stored: bool = True) -> str:
    """A raw text column cast to its type; `stored` text also loses the quote that keeps a
    spreadsheet from running it (see oversight/escape.py)."""
    if col.type in (DATE, TIMESTAMP, INTEGER, BOOLEAN):
        value = f'lower("{name}")' if col.type == BOOLEAN else f'"{name}"'
        return f'try_cast({value} as {col.type}) as "{name}"'
    if stored:
        return f'{escape.uncell_sql(f"{chr(34)}{name}{chr(34)}")} as "{name}"'
    return f'"{name}"'


def _create_empty(con, table: Table) -> None:
    cols = ["_row INTEGER"] + [f'"{c.name}" {c.type}' for c in known_columns(table.name).values()]
    con.execute(f'create or replace table "{table.name}" ({", ".join(cols)})')


_TYPE_RULES = {
    DATE: (_ISO_DATE, "not a valid date (expected YYYY-MM-DD)"),
    TIMESTAMP: (_ISO_TIMESTAMP, "not a valid date-time (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)"),
    INTEGER: (_INTEGER, "not a whole number"),
    BOOLEAN: (_BOOLEAN, "not true or false"),
}


def _column_checks(
    con,
    table: Table,
    src: str | None = None,
    row: str = "rowid + 1",
    present: set[str] | None = None,
) -> list[tuple[str, int, str, str]]:
    """Types, required cells and enumerations: each a query whose rows are the problems.

    By default on the table's raw text as loaded (then dropped); `src` names other raw rows,
    whose ordinal is the expression `row`.
    """
    drop = src is None
    src = f'"typed_src_{table.name}"' if src is None else src
    if present is None:
        present = {
            r[0]
            for r in con.execute(f"select name from pragma_table_info('{src[1:-1]}')").fetchall()
        }
    # One statement for every rule of the table (a save checks one or two rows: the cost of a
    # statement, not of its rows, is what counts); each part names its rule by position.
    parts: list[str] = []
    params: dict[str, object] = {}
    rules: list[tuple[str, str]] = []  # (column, message or message prefix)
    for name, col in known_columns(table.name).items():
        if name not in present:
            continue
        q = f'"{name}"'
        if col.type in _TYPE_RULES:
            pattern, message = _TYPE_RULES[col.type]
            value = f"lower({q})" if col.type == BOOLEAN else q
            params[f"p{len(rules)}"] = pattern
            parts.append(
                f"select {row} as r, {len(rules)} as rule, {q} as v from {src} "
                f"where {q} is not null and (not regexp_matches({value}, $p{len(rules)}) "
                f"or try_cast({value} as {col.type}) is null)"
            )
            rules.append((name, f"{message}: {{v!r}}"))
        if col.required:
            parts.append(
                f"select {row}, {len(rules)}, cast(null as varchar) from {src} where {q} is null"
            )
            rules.append((name, "required value is empty"))
        if col.choices:
            params[f"p{len(rules)}"] = list(col.choices)
            parts.append(
                f"select {row}, {len(rules)}, {q} from {src} where {q} is not null "
                f"and not list_contains($p{len(rules)}, {q})"
            )
            rules.append((name, f"{{v!r}} is not one of: {', '.join(col.choices)}"))
    out: list[tuple[str, int, str, str]] = []
    if parts:
        found = con.execute(" union all ".join(parts), params).fetchall()
        for r, rule, v in sorted(found, key=lambda f: (f[1], f[0])):
            column, message = rules[rule]
            out.append((table.name, r, column, message.format(v=v)))
    if drop:
        con.execute(f"drop table {src}")
    return out


def _key_checks(con, table: Table, broken: set[str]) -> list[tuple[str, int, str, str]]:
    out: list[tuple[str, int, str, str]] = []
    t = f'"{table.name}"'
    key = ", ".join(f'"{k}"' for k in table.key)
    key_present = " and ".join(f'"{k}" is not null' for k in table.key)
    # A grouping finds whether any key repeats far faster than the window that says where.
    has_duplicate = con.execute(
        f"select 1 from {t} where {key_present} group by {key} having count(*) > 1 limit 1"
    ).fetchone()
    rows = []
    if has_duplicate:
        rows = con.execute(
            f"select _row, first_row, {key} from (select _row, {key}, "
            f"min(_row) over (partition by {key}) as first_row from {t} "
            f"where {key_present}) "
            "where _row > first_row"
        ).fetchall()
    for r, first, *values in rows:
        shown = ", ".join(f"{k}={v}" for k, v in zip(table.key, values, strict=True))
        out.append(
            (
                table.name,
                r,
                table.key[-1],
                f"duplicate key ({shown}); first on line {{row:{first}}}",
            )
        )

    for ref in table.references:
        if ref.table not in broken:
            out += _missing_references(con, table, ref, t)
    return out


def _missing_references(cur, table: Table, ref, relation: str) -> list[tuple[str, int, str, str]]:
    """The rows of `relation` (the table, or only its rows being added) whose reference names
    no row of the table it points at."""
    cond = " and ".join(
        f'x."{c}" = y."{tc}"' for c, tc in zip(ref.columns, ref.target, strict=True)
    )
    not_null = " and ".join(f'x."{c}" is not null' for c in ref.columns)
    shown = " || ', ' || ".join(f'cast(x."{c}" as varchar)' for c in ref.columns)
    rows = cur.execute(
        f'select x._row, {shown} from {relation} x anti join "{ref.table}" y on {cond} '
        f"where {not_null}"
    ).fetchall()
    target = f"{ref.table}.{'/'.join(ref.target)}"
    return [(table.name, r, ref.columns[-1], f"{v!r} is not a known {target}") for r, v in rows]


# What the checks receive from the data contract (oversight/schema.py), bound as $parameters.
CHECK_PARAMS = {"rag_codes": list(RAG_CODES)}


def _run_check_queries(con, broken: set[str]) -> list[tuple[str, int, str, str]]:
    """queries/checks/*.sql: cross-table rules; each returns (table_name, _row, column_name, message)."""
    out: list[tuple[str, int, str, str]] = []
    for path in sorted((QUERIES_DIR / "checks").glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        if _reads(sql) & broken:
            continue
        bound = {name: CHECK_PARAMS[name] for name in query_params(sql)}
        out += [tuple(r) for r in con.execute(sql, bound).fetchall()]
    return out


def _evidence_checks(con, data_dir: Path) -> list[tuple[str, int, str, str]]:
    """Each evidence file a position names exists and is the content its name hashes."""
    from oversight import evidence

    rows = con.execute(
        "select _row, evidence from updates where evidence like '%evidence/%'"
    ).fetchall()
    return [
        ("updates", row, "evidence", message)
        for row, cell in rows
        for message in evidence.file_problems(data_dir, cell)
    ]


def _reads(sql: str) -> set[str]:
    match = re.search(r"^--\s*reads:\s*(.+)$", sql, re.MULTILINE)
    return {t.strip() for t in match.group(1).split(",")} if match else set(TABLES)


def _row_local(sql: str) -> set[str]:
    """The tables a check declares ``-- row-local:``: a problem it reports on a row of one of
    them depends on that row alone (and on the other tables), never on the table's other rows.
    A save runs such a check on its new rows only."""
    match = re.search(r"^--\s*row-local:\s*([a-z_]+(?:\s*,\s*[a-z_]+)*)", sql, re.MULTILINE)
    return {t.strip() for t in match.group(1).split(",")} if match else set()


# --- the typed copy of a large data folder --------------------------------------------------
#
# Reading and validating millions of CSV rows takes minutes and several GB. A folder of at least
# CACHE_MIN_BYTES that validates is therefore copied, typed, into a DuckDB file (tables, derived
# tables and macros) keyed on its data_version (each file's size and mtime) and on the code that
# reads, checks and queries it. The next process opens that file read-only: ready in a fraction
# of a second, with DuckDB's compressed storage instead of every row in memory. An edited CSV or
# macro changes the key, so it is read and validated again. Small folders (the bundled data, the
# fixtures) are always read from CSV.


def cache_dir() -> Path:
    return Path(
        os.environ.get("OVERSIGHT_CACHE_DIR") or Path(tempfile.gettempdir()) / "oversight-cache"
    )


def _cache_path(data_dir: Path, version: str) -> Path | None:
    try:
        size = sum(
            (data_dir / t.file).stat().st_size
            for t in TABLES.values()
            if not t.optional or (data_dir / t.file).exists()
        )
    except OSError:
        return None
    if size < CACHE_MIN_BYTES:
        return None
    code = hashlib.sha1(duckdb.__version__.encode())
    here = Path(__file__).resolve().parent
    for path in [
        here / "db.py",
        here / "schema.py",
        here / "csvfiles.py",
        here / "deadline_rule.py",
        here / "vocabulary.py",
        here / "seal.py",
        here / "escape.py",
    ] + sorted(p for folder in ("checks", "derived") for p in (QUERIES_DIR / folder).glob("*.sql")):
        code.update(path.read_bytes())
    macros = hashlib.sha1()
    for path in sorted((QUERIES_DIR / "macros").glob("*.sql")):
        macros.update(path.read_bytes())
    folder = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:12]
    # folder-code-version-macros: a copy of an earlier version by the same code can be extended
    # with the rows appended since (see _extend_prior); one by other macros only, copied.
    name = f"{folder}-{code.hexdigest()[:16]}-{version}-{macros.hexdigest()[:8]}.duckdb"
    return cache_dir() / name


def _open_cache(path: Path) -> duckdb.DuckDBPyConnection | None:
    """The typed copy at path, or, when only the macros changed since one was written for the
    same data and loader, a copy of that one with today's macros (seconds, not a reload)."""
    if not path.is_file():
        data_key = path.name.rsplit("-", 1)[0]
        sibling = next(iter(sorted(path.parent.glob(f"{data_key}-*.duckdb"))), None)
        if sibling is None:
            return None
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            shutil.copyfile(sibling, tmp)
            con = duckdb.connect(str(tmp))
            _create_macros(con)
            con.close()
            os.replace(tmp, path)
        except (duckdb.Error, OSError):
            tmp.unlink(missing_ok=True)
            return None
        _remove_stale(path)
    return duckdb.connect(str(path), read_only=True)


def _remove_stale(path: Path) -> None:
    for stale in path.parent.glob(f"{path.name.split('-')[0]}-*.duckdb"):
        if stale != path:
            stale.unlink(missing_ok=True)


def _build_path(cached: Path) -> Path:
    return cached.with_name(f"{cached.stem}.{os.getpid()}.{threading.get_ident()}.tmp")


def _connect_build(build: Path) -> duckdb.DuckDBPyConnection:
    build.parent.mkdir(parents=True, exist_ok=True)
    _remove_files(build)
    return duckdb.connect(str(build), config={"memory_limit": BUILD_MEMORY_LIMIT})


def _keep_build(con, build: Path, path: Path) -> duckdb.DuckDBPyConnection:
    """The validated build becomes the typed copy at path; a read-only connection on it."""
    con.execute("checkpoint")
    con.close()
    try:
        os.replace(build, path)
    except OSError:
        return duckdb.connect(str(build), read_only=True)  # still valid, only not kept
    _remove_files(Path(f"{build}.wal"))
    _remove_stale(path)
    return duckdb.connect(str(path), read_only=True)


def _build_only(con, build: Path) -> duckdb.DuckDBPyConnection:
    """An invalid build kept open for this process only: removed from disk at once (the open
    connection keeps its pages), never found by another load."""
    con.execute("checkpoint")
    _remove_files(build, Path(f"{build}.wal"))
    return con


def _discard_build(con, build: Path) -> duckdb.DuckDBPyConnection:
    """Invalid data is never kept: the build is removed, and the dataset is the empty tables
    (its problems are what is shown)."""
    con.close()
    _remove_files(build, Path(f"{build}.wal"))
    return _empty_dataset()


def _empty_dataset() -> duckdb.DuckDBPyConnection:
    """Every table, empty, with the derived tables and macros: what a page queries when the
    data cannot be shown (its problems are what is shown)."""
    empty = duckdb.connect(":memory:")
    for table in TABLES.values():
        _create_empty(empty, table)
        empty.execute(f'alter table "{table.name}" drop column _row')
    _create_deadline_due_dates(empty)
    _record_seals(empty, [])
    empty.execute(_CREATE_INTEGRITY)
    _create_derived(empty)
    _create_macros(empty)
    return empty


def _remove_files(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _create_derived(con) -> None:
    """queries/derived/*.sql: tables computed once from the loaded ones (e.g. update_spans)."""
    for path in sorted((QUERIES_DIR / "derived").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))


def _create_deadline_due_dates(con, temp: bool = False) -> None:
    """The deadline rule's date for every distinct (deadline_text, published_on) pair, as the table
    deadline_due_dates that validation and the timeline join: the rule is one Python function
    (oversight/deadline_rule.py), and SQL receives its results rather than a copy of it."""
    pairs = con.execute(
        """
        select distinct recommendations.deadline_text, inspections.published_on
        from recommendations
        left join inspections using (inspection_id)
        where recommendations.deadline_text is not null
        """
    ).fetchall()
    columns = list(zip(*deadline_rule.due_dates_table(pairs), strict=True)) or [()] * 5
    due_dates = pa.table(
        {
            "deadline_text": pa.array(columns[0], pa.string()),
            "published_on": pa.array(columns[1], pa.date32()),
            "due_on": pa.array(columns[2], pa.date32()),
            "counts_from_publication": pa.array(columns[3], pa.bool_()),
            "why_no_date": pa.array(columns[4], pa.string()),
        }
    )
    con.register("deadline_due_dates_rows", due_dates)
    try:
        con.execute(
            f"create or replace {'temp ' if temp else ''}table deadline_due_dates as "
            "select * from deadline_due_dates_rows"
        )
    finally:
        con.unregister("deadline_due_dates_rows")


def _derived_names() -> list[str]:
    return [p.stem for p in sorted((QUERIES_DIR / "derived").glob("*.sql"))]


def _create_macros(con) -> None:
    """queries/macros/*.sql, in the order DuckDB needs: it resolves a macro's calls and tables
    when the macro is created. The vocabulary first (every macro uses it), then the state as
    computed, then the table that holds it computed (oversight/state_snapshots.py), which
    rec_state reads, then the rest."""
    folder = QUERIES_DIR / "macros"
    first = [folder / f"{name}.sql" for name in ("vocabulary", "current_due", "rec_state_computed")]
    for path in first:
        con.execute(path.read_text(encoding="utf-8"))
    state_snapshots.prepare(con)
    for path in sorted(p for p in folder.glob("*.sql") if p not in first):
        con.execute(path.read_text(encoding="utf-8"))


def _structural_problems(path: Path, file: str, rows) -> list[Problem]:
    seen: dict[int, Problem] = {}
    for byte_pos, duck_line, column, kind, message in rows:
        line = csvfiles.line_at_byte(path, byte_pos) if byte_pos is not None else duck_line
        if kind == "INVALID ENCODING":
            text = "file is not UTF-8 (save it as 'CSV UTF-8' from Excel)"
        elif kind in ("TOO MANY COLUMNS", "MISSING COLUMNS"):
            text = f"wrong number of cells: {message}"
        elif kind == "UNQUOTED VALUE":
            text = "a quoted cell has text after its closing quote"
        else:
            text = f"{kind.lower()}: {message}"
        seen.setdefault(line, Problem(file, line, column if isinstance(column, str) else "*", text))
    return list(seen.values())


_ROW_REF = re.compile(r"\{row:(\d+)\}")


def _line_of(lines: list[int], row: int | None) -> int:
    return lines[row - 1] if row and 0 < row <= len(lines) else 1


def _locate(data_dir: Path, row_problems) -> list[Problem]:
    """Turn (table, row ordinal) into the line of the CSV file the row starts on."""
    by_table: dict[str, list] = {}
    for table, row, column, message in row_problems:
        by_table.setdefault(table, []).append((row, column, message))
    out = []
    for table, items in by_table.items():
        file = TABLES[table].file
        lines = csvfiles.record_lines(data_dir / file)
        for row, column, message in items:
            text = _ROW_REF.sub(
                lambda m, lines=lines: str(_line_of(lines, int(m.group(1)))), message
            )
            out.append(Problem(file, _line_of(lines, row), column, text))
    return out


# --- the rows a save adds --------------------------------------------------------------------
#
# A save checks only the rows it adds, against the typed tables already loaded: the same column,
# key, reference and cross-table rules as `validate`, each run on the new rows with the loaded
# rows (and any read from the files since) in view. Nothing is read again from the CSV files,
# so a save costs milliseconds however long the register is.


@dataclass
class Appended:
    """Rows for one table: those already in its file after the dataset's rows (read since it
    was loaded) and those a save would add, each a mapping column -> text (None = empty)."""

    header: list[str]
    existing: list[dict[str, str | None]] = field(default_factory=list)
    new: list[dict[str, str | None]] = field(default_factory=list)


def check_added(ds: Dataset, tables: dict[str, Appended]) -> list[tuple[str, int, str, str]]:
    """Problems `validate` would find on the new rows: (table, position among the table's new
    rows, column, message). Problems of rows already in the data are not the save's to report."""
    cur = ds.cursor()
    try:
        return _check_added(cur, ds.data_dir, tables)
    finally:
        cur.close()


def _check_added(
    cur, data_dir: Path, tables: dict[str, Appended]
) -> list[tuple[str, int, str, str]]:
    import pyarrow as pa

    # A save's checks are a handful of statements: each costs milliseconds whatever its rows.
    catalog = cur.execute("select current_database()").fetchall()[0][0]
    counted = " union all ".join(
        f'select \'{t}\', count(*) from "{catalog}".main."{t}"' for t in tables
    )
    loaded: dict[str, int] = dict(cur.execute(counted).fetchall())
    first_new = {t: loaded[t] + len(rows.existing) + 1 for t, rows in tables.items()}
    statements: list[str] = []
    registered: list[str] = []
    views: dict[str, str] = {}
    for table in TABLES.values():
        t = table.name
        base = f'"{catalog}".main."{t}"'
        parts = [f"select rowid + 1 as _row, * from {base}"]
        if t in tables:
            rows = tables[t]
            cols = known_columns(t)
            for kind, group, start in (
                ("existing", rows.existing, loaded[t] + 1),
                ("new", rows.new, first_new[t]),
            ):
                if not group:
                    continue
                arrays = {"_row": pa.array(range(start, start + len(group)), pa.int64())}
                for name in rows.header:
                    arrays[name] = pa.array([r.get(name) for r in group], pa.string())
                raw = f"raw_{kind}_{t}"
                cur.register(raw, pa.table(arrays))
                registered.append(raw)
                select = ["_row"] + [
                    _typed(name, cols.get(name, Column(name)), stored=False) for name in rows.header
                ]
                select += [
                    f'cast(null as {col.type}) as "{name}"'
                    for name, col in cols.items()
                    if name not in rows.header
                ]
                statements.append(
                    f'create or replace temp table "typed_{kind}_{t}" as '
                    f'select {", ".join(select)} from "{raw}"'
                )
                parts.append(f'select * from "typed_{kind}_{t}"')
        views[t] = f'create or replace temp view "{t}" as ' + " union all by name ".join(parts)
        statements.append(views[t])
    cur.execute(";\n".join(statements))
    out: list[tuple[str, int, str, str]] = []
    for t, rows in tables.items():
        if rows.new:
            out += _column_checks(
                cur, TABLES[t], src=f'"raw_new_{t}"', row="_row", present=set(rows.header)
            )
    for raw in registered:
        cur.unregister(raw)
    if {"recommendations", "inspections"} & set(tables):
        # The deadline rule's dates, for the new rows' (deadline_text, published_on) too.
        _create_deadline_due_dates(cur, temp=True)
    if tables.get("updates") and tables["updates"].new:
        out += [p for p in _evidence_checks(cur, data_dir) if p[1] >= first_new["updates"]]

    for t, rows in tables.items():
        if rows.new:
            out += _added_key_checks(cur, data_dir, TABLES[t], first_new[t])
    # Each rule runs on every row but reports only new ones: filtered on the row's ordinal, which
    # DuckDB pushes down to the scan of the table reported on, so the rule's joins see few rows.
    # A rule that reads one row of the table at a time (``-- row-local:``) is run on the new rows
    # alone: at 14 million updates the filter on the ordinal still scans and joins every row
    # (2 to 3 s a rule), where the new rows alone take milliseconds.
    first = {t: first_new[t] for t, rows in tables.items() if rows.new}
    for path in sorted((QUERIES_DIR / "checks").glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        if not _reads(sql) & set(first):
            continue
        local = _row_local(sql)
        for t, n in first.items():
            if t in local:
                cur.execute(f'create or replace temp view "{t}" as select * from "typed_new_{t}"')
            try:
                found = cur.execute(
                    f"select * from (\n{sql}\n) where table_name = $table and _row >= $first",
                    {"table": t, "first": n},
                ).fetchall()
            finally:
                if t in local:
                    cur.execute(views[t])
            out += [tuple(r) for r in found]
    return sorted(
        {(t, r - first_new[t], column, message) for t, r, column, message in out},
        key=lambda p: (p[0], p[1], p[2]),
    )


def _added_key_checks(cur, data_dir: Path, table: Table, first_new: int):
    """The key and reference rules for a table's new rows."""
    t = f'"{table.name}"'
    new = f'"typed_new_{table.name}"'
    out = []
    same_key = " and ".join(f'v."{k}" = n."{k}"' for k in table.key)
    present = " and ".join(f'n."{k}" is not null' for k in table.key)
    keys = ", ".join(f'n."{k}"' for k in table.key)
    rows = cur.execute(
        f"select n._row, min(v._row), {keys} from {new} n join {t} v on {same_key} "
        f"and v._row < n._row where {present} group by all"
    ).fetchall()
    lines: list[int] | None = None
    for r, first, *values in rows:
        shown = ", ".join(f"{k}={v}" for k, v in zip(table.key, values, strict=True))
        if first < first_new:  # a row already in the file: say on which line (rarely needed)
            lines = lines or csvfiles.record_lines(data_dir / table.file)
            where = f"first on line {_line_of(lines, first)}"
        else:
            where = f"first on row {first - first_new + 1} of these rows"
        out.append((table.name, r, table.key[-1], f"duplicate key ({shown}); {where}"))
    for ref in table.references:
        out += _missing_references(cur, table, ref, new)
    return out


# --- a typed copy extended by the rows appended since ------------------------------------------
#
# The write path only ever appends. After a save, the typed copy of a large folder is of an
# earlier version, and reading 30 MB (national) or 3 GB (stress) of CSV again for the next reader
# would undo what a fast save gained. So a load that finds no copy of the current version looks
# for a copy, by the same code, of a version whose files the current ones only extend (same file,
# no shorter, the same bytes before the old end; every other table unchanged), checks the rows
# appended since with the rules a save uses (db.check_added) and the seal chain from where it
# stopped, and writes the new copy from the old one plus those rows. Any problem in them, or more
# than EXTEND_MAX_ROWS of them, and the folder is read and validated whole, as before.

APPENDABLE = ("inspections", "recommendations", "updates")
EXTEND_MAX_ROWS = 100_000
_PARTITION = re.compile(r"^--\s*partition:\s*(\w+)", re.MULTILINE)
_CREATE_TABLE = re.compile(r"create\s+or\s+replace\s+table\s+(\w+)\s+as\s", re.IGNORECASE)


def _record_file_states(con, states: dict[str, FileState | None]) -> None:
    con.execute(
        "create or replace table _snapshot_files (name varchar, inode bigint, size bigint, "
        "mtime_ns bigint, edge blob)"
    )
    con.executemany(
        "insert into _snapshot_files values (?, ?, ?, ?, ?)",
        [
            (name, st.inode, st.size, st.mtime_ns, st.edge)
            if st is not None
            else (name, None, None, None, None)
            for name, st in states.items()
        ],
    )


def _snapshot_states(con) -> dict[str, FileState | None] | None:
    try:
        rows = con.execute(
            "select name, inode, size, mtime_ns, edge from _snapshot_files"
        ).fetchall()
    except duckdb.Error:
        return None
    return {
        name: FileState(inode, size, mtime_ns, bytes(edge)) if inode is not None else None
        for name, inode, size, mtime_ns, edge in rows
    }


def _extends(data_dir: Path, then: dict, now: dict) -> bool:
    """True when the files `now` are those of `then` with rows appended to APPENDABLE ones."""
    for table in TABLES.values():
        old, new = then.get(table.name, "absent"), now.get(table.name)
        if old == "absent":
            return False
        if table.name in APPENDABLE and old is not None and new is not None:
            grown = grew_from(data_dir / table.file, old)
            if grown is None or new.inode != old.inode or new.size < old.size:
                return False
        elif (old is None) != (new is None) or (
            old is not None
            and (old.inode, old.size, old.mtime_ns) != (new.inode, new.size, new.mtime_ns)
        ):
            return False
    return True


def _extend_prior(data_dir: Path, cached: Path, states: dict) -> duckdb.DuckDBPyConnection | None:
    """The typed copy of this version, made from an earlier one (see above), or None."""
    if cached.parent.is_dir():
        key = cached.name.rsplit("-", 2)[0]  # the folder and the code, any version and macros
        priors = sorted(cached.parent.glob(f"{key}-*.duckdb"), key=lambda p: -p.stat().st_mtime)
    else:
        priors = []
    for prior in priors[:1]:
        try:
            con = duckdb.connect(str(prior), read_only=True)
        except duckdb.Error:
            continue
        try:
            then = _snapshot_states(con)
            if then is None or not _extends(data_dir, then, states):
                continue
            tails = {
                t: _tail_rows(data_dir / TABLES[t].file, then[t].size, states[t].size)
                for t in APPENDABLE
                if then.get(t) is not None and states[t].size > then[t].size
            }
            if sum(len(rows) for _, rows in tails.values()) > EXTEND_MAX_ROWS:
                return None
            plan = _plan_extension(con, data_dir, tails)
        finally:
            con.close()
        if plan is None:
            return None
        try:
            return _write_extension(prior, cached, data_dir, states, tails, plan)
        except (duckdb.Error, OSError):
            return None
    return None


def _tail_rows(path: Path, start: int, end: int) -> tuple[list[str], list[dict[str, str | None]]]:
    """The header and the records between two byte offsets (record boundaries), as stored."""
    import csv
    import io

    header, _ = csvfiles.read_header(path)
    with open(path, "rb") as fh:
        fh.seek(start)
        text = fh.read(end - start).decode("utf-8")
    rows = [
        {col: cell if cell != "" else None for col, cell in zip(header, r, strict=False)}
        for r in csv.reader(io.StringIO(text, newline=""))
        if any(cell.strip() for cell in r)
    ]
    return header, rows


@dataclass
class _Extension:
    loaded: dict[str, int]
    seal_states: list[seal.Finding]
    seal_findings: list[tuple[str, int, str, str, str]]


def _plan_extension(con, data_dir: Path, tails: dict) -> _Extension | None:
    """Check the appended rows against the earlier copy; None when any has a problem."""
    check = con.cursor()  # (its temporary views hide the tables' rowid)
    try:
        logical = {
            t: Appended(header, [], [{k: _uncell(v) for k, v in r.items()} for r in rows])
            for t, (header, rows) in tails.items()
        }
        if logical and _check_added(check, data_dir, logical):
            return None
    finally:
        check.close()
    cur = con.cursor()
    try:
        loaded = {
            t: cur.execute(f'select count(*) from "{t}"').fetchall()[0][0] for t in APPENDABLE
        }
        findings: list[tuple[str, int, str, str, str]] = []
        states: list[seal.Finding] = []
        header, rows = tails.get("updates", ([], []))
        sealed_before = cur.execute("select count(seal) from updates").fetchall()[0][0]
        last = cur.execute(
            "select seal, rowid + 1 from updates where seal is not null order by rowid desc limit 1"
        ).fetchall()
        previous, last_sealed = (last[0][0], last[0][1]) if last else ("", 0)
        start = loaded["updates"] + 1
        sealed = [(start + i, r) for i, r in enumerate(rows) if r.get(seal.COLUMN)]
        began = sealed_before > 0 or bool(sealed)
        first_sealed = sealed[0][0] if sealed else start + len(rows)
        outside = [
            (start + i, r.get("update_id"))
            for i, r in enumerate(rows)
            if not r.get(seal.COLUMN) and began and (sealed_before > 0 or start + i > first_sealed)
        ]
        states, row_findings = seal.verify(sealed, outside, previous)
        findings += [("updates", f.ordinal, f.column, f.message, "row") for f in row_findings]
        total = sealed_before + len(sealed)

        def nth(n: int) -> str | None:
            if n > sealed_before:
                return sealed[n - sealed_before - 1][1].get(seal.COLUMN)
            got = cur.execute(
                "select seal from updates where seal is not null order by rowid limit 1 offset $n",
                {"n": n - 1},
            ).fetchall()
            return got[0][0] if got else None

        at = sealed[-1][0] if sealed else (last_sealed or loaded["updates"] + len(rows))
        head = seal.check_head(seal.read_head(data_dir), total, nth, at)
        if head:
            findings.append(("updates", head.ordinal, head.column, head.message, "head"))
        return _Extension(loaded, states, findings)
    finally:
        cur.close()


def _uncell(value: str | None) -> str | None:
    return None if value is None else escape.uncell(value)


def _write_extension(prior: Path, cached: Path, data_dir: Path, states, tails, plan):
    """The new typed copy: the earlier one, the appended rows typed into their tables, the seal
    states and findings, and the derived tables brought up to date."""
    import pyarrow as pa

    build = _build_path(cached)
    _remove_files(build)
    shutil.copyfile(prior, build)
    con = duckdb.connect(str(build), config={"memory_limit": BUILD_MEMORY_LIMIT})
    try:
        for t, (header, rows) in tails.items():
            cols = known_columns(t)
            arrays = {name: pa.array([r.get(name) for r in rows], pa.string()) for name in header}
            con.register("tail_rows", pa.table(arrays))
            select = ", ".join(_typed(name, cols.get(name, Column(name))) for name in header)
            con.execute(f'insert into "{t}" by name select {select} from tail_rows')
            con.unregister("tail_rows")
        if plan.seal_states:
            con.executemany(
                "insert into update_seals values (?, ?, ?, ?)",
                [(f.ordinal, f.update_id, f.state, f.message or None) for f in plan.seal_states],
            )
        con.execute("delete from integrity_findings where kind = 'head'")
        if plan.seal_findings:
            rows = []
            for kind in ("row", "head"):
                mine = [f[:4] for f in plan.seal_findings if f[4] == kind]
                rows += [
                    (p.file, p.line, p.column, p.message, kind) for p in _locate(data_dir, mine)
                ]
            con.executemany("insert into integrity_findings values (?, ?, ?, ?, ?)", rows)
        if {"recommendations", "inspections"} & set(tails):
            _create_deadline_due_dates(con)
        _update_derived(con, tails)
        _record_file_states(con, states)
    except BaseException:
        con.close()
        _remove_files(build, Path(f"{build}.wal"))
        raise
    return _keep_build(con, build, cached)


def _update_derived(con, tails: dict) -> None:
    """queries/derived/*.sql again for the tables they read that grew. A file that says
    `-- partition: <column>` (update_spans, by rec_id) is built again only for the values of that
    column the appended rows hold: its other rows cannot have changed."""
    grown = set(tails)
    for path in sorted((QUERIES_DIR / "derived").glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        if not _reads(sql) & grown:
            continue
        partition = _PARTITION.search(sql)
        target = _CREATE_TABLE.search(sql)
        if partition is None or target is None or len(_reads(sql)) != 1:
            con.execute(sql)
            continue
        column, table, source = partition.group(1), target.group(1), next(iter(_reads(sql)))
        header, rows = tails[source]
        values = sorted({r.get(column) for r in rows} - {None})
        con.register("affected_values", pa.table({"v": pa.array(values, pa.string())}))
        con.execute("create or replace table _affected as select v from affected_values")
        con.unregister("affected_values")
        con.execute(f'alter table "{table}" rename to "{table}_before"')
        cur = con.cursor()
        try:
            catalog = cur.execute("select current_database()").fetchall()[0][0]
            cur.execute(
                f'create temp view "{source}" as select * from "{catalog}".main."{source}" '
                f'where "{column}" in (select v from "{catalog}".main._affected)'
            )
            cur.execute(sql)  # builds main.<table> from the affected rows only
        finally:
            cur.close()
        con.execute(
            f'insert into "{table}" select * from "{table}_before" '
            f'where "{column}" not in (select v from _affected)'
        )
        con.execute(f'drop table "{table}_before"')
        con.execute("drop table _affected")
