"""The repository stands alone: no file, comment, docstring or page names a file outside it (a
design note, a shared folder beside the clone, a path that climbs out of the repository)."""

from __future__ import annotations

import re

from oversight import dictionary
from oversight.db import ROOT
from oversight.schema import TABLES

SKIP_DIRS = {".git", "__pycache__", ".ruff_cache", ".pytest_cache", ".benchmarks", ".venv"}
BINARY = {".png", ".jpg", ".jpeg", ".gif", ".pdf", ".docx", ".xlsx", ".duckdb", ".pyc", ".ico"}
# Written in pieces so that this file does not match itself.
OUTSIDE = re.compile(
    "|".join([r"DESIGN" + r"\.md", r"\bshared" + "/", r"\.\." + "/", "/wo" + "rk/"])
)
# Lines that climb out of a folder on purpose: inputs that must be refused.
REFUSED_INPUTS = {
    ("tests/test_synth.py", '"data/.' + './data"'),
    ("tests/test_queries.py", '".' + './data/x"'),
}


def _text_files():
    for path in sorted(ROOT.rglob("*")):
        rel = path.relative_to(ROOT)
        if any(part in SKIP_DIRS for part in rel.parts) or not path.is_file():
            continue
        if path.suffix.lower() in BINARY:
            continue
        yield rel.as_posix(), path


def test_no_file_names_anything_outside_the_repository():
    found = []
    scanned = 0
    for rel, path in _text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        scanned += 1
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line) and not any(
                rel == file and snippet in line for file, snippet in REFUSED_INPUTS
            ):
                found.append(f"{rel}:{number}: {line.strip()[:120]}")
    assert scanned > 100  # the walk read the repository
    assert found == []


def test_the_data_dictionary_points_at_nothing_outside():
    for name in TABLES:
        frame = dictionary.schema_frame(name)
        assert "Contract" not in frame.columns
        words = " ".join(frame.astype(str).to_numpy().ravel())
        assert not OUTSIDE.search(words) and ".md" not in words, name
        assert set(frame["In the header"]) <= {"required", "may be absent"}


def test_the_peel_curation_reads_only_the_repository(tmp_path):
    """python -m tools.curate_peel runs from a clone: its inputs are in data/sources/, and it
    writes the bundled PEEL tables byte for byte."""
    from tools import curate_peel

    assert curate_peel.DEFAULT_REFERENCE == ROOT / "data" / "sources" / "peel"
    assert all(ROOT in p.parents for p in curate_peel.DEFAULT_PAPERS)
    assert curate_peel.main(["--out", str(tmp_path)]) == 0
    for table in ("forces", "peel_grades", "peel_areas", "grade_scales"):
        written = (tmp_path / f"{table}.csv").read_bytes()
        assert written == (ROOT / "data" / f"{table}.csv").read_bytes(), table
