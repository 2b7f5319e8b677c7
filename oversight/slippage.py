"""Deadlines that moved: the words a reader sees for a finding whose due date was revised.

A finding's current due date is the latest revision recorded by the as-at date, else the report's
(see queries/macros/current_due.sql). A finding past its original date but within a revised one
has *slipped*; it is overdue only once past the revised date. The wording keeps the two apart:
"slipped 45 days; now due 31 Dec 2018". Pure Python, so a test reaches it without Streamlit.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from oversight.explorer import FINDING_CHARS, first_words, kinds, rag_badge, references
from oversight.headlines import Tile
from oversight.vocabulary import RagScale


def _present(value: object) -> bool:
    return value is not None and not (pd.api.types.is_scalar(value) and pd.isna(value))


def short_date(value: object) -> str:
    """'31 Dec 2018' (— when missing)."""
    return f"{pd.Timestamp(value):%-d %b %Y}" if _present(value) else "—"


def _days(n: int) -> str:
    return f"{n:,} day{'s' if n != 1 else ''}"


def times(count: object) -> str:
    """'once', 'twice', '3 times' (how many times a due date moved)."""
    n = int(count) if _present(count) else 0
    return {0: "never", 1: "once", 2: "twice"}.get(n, f"{n} times")


def slipped_phrase(days_slipped: object, due_on: object) -> str:
    """'slipped 45 days; now due 31 Dec 2018', 'brought forward 10 days; now due ...', or, when
    the report gave no date, 'now due 31 Dec 2018 (no original date)'."""
    now = f"now due {short_date(due_on)}"
    if not _present(days_slipped):
        return f"{now} (no original date)"
    n = int(days_slipped)
    if n < 0:
        return f"brought forward {_days(-n)}; {now}"
    return f"slipped {_days(n)}; {now}"


def standing(row) -> str:
    """Where a slipped finding stands against its dates, as at the as-at date."""
    if bool(row["is_overdue"]):
        return f"Overdue: {_days(int(row['days_overdue']))} past the revised date"
    phrase = slipped_phrase(row["days_slipped"], row["due_on"])
    if bool(row["has_missed_original_due"]):
        return phrase[:1].upper() + phrase[1:] + ": not overdue"
    return f"Moved before it fell due; now due {short_date(row['due_on'])}"


def slipped_frame(rows: pd.DataFrame, rag: RagScale) -> pd.DataFrame:
    """The Overview's list of slipped findings (from queries/slipped_findings.sql)."""
    out = pd.DataFrame(
        {
            "Reference": references(rows),
            "Kind": kinds(rows),
            "Finding": [first_words(t, FINDING_CHARS) for t in rows["short_text"]],
            "Chief officer lead": rows["chief_officer_lead"].fillna("Unallocated"),
            "Originally due": pd.to_datetime(rows["original_due_on"]),
            "Now due": pd.to_datetime(rows["due_on"]),
            "Days slipped": pd.array(rows["days_slipped"], dtype="Int64"),
            "Where it stands": [standing(r) for _, r in rows.iterrows()],
            "Times moved": pd.array(rows["revision_count"], dtype="Int64"),
            "Latest reason": rows["last_revision_reason"],
            "RAG": [rag_badge(code, rag) for code in rows["rag"]],
            "Inspection": rows["inspection_title"],
        }
    )
    return out.reset_index(drop=True)


def slipped_sentence(counts: pd.DataFrame, as_at: dt.date) -> str:
    """Markdown: how many open findings have slipped, and how many of those are past their
    original date (slipped, not overdue) or overdue even against the revised date."""
    row = counts.iloc[0]
    n = int(row["slipped_now"])
    when = f"{as_at:%-d %B %Y}"
    if n == 0:
        return f"No open finding's due date has been moved later as at {when}."
    within = int(row["slipped_not_overdue"])
    beyond = int(row["slipped_and_overdue"])
    parts = [
        f"**{n:,}** open finding{'s have' if n != 1 else ' has'} a due date moved later than "
        "the report's."
    ]
    if within:
        parts.append(
            f"{within:,} {'are' if within != 1 else 'is'} past the original date but within "
            f"the revised one: slipped, not counted as overdue."
        )
    if beyond:
        parts.append(
            f"{beyond:,} {'are' if beyond != 1 else 'is'} overdue even against the revised date."
        )
    return " ".join(parts)


def tile(counts: pd.DataFrame, window) -> Tile:
    """The Overview's "Slipped" tile (from queries/slipped_counts.sql), with its change since the
    comparison window (a headlines.Window)."""
    row = counts.iloc[0]
    return Tile(
        "Slipped",
        int(row["slipped_now"]),
        int(row["slipped_change"]),
        "inverse",
        "Open, with a due date moved later than the report's (a revised date recorded with its "
        "reason). A finding past its original date but within the revised one has slipped; it "
        f"is not counted as overdue. Change: against the number slipped {window.phrase()}.",
        window.short(),
    )


def record_due_markdown(rec) -> str:
    """The Record progress page's due-date cell (from queries/record_state.sql): the date in
    force, and where it moved, the report's date, days slipped and the latest reason. The
    reason is data, so it is escaped."""
    from oversight.escape import md as md_escape

    deadline = rec["deadline_text"] if _present(rec["deadline_text"]) else "no deadline set"
    due = f"{pd.Timestamp(rec['due_on']):%-d %B %Y}" if _present(rec["due_on"]) else "no date"
    revisions = int(rec["revision_count"]) if _present(rec["revision_count"]) else 0
    if not revisions:
        return f"**Due:** {due}  \n{md_escape(deadline)}"
    if _present(rec["days_slipped"]):
        n = int(rec["days_slipped"])
        moved = f"slipped {_days(n)}" if n > 0 else f"brought forward {_days(-n)}"
    else:
        moved = "the report gave no date"
    lines = [
        f"**Due:** {due} · {moved}, moved {times(revisions)}",
        f"Originally {short_date(rec['original_due_on'])}: {md_escape(deadline)}",
    ]
    if _present(rec["last_revision_reason"]):
        lines.append(f"Why: {md_escape(rec['last_revision_reason'])}")
    return "  \n".join(lines)
