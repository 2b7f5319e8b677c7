"""data/README.md is the data contract a user reads; oversight/schema.py is the same contract as
code. They must agree: every table, its key, required cells, columns that may be absent and
references, and every column documented in its table's section."""

from __future__ import annotations

import re

import pytest

from oversight.db import ROOT
from oversight.schema import EXTRA_COLUMNS, TABLES

README = (ROOT / "data" / "README.md").read_text(encoding="utf-8")


def _names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def _contract_rows() -> dict[str, list[str]]:
    section = README.split("## The contract", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `") and ".csv`" in line:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows[_names(cells[0])[0]] = cells
    return rows


def test_the_contract_table_lists_every_table():
    assert sorted(_contract_rows()) == sorted(t.file for t in TABLES.values())


@pytest.mark.parametrize("name", list(TABLES))
def test_the_contract_table_matches_the_schema(name):
    table = TABLES[name]
    file_cell, key, required, absent, references = _contract_rows()[table.file]
    assert ("(optional)" in file_cell) == table.optional
    assert _names(key) == list(table.key)
    assert _names(required) == [c.name for c in table.columns if c.required]
    assert _names(absent) == [c.name for c in EXTRA_COLUMNS.get(name, ())]
    expected_refs = [
        [*r.columns, r.table] for r in table.references
    ]  # "`a`, `b` → `table`" per reference, joined by "; "
    written = [_names(part) for part in references.split(";") if _names(part)]
    assert written == expected_refs


@pytest.mark.parametrize("name", list(TABLES))
def test_every_column_is_documented_in_its_table_section(name):
    table = TABLES[name]
    heading = re.search(rf"^## `{re.escape(table.file)}`.*$", README, re.MULTILINE)
    assert heading, f"data/README.md has no section for {table.file}"
    section = README[heading.end() :].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, re.MULTILINE)
    columns = [c.name for c in table.columns + EXTRA_COLUMNS.get(name, ())]
    missing = [c for c in columns if c not in documented]
    assert missing == [], f"{table.file}: columns not documented in data/README.md"
    unknown = [c for c in documented if c not in columns]
    assert unknown == [], f"{table.file}: data/README.md documents columns the schema lacks"


@pytest.mark.parametrize("name", list(TABLES))
def test_every_enumeration_is_written_out(name):
    """Each allowed value of an enumerated column appears in its table's section."""
    table = TABLES[name]
    heading = re.search(rf"^## `{re.escape(table.file)}`.*$", README, re.MULTILINE)
    section = README[heading.end() :].split("\n## ", 1)[0]
    for column in table.columns + EXTRA_COLUMNS.get(name, ()):
        row = re.search(rf"^\| `{column.name}` \|.*$", section, re.MULTILINE)
        for value in column.choices:
            assert f"`{value}`" in row.group(0) or (
                # an enumeration shared with another table: "as in `peel_grades`"
                "as in `" in row.group(0)
            ), f"{table.file}.{column.name}: allowed value {value!r} not written out"


def test_every_rule_across_tables_is_written_in_the_contract():
    section = README.split("## The contract", 1)[1].split("\n## ", 1)[0]
    checks = sorted(p.stem for p in (ROOT / "queries" / "checks").glob("*.sql"))
    assert checks, "queries/checks/ holds the rules"
    unwritten = [name for name in checks if f"(`{name}`)" not in section]
    assert unwritten == [], "rules in queries/checks/ not described in data/README.md"
