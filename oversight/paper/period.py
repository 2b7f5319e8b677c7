"""The briefing pack's period: the meeting, the start of "since the last meeting" and the end of
"before the next meeting", from meetings.csv or the defaults (see `oversight.paper`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from oversight import periods
from oversight.paper.words import is_missing
from oversight.periods import long_date


def default_since(meeting_on: dt.date, previous_on: dt.date | None) -> tuple[dt.date, str]:
    """The start of "since the last meeting" and the words that say how it was chosen."""
    if previous_on is not None and not pd.isna(previous_on):
        previous_on = pd.Timestamp(previous_on).date()
        return previous_on, f"since the last meeting on {long_date(previous_on)}"
    start = periods.default_since(meeting_on)
    return start, (
        f"since {long_date(start)}: no earlier meeting is recorded, so the period starts on "
        f"{periods.SINCE_RULE} this meeting"
    )


def default_next(meeting_on: dt.date, next_on: dt.date | None) -> tuple[dt.date, str]:
    """The end of "before the next meeting" and the words that say how it was chosen."""
    if next_on is not None and not pd.isna(next_on):
        next_on = pd.Timestamp(next_on).date()
        return next_on, f"the next meeting on {long_date(next_on)}"
    end = (pd.Timestamp(meeting_on) + pd.DateOffset(months=3)).date()
    return end, f"{long_date(end)} (no later meeting is recorded; three months after this meeting)"


@dataclass(frozen=True)
class Period:
    meeting_on: dt.date
    since: dt.date
    since_words: str
    next_on: dt.date
    next_words: str
    meeting_id: str | None
    committee: str | None
    committee_title: str | None
    paper: str | None


def resolve_period(
    ds, meeting_on: dt.date, since: dt.date | None = None, next_on: dt.date | None = None
) -> Period:
    """The meeting, the start of "since the last meeting" and the end of "before the next
    meeting", from meetings.csv or the defaults described at the top of this module."""
    ctx = ds.query("briefing/meeting_context", meeting_on=meeting_on).iloc[0]
    if since is None:
        since, since_words = default_since(meeting_on, ctx["previous_held_on"])
    else:
        since_words = f"since {long_date(since)}"
    if next_on is None:
        next_on, next_words = default_next(meeting_on, ctx["next_held_on"])
    else:
        next_words = long_date(next_on)
    if since > meeting_on:
        raise ValueError(
            f"the period must start on or before the meeting: since {since} is after {meeting_on}"
        )
    return Period(
        meeting_on,
        since,
        since_words,
        next_on,
        next_words,
        None if is_missing(ctx["meeting_id"]) else str(ctx["meeting_id"]),
        None if is_missing(ctx["committee"]) else str(ctx["committee"]),
        None if is_missing(ctx["title"]) else str(ctx["title"]),
        None if is_missing(ctx["paper"]) else str(ctx["paper"]),
    )
