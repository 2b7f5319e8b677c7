"""The frame `python -m oversight bench` runs pages in: dashboard.py's frame and shared sidebar
around one page, or around an empty page (the floor). Not registered in the navigation.

Why not dashboard.py itself: Streamlit's AppTest, after the first run of an app whose
st.navigation lists file pages, reruns only the page script, so neither the frame nor the
sidebar (where the filters are changed) would be in the measured run. Here each page is a
callable that executes the page file, so every rerun runs frame, sidebar and page as the server
does. OVERSIGHT_BENCH_PAGE names the page file (relative to the repository); unset = the floor.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from oversight import app

ROOT = Path(__file__).resolve().parents[2]
_COMPILED: dict[tuple[str, int], object] = {}

st.set_page_config(page_title="Oversight: benchmark", layout="wide")

ds = app.dataset()
if not ds.is_valid:
    app.show_problems(ds)
    st.stop()


def _bare() -> None:
    view = app.current_view()
    st.title("Floor")
    st.caption(f"{view.force_name} · as at {app.long_date(view.as_at)}")


def _page() -> None:
    path = ROOT / os.environ["OVERSIGHT_BENCH_PAGE"]
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _COMPILED:
        _COMPILED[key] = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(_COMPILED[key], {"__name__": "__main__", "__file__": str(path)})


page_file = os.environ.get("OVERSIGHT_BENCH_PAGE")
page = st.navigation([st.Page(_page if page_file else _bare, title="Bench", url_path="bench")])
app.sidebar()
with st.sidebar:
    st.caption(app.OGL_ATTRIBUTION)
if ds.is_synthetic:
    st.warning("**Synthetic data.**", icon=":material/science:")
with app.framed():
    page.run()
