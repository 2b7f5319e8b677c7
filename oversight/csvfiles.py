"""Plain-Python reading of CSV files, for what DuckDB does not tell: header and line numbers."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileProblem:
    line: int
    message: str


def read_header(path: Path) -> tuple[list[str], FileProblem | None]:
    """The header row's column names, or the reason it cannot be read."""
    with open(path, "rb") as fh:
        first_line = fh.readline()
    try:
        row = next(csv.reader([first_line.decode("utf-8-sig")]), None)
    except UnicodeDecodeError:
        return [], FileProblem(1, "file is not UTF-8 (save it as 'CSV UTF-8' from Excel)")
    if not row or not any(cell.strip() for cell in row):
        return [], FileProblem(1, "file is empty or has no header row")
    return row, None


def line_at_byte(path: Path, byte_position: int) -> int:
    """The 1-based line of the file on which a record starting near byte_position sits."""
    with open(path, "rb") as fh:
        head = fh.read(byte_position + 1)
    newlines = head[:byte_position].count(b"\n")
    starts_on_newline = head[byte_position : byte_position + 1] == b"\n"
    return newlines + 1 + (1 if starts_on_newline else 0)


def record_lines(path: Path) -> list[int]:
    """For each data record (in file order), the line it starts on: header is line 1.

    A quoted cell may hold line breaks, so a record's line is not its index plus two.
    """
    starts: list[int] = []
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        previous_end = reader.line_num
        for _ in reader:
            starts.append(previous_end + 1)
            previous_end = reader.line_num
    return starts
