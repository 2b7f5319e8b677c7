"""What a page says when the address asks for something it cannot show.

A shared link may carry a force, a date, a meeting or a finding that is not in the data (a typo,
an old link, another force's data folder). The page then shows something else, and says so: what
was asked for, why it cannot be shown, and what is shown instead. The asked-for text is from the
address, so it is escaped (``escape.md``) like any untrusted text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from oversight import escape
from oversight.periods import long_date


def reset(
    what: str, asked: str | None, accepted: Iterable[str], shown: str, why: str
) -> str | None:
    """The notice for an address value the page did not take (None when it took it)."""
    if asked is None or asked in set(accepted):
        return None
    return (
        f"The address asked for {what} “{escape.md(asked)}”, {why}; "
        f"showing {escape.md(shown)} instead."
    )


def date_why(asked: str, low: dt.date | None, high: dt.date | None) -> str:
    """Why a date from the address was not taken."""
    try:
        day = dt.date.fromisoformat(asked.strip())
    except ValueError:
        return "which is not a date (YYYY-MM-DD)"
    if low is not None and day < low:
        return f"which is before {long_date(low)}, the earliest date here"
    if high is not None and day > high:
        return f"which is after {long_date(high)}, the latest date here"
    return "which cannot be shown here"


def date_notice(
    what: str, asked: str | None, shown: dt.date | None, low: dt.date | None, high: dt.date | None
) -> str | None:
    """The notice for a date from the address that the page did not show."""
    if asked is None:
        return None
    accepted = [shown.isoformat()] if shown is not None else []
    words = long_date(shown) if shown is not None else "no date"
    return reset(what, asked, accepted, words, date_why(asked, low, high))
