"""`python -m oversight serve --processes 2` in a real browser: the dashboard behind the proxy
reads as it does from one process, each browser stays on its own process for its whole session
(a rerun, a file made on click), and a process that dies is started again."""

from __future__ import annotations

import signal
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from oversight.sticky_proxy import COOKIE
from tests.e2e.conftest import Tab, new_tab, require_chromium
from tests.e2e.test_journeys import download, set_as_at, tiles
from tools import browser


@pytest.fixture(scope="module")
def served() -> Iterator[browser.Server]:
    require_chromium()
    with browser.streamlit_server(processes=2, timeout=120) as running:
        yield running


def _process_of(tab: Tab) -> str:
    cookies = {c["name"]: c["value"] for c in tab.page.context.cookies()}
    return cookies[COOKIE]


def _servers(served: browser.Server) -> list[psutil.Process]:
    """The dashboard processes `serve` started (its children running streamlit)."""
    children = psutil.Process(served.process.pid).children()
    return [c for c in children if "streamlit" in " ".join(c.cmdline())]


def test_two_browsers_are_served_by_two_processes_and_read_the_same(chromium, served):
    first, second = new_tab(chromium, served), new_tab(chromium, served)
    try:
        for tab in (first, second):
            tab.open("")
            tab.assert_healthy()
            assert tiles(tab).get("Red") == "0" and tiles(tab).get("Open") == "30"
        assert {_process_of(first), _process_of(second)} == {"0", "1"}
        assert len(_servers(served)) == 2
    finally:
        first.page.context.close()
        second.page.context.close()


def test_a_session_stays_on_its_process_for_a_rerun_and_a_download(chromium, served):
    tab = new_tab(chromium, served)
    try:
        tab.open("briefing")
        tab.assert_healthy()
        process = _process_of(tab)
        # the file is made on click by the process holding the session, and fetched from it
        file = download(tab, "Download Markdown", timeout=120_000)
        assert "28 June 2018" in Path(file.path()).read_text(encoding="utf-8")
        tab.open("")
        set_as_at(tab, 1, 1, 2018)
        tab.assert_healthy()
        assert "as at 1 January 2018" in tab.text()
        assert _process_of(tab) == process
    finally:
        tab.page.context.close()


def test_a_process_that_dies_is_started_again(chromium, served):
    victim = _servers(served)[0]
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        alive = [p for p in _servers(served) if p.pid != victim.pid and p.is_running()]
        if len(alive) == 2 and all(_healthy(served, n) for n in (0, 1)):
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"serve did not start the killed process again:\n{served.log_text()[-2000:]}")
    assert "starting it again" in served.log_text()
    for _ in range(2):  # two new browsers: one of them lands on the restarted process
        tab = new_tab(chromium, served)
        try:
            tab.open("")
            tab.assert_healthy()
            assert tiles(tab).get("Open") == "30"
        finally:
            tab.page.context.close()


def _healthy(served: browser.Server, process: int) -> bool:
    request = urllib.request.Request(
        f"{served.url}/_stcore/health", headers={"Cookie": f"{COOKIE}={process}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False
