"""python -m oversight serve: the dashboard from several server processes behind one address.

One Streamlit server runs every session's script in one Python process, and a run holds that
process's interpreter lock for most of its time: with many people changing the sidebar at once (a
committee's members before a meeting), one process uses little more than one core however many
the machine has (docs/performance.md). `serve` starts `--processes` servers on ports of their own
(on 127.0.0.1 only) and one proxy on the address people open (oversight/sticky_proxy.py), which
keeps each browser on one process.

The processes share one `server.cookieSecret`, drawn here unless the configuration sets one, so
a cookie Streamlit signs on one process (its XSRF cookie) is valid on the others; a sign-in's
cookie is signed with the `[auth]` secret each reads from secrets.toml. The data folder, its
typed copy on disk and `.streamlit/` are read by each process as `streamlit run` reads them; a
position recorded through one process is in the files the others read at their next run. A
process that exits is started again; stopping `serve` (Ctrl+C, SIGTERM) stops every process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from oversight import sticky_proxy

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"
START_TIMEOUT_S = 120.0
RESTART_PAUSE_S = 2.0


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "serve",
        help="serve the dashboard from several processes behind one address (many users at once)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=2,
        help="server processes (default 2; about one per core serves the most people)",
    )
    parser.add_argument("--port", type=int, default=8501, help="the port to open (default 8501)")
    parser.add_argument(
        "--address",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)",
    )
    parser.add_argument(
        "streamlit_args",
        nargs=argparse.REMAINDER,
        help="after --, more `streamlit run` options for every process "
        "(e.g. -- --server.enableAgentApi true)",
    )
    parser.set_defaults(func=_serve)


@dataclass
class Process:
    """One dashboard server: its port and its running `streamlit run`."""

    port: int
    command: list[str]
    env: dict[str, str]
    popen: subprocess.Popen | None = None

    def start(self) -> None:
        self.popen = subprocess.Popen(self.command, cwd=ROOT, env=self.env, start_new_session=True)

    def stop(self) -> None:
        if self.popen is not None:
            stop_group(self.popen)

    def healthy(self) -> bool:
        try:
            url = f"http://127.0.0.1:{self.port}/_stcore/health"
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False


def processes(count: int, streamlit_args: list[str], env: dict[str, str]) -> list[Process]:
    """`count` servers on free localhost ports, not started."""
    env = dict(env)
    if not _cookie_secret_configured(streamlit_args, env):
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = secrets.token_hex(32)
    return [
        Process(port, streamlit_command(port, streamlit_args), env) for port in _free_ports(count)
    ]


def streamlit_command(
    port: int, streamlit_args: Sequence[str] = (), script: Path = DASHBOARD
) -> list[str]:
    """`streamlit run` of the script, headless, on 127.0.0.1:port, sending no usage statistics."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        *streamlit_args,
    ]


def stop_group(popen: subprocess.Popen) -> None:
    """Stop a process started in a session of its own, and everything it started: SIGTERM to
    its group, SIGKILL after 10 s."""
    if popen.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(popen.pid, signal.SIGTERM)
    try:
        popen.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(popen.pid, signal.SIGKILL)
        popen.wait(timeout=10)


def _cookie_secret_configured(streamlit_args: list[str], env: dict[str, str]) -> bool:
    if any(arg.startswith("--server.cookieSecret") for arg in streamlit_args):
        return True
    if env.get("STREAMLIT_SERVER_COOKIE_SECRET"):
        return True
    from streamlit import config
    from streamlit.config_option import ConfigOption

    config.get_config_options(force_reparse=True)  # .streamlit/config.toml, as streamlit reads it
    return config.get_where_defined("server.cookieSecret") != ConfigOption.DEFAULT_DEFINITION


def _free_ports(count: int) -> list[int]:
    """Ports nothing listens on now, held open together so they differ."""
    with contextlib.ExitStack() as stack:
        ports = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
        return ports


def wait_healthy(servers: list[Process], timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    for server in servers:
        while not server.healthy():
            if server.popen is not None and server.popen.poll() is not None:
                raise RuntimeError(
                    f"the server on port {server.port} exited with {server.popen.returncode}"
                )
            if time.monotonic() > deadline:
                raise TimeoutError(f"the server on port {server.port} did not answer in time")
            time.sleep(0.2)


async def run(servers: list[Process], address: str, port: int) -> None:
    """The proxy on (address, port) in front of the started servers, until cancelled or a
    stop signal; a server that exits is started again."""
    proxy = sticky_proxy.StickyProxy([("127.0.0.1", s.port) for s in servers])
    listening = await proxy.serve(address, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    try:
        while not stop.is_set():
            for server in servers:
                if server.popen is not None and server.popen.poll() is not None:
                    print(
                        f"serve: the server on port {server.port} exited with "
                        f"{server.popen.returncode}; starting it again",
                        file=sys.stderr,
                        flush=True,
                    )
                    await asyncio.sleep(RESTART_PAUSE_S)
                    server.start()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=1.0)
    finally:
        listening.close()
        with contextlib.suppress(Exception):
            await listening.wait_closed()


def _serve(args: argparse.Namespace) -> int:
    if args.processes < 1:
        print("serve: --processes must be at least 1", file=sys.stderr)
        return 2
    extra = [a for a in args.streamlit_args if a != "--"]
    servers = processes(args.processes, extra, dict(os.environ))
    try:
        for server in servers:
            server.start()
        wait_healthy(servers)
        where = f"http://{args.address}:{args.port}"
        ports = ", ".join(str(s.port) for s in servers)
        print(f"Oversight: {where} from {len(servers)} processes (ports {ports})", flush=True)
        asyncio.run(run(servers, args.address, args.port))
    except KeyboardInterrupt:
        pass
    except (RuntimeError, TimeoutError, OSError) as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 1
    finally:
        for server in servers:
            server.stop()
    return 0
