"""python -m oversight bench in smoke mode: a small scale, two runs, every row printed.
Never a timed assertion: the numbers are for reading, not for CI."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from oversight import cli
from tools import bench, browser

ROOT = Path(__file__).resolve().parents[1]


def test_pages_are_discovered_from_the_router():
    pages = bench.discover_pages()
    written = re.findall(r'st\.Page\(\s*"(pages/[^"]+\.py)"', (ROOT / "dashboard.py").read_text())
    assert [p.path for p in pages] == list(dict.fromkeys(written))
    assert all(p.title for p in pages)
    assert "pages/data.py" in [p.path for p in pages]


def test_bench_smoke_prints_every_row(tmp_path, capsys):
    code = cli.main(
        ["bench", "--scale", "seed", "--runs", "2", "--forces", "2", "--findings-per-force", "12"]
        + ["--work", str(tmp_path), "--markdown", str(tmp_path / "bench.md")]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert out.strip() == (tmp_path / "bench.md").read_text().strip()
    rows = [line for line in out.splitlines() if line.startswith("| seed |")]
    assert len(rows) == 1 + 1 + len(bench.discover_pages()) + 2  # load, floor, pages, versus
    for page in bench.discover_pages():
        row = next(r for r in rows if f"| {page.title} |" in r)
        assert "error" not in row, row
        assert "| 2 |" in row  # both runs measured
        cells = [c.strip() for c in row.strip("|").split("|")]
        # median, p95, p95 minus the floor's, then the unchanged rerun (every query cached) and
        # it minus the floor's
        assert len(cells) == 10 and cells[6] != "—" and cells[7] != "—", row
    assert "| seed | (floor: sidebar only) | 2 |" in out
    versus = [r for r in rows if "DuckDB" in r or "rec_state_as_at" in r or "overview_kpis" in r]
    assert len(versus) == 2 and all(r.rstrip().endswith("| yes |") for r in versus)
    assert "CPUs (nproc)" in out


@pytest.mark.parametrize("processes", [1, 2])
def test_bench_users_smoke(tmp_path, capsys, processes):
    """Two sessions over the WebSocket protocol on a tiny data set for a few seconds: each
    changes the sidebar and every run finishes without an error; with two processes, behind
    `python -m oversight serve`, whose processes' memory is summed."""
    code = cli.main(
        ["bench", "--scale", "seed", "--forces", "2", "--findings-per-force", "12"]
        + ["--work", str(tmp_path), "--users", "2", "--duration", "4"]
        + ["--processes", str(processes)]
    )
    assert code == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| 2 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    changes, p50, errors = int(cells[2]), cells[3], int(cells[6])
    assert changes >= 2 and p50 != "—" and errors == 0, row
    warm, with_sessions, peak = (float(v.replace(",", "")) for v in cells[11].split(" / "))
    assert 0 < warm <= peak and with_sessions <= peak, row
    assert "Knee: p95" in out
    if processes > 1:
        assert "2 server processes behind oversight serve" in out


def test_a_benchmark_holds_its_priority_for_what_it_starts():
    """A server in a session of its own is a scheduling group of its own (Linux autogroup), and
    Chromium resets its renderers' niceness: bench --browser and --users keep both at their own
    niceness, so `nice -n -15` reaches the processes that are timed."""
    if os.geteuid() != 0:
        pytest.skip("raising a priority needs the privilege to")
    child = subprocess.Popen(["nice", "-n", "5", "sleep", "30"], start_new_session=True)
    group = Path(f"/proc/{child.pid}/autogroup")
    try:
        if browser.autogroup_nice(child.pid) is None:
            pytest.skip("no readable autogroup scheduling on this machine")
        group.write_text("5", encoding="ascii")  # a lower priority: anyone may ask for that
        process = psutil.Process(child.pid)
        try:
            os.setpriority(os.PRIO_PROCESS, child.pid, os.nice(0))
        except PermissionError:
            pytest.skip("raising a priority is refused here (no CAP_SYS_NICE)")
        process.nice(5)
        with browser.hold_niceness(interval=0.05) as mine:
            assert mine == os.nice(0)

            def held() -> tuple[int, int | None]:
                return process.nice(), browser.autogroup_nice(child.pid)

            deadline = time.monotonic() + 5
            while held() != (mine, mine) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert held() == (mine, mine)
    finally:
        child.kill()
        child.wait()
