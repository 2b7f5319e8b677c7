"""The one in-process cache of what the app computes from a data folder: the dataset, query
results, and what is built from them (figures, filter options, briefing packs).

Streamlit's caches hash every argument with their own hasher and inspect the function's
signature at every hit: about 0.5 ms a hit for a query result (1.4 ms with st.cache_data's
pickle round trip), and a page reads 10 to 22 of them at every rerun. The keys here are plain
tuples of strings, dates and numbers, so a dict does it in microseconds. Like Streamlit's
caches, each value is computed once: a caller asking for a value that another thread is
computing (a page and the shared pool that runs queries ahead ask for the same ones) waits for
it instead of computing it again.
"""

from __future__ import annotations

import contextlib
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

    def warm(self, key: Hashable, compute: Callable[[], V]) -> None:
        """Compute the value unless it is cached or being computed (for work started ahead: a
        worker never sits waiting for a value another thread is computing)."""
        with self._lock:
            if key in self._done or key in self._running:
                return
        # A failure is not kept: whoever reads the value computes it again and sees why.
        with contextlib.suppress(Exception):
            self.get(key, compute)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._done

    def clear(self) -> None:
        with self._lock:
            self._done.clear()


# The one cache of what is computed from a data folder: the dataset itself, query results, and
# what is built from results (figures, the explorer's filter options, briefing packs and their
# files). Every key starts with the data folder and its data version, so an edited CSV is a miss.
# One bound per kind: a pack or a figure weighs far more than a query result.
SIZES = {
    "dataset": 2,
    "result": 1024,
    "figure": 256,
    "explorer_options": 64,
    "rag_scale": 8,
    "pack": 16,
    "pack_file": 16,
    "pack_preview": 16,
}
_CACHE: dict[str, Memo] = {kind: Memo(size) for kind, size in SIZES.items()}


def cached(kind: str, key: Hashable, compute: Callable[[], V]) -> V:
    """The value of `kind` for `key` (which starts with the data folder and version), computed
    once by whoever asks first."""
    return _CACHE[kind].get(key, compute)


def warm(kind: str, key: Hashable, compute: Callable[[], object]) -> None:
    """Compute the value ahead unless it is cached or being computed already."""
    _CACHE[kind].warm(key, compute)


def is_cached(kind: str, key: Hashable) -> bool:
    return key in _CACHE[kind]


def clear(*kinds: str) -> None:
    """Forget the cached values of these kinds (all when none is named)."""
    for kind in kinds or tuple(_CACHE):
        _CACHE[kind].clear()
