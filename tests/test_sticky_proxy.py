"""The proxy in front of several dashboard processes (oversight/sticky_proxy.py): a browser stays
on the process its cookie names, a new one is sent to the next process and given the cookie,
and a hostile or broken request is refused without reaching any process."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from oversight import sticky_proxy
from oversight.sticky_proxy import COOKIE, StickyProxy, cookie_process, with_cookie


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", None),
        (b"GET / HTTP/1.1\r\nCookie: oversight_process=1\r\n\r\n", 1),
        (b"GET / HTTP/1.1\r\ncookie: a=b; oversight_process=0; c=d\r\n\r\n", 0),
        (b"GET / HTTP/1.1\r\nCookie: a=b\r\nCookie: oversight_process=1\r\n\r\n", 1),
        # not one of the two processes, not a number, not ASCII digits, another cookie's name
        (b"GET / HTTP/1.1\r\nCookie: oversight_process=2\r\n\r\n", None),
        (b"GET / HTTP/1.1\r\nCookie: oversight_process=-1\r\n\r\n", None),
        (b"GET / HTTP/1.1\r\nCookie: oversight_process=1;\r\n\r\n", 1),
        ("GET / HTTP/1.1\r\nCookie: oversight_process=\u0661\r\n\r\n".encode(), None),
        (b"GET / HTTP/1.1\r\nCookie: oversight_process=1e0\r\n\r\n", None),
        (b"GET / HTTP/1.1\r\nCookie: xoversight_process=1\r\n\r\n", None),
        (b"GET / HTTP/1.1\r\nX-Cookie: oversight_process=1\r\n\r\n", None),
    ],
)
def test_the_cookie_names_one_of_the_processes_or_nothing(head, expected):
    assert cookie_process(head, 2) == expected


def test_the_cookie_is_set_right_after_the_status_line():
    head = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n"
    assert with_cookie(head, 1) == (
        b"HTTP/1.1 200 OK\r\n"
        b"Set-Cookie: oversight_process=1; Path=/; HttpOnly; SameSite=Lax\r\n"
        b"content-length: 2\r\n\r\n"
    )


async def _backend(name: str) -> tuple[asyncio.Server, int, list[bytes]]:
    """A tiny HTTP server that answers every request on a connection with its own name."""
    seen: list[bytes] = []

    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                seen.append(head)
                body = name.encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1], seen


async def _exchange(port: int, requests: list[bytes]) -> list[bytes]:
    """Send each request on one connection and read each answer (head and body)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    answers = []
    try:
        for request in requests:
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            answers.append(head + await reader.readexactly(length))
    finally:
        writer.close()
    return answers


@contextlib.asynccontextmanager
async def _proxy_over(backends: list[tuple[str, int]]):
    server = await StickyProxy(backends).serve("127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


def test_new_browsers_take_turns_and_a_cookie_keeps_each_on_its_process():
    async def scenario():
        (a, a_port, a_seen), (b, b_port, b_seen) = await _backend("A"), await _backend("B")
        async with _proxy_over([("127.0.0.1", a_port), ("127.0.0.1", b_port)]) as port:
            get = b"GET / HTTP/1.1\r\nHost: oversight\r\n\r\n"
            first = (await _exchange(port, [get]))[0]
            second = (await _exchange(port, [get]))[0]
            assert first.endswith(b"A") and f"{COOKIE}=0;".encode() in first
            assert second.endswith(b"B") and f"{COOKIE}=1;".encode() in second
            # a browser that carries its cookie goes back, on every request of a connection
            back = b"GET /_stcore/health HTTP/1.1\r\nHost: oversight\r\nCookie: %s=1\r\n\r\n"
            answers = await _exchange(port, [back % COOKIE.encode()] * 3)
            assert [x[-1:] for x in answers] == [b"B"] * 3
            assert not any(b"Set-Cookie" in x for x in answers)
            # the request reaches the process unchanged
            assert b_seen[-1] == back % COOKIE.encode()
            assert len(a_seen) == 1
        a.close()
        b.close()

    asyncio.run(scenario())


def test_a_head_too_long_or_cut_short_is_refused_and_no_process_sees_it(monkeypatch):
    monkeypatch.setattr(sticky_proxy, "HEAD_LIMIT", 1024)

    async def scenario():
        backend, backend_port, seen = await _backend("A")
        async with _proxy_over([("127.0.0.1", backend_port)]) as port:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET / HTTP/1.1\r\nX-Padding: " + b"x" * 4096 + b"\r\n\r\n")
            await writer.drain()
            answer = await reader.read()
            assert answer.startswith(b"HTTP/1.1 400 Bad Request")
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET / HTTP/1.1\r\nHost: ")
            writer.write_eof()
            assert (await reader.read()).startswith(b"HTTP/1.1 400 Bad Request")
            writer.close()
        assert seen == []
        backend.close()

    asyncio.run(scenario())


def test_a_process_that_cannot_be_reached_is_a_502():
    async def scenario():
        closed = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        dead_port = closed.sockets[0].getsockname()[1]
        closed.close()
        await closed.wait_closed()
        async with _proxy_over([("127.0.0.1", dead_port)]) as port:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET / HTTP/1.1\r\nHost: oversight\r\n\r\n")
            await writer.drain()
            assert (await reader.read()).startswith(b"HTTP/1.1 502 Bad Gateway")
            writer.close()

    asyncio.run(scenario())
