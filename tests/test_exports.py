"""Exports: CSV and XLSX hold exactly the filtered rows, the XLSX says which filters and as-at date
produced them, and no text cell can be evaluated as a formula by a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from oversight import db, explorer, exports, vocabulary

ROOT = Path(__file__).resolve().parents[1]
JUNE = dt.date(2018, 6, 28)
TRIGGERS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", TRIGGERS)
def test_neutralise_prefixes_formula_triggers(value):
    assert exports.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["plain", "1+1", " =1", "", "'=quoted already"])
def test_neutralise_leaves_other_text(value):
    assert exports.neutralise(value) == value


def _read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_neutralises_text_but_not_numbers():
    frame = pd.DataFrame(
        {
            "Text": pd.array(['=HYPERLINK("http://x")', "fine", None], dtype="string"),
            "Days": pd.array([-5, 3, None], dtype="Int64"),
            "Due": [dt.date(2018, 9, 30), None, dt.date(2018, 10, 31)],
        }
    )
    got = _read_csv(exports.to_csv(frame))
    assert got == [
        ["Text", "Days", "Due"],
        ['\'=HYPERLINK("http://x")', "-5", "2018-09-30"],
        ["fine", "3", ""],
        ["", "", "2018-10-31"],
    ]


def test_xlsx_writes_text_as_strings_and_lists_filters():
    frame = pd.DataFrame(
        {
            "Text": pd.array(["=1+1", "@cmd", "multi\nline"], dtype="string"),
            "Days": pd.array([-5, None, 7], dtype="Int64"),
            "Due": [dt.date(2018, 9, 30), None, dt.date(2018, 10, 31)],
        }
    )
    data = exports.to_xlsx(
        frame,
        filters=[("Chief officer lead", "=cmd|' /C calc'!A0")],
        as_at=JUNE,
        notes=[("Link", "recommendations?owner=x")],
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Recommendations", "Filters"]
    sheet = book["Recommendations"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values == [
        ["Text", "Days", "Due"],
        ["=1+1", -5, dt.datetime(2018, 9, 30)],
        ["@cmd", None, None],
        ["multi\nline", 7, dt.datetime(2018, 10, 31)],
    ]
    # Text cells are string cells: no spreadsheet evaluates them, and the text is kept exactly.
    assert sheet["A2"].data_type == "s"
    assert sheet["A3"].data_type == "s"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    filters = [[c.value for c in row] for row in book["Filters"].iter_rows()]
    assert filters == [
        ["Setting", "Value"],
        ["As at", "28 June 2018 (2018-06-28)"],
        ["Rows", "3"],
        ["Chief officer lead", "=cmd|' /C calc'!A0"],
        ["Link", "recommendations?owner=x"],
    ]
    assert book["Filters"]["B4"].data_type == "s"


def test_xlsx_without_filters_says_so():
    data = exports.to_xlsx(pd.DataFrame({"A": ["x"]}), filters=[], as_at=JUNE)
    filters = [
        [c.value for c in row]
        for row in openpyxl.load_workbook(io.BytesIO(data))["Filters"].iter_rows()
    ]
    assert ["Filters", "None: every finding"] in filters


@pytest.fixture
def hostile(mini_copy: Path) -> db.Dataset:
    """The mini fixture with a finding whose text, owner and note start with formula triggers."""
    recs = mini_copy / "recommendations.csv"
    recs.write_text(
        recs.read_text()
        + 'x1,nat-2018,wmp,=R9,recommendation,all_forces,"=HYPERLINK(""http://evil"",""click"")",'
        "By October 2018,2018-10-31,inspectorate,prevention,@ACC Evil,-Supt Minus,+Board Plus,\n"
    )
    updates = mini_copy / "updates.csv"
    updates.write_text(
        updates.read_text()
        + "u9,x1,2018-06-28,in_progress,amber,=1+1 is not a sum,Analyst,2018-06-28,\n"
    )
    ds = db.load(mini_copy)
    assert ds.is_valid, ds.problems
    return ds


def _export(ds: db.Dataset, **filters) -> pd.DataFrame:
    rows = ds.query(
        "explorer_rows",
        as_at=JUNE,
        force_id="wmp",
        **explorer.Filters(**filters).query_params(),
    )
    return explorer.export_frame(rows, vocabulary.rag_scale(ds))


def test_csv_export_has_exactly_the_filtered_rows_and_is_formula_safe(hostile):
    frame = _export(hostile, area="prevention")
    got = _read_csv(exports.to_csv(frame))
    assert got[0] == list(explorer.EXPORT_COLUMNS.values())
    # Same due date and inspection: sorted by reference, "=R9" first. Record id is column 2.
    assert [r[1] for r in got[1:]] == ["x1", "r1"]
    x1 = dict(zip(got[0], got[1], strict=True))
    # the reference names the report first, so the report's "=R9" cannot start a formula
    assert x1["Reference"] == "National overview · =R9"
    assert x1["Text"] == '\'=HYPERLINK("http://evil","click")'
    assert x1["Chief officer lead"] == "'@ACC Evil"
    assert x1["Tactical lead"] == "'-Supt Minus"
    assert x1["Governance board"] == "'+Board Plus"
    assert x1["Latest note"] == "'=1+1 is not a sum"
    assert x1["When due"] == "in 125 days"  # said as on every page
    assert x1["Due date"] == "2018-10-31"
    assert x1["RAG"] == "Amber"
    # No unprefixed cell starts with a trigger.
    assert not any(c.startswith(tuple(exports.FORMULA_TRIGGERS)) for r in got for c in r)


def test_xlsx_export_has_the_same_rows_as_strings(hostile):
    frame = _export(hostile, area="prevention")
    data = exports.to_xlsx(
        frame,
        filters=explorer.describe(explorer.Filters(area="prevention"), explorer.Options()),
        as_at=JUNE,
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Recommendations"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == list(explorer.EXPORT_COLUMNS.values())
    assert [r[1] for r in values[1:]] == ["x1", "r1"]
    x1 = dict(zip(values[0], values[1], strict=True))
    assert x1["Text"] == '=HYPERLINK("http://evil","click")'
    assert x1["Chief officer lead"] == "@ACC Evil"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    filters = dict((r[0].value, r[1].value) for r in book["Filters"].iter_rows(min_row=2))
    assert filters["PEEL area"] == "Prevention"
    assert filters["As at"] == "28 June 2018 (2018-06-28)"
    assert filters["Rows"] == "2"


def test_page_downloads_hold_the_filtered_rows(monkeypatch):
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/recommendations.py")
    at.query_params["owner"] = "ACC Crime"
    at.run()
    assert not at.exception
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [
        "Download CSV (2 rows)",
        "Download XLSX (2 rows)",
    ]
    # The bytes the buttons serve are the export of exactly these rows.
    bundled = db.load(ROOT / "data")
    frame = _export(bundled, owner="ACC Crime")
    got = _read_csv(exports.to_csv(frame))
    names = ["PEEL 2017 national · R2", "PEEL 2017 national · R3"]
    assert [r[0] for r in got[1:]] == names
    assert list(at.dataframe[0].value["Reference"]) == names


def test_the_pack_says_a_late_pcc_response_overdue_the_one_way():
    from types import SimpleNamespace

    from oversight.paper import revisions

    late = SimpleNamespace(days_to_response_due=-92, response_status="overdue")
    assert revisions._due_words(late) == "92 days overdue; no publication recorded"
    soon = SimpleNamespace(days_to_response_due=7, response_status="due")
    assert revisions._due_words(soon) == "Due in 7 days"
