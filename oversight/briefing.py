"""The committee briefing pack: a document model assembled from queries/briefing/*.sql.

The pack follows the hand-written committee paper (DESIGN.md, the seed paper): purpose; background
(recent inspection activity); inspections completed since the last meeting; reports received since the
last meeting, each with its findings in full and who owns them; outstanding recommendations graded red;
RAG and status moves; overdue and due before the next meeting; PEEL grades with the latest moves; the
recommendation to the committee. This module is pure (no Streamlit, no file output): `build()` returns a
`Briefing`, and `oversight.briefing_render` turns it into Markdown, DOCX or PDF.

The period. "Since the last meeting" starts on the previous meeting of the same committee in
meetings.csv. When none is recorded it starts on the first day of the month three months before the
meeting (1 March 2018 for 28 June 2018): a quarterly committee's previous meeting falls in that month,
whatever its day, so nothing received after it is missed. The pack states which rule it used. A report
counts as received when its `published_on` falls on or after the start of the period and on or before
the meeting date. "Before the next meeting" ends at the next recorded meeting, else three months after
this one, and the pack says so.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

PURPOSE = "To provide members of the Committee with oversight of HMICFRS recommendations."
COMMITTEE_RECOMMENDATION = "The Committee to note the contents of the report."
NO_RED = "There are no recommendations currently graded as red."


# --- the period ------------------------------------------------------------------------------


def _months_before(day: dt.date, months: int) -> dt.date:
    return (pd.Timestamp(day) - pd.DateOffset(months=months)).date()


def default_since(meeting_on: dt.date, previous_on: dt.date | None) -> tuple[dt.date, str]:
    """The start of "since the last meeting" and the words that say how it was chosen."""
    if previous_on is not None and not pd.isna(previous_on):
        previous_on = pd.Timestamp(previous_on).date()
        return previous_on, f"since the last meeting on {long_date(previous_on)}"
    start = _months_before(meeting_on, 3).replace(day=1)
    return start, (
        f"since {long_date(start)}: no earlier meeting is recorded, so the period starts on the "
        "first day of the month three months before this meeting"
    )


def default_next(meeting_on: dt.date, next_on: dt.date | None) -> tuple[dt.date, str]:
    """The end of "before the next meeting" and the words that say how it was chosen."""
    if next_on is not None and not pd.isna(next_on):
        next_on = pd.Timestamp(next_on).date()
        return next_on, f"the next meeting on {long_date(next_on)}"
    end = (pd.Timestamp(meeting_on) + pd.DateOffset(months=3)).date()
    return end, f"{long_date(end)} (no later meeting is recorded; three months after this meeting)"


def long_date(value: object) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{pd.Timestamp(value):%-d %B %Y}"
