"""The objects a server keeps for its whole life, kept out of the garbage collector's way.

A full collection walks every object the collector tracks, and no session's run goes on while it
does. At national, once a page had been drawn, that was 140,000 objects (imported modules,
Streamlit's and plotly's own tables, the loaded data) and 70 ms: the slowest of twenty filter
changes on the Record progress page was one of these pauses. `gc.freeze()` moves every object
alive now into a generation that no collection walks; objects made afterwards are collected as
before. It runs after a script run that imported something (a page's modules, plotly's
validators with the first figure): a few times in a server's life, not on every run. A frozen
object that later becomes part of an unreachable cycle is not freed; what can leak that way is
bounded by those few calls.
"""

from __future__ import annotations

import gc
import sys
import threading

_lock = threading.Lock()
_modules_when_frozen = 0


def settle() -> None:
    """Freeze what is alive now if a module was imported since the last time (cheap otherwise)."""
    global _modules_when_frozen
    with _lock:
        if len(sys.modules) == _modules_when_frozen:
            return
        _modules_when_frozen = len(sys.modules)
        gc.freeze()
