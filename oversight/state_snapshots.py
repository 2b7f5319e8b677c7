"""The as-at state of a force's findings, computed once per date and force and shared.

Almost every figure starts from the state of each finding as at a date (queries/macros/
rec_state_computed.sql): the latest recorded position, the due date then in force, overdue or
not. A page asks for it in a dozen queries, and the Overview's headline query alone for three
dates; computed afresh each time it was most of the server's work on a sidebar change. So the
state for one (date, force) is computed once into a table in an in-memory database attached to
the data's DuckDB (`scratch`), and the macro rec_state(date, force) reads it from there.

A query never reads a state that was not prepared for it: `held` prepares every (date, force)
the query's text asks for (see `wanted`) before the query runs and keeps them until it has run,
and a state is dropped (oldest first, when the table holds more than MAX_ROWS rows) only when no
query holds it. A connection shares one DuckDB instance with every other connection to the same
file, and so one scratch database: each instance's scratch holds a token naming its keeper.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import threading
import uuid
import weakref
from collections import OrderedDict
from collections.abc import Iterator

import duckdb

TABLE = "scratch.rec_state_snapshots"
# About 70 MB at national scale: 7 states of every force (13,000 findings each), or 300 of one.
MAX_ROWS = 100_000

# Each table macro that reads the state: which of its arguments are dates, which is the force.
STATE_MACROS: dict[str, tuple[tuple[int, ...], int]] = {
    "rec_state": ((0,), 1),
    "rec_state_force": ((0,), 1),
    "rec_state_force_changes": ((0, 1), 2),
    "rec_state_issues": ((0,), 1),
    "timeline_grouped": ((0,), 1),
}
_CALL = re.compile(r"\b(" + "|".join(sorted(STATE_MACROS, key=len, reverse=True)) + r")\s*\(")
_PARAM = re.compile(r"^\$([a-z_][a-z0-9_]*)(::[a-z]+)?$")
_NULL = re.compile(r"^null(::[a-z]+)?$")

Key = tuple[dt.date, str | None]


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Attach the scratch database and create the state table (shaped as rec_state_computed
    returns it), unless this DuckDB instance has them already. Needs rec_state_computed."""
    con.execute("attach if not exists ':memory:' as scratch (read_only false)")
    con.execute(
        f"create table if not exists {TABLE} as "
        "select null::date as snapshot_on, null::varchar as snapshot_force, * "
        "from rec_state_computed(null::date) limit 0"
    )
    con.execute(
        "create table if not exists scratch.snapshot_keeper as select $token as token",
        {"token": uuid.uuid4().hex},
    )


class Snapshots:
    """Which states the scratch table of one DuckDB instance holds, who is reading each, and
    building each once however many queries ask for it at the same time."""

    def __init__(self, max_rows: int = MAX_ROWS) -> None:
        self.max_rows = max_rows
        self._lock = threading.Lock()
        self._ready: OrderedDict[Key, int] = OrderedDict()  # key -> rows, oldest use first
        self._building: dict[Key, threading.Event] = {}
        self._readers: dict[Key, int] = {}
        self._dropped = 0  # rows deleted since the scratch database last gave their memory back

    @contextlib.contextmanager
    def held(self, con: duckdb.DuckDBPyConnection, keys: set[Key]) -> Iterator[None]:
        """Every state in keys is in the table until the block ends."""
        taken: list[Key] = []
        try:
            for key in sorted(keys, key=lambda k: (k[0], k[1] or "")):
                self._take(con, key)
                taken.append(key)
            yield
        finally:
            with self._lock:
                for key in taken:
                    self._readers[key] -= 1
                self._evict(con)
                compact = self._dropped > self.max_rows
                if compact:
                    self._dropped = 0
            if compact:
                _compact(con)

    def build_ahead(self, con: duckdb.DuckDBPyConnection, key: Key) -> None:
        """Build a state a query will read soon, unless it is built or being built (a worker
        never waits here for another's build)."""
        with self._lock:
            if key in self._ready or key in self._building:
                return
        with self.held(con, {key}):
            pass

    def has(self, key: Key) -> bool:
        with self._lock:
            return key in self._ready

    @property
    def rows(self) -> int:
        with self._lock:
            return sum(self._ready.values())

    def _take(self, con: duckdb.DuckDBPyConnection, key: Key) -> None:
        while True:
            with self._lock:
                if key in self._ready:
                    self._ready.move_to_end(key)
                    self._readers[key] = self._readers.get(key, 0) + 1
                    return
                building = self._building.get(key)
                if building is None:
                    building = self._building[key] = threading.Event()
                    self._readers[key] = self._readers.get(key, 0) + 1
                    break
            building.wait()
        try:
            rows = _build(con, key)
        except BaseException:
            with self._lock:
                self._readers[key] -= 1
                del self._building[key]
            building.set()
            raise
        with self._lock:
            self._ready[key] = rows
            del self._building[key]
        building.set()

    def _evict(self, con: duckdb.DuckDBPyConnection) -> None:
        """Drop the states used longest ago that nobody is reading, down to max_rows (under the
        lock: a state being dropped is never handed out)."""
        total = sum(self._ready.values())
        for key in list(self._ready):
            if total <= self.max_rows:
                return
            if self._readers.get(key, 0) == 0:
                rows = self._ready.pop(key)
                total -= rows
                self._dropped += rows
                self._readers.pop(key, None)
                con.cursor().execute(
                    f"delete from {TABLE} where snapshot_on = $on "
                    "and snapshot_force is not distinct from $force",
                    {"on": key[0], "force": key[1]},
                )


def _build(con: duckdb.DuckDBPyConnection, key: Key) -> int:
    on, force = key
    cur = con.cursor()
    cur.execute(
        f"insert into {TABLE} select $on::date, $force::varchar, * "
        "from rec_state_computed($on::date) "
        "where $force::varchar is null or force_id = $force::varchar",
        {"on": on, "force": force},
    )
    return int(cur.fetchone()[0])


def _compact(con: duckdb.DuckDBPyConnection) -> None:
    """Give back the memory of deleted states: DuckDB keeps a deleted row's memory until a
    checkpoint rewrites its row group (measured at national: 60 states built and dropped grew the
    scratch database from 97 to 519 MB; with this, it stays under 35 MB). A checkpoint that other
    writers hold up is skipped: the next one catches up."""
    with contextlib.suppress(duckdb.Error):
        con.cursor().execute("checkpoint scratch")


# One keeper per DuckDB instance (its scratch's token), shared by every Dataset on it.
_KEEPERS: weakref.WeakValueDictionary[str, Snapshots] = weakref.WeakValueDictionary()
_KEEPERS_LOCK = threading.Lock()


def keeper(con: duckdb.DuckDBPyConnection) -> Snapshots | None:
    """The keeper of this connection's scratch states, or None where the data has no state
    macro to prepare them with (a connection built before them)."""
    try:
        prepare(con)
        token = con.execute("select token from scratch.snapshot_keeper").fetchone()[0]
    except duckdb.CatalogException:
        return None
    with _KEEPERS_LOCK:
        found = _KEEPERS.get(token)
        if found is None:
            found = _KEEPERS[token] = Snapshots()
        return found


def wanted(sql: str, params: dict[str, object]) -> set[Key]:
    """Every (date, force) the state macros in this query text are called with. A call whose
    date or force is neither a $parameter nor null is refused: it could not be prepared."""
    keys: set[Key] = set()
    for call in _CALL.finditer(sql):
        args = _arguments(sql, call.end())
        dates, force_at = STATE_MACROS[call.group(1)]
        force = _value(args[force_at], params, call.group(1))
        for at in dates:
            on = _value(args[at], params, call.group(1))
            if on is None:
                continue
            keys.add((_as_date(on), None if force is None else str(force)))
    return keys


def _arguments(sql: str, start: int) -> list[str]:
    """The top-level arguments of the call whose '(' ends at start."""
    depth, args, current = 0, [], []
    for char in sql[start:]:
        if char == ")" and depth == 0:
            args.append("".join(current).strip())
            return args
        if char == "," and depth == 0:
            args.append("".join(current).strip())
            current = []
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        current.append(char)
    raise ValueError("a state macro's call is not closed")


def _value(arg: str, params: dict[str, object], macro: str) -> object:
    text = arg.strip().lower()
    if _NULL.match(text):
        return None
    found = _PARAM.match(text)
    if found is None:
        raise ValueError(f"{macro}() takes $parameters or null, not {arg!r}")
    return params.get(found.group(1))


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
