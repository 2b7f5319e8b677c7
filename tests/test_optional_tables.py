"""Optional tables: a data folder may leave them out, and then they load empty."""

from __future__ import annotations

import shutil
from pathlib import Path

from oversight import db
from oversight.schema import TABLES

DATA = Path(__file__).resolve().parents[1] / "data"


def test_owners_is_optional_and_loads_empty_when_absent():
    assert TABLES["owners"].optional
    ds = db.load(DATA)
    assert ds.problems == []
    assert ds.con.execute("select count(*) from owners").fetchone()[0] == 0


def test_an_optional_table_present_is_validated_like_any_other(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / "owners.csv").write_text(
        "owner,email,role\nACC Crime,acc.crime@force.example,Chief officer lead\n"
        "ACC Crime,other@force.example,Chief officer lead\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in db.validate(folder)]
    assert problems == ["owners.csv:3: owner: duplicate key (owner=ACC Crime); first on line 2"]


def test_a_required_table_absent_is_still_an_error(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / "meetings.csv").unlink()
    assert "meetings.csv:1: *: file not found" in [str(p) for p in db.validate(folder)]
