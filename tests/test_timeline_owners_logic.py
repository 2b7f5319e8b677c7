"""The Timeline's choice of bars and the links from the Owners page into the explorer."""

from __future__ import annotations

import datetime as dt

from oversight import timeline_owners


def test_explorer_url_encodes_filters_and_leaves_out_empty_ones():
    assert timeline_owners.explorer_url(owner="ACC Crime") == "recommendations?owner=ACC%20Crime"
    assert (
        timeline_owners.explorer_url(
            owner="unallocated", tactical=None, force="wmp", as_at=dt.date(2018, 6, 28)
        )
        == "recommendations?owner=unallocated&force=wmp&as_at=2018-06-28"
    )
    assert (
        timeline_owners.explorer_url(owner="A&B / C=D")
        == "recommendations?owner=A%26B%20%2F%20C%3DD"
    )
    assert timeline_owners.explorer_url() == "recommendations"


def test_owner_links_follow_the_workload_rows(mini):
    workload = mini.query("owner_workload", as_at=dt.date(2018, 6, 28), force_id="wmp")
    links = timeline_owners.owner_links(workload, "wmp", dt.date(2018, 6, 28))
    assert links[:2] == [
        "recommendations?owner=ACC%20Crime&force=wmp&as_at=2018-06-28",
        "recommendations?owner=ACC%20Crime&tactical=DCS%20B&force=wmp&as_at=2018-06-28",
    ]
    # A row with no tactical lead links to the chief officer lead only.
    assert links[2] == "recommendations?owner=ACC%20Crime&force=wmp&as_at=2018-06-28"
    assert links[-1] == "recommendations?owner=unallocated&force=wmp&as_at=2018-06-28"


def test_plan_draws_one_bar_per_item_when_they_fit():
    plan = timeline_owners.plan_timeline(items=3, groups=1, max_bars=40, one_group=False)
    assert (plan.mode, plan.bars, plan.hidden, plan.message) == ("items", 3, 0, "")


def test_plan_draws_one_bar_per_group_when_there_are_too_many_items():
    plan = timeline_owners.plan_timeline(items=13_000, groups=211, max_bars=40, one_group=False)
    assert (plan.mode, plan.bars, plan.hidden) == ("groups", 40, 171)
    assert "one bar per group" in plan.message and "171 groups" in plan.message
    few = timeline_owners.plan_timeline(items=46, groups=11, max_bars=40, one_group=False)
    assert (few.mode, few.bars, few.hidden) == ("groups", 11, 0)


def test_plan_within_one_group_draws_the_soonest_items():
    plan = timeline_owners.plan_timeline(items=500, groups=7, max_bars=60, one_group=True)
    assert (plan.mode, plan.bars, plan.hidden) == ("items", 60, 440)
    assert plan.message.startswith("Showing the 60 items falling due soonest; 440 more")
    # A single group across "All" behaves the same.
    single = timeline_owners.plan_timeline(items=500, groups=1, max_bars=60, one_group=False)
    assert single.mode == "items" and single.bars == 60
