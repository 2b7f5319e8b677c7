"""`python -m oversight serve` without a browser: a program using Streamlit's agent API through the
proxy keeps its session when it keeps its cookie, as a browser does."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from tools import bench_users, browser


def test_an_agent_that_keeps_its_cookie_keeps_its_session():
    """Each agent session stays on the process that holds it: another process would answer
    unknown_session. Two agents, three requests each, one session each."""
    agent_api = ["--server.enableAgentApi", "true"]
    with browser.streamlit_server(processes=2, extra_args=agent_api, timeout=120) as running:

        async def three_runs_each() -> list[set[str]]:
            sessions = []
            for _ in range(2):
                user = bench_users.AgentUser(running.url, "recommendations")
                seen = set()
                for _ in range(3):
                    await user.run()
                    seen.add(user.session_id)
                sessions.append(seen)
            return sessions

        # in a thread of its own: the browser tests' Playwright may hold this thread's loop
        with ThreadPoolExecutor(max_workers=1) as pool:
            first, second = pool.submit(asyncio.run, three_runs_each()).result(timeout=300)
    assert len(first) == 1 and len(second) == 1 and first != second
