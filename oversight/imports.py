"""Importing a file: an owner's progress return (updates) or a new report's recommendations.

An upload is read without trusting it:

- only ``.csv`` and ``.xlsx``, checked by the name AND by the bytes (an .xlsx is a zip holding a
  workbook and no macros; a .csv is UTF-8 text), and no bigger than ``MAX_BYTES``;
- a workbook is opened read-only with ``data_only=False``: a cell holding a formula is reported as
  a problem, never evaluated, and no cached result is read from it;
- every cell is kept as text (a number typed as ``0123`` stays ``0123``);
- a text cell starting with ``=`` is a problem too: a spreadsheet opening the data later would run
  it as a formula (other text a spreadsheet would run, such as ``-5% reduction``, is stored behind
  a quote: see ``oversight.escape``);
- the work is bounded, not only the bytes: a workbook's cells are counted in its XML, streamed,
  before it is opened (at most ``MAX_CELLS``), a sheet or CSV may hold ``MAX_ROWS`` rows of at most
  ``MAX_COLUMNS`` cells, and reading stops at the first ``MAX_PROBLEMS`` problems, saying how many
  rows were not checked. A hostile 90 KB workbook of 2.4 million cells is refused in a fraction
  of a second.

``preview`` says what would be added and every problem with its row and column; ``commit`` writes
only when there is none (all or nothing, through ``oversight.records``). A row identical to one
already recorded is skipped and counted, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd

from oversight import auth, db, records
from oversight.schema import TABLES, known_columns

MAX_BYTES = 2 * 1024 * 1024
# A zip can expand far beyond its size on disk: cap what a workbook may unpack to.
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")
# The work an import may cost: a new report has tens of findings, a return a few hundred rows.
MAX_ROWS = 5_000  # rows under the header, in a sheet or a CSV
MAX_COLUMNS = 50  # cells in a row (the templates have at most 27 columns)
MAX_CELLS = 100_000  # cells in a workbook's sheets, counted before it is opened
MAX_PROBLEMS = 100  # problems listed; reading stops there
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


@dataclass(frozen=True)
class Kind:
    """What a file can hold: the tables it fills, the columns of each, and words for the page."""

    name: str
    title: str
    tables: tuple[str, ...]  # the first is the main one; a CSV fills only that one
    blurb: str


KINDS: dict[str, Kind] = {
    "updates": Kind(
        "updates",
        "Progress return (new positions)",
        ("updates",),
        "One row per new position: rec_id, as_at (YYYY-MM-DD), status, rag and note; to move "
        "the due date, revised_due_on (YYYY-MM-DD) with the reason in revision_reason. "
        "Who recorded it and when are added by the app.",
    ),
    "recommendations": Kind(
        "recommendations",
        "New report (recommendations)",
        ("recommendations", "inspections"),
        "One row per new recommendation. In the XLSX template, the sheet `inspections` may add "
        "the report itself in the same import. A row with `deadline_text` and no `due_on` gets "
        "the due date the deadline as written means, counted from the report's publication.",
    ),
    "return": Kind(
        "return",
        "Owner's return (a workbook made on the Returns page)",
        ("updates",),
        "The workbook an owner filled in: one new position per row they filled, for the finding "
        "in its hidden first column. A row left blank changes nothing; a status or RAG left "
        "blank keeps the latest recorded one.",
    ),
}


def import_columns(table: str) -> tuple[str, ...]:
    """The columns a file may give for a table (the app sets the rest)."""
    if table == "updates":
        return tuple(f for f in records.UPDATE_FIELDS if f not in records.DECISION_FIELDS)
    return tuple(known_columns(table))


def required_columns(table: str) -> tuple[str, ...]:
    cols = known_columns(table)
    return tuple(name for name in import_columns(table) if cols[name].required)


@dataclass(frozen=True)
class ImportProblem:
    """A problem in the uploaded file: where (file or sheet), the row (header = 1), the column."""

    where: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}, row {self.row}, column {self.column}: {self.message}"


@dataclass
class Upload:
    """An uploaded file read into rows of text, with each row's number in the file."""

    kind: str
    file_name: str
    tables: dict[str, list[dict[str, str | None]]] = field(default_factory=dict)
    row_numbers: dict[str, list[int]] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    # A return's RAG words -> codes (rag.csv's labels and the codes themselves), and back.
    rag_codes: dict[str, str] = field(default_factory=dict)
    rag_labels: dict[str, str] = field(default_factory=dict)
    # A return: what it changes per finding (from -> to), set when it is checked against the data.
    changes: pd.DataFrame | None = None

    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


@dataclass
class Preview:
    """What an import would add (or added), how many rows it skipped, and what blocks it."""

    upload: Upload
    result: records.WriteResult | None
    problems: list[ImportProblem]

    @property
    def ok(self) -> bool:
        return not self.problems and self.result is not None

    @property
    def written(self) -> bool:
        return bool(self.result and self.result.written)

    def added(self, table: str) -> pd.DataFrame:
        rows = self.result.added.get(table, []) if self.result else []
        return pd.DataFrame(rows, columns=_frame_columns(table, rows))

    def added_count(self) -> int:
        return self.result.added_count() if self.result else 0

    def skipped_count(self) -> int:
        return self.result.skipped_count() if self.result else 0

    def problems_frame(self) -> pd.DataFrame:
        return problems_frame(self.problems)

    @property
    def notes(self) -> list[ImportProblem]:
        """What the import filled in itself (a due_on computed by the deadline rule), by row."""
        if self.result is None:
            return []
        return [_locate(self.upload, n) for n in self.result.notes]

    def notes_frame(self) -> pd.DataFrame:
        return problems_frame(self.notes).rename(columns={"Problem": "Filled in"})


def problems_frame(problems: list[ImportProblem]) -> pd.DataFrame:
    return pd.DataFrame(
        [(p.where, p.row, p.column, p.message) for p in problems],
        columns=["Sheet or file", "Row", "Column", "Problem"],
    )


# --- reading an upload ------------------------------------------------------------------------


def read_upload(
    file_name: str, data: bytes, kind: str, rag_labels: Mapping[str, str] | None = None
) -> Upload:
    """Read an uploaded CSV or XLSX of the given kind. Never raises on bad input: see .problems.

    ``rag_labels`` ({code: label}, from rag.csv) lets a return name a RAG by its label."""
    if kind not in KINDS:
        raise ValueError(f"unknown import kind: {kind!r}")
    name = PurePath(file_name or "upload").name
    codes = {code: code for code in (rag_labels or {})}
    codes.update({str(label): code for code, label in (rag_labels or {}).items()})
    upload = Upload(kind, name, rag_codes=codes, rag_labels=dict(rag_labels or {}))
    ext = PurePath(name).suffix.lower()
    if ext not in EXTENSIONS:
        upload.problems.append(
            ImportProblem(name, 1, "*", "only .csv and .xlsx files can be imported")
        )
        return upload
    if len(data) > MAX_BYTES:
        upload.problems.append(
            ImportProblem(
                name,
                1,
                "*",
                f"the file is {len(data) / 1024 / 1024:.1f} MB; the limit is "
                f"{MAX_BYTES // 1024 // 1024} MB",
            )
        )
        return upload
    if not data.strip():
        upload.problems.append(ImportProblem(name, 1, "*", "the file is empty"))
        return upload
    sniff = _sniff(data)
    if sniff != ext:
        upload.problems.append(ImportProblem(name, 1, "*", _mismatch(ext, sniff)))
        return upload
    if ext == ".csv":
        if kind == "return":
            upload.problems.append(
                ImportProblem(name, 1, "*", "a return is the .xlsx workbook Oversight made")
            )
            return upload
        _read_csv(upload, data)
    else:
        _read_xlsx(upload, data)
    return upload


def _sniff(data: bytes) -> str | None:
    """What the bytes are: ".xlsx" (a zip holding a workbook), ".csv" (UTF-8 text) or None."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return None
        return ".xlsx" if "xl/workbook.xml" in names else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "not-utf8"
    return ".csv"


def _mismatch(ext: str, sniff: str | None) -> str:
    if sniff == "not-utf8":
        return "the file is not UTF-8 text (in Excel, save it as 'CSV UTF-8')"
    if sniff == "xls":
        return "this is an old Excel (.xls) workbook: save it as .xlsx or as 'CSV UTF-8'"
    if sniff == ".xlsx":
        return "the file is an Excel workbook, not a CSV: name it .xlsx"
    if ext == ".xlsx":
        return "the file is not an Excel workbook (.xlsx), whatever its name says"
    return "the file is not a CSV text file, whatever its name says"


def _read_csv(upload: Upload, data: bytes) -> None:
    table = KINDS[upload.kind].tables[0]
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        numbered: list[tuple[int, list[object]]] = []
        previous_end = reader.line_num
        for record in reader:
            if len(numbered) == MAX_ROWS:
                upload.problems.append(_too_many_rows(upload.file_name, previous_end + 1))
                return
            numbered.append((previous_end + 1, list(record)))
            previous_end = reader.line_num
    except csv.Error as exc:
        upload.problems.append(
            ImportProblem(upload.file_name, reader.line_num, "*", f"not a readable CSV: {exc}")
        )
        return
    _take_rows(upload, table, upload.file_name, header or [], numbered)


def _workbook_size(data: bytes) -> str | None:
    """Why a workbook is too big to read (None when it is not): its sheets' rows and cells are
    counted in their XML, a megabyte at a time, before any cell is parsed."""
    cells = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        # Every part is counted, not only xl/worksheets/*.xml: a sheet may be put anywhere, under
        # any name, that the workbook's relationships point to.
        for info in zf.infolist():
            rows = 0
            with zf.open(info) as fh:
                carry = b""
                while chunk := fh.read(1 << 20):
                    text = carry + chunk
                    cut = text.rfind(b"<")  # no tag is split between two pieces
                    done, carry = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
                    cells += len(_CELL_TAG.findall(done))
                    rows += len(_ROW_TAG.findall(done))
                    if cells > MAX_CELLS:
                        return (
                            f"the workbook holds more than {MAX_CELLS:,} cells; an import reads "
                            "at most that many: keep only the template's sheets and columns, or "
                            "split the rows over several files"
                        )
                cells += len(_CELL_TAG.findall(carry))
                rows += len(_ROW_TAG.findall(carry))
            if rows > MAX_ROWS + 1:
                return (
                    f"a sheet holds {rows - 1:,} rows; an import takes at most {MAX_ROWS:,}: "
                    "split them over several files"
                )
    return None


def _too_many_rows(where: str, row: int) -> ImportProblem:
    return ImportProblem(
        where,
        row,
        "*",
        f"more than {MAX_ROWS:,} rows; an import takes at most {MAX_ROWS:,}: split them over "
        "several files",
    )


def _read_xlsx(upload: Upload, data: bytes) -> None:
    import openpyxl  # imported here: only an import of a workbook needs it

    name = upload.file_name
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        upload.problems.append(ImportProblem(name, 1, "*", "the workbook cannot be opened"))
        return
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        upload.problems.append(ImportProblem(name, 1, "*", "the workbook unpacks to too much data"))
        return
    if any(i.filename.lower().endswith("vbaproject.bin") for i in infos):
        upload.problems.append(
            ImportProblem(name, 1, "*", "the workbook holds macros: save it as a plain .xlsx")
        )
        return
    size = _workbook_size(data)
    if size is not None:
        upload.problems.append(ImportProblem(name, 1, "*", size))
        return
    try:
        wb = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_vba=False, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        upload.problems.append(
            ImportProblem(name, 1, "*", f"the workbook cannot be read ({type(exc).__name__})")
        )
        return
    try:
        sheets = {ws.title.strip().lower(): ws for ws in wb.worksheets}
        if upload.kind == "return":
            _read_return(upload, sheets)
            return
        wanted = KINDS[upload.kind].tables
        main = wanted[0]
        data_sheets = [s for s in sheets if s not in ("about", "read me", "readme")]
        if main in sheets:
            chosen = {main: sheets[main]}
        elif len(data_sheets) == 1:
            chosen = {main: sheets[data_sheets[0]]}
        else:
            upload.problems.append(
                ImportProblem(
                    name, 1, "*", f"no sheet named {main!r} (sheets: {', '.join(sheets)})"
                )
            )
            return
        for extra in wanted[1:]:
            if extra in sheets:
                chosen[extra] = sheets[extra]
        for table, ws in chosen.items():
            numbered = []
            for i, row in enumerate(ws.iter_rows()):
                if i > MAX_ROWS:  # the header and MAX_ROWS rows (the cell count bounds it too)
                    upload.problems.append(_too_many_rows(ws.title, i + 1))
                    return
                numbered.append(
                    (row[0].row if row and hasattr(row[0], "row") else i + 1, list(row))
                )
            if not numbered:
                if table == main:
                    upload.problems.append(
                        ImportProblem(ws.title, 1, "*", "the sheet is empty: no header row")
                    )
                continue
            first_row, header = numbered[0]
            if first_row != 1:
                upload.problems.append(
                    ImportProblem(ws.title, 1, "*", "the header must be on row 1")
                )
                continue
            _take_rows(upload, table, ws.title, header, numbered[1:])
    finally:
        wb.close()


def _read_return(upload: Upload, sheets: Mapping[str, object]) -> None:
    """An owner's return: its `return` sheet read cell by cell (formulas reported, never
    evaluated) into positions with codes for the labels chosen from the drop-downs."""
    from oversight import returns

    ws = sheets.get(returns.SHEET)
    if ws is None:
        upload.problems.append(
            ImportProblem(upload.file_name, 1, "*", "no sheet named 'return': not a return")
        )
        return
    upload.where["updates"] = ws.title
    numbered: list[tuple[int, list[str | None]]] = []
    header: list[str | None] = []
    for i, row in enumerate(ws.iter_rows()):
        number = row[0].row if row and hasattr(row[0], "row") else i + 1
        if i > MAX_ROWS or len(upload.problems) >= MAX_PROBLEMS:
            upload.problems.append(
                _too_many_rows(ws.title, number)
                if i > MAX_ROWS
                else ImportProblem(
                    ws.title, number, "*", f"reading stopped after {MAX_PROBLEMS} problems"
                )
            )
            return
        texts: list[str | None] = []
        for position, cell in enumerate(row, start=1):
            value, problem = _cell_text(cell)
            if problem:
                upload.problems.append(ImportProblem(ws.title, number, _letter(position), problem))
            texts.append(value)
        if number == 1:
            header = texts
        else:
            numbered.append((number, texts))

    def problem(row: int, column: str, message: str) -> None:
        upload.problems.append(ImportProblem(ws.title, row, column, message))

    rows = returns.take_return(header, numbered, upload.rag_codes, problem)
    upload.tables["updates"] = [r.values for r in rows]
    upload.row_numbers["updates"] = [r.row for r in rows]
    if not rows and not upload.problems:
        upload.problems.append(
            ImportProblem(ws.title, 2, "*", "no row of the return has been filled in")
        )


_HEADER_SPACE = re.compile(r"[\s\-]+")


def _take_rows(
    upload: Upload,
    table: str,
    where: str,
    header_cells: list[object],
    numbered: list[tuple[int, list[object]]],
) -> None:
    """Map a header and its rows onto the table's columns, every cell as text or a problem."""
    upload.where[table] = where
    allowed = import_columns(table)
    if len(header_cells) > MAX_COLUMNS and any(
        _cell_text(c)[0] for c in header_cells[MAX_COLUMNS:]
    ):
        upload.problems.append(
            ImportProblem(
                where,
                1,
                _letter(MAX_COLUMNS + 1),
                f"the header runs beyond column {_letter(MAX_COLUMNS)}; expected: "
                + ", ".join(allowed),
            )
        )
        return
    header: list[str | None] = []
    for position, cell in enumerate(header_cells, start=1):
        value, problem = _cell_text(cell)
        column_name = _HEADER_SPACE.sub("_", value.strip().lower()) if value else None
        if problem:
            upload.problems.append(ImportProblem(where, 1, _letter(position), problem))
        header.append(column_name)
    while header and header[-1] is None:
        header.pop()
    seen: set[str] = set()
    for position, column_name in enumerate(header, start=1):
        if column_name is None:
            upload.problems.append(
                ImportProblem(where, 1, _letter(position), "the header cell is empty")
            )
        elif column_name in seen:
            upload.problems.append(
                ImportProblem(where, 1, column_name, "the column appears twice in the header")
            )
        elif column_name not in allowed:
            hint = (
                " (the app records who made the update and when)"
                if column_name in records.SET_BY_APP
                else ""
            )
            upload.problems.append(
                ImportProblem(
                    where,
                    1,
                    column_name,
                    f"not a column of the {table} template{hint}; expected: {', '.join(allowed)}",
                )
            )
        seen.add(column_name or "")
    for column_name in required_columns(table):
        if column_name not in seen:
            upload.problems.append(
                ImportProblem(where, 1, column_name, "required column missing from the header")
            )

    rows: list[dict[str, str | None]] = []
    numbers: list[int] = []
    refused = 0  # rows wider than MAX_COLUMNS: reported, not read
    for position, (row_number, cells) in enumerate(numbered):
        if len(upload.problems) >= MAX_PROBLEMS:
            rest = len(numbered) - position
            upload.problems.append(
                ImportProblem(
                    where,
                    row_number,
                    "*",
                    f"reading stopped after {MAX_PROBLEMS} problems: {rest:,} more row(s), "
                    f"from row {row_number:,}, were not checked; fix these and upload it again",
                )
            )
            break
        if len(cells) > MAX_COLUMNS and any(_cell_text(c)[0] for c in cells[MAX_COLUMNS:]):
            upload.problems.append(
                ImportProblem(
                    where,
                    row_number,
                    _letter(MAX_COLUMNS + 1),
                    f"a value beyond column {_letter(MAX_COLUMNS)}: a row may fill at most "
                    f"{MAX_COLUMNS} columns",
                )
            )
            refused += 1
            continue
        values: dict[str, str | None] = {}
        had_problem = False
        for position, cell in enumerate(cells, start=1):
            value, problem = _cell_text(cell)
            column_name = header[position - 1] if position <= len(header) else None
            if problem:
                upload.problems.append(
                    ImportProblem(where, row_number, column_name or _letter(position), problem)
                )
                had_problem = True
                value = None
            if column_name:
                values[column_name] = value
            elif value is not None:
                upload.problems.append(
                    ImportProblem(where, row_number, _letter(position), "a value under no header")
                )
                had_problem = True
        if had_problem or any(v is not None for v in values.values()):
            rows.append({k: v for k, v in values.items() if k in allowed})
            numbers.append(row_number)
    upload.tables[table] = rows
    upload.row_numbers[table] = numbers
    if not rows and not refused and table == KINDS[upload.kind].tables[0]:
        upload.problems.append(ImportProblem(where, 2, "*", "no rows under the header"))


def _cell_text(cell: object) -> tuple[str | None, str | None]:
    """A cell's value as text, or a problem. Formulas are reported, never evaluated."""
    data_type = getattr(cell, "data_type", None)
    value = cell.value if hasattr(cell, "value") else cell
    if data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        return None, (
            "the cell holds a formula; formulas are never evaluated: type the value itself"
        )
    if value is None:
        return None, None
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, (int, str)):
        text = str(value)
    else:
        return None, f"the cell holds a {type(value).__name__}, not text"
    text = text.replace("\x00", "").replace("\r\n", "\n").strip()
    if text.startswith("="):
        return None, (
            "the text starts with '=', which a spreadsheet would run as a formula; "
            "reword it (formulas are never imported)"
        )
    return (text or None), None


def _letter(position: int) -> str:
    """The spreadsheet letter of a 1-based column position (1 -> A, 27 -> AA)."""
    letters = ""
    while position:
        position, rem = divmod(position - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# --- preview and commit ----------------------------------------------------------------------


def preview(
    data_dir,
    upload: Upload,
    identity: auth.Identity | None,
    config: auth.EditingConfig | None = None,
    *,
    dataset: db.Dataset | None = None,
) -> Preview:
    """What the import would add and every problem (nothing is written). ``dataset`` is the
    folder as the caller has it loaded (see ``records.append_updates``)."""
    return _run(data_dir, upload, identity, config, dry_run=True, dataset=dataset)


def commit(
    data_dir,
    upload: Upload,
    identity: auth.Identity | None,
    config: auth.EditingConfig | None = None,
    *,
    dataset: db.Dataset | None = None,
) -> Preview:
    """Write the import if, checked again under the lock, the whole file is valid."""
    return _run(data_dir, upload, identity, config, dry_run=False, dataset=dataset)


def _run(data_dir, upload: Upload, identity, config, *, dry_run: bool, dataset=None) -> Preview:
    found = list(upload.problems)
    main = KINDS[upload.kind].tables[0]
    if any(p.row == 1 for p in found) or not upload.tables.get(main):
        # A broken header or no rows: checking the rows against the data would say nothing useful.
        return Preview(upload, None, _capped(found))
    # With problems in some cells (a formula, say), the rows are still checked against the data so
    # that the preview lists every problem at once; nothing is written.
    dry_run = dry_run or bool(found)
    if upload.kind == "return":
        rows = _completed_return(data_dir, upload, found)
        result = records.append_updates(
            data_dir,
            rows,
            identity,
            config,
            source=f"return: {upload.file_name}",
            dry_run=dry_run or bool(found),
            dataset=dataset,
        )
    elif upload.kind == "updates":
        result = records.append_updates(
            data_dir,
            upload.tables.get("updates", []),
            identity,
            config,
            source=f"import: {upload.file_name}",
            dry_run=dry_run,
            dataset=dataset,
        )
    else:
        result = records.append_recommendations(
            data_dir,
            upload.tables.get("recommendations", []),
            identity,
            config,
            inspections=upload.tables.get("inspections", []),
            dry_run=dry_run,
            dataset=dataset,
        )
    seen = {(p.where, p.row, p.column) for p in found}
    for problem in (_locate(upload, p) for p in result.problems):
        if (problem.where, problem.row, problem.column) not in seen:
            found.append(problem)
    found.sort(key=lambda p: (p.where != upload.where.get(main), p.where, p.row, p.column))
    return Preview(upload, result, _capped(found))


def _capped(problems: list[ImportProblem]) -> list[ImportProblem]:
    """The first MAX_PROBLEMS problems, and a last line counting the rest."""
    if len(problems) <= MAX_PROBLEMS + 1:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    last = problems[MAX_PROBLEMS]
    return problems[:MAX_PROBLEMS] + [
        ImportProblem(last.where, last.row, "*", f"… and {rest:,} more problem(s) not listed")
    ]


def latest_positions(data_dir) -> dict[str, dict[str, object]]:
    """Every open finding's latest recorded position (status and RAG empty where none is)."""
    from oversight import db

    ds = db.load(data_dir)
    items = db.run_query(
        ds, "returns_items", as_at=dt.date(9999, 12, 31), force_id=None, owner=None
    )
    return {str(r["rec_id"]): r for r in items.to_dict("records")}


def _completed_return(data_dir, upload: Upload, found: list[ImportProblem]) -> list[dict]:
    from oversight import returns

    latest = latest_positions(data_dir)
    rows = upload.tables.get("updates", [])
    numbers = upload.row_numbers.get("updates", [])
    where = upload.where.get("updates", upload.file_name)

    def problem(row: int, column: str, message: str) -> None:
        found.append(ImportProblem(where, row, column, message))

    filled = [returns.ReturnRow(n, dict(r)) for n, r in zip(numbers, rows, strict=True)]
    completed = returns.complete_positions(filled, latest, problem)
    upload.tables["updates"] = [r.values for r in completed]
    upload.row_numbers["updates"] = [r.row for r in completed]
    upload.changes = returns.changes_frame([r.values for r in completed], latest, upload.rag_labels)
    return [r.values for r in completed]


def _locate(upload: Upload, problem: records.RowProblem) -> ImportProblem:
    where = upload.where.get(problem.table, upload.file_name)
    numbers = upload.row_numbers.get(problem.table, [])
    if problem.index is not None and problem.index < len(numbers):
        return ImportProblem(where, numbers[problem.index], problem.column, problem.message)
    # A problem the rows cause elsewhere in the data (not on a row of the file).
    return ImportProblem(
        TABLES[problem.table].file, problem.line or 1, problem.column, problem.message
    )


def _frame_columns(table: str, rows: list[Mapping]) -> list[str]:
    if rows:
        return list(rows[0].keys())
    return list(import_columns(table))


# --- templates ------------------------------------------------------------------------------


def template_csv(kind: str) -> bytes:
    """A CSV template: the header row only, UTF-8 with a byte-order mark so Excel reads it."""
    table = KINDS[kind].tables[0]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerow(import_columns(table))
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(kind: str) -> bytes:
    """An XLSX template: a sheet per table (cells formatted as text, drop-downs for codes) and an
    About sheet listing every column, whether it is required and its allowed values."""
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = wb.add_format({"bold": True, "bg_color": "#E8EAF0", "border": 1})
    text = wb.add_format({"num_format": "@"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    for table in KINDS[kind].tables:
        ws = wb.add_worksheet(table)
        cols = known_columns(table)
        for position, name in enumerate(import_columns(table)):
            ws.write_string(0, position, name, bold)
            ws.set_column(
                position, position, 48 if name in ("text", "note", "summary") else 20, text
            )
            if cols[name].choices:
                ws.data_validation(
                    1,
                    position,
                    5000,
                    position,
                    {"validate": "list", "source": list(cols[name].choices)},
                )
        ws.freeze_panes(1, 0)
    about = wb.add_worksheet("about")
    about.set_column(0, 0, 22)
    about.set_column(1, 3, 18)
    about.set_column(4, 4, 70, wrap)
    about.write_string(0, 0, KINDS[kind].title, wb.add_format({"bold": True, "font_size": 14}))
    about.write_string(1, 0, KINDS[kind].blurb)
    about.write_string(
        2,
        0,
        "Dates are YYYY-MM-DD. Formulas are never imported. This sheet is ignored on import.",
    )
    headings = ["sheet", "column", "type", "required", "allowed values"]
    row = 4
    for position, heading in enumerate(headings):
        about.write_string(row, position, heading, bold)
    for table in KINDS[kind].tables:
        cols = known_columns(table)
        for name in import_columns(table):
            row += 1
            col = cols[name]
            about.write_string(row, 0, table)
            about.write_string(row, 1, name)
            about.write_string(row, 2, col.type.lower().replace("varchar", "text"))
            about.write_string(row, 3, "yes" if col.required else "")
            about.write_string(row, 4, ", ".join(col.choices))
    wb.close()
    return buffer.getvalue()
