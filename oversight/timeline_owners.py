"""Logic behind the Timeline and Owners pages that a test reaches without Streamlit: how many
bars to draw, and links into the Recommendations explorer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from oversight.explorer import (
    FINDING_CHARS,
    Filters,
    days_phrase,
    first_words,
    kinds,
    references,
    url,
)
from oversight.labels import status_label
from oversight.vocabulary import RagScale

BAR_LIMITS = (20, 40, 60, 100, 200)
DEFAULT_BAR_LIMIT = 40
DUE_SOON_WINDOWS = (45, 90, 180)
DEFAULT_DUE_WITHIN = 90
GROUP_BY = {"inspection": "inspection", "lead": "chief officer lead"}
GROUP_BY_WORDS = {"Inspection": "inspection", "Chief officer lead": "lead"}
ALL_GROUPS = "All"
HEATMAP_QUARTERS = 8


def owner_links(workload: pd.DataFrame, context: Mapping[str, str] | None = None) -> list[str]:
    """For each row of queries/owner_workload.sql, the explorer filtered to that chief officer
    lead (`unallocated` for none) and, on a tactical lead's row, to that tactical lead too, on
    the sidebar's view (`context`, see explorer.link_context)."""
    return [
        url(Filters(owner=_text(owner), tactical=_text(tactical)), context=context)
        for owner, tactical in zip(
            workload["owner_filter"], workload["tactical_filter"], strict=True
        )
    ]


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


@dataclass(frozen=True)
class TimelinePlan:
    """What the Timeline draws for a selection of `items` open dated items in `groups` groups."""

    mode: str  # "items": one bar per item; "groups": one bar per group
    bars: int  # how many bars are drawn
    hidden: int  # items (mode "items") or groups (mode "groups") not drawn

    @property
    def message(self) -> str:
        if self.mode == "groups":
            text = (
                "Too many items to draw one bar each: one bar per group. "
                "Choose a group under **Show** to see its items."
            )
            if self.hidden:
                text += f" The {self.hidden:,} groups falling due last are not drawn."
            return text
        if self.hidden:
            return (
                f"Showing the {self.bars:,} items falling due soonest; {self.hidden:,} more are "
                "not drawn. Raise **Bars at most** or choose a group under **Show**."
            )
        return ""


def plan_timeline(items: int, groups: int, max_bars: int, one_group: bool) -> TimelinePlan:
    """One bar per item when they fit; else, across all groups, one bar per group (the first
    `max_bars` groups); within one chosen group, the `max_bars` items falling due soonest."""
    if items <= max_bars:
        return TimelinePlan("items", items, 0)
    if one_group or groups <= 1:
        return TimelinePlan("items", max_bars, items - max_bars)
    shown = min(groups, max_bars)
    return TimelinePlan("groups", shown, groups - shown)


def undated_frame(rows: pd.DataFrame, rag: RagScale) -> pd.DataFrame:
    """The Timeline's "No due date" table (from queries/timeline_undated.sql): each item by its
    name ("Online and on the edge · R4"), kind, first words, and why it has no date."""
    return pd.DataFrame(
        {
            "item": references(rows),
            "kind": kinds(rows),
            "text": [first_words(t, FINDING_CHARS) for t in rows["text"]],
            "why_undated": rows["why_undated"],
            "deadline_text": rows["deadline_text"],
            "chief_officer_lead": rows["chief_officer_lead"].fillna("Unallocated"),
            "rag": rows["rag"].map(rag.label),
            # cut to the three lines its column shows
            "inspection_title": [first_words(t, 56) for t in rows["inspection_title"]],
        }
    ).reset_index(drop=True)


def due_soon_frame(rows: pd.DataFrame, links: list[str], rag: RagScale) -> pd.DataFrame:
    """The Timeline's "Due soon" table (from queries/due_soon.sql), soonest first, with a link
    to each item's record."""
    return pd.DataFrame(
        {
            "due_on": pd.to_datetime(rows["due_on"]),
            "days_to_due": [days_phrase(d, True) for d in rows["days_to_due"]],
            "item": references(rows),
            "kind": kinds(rows),
            "text": [first_words(t, FINDING_CHARS) for t in rows["text"]],
            "chief_officer_lead": rows["chief_officer_lead"].fillna("Unallocated"),
            "tactical_lead": rows["tactical_lead"],
            "rag": rows["rag"].map(rag.label),
            "status": rows["status"].map(status_label),
            "link": links,
            "inspection_title": rows["inspection_title"],
            "deadline_text": rows["deadline_text"],
        }
    ).reset_index(drop=True)
