"""An iCalendar file of the dates a force works to: each open finding's due date, each
inspection's fieldwork and publication, and a PCC's response date where the data gives one.

Every event has a stable UID (the kind of date and the finding's or inspection's id), so that
importing the file again into a calendar updates its events instead of adding them twice. All
text is plain text (iCalendar escapes it); nothing in it is a link but the event's URL.
"""

from __future__ import annotations

import datetime as dt

import icalendar
import pandas as pd

from oversight import explorer, labels

PRODID = "-//Oversight//HMICFRS inspection oversight//EN"
UID_DOMAIN = "oversight.invalid"


def _date(value: object) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


def summary(event: dict) -> str:
    kind = event["event_kind"]
    title = _text(event.get("inspection_title"))
    if kind == "due":
        ref = _text(event.get("ref"))
        what = labels.label(labels.KIND_LABELS, event.get("kind"))
        return f"Due: {title} · {ref or what}"
    if kind == "fieldwork":
        return f"Inspection fieldwork: {title}"
    if kind == "pcc_response":
        return f"PCC response due: {title}"
    return f"Report published: {title}"


def description(event: dict) -> str:
    lines = []
    if event["event_kind"] == "due":
        lines.append(_text(event.get("text")))
        for label, field in (
            ("Chief officer lead", "chief_officer_lead"),
            ("Tactical lead", "tactical_lead"),
        ):
            if _text(event.get(field)):
                lines.append(f"{label}: {_text(event.get(field))}")
    return "\n".join(line for line in lines if line)


def calendar(
    events: pd.DataFrame, name: str, stamp: dt.datetime, base_url: str | None = None
) -> bytes:
    """The events as an .ics file. ``stamp`` is DTSTAMP (when the file was made, UTC)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for event in events.to_dict("records"):
        starts = _date(event.get("starts_on"))
        if starts is None:
            continue
        ends = _date(event.get("ends_on")) or starts
        item = icalendar.Event()
        item.add("uid", f"{event['uid']}@{UID_DOMAIN}")
        item.add("dtstamp", stamp)
        item.add("dtstart", starts)
        item.add("dtend", ends + dt.timedelta(days=1))  # all-day: DTEND is the day after
        item.add("summary", summary(event))
        text = description(event)
        if text:
            item.add("description", text)
        if base_url and _text(event.get("rec_id")):
            item.add(
                "url", explorer.url(explorer.Filters(rec=_text(event["rec_id"])), base=base_url)
            )
        item.add("transp", "TRANSPARENT")
        cal.add_component(item)
    return cal.to_ical()
