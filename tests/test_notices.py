"""A bad data folder gets one line naming it (command line and page, no traceback, no server path
to readers); an address value a page cannot show gets a notice saying what was asked for, why
not, and what is shown instead."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import cli, db, notices, records

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-test-secret-0123456789",
    "client_id": "oversight",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}


def read(markdown: str) -> str:
    """What a reader sees of escaped Markdown: the escaped characters themselves (and not the
    invisible word joiners that keep an address from becoming a link)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def run(monkeypatch, data_dir: Path, page: str | None = None, **params) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    if page is None:
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()
    at.run()
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def warnings(at: AppTest) -> list[str]:
    return [read(w.value) for w in at.warning]


# --- the data folder ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: (d / "afile").write_text("x") and d / "afile", "is a file, not a folder."),
        (lambda d: d / "missing", "does not exist."),
    ],
)
def test_a_bad_data_folder_is_one_line_on_the_command_line(tmp_path, make, words):
    folder = make(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "oversight", "validate", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == f"The data folder {folder} {words}\n"


def test_an_unreadable_data_folder_is_one_line(tmp_path, monkeypatch, capsys):
    real = os.listdir

    def refused(path="."):
        if Path(path) == tmp_path:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "listdir", refused)
    assert cli.main(["validate", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"The data folder {tmp_path} cannot be read by the server (permission denied).\n"
    )
    assert db.folder_problem(tmp_path, for_readers=True) == (
        f"The data folder “{tmp_path.name}” cannot be read by the server (permission denied)."
    )


def test_a_bad_data_folder_is_one_line_on_the_page_without_its_path(monkeypatch, tmp_path):
    folder = tmp_path / "tables.csv"
    folder.write_text("not a folder")
    at = run(monkeypatch, folder)
    assert not at.exception
    assert at.title[0].value == "The data could not be loaded"
    assert [e.value for e in at.error] == ["The data folder “tables.csv” is a file, not a folder."]
    shown = " ".join(e.value for e in [*at.error, *at.markdown, *at.caption])
    assert str(tmp_path) not in shown


def test_an_unwritable_data_folder_is_said_on_record_progress(monkeypatch, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == data and mode & os.W_OK else real(p, mode)
    )
    assert records.check_folder(data) == (
        f"The data folder {data} cannot be written by the server: nothing can be recorded."
    )
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.secrets = {"auth": AUTH, "editing": {"enabled": True, "editors": ["ed@force.example"]}}
    at.user = {"is_logged_in": True, "email": "ed@force.example", "name": "Ed"}
    at.run()
    at.switch_page("pages/record.py")
    at.query_params["rec"] = "r1"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error][0] == (
        "The data folder “data” cannot be written by the server: nothing can be recorded."
    )
    assert not at.get("form")  # no form to fill in that could not be saved
    shown = " ".join(m.value for m in [*at.markdown, *at.caption, *at.error])
    assert str(tmp_path) not in shown


def test_record_progress_does_not_show_the_server_path(monkeypatch):
    at = run(monkeypatch, MINI, "pages/record.py")
    shown = " ".join(m.value for m in [*at.markdown, *at.caption])
    assert str(MINI) not in shown and "fixtures" not in shown
    assert "positions are added to `updates.csv` in the data folder" in shown


# --- values in the address ----------------------------------------------------------------------


def test_a_force_that_is_not_in_the_data_is_said_and_another_shown(monkeypatch):
    at = run(monkeypatch, MINI, force="Nowhere Police")
    assert at.sidebar.selectbox(key="force").value == "gwent"
    assert warnings(at) == [
        "The address asked for the force “Nowhere Police”, which is not a force in this data; "
        "showing Gwent Police instead."
    ]


def test_a_force_named_by_its_id_is_taken(monkeypatch):
    at = run(monkeypatch, MINI, force="wmp")
    assert at.sidebar.selectbox(key="force").value == "wmp"
    assert warnings(at) == []


@pytest.mark.parametrize(
    ("asked", "why"),
    [
        ("2018-13-45", "which is not a date (YYYY-MM-DD)"),
        ("1900-01-01", "which is before 1 January 2010, the earliest date here"),
        ("tomorrow", "which is not a date (YYYY-MM-DD)"),
    ],
)
def test_an_as_at_date_that_cannot_be_shown_is_said(monkeypatch, asked, why):
    at = run(monkeypatch, MINI, as_at=asked)
    assert at.sidebar.date_input(key="as_at").value == dt.date(2018, 7, 15)
    assert warnings(at) == [
        f"The address asked for the as-at date “{asked}”, {why}; showing 15 July 2018 instead."
    ]


def test_a_meeting_that_is_not_in_the_data_is_said(monkeypatch):
    at = run(monkeypatch, MINI, "pages/briefing.py", meeting="2019-01-01")
    assert not at.exception
    assert warnings(at)[0].startswith(
        "The address asked for the meeting “2019-01-01”, which is not a meeting in this data; "
        "showing "
    )


def test_a_meeting_named_by_its_date_or_id_is_taken(monkeypatch):
    for asked in ("2018-03-29", "m0"):
        at = run(monkeypatch, MINI, "pages/briefing.py", meeting=asked)
        assert at.selectbox(key="meeting").value == "m0"
        assert not [w for w in warnings(at) if "address" in w]


def test_a_since_date_that_cannot_be_shown_is_said(monkeypatch):
    at = run(monkeypatch, MINI, "pages/inspections.py", since_meeting="2018-02-30")
    assert not at.exception
    assert any(
        w.startswith(
            "The address asked for the date to list from “2018-02-30”, which is not a date"
        )
        for w in warnings(at)
    )


def test_a_finding_that_is_not_the_forces_is_said_as_text(monkeypatch):
    at = run(monkeypatch, MINI, "pages/record.py", rec="x`](https://evil.invalid)")
    assert warnings(at) == [
        "The address asked for the finding “x`](https://evil.invalid)”, which is not one of "
        "Gwent Police's findings: none is chosen; choose one from the list."
    ]
    # The raw warning is escaped Markdown: no backtick, bracket or parenthesis left to act on.
    raw = at.warning[0].value
    assert "\\`" in raw and "\\]" in raw and "\\(" in raw


def test_the_notice_words():
    assert notices.reset("the force", None, [], "A", "why") is None
    assert notices.reset("the force", "a", ["a"], "A", "why") is None
    assert notices.date_notice("the date", "2018-06-28", dt.date(2018, 6, 28), None, None) is None
    assert notices.date_why("2041-01-01", None, dt.date(2040, 12, 31)) == (
        "which is after 31 December 2040, the latest date here"
    )
