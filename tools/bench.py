"""python -m oversight bench: how long a user waits, page by page, at each data scale.

For each scale it generates (or reuses) a synthetic data set and measures, in one run on one machine:

- load: a fresh Python process from start to the query layer ready (db.load and one query), its
  wall time and peak memory (RSS). Large folders are read from CSV once and then from a typed
  DuckDB copy (db.CACHE_MIN_BYTES), so both the first load and the usual (cached) load are shown.
- rerun: the time of a page's script run after a filter change, through Streamlit's AppTest (the
  same script runner the server uses), median and 95th percentile over N runs, each with a new
  as-at date and every other one a new force.
- floor: the same measure for a bare page with only the shared sidebar
  (tools/bench_floor/frame.py with no page), and each page's 95th percentile minus the floor's:
  what the page itself adds to a rerun on the server. (A ratio to the floor was a target once;
  a page that draws figures cannot be within a few times a page that draws none, so the figure
  is the difference. What a user waits for is `bench --browser`.)
- unchanged: the page's rerun with no filter changed, so that every query and figure comes from
  the cache: what drawing the page's own elements costs, the least a rerun of it can cost.
  Pages run inside that same frame (see its docstring for why not through dashboard.py).
- rows: the most table rows a page sent to the browser in any run.
- DuckDB against plain pandas for the as-at state and the Overview figures (the pandas versions
  live here only), as a ratio, with a check that both give the same answer.

Pages are found in dashboard.py's st.Page entries when the benchmark runs, so a new page is
measured without changing this file. Nothing here asserts a time: the numbers are for reading.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import datetime as dt
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from oversight import db
from tools import synth

ROOT = db.ROOT
DASHBOARD = ROOT / "dashboard.py"
FRAME_SCRIPT = Path(__file__).resolve().parent / "bench_floor" / "frame.py"

# What the issue asks the benchmark to show (seconds, bytes); "seed" is a smoke scale, no targets.
TARGETS = {
    "national": {"load_s": 3.0, "p95_s": 0.3, "peak_bytes": None},
    "stress": {"load_s": 30.0, "p95_s": 2.0, "peak_bytes": 4 * 1024**3},
}
MAX_ROWS_SENT = 5000

_LOAD_SNIPPET = """
import json, resource, sys, time
started = time.perf_counter()
from oversight import db
ds = db.load(sys.argv[1])
ds.query("latest_as_at")
# VmHWM is this process's own peak; ru_maxrss would also count the parent's memory at fork
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) * 1024
except OSError:
    pass
print(json.dumps({
    "in_process_s": time.perf_counter() - started,
    "peak_bytes": peak,
    "valid": ds.is_valid,
    "problems": [str(p) for p in ds.problems[:5]],
}))
"""


@dataclass(frozen=True)
class PageRef:
    path: str
    title: str


@dataclass
class Load:
    seconds: float
    peak_bytes: int
    valid: bool


@dataclass
class Rerun:
    page: str
    times: list[float] = field(default_factory=list)
    unchanged_times: list[float] = field(default_factory=list)  # reruns with no filter changed
    max_rows: int = 0
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def p95(self) -> float:
        return float(np.percentile(self.times, 95)) if self.times else float("nan")

    @property
    def unchanged_p95(self) -> float:
        times = self.unchanged_times
        return float(np.percentile(times, 95)) if times else float("nan")


@dataclass
class Versus:
    name: str
    duckdb_s: float
    pandas_s: float
    same: bool


@dataclass
class ScaleResult:
    scale: str
    data_dir: Path
    counts: dict[str, int]
    first_load: Load | None
    load: Load
    floor: Rerun
    pages: list[Rerun]
    versus: list[Versus]


# --- entry point ----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scale",
        action="append",
        choices=tuple(synth.SCALES),
        help="scale to measure; repeat for several (default: national)",
    )
    parser.add_argument("--runs", type=int, default=20, help="reruns per page (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="synthetic data seed (default 1)")
    parser.add_argument("--forces", type=int, help="synthetic data: only the first N forces")
    parser.add_argument("--findings-per-force", type=int, help="synthetic data: size override")
    parser.add_argument(
        "--work",
        help="folder for the generated data and its typed cache "
        "(default: <tmp>/oversight-bench; data is reused when already generated)",
    )
    parser.add_argument("--markdown", help="also write the tables to this file")
    real = parser.add_argument_group(
        "as a user feels it (instead of the AppTest tables)",
        "a real server on the scale's data: --browser drives headless Chromium "
        "(tools/bench_browser.py), --users N simultaneous sessions (tools/bench_users.py)",
    )
    real.add_argument(
        "--browser",
        action="store_true",
        help="time --runs sidebar changes on every page, and first pages, in headless Chromium",
    )
    real.add_argument(
        "--first-runs",
        type=int,
        default=5,
        help="--browser: fresh browsers per app on a running server (default 5)",
    )
    real.add_argument(
        "--cold-runs",
        type=int,
        default=3,
        help="--browser: just-started servers per app (default 3; 0 skips)",
    )
    real.add_argument(
        "--page",
        action="append",
        metavar="URL_PATH",
        help="--browser: only this page's changes (repeat for several; default every page)",
    )
    real.add_argument(
        "--users",
        type=_user_levels,
        action="extend",
        metavar="N[,N...]",
        help="simultaneous sessions; repeat or list several levels, e.g. 1,5,10,20,40",
    )
    real.add_argument(
        "--duration",
        type=float,
        default=60.0,
        help="--users: seconds each level changes the sidebar (default 60)",
    )
    real.add_argument(
        "--processes",
        type=int,
        default=1,
        help="--users: server processes behind `python -m oversight serve` (default 1: "
        "`streamlit run` alone)",
    )
    real.add_argument(
        "--via",
        choices=("websocket", "agent"),
        default="websocket",
        help="--users: Streamlit's WebSocket protocol, as a browser (default), or the agent API",
    )
    parser.add_argument(
        "--writes",
        action="store_true",
        help="measure recording positions instead of pages: one save, 20 editors at once, "
        "writers killed at random (tools/bench_writes.py)",
    )
    parser.add_argument(
        "--kills", type=int, default=100, help="with --writes: writers to kill (default 100)"
    )
    parser.set_defaults(func=_main)


def _user_levels(text: str) -> list[int]:
    try:
        levels = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of users: {text!r}") from None
    if not levels or min(levels) < 1:
        raise argparse.ArgumentTypeError(f"users must be 1 or more: {text!r}")
    return levels


def _main(args: argparse.Namespace) -> int:
    scales = args.scale or ["national"]
    work = Path(args.work) if args.work else Path(tempfile.gettempdir()) / "oversight-bench"
    if args.browser or args.users:
        return _main_served(args, scales, work)
    if args.writes:
        return _writes(args, scales, work)
    results = []
    for scale in scales:
        print(f"bench: {scale} …", file=sys.stderr, flush=True)
        results.append(
            run_scale(
                scale,
                work,
                runs=args.runs,
                seed=args.seed,
                forces=args.forces,
                findings_per_force=args.findings_per_force,
            )
        )
    text = report(results)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")
    return 0


def _main_served(args: argparse.Namespace, scales: list[str], work: Path) -> int:
    """--browser and --users: a real server on each scale's data."""
    from tools import bench_browser, bench_users, browser

    os.environ["OVERSIGHT_CACHE_DIR"] = str(work / "cache")
    with browser.hold_niceness():
        texts = _served_texts(args, scales, work, bench_browser, bench_users)
    text = "\n".join([f"Machine: {machine()}", "", *texts])
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")
    return 0


def _served_texts(args, scales, work, bench_browser, bench_users) -> list[str]:
    texts = []
    for scale in scales:
        data_dir, _ = ensure_data(scale, work, args.seed, args.forces, args.findings_per_force)
        if args.browser:
            print(f"bench: {scale}, browser …", file=sys.stderr, flush=True)
            result = bench_browser.run(
                data_dir, args.runs, args.seed, args.first_runs, args.cold_runs, args.page
            )
            texts.append(f"Scale: {scale}\n\n{bench_browser.report(result)}")
        if args.users:
            levels = bench_users.run_levels(
                data_dir, args.users, args.duration, args.via, args.seed, args.processes
            )
            texts.append(f"Scale: {scale}\n\n{bench_users.report(levels, args.duration)}")
    return texts


def _writes(args: argparse.Namespace, scales: list[str], work: Path) -> int:
    from tools import bench_writes

    os.environ["OVERSIGHT_CACHE_DIR"] = str(work / "cache")
    results = []
    for scale in scales:
        print(f"bench --writes: {scale} …", file=sys.stderr, flush=True)
        data_dir, _ = ensure_data(scale, work, args.seed, args.forces, args.findings_per_force)
        results.append(bench_writes.measure(scale, data_dir))
    print("bench --writes: writers killed at random (seed data) …", file=sys.stderr, flush=True)
    seed_dir, _ = ensure_data("seed", work, args.seed, None, None)
    kills = bench_writes.measure_kills(seed_dir, n=args.kills)
    text = f"Machine: {machine()}\n\n" + bench_writes.report(results, kills)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")
    return 0


def run_scale(
    scale: str,
    work: Path,
    runs: int = 20,
    seed: int = 1,
    forces: int | None = None,
    findings_per_force: int | None = None,
) -> ScaleResult:
    data_dir, counts = ensure_data(scale, work, seed, forces, findings_per_force)
    cache = work / "cache"
    os.environ["OVERSIGHT_CACHE_DIR"] = str(cache)
    first_load = None
    if _csv_bytes(data_dir) >= db.CACHE_MIN_BYTES:
        shutil.rmtree(cache, ignore_errors=True)
        first_load = measure_load(data_dir, cache)
    load = measure_load(data_dir, cache)
    floor, pages = measure_reruns(data_dir, runs, seed)
    versus = measure_versus(data_dir, runs, seed)
    return ScaleResult(scale, data_dir, counts, first_load, load, floor, pages, versus)


# --- data -----------------------------------------------------------------------------------


def ensure_data(
    scale: str, work: Path, seed: int, forces: int | None, findings_per_force: int | None
) -> tuple[Path, dict[str, int]]:
    """The synthetic folder for these options, generated unless an identical one is there."""
    name = f"{scale}-seed{seed}"
    if forces:
        name += f"-forces{forces}"
    if findings_per_force:
        name += f"-fpf{findings_per_force}"
    data_dir = work / name
    stamp = data_dir / ".bench.json"
    wanted = {"generator": synth.GENERATOR_VERSION, "scale": scale, "seed": seed}
    wanted |= {"forces": forces, "findings_per_force": findings_per_force}
    if stamp.is_file():
        saved = json.loads(stamp.read_text(encoding="utf-8"))
        if saved.get("options") == wanted and (data_dir / db.SYNTHETIC_MARKER).is_file():
            return data_dir, saved["counts"]
    counts = synth.generate(
        scale, data_dir, seed=seed, forces=forces, findings_per_force=findings_per_force
    )
    stamp.write_text(json.dumps({"options": wanted, "counts": counts}), encoding="utf-8")
    return data_dir, counts


def _csv_bytes(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in data_dir.glob("*.csv"))


# --- load -----------------------------------------------------------------------------------


def measure_load(data_dir: Path, cache: Path) -> Load:
    """A cold process: interpreter start, imports, db.load and one query; wall time and peak RSS."""
    env = dict(os.environ, OVERSIGHT_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_SNIPPET, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"loading {data_dir} failed:\n{done.stderr}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return Load(seconds, int(out["peak_bytes"]), bool(out["valid"]))


# --- page reruns ----------------------------------------------------------------------------


def discover_pages(dashboard: Path = DASHBOARD) -> list[PageRef]:
    """Every st.Page("pages/….py", title=…) in dashboard.py, in the order they are written."""
    tree = ast.parse(dashboard.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page"):
            continue
        if not (node.args and isinstance(node.args[0], ast.Constant)):
            continue
        path = node.args[0].value
        if not isinstance(path, str):
            continue
        title = next(
            (
                k.value.value
                for k in node.keywords
                if k.arg == "title" and isinstance(k.value, ast.Constant)
            ),
            Path(path).stem,
        )
        found.append((node.lineno, node.col_offset, PageRef(path, str(title))))
    pages = [ref for *_, ref in sorted(found, key=lambda x: x[:2])]
    return list(dict.fromkeys(pages))


def filter_changes(data_dir: Path, runs: int, seed: int) -> list[tuple[dt.date, str | None]]:
    """N views, each a new as-at date; every other one also a new force (when there are several)."""
    ds = db.load(data_dir)
    forces = ds.query("tracking_forces")["force_id"].tolist()
    latest = pd.Timestamp(ds.query("latest_as_at")["latest_as_at"].iloc[0]).date()
    first = pd.Timestamp(ds.cursor().execute("select min(as_at) from updates").fetchone()[0]).date()
    rng = np.random.default_rng(seed)
    span = max(1, (latest - first).days)
    offsets = rng.choice(span, size=min(runs + 1, span), replace=False)
    dates = [first + dt.timedelta(days=int(o) + 1) for o in offsets]
    changes = []
    force = forces[0] if forces else None
    for i, as_at in enumerate(dates):
        if len(forces) > 1 and i % 2 == 1:
            force = forces[int(rng.integers(len(forces)))]
        changes.append((as_at, force if len(forces) > 1 else None))
    return changes


def measure_reruns(data_dir: Path, runs: int, seed: int) -> tuple[Rerun, list[Rerun]]:
    from streamlit.testing.v1 import AppTest

    # AppTest warns of a missing ScriptRunContext whenever cached code runs outside a script
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    previous_data_dir = os.environ.get("OVERSIGHT_DATA_DIR")
    os.environ["OVERSIGHT_DATA_DIR"] = str(data_dir)
    results = []
    try:
        changes = filter_changes(data_dir, runs, seed)
        os.environ.pop("OVERSIGHT_BENCH_PAGE", None)
        floor = _time_page(AppTest.from_file(str(FRAME_SCRIPT), default_timeout=900), changes)
        floor.page = "(floor: sidebar only)"
        for ref in discover_pages():
            os.environ["OVERSIGHT_BENCH_PAGE"] = ref.path
            rerun = _time_page(AppTest.from_file(str(FRAME_SCRIPT), default_timeout=900), changes)
            rerun.page = ref.title
            results.append(rerun)
    finally:
        # The bench runs inside the test process too: leave the environment as it was.
        os.environ.pop("OVERSIGHT_BENCH_PAGE", None)
        if previous_data_dir is None:
            os.environ.pop("OVERSIGHT_DATA_DIR", None)
        else:
            os.environ["OVERSIGHT_DATA_DIR"] = previous_data_dir
    return floor, results


def _time_page(at, changes) -> Rerun:
    result = Rerun("")
    try:
        at.run()
        warm, *measured = changes
        _apply(at, *warm)
        at.run()
        for as_at, force in measured:
            _apply(at, as_at, force)
            started = time.perf_counter()
            at.run()
            result.times.append(time.perf_counter() - started)
            if at.exception:
                result.error = str(at.exception[0].message).splitlines()[0][:120]
                break
            result.max_rows = max(result.max_rows, _rows_sent(at))
        for _ in measured if not result.error else ():
            started = time.perf_counter()
            at.run()
            result.unchanged_times.append(time.perf_counter() - started)
    except Exception as exc:  # a page being built may fail: report it on its row, go on
        result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}"
    return result


def _apply(at, as_at: dt.date, force: str | None) -> None:
    at.date_input(key="as_at").set_value(as_at)
    if force is not None:
        with contextlib.suppress(KeyError):
            at.selectbox(key="force").set_value(force)


def _rows_sent(at) -> int:
    total = 0
    for kind in ("dataframe", "table"):
        for element in at.get(kind):
            try:
                total += len(element.value)
            except Exception:  # an element AppTest cannot decode counts as none
                continue
    return total


# --- DuckDB against pandas ------------------------------------------------------------------


def measure_versus(data_dir: Path, runs: int, seed: int) -> list[Versus]:
    """The as-at state and the Overview figures, by the named queries and by plain pandas."""
    ds = db.load(data_dir)
    frames = _frames(ds)
    # plain pandas takes tens of seconds per state at stress scale: three dates are enough there
    views = 3 if len(frames["updates"]) > 1_000_000 else max(3, min(runs, 7))
    changes = filter_changes(data_dir, views, seed + 1)[1:]
    duck_state, pandas_state, duck_kpi, pandas_kpi = [], [], [], []
    same_state = same_kpi = True
    for as_at, force in changes:
        since = as_at - dt.timedelta(days=91)
        prev_since = since - dt.timedelta(days=91)

        started = time.perf_counter()
        # not cached: the state is computed (and kept) for this date and force
        got = db.run_query(ds, "rec_state_as_at", as_at=as_at, force_id=force)
        duck_state.append(time.perf_counter() - started)
        started = time.perf_counter()
        expected = pandas_state_for_force(frames, as_at, force)
        pandas_state.append(time.perf_counter() - started)
        same_state &= _same_state(got, expected)

        started = time.perf_counter()
        kpi = db.run_query(
            ds,
            "overview_kpis",
            as_at=as_at,
            since=since,
            prev_since=prev_since,
            horizon_days=90,
            force_id=force,
        )
        duck_kpi.append(time.perf_counter() - started)
        started = time.perf_counter()
        expected_kpi = pandas_overview_kpis(frames, as_at, since, prev_since, 90, force)
        pandas_kpi.append(time.perf_counter() - started)
        got_kpi = {k: int(v) for k, v in kpi.iloc[0].items()}
        same_kpi &= all(got_kpi.get(k) == v for k, v in expected_kpi.items())
    return [
        Versus(
            "as-at state (rec_state_as_at)",
            statistics.median(duck_state),
            statistics.median(pandas_state),
            same_state,
        ),
        Versus(
            "Overview figures (overview_kpis)",
            statistics.median(duck_kpi),
            statistics.median(pandas_kpi),
            same_kpi,
        ),
    ]


def _frames(ds: db.Dataset) -> dict[str, pd.DataFrame]:
    cur = ds.cursor()
    return {
        "recommendations": cur.execute(
            "select rec_id, inspection_id, force_id, addressed_to, due_on from recommendations"
        ).df(),
        "updates": cur.execute(
            "select update_id, rec_id, as_at, status, rag, recorded_at, revised_due_on from updates"
        ).df(),
        "inspections": cur.execute("select inspection_id, published_on from inspections").df(),
        # which statuses count as open: the SQL's own definition (queries/macros/vocabulary.sql)
        "vocabulary": db.run_query(ds, "vocabulary"),
    }


def pandas_rec_state(frames: dict[str, pd.DataFrame], as_at: dt.date) -> pd.DataFrame:
    """rec_state(as_at) in plain pandas: the latest update on or before as_at, per finding (no
    position recorded: no status, no RAG, still open), overdue against the due date in force
    (the latest revised_due_on recorded by as_at, else the report's)."""
    day = pd.Timestamp(as_at)
    updates = frames["updates"]
    upto = updates[updates["as_at"] <= day]
    in_order = upto.sort_values(
        ["rec_id", "as_at", "recorded_at", "update_id"],
        ascending=[True, False, False, False],
        na_position="last",
    )
    latest = in_order.drop_duplicates("rec_id", keep="first")
    revised = (
        in_order[in_order["revised_due_on"].notna()]
        .drop_duplicates("rec_id", keep="first")
        .set_index("rec_id")["revised_due_on"]
    )
    recs = frames["recommendations"].merge(frames["inspections"], on="inspection_id", how="left")
    state = recs.merge(latest[["rec_id", "update_id", "status", "rag"]], on="rec_id", how="left")
    state = state[state["update_id"].notna() | (state["published_on"] <= day)].copy()
    state = state.merge(revised.rename("in_force"), left_on="rec_id", right_index=True, how="left")
    state["due_on"] = state["in_force"].combine_first(state["due_on"])
    # no position recorded: no status and no RAG, and still open (as rec_state says)
    open_statuses = list(frames["vocabulary"]["open_statuses"].iloc[0])
    state["is_open"] = state["status"].isna() | state["status"].isin(open_statuses)
    state["is_overdue"] = state["is_open"] & (state["due_on"] < day).fillna(False)
    state["is_force_workload"] = state["addressed_to"] != "national_body"
    return state


def pandas_state_for_force(frames, as_at: dt.date, force: str | None) -> pd.DataFrame:
    state = pandas_rec_state(frames, as_at)
    if force is not None:
        state = state[state["force_id"] == force]
    return state.sort_values(["due_on", "rec_id"], na_position="last")


def pandas_overview_kpis(
    frames, as_at: dt.date, since: dt.date, prev_since: dt.date, horizon: int, force: str | None
) -> dict[str, int]:
    """queries/overview_kpis.sql in plain pandas (the same figures, for the comparison)."""

    def state_at(day):
        s = pandas_rec_state(frames, day)
        return s if force is None else s[s["force_id"] == force]

    now, then, before = state_at(as_at), state_at(since), state_at(prev_since)

    def figures(s, day):
        work = s[s["is_force_workload"]]
        start, end = pd.Timestamp(day), pd.Timestamp(day) + pd.Timedelta(days=horizon)
        due = work["is_open"] & work["due_on"].between(start, end).fillna(False)
        return (
            int(work["is_open"].sum()),
            int(work["is_overdue"].sum()),
            int((work["rag"] == "red").sum()),
            int(due.sum()),
        )

    def closed(end_state, start_state):
        work = end_state[end_state["is_force_workload"]]
        joined = work.merge(start_state[["rec_id", "is_open"]], on="rec_id", how="left")
        was_open = joined["is_open_y"].astype("boolean").fillna(True)
        return int(((~joined["is_open_x"]) & was_open).sum())

    o, d, r, s = figures(now, as_at)
    o2, d2, r2, s2 = figures(then, since)
    c, c2 = closed(now, then), closed(then, before)
    return {
        "open_now": o,
        "open_change": o - o2,
        "overdue_now": d,
        "overdue_change": d - d2,
        "red_now": r,
        "red_change": r - r2,
        "due_soon_now": s,
        "due_soon_change": s - s2,
        "closed_in_window": c,
        "closed_change": c - c2,
        "national_body_items": int((~now["is_force_workload"]).sum()),
    }


def _same_state(got: pd.DataFrame, expected: pd.DataFrame) -> bool:
    if len(got) != len(expected):
        return False
    for column in ("rec_id", "status", "rag", "is_open", "is_overdue"):
        a = [str(v) if pd.notna(v) else "" for v in got[column]]
        b = [str(v) if pd.notna(v) else "" for v in expected[column]]
        if column == "rec_id":
            a, b = sorted(a), sorted(b)
        elif sorted(a) != sorted(b):
            return False
    return True


# --- report ---------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    import streamlit

    return (
        f"{os.cpu_count()} CPUs (nproc), {memory} memory, {cpu}; load average at the end "
        f"{load}; niceness {os.nice(0)}{_group_note()}; Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}, "
        f"pandas {pd.__version__}, Streamlit {streamlit.__version__}"
    )


def _group_note() -> str:
    """What the served modes hold (tools/browser.hold_niceness), where it is held."""
    from tools.browser import autogroup_nice

    group = autogroup_nice()
    if group is None:
        return ""
    return f", scheduling group niceness {group} (held for its servers and browsers)"


def _ms(seconds: float) -> str:
    return "—" if seconds != seconds else f"{seconds * 1000:,.0f}"


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "**MISS**")


def report(results: list[ScaleResult]) -> str:
    out = [f"Machine: {machine()}", ""]
    out += [
        "### Load (cold process to query layer ready)",
        "",
        "| scale | findings | updates | first load s | first load peak MB | load s | peak MB | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        t = TARGETS.get(r.scale)
        ok = None
        if t:
            ok = r.load.seconds < t["load_s"] and r.load.valid
            if t["peak_bytes"]:
                ok = ok and r.load.peak_bytes < t["peak_bytes"]
        first_s = f"{r.first_load.seconds:.1f}" if r.first_load else "—"
        first_mb = f"{r.first_load.peak_bytes / 1024**2:,.0f}" if r.first_load else "—"
        out.append(
            f"| {r.scale} | {r.counts.get('recommendations', 0):,} | {r.counts.get('updates', 0):,} "
            f"| {first_s} | {first_mb} | {r.load.seconds:.2f} "
            f"| {r.load.peak_bytes / 1024**2:,.0f} | {_mark(ok)} |"
        )
    out += [
        "",
        "### Page reruns after a filter change (AppTest script run)",
        "",
        "| scale | page | runs | median ms | p95 ms | p95 − floor ms | unchanged p95 ms "
        "| unchanged − floor ms | most rows sent | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        t = TARGETS.get(r.scale)
        for row in [r.floor, *r.pages]:
            ok = None
            if row.error:
                ok = False
            elif t and row is not r.floor:
                ok = row.p95 < t["p95_s"] and row.max_rows <= MAX_ROWS_SENT
            note = f" error: {row.error}" if row.error else ""
            out.append(
                f"| {r.scale} | {row.page} | {len(row.times)} | {_ms(row.median)} | {_ms(row.p95)} "
                f"| {_ms(row.p95 - r.floor.p95)} | {_ms(row.unchanged_p95)} "
                f"| {_ms(row.unchanged_p95 - r.floor.unchanged_p95)} "
                f"| {row.max_rows:,} | {_mark(ok)}{note} |"
            )
    out += [
        "",
        "### DuckDB against plain pandas (median, in process, data already loaded)",
        "",
        "| scale | result | DuckDB ms | pandas ms | pandas / DuckDB | same answer |",
        "|---|---|---:|---:|---:|---|",
    ]
    for r in results:
        for v in r.versus:
            out.append(
                f"| {r.scale} | {v.name} | {_ms(v.duckdb_s)} | {_ms(v.pandas_s)} "
                f"| {v.pandas_s / v.duckdb_s:.1f} | {'yes' if v.same else '**no**'} |"
            )
    return "\n".join(out) + "\n"
