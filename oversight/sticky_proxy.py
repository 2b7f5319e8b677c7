"""A reverse proxy that keeps each browser on one of several dashboard server processes.

Streamlit holds a session in the memory of the process that serves it: its WebSocket, the files a
user uploads, the files it offers for download. So every request of one browser must reach the
same process. The proxy reads the head of the first request on each connection. A request that
carries the cookie `oversight_process` goes to the process it names; any other goes to the next
process in turn, and the first response on that connection sets the cookie. The rest of the
connection (later requests on it, a WebSocket's frames) is copied byte for byte both ways.

The cookie holds a process number and nothing else; a value that is not one of them is ignored.
A request head longer than HEAD_LIMIT, or a connection closed before its head ends, is answered
400 and closed; a process that cannot be reached, 502.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re

COOKIE = "oversight_process"
HEAD_LIMIT = 64 * 1024
CHUNK = 256 * 1024
_COOKIE_LINE = re.compile(rb"^cookie:(.*)$", re.IGNORECASE | re.MULTILINE)


def cookie_process(head: bytes, processes: int) -> int | None:
    """The process a request head's cookie names, or None (no cookie, or not a process)."""
    for line in _COOKIE_LINE.findall(head):
        for pair in line.decode("latin-1").split(";"):
            name, _, value = pair.strip().partition("=")
            if name == COOKIE and value.isdigit() and value.isascii() and int(value) < processes:
                return int(value)
    return None


def with_cookie(response_head: bytes, process: int) -> bytes:
    """A response head with the cookie that sends the browser back to `process` added after its
    status line."""
    status, _, rest = response_head.partition(b"\r\n")
    cookie = f"Set-Cookie: {COOKIE}={process}; Path=/; HttpOnly; SameSite=Lax\r\n".encode()
    return status + b"\r\n" + cookie + rest


class StickyProxy:
    """Connections in, each copied to one backend (host, port) for its whole life."""

    def __init__(self, backends: list[tuple[str, int]]) -> None:
        if not backends:
            raise ValueError("a proxy needs at least one backend")
        self.backends = backends
        self._turn = itertools.count()

    def choose(self, head: bytes) -> tuple[int, bool]:
        """The backend for a connection whose first request has this head, and whether its
        response must set the cookie."""
        named = cookie_process(head, len(self.backends))
        if named is not None:
            return named, False
        return next(self._turn) % len(self.backends), True

    async def serve(self, host: str, port: int) -> asyncio.Server:
        return await asyncio.start_server(self.handle, host, port, limit=HEAD_LIMIT)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                await _answer(writer, b"400 Bad Request")
                return
            index, new = self.choose(head)
            try:
                up_reader, up_writer = await asyncio.open_connection(*self.backends[index])
            except OSError:
                await _answer(writer, b"502 Bad Gateway")
                return
            try:
                up_writer.write(head)
                upstream = asyncio.create_task(_copy(reader, up_writer))
                await _copy_down(up_reader, writer, index if new else None)
                upstream.cancel()
                with contextlib.suppress(asyncio.CancelledError, ConnectionError):
                    await upstream
            finally:
                up_writer.close()
        except ConnectionError:
            pass
        finally:
            writer.close()


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy until the reader ends, then end the writer's side (a half-close is passed on)."""
    while data := await reader.read(CHUNK):
        writer.write(data)
        await writer.drain()
    if writer.can_write_eof():
        with contextlib.suppress(OSError):
            writer.write_eof()


async def _copy_down(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, cookie_for: int | None
) -> None:
    """The backend's bytes to the browser; the first response's head gains the cookie."""
    if cookie_for is not None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as partial:
            writer.write(partial.partial)
            return
        except asyncio.LimitOverrunError:
            return  # a backend's head this long is not one of Streamlit's
        writer.write(with_cookie(head, cookie_for))
    while data := await reader.read(CHUNK):
        writer.write(data)
        await writer.drain()


async def _answer(writer: asyncio.StreamWriter, status: bytes) -> None:
    with contextlib.suppress(ConnectionError):
        writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()
