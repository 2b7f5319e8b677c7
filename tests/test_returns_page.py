"""The Returns page: what owners are asked for, the chase list, and who reminders reach."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import db, owner_commands

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def returns_page(monkeypatch, data_dir: Path) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/returns.py")
    at.run()
    assert not at.exception
    return at


def test_each_lead_and_their_open_findings(monkeypatch, data_copy):
    at = returns_page(monkeypatch, data_copy)
    assert at.title[0].value == "Returns"
    leads = at.dataframe[0].value.set_index("Chief officer lead")
    assert leads.loc["ACC Crime", "Open findings"] == 2
    assert leads.loc["Unallocated", "Open findings"] == 27
    assert "No request for returns has been recorded yet" in at.info[0].value


def test_the_chase_list_follows_a_recorded_request(monkeypatch, data_copy):
    ds = db.load(data_copy)
    items, _ = owner_commands.make_returns(ds, dt.date(2018, 9, 27), dt.date(2018, 6, 28), "wmp")
    owner_commands.record_request(
        data_copy, items, dt.date(2018, 9, 27), dt.date(2018, 6, 28), "risk@force.example"
    )
    # ACC Local Policing answers: a new position for their one finding.
    path = data_copy / "updates.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    row = {
        "update_id": "u-test-r01",
        "rec_id": "wmp-peel2017nat-r01",
        "as_at": "2018-09-01",
        "status": "in_progress",
        "rag": "green",
        "note": "Reviewed.",
        "recorded_by": "ed@force.example",
        "recorded_at": f"{dt.date.today().isoformat()}T09:00:00",
    }
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow([row.get(c, "") for c in header])
    at = returns_page(monkeypatch, data_copy)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Owners asked"] == "3"
    assert metrics["Returned in full"] == "1"
    assert metrics["Still waiting"] == "2"
    waiting = at.dataframe[1].value
    assert set(waiting["Owner"]) == {"ACC Crime", "Unallocated"}
    assert "wmp-peel2017nat-r01" not in " ".join(waiting["Finding"])


def test_owners_without_an_address_are_listed_as_unreachable(monkeypatch, data_copy):
    (data_copy / "owners.csv").write_text(
        "owner,email,role\nACC Crime,acc.crime@force.example,Chief officer lead\n",
        encoding="utf-8",
    )
    at = returns_page(monkeypatch, data_copy)
    reach = at.dataframe[-1].value.set_index("Owner")
    assert reach.loc["ACC Crime", "Address"] == "acc.crime@force.example"
    assert reach.loc["DCS Mark Payne", "Address"] == "No address: unreachable"
    assert "have no address in owners.csv" in at.warning[0].value
