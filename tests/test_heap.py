"""The server's long-lived objects are kept out of full garbage collections (oversight/heap.py)."""

from __future__ import annotations

import gc
import sys
import types

from oversight import heap


def test_a_run_that_imported_something_freezes_what_is_alive(monkeypatch):
    monkeypatch.setattr(heap, "_modules_when_frozen", 0)
    gc.unfreeze()
    try:
        kept = [object() for _ in range(1000)]  # alive before the run ends, as a page's modules
        heap.settle()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


def test_a_run_that_imported_nothing_freezes_nothing(monkeypatch):
    gc.unfreeze()
    try:
        heap.settle()
        frozen = gc.get_freeze_count()
        made_by_a_run = [[i] for i in range(1000)]  # a run's own objects, garbage by the next
        heap.settle()
        assert gc.get_freeze_count() == frozen
        # a new module (a page opened for the first time) freezes again
        monkeypatch.setitem(sys.modules, "oversight_heap_probe", types.ModuleType("probe"))
        heap.settle()
        assert gc.get_freeze_count() >= frozen + len(made_by_a_run)
    finally:
        gc.unfreeze()
