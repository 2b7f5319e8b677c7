"""python -m oversight bench --users N: N people using one running server at once.

Each simulated user holds one session on one dashboard server, on one page (users are spread over
the pages dashboard.py registers, in order), and every few seconds (2 to 4, drawn at random) changes
the sidebar: the as-at date at one change, the force at the next. What is measured is the time from
the change being sent to the server's message that the run finished, the errors (an exception
drawn on the page, a run that never finishes, a dropped connection), and the server process's CPU
and memory (psutil), each level of users on a freshly started server:

1. the server starts and one session visits every page (what a server has done after its first
   visitor: the data loaded, every page's queries for the default view cached);
2. the N users connect one after another and each runs its page once at the default view: the
   growth of the server's memory divided by N is the memory one more session costs;
3. for the duration (a minute), every user changes the sidebar every few seconds; the loop of
   each user ends at the deadline (its last change is awaited, at most RUN_TIMEOUT_S).

Users speak Streamlit's own WebSocket protocol (``--via websocket``, the default): the frames a
browser sends (a BackMsg asking for a rerun with the widgets' values) and receives (ForwardMsgs up
to ``script_finished``), so the server does exactly the work it does for a browser user. What the
browser then spends drawing is on the user's own machine and is measured by ``bench --browser``.
Browser contexts instead would put N Chromium renderers on the same two cores as the server and
measure Chromium, not the server.

``--via agent`` drives the same sessions through Streamlit's agent API (``POST
/_stcore/agent/interact`` with ``server.enableAgentApi``): each answer is the finished page as a
JSON tree with every table's preview and every chart's figure, which the server builds for the
agent and never for a browser, so its times measure that work as well (documented beside the
WebSocket figures in docs/performance.md).

Only localhost is ever contacted; every loop is bounded by the duration and the run timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import http.cookiejar
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import psutil

from oversight import db
from tools import browser

THINK_S = (2.0, 4.0)  # a user's pause between seeing a page and changing the sidebar
RUN_TIMEOUT_S = 30.0  # a run that has not finished by then counts as an error
TARGET_USERS = 20
TARGET_P95_S = 2.0
KNEE_P95_S = 2.0
DEFAULT_LEVELS = (1, 5, 10, 20, 40)
VIA = ("websocket", "agent")


@dataclass
class Level:
    """One number of users on a freshly started server."""

    users: int
    via: str
    started: str  # local time the level started, for reading the machine's load beside it
    times: list[float] = field(default_factory=list)  # change sent -> run finished, seconds
    first_runs: list[float] = field(default_factory=list)  # each user's first page, one at a time
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0  # the load window's wall time
    server_cpu_s: float = 0.0  # CPU seconds the server process used in the load window
    machine_busy: float = float("nan")  # share of all cores busy (anyone's) in the window
    others_cpu_s: float = float("nan")  # CPU seconds of processes neither server nor bench
    rss_warm: int = 0  # server RSS after the warm-up visit, bytes
    rss_sessions: int = 0  # ... after the N users' first runs
    rss_peak: int = 0  # ... highest seen during the level
    load_average: tuple[float, float, float] = (0.0, 0.0, 0.0)
    processes: int = 1  # server processes (behind `oversight serve` when more than one)

    @property
    def p50(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def p95(self) -> float:
        return float(np.percentile(self.times, 95)) if self.times else float("nan")

    @property
    def server_cores(self) -> float:
        return self.server_cpu_s / self.seconds if self.seconds else float("nan")

    @property
    def cpu_per_change(self) -> float:
        """Server CPU seconds per change: what a change costs the server, little moved by other
        work on the machine (which lengthens the wait but not the work)."""
        return self.server_cpu_s / len(self.times) if self.times else float("nan")

    @property
    def per_session_bytes(self) -> float:
        """Server memory one more idle session holds (each user's first page, one at a time)."""
        return (self.rss_sessions - self.rss_warm) / self.users if self.users else float("nan")

    @property
    def per_user_at_peak_bytes(self) -> float:
        """The server's highest memory under the load over its warm memory, per user: the
        sessions, their runs in flight and the query results their dates added to the cache."""
        return (self.rss_peak - self.rss_warm) / self.users if self.users else float("nan")


@dataclass(frozen=True)
class Changes:
    """What the users may change the sidebar to: dates inside the data, and the forces."""

    first: dt.date
    latest: dt.date
    forces: tuple[str, ...]  # the names the Force selectbox shows

    @classmethod
    def of(cls, data_dir: Path) -> Changes:
        ds = db.load(data_dir)
        forces = tuple(ds.query("tracking_forces")["name"])
        latest = ds.query("latest_as_at")["latest_as_at"].iloc[0]
        first = ds.cursor().execute("select min(as_at) from updates").fetchone()[0]
        return cls(_date(first), _date(latest), forces)

    def date(self, rng: random.Random) -> dt.date:
        return self.first + dt.timedelta(
            days=rng.randrange(max(1, (self.latest - self.first).days))
        )


def _date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# --- one user over the WebSocket protocol -----------------------------------------------------


class WebSocketUser:
    """One browser's session, speaking Streamlit's protocol: BackMsg rerun_script with the
    widgets' values out, ForwardMsgs in until script_finished. Cacheable messages are
    remembered and their hashes sent back, as the browser does."""

    def __init__(self, url: str, page: str) -> None:
        self.url = url
        self.page = page
        self.page_hash = ""
        self.ids: dict[str, str] = {}  # widget key ("force", "as_at") -> its element id
        self.cached: set[str] = set()
        self.socket = None
        self.ready = False

    async def connect(self) -> None:
        import websockets

        ws_url = self.url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.socket = await websockets.connect(
            ws_url, subprotocols=["streamlit"], max_size=None, origin=self.url, open_timeout=30
        )

    async def close(self) -> None:
        if self.socket is not None:
            with contextlib.suppress(Exception):
                await self.socket.close()

    async def run(self, force: str | None = None, as_at: dt.date | None = None) -> float:
        """One rerun with these sidebar values (None: as the user left it); its seconds.
        Raises RuntimeError for an exception on the page or a compile error."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = BackMsg()
        state = message.rerun_script
        state.page_name = self.page
        state.page_script_hash = self.page_hash
        state.context_info.timezone = "Europe/London"
        state.context_info.locale = "en-GB"
        state.cached_message_hashes.extend(sorted(self.cached))
        if force is not None and "force" in self.ids:
            widget = state.widget_states.widgets.add()
            widget.id = self.ids["force"]
            widget.string_value = force
        if as_at is not None and "as_at" in self.ids:
            widget = state.widget_states.widgets.add()
            widget.id = self.ids["as_at"]
            widget.string_array_value.data.append(f"{as_at:%Y/%m/%d}")
        started = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        failure = None
        while True:
            received = ForwardMsg()
            received.ParseFromString(await self.socket.recv())
            if received.metadata.cacheable:
                self.cached.add(received.hash)
            kind = received.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = received.new_session.page_script_hash
            elif kind == "delta" and received.delta.WhichOneof("type") == "new_element":
                element = received.delta.new_element
                name = element.WhichOneof("type")
                if name == "exception" and failure is None:
                    failure = f"exception on the page: {element.exception.message[:120]}"
                elif name in ("selectbox", "date_input"):
                    widget_id = getattr(element, name).id
                    for key in ("force", "as_at"):
                        if widget_id.endswith(f"-{key}"):
                            self.ids[key] = widget_id
            elif kind == "script_finished":
                status = received.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the app asked for another run: wait for that one
                seconds = time.perf_counter() - started
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    failure = failure or "the script did not compile"
                if failure:
                    raise RuntimeError(failure)
                return seconds


# --- one user over the agent API ------------------------------------------------------------


class AgentUser:
    """One agent API session: each change is a POST /_stcore/agent/interact that returns when
    the run has finished, with the page as a JSON tree."""

    def __init__(self, url: str, page: str) -> None:
        self.url = url
        self.page = page
        self.session_id: str | None = None
        self.ready = False
        self._opener: urllib.request.OpenerDirector | None = None

    async def connect(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def run(self, force: str | None = None, as_at: dt.date | None = None) -> float:
        body: dict[str, object] = {}
        if self.session_id is None:
            # The default page is at "" (the app's root), not at its url_path: the agent API
            # refuses that with unknown_page. Left out, the session starts on the default page.
            if self.page not in _default_pages():
                body["page"] = self.page
        else:
            body["session_id"] = self.session_id
            state = {}
            if force is not None:
                state["force"] = force
            if as_at is not None:
                state["as_at"] = as_at.isoformat()
            if state:
                body["widget_state"] = state
        started = time.perf_counter()
        status, answer = await asyncio.to_thread(self._post, body)
        seconds = time.perf_counter() - started
        if status != 200:
            code = (answer.get("error") or {}).get("code", status)
            raise RuntimeError(f"agent API refused the request: {code}")
        self.session_id = answer["session_id"]
        if answer.get("status") == "error":
            raise RuntimeError("exception on the page")
        return seconds

    def _post(self, body: dict) -> tuple[int, dict]:
        if self._opener is None:
            # cookies kept, as a browser keeps them: behind `oversight serve` the cookie sends
            # each request back to the process holding the session
            jar = http.cookiejar.CookieJar()
            self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        request = urllib.request.Request(
            f"{self.url}/_stcore/agent/interact",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with self._opener.open(request, timeout=RUN_TIMEOUT_S + 5) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            try:
                return error.code, json.loads(error.read())
            except ValueError:
                return error.code, {}


# --- the server's CPU and memory ------------------------------------------------------------


class Sampler:
    """The server's RSS every half second, in a thread, while the level runs: the process and
    its children (`oversight serve`'s servers)."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _tree(self) -> list[psutil.Process]:
        with contextlib.suppress(psutil.Error):
            return [self.process, *self.process.children(recursive=True)]
        return []

    def rss(self) -> int:
        value = 0
        for process in self._tree():
            with contextlib.suppress(psutil.Error):
                value += process.memory_info().rss
        self.peak = max(self.peak, value)
        return value

    def cpu_s(self) -> float:
        total = 0.0
        for process in self._tree():
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                total += times.user + times.system
        return total

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            self.rss()


def _all_cpu_s() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


# --- a level --------------------------------------------------------------------------------


def _default_pages() -> set[str]:
    return {spec.url_path for spec in browser.registered_pages() if spec.default}


def user_pages() -> list[str]:
    """The url_path of every page dashboard.py registers, in order."""
    return [spec.url_path for spec in browser.registered_pages()]


def run_level(
    data_dir: Path,
    users: int,
    duration: float,
    via: str = "websocket",
    seed: int = 1,
    changes: Changes | None = None,
    server_args: tuple[str, ...] = (),
    processes: int = 1,
) -> Level:
    """N users for `duration` seconds on a freshly started server (see the module docstring);
    `server_args` are more `streamlit run` options (to compare a configuration); `processes`
    above 1 serves from that many processes behind `python -m oversight serve`."""
    changes = changes or Changes.of(data_dir)
    pages = user_pages()
    level = Level(users, via, time.strftime("%H:%M:%S"), processes=processes)
    extra = list(server_args)
    if via == "agent":
        extra += ["--server.enableAgentApi", "true"]
    if via == "agent":
        # one session per user, and a run of the minute's load may take longer than the default
        extra += ["--server.agentMaxSessions", str(users + 20), "--server.agentWaitTimeout", "60"]
    with (
        browser.streamlit_server(
            data_dir, extra_args=extra, timeout=120, processes=processes
        ) as server,
        Sampler(server.process.pid) as sampler,
    ):
        for _ in range(processes):  # each new connection goes to the next process
            asyncio.run(_warm(server.url, pages, via))
        gc.collect()
        time.sleep(1.0)
        level.rss_warm = sampler.rss()
        asyncio.run(_drive(server, sampler, level, pages, changes, duration, seed))
        level.rss_peak = max(sampler.peak, level.rss_sessions)
    level.load_average = os.getloadavg()
    return level


async def _warm(url: str, pages: list[str], via: str) -> None:
    user = (AgentUser if via == "agent" else WebSocketUser)(url, pages[0])
    await user.connect()
    try:
        for page in pages:
            user.page, user.page_hash = page, ""
            if isinstance(user, AgentUser):
                user.session_id = None
            with contextlib.suppress(RuntimeError):
                await asyncio.wait_for(user.run(), timeout=120)
    finally:
        await user.close()


async def _drive(server, sampler, level, pages, changes, duration, seed) -> None:
    cls = AgentUser if level.via == "agent" else WebSocketUser
    people = [cls(server.url, pages[i % len(pages)]) for i in range(level.users)]
    try:
        for person in people:  # one after another: their first runs are not the load
            try:
                await person.connect()
                level.first_runs.append(
                    await asyncio.wait_for(person.run(), timeout=RUN_TIMEOUT_S * 2)
                )
                person.ready = True
            except (RuntimeError, OSError, TimeoutError) as exc:
                level.errors.append(f"first run on {person.page}: {_reason(exc)}")
        await asyncio.sleep(1.0)
        level.rss_sessions = sampler.rss()
        me = psutil.Process()
        cpu_before, all_before = sampler.cpu_s(), _all_cpu_s()
        mine_before = sum(me.cpu_times()[:2])
        started = time.perf_counter()
        deadline = started + duration
        await asyncio.gather(
            *(
                _one_user(person, changes, random.Random(seed * 1000 + i), deadline, level)
                for i, person in enumerate(people)
            )
        )
        level.seconds = time.perf_counter() - started
        level.server_cpu_s = sampler.cpu_s() - cpu_before
        all_cpu = _all_cpu_s() - all_before
        mine = sum(me.cpu_times()[:2]) - mine_before
        cores = psutil.cpu_count() or 1
        level.machine_busy = all_cpu / (level.seconds * cores) if level.seconds else float("nan")
        level.others_cpu_s = max(0.0, all_cpu - level.server_cpu_s - mine)
    finally:
        for person in people:
            await person.close()


async def _one_user(person, changes: Changes, rng: random.Random, deadline: float, level) -> None:
    """Change the sidebar every few seconds until the deadline: a new date, then a new force."""
    if not person.ready:
        return  # its first run failed (counted as an error already)
    step = 0
    # not everyone at the same moment (and a short smoke run still changes something)
    await asyncio.sleep(rng.uniform(0, min(THINK_S[1], (deadline - time.perf_counter()) / 4)))
    while time.perf_counter() < deadline:
        if step % 2 == 0:
            kwargs = {"as_at": changes.date(rng)}
        else:
            kwargs = {"force": rng.choice(changes.forces)} if changes.forces else {}
        step += 1
        try:
            level.times.append(await asyncio.wait_for(person.run(**kwargs), timeout=RUN_TIMEOUT_S))
        except Exception as exc:  # noqa: BLE001 (a closed socket raises its library's own)
            level.errors.append(f"{person.page}: {_reason(exc)}")
            if not isinstance(exc, RuntimeError):
                return  # the connection is gone or stuck: this user stops
        wait = rng.uniform(*THINK_S)
        if time.perf_counter() + wait >= deadline:
            return
        await asyncio.sleep(wait)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return f"no finished run within {RUN_TIMEOUT_S:.0f} s"
    text = str(exc).splitlines()[0][:120] if str(exc) else ""
    return text if isinstance(exc, RuntimeError) else f"{type(exc).__name__}: {text}"


def run_levels(
    data_dir: Path,
    levels: list[int],
    duration: float,
    via: str = "websocket",
    seed: int = 1,
    processes: int = 1,
) -> list[Level]:
    changes = Changes.of(data_dir)
    results = []
    for users in levels:
        print(f"bench: {users} user(s) over {via} …", flush=True, file=sys.stderr)
        results.append(
            run_level(data_dir, users, duration, via, seed, changes, processes=processes)
        )
    return results


# --- report ---------------------------------------------------------------------------------


def knee(levels: list[Level]) -> str:
    ordered = sorted(levels, key=lambda lv: lv.users)
    for level in ordered:
        if level.p95 > KNEE_P95_S:
            return f"p95 passes {KNEE_P95_S:g} s at {level.users} users"
    most = ordered[-1].users if ordered else 0
    return f"p95 stays under {KNEE_P95_S:g} s up to {most} users (the most tried)"


def report(levels: list[Level], duration: float) -> str:
    if not levels:
        return ""
    via = levels[0].via
    served = levels[0].processes
    served_by = f"{served} server processes behind oversight serve" if served > 1 else "one server"
    out = [
        f"### Users at once ({via}; {served_by}; each changes the sidebar every "
        f"{THINK_S[0]:g}-{THINK_S[1]:g} s for {duration:g} s)",
        "",
        "| users | started | changes | p50 ms | p95 ms | max ms | errors | server CPU (cores) "
        "| server CPU ms per change | machine busy | others' CPU s "
        "| server MB warm / with sessions / peak | MB per idle session | MB per user at peak "
        "| target |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|",
    ]
    for lv in levels:
        mark = ""
        if lv.users == TARGET_USERS:
            mark = "ok" if lv.p95 < TARGET_P95_S and not lv.errors else "**MISS**"
        mb = 1024**2
        out.append(
            f"| {lv.users} | {lv.started} | {len(lv.times)} | {_ms(lv.p50)} | {_ms(lv.p95)} "
            f"| {_ms(max(lv.times) if lv.times else float('nan'))} | {len(lv.errors)} "
            f"| {lv.server_cores:.2f} | {_ms(lv.cpu_per_change)} | {lv.machine_busy:.0%} "
            f"| {lv.others_cpu_s:.0f} "
            f"| {lv.rss_warm / mb:,.0f} / {lv.rss_sessions / mb:,.0f} / {lv.rss_peak / mb:,.0f} "
            f"| {lv.per_session_bytes / mb:.1f} | {lv.per_user_at_peak_bytes / mb:.1f} | {mark} |"
        )
    out += ["", f"Knee: {knee(levels)}."]
    errors = [f"- {lv.users} users: {e}" for lv in levels for e in dict.fromkeys(lv.errors)]
    if errors:
        out += ["", "Errors (each distinct message once):", *errors[:20]]
    return "\n".join(out) + "\n"


def _ms(seconds: float) -> str:
    return "—" if seconds != seconds else f"{seconds * 1000:,.0f}"
