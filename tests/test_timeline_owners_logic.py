"""The Timeline's choice of bars and the links from the Owners page into the explorer."""

from __future__ import annotations

import datetime as dt

from oversight import explorer, timeline_owners


def test_owner_links_follow_the_workload_rows(mini):
    workload = mini.query("owner_workload", as_at=dt.date(2018, 6, 28), force_id="wmp")
    view = explorer.link_context(dt.date(2018, 6, 28), dt.date(2018, 7, 15), "West Midlands Police")
    links = timeline_owners.owner_links(workload, view)
    tail = "force=West%20Midlands%20Police&as_at=2018-06-28"
    assert links[:2] == [
        f"recommendations?owner=ACC%20Crime&{tail}",
        f"recommendations?owner=ACC%20Crime&tactical=DCS%20B&{tail}",
    ]
    # A row with no tactical lead links to the chief officer lead only.
    assert links[2] == f"recommendations?owner=ACC%20Crime&{tail}"
    assert links[-1] == f"recommendations?owner=unallocated&{tail}"
    # On the default view (the latest date, one force) a link carries the filter alone.
    assert timeline_owners.owner_links(workload)[0] == "recommendations?owner=ACC%20Crime"


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
