"""The tamper-evident trail: every position the app records is sealed, and `validate` says, by
file, line and column, which sealed row was changed or removed after it was recorded."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest

from oversight import auth, db, records, seal

ROOT = Path(__file__).resolve().parents[1]
EDITOR = auth.Identity("ed@force.example", "Ed Itor", True)
CONFIG = auth.EditingConfig(True, frozenset({"ed@force.example"}), True, ("",))
NOW = dt.datetime(2018, 8, 1, 9, 30, tzinfo=dt.UTC)
ALL = dict(
    recorded_by=None, rec_id=None, recorded_from=None, recorded_to=None, limit=None, offset=0
)


def record(folder: Path, *notes: str, rag: str = "red") -> None:
    for i, note in enumerate(notes):
        position = {"rec_id": "r1", "as_at": f"2018-07-{10 + i}", "status": "in_progress"}
        result = records.append_updates(
            folder, [{**position, "rag": rag, "note": note}], EDITOR, CONFIG, now=NOW
        )
        assert result.written


def lines(folder: Path) -> list[str]:
    return (folder / "updates.csv").read_text().splitlines()


def rewrite(folder: Path, new_lines: list[str]) -> None:
    (folder / "updates.csv").write_text("\n".join(new_lines) + "\n")


def validate(folder: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "oversight", "validate", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout


def trail_states(folder: Path) -> dict[str, str]:
    trail = db.load(folder).query("audit_trail", force_id=None, **ALL)
    return dict(zip(trail["note"].fillna(""), trail["seal_state"], strict=True))


def test_recorded_positions_are_sealed_and_curated_rows_are_unsealed_not_errors(mini_copy):
    record(mini_copy, "first", "second", "third")
    ds = db.load(mini_copy)
    assert (ds.problems, ds.integrity) == ([], [])
    states = trail_states(mini_copy)
    assert [states[n] for n in ("first", "second", "third")] == ["sealed"] * 3
    assert states["Not yet allocated"] == "unsealed"  # curated from a paper before sealing
    assert validate(mini_copy)[0] == 0
    assert seal.read_head(mini_copy).sealed == 3


def test_a_sealed_position_edited_outside_the_app_is_reported_by_line_and_column(mini_copy):
    record(mini_copy, "first", "second", "third")
    text = lines(mini_copy)
    assert ",red,second," in text[10]  # line 11: the second sealed row
    text[10] = text[10].replace(",red,second,", ",green,second,")
    rewrite(mini_copy, text)
    code, out = validate(mini_copy)
    assert code == 1
    assert out.splitlines() == [
        "updates.csv:11: rag: rag changed after the position was recorded (recorded by "
        "ed@force.example at 2018-08-01T09:30:00Z); a correction is a new position, never an edit"
    ]
    states = trail_states(mini_copy)
    assert (states["first"], states["second"], states["third"]) == ("sealed", "changed", "sealed")
    # The dashboard keeps working (the trail must show what cannot be trusted).
    assert db.load(mini_copy).is_valid


def test_a_sealed_position_removed_from_the_middle_or_the_end_is_reported(mini_copy):
    record(mini_copy, "first", "second", "third")
    text = lines(mini_copy)
    rewrite(mini_copy, text[:10] + text[11:])  # the second sealed row removed
    code, out = validate(mini_copy)
    assert code == 1
    assert out.startswith("updates.csv:11: seal: a sealed position recorded before this one")
    assert trail_states(mini_copy)["third"] == "gap"

    rewrite(mini_copy, text[:11])  # the third (last) removed instead
    code, out = validate(mini_copy)
    assert out.splitlines() == [
        "updates.csv:11: seal: the app sealed 3 positions and the file holds 2: 1 sealed "
        "position(s) after this row were removed"
    ]


def test_a_position_added_by_hand_after_sealing_began_is_marked(mini_copy):
    record(mini_copy, "first")
    rewrite(
        mini_copy,
        lines(mini_copy) + ["u-forged,r1,2018-07-30,closed,blue,forged,ed@force.example,,,"],
    )
    code, out = validate(mini_copy)
    assert code == 1
    assert out.startswith("updates.csv:11: seal: no seal: this position was added")
    assert trail_states(mini_copy)["forged"] == "outside"


def test_a_correction_is_a_new_position_and_keeps_the_chain(mini_copy):
    record(mini_copy, "first", rag="red")
    record(mini_copy, "Corrected: should have been amber", rag="amber")
    ds = db.load(mini_copy)
    assert (ds.problems, ds.integrity) == ([], [])
    history = ds.query("record_history", rec_id="r1")
    assert history["seal_state"].tolist()[:2] == ["sealed", "sealed"]


def test_the_seal_names_each_changed_column():
    row = {"update_id": "u1", "rec_id": "r1", "rag": "red", "note": "a"}
    sealed = {**row, "seal": seal.make(row, "")}
    changed = {**sealed, "rag": "green", "note": "b"}
    states, findings = seal.verify([(1, changed)])
    assert [(f.state, f.column) for f in findings] == [("changed", "note")]
    assert findings[0].message.startswith("note, rag changed")


@pytest.mark.parametrize("value", ["a\nrag=red", '"quoted", comma'])
def test_the_seal_cannot_be_kept_by_moving_text_between_cells(value):
    row = {"update_id": "u1", "note": value, "rag": ""}
    moved = {"update_id": "u1", "note": "a", "rag": "red"}
    assert seal.make(row, "")[:32] != seal.make(moved, "")[:32]


def test_the_seal_is_over_the_cells_as_the_file_stores_them(mini_copy):
    record(mini_copy, '=HYPERLINK("https://evil.invalid")')
    last = list(csv.reader(io.StringIO((mini_copy / "updates.csv").read_text())))[-1]
    assert last[5] == '\'=HYPERLINK("https://evil.invalid")'
    assert db.load(mini_copy).integrity == []
