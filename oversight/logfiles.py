"""Small append-only logs kept in the data folder beside the tables: which returns were
requested (``return_requests.csv``, a table the chase list reads) and which reminders were sent
(``reminders_sent.csv``). Each append holds the same lock as an editor's save and replaces the
file atomically, so a crash leaves the old file or the new one, never half a row."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from oversight import records

LOCK_TIMEOUT_SECONDS = 60.0


@contextlib.contextmanager
def locked(data_dir: Path) -> Iterator[None]:
    """The data folder's write lock (the one every save holds)."""
    fd = os.open(Path(data_dir) / records.LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError("the data folder is busy; try again") from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def append_rows(
    data_dir: Path, file_name: str, columns: Sequence[str], rows: Sequence[Mapping[str, object]]
) -> int:
    """Append rows to a CSV log in the data folder (created with its header when absent)."""
    if not rows:
        return 0
    path = Path(data_dir) / file_name
    with locked(Path(data_dir)):
        existing = path.read_bytes() if path.is_file() else b""
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        if not existing:
            writer.writerow(columns)
        elif not existing.endswith(b"\n"):
            out.write("\n")
        for row in rows:
            writer.writerow(["" if row.get(c) is None else str(row.get(c)) for c in columns])
        records.atomic_write(path, existing + out.getvalue().encode("utf-8"))
    return len(rows)
