"""One definition of the force's open workload (queries/macros/rec_state_force.sql), read by every
page, the briefing pack and the exports: recommendations addressed to a national body are left
out everywhere and never listed under a chief officer.

Checked on national-shaped synthetic data, where some national-body recommendations name a chief
officer lead (as the College of Policing one did under "ACC Crime" on the Timeline)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import db, paper
from tests.conftest import explorer_params
from tools import synth

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("workload") / "national"
    synth.generate("national", out, seed=11, forces=2, findings_per_force=120)
    return out


def _force_and_date(ds: db.Dataset) -> tuple[str, dt.date]:
    """The first force, as at the latest update."""
    force_id, as_at = (
        ds.cursor()
        .execute(
            "select force_id, (select max(as_at) from updates) from forces order by force_id limit 1"
        )
        .fetchone()
    )
    return force_id, as_at


def test_national_body_items_are_named_under_leads_in_the_data(national):
    # The shape that tripped the Timeline: open national-body items with a chief officer lead.
    ds = db.load(national)
    force_id, as_at = _force_and_date(ds)
    n = db.run_sql(
        ds,
        "select count(*) as n from rec_state($d::date, $f::varchar) where is_open "
        "and not is_force_workload and chief_officer_lead is not null",
        d=as_at,
        f=force_id,
    ).n[0]
    assert n > 0


def test_every_page_and_the_pack_count_the_same_open_workload(national, monkeypatch):
    ds = db.load(national)
    force_id, as_at = _force_and_date(ds)
    open_workload = db.run_sql(
        ds,
        "select count(*) as n from rec_state_force($d::date, $f::varchar) where is_open",
        d=as_at,
        f=force_id,
    ).n[0]
    name = ds.query("tracking_forces").set_index("force_id").loc[force_id, "name"]

    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(national))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["force"] = name
    at.query_params["as_at"] = as_at.isoformat()
    at.run()
    assert not at.exception
    overview = {m.label: m.value for m in at.metric}
    assert overview["Open"] == f"{open_workload:,}"

    at.switch_page("pages/owners.py").run()
    assert not at.exception
    owners = {m.label: m.value for m in at.metric}
    assert owners["Open items (force workload)"] == f"{open_workload:,}"

    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    timeline = {m.label: m.value for m in at.metric}
    dated = int(timeline["Open items with a due date"].replace(",", ""))
    undated = int(timeline["Open items with no due date"].replace(",", ""))
    assert dated + undated == open_workload
    # No national-body recommendation is listed under a chief officer on the Timeline.
    grouped = ds.query("timeline_groups", as_at=as_at, force_id=force_id, group_by="lead")
    assert int(grouped["items"].sum()) == dated
    undated_rows = ds.query("timeline_undated", as_at=as_at, force_id=force_id)
    assert "national_body" not in set(undated_rows["addressed_to"])

    pack = paper.build(ds, as_at, force_id=force_id)
    assert f"{open_workload} open" in pack.text()

    # The explorer's rows (and so its exports) hold the same open findings; national-body ones
    # only when asked for.
    rows = ds.query("explorer_rows", as_at=as_at, force_id=force_id, **explorer_params())
    assert int(rows["is_open"].sum()) == open_workload
    assert "national_body" not in set(rows["addressed_to"])
    asked = ds.query(
        "explorer_rows",
        as_at=as_at,
        force_id=force_id,
        **explorer_params(addressed=["national_body"]),
    )
    assert not asked.empty and set(asked["addressed_to"]) == {"national_body"}
