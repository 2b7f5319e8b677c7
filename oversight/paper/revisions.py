"""The pack's sections on dates that moved: the due dates revised since the last meeting, each
with its reason, and the police and crime commissioner's responses due before the next meeting
or published since the last (s.55 Police Act 1996)."""

from __future__ import annotations

import pandas as pd

from oversight import labels, pcc
from oversight.paper.model import Paragraph, Section, Table
from oversight.paper.words import tuples
from oversight.periods import long_date


def _name(row) -> str:
    ref = (
        row.ref
        if isinstance(row.ref, str) and row.ref
        else labels.label(labels.KIND_LABELS, row.kind)
    )
    return f"{row.inspection_title} · {ref}"


def _day(value: object) -> str:
    return long_date(pd.Timestamp(value).date()) if not pd.isna(value) else "no date"


_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def _moved(row) -> str:
    """'From 30 June 2018 to 31 December 2018: 184 days later, 214 days after the report's date
    (second revision)'."""
    words = f"From {_day(row.due_before)} to {_day(row.revised_due_on)}"
    if not pd.isna(row.days_moved):
        n = int(row.days_moved)
        words += f": {abs(n)} day{'s' if abs(n) != 1 else ''} {'later' if n > 0 else 'earlier'}"
        if int(row.revision_number) > 1 and not pd.isna(row.days_slipped):
            words += f", {int(row.days_slipped)} days after the report's date"
    number = int(row.revision_number)
    nth = _ORDINALS.get(number, f"revision number {number}")
    return f"{words} ({nth} revision)" if number in _ORDINALS else f"{words} ({nth})"


def _due_words(row) -> str:
    days = int(row.days_to_response_due)
    if row.response_status == "overdue":
        late = -days
        return f"{late} day{'s' if late != 1 else ''} overdue; no publication recorded"
    if days == 0:
        return "Due on the day of the meeting"
    return f"Due in {days} day{'s' if days != 1 else ''}"


def revised_section(ds, p: dict, since_long: str, meeting_long: str) -> Section:
    out = Section("Revised deadlines since the last meeting", 2)
    revised = ds.query("briefing/revised_deadlines", **p)
    if revised.empty:
        out.add(
            Paragraph(f"No finding's due date was revised between {since_long} and {meeting_long}.")
        )
        return out
    findings = revised["rec_id"].nunique()
    n = len(revised)
    out.add(
        Paragraph(
            f"{n} due date{'s were' if n != 1 else ' was'} revised between {since_long} and "
            f"{meeting_long}, for {findings} finding{'s' if findings != 1 else ''}. Each is "
            "listed with the reason the force gave; the report's own date is never changed. A "
            "finding within its revised date has slipped, and is not counted as overdue."
        ),
        Table(
            ("Finding", "Owner", "Revised on", "Due date moved", "Reason"),
            tuple(
                (
                    _name(row),
                    row.chief_officer_lead
                    if isinstance(row.chief_officer_lead, str)
                    else "Not yet allocated",
                    _day(row.revised_on),
                    _moved(row),
                    str(row.revision_reason),
                )
                for row in tuples(revised, index=False)
            ),
        ),
    )
    overdue = revised[revised["is_overdue"].fillna(False).astype(bool)].drop_duplicates("rec_id")
    if not overdue.empty:
        out.add(
            Paragraph(
                f"{len(overdue)} of these finding{'s are' if len(overdue) != 1 else ' is'} "
                f"overdue at {meeting_long} even against the revised date: "
                + "; ".join(_name(r) for r in tuples(overdue, index=False))
                + "."
            )
        )
    return out


def responses_section(
    ds, params: dict, since_long: str, meeting_long: str, next_long: str
) -> Section:
    out = Section("The Police and Crime Commissioner's responses", 2)
    found = ds.query("briefing/pcc_responses", **params)
    due = found[found["pack_group"] == "due"]
    published = found[found["pack_group"] == "published"]
    out.add(
        Paragraph(
            "Section 55 of the Police Act 1996: the Police and Crime Commissioner publishes "
            "comments on an HMICFRS report about the force within 56 days of its publication."
        )
    )
    if due.empty:
        out.add(Paragraph(f"No response falls due by {next_long}."))
    else:
        out.add(
            Paragraph(f"Due by {next_long}:"),
            Table(
                ("Report", "Published", "Response due", "Status"),
                tuple(
                    (
                        str(row.title),
                        _day(row.published_on),
                        f"{_day(row.response_due_on)} ({pcc.due_basis(row._asdict())})",
                        _due_words(row),
                    )
                    for row in tuples(due, index=False)
                ),
            ),
        )
    if published.empty:
        out.add(Paragraph(f"No response was published between {since_long} and {meeting_long}."))
    else:
        out.add(
            Paragraph(f"Published between {since_long} and {meeting_long}:"),
            Table(
                ("Report", "Published on", "Where"),
                tuple(
                    (
                        str(row.title),
                        pcc.status_words(row._asdict()).removeprefix("Published "),
                        row.response_url if isinstance(row.response_url, str) else "not recorded",
                    )
                    for row in tuples(published, index=False)
                ),
            ),
        )
    return out
