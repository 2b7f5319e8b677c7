"""The dashboard in a real browser: the pages dashboard.py registers, a Streamlit server on a free
port, and headless Chromium driven by Playwright. Shared by the end-to-end tests (tests/e2e/) and
`python -m oversight screenshots`.

Playwright never downloads a browser here: it drives the system Chromium at CHROMIUM.
"""

from __future__ import annotations

import ast
import contextlib
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from oversight import serve
from oversight.db import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DASHBOARD = serve.DASHBOARD
APP_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP_CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
MAIN = '[data-testid="stMain"]'


@dataclass(frozen=True)
class PageSpec:
    """One st.Page(...) entry of dashboard.py."""

    path: str
    title: str
    url_path: str
    section: str | None
    default: bool

    @property
    def slug(self) -> str:
        return self.url_path or Path(self.path).stem


def registered_pages(dashboard: Path = DASHBOARD) -> list[PageSpec]:
    """The st.Page("pages/x.py", title=..., url_path=...) entries of dashboard.py, in file order,
    each with its section (the PAGES dict key it sits under). Pages given as a function (the
    problems page shown on invalid data) are not in the navigation and are left out."""
    tree = ast.parse(dashboard.read_text(encoding="utf-8"))
    sections: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    for inner in ast.walk(value):
                        sections[id(inner)] = key.value
    pages = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "Page"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            continue
        path = node.args[0].value
        kwargs = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
        stem = Path(path).stem
        pages.append(
            (
                node.lineno,
                PageSpec(
                    path=path,
                    title=str(kwargs.get("title") or stem.replace("_", " ")),
                    url_path=str(kwargs.get("url_path") or stem),
                    section=sections.get(id(node)),
                    default=bool(kwargs.get("default", False)),
                ),
            )
        )
    return [spec for _, spec in sorted(pages, key=lambda item: item[0])]


def free_port(first: int = 8600, last: int = 8699) -> int:
    """A free localhost port in [first, last], or any free port when that range is taken. The
    search starts at a random port of the range, so servers started at the same moment by
    several processes rarely pick the same one (and streamlit_server retries when they do)."""
    ports = list(range(first, last + 1))
    start = random.randrange(len(ports))
    for port in ports[start:] + ports[:start]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def streamlit_server(
    data_dir: Path | None = None,
    timeout: float = 60.0,
    script: Path = DASHBOARD,
    extra_args: Sequence[str] = (),
    port: int | None = None,
    processes: int = 1,
) -> Iterator[Server]:
    """`streamlit run dashboard.py --server.headless true --server.port <free port>` on the
    given data folder (default: the bundled data), ready to serve, stopped on exit. `script`
    runs another app (the benchmark's bare app); `extra_args` are more `streamlit run` options;
    `port` is the port to serve on when the caller needs to know it first (a sign-in redirect;
    such a port is not swapped for another when it is taken); `processes` above 1 serves
    dashboard.py from that many processes behind `python -m oversight serve`'s proxy."""
    fixed = port
    env = dict(os.environ)
    if data_dir is not None:
        env["OVERSIGHT_DATA_DIR"] = str(Path(data_dir).resolve())
    else:
        env.pop("OVERSIGHT_DATA_DIR", None)
    attempts = 1 if fixed else 3
    for attempt in range(attempts):
        port = fixed or free_port()
        log = Path(tempfile.mkstemp(prefix=f"oversight-streamlit-{port}-", suffix=".log")[1])
        command = serve.streamlit_command(port, extra_args, script)
        if processes > 1:
            if script != DASHBOARD:
                raise ValueError("only dashboard.py is served from several processes")
            command = [
                *(sys.executable, "-m", "oversight", "serve", "--processes", str(processes)),
                *("--port", str(port), "--address", "127.0.0.1", "--", *extra_args),
            ]
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(f"http://127.0.0.1:{port}", port, process, log)
        try:
            _wait_healthy(server, timeout)
        except _PortTaken:
            serve.stop_group(process)
            if attempt == attempts - 1:
                raise
            continue
        except BaseException:
            serve.stop_group(process)
            raise
        break
    try:
        yield server
    finally:
        serve.stop_group(process)  # the server runs in its own session: its whole group


class _PortTaken(RuntimeError):
    """Another process took the port between free_port() and the server binding it."""


def _wait_healthy(server: Server, timeout: float) -> None:
    """Until the server answers its health check, and the one answering is this process: with
    several servers starting at once, another may hold the port this one failed to bind."""
    listening = f"127.0.0.1:{server.port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            text = server.log_text()
            if f"Port {server.port} is not available" in text or "already in use" in text:
                raise _PortTaken(text)
            raise RuntimeError(f"streamlit exited with {server.process.returncode}:\n{text}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                # Streamlit logs the address once it listens; until then the answer is another's
                if response.status == 200 and listening in server.log_text():
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer within {timeout:.0f}s:\n{server.log_text()}")


def launch_chromium(playwright, **kwargs):
    """Headless system Chromium (never a downloaded browser)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing (Debian: apt-get install chromium)")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, **kwargs
    )


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the app is connected and its script has finished, and stays finished (a
    rerun that a widget or the navigation triggers starts a moment after the first run)."""
    page.wait_for_selector(APP_CONNECTED, timeout=timeout)
    page.wait_for_selector(APP_DONE, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(APP_DONE, timeout=timeout)
    # Elements left over from a previous run are marked stale until the new run replaces them;
    # the frontend mounts the last elements a moment after the run ends: wait until the count
    # of elements holds still, with the script still finished.
    page.wait_for_function(_SETTLED, timeout=timeout, polling=100)


_SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') {
        window.__oversightSettle = null;
        return false;
    }
    if (document.querySelector('[data-stale="true"]')) return false;
    const count = document.querySelectorAll('[data-testid="stElementContainer"]').length;
    const last = window.__oversightSettle;
    if (!last || last.count !== count) {
        window.__oversightSettle = {count: count, since: Date.now()};
        return false;
    }
    return Date.now() - last.since >= 400;
}"""


def main_text(page) -> str:
    """What a user reads in the main section (not the sidebar), whitespace collapsed and the
    invisible word joiners escape.md writes (no automatic links) taken out."""
    return re.sub(r"\s+", " ", page.locator(MAIN).inner_text()).replace("\u2060", "")


# --- a benchmark's priority -------------------------------------------------------------------


def autogroup_nice(pid: int | str = "self") -> int | None:
    """The niceness of `pid`'s scheduling group ("/autogroup-2744 nice 0"), or None where the
    kernel keeps no groups or says nothing readable (some containers give an empty file)."""
    try:
        text = Path(f"/proc/{pid}/autogroup").read_text(encoding="ascii")
    except OSError:
        return None
    found = re.search(r"\bnice\s+(-?\d+)", text)
    return int(found.group(1)) if found else None


def _hold(process, mine: int) -> None:
    """Give `process` (and its scheduling group) at least the priority `mine`."""
    import psutil

    with contextlib.suppress(psutil.Error, OSError, ValueError):
        if process.nice() > mine:
            process.nice(mine)
        group = autogroup_nice(process.pid)
        if group is not None and group > mine:
            Path(f"/proc/{process.pid}/autogroup").write_text(str(mine), encoding="ascii")


@contextlib.contextmanager
def hold_niceness(interval: float = 0.2) -> Iterator[int]:
    """Run a benchmark at its own niceness (`nice -n -15 python -m oversight bench ...`) all the
    way down: while the block runs, this process and every process it starts (the servers,
    Playwright's driver, Chromium and its renderers) are kept at this process's niceness, and so
    is each one's scheduling group. Linux schedules each session (setsid) as a group of its own
    ("autogroup", /proc/<pid>/autogroup) that shares the CPU equally with every other group
    whatever its processes' niceness: a server started in a session of its own, as
    streamlit_server starts it, would otherwise get one share among the machine's other work
    however nice the benchmark; and Chromium resets the niceness its renderers inherit. Raising a
    priority needs the privilege to; where that is refused, the processes keep their own.
    Yields the niceness held."""
    import psutil

    mine = os.nice(0)
    stop = threading.Event()
    me = psutil.Process()

    def hold() -> None:
        while True:
            for process in [me, *me.children(recursive=True)]:
                _hold(process, mine)
            if stop.wait(interval):
                return

    thread = threading.Thread(target=hold, name="bench-niceness", daemon=True)
    thread.start()
    try:
        yield mine
    finally:
        stop.set()
        thread.join()
