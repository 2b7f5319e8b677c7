from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager

from oversight import db

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
DATA = Path(__file__).resolve().parents[1] / "data"

# Charts built from plain dicts skip plotly's property checks when the app runs (for speed); every
# figure a test builds is checked in full, so a misspelt property fails here.
os.environ["OVERSIGHT_VALIDATE_FIGURES"] = "1"


@pytest.fixture(scope="session")
def mini() -> db.Dataset:
    return db.load(MINI)


@pytest.fixture(scope="session")
def bundled() -> db.Dataset:
    return db.load(DATA)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture, for breaking one thing at a time."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(autouse=True)
def routed_by_navigation(request, monkeypatch):
    """Route every AppTest run through dashboard.py, as a served app does once it has run.

    AppTest forgets before each run that the app routes with st.navigation (it rebuilds its
    PagesManager, which sees the pages/ folder), so a page would start bare and rerun through the
    frame (oversight.app.current_view), and that rerun drops a button's click. A test marked
    `bare_start` sees Streamlit's own behaviour instead.
    """
    if request.node.get_closest_marker("bare_start"):
        return
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def explorer_params(**given: object) -> dict[str, object]:
    """Every filter of queries/explorer_rows.sql at its default (none set), as given otherwise."""
    names = ("owner", "tactical", "board", "inspection", "area", "due_from", "due_to", "q")
    return {
        **dict.fromkeys(names),
        "kinds": None,
        "addressed": None,
        "statuses": None,
        "rags": None,
        "overdue_only": False,
        "slipped_only": False,
        "include_closed": True,
        "sort": "due",
        "limit": None,
        "offset": 0,
        **given,
    }
