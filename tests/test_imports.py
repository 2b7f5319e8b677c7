"""Importing a return or a new report: only CSV/XLSX, formulas never evaluated, text kept as text,
a preview with every problem's row and column, all or nothing, and nothing added twice."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from oversight import auth, db, imports

EDITOR = auth.Identity("ed@force.example", "Ed", True)
CONFIG = auth.EditingConfig(True, frozenset({"ed@force.example"}), True, ("",))
HEADER = "rec_id,as_at,status,rag,note\r\n"


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return (header + "".join(line + "\r\n" for line in lines)).encode("utf-8")


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def update_rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


RETURN = csv_bytes(
    "r1,2018-07-20,in_progress,amber,Slipping",
    'r2,2018-07-20,pending_closure,green,"Plan agreed, awaiting sign-off"',
)


def test_a_return_previews_then_imports(mini_copy):
    upload = imports.read_upload("return.csv", RETURN, "updates")
    assert upload.problems == []
    assert upload.row_numbers == {"updates": [2, 3]}
    before = (mini_copy / "updates.csv").read_bytes()
    preview = imports.preview(mini_copy, upload, EDITOR, CONFIG)
    assert preview.ok and not preview.written
    assert (preview.added_count(), preview.skipped_count()) == (2, 0)
    added = preview.added("updates")
    assert list(added["rec_id"]) == ["r1", "r2"]
    assert list(added["recorded_by"]) == ["ed@force.example"] * 2
    assert (mini_copy / "updates.csv").read_bytes() == before  # a preview writes nothing

    done = imports.commit(mini_copy, upload, EDITOR, CONFIG)
    assert done.written and done.added_count() == 2
    rows = update_rows(mini_copy / "updates.csv")
    assert [(r["rec_id"], r["note"], r["recorded_by"]) for r in rows[-2:]] == [
        ("r1", "Slipping", "ed@force.example"),
        ("r2", "Plan agreed, awaiting sign-off", "ed@force.example"),
    ]
    assert db.validate(mini_copy) == []


def test_reimporting_the_same_file_adds_nothing(mini_copy):
    upload = imports.read_upload("return.csv", RETURN, "updates")
    assert imports.commit(mini_copy, upload, EDITOR, CONFIG).added_count() == 2
    size = len(update_rows(mini_copy / "updates.csv"))
    again = imports.preview(
        mini_copy, imports.read_upload("return.csv", RETURN, "updates"), EDITOR, CONFIG
    )
    assert (again.ok, again.added_count(), again.skipped_count()) == (True, 0, 2)
    done = imports.commit(mini_copy, upload, EDITOR, CONFIG)
    assert (done.written, done.added_count(), done.skipped_count()) == (False, 0, 2)
    assert len(update_rows(mini_copy / "updates.csv")) == size
    # A file with one new row and the old ones adds only the new one.
    more = RETURN + b"r3,2018-07-20,in_progress,red,Bail plan late\r\n"
    mixed = imports.commit(mini_copy, imports.read_upload("r.csv", more, "updates"), EDITOR, CONFIG)
    assert (mixed.added_count(), mixed.skipped_count()) == (1, 2)


def test_all_or_nothing_with_every_problem_located(mini_copy):
    data = csv_bytes(
        "r1,2018-07-20,in_progress,amber,Fine",
        'r2,20/07/2018,in_progress,green,"Two-line',
        'note"',
        "r9,2018-07-20,underway,amber,",
    )
    upload = imports.read_upload("return.csv", data, "updates")
    assert upload.row_numbers == {"updates": [2, 3, 5]}  # the quoted note spans lines 3-4
    before = (mini_copy / "updates.csv").read_bytes()
    preview = imports.preview(mini_copy, upload, EDITOR, CONFIG)
    assert not preview.ok
    assert [(p.where, p.row, p.column) for p in preview.problems] == [
        ("return.csv", 3, "as_at"),
        ("return.csv", 5, "rec_id"),
        ("return.csv", 5, "status"),
    ]
    frame = preview.problems_frame()
    assert list(frame.columns) == ["Sheet or file", "Row", "Column", "Problem"]
    assert "expected YYYY-MM-DD" in frame["Problem"].iloc[0]
    done = imports.commit(mini_copy, upload, EDITOR, CONFIG)
    assert not done.written and done.added_count() == 0 or not done.result.written
    assert (mini_copy / "updates.csv").read_bytes() == before


def test_header_problems(mini_copy):
    data = csv_bytes(
        "r1,2018-07-20,in_progress,amber,x,someone",
        header="Rec ID,as at,Status,recorded_by,note\r\n",
    )
    upload = imports.read_upload("return.csv", data, "updates")
    problems = [(p.row, p.column, p.message[:40]) for p in upload.problems]
    assert (1, "recorded_by", "not a column of the updates template (th") in problems
    assert (1, "rag", "required column missing from the header") in problems
    assert (2, "F", "a value under no header") in problems
    # Headers are forgiving about case and spaces: "Rec ID" is rec_id, "as at" is as_at.
    assert not any(p.column in ("rec_id", "as_at") for p in upload.problems)
    assert not imports.preview(mini_copy, upload, EDITOR, CONFIG).ok


def test_an_empty_file_and_a_file_with_only_a_header():
    assert imports.read_upload("r.csv", b"", "updates").problems[0].message == "the file is empty"
    only_header = imports.read_upload("r.csv", HEADER.encode(), "updates")
    assert [p.message for p in only_header.problems] == ["no rows under the header"]


# --- what is accepted ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("return.txt", RETURN, "only .csv and .xlsx"),
        ("return.xlsm", RETURN, "only .csv and .xlsx"),
        ("return.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "only .csv and .xlsx"),
        ("return.xlsx", RETURN, "not an Excel workbook"),
        ("return.csv", xlsx_bytes({"updates": [["rec_id"]]}), "name it .xlsx"),
        ("return.csv", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old Excel (.xls)"),
        ("return.csv", "rec_id,note\r\nr1,caf\xe9\r\n".encode("latin-1"), "not UTF-8"),
        ("return.csv", b"rec_id\x00,note\r\n", "not a CSV text file"),
        ("return.csv", b"a" * (imports.MAX_BYTES + 1), "the limit is 2 MB"),
    ],
)
def test_only_csv_and_xlsx_by_name_and_by_content(name, data, message):
    upload = imports.read_upload(name, data, "updates")
    assert len(upload.problems) == 1
    assert message in upload.problems[0].message
    assert upload.tables == {}


def test_a_workbook_with_macros_is_refused():
    good = xlsx_bytes({"updates": [list(imports.import_columns("updates"))]})
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/vbaProject.bin", b"Attribute VB_Name = 'Evil'")
    upload = imports.read_upload("return.xlsx", buffer.getvalue(), "updates")
    assert [p.message for p in upload.problems] == [
        "the workbook holds macros: save it as a plain .xlsx"
    ]


def test_formula_cells_are_problems_never_values(mini_copy):
    data = xlsx_bytes(
        {
            "updates": [
                ["rec_id", "as_at", "status", "rag", "note"],
                ["r1", "2018-07-20", "in_progress", "amber", '=HYPERLINK("http://x","y")'],
                ['="r"&"2"', "2018-07-20", "in_progress", "green", "ok"],
            ]
        }
    )
    upload = imports.read_upload("return.xlsx", data, "updates")
    assert [(p.where, p.row, p.column) for p in upload.problems] == [
        ("updates", 2, "note"),
        ("updates", 3, "rec_id"),
    ]
    assert all("formula" in p.message for p in upload.problems)
    preview = imports.preview(mini_copy, upload, EDITOR, CONFIG)
    assert not preview.ok
    # The emptied formula cell is not reported twice (as a formula, then as an empty rec_id).
    assert [(p.row, p.column) for p in preview.problems] == [(2, "note"), (3, "rec_id")]
    before = (mini_copy / "updates.csv").read_bytes()
    assert not imports.commit(mini_copy, upload, EDITOR, CONFIG).written
    assert (mini_copy / "updates.csv").read_bytes() == before


def test_the_preview_lists_cell_problems_and_data_problems_together(mini_copy):
    data = csv_bytes(
        "r1,2018-07-20,in_progress,green,=SUM(A1)",
        "r2,30/07/2018,in_progress,amber,Academy",
        "r9,2018-07-20,done,green,x",
    )
    upload = imports.read_upload("return.csv", data, "updates")
    preview = imports.preview(mini_copy, upload, EDITOR, CONFIG)
    assert [(p.row, p.column) for p in preview.problems] == [
        (2, "note"),
        (3, "as_at"),
        (4, "rec_id"),
        (4, "status"),
    ]
    done = imports.commit(mini_copy, upload, EDITOR, CONFIG)
    assert not done.written and not done.ok


def test_text_that_a_spreadsheet_would_run_is_refused_in_a_csv():
    upload = imports.read_upload(
        "return.csv", csv_bytes("r1,2018-07-20,in_progress,amber,=1+1"), "updates"
    )
    assert [(p.row, p.column) for p in upload.problems] == [(2, "note")]
    assert "formula" in upload.problems[0].message


def test_xlsx_values_become_text_exactly():
    data = xlsx_bytes(
        {
            "about": [["ignored"]],
            "updates": [
                ["rec_id", "as_at", "status", "rag", "note"],
                ["r1", dt.datetime(2018, 7, 20), "in_progress", "amber", 12.0],
                ["r2", dt.date(2018, 7, 21), "in_progress", "green", "0123"],
                [None, None, None, None, None],  # a blank row is skipped
                ["r3", "2018-07-22", "in_progress", "red", 2.5],
            ],
        }
    )
    upload = imports.read_upload("return.xlsx", data, "updates")
    assert upload.problems == []
    assert upload.row_numbers == {"updates": [2, 3, 5]}
    assert [(r["as_at"], r["note"]) for r in upload.tables["updates"]] == [
        ("2018-07-20", "12"),
        ("2018-07-21", "0123"),
        ("2018-07-22", "2.5"),
    ]


def test_a_sheet_must_be_named_when_there_are_several():
    data = xlsx_bytes({"one": [["rec_id"]], "two": [["rec_id"]]})
    upload = imports.read_upload("return.xlsx", data, "updates")
    assert "no sheet named 'updates'" in upload.problems[0].message


# --- a new report --------------------------------------------------------------------------------


REPORT = {
    "inspections": [
        ["inspection_id", "title", "inspectorate", "kind", "force_id", "published_on"],
        ["wmp-2019", "WMP PEEL 2019", "HMICFRS", "peel", "wmp", "2019-05-02"],
    ],
    "recommendations": [
        ["rec_id", "inspection_id", "force_id", "ref", "kind", "addressed_to", "text", "due_on"],
        ["w19-afi01", "wmp-2019", "wmp", "AFI1", "area_for_improvement", "force", "Calls.", None],
        ["w19-afi02", "wmp-2019", "wmp", "AFI2", "area_for_improvement", "force", "Crime.", None],
    ],
}


def test_a_new_report_and_its_recommendations_in_one_workbook(mini_copy):
    upload = imports.read_upload("report.xlsx", xlsx_bytes(REPORT), "recommendations")
    assert upload.problems == []
    preview = imports.preview(mini_copy, upload, EDITOR, CONFIG)
    assert preview.ok
    assert list(preview.added("inspections")["inspection_id"]) == ["wmp-2019"]
    assert list(preview.added("recommendations")["rec_id"]) == ["w19-afi01", "w19-afi02"]
    assert imports.commit(mini_copy, upload, EDITOR, CONFIG).written
    ds = db.load(mini_copy)
    assert ds.problems == []
    assert sorted(
        ds.query("record_choices", as_at=dt.date(2019, 6, 1), force_id="wmp", q=None, limit=None)[
            "rec_id"
        ]
    )[-2:] == ["w19-afi01", "w19-afi02"]
    again = imports.commit(mini_copy, upload, EDITOR, CONFIG)
    assert (again.written, again.skipped_count()) == (False, 3)


def test_a_due_date_is_computed_from_the_deadline_as_written_and_said(mini_copy):
    # the 2017 national overview (published 22 March 2018) and the 2016 force report (2 March
    # 2017), both already recorded; and the new report in the same import (2 May 2019)
    header = ["rec_id", "inspection_id", "force_id", "ref", "kind", "addressed_to", "text"]
    rows = [
        [*header, "deadline_text", "due_on", "due_source"],
        ["n-r9", "nat-2018", "wmp", "R9", "recommendation", "all_forces", "Review.",
         "By September 2018", None, None],
        ["w-r9", "wmp-2016", "wmp", "R9", "recommendation", "force", "Act.",
         "immediately", None, None],
        ["w19-r1", "wmp-2019", "wmp", "R1", "recommendation", "force", "Plan.",
         "within six months", None, None],
        ["f-r1", "fraud", "wmp", "R1", "recommendation", "force", "Fraud.",
         "within three months", None, None],
        ["w19-r2", "wmp-2019", "wmp", "R2", "recommendation", "force", "Set locally.",
         "As soon as possible", "2019-12-31", "force"],
    ]  # fmt: skip
    sheets = {"inspections": REPORT["inspections"], "recommendations": rows}
    upload = imports.read_upload("report.xlsx", xlsx_bytes(sheets), "recommendations")
    preview = imports.preview(mini_copy, upload, EDITOR, CONFIG)
    assert preview.ok, preview.problems
    added = preview.added("recommendations").set_index("rec_id")
    assert added["due_on"].fillna("").to_dict() == {
        "n-r9": "2018-09-30",
        "w-r9": "2017-03-02",
        "w19-r1": "2019-11-02",
        "f-r1": "",  # the fraud report's publication date is not recorded
        "w19-r2": "2019-12-31",  # given: kept as it is
    }
    assert added["due_source"].fillna("").to_dict() == {
        "n-r9": "inspectorate",
        "w-r9": "inspectorate",
        "w19-r1": "inspectorate",
        "f-r1": "",
        "w19-r2": "force",
    }
    notes = [(n.where, n.row, n.column, n.message) for n in preview.notes]
    assert notes == [
        ("recommendations", 2, "due_on",
         'computed by the deadline rule: "By September 2018" means 2018-09-30; due_source set '
         "to inspectorate (the deadline is the report's)"),
        ("recommendations", 3, "due_on",
         'computed by the deadline rule: "immediately" from publication on 2017-03-02 means '
         "2017-03-02; due_source set to inspectorate (the deadline is the report's)"),
        ("recommendations", 4, "due_on",
         'computed by the deadline rule: "within six months" from publication on 2019-05-02 '
         "means 2019-11-02; due_source set to inspectorate (the deadline is the report's)"),
        ("recommendations", 5, "due_on",
         'left empty: "within three months": counts from the publication of fraud, whose date '
         "is not recorded"),
    ]  # fmt: skip
    assert list(preview.notes_frame().columns) == ["Sheet or file", "Row", "Column", "Filled in"]
    done = imports.commit(mini_copy, upload, EDITOR, CONFIG)
    assert done.written and len(done.notes) == 4
    assert db.load(mini_copy).problems == []
    # importing the same file again adds nothing and says nothing
    again = imports.preview(mini_copy, upload, EDITOR, CONFIG)
    assert (again.added_count(), again.notes) == (0, [])


def test_recommendations_for_an_unknown_report_are_refused(mini_copy):
    only_recs = {"recommendations": REPORT["recommendations"]}
    upload = imports.read_upload("report.xlsx", xlsx_bytes(only_recs), "recommendations")
    preview = imports.preview(mini_copy, upload, EDITOR, CONFIG)
    assert [(p.where, p.row, p.column) for p in preview.problems] == [
        ("recommendations", 2, "inspection_id"),
        ("recommendations", 3, "inspection_id"),
    ]


def test_a_non_editor_cannot_import(mini_copy):
    upload = imports.read_upload("return.csv", RETURN, "updates")
    before = (mini_copy / "updates.csv").read_bytes()
    for identity in (auth.ANONYMOUS, auth.Identity("stranger@x.org", None, True)):
        with pytest.raises(auth.NotAllowed):
            imports.preview(mini_copy, upload, identity, CONFIG)
        with pytest.raises(auth.NotAllowed):
            imports.commit(mini_copy, upload, identity, CONFIG)
    assert (mini_copy / "updates.csv").read_bytes() == before


# --- templates -----------------------------------------------------------------------------------


def test_csv_templates_are_the_import_headers():
    assert imports.template_csv("updates") == (
        "\ufeffrec_id,as_at,status,rag,note,revised_due_on,revision_reason,evidence\r\n".encode()
    )
    header = imports.template_csv("recommendations").decode("utf-8-sig").strip().split(",")
    assert header[:7] == [
        "rec_id",
        "inspection_id",
        "force_id",
        "ref",
        "kind",
        "addressed_to",
        "text",
    ]


@pytest.mark.parametrize("kind", [k for k in imports.KINDS if k != "return"])
def test_xlsx_templates_fill_in_and_import(mini_copy, kind):
    wb = openpyxl.load_workbook(io.BytesIO(imports.template_xlsx(kind)))
    assert wb.sheetnames == [*imports.KINDS[kind].tables, "about"]
    ws = wb[imports.KINDS[kind].tables[0]]
    header = [c.value for c in ws[1]]
    assert header == list(imports.import_columns(imports.KINDS[kind].tables[0]))
    assert ws.column_dimensions["A"].number_format == "@"  # typed text stays text
    if kind == "updates":
        ws.append(["r1", "2018-07-20", "in_progress", "amber", "From the template"])
    else:
        ws.append(["nat-2018-r04", "nat-2018", "wmp", "R4", "recommendation", "all_forces", "New."])
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = imports.read_upload(f"{kind}.xlsx", buffer.getvalue(), kind)
    assert upload.problems == []
    assert imports.commit(mini_copy, upload, EDITOR, CONFIG).added_count() == 1
    assert db.validate(mini_copy) == []


def test_the_template_lists_allowed_values():
    wb = openpyxl.load_workbook(io.BytesIO(imports.template_xlsx("updates")))
    about = [[c.value for c in row] for row in wb["about"].iter_rows()]
    status = next(row for row in about if row[1] == "status")
    assert status[3] == "yes" and "pending_closure" in status[4]


# --- bounded by work, not only by bytes ---------------------------------------------------------


def hostile_xlsx(rows: int = 12_145, cols: int = 200) -> bytes:
    """A 90 KB workbook that unpacks to 2.4 million numeric cells (under the unpacked-bytes cap):
    parsed cell by cell it took 32 s and 1 GB to refuse."""
    ns = "http://schemas.openxmlformats.org/"
    header = (
        "<row>"
        + "".join(f'<c t="inlineStr"><is><t>h{i}</t></is></c>' for i in range(cols))
        + "</row>"
    )
    sheet = (
        f'<worksheet xmlns="{ns}spreadsheetml/2006/main"><sheetData>'
        + header
        + ("<row>" + "<c><v>1</v></c>" * cols + "</row>") * rows
        + "</sheetData></worksheet>"
    )
    rel = f"{ns}officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{ns}package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship '
        f'Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{ns}spreadsheetml/2006/main" xmlns:r="{rel}">'
        '<sheets><sheet name="updates" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{ns}package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return out.getvalue()


def test_a_hostile_workbook_is_refused_in_under_2_s_and_100_mb():
    import time
    import tracemalloc

    data = hostile_xlsx()
    assert len(data) < 100 * 1024
    started = time.process_time()  # this process's CPU: the machine's other load does not count
    upload = imports.read_upload("return.xlsx", data, "updates")
    seconds = time.process_time() - started
    assert [(p.row, p.column) for p in upload.problems] == [(1, "*")]
    assert upload.problems[0].message.startswith("the workbook holds more than 100,000 cells")
    assert seconds < 2.0
    tracemalloc.start()
    imports.read_upload("return.xlsx", data, "updates")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100 * 1024**2


def test_too_many_rows_are_refused_without_reading_them():
    data = hostile_xlsx(rows=imports.MAX_ROWS + 1, cols=2)
    upload = imports.read_upload("return.xlsx", data, "updates")
    assert [p.message for p in upload.problems] == [
        "a sheet holds 5,001 rows; an import takes at most 5,000: split them over several files"
    ]
    lines = ["r1,2018-07-20,in_progress,amber,x"] * (imports.MAX_ROWS + 1)
    upload = imports.read_upload("return.csv", csv_bytes(*lines), "updates")
    assert [(p.row, p.message[:25]) for p in upload.problems] == [
        (imports.MAX_ROWS + 2, "more than 5,000 rows; an ")
    ]


def test_reading_stops_at_the_first_problems_and_counts_the_rows_not_checked():
    # A bad status is found later, against the data; a formula cell as the file is read:
    formulas = [f"r1,2018-07-20,in_progress,amber,=A{i}" for i in range(300)]
    upload = imports.read_upload("return.csv", csv_bytes(*formulas), "updates")
    assert len(upload.problems) == imports.MAX_PROBLEMS + 1
    assert upload.problems[-1].message == (
        "reading stopped after 100 problems: 200 more row(s), from row 102, were not checked; "
        "fix these and upload it again"
    )


def test_the_preview_lists_the_first_problems_and_counts_the_rest(mini_copy):
    lines = [f"r1,2018-07-{i % 28 + 1:02d},done,purple,x{i}" for i in range(150)]
    upload = imports.read_upload("return.csv", csv_bytes(*lines), "updates")
    preview = imports.preview(mini_copy, upload, EDITOR, CONFIG)
    assert len(preview.problems) == imports.MAX_PROBLEMS + 1
    assert preview.problems[-1].message == "… and 200 more problem(s) not listed"
    assert not preview.ok


def test_a_row_wider_than_the_template_allows_is_a_problem():
    wide = ["r1", "2018-07-20", "in_progress", "amber", "x"] + [None] * 50 + ["far"]
    data = xlsx_bytes({"updates": [["rec_id", "as_at", "status", "rag", "note"], wide]})
    upload = imports.read_upload("return.xlsx", data, "updates")
    assert [(p.row, p.column) for p in upload.problems] == [(2, "AY")]
    assert "at most 50 columns" in upload.problems[0].message


def test_text_a_spreadsheet_would_run_is_stored_behind_a_quote_and_shown_as_typed(mini_copy):
    upload = imports.read_upload(
        "return.csv",
        csv_bytes(
            "r1,2018-07-20,in_progress,amber,-5% reduction in demand",
            "r2,2018-07-20,in_progress,amber,+44 121 626 5000",
            "r3,2018-07-20,in_progress,amber,@ACC Crime to report",
        ),
        "updates",
    )
    assert imports.commit(mini_copy, upload, EDITOR, CONFIG).written
    stored = [r["note"] for r in update_rows(mini_copy / "updates.csv")[-3:]]
    assert stored == ["'-5% reduction in demand", "'+44 121 626 5000", "'@ACC Crime to report"]
    history = db.load(mini_copy).query("record_history", rec_id="r1")
    assert history["note"].iloc[0] == "-5% reduction in demand"
