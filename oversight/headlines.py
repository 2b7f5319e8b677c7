"""The Overview page's logic: which date the changes count from, and the tiles and sentences a
reader sees. Pure Python, so a test reaches it without Streamlit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from oversight import labels
from oversight.changes import position_words
from oversight.explorer import FINDING_CHARS, days_phrase, first_words, kinds, references
from oversight.periods import default_since, long_date
from oversight.vocabulary import RagScale

HORIZON_DAYS = 90
# Bars in the RAG-by-inspection chart: the inspections with most open findings; the rest summed.
MAX_INSPECTIONS = 12


@dataclass(frozen=True)
class Window:
    """What "since the last meeting" means for an as-at date."""

    since: dt.date
    prev_since: dt.date
    meeting_title: str | None  # None when no meeting was held before the as-at date

    @property
    def from_meeting(self) -> bool:
        return self.meeting_title is not None

    def phrase(self) -> str:
        """'since the Joint Audit Committee on 29 March 2018' or 'since 28 March 2018'."""
        if self.from_meeting:
            return f"since the {self.meeting_title} on {long_date(self.since)}"
        return f"since {long_date(self.since)}"

    def short(self) -> str:
        """What a tile's change is measured against, short enough for a tile."""
        return f"since {pd.Timestamp(self.since):%-d %b}"


def chosen_since(raw: object, as_at: dt.date) -> dt.date | None:
    """The "Count changes since" date the reader set, from the URL (`since=YYYY-MM-DD`), no later
    than the as-at date; None when they set none (or it is not a date), so the default follows
    the as-at date."""
    if raw is None or str(raw).strip() == "":
        return None
    try:
        day = dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        return None
    return min(day, as_at)


def comparison_window(
    meetings: pd.DataFrame, as_at: dt.date, chosen_since: dt.date | None = None
) -> Window:
    """The last meeting before the as-at date (from queries/meetings_before.sql, newest first),
    or, when there is none, the date the reader chose (default: periods.default_since).
    The previous window, for the change in "closed since", runs from the meeting before that
    (or as long again before the start)."""
    if len(meetings):
        since = pd.Timestamp(meetings["held_on"].iloc[0]).date()
        if len(meetings) > 1:
            prev = pd.Timestamp(meetings["held_on"].iloc[1]).date()
        else:
            prev = since - (as_at - since)
        return Window(since, prev, str(meetings["committee"].iloc[0]))
    since = chosen_since or default_since(as_at)
    since = min(since, as_at)
    return Window(since, since - (as_at - since), None)


@dataclass(frozen=True)
class Tile:
    label: str
    value: int
    delta: int
    delta_color: str  # "inverse" where a rise is bad, "normal" where a rise is good
    help: str
    delta_description: str


def tiles(kpis: pd.DataFrame, window: Window, as_at: dt.date, rag: RagScale) -> list[Tile]:
    """The five KPI tiles from queries/overview_kpis.sql, each with its change since the window."""
    row = kpis.iloc[0]
    since = window.phrase()
    horizon_end = as_at + dt.timedelta(days=HORIZON_DAYS)
    return [
        Tile(
            "Open",
            int(row["open_now"]),
            int(row["open_change"]),
            "inverse",
            "Awaiting allocation, in progress or pending closure, or issued with no position "
            f"recorded yet. Change: against the number open {since}.",
            window.short(),
        ),
        Tile(
            "Overdue",
            int(row["overdue_now"]),
            int(row["overdue_change"]),
            "inverse",
            "Open and past the due date (computed, whatever the RAG). "
            f"Change: against the number overdue {since}.",
            window.short(),
        ),
        Tile(
            rag.label("red"),
            int(row["red_now"]),
            int(row["red_change"]),
            "inverse",
            f"Graded {rag.label('red')}: {lower_first(rag.meaning('red'))}. "
            f"Change: against the number graded {rag.label('red')} {since}.",
            window.short(),
        ),
        Tile(
            f"Due in {HORIZON_DAYS} days",
            int(row["due_soon_now"]),
            int(row["due_soon_change"]),
            "off",
            f"Open and due from {long_date(as_at)} to {long_date(horizon_end)}. "
            f"Change: against the number due in the {HORIZON_DAYS} days after "
            f"{long_date(window.since)}.",
            window.short(),
        ),
        Tile(
            "Closed in period",
            int(row["closed_in_window"]),
            int(row["closed_change"]),
            "normal",
            f"Recorded as open {since} (or issued since), and closed, superseded or marked no "
            f"further action by {long_date(as_at)}. A finding issued earlier whose first position "
            "is a closure is not counted: nobody recorded when it closed. Change: against the "
            "number closed in the window before "
            f"({long_date(window.prev_since)} to {long_date(window.since)}).",
            "vs last period",
        ),
    ]


def undatable_note(undatable: pd.DataFrame) -> str | None:
    """Said beside the Overdue figure (from queries/overdue_undatable.sql): how many open
    findings cannot count as overdue because their deadline gives no date, and why. None when
    every open finding with a deadline has a due date."""
    if undatable.empty:
        return None
    n = int(undatable["findings"].sum())
    reasons = "; ".join(
        f"{str(r).rstrip('.').lower()} ({int(k):,})" if len(undatable) > 1 else str(r).lower()
        for r, k in zip(undatable["reason"], undatable["findings"], strict=True)
    )
    return (
        f"{n:,} open finding{'s' if n != 1 else ''} cannot be dated, so "
        f"{'they are' if n != 1 else 'it is'} never counted as overdue: {reasons}."
    )


def other_inspections_note(drawn: pd.DataFrame, rest: pd.DataFrame, with_completed: bool) -> str:
    """Under the RAG-by-inspection chart: the inspections not drawn, in words."""
    title = str(rest["inspection_title"].iloc[0])
    verb = "holds" if title.startswith("One ") else "hold"
    if with_completed:
        more = (
            f"{int(rest['items'].sum()):,} more findings, "
            f"{int(rest['open_items'].sum()):,} of them open"
        )
    else:
        more = f"{int(rest['items'].sum()):,} more open findings"
    return (
        f"The {drawn['inspection_id'].nunique()} inspections with the most open findings. "
        f"{title} {verb} {more}: the Recommendations explorer filters by any inspection."
    )


def workload_note(kpis: pd.DataFrame) -> str:
    """Says that national-body items are left out of the figures, and how many there are."""
    n = int(kpis["national_body_items"].iloc[0])
    if n == 0:
        return (
            "Figures count the force's own workload: recommendations addressed to a national body "
            "are left out (there are none as at this date)."
        )
    items = "recommendation is" if n == 1 else "recommendations are"
    return (
        "Figures count the force's own workload: "
        f"{n} {items} addressed to a national body and left out."
    )


def nothing_red(as_at: dt.date, red: str = "Red") -> str:
    """`red`: the data's word for red (rag.csv)."""
    return f"No recommendation is graded {lower_first(red)} as at {long_date(as_at)}."


def nothing_overdue(as_at: dt.date, undatable: int = 0) -> str:
    if undatable:
        return (
            f"No finding with a due date is overdue as at {long_date(as_at)}; {undatable:,} "
            f"cannot be dated (see beside Overdue)."
        )
    return f"No recommendation is overdue as at {long_date(as_at)}."


def red_overdue_reason(is_red: bool, is_overdue: bool, red: str = "Red") -> str:
    """Why an item is on the red-and-overdue list (`red`: the data's word for red);
    overdue-but-not-red is flagged."""
    if is_red and is_overdue:
        return f"{red} and overdue"
    if is_red:
        return red
    return f"⚠ Overdue but not graded {lower_first(red)}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def red_overdue_frame(rows: pd.DataFrame, rag: RagScale) -> pd.DataFrame:
    """The red-and-overdue list as a reader sees it (from queries/red_and_overdue.sql)."""
    from oversight.explorer import rag_badge

    out = pd.DataFrame(
        {
            "Why listed": [
                red_overdue_reason(bool(r), bool(o), rag.label("red"))
                for r, o in zip(rows["is_red"], rows["is_overdue"], strict=True)
            ],
            "Reference": references(rows),
            "RAG": [rag_badge(code, rag) for code in rows["rag"]],
            "Finding": [first_words(t, FINDING_CHARS) for t in rows["short_text"]],
            "Chief officer lead": rows["chief_officer_lead"].fillna("Unallocated"),
            "Due": pd.to_datetime(rows["due_on"]),
            "When due": [
                days_phrase(None if pd.isna(d) else -int(d), True) for d in rows["days_overdue"]
            ],
            "Kind": kinds(rows),
            "Tactical lead": rows["tactical_lead"].fillna("—"),
            "Status": rows["status"].map(lambda c: labels.status_label(c)),
            "Inspection": rows["inspection_title"],
        }
    )
    return out.reset_index(drop=True)


def moves_frame(rows: pd.DataFrame, rag: RagScale) -> pd.DataFrame:
    """The moves since the last meeting, from and to (from queries/moves_since.sql)."""

    out = pd.DataFrame(
        {
            "Reference": references(rows),
            "Kind": kinds(rows),
            "Finding": [first_words(t, FINDING_CHARS) for t in rows["short_text"]],
            "From": [
                position_words(s, r, rag)
                for s, r in zip(rows["status_from"], rows["rag_from"], strict=True)
            ],
            "To": [
                position_words(s, r, rag)
                for s, r in zip(rows["status_to"], rows["rag_to"], strict=True)
            ],
            "Recorded": pd.to_datetime(rows["moved_on"]),
        }
    )
    return out.reset_index(drop=True)


DUE_NEXT_ROWS = 10


def due_next_frame(rows: pd.DataFrame, rag: RagScale) -> pd.DataFrame:
    """What falls due next and who owns it (from queries/due_next.sql)."""
    from oversight.explorer import rag_badge

    out = pd.DataFrame(
        {
            "Reference": references(rows),
            "Finding": [first_words(t, FINDING_CHARS) for t in rows["short_text"]],
            "Chief officer lead": rows["chief_officer_lead"].fillna("Unallocated"),
            "Tactical lead": rows["tactical_lead"].fillna("—"),
            "Deadline as written": rows["deadline_text"].fillna("—"),
            "Due": pd.to_datetime(rows["due_on"]),
            "When due": [days_phrase(d, True) for d in rows["days_to_due"]],
            "RAG": [rag_badge(code, rag) for code in rows["rag"]],
            "Kind": kinds(rows),
        }
    )
    return out.reset_index(drop=True)
