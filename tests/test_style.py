"""The code stays ruff-clean, and every query file explains itself with the STYLE.md header."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from oversight.db import QUERIES_DIR, ROOT


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_check_is_clean():
    result = subprocess.run(["ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    "path", sorted(QUERIES_DIR.rglob("*.sql")), ids=lambda p: str(p.relative_to(QUERIES_DIR))
)
def test_query_has_header(path):
    head = path.read_text(encoding="utf-8").splitlines()
    comments = [line for line in head if line.startswith("--")]
    assert head[0].startswith("-- "), "first line says what the query returns"
    for field in ("grain:", "reads:", "params:"):
        assert any(line.startswith(f"-- {field}") for line in comments), f"header lacks {field}"
