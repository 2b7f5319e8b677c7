"""Dates as a reader sees them, and what "since the last meeting" means: one rule for every page
and for the briefing pack."""

from __future__ import annotations

import datetime as dt

import pandas as pd

SINCE_RULE = "the first day of the month three months before"
# Upcoming inspections: fieldwork starting within this many days after the date.
UPCOMING_DAYS = 365


def long_date(value: object) -> str:
    """'28 June 2018'; an unknown date is a dash, never 'None' or 'NaT'."""
    if value is None or pd.isna(value):
        return "—"
    return f"{pd.Timestamp(value):%-d %B %Y}"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day N months earlier (the month's last day when that day does not exist)."""
    return (pd.Timestamp(day) - pd.DateOffset(months=months)).date()


def default_since(day: dt.date) -> dt.date:
    """Where "since the last meeting" starts when no earlier meeting is recorded.

    The first day of the month three months before, not the same day: a quarterly committee
    paper reports everything published in those months (the 28 June 2018 paper counts the PEEL
    national overview of 22 March as received since the last meeting).
    """
    return months_before(day, 3).replace(day=1)
