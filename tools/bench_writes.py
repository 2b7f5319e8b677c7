"""python -m oversight bench --writes: what recording a position costs, at each data scale.

Measured on the bench's synthetic folder itself (each file's size and time are put back at the end,
so the folder, and its typed DuckDB copy, are as they were):

- one save, warm: a position recorded by a process that has the folder loaded, as the dashboard
  has (median and slowest of N saves, one after the other);
- one save, cold: a fresh process that loads the folder (from its typed copy) and records one;
- editors at once: N positions recorded at the same moment by N threads of one process (the
  dashboard's sessions), and by N processes (imports from the command line, say): when the last
  one landed, counted from the moment they all started;
- killed writers (on the small seed-scale folder: each writer process loads the folder first):
  processes recording position after position, each killed at a random moment; then one more
  save (which finishes or undoes any save cut short), and the folder validated: how many writers
  were killed, how many positions landed, problems, broken seals, and any file left behind.

After the saves each folder is validated whole: problems and broken seals are counted.

Nothing here asserts a time; the targets are printed beside the figures.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from oversight import auth, db, records, seal
from oversight.schema import TABLES

ROOT = db.ROOT
# Each run's notes carry a token of their own: a row left by a run that was stopped before it put
# the folder back would otherwise make the same save a duplicate, skipped without a write.
RUN = secrets.token_hex(4)
AS_AT = "2029-12-31"  # after every synthetic report's publication (the rules check it)
EDITORS = [f"editor{i}@force.example" for i in range(100)]
CONFIG = auth.EditingConfig(True, frozenset(EDITORS), True, ("",))
# Seconds (the targets): one save warm, at national and stress; N editors at once.
TARGETS = {
    "national": {"save_s": 0.5, "editors_s": 10.0},
    "stress": {"save_s": 2.0, "editors_s": None},
}

_WRITER = """
import json, pathlib, sys, time
from oversight import auth, records
data_dir, rec_id, editor, go, loop, run = sys.argv[1:7]
AS_AT = "2029-12-31"
config = auth.EditingConfig(True, frozenset({editor}), True, ("",))
who = auth.Identity(editor, None, True)
started = time.perf_counter()
records._folder(pathlib.Path(data_dir), None)  # the first save's load, before the start line
print(json.dumps({"ready": time.perf_counter() - started}), flush=True)
while not pathlib.Path(go).exists():
    time.sleep(0.001)
i = 0
while True:
    t = time.perf_counter()
    result = records.append_updates(
        data_dir,
        [{"rec_id": rec_id, "as_at": AS_AT, "status": "in_progress", "rag": "amber",
          "note": f"{editor} save {i} (run {run})"}],
        who,
        config,
    )
    print(json.dumps({"save_s": time.perf_counter() - t, "done": time.time(),
                      "written": result.written, "problems": [str(p) for p in result.problems]}),
          flush=True)
    i += 1
    if loop != "loop":
        break
"""


@dataclass
class WriteResult:
    scale: str
    warm: list[float] = field(default_factory=list)
    cold_s: float = float("nan")
    cold_load_s: float = float("nan")
    reload_s: float = float("nan")
    threads: list[float] = field(default_factory=list)
    processes: list[float] = field(default_factory=list)
    killed: int = 0
    landed: int = 0
    recovered: bool = False
    problems: list[str] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)
    litter: list[str] = field(default_factory=list)


def measure(scale: str, data_dir: Path, *, saves: int = 20, editors: int = 20) -> WriteResult:
    """Every write measurement on data_dir, which is put back as it was after each one: so each
    starts from the folder's typed copy, as a server that has loaded the data does."""
    out = WriteResult(scale)
    ds = db.load(data_dir)  # builds the typed copy of a large folder once
    rec_id = _a_finding(ds)
    before = set(os.listdir(data_dir))
    with restored(data_dir):
        (cold,), _ = _run_writers(data_dir, rec_id, 1)
        out.cold_s, out.cold_load_s = cold["save_s"], cold["load_s"]
    with restored(data_dir):
        _, out.processes = _run_writers(data_dir, rec_id, editors)
    with restored(data_dir):
        for i in range(saves):
            started = time.perf_counter()
            _save(data_dir, rec_id, EDITORS[i % len(EDITORS)], f"warm {i}", ds)
            out.warm.append(time.perf_counter() - started)
        out.threads = _threads_at_once(data_dir, rec_id, editors, ds)
        records.forget(data_dir)
        checked = db.load(data_dir)
        out.problems = [str(p) for p in checked.problems]
        out.integrity = [str(p) for p in checked.integrity]
        out.reload_s = _reload_seconds(data_dir)
        out.litter = sorted(
            set(os.listdir(data_dir)) - before - {records.LOCK_FILE, seal.HEAD_FILE}
        )
    return out


def _reload_seconds(data_dir: Path) -> float:
    """What the next reader pays after saves: a fresh process loading the grown folder."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import sys; from oversight import db; db.load(sys.argv[1])"]
        + [str(data_dir)],
        check=True,
        env=env,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def _a_finding(ds: db.Dataset) -> str:
    return ds.query("record_choices", as_at=dt.date(2099, 1, 1), force_id=None, q=None, limit=1)[
        "rec_id"
    ].iloc[0]


def _save(data_dir: Path, rec_id: str, editor: str, note: str, ds) -> records.WriteResult:
    result = records.append_updates(
        data_dir,
        [
            {
                "rec_id": rec_id,
                "as_at": AS_AT,
                "status": "in_progress",
                "rag": "amber",
                "note": f"{note} (run {RUN})",
            }
        ],
        auth.Identity(editor, None, True),
        CONFIG,
        dataset=ds,
    )
    if not result.written:
        raise RuntimeError(f"a bench save did not land: {result.problems}")
    return result


def _threads_at_once(data_dir: Path, rec_id: str, n: int, ds) -> list[float]:
    """N threads record one position each at the same moment: when each landed."""
    gate = threading.Barrier(n + 1)
    done: list[float] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        gate.wait()
        _save(data_dir, rec_id, EDITORS[i], f"thread {i}", ds)
        with lock:
            done.append(time.perf_counter())

    workers = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for w in workers:
        w.start()
    gate.wait()
    started = time.perf_counter()
    for w in workers:
        w.join()
    return sorted(t - started for t in done)


def _run_writers(data_dir: Path, rec_id: str, n: int) -> tuple[list[dict], list[float]]:
    """N processes that each load the folder, then, all at one moment, record one position.
    Returns each save's report, and when each landed counted from that moment."""
    with tempfile.TemporaryDirectory(prefix="oversight-bench-go-") as tmp:
        go = Path(tmp) / "go"
        procs = [_spawn(data_dir, rec_id, EDITORS[i], go, loop=False) for i in range(n)]
        loads = [json.loads(proc.stdout.readline())["ready"] for proc in procs]
        started = time.time()
        go.touch()
        results = []
        for proc in procs:
            stdout, stderr = proc.communicate(timeout=600)
            if proc.returncode != 0:
                raise RuntimeError(f"a bench writer failed:\n{stderr}")
            results += [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    if not all(r.get("written") for r in results):
        raise RuntimeError(f"a bench writer's save did not land: {results}")
    for r, load in zip(results, loads, strict=True):
        r["load_s"] = load
    return results, sorted(r["done"] - started for r in results)


def _spawn(data_dir: Path, rec_id: str, editor: str, go: Path, *, loop: bool):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(data_dir), rec_id, editor, str(go)]
        + ["loop" if loop else "once", RUN],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def measure_kills(data_dir: Path, n: int = 100, at_once: int = 4) -> WriteResult:
    """N processes recording position after position, each killed at a random moment while it
    saves; then one more save, and the folder checked."""
    out = WriteResult(data_dir.name)
    rng = random.Random(1)
    with restored(data_dir):
        rec_id = _a_finding(db.load(data_dir))
        before = set(os.listdir(data_dir))
        for batch in range(0, n, at_once):
            size = min(at_once, n - batch)
            with tempfile.TemporaryDirectory(prefix="oversight-bench-go-") as tmp:
                go = Path(tmp) / "go"
                procs = [
                    _spawn(data_dir, rec_id, EDITORS[batch + i], go, loop=True) for i in range(size)
                ]
                for proc in procs:
                    proc.stdout.readline()
                go.touch()
                for proc in procs:
                    time.sleep(rng.uniform(0.0, 0.3))
                    proc.send_signal(signal.SIGKILL)
                for proc in procs:
                    stdout, _ = proc.communicate(timeout=60)
                    out.killed += proc.returncode == -signal.SIGKILL
                    out.landed += sum(
                        json.loads(line).get("written", False)
                        for line in stdout.splitlines()
                        if line.startswith("{")
                    )
        out.recovered = (data_dir / records.JOURNAL_FILE).exists()
        _save(data_dir, rec_id, EDITORS[0], "after the killed writers", None)
        records.forget(data_dir)
        checked = db.load(data_dir)
        out.problems = [str(p) for p in checked.problems]
        out.integrity = [str(p) for p in checked.integrity]
        allowed = before | {records.LOCK_FILE, seal.HEAD_FILE}
        out.litter = sorted(set(os.listdir(data_dir)) - allowed)
    return out


@contextlib.contextmanager
def restored(data_dir: Path):
    """Put each table file back to its size and modification time afterwards (the rows a
    measurement appended are cut off), so the folder's version and typed copy are unchanged."""
    states = {
        t.file: (data_dir / t.file).stat() for t in TABLES.values() if (data_dir / t.file).exists()
    }
    copies = {}
    for name in states:
        copies[name] = (data_dir / name).read_bytes() if states[name].st_size < 64 * 2**20 else None
    extra = {records.LOCK_FILE, seal.HEAD_FILE, records.JOURNAL_FILE}
    had = {name for name in extra if (data_dir / name).exists()}
    try:
        yield
    finally:
        records.forget(data_dir)
        for name, st in states.items():
            path = data_dir / name
            if copies[name] is not None and path.read_bytes()[: st.st_size] != copies[name]:
                path.write_bytes(copies[name])  # rewritten (a column added): put it back whole
            with open(path, "r+b") as fh:
                fh.truncate(st.st_size)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        for name in extra - had:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(data_dir / name)


def report(results: list[WriteResult], kills: WriteResult | None) -> str:
    out = [
        "### Recording a position (the write path)",
        "",
        "| scale | one save, warm: median / slowest ms | one save, cold process: load + save s "
        "| 20 editors at once, threads: last landed s | 20 editors, processes: last landed s "
        "| problems, broken seals after | next reader's load after saves s | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        t = TARGETS.get(r.scale, {})
        ok = None
        if t:
            ok = statistics.median(r.warm) < t["save_s"] and not (r.problems or r.integrity)
            if t.get("editors_s"):
                ok = ok and max(r.threads) < t["editors_s"]
        out.append(
            f"| {r.scale} | {statistics.median(r.warm) * 1000:.0f} / {max(r.warm) * 1000:.0f} "
            f"| {r.cold_load_s:.2f} + {r.cold_s:.2f} | {max(r.threads):.2f} "
            f"| {max(r.processes):.2f} | {len(r.problems)}, {len(r.integrity)} "
            f"| {r.reload_s:.1f} | {_mark(ok)} |"
        )
    if kills is not None:
        out += [
            "",
            "| data | writers killed | positions landed | problems after | broken seals "
            "| files left behind |",
            "|---|---:|---:|---:|---:|---|",
            f"| {kills.scale} | {kills.killed} | {kills.landed} | {len(kills.problems)} "
            f"| {len(kills.integrity)} | {', '.join(kills.litter) or 'none'} |",
        ]
    return "\n".join(out) + "\n"


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**missed**")
