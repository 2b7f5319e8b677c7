"""oversight/memo.py: each value computed once, even when asked for by several threads at once."""

from __future__ import annotations

import threading
import time

import pytest

from oversight.memo import Memo


def test_a_value_is_computed_once_and_the_least_recently_used_goes_first():
    memo: Memo[int] = Memo(size=2)
    calls: list[str] = []

    def compute(key: str):
        return lambda: calls.append(key) or len(calls)

    assert memo.get("a", compute("a")) == 1
    assert memo.get("a", compute("a")) == 1  # cached
    memo.get("b", compute("b"))
    memo.get("a", compute("a"))  # a is now the most recently used
    memo.get("c", compute("c"))  # ...so b goes
    assert "a" in memo and "c" in memo and "b" not in memo
    assert calls == ["a", "b", "c"]


def test_a_caller_waits_for_the_value_another_thread_is_computing():
    memo: Memo[str] = Memo(size=8)
    started, calls = threading.Event(), []

    def slow():
        calls.append(threading.current_thread().name)
        started.set()
        time.sleep(0.2)
        return "done"

    worker = threading.Thread(target=lambda: memo.get("q", slow), name="worker")
    worker.start()
    started.wait(5)
    assert memo.get("q", slow) == "done"  # waited for the worker's value
    worker.join()
    assert calls == ["worker"]


def test_an_error_reaches_every_caller_and_is_not_cached():
    memo: Memo[int] = Memo(size=8)

    def broken():
        raise ValueError("no such query")

    with pytest.raises(ValueError, match="no such query"):
        memo.get("q", broken)
    assert "q" not in memo
    assert memo.get("q", lambda: 3) == 3
