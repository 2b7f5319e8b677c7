"""Golden answers of the owners' loop queries (returns, chase list, reminders, contacts,
calendar) on the mini fixture as at 28 June 2018."""

from __future__ import annotations

import datetime as dt

JUNE = dt.date(2018, 6, 28)


def test_returns_items_lists_open_force_workload_by_lead(mini):
    frame = mini.query("returns_items", as_at=JUNE, force_id="wmp", owner=None)
    assert list(zip(frame["owner"], frame["rec_id"], strict=True)) == [
        ("ACC Crime", "r2"),
        ("ACC Crime", "r3"),
        ("ACC Local Policing", "r1"),
        ("Unallocated", "c1"),
    ]
    r3 = frame.set_index("rec_id").loc["r3"]
    assert (r3["status"], r3["rag"], r3["note"]) == ("in_progress", "green", "Bail scrutinised")
    assert bool(r3["is_overdue"])
    only = mini.query("returns_items", as_at=JUNE, force_id="wmp", owner="Unallocated")
    assert list(only["rec_id"]) == ["c1"]


def test_reminder_items_are_overdue_then_due_soon_per_owner(mini):
    frame = mini.query("reminder_items", as_at=JUNE, within_days=100, force_id="wmp")
    assert list(zip(frame["owner"], frame["rec_id"], frame["reason"], strict=True)) == [
        ("ACC Crime", "r3", "overdue"),
        ("ACC Crime", "r2", "due_soon"),
        ("DCS B", "r2", "due_soon"),
    ]
    assert frame["email"].isna().all()  # the mini fixture has no owners.csv


def test_owner_contacts_names_every_owner_of_open_work(mini):
    frame = mini.query("owner_contacts", as_at=JUNE, force_id="wmp")
    assert list(zip(frame["owner"], frame["open_items"], strict=True)) == [
        ("ACC Crime", 2),
        ("ACC Local Policing", 1),
        ("CI A", 1),
        ("DCS B", 1),
    ]


def test_calendar_events_have_stable_uids(mini):
    frame = mini.query("calendar_events", as_at=JUNE, force_id="wmp", owner=None)
    assert list(zip(frame["uid"], frame["starts_on"].dt.date, strict=True)) == [
        ("fieldwork:wmp-2016", dt.date(2016, 9, 1)),
        ("published:wmp-2016", dt.date(2017, 3, 2)),
        ("pcc_response:wmp-2016", dt.date(2017, 4, 27)),  # 56 days after publication
        ("published:nat-2018", dt.date(2018, 3, 22)),
        ("pcc_response:nat-2018", dt.date(2018, 5, 17)),
        ("due:r3", dt.date(2018, 6, 22)),
        ("due:r2", dt.date(2018, 9, 30)),
        ("due:r1", dt.date(2018, 10, 31)),
    ]
    owner = mini.query("calendar_events", as_at=JUNE, force_id="wmp", owner="DCS B")
    assert list(owner["uid"]) == ["due:r2"]


def test_returns_chase_is_empty_until_a_request_is_recorded(mini):
    assert mini.query("returns_chase", force_id="wmp").empty


def test_rag_labels_in_display_order(mini):
    from oversight import owner_commands

    assert list(owner_commands.rag_labels(mini)) == ["red", "amber", "green", "blue", "white"]
