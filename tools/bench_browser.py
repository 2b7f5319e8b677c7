"""python -m oversight bench --browser: what a user waits for in a real browser.

Headless Chromium (Playwright, the system Chromium) against a dashboard server on the data set:

- **A sidebar change, per page.** On each page dashboard.py registers, N changes of the sidebar as
  a keyboard user makes them: the as-at date typed into the date field's day segment (DDMMYYYY)
  and committed by leaving the field (Tab twice), then the force typed into the Force box and
  chosen with Enter, alternately. Each is timed in the page from the key press that commits it
  (the event's own timestamp) to the moment the script has finished (``stApp``'s
  ``data-test-script-state`` back to ``notRunning``) and everything is drawn: no element left
  stale or still loading its code (Streamlit's ``stSkeleton`` placeholder), every chart drawn
  (a Plotly chart's ``.main-svg``, a Vega-Lite chart's ``svg.marks`` or ``canvas.marks``), and
  no change to the page's DOM for QUIET_MS; the time is that of the last change. "Run finished" is the first half alone.
- **The first page of a fresh browser.** A newly launched Chromium (empty profile and cache)
  opens the dashboard's default page; timed from the navigation's start to the same "everything
  drawn". Measured on a running server (warmed by one visit) and on a cold one (the process just
  started and healthy, the data still to load), each beside a bare Streamlit app
  (tools/bare_app.py) measured the same way in the same run, alternately.

Times are measured in the page (performance.now()), so Playwright's own round trips are not in
them. Nothing here asserts a time: the numbers are for reading against the targets.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from oversight import db
from tools import browser

BARE_APP = Path(__file__).resolve().parent / "bare_app.py"
QUIET_MS = 500  # no DOM change for this long after the run: the page is drawn
VIEWPORT = {"width": 1400, "height": 1000}
CHANGE_TIMEOUT_MS = 60_000
TARGET_CHANGE_P95_S = 0.6
TARGET_FIRST_RATIO = 1.3
TARGET_COLD_RATIO = 2.0

# Installed before each change. Records every key press and pointer press (their event
# timestamps), when the script state leaves and comes back to notRunning, and the last DOM
# change in the main section and the sidebar; then, at each animation frame, whether the page
# is drawn.
_CHARTS_JS = """
  // A chart is drawn when Plotly has made its .main-svg, or Vega its svg.marks (canvas.marks
  // when it draws on a canvas).
  const CHARTS = '[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"]';
  const drawn = (c) => !!c.querySelector('.main-svg, svg.marks, canvas.marks');
"""

_CHANGE_PROBE = """([quiet, wanted]) => {__CHARTS_JS__
  const b = window.__bench = {presses: [], runStart: null, finished: null, lastChange: 0,
                              urlSeen: null, done: null};
  const stamp = (e) => b.presses.push(e.timeStamp);
  document.addEventListener('keydown', stamp, true);
  document.addEventListener('pointerdown', stamp, true);
  const app = document.querySelector('[data-testid="stApp"]');
  const stateOf = () => app.getAttribute('data-test-script-state');
  // an element left from the previous run, or one whose code is still loading (its skeleton)
  const pending = () => document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]');
  // Any change of the attribute is a run starting or ending: a short run can go to running
  // and back before the observer is called, which then sees notRunning with the run over.
  const watchState = new MutationObserver(() => {
    if (b.runStart === null) b.runStart = performance.now();
    if (stateOf() === 'notRunning' && b.finished === null) b.finished = performance.now();
  });
  watchState.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  const watchDom = new MutationObserver(() => { b.lastChange = performance.now(); });
  for (const id of ['stMain', 'stSidebar']) {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (el) watchDom.observe(el, {subtree: true, childList: true, attributes: true,
                                  characterData: true});
  }
  const frame = () => {
    if (b.done !== null) return;
    const now = performance.now();
    // A run quick enough for the frontend to draw "running" and "not running" in one render
    // never changes the attribute; the address the script sets says it ran.
    if (b.urlSeen === null && location.search.includes(wanted)) b.urlSeen = now;
    const started = b.runStart ?? b.urlSeen;
    const finished = b.finished ?? (b.runStart === null ? b.urlSeen : null);
    if (finished !== null && stateOf() === 'notRunning' && !pending()) {
      const charts = [...document.querySelectorAll(CHARTS)];
      const last = Math.max(b.lastChange, finished);
      if (charts.every(drawn) && now - last >= quiet) {
        const t0 = b.presses.filter(t => t <= started).pop();
        b.done = {finished: finished - t0, drawn: last - t0, charts: charts.length,
                  exceptions: document.querySelectorAll('[data-testid="stException"]').length};
        watchState.disconnect(); watchDom.disconnect();
        document.removeEventListener('keydown', stamp, true);
        document.removeEventListener('pointerdown', stamp, true);
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}""".replace("__CHARTS_JS__", _CHARTS_JS)

# What a change that never finished drawing left behind, for its error message.
_STUCK = """() => {
  const b = window.__bench, app = document.querySelector('[data-testid="stApp"]');
  const count = (q) => document.querySelectorAll(q).length;
  return `script ${app.getAttribute('data-test-script-state')}, run `
    + `${b.runStart === null ? 'never started' : b.finished === null ? 'not finished' : 'finished'}, `
    + `${count('[data-stale="true"]')} stale, ${count('[data-testid="stSkeleton"]')} loading, `
    + `${count('[data-testid="stPlotlyChart"]:not(:has(.main-svg))')} charts undrawn, `
    + `url ${location.search}`;
}"""

# Added to a fresh browser's first page before any of its scripts: the same "everything drawn",
# timed from the navigation's start (performance.now() counts from it).
_FIRST_PROBE = """(() => {
  const quiet = __QUIET_MS__;__CHARTS_JS__
  const b = window.__bench = {sawRunning: false, finished: null, lastChange: 0, done: null};
  const watchDom = new MutationObserver(() => { b.lastChange = performance.now(); });
  const pending = () => document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]');
  let watching = false;
  const frame = () => {
    if (b.done !== null) return;
    const now = performance.now();
    if (!watching && document.documentElement) {
      watchDom.observe(document.documentElement, {subtree: true, childList: true,
                                                  attributes: true, characterData: true});
      watching = true;
    }
    const app = document.querySelector('[data-testid="stApp"]');
    if (app) {
      const state = app.getAttribute('data-test-script-state');
      if (state && state !== 'notRunning') { b.sawRunning = true; b.finished = null; }
      if (state === 'notRunning' && b.sawRunning && b.finished === null) b.finished = now;
      const connected = app.getAttribute('data-test-connection-state') === 'CONNECTED';
      const charts = [...document.querySelectorAll(CHARTS)];
      const last = Math.max(b.lastChange, b.finished || 0);
      if (connected && b.finished !== null && !pending() && charts.every(drawn)
          && now - last >= quiet) {
        b.done = {drawn: last, finished: b.finished, charts: charts.length};
        watchDom.disconnect();
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();""".replace("__QUIET_MS__", str(QUIET_MS)).replace("__CHARTS_JS__", _CHARTS_JS)


@dataclass
class PageChanges:
    title: str
    url_path: str
    finished: list[float] = field(default_factory=list)  # seconds, key press -> run finished
    drawn: list[float] = field(default_factory=list)  # seconds, key press -> everything drawn
    charts: int = 0
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.drawn) if self.drawn else float("nan")

    @property
    def p95(self) -> float:
        return float(np.percentile(self.drawn, 95)) if self.drawn else float("nan")

    @property
    def finished_median(self) -> float:
        return statistics.median(self.finished) if self.finished else float("nan")

    @property
    def finished_p95(self) -> float:
        return float(np.percentile(self.finished, 95)) if self.finished else float("nan")


@dataclass
class FirstPage:
    """First pages of fresh browsers on one kind of server, for the dashboard and the bare app."""

    server: str  # "running" or "cold"
    dashboard: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    dashboard_start: list[float] = field(default_factory=list)  # cold: process start -> healthy
    bare_start: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        if not self.dashboard or not self.bare:
            return float("nan")
        return statistics.median(self.dashboard) / statistics.median(self.bare)


@dataclass
class BrowserResult:
    data_dir: Path
    started: str
    pages: list[PageChanges]
    first: list[FirstPage]


# --- sidebar changes ------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    as_at: dt.date | None = None
    force: str | None = None  # the name the Force box shows


def plan_changes(data_dir: Path, runs: int, seed: int = 1) -> list[Change]:
    """`runs` sidebar changes: a new as-at date, then a new force, alternately (dates drawn
    inside the data's updates, each force other than the one before)."""
    ds = db.load(data_dir)
    names = list(ds.query("tracking_forces")["name"])
    latest = _date(ds.query("latest_as_at")["latest_as_at"].iloc[0])
    first = _date(ds.cursor().execute("select min(as_at) from updates").fetchone()[0])
    rng = random.Random(seed)
    span = max(1, (latest - first).days)
    changes, force = [], names[0] if names else None
    for i in range(runs):
        if i % 2 == 1 and len(names) > 1:
            force = rng.choice([n for n in names if n != force])
            changes.append(Change(force=force))
        else:
            changes.append(Change(as_at=first + dt.timedelta(days=rng.randrange(1, span + 1))))
    return changes


def _date(value) -> dt.date:
    value = getattr(value, "to_pydatetime", lambda: value)()
    return value.date() if isinstance(value, dt.datetime) else value


def measure_changes(chromium, server: browser.Server, spec, changes: list[Change]) -> PageChanges:
    """Open the page in a new tab and time each change of the sidebar."""
    result = PageChanges(spec.title, spec.url_path)
    context = chromium.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        page.goto(f"{server.url}/{'' if spec.default else spec.url_path}")
        browser.wait_for_app(page, timeout=120_000)
        sidebar = page.locator('[data-testid="stSidebar"]')
        for change in changes:
            if change.as_at is not None:
                wanted = f"as_at={change.as_at:%Y-%m-%d}"
            else:
                wanted = "force=" + urllib.parse.quote_plus(change.force)
            page.evaluate(_CHANGE_PROBE, [QUIET_MS, wanted])
            if change.as_at is not None:
                sidebar.get_by_role("spinbutton", name="day, As at").click()
                page.keyboard.type(f"{change.as_at:%d%m%Y}")
                for _ in range(3):  # leave the field: past the calendar button inside it
                    page.keyboard.press("Tab")
                    inside = page.evaluate(
                        "() => !!document.activeElement.closest('[data-testid=\"stDateInput\"]')"
                    )
                    if not inside:
                        break
            else:
                sidebar.get_by_role("combobox").click()
                page.keyboard.type(change.force)
                page.keyboard.press("Enter")
            try:
                page.wait_for_function(
                    "() => window.__bench.done !== null", timeout=CHANGE_TIMEOUT_MS, polling=50
                )
            except Exception:
                result.error = f"{change} not drawn in {CHANGE_TIMEOUT_MS / 1000:.0f} s: " + (
                    page.evaluate(_STUCK)
                )
                break
            done = page.evaluate("window.__bench.done")
            if wanted not in page.url:
                result.error = f"the change did not apply ({wanted} not in {page.url})"
                break
            if done["exceptions"]:
                result.error = "an exception is shown on the page"
                break
            result.finished.append(done["finished"] / 1000)
            result.drawn.append(done["drawn"] / 1000)
            result.charts = max(result.charts, done["charts"])
    except Exception as exc:  # a page that fails is reported on its row; the others go on
        result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}"
    finally:
        context.close()
    return result


# --- first pages ----------------------------------------------------------------------------


def first_page_seconds(playwright, url: str) -> float:
    """A newly launched Chromium opens `url`: seconds from navigation start to drawn."""
    fresh = browser.launch_chromium(playwright)
    try:
        page = fresh.new_page(viewport=VIEWPORT)
        page.add_init_script(_FIRST_PROBE)
        page.goto(url, wait_until="commit")
        page.wait_for_function(
            "() => window.__bench && window.__bench.done !== null",
            timeout=CHANGE_TIMEOUT_MS * 2,
            polling=100,
        )
        return page.evaluate("window.__bench.done.drawn") / 1000
    finally:
        fresh.close()


def measure_first_running(playwright, dashboard: browser.Server, data_dir: Path, reps: int):
    """Fresh browsers on servers already running (the dashboard's has served the page changes;
    the bare app's is warmed by one visit), alternately."""
    result = FirstPage("running")
    with browser.streamlit_server(data_dir, timeout=120, script=BARE_APP) as bare:
        first_page_seconds(playwright, dashboard.url)
        first_page_seconds(playwright, bare.url)  # the bare server's first visitor
        for _ in range(reps):
            result.dashboard.append(first_page_seconds(playwright, dashboard.url))
            result.bare.append(first_page_seconds(playwright, bare.url))
    return result


def measure_first_cold(playwright, data_dir: Path, reps: int) -> FirstPage:
    """Fresh browsers on servers just started (healthy, nothing loaded yet), alternately."""
    result = FirstPage("cold")
    for _ in range(reps):
        for script, times, starts in (
            (browser.DASHBOARD, result.dashboard, result.dashboard_start),
            (BARE_APP, result.bare, result.bare_start),
        ):
            started = time.perf_counter()
            with browser.streamlit_server(data_dir, timeout=120, script=script) as server:
                starts.append(time.perf_counter() - started)
                times.append(first_page_seconds(playwright, server.url))
    return result


# --- all of it ------------------------------------------------------------------------------


def run(
    data_dir: Path,
    runs: int = 20,
    seed: int = 1,
    first_reps: int = 5,
    cold_reps: int = 3,
    pages: list[str] | None = None,
) -> BrowserResult:
    """Every page's sidebar changes (or only the pages whose url_path is in `pages`), then the
    first pages on the same running server and on cold ones."""
    from playwright.sync_api import sync_playwright

    started = time.strftime("%Y-%m-%d %H:%M")
    db.load(data_dir)  # the typed copy of a large folder exists before any server is timed
    changes = plan_changes(data_dir, runs, seed)
    specs = [s for s in browser.registered_pages() if not pages or s.url_path in pages]
    measured, first = [], []
    with sync_playwright() as playwright:
        with browser.streamlit_server(data_dir, timeout=120) as server:
            chromium = browser.launch_chromium(playwright)
            try:
                for spec in specs:
                    print(f"bench: browser, {spec.title} …", file=sys.stderr, flush=True)
                    measured.append(measure_changes(chromium, server, spec, changes))
            finally:
                chromium.close()
            if first_reps:
                print("bench: browser, first pages …", file=sys.stderr, flush=True)
                first.append(measure_first_running(playwright, server, data_dir, first_reps))
        if cold_reps:
            print("bench: browser, first pages on cold servers …", file=sys.stderr, flush=True)
            first.append(measure_first_cold(playwright, data_dir, cold_reps))
    return BrowserResult(data_dir, started, measured, first)


# --- report ---------------------------------------------------------------------------------


def report(result: BrowserResult) -> str:
    out = [
        f"### A sidebar change in the browser (started {result.started}; "
        "key press to everything drawn)",
        "",
        "| page | changes | charts | run finished median ms | run finished p95 ms "
        "| drawn median ms | drawn p95 ms | drawn max ms | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in result.pages:
        ok = not row.error and row.drawn and row.p95 < TARGET_CHANGE_P95_S
        note = f" error: {row.error}" if row.error else ""
        out.append(
            f"| {row.title} | {len(row.drawn)} | {row.charts} | {_ms(row.finished_median)} "
            f"| {_ms(row.finished_p95)} | {_ms(row.median)} | {_ms(row.p95)} "
            f"| {_ms(max(row.drawn) if row.drawn else float('nan'))} "
            f"| {'ok' if ok else '**MISS**'}{note} |"
        )
    out += [
        "",
        "### The first page of a fresh browser (navigation start to everything drawn)",
        "",
        "| server | app | runs | median s | min s | max s | server start s "
        "| dashboard / bare | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for first in result.first:
        target = TARGET_FIRST_RATIO if first.server == "running" else TARGET_COLD_RATIO
        for app, times, starts in (
            ("bare Streamlit app", first.bare, first.bare_start),
            ("dashboard (Overview)", first.dashboard, first.dashboard_start),
        ):
            is_dash = app.startswith("dashboard")
            ratio = f"{first.ratio:.2f}" if is_dash and first.ratio == first.ratio else ""
            mark = ""
            if is_dash:
                mark = "ok" if first.ratio < target else "**MISS**"
                mark += f" (< {target:g})"
            start = f"{statistics.median(starts):.1f}" if starts else ""
            out.append(
                f"| {first.server} | {app} | {len(times)} | {_s(times, statistics.median)} "
                f"| {_s(times, min)} | {_s(times, max)} | {start} | {ratio} | {mark} |"
            )
    return "\n".join(out) + "\n"


def _ms(seconds: float) -> str:
    return "—" if seconds != seconds else f"{seconds * 1000:,.0f}"


def _s(values: list[float], how) -> str:
    return f"{how(values):.2f}" if values else "—"
