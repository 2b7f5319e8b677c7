"""python -m oversight bench --browser in smoke mode: one page, two sidebar changes, one fresh
browser per app, on a tiny data set. Never a timed assertion: the numbers are for reading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import require_chromium

ROOT = Path(__file__).resolve().parents[2]


def test_bench_browser_smoke(tmp_path):
    require_chromium()
    # A process of its own: the browser tests' Playwright already runs in this one.
    done = subprocess.run(
        [sys.executable, "-m", "oversight", "bench", "--browser", "--scale", "seed"]
        + ["--forces", "2", "--findings-per-force", "12", "--work", str(tmp_path)]
        + ["--runs", "2", "--page", "overview", "--first-runs", "1", "--cold-runs", "0"],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    row = next(line for line in lines if line.startswith("| Overview |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert "error" not in row and cells[1] == "2", row
    assert int(cells[2]) >= 1, row  # the Overview's charts were found and waited for
    finished, drawn = (float(cells[i].replace(",", "")) for i in (3, 5))
    assert 0 < finished <= drawn, row
    first = [line for line in lines if line.startswith("| running |")]
    assert [line.split("|")[2].strip() for line in first] == [
        "bare Streamlit app",
        "dashboard (Overview)",
    ], first
    assert all(float(line.split("|")[4]) > 0 for line in first), first
