"""Golden tests: the Timeline and Owners queries on the mini fixture, and the exact rows."""

from __future__ import annotations

import datetime as dt

from tests.golden import rows

JUNE = dt.date(2018, 6, 28)


def items(mini, group_by, group=None, limit=100):
    return mini.query(
        "timeline_items", as_at=JUNE, force_id="wmp", group_by=group_by, group=group, limit=limit
    )


def test_timeline_items_by_inspection(mini):
    got = items(mini, "inspection")
    assert rows(
        got,
        [
            "group_key",
            "group_label",
            "rec_id",
            "issued_on",
            "due_on",
            "deadline_text",
            "is_relative_deadline",
            "rag",
            "is_overdue",
            "days_overdue",
            "days_to_due",
        ],
    ) == [
        ("nat-2018", "National overview", "r3", "2018-03-22", "2018-06-22", "within three months", True, "green", True, 6, -6),
        ("nat-2018", "National overview", "r2", "2018-03-22", "2018-09-30", "By September 2018", False, "amber", False, None, 94),
        ("nat-2018", "National overview", "r1", "2018-03-22", "2018-10-31", "By October 2018", False, "green", False, None, 125),
    ]  # fmt: skip


def test_timeline_items_by_lead_and_narrowed(mini):
    assert rows(items(mini, "lead"), ["group_key", "group_label", "rec_id"]) == [
        ("ACC Crime", "ACC Crime", "r3"),
        ("ACC Crime", "ACC Crime", "r2"),
        ("ACC Local Policing", "ACC Local Policing", "r1"),
    ]
    assert rows(items(mini, "lead", group="ACC Local Policing"), ["rec_id"]) == [("r1",)]
    assert rows(items(mini, "lead", limit=2), ["rec_id"]) == [("r3",), ("r2",)]


def test_timeline_items_follow_the_as_at_date(mini):
    # On 15 July r3 is red; before the national overview was published there is nothing to draw.
    july = mini.query(
        "timeline_items",
        as_at=dt.date(2018, 7, 15),
        force_id="wmp",
        group_by="lead",
        group=None,
        limit=100,
    )
    assert rows(july, ["rec_id", "rag", "days_overdue"]) == [
        ("r3", "red", 23),
        ("r2", "amber", None),
        ("r1", "green", None),
    ]
    early = mini.query(
        "timeline_items",
        as_at=dt.date(2018, 1, 1),
        force_id="wmp",
        group_by="lead",
        group=None,
        limit=100,
    )
    assert early.empty


def test_timeline_groups(mini):
    by_lead = mini.query("timeline_groups", as_at=JUNE, force_id="wmp", group_by="lead")
    assert rows(by_lead) == [
        ("ACC Crime", "ACC Crime", 2, 1, 0, 0, 1, 1, 0, 0, 0, "2018-03-22", "2018-06-22", "2018-09-30", "amber"),
        ("ACC Local Policing", "ACC Local Policing", 1, 0, 0, 0, 0, 1, 0, 0, 0, "2018-03-22", "2018-10-31", "2018-10-31", "green"),
    ]  # fmt: skip
    by_inspection = mini.query(
        "timeline_groups", as_at=dt.date(2018, 7, 15), force_id=None, group_by="inspection"
    )
    # All forces: Gwent's copy of the national recommendation joins the same inspection; r3 is red.
    assert rows(by_inspection) == [
        ("nat-2018", "National overview", 4, 1, 0, 1, 1, 2, 0, 0, 0, "2018-03-22", "2018-06-22", "2018-10-31", "red"),
    ]  # fmt: skip


def test_timeline_undated_says_why(mini):
    got = mini.query("timeline_undated", as_at=JUNE, force_id="wmp")
    assert rows(got, ["rec_id", "inspection_title", "why_undated", "status", "rag"]) == [
        ("c1", "WMP effectiveness 2016", "No deadline set", "in_progress", "amber"),
    ]


def test_due_soon_windows(mini):
    def due(days, as_at=JUNE):
        got = mini.query("due_soon", as_at=as_at, force_id="wmp", days=days)
        return rows(got, ["rec_id", "due_on", "days_to_due", "chief_officer_lead", "rag"])

    assert due(45) == []
    assert due(94) == [("r2", "2018-09-30", 94, "ACC Crime", "amber")]
    assert due(180) == [
        ("r2", "2018-09-30", 94, "ACC Crime", "amber"),
        ("r1", "2018-10-31", 125, "ACC Local Policing", "green"),
    ]
    # Due on the as-at date itself is due soon, not overdue.
    assert due(0, as_at=dt.date(2018, 9, 30)) == [("r2", "2018-09-30", 0, "ACC Crime", "amber")]


def test_owner_workload(mini):
    got = mini.query("owner_workload", as_at=JUNE, force_id="wmp")
    assert rows(got) == [
        ("ACC Crime", None, True, 2, 1, 0, 0, 1, 1, 0, 0, 0, "2018-09-30", 0, "ACC Crime", None),
        ("ACC Crime", "DCS B", False, 1, 0, 0, 0, 1, 0, 0, 0, 0, "2018-09-30", 0, "ACC Crime", "DCS B"),
        ("ACC Crime", "No tactical lead", False, 1, 1, 0, 0, 0, 1, 0, 0, 0, None, 0, "ACC Crime", None),
        ("ACC Local Policing", None, True, 1, 0, 0, 0, 0, 1, 0, 0, 0, "2018-10-31", 0, "ACC Local Policing", None),
        ("ACC Local Policing", "CI A", False, 1, 0, 0, 0, 0, 1, 0, 0, 0, "2018-10-31", 0, "ACC Local Policing", "CI A"),
        # c1 (no owner, last update 1 June 2017) is unallocated and stale; n1 (national body) is left out.
        ("Unallocated", None, True, 1, 0, 0, 0, 1, 0, 0, 0, 0, None, 1, "unallocated", None),
        ("Unallocated", "No tactical lead", False, 1, 0, 0, 0, 1, 0, 0, 0, 0, None, 1, "unallocated", None),
    ]  # fmt: skip
    assert list(got.columns) == [
        "chief_officer_lead",
        "tactical_lead",
        "is_lead_total",
        "open",
        "overdue",
        "slipped",
        "red",
        "amber",
        "green",
        "white",
        "blue",
        "not_recorded",
        "next_due_on",
        "stale",
        "owner_filter",
        "tactical_filter",
    ]


def test_owner_workload_stale_counts_from_issue_when_never_updated(mini):
    # As at 1 April 2018 nothing of the national overview (published 22 March) is stale yet;
    # c1 (last update 1 June 2017) is.
    got = mini.query("owner_workload", as_at=dt.date(2018, 4, 1), force_id="wmp")
    totals = got[got["is_lead_total"]]
    assert rows(totals, ["chief_officer_lead", "open", "stale"]) == [
        ("ACC Crime", 2, 0),
        ("ACC Local Policing", 1, 0),
        ("Unallocated", 1, 1),
    ]


def test_owner_due_by_quarter(mini):
    got = mini.query("owner_due_by_quarter", as_at=JUNE, force_id="wmp", quarters=8)
    assert rows(got) == [
        ("ACC Crime", "overdue", None, "Overdue", 1, False),
        ("ACC Crime", "quarter", "2018-07-01", "Jul–Sep 2018", 1, False),
        ("ACC Local Policing", "quarter", "2018-10-01", "Oct–Dec 2018", 1, False),
        ("Unallocated", "none", None, "No due date", 1, True),
    ]
    # Beyond the horizon (here one quarter: July to September 2018) an item is "later".
    short = mini.query("owner_due_by_quarter", as_at=JUNE, force_id="wmp", quarters=1)
    assert rows(short, ["chief_officer_lead", "bucket", "bucket_label", "items"]) == [
        ("ACC Crime", "overdue", "Overdue", 1),
        ("ACC Crime", "later", "Later", 1),
        ("ACC Local Policing", "later", "Later", 1),
        ("Unallocated", "none", "No due date", 1),
    ]
    # An item due on the as-at date itself is not overdue: it falls in the current quarter.
    sept = mini.query(
        "owner_due_by_quarter", as_at=dt.date(2018, 9, 30), force_id="wmp", quarters=8
    )
    assert rows(sept, ["chief_officer_lead", "bucket", "bucket_label", "items"])[:2] == [
        ("ACC Crime", "overdue", "Overdue", 1),
        ("ACC Crime", "quarter", "Jul–Sep 2018", 1),
    ]


def test_owner_national_body_items(mini):
    got = mini.query("owner_national_body_items", as_at=JUNE, force_id="wmp")
    assert rows(got) == [(1,)]
    assert rows(mini.query("owner_national_body_items", as_at=JUNE, force_id="gwent")) == [(0,)]
