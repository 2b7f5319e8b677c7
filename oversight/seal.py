"""The seal on each position the app records: a hash chain that makes later edits visible.

When the app appends a position to updates.csv it fills the row's ``seal`` cell with

- 32 hex digits: SHA-256 over the previous sealed row's 32 digits and this row's cells (every
  column but ``seal`` that holds a value, by name, exactly as the file stores it), and then
- 4 hex digits per such cell, in column-name order: a digest of that one cell, so that a check
  can say which column changed.

``verify`` walks the sealed rows in file order. A row whose cells no longer give its seal was
changed after it was recorded (the columns whose digests no longer match are named). A row whose
own cells are intact but whose chain does not follow from the sealed row before it tells that a
sealed row before it was removed (or rows were moved). A row with no seal after the first sealed
row was added outside the app. The data folder's ``.oversight-seal`` file holds how many rows the
app has sealed and the last seal, so a sealed row removed from the end is noticed too. Rows
curated from papers before the app recorded anything carry no seal: they are "unsealed", not
wrong.

The chain detects an edit made to the file outside the app (in Excel, a text editor, a script
that does not recompute every later seal and the seal file). It is not a signature: someone who
can write the data folder and recomputes the chain from the edited row on is not stopped by it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

COLUMN = "seal"
HEAD_FILE = ".oversight-seal"
CHAIN_DIGITS = 32
CELL_DIGITS = 4
_SHAPE = re.compile(rf"^[0-9a-f]{{{CHAIN_DIGITS}}}(?:[0-9a-f]{{{CELL_DIGITS}}})*$")

# What the audit trail says of each position.
SEALED = "sealed"
UNSEALED = "unsealed"  # curated before the app recorded anything
CHANGED = "changed"  # its cells no longer give its seal
GAP = "gap"  # intact, but a sealed row before it was removed or moved
OUTSIDE = "outside"  # no seal, but after the first sealed row: added outside the app
# What the history and the audit trail say of each state (a warning sign where it cannot be
# relied on: the words carry the meaning, not the sign).
LABELS = {
    SEALED: "Sealed",
    UNSEALED: "Curated (not sealed)",
    CHANGED: "⚠ Changed after it was recorded",
    GAP: "⚠ A sealed position before it was removed",
    OUTSIDE: "⚠ Added outside the app",
}


def label(state: str | None) -> str:
    return LABELS.get(state or UNSEALED, LABELS[UNSEALED])


def _pairs(row: Mapping[str, str | None]) -> list[tuple[str, str]]:
    return sorted((k, v) for k, v in row.items() if k != COLUMN and v not in (None, ""))


def _cell_digest(name: str, value: str) -> str:
    text = json.dumps([name, value], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:CELL_DIGITS]


def _chain(previous: str, pairs: list[tuple[str, str]]) -> str:
    text = json.dumps([previous, pairs], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:CHAIN_DIGITS]


def make(row: Mapping[str, str | None], previous: str) -> str:
    """The seal of a row (its cells exactly as written) that follows the seal `previous`."""
    pairs = _pairs(row)
    return _chain(link(previous), pairs) + "".join(_cell_digest(k, v) for k, v in pairs)


def link(seal: str | None) -> str:
    """The part of a seal the next row's chain builds on ("" before the first sealed row)."""
    return (seal or "")[:CHAIN_DIGITS]


@dataclass(frozen=True)
class Finding:
    """Something the chain says about one row: its position among the file's rows (1-based),
    its state, the column at fault and the words for the reader."""

    ordinal: int
    update_id: str | None
    state: str
    column: str
    message: str


@dataclass(frozen=True)
class Head:
    """What the seal file says: how many rows the app has sealed, and the last seal."""

    sealed: int
    seal: str


def read_head(data_dir: Path) -> Head | None:
    try:
        raw = json.loads((Path(data_dir) / HEAD_FILE).read_text(encoding="utf-8"))
        return Head(int(raw["sealed"]), str(raw["seal"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def head_bytes(head: Head) -> bytes:
    return (json.dumps({"sealed": head.sealed, "seal": head.seal}) + "\n").encode()


def verify(
    rows: Iterable[tuple[int, Mapping[str, str | None]]],
    outside: Iterable[tuple[int, str | None]] = (),
    previous: str = "",
) -> tuple[list[Finding], list[Finding]]:
    """Check sealed rows (ordinal, cells as stored), in file order, the first following the seal
    `previous` ("" at the start of the file).

    ``outside`` are the unsealed rows after the first sealed one (ordinal, update_id). Returns
    (every sealed or late row's state, the findings a reader must see).
    """
    states: list[Finding] = []
    findings: list[Finding] = []
    previous = link(previous)
    for ordinal, row in rows:
        stored = row.get(COLUMN) or ""
        update_id = row.get("update_id")
        who = _who(row)
        pairs = _pairs(row)
        if not _SHAPE.match(stored):
            finding = Finding(
                ordinal, update_id, CHANGED, COLUMN, f"the seal was changed after {who}"
            )
        elif _chain(previous, pairs) == stored[:CHAIN_DIGITS]:
            finding = Finding(ordinal, update_id, SEALED, COLUMN, "")
        else:
            kept = [
                stored[i : i + CELL_DIGITS] for i in range(CHAIN_DIGITS, len(stored), CELL_DIGITS)
            ]
            now = [_cell_digest(k, v) for k, v in pairs]
            if now == kept:
                finding = Finding(
                    ordinal,
                    update_id,
                    GAP,
                    COLUMN,
                    "a sealed position recorded before this one was removed or moved "
                    f"(this one is intact: {who})",
                )
            else:
                changed = [k for (k, _), d in zip(pairs, now, strict=True) if d not in kept]
                column = changed[0] if changed else COLUMN
                what = (
                    f"{', '.join(changed)} changed"
                    if changed
                    else "a value was emptied, or the seal edited,"
                )
                finding = Finding(
                    ordinal,
                    update_id,
                    CHANGED,
                    column,
                    f"{what} after the position was recorded ({who}); "
                    "a correction is a new position, never an edit",
                )
        states.append(finding)
        if finding.state != SEALED:
            findings.append(finding)
        previous = stored[:CHAIN_DIGITS]
    for ordinal, update_id in outside:
        finding = Finding(
            ordinal,
            update_id,
            OUTSIDE,
            COLUMN,
            "no seal: this position was added to the file outside the app, after the app "
            "started sealing what it records",
        )
        states.append(finding)
        findings.append(finding)
    return states, findings


def check_head(
    head: Head | None, sealed: int, nth_seal: Callable[[int], str | None], at: int
) -> Finding | None:
    """The seal file against the file: `sealed` rows carry a seal, `nth_seal(n)` is the n-th
    one's (1-based), `at` the row to report on (the last sealed row, else the last row)."""
    if head is None or head.sealed <= 0:
        return None
    if sealed >= head.sealed and nth_seal(head.sealed) == head.seal:
        return None
    missing = head.sealed - sealed
    if missing > 0:
        message = (
            f"the app sealed {head.sealed:,} positions and the file holds {sealed:,}: "
            f"{missing:,} sealed position(s) after this row were removed"
        )
    else:
        message = (
            f"the {head.sealed:,}th sealed position is not the one the app sealed: "
            "sealed rows were removed, moved or rewritten"
        )
    return Finding(max(at, 1), None, GAP, COLUMN, message)


def _who(row: Mapping[str, str | None]) -> str:
    by = row.get("recorded_by") or "an unknown editor"
    at = row.get("recorded_at") or "an unknown time"
    return f"recorded by {by} at {at}"
