"""A small in-process cache for the app's hottest lookups: query results and the dataset.

Streamlit's caches hash every argument with their own hasher and inspect the function's
signature at every hit: about 0.5 ms a hit for a query result, and a page reads 10 to 22 of them
at every rerun. The keys here are plain tuples of strings, dates and numbers, so a dict does it
in microseconds. Like Streamlit's caches, each value is computed once: a caller asking for a
value that another thread is computing (the page and the prefetch pool ask for the same queries)
waits for it instead of computing it again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

V = TypeVar("V")


class Memo(Generic[V]):
    """Values by key, computed once, the least recently used dropped beyond `size`."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._done: OrderedDict[Hashable, V] = OrderedDict()
        self._running: dict[Hashable, Future] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key]
            running = self._running.get(key)
            mine = running is None
            if mine:
                running = self._running[key] = Future()
        if not mine:
            return running.result()
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                del self._running[key]
            running.set_exception(exc)
            raise
        with self._lock:
            self._done[key] = value
            del self._running[key]
            while len(self._done) > self.size:
                self._done.popitem(last=False)
        running.set_result(value)
        return value

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._done

    def clear(self) -> None:
        with self._lock:
            self._done.clear()
