"""The deadline rule: the one place a deadline as a report words it becomes a due date.

Every user of a due date reads it from here: validation (the ``deadline_due_dates`` table that
``db.load`` builds with :func:`due_dates_table`, which ``queries/checks/due_on_matches_deadline.sql``
and the timeline queries join), the importer (a new recommendation with ``deadline_text`` and no
``due_on`` gets this date), ``ingest`` (the due date of each finding it proposes) and ``synth``.

The wordings, as HMICFRS reports and the committee paper write them (case and surrounding
spaces, a final full stop and a comma are ignored; anything else has no date):

============================================  ===============================================
``By October 2018``                            the month's last day (2018-10-31)
``By 30 September 2021``, ``by 31st March``    that day
``2019``
``within six months``, ``within 12 months``,   the publication date plus N months (the same day,
``within three months of publication``         or the month's last day when that day does not
                                               exist: 31 August + 6 months = 28 February)
``within 4 weeks``, ``within 28 days``         the publication date plus N weeks, or N days
``immediately``, ``with immediate effect``     the publication date
============================================  ===============================================

A relative deadline ("within", "immediately") has no date while the publication date is
unknown; :func:`compute` says why in ``reason``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
}

_MONTH = r"(?P<month>" + "|".join(MONTHS) + r")"
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"
_AFTER_PUBLICATION = (
    r"(?:\s+(?:of|from|after)\s+(?:the\s+)?"
    r"(?:date\s+of\s+)?(?:publication|this\s+report(?:'s\s+publication)?|"
    r"the\s+publication\s+of\s+this\s+report|this\s+report\s+being\s+published))?"
)

# Each wording: a name and a pattern. ``find`` looks for them inside a sentence ("By 30 September
# 2021, chief constables should ..."); ``compute`` needs the whole deadline text to be one of them.
# A new wording is a new entry here and a case in ``_due``.
WORDINGS: dict[str, str] = {
    "by_day": r"by\s+(?:the\s+)?(?P<day>\d{1,2})\s?(?:st|nd|rd|th)?\s+"
    + _MONTH
    + r"\s+(?P<year>\d{4})",
    "by_month": r"by\s+(?:the\s+end\s+of\s+)?" + _MONTH + r"\s+(?P<year>\d{4})",
    "within": r"within\s+" + _NUMBER + r"\s+(?P<unit>months?|weeks?|days?)" + _AFTER_PUBLICATION,
    "immediately": r"immediately|with\s+immediate\s+effect",
}
_WHOLE = {
    name: re.compile(r"^\s*(?:" + pattern + r")\s*[.,;]?\s*$", re.IGNORECASE)
    for name, pattern in WORDINGS.items()
}
_INSIDE = {
    name: re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE)
    for name, pattern in WORDINGS.items()
}
COUNTS_FROM_PUBLICATION = frozenset({"within", "immediately"})

NO_WORDING = (
    "Not a wording the deadline rule reads (By <month year>, By <day month year>, "
    "within N months/weeks/days, immediately)"
)
NO_PUBLICATION = "Counts from publication, whose date is unknown"


@dataclass(frozen=True)
class Due:
    """What the rule makes of a deadline: the date, or why there is none."""

    due_on: dt.date | None
    wording: str | None  # a key of WORDINGS; None when the text is none of them
    reason: str | None = None  # why due_on is None (None when there is a date or no deadline)

    @property
    def counts_from_publication(self) -> bool:
        return self.wording in COUNTS_FROM_PUBLICATION


def compute(deadline_text: str | None, published_on: dt.date | None) -> Due:
    """The due date of a deadline as written, counted from the report's publication date."""
    if deadline_text is None or not str(deadline_text).strip():
        return Due(None, None)
    for name, pattern in _WHOLE.items():
        match = pattern.match(str(deadline_text))
        if match:
            return _due(name, match, published_on)
    return Due(None, None, NO_WORDING)


def due_on(deadline_text: str | None, published_on: dt.date | None) -> dt.date | None:
    """The due date of a deadline as written, or None when the rule gives none."""
    return compute(deadline_text, published_on).due_on


def _due(name: str, match: re.Match, published_on: dt.date | None) -> Due:
    if name == "by_day":
        year, month, day = int(match["year"]), MONTHS[match["month"].lower()], int(match["day"])
        if day > calendar.monthrange(year, month)[1]:
            return Due(None, name, f"{match['month']} {year} has no day {day}")
        return Due(dt.date(year, month, day), name)
    if name == "by_month":
        year, month = int(match["year"]), MONTHS[match["month"].lower()]
        return Due(dt.date(year, month, calendar.monthrange(year, month)[1]), name)
    if published_on is None:
        return Due(None, name, NO_PUBLICATION)
    if name == "immediately":
        return Due(published_on, name)
    n = match["n"].lower()
    count = NUMBER_WORDS[n] if n in NUMBER_WORDS else int(n)
    unit = match["unit"].lower().rstrip("s")
    if unit == "month":
        return Due(add_months(published_on, count), name)
    return Due(published_on + dt.timedelta(days=count * (7 if unit == "week" else 1)), name)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day N months later, or that month's last day when the day does not exist
    (as DuckDB's date + interval does)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def find(sentence: str) -> str | None:
    """The first deadline the rule reads inside a sentence, as written ("By 30 September 2021",
    "within six months"), or None."""
    found = [m for pattern in _INSIDE.values() if (m := pattern.search(sentence or ""))]
    return min(found, key=lambda m: m.start()).group(0) if found else None


def due_dates_table(pairs) -> list[tuple]:
    """Rows (deadline_text, published_on, due_on, counts_from_publication, why_no_date) for each
    distinct (deadline_text, published_on) pair: the table the SQL checks and queries join."""
    rows = []
    for text, published in pairs:
        due = compute(text, published)
        rows.append((text, published, due.due_on, due.counts_from_publication, due.reason))
    return rows
