"""Small append-only logs kept in the data folder beside the tables: which returns were
requested (``return_requests.csv``, a table the chase list reads) and which reminders were sent
(``reminders_sent.csv``). Each append holds the same lock as an editor's save and replaces the
file atomically, so a crash leaves the old file or the new one, never half a row."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from oversight import records


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
    with records.write_lock(data_dir):
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
