"""Owners' returns: made from the data, filled in as an owner would, imported back."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from oversight import auth, db, imports, returns

DATA = Path(__file__).resolve().parents[1] / "data"
EDITOR = auth.Identity("ed@force.example", "Ed", True)
CONFIG = auth.EditingConfig(True, frozenset({"ed@force.example"}), True, ("",))
AS_AT = dt.date(2018, 9, 1)
RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue", "white": "White"}


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def books(folder: Path) -> dict[str, tuple[str, bytes]]:
    ds = db.load(folder)
    items = db.run_query(ds, "returns_items", as_at=AS_AT, force_id="wmp", owner=None)
    return returns.workbooks(items, AS_AT, dt.date(2018, 9, 27), RAG_LABELS)


def sheet_rows(data: bytes) -> list[list[object]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [list(r) for r in wb[returns.SHEET].iter_rows(values_only=True)]


def test_one_workbook_per_chief_officer_lead_prefilled_with_open_findings(data_copy):
    made = books(data_copy)
    assert "ACC Crime" in made
    name, data = made["ACC Crime"]
    assert name == "return-acc-crime-2018-09-01.xlsx"
    rows = sheet_rows(data)
    header = rows[0]
    assert header[0] == "Finding id"
    assert {
        "Report",
        "Reference",
        "Finding",
        "Due",
        "Latest status",
        "New status",
        "New RAG",
    } <= set(header)
    by_id = {r[0]: dict(zip(header, r, strict=False)) for r in rows[1:]}
    detectives = by_id["wmp-peel2017nat-r02"]
    assert detectives["Due"] == "2018-09-30"
    assert detectives["Latest status"] == "In progress"
    assert detectives["Latest RAG"] == "White"
    assert detectives["New status"] is None
    assert detectives["Position as at"] == dt.datetime(2018, 9, 1)


def test_pre_filled_columns_are_locked_the_id_hidden_and_codes_validated(data_copy):
    _, data = books(data_copy)["ACC Crime"]
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[returns.SHEET]
    assert ws.protection.sheet
    assert ws.column_dimensions["A"].hidden
    header = [c.value for c in ws[1]]
    status_col = header.index("New status") + 1
    assert ws.cell(2, 2).protection.locked
    assert not ws.cell(2, status_col).protection.locked
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any("In progress" in f and "Closed" in f for f in lists)
    assert any("Red" in f and "Amber" in f for f in lists)


def test_the_page_makes_each_download_on_click_as_the_command_makes_it(data_copy):
    """The Returns page makes the zip and an owner's workbook when its button is clicked
    (every_return, owner_workbook): the same files, named the same, as workbooks()."""
    ds = db.load(data_copy)
    items = db.run_query(ds, "returns_items", as_at=AS_AT, force_id="wmp", owner=None)
    meeting = dt.date(2018, 9, 27)
    made = returns.workbooks(items, AS_AT, meeting, RAG_LABELS)
    assert returns.owners(items) == list(made) == ["ACC Crime", "ACC Local Policing", "Unallocated"]
    one = returns.owner_workbook(items, "ACC Crime", AS_AT, meeting, RAG_LABELS)
    assert returns.file_name("ACC Crime", AS_AT) == made["ACC Crime"][0]
    assert sheet_rows(one) == sheet_rows(made["ACC Crime"][1])
    assert [r[0] for r in sheet_rows(one)[1:]] == ["wmp-peel2017nat-r02", "wmp-peel2017nat-r03"]
    assert returns.zip_file_name(AS_AT) == "returns-2018-09-01.zip"
    with zipfile.ZipFile(io.BytesIO(returns.every_return(items, AS_AT, meeting, RAG_LABELS))) as zf:
        assert zf.namelist() == [
            "return-acc-crime-2018-09-01.xlsx",
            "return-acc-local-policing-2018-09-01.xlsx",
            "return-unallocated-2018-09-01.xlsx",
        ]
        for name, data in made.values():
            assert sheet_rows(zf.read(name)) == sheet_rows(data)
    unallocated = sheet_rows(made["Unallocated"][1])
    assert len(unallocated) == 1 + 27


def fill(data: bytes, changes: dict[str, dict[str, object]]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[returns.SHEET]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        rec_id = row[0].value
        for column, value in changes.get(rec_id, {}).items():
            row[header.index(column)].value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_filled_return_shows_its_changes_then_lands_with_the_audit_trail(data_copy):
    name, data = books(data_copy)["ACC Crime"]
    filled = fill(
        data,
        {
            "wmp-peel2017nat-r02": {
                "New status": "In progress",
                "New RAG": "Green",
                "New position": "Detective academy intake on plan; 120 trainees in post.",
            },
            # Only the position and a revised date: status and RAG stay as last recorded.
            "wmp-peel2017nat-r03": {
                "New position": "Reviewed at the Crime board.",
                "Revised due date": dt.datetime(2018, 12, 31),
                "Reason for the revised date": "Awaiting the national ICT procurement.",
            },
        },
    )
    upload = imports.read_upload(name, filled, "return", RAG_LABELS)
    assert upload.problems == []
    preview = imports.preview(data_copy, upload, EDITOR, CONFIG)
    assert preview.problems == []
    assert preview.added_count() == 2
    changes = upload.changes.set_index("New position")
    assert changes.loc["Detective academy intake on plan; 120 trainees in post.", "From"] == (
        "In progress · White"
    )
    assert changes.loc["Detective academy intake on plan; 120 trainees in post.", "To"] == (
        "In progress · Green"
    )
    assert changes.loc["Reviewed at the Crime board.", "To"] == "In progress · White"
    before = (data_copy / "updates.csv").read_text(encoding="utf-8")
    assert "Detective academy" not in before  # the preview wrote nothing

    done = imports.commit(
        data_copy, imports.read_upload(name, filled, "return", RAG_LABELS), EDITOR, CONFIG
    )
    assert done.written and done.added_count() == 2
    ds = db.load(data_copy)
    assert ds.problems == []
    row = ds.con.execute(
        "select status, rag, as_at, recorded_by, source from updates "
        "where rec_id = 'wmp-peel2017nat-r02' order by as_at desc limit 1"
    ).fetchone()
    assert row == (
        "in_progress",
        "green",
        dt.date(2018, 9, 1),
        "ed@force.example",
        f"return: {name}",
    )
    revised = ds.con.execute(
        "select revised_due_on, revision_reason from updates "
        "where rec_id = 'wmp-peel2017nat-r03' and revised_due_on is not null"
    ).fetchone()
    assert revised == (dt.date(2018, 12, 31), "Awaiting the national ICT procurement.")
    # The same return again adds nothing.
    again = imports.commit(
        data_copy, imports.read_upload(name, filled, "return", RAG_LABELS), EDITOR, CONFIG
    )
    assert again.added_count() == 0


def test_a_return_with_an_unknown_code_or_a_formula_is_refused_whole(data_copy):
    name, data = books(data_copy)["ACC Crime"]
    filled = fill(
        data,
        {
            "wmp-peel2017nat-r02": {"New status": "Done-ish"},
            "wmp-peel2017nat-r03": {"New position": '=HYPERLINK("http://x")'},
        },
    )
    upload = imports.read_upload(name, filled, "return", RAG_LABELS)
    messages = [str(p) for p in upload.problems]
    assert any("New status" in m and "unknown status 'Done-ish'" in m for m in messages)
    assert any("formula" in m for m in messages)
    preview = imports.commit(data_copy, upload, EDITOR, CONFIG)
    assert not preview.written


def test_a_non_editor_cannot_import_a_return(data_copy):
    name, data = books(data_copy)["ACC Crime"]
    filled = fill(data, {"wmp-peel2017nat-r02": {"New RAG": "Green"}})
    upload = imports.read_upload(name, filled, "return", RAG_LABELS)
    with pytest.raises(auth.NotAllowed):
        imports.commit(data_copy, upload, auth.ANONYMOUS, CONFIG)
