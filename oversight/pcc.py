"""The police and crime commissioner's statutory response to a report, in a reader's words.

Section 55 of the Police Act 1996: the commissioner publishes comments on an HMICFRS report about
their force within 56 days of its publication. queries/macros/pcc_responses.sql gives each
response's state as at a date: published, due, overdue (only where the response is tracked),
not recorded (the data cannot say), or not required. Pure Python, so a test reaches it without
Streamlit.
"""

from __future__ import annotations

import pandas as pd

from oversight import escape
from oversight.slippage import short_date

RESPONSE_DAYS = 56
ATTENTION_DAYS = 30  # the Overview names a response due this soon (and every overdue one)
EXPLAINED = (
    "Section 55 of the Police Act 1996: the police and crime commissioner publishes comments on "
    "an HMICFRS report about the force within 56 days of its publication. A response is expected "
    "for every report the force tracks findings from; it is due on the date recorded in "
    "inspections.csv, else 56 days after publication. “Not recorded”: the data cannot say "
    "whether it was published (nothing about it is recorded), so it is never called overdue."
)
STATUS_LABELS = {
    "overdue": "Overdue",
    "due": "Due",
    "not_recorded": "Not recorded",
    "published": "Published",
    "not_required": "Not required",
}


def _present(value: object) -> bool:
    return value is not None and not (pd.api.types.is_scalar(value) and pd.isna(value))


def _days(n: int) -> str:
    return f"{n:,} day{'s' if n != 1 else ''}"


def due_basis(row) -> str:
    """Where the due date comes from: the recorded date, or publication plus 56 days."""
    if bool(row["is_due_computed"]):
        return f"{RESPONSE_DAYS} days after publication on {short_date(row['published_on'])}"
    return "the recorded due date"


def status_words(row) -> str:
    """What the Inspections page says of a response."""
    status = row["response_status"]
    due = short_date(row["response_due_on"])
    if status == "published":
        words = f"Published {short_date(row['response_published_on'])}"
        if _present(row["response_due_on"]):
            late = (
                pd.Timestamp(row["response_published_on"]) - pd.Timestamp(row["response_due_on"])
            ).days
            if late > 0:
                words += f" ({_days(late)} after it was due)"
        return words
    if status == "due":
        days = int(row["days_to_response_due"])
        return "Due today" if days == 0 else f"Due in {_days(days)} ({due})"
    if status == "overdue":
        return f"Overdue {_days(-int(row['days_to_response_due']))} (was due {due})"
    if status == "not_recorded":
        if not _present(row["response_due_on"]):
            return "Not recorded (the report's publication day is unknown)"
        return f"Not recorded (was due {due}; no publication recorded)"
    return "Not required (the force tracks no finding from this report)"


def responses_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The Inspections page's table of responses (from queries/pcc_responses.sql)."""
    out = pd.DataFrame(
        {
            "Report": rows["title"],
            "Published": pd.to_datetime(rows["published_on"]),
            "Findings": pd.array(rows["findings"], dtype="Int64"),
            "Response due": pd.to_datetime(rows["response_due_on"]),
            "Response": [status_words(r) for _, r in rows.iterrows()],
            "Published response": rows["response_url"],
        }
    )
    return out.reset_index(drop=True)


def attention_lines(rows: pd.DataFrame) -> list[str]:
    """Markdown sentences for the Overview: each response overdue or due soon (from
    queries/pcc_responses_attention.sql). The report's title is data, so it is escaped."""
    lines = []
    for _, row in rows.iterrows():
        title = escape.md(row["title"])
        due = short_date(row["response_due_on"])
        days = int(row["days_to_response_due"])
        if row["response_status"] == "overdue":
            lines.append(
                f"The PCC's response to “{title}” is **overdue**: it was due on {due} "
                f"({due_basis(row)}), {_days(-days)} ago, and no publication is recorded."
            )
        else:
            when = "today" if days == 0 else f"in {_days(days)}"
            lines.append(
                f"The PCC's response to “{title}” is **due {when}**, on {due} ({due_basis(row)})."
            )
    return lines


def summary_sentence(rows: pd.DataFrame, total: int, as_at) -> str:
    """Markdown: of `total` reports, how many responses are overdue, due, published, not
    recorded, not required (from the totals queries/pcc_responses.sql puts on every row)."""
    first = rows.iloc[0]
    counts = [
        (int(first["overdue_total"]), "overdue"),
        (int(first["due_total"]), "due"),
        (int(first["published_total"]), "published"),
        (int(first["not_recorded_total"]), "not recorded"),
        (int(first["not_required_total"]), "not required"),
    ]
    said = ", ".join(f"**{n:,}** {words}" for n, words in counts if n)
    reports = "report" if total == 1 else "reports"
    return f"Of the {total:,} {reports} published by {as_at:%-d %B %Y}, responses: {said}."


MAX_NAMED = 5  # the Overview names this many responses; the rest are counted


def attention_markdown(rows: pd.DataFrame) -> str:
    """One Markdown block for the Overview: the responses overdue or due soon, as a list (a
    sentence when there is one), the rest counted with a pointer to the Inspections page."""
    lines = attention_lines(rows.head(MAX_NAMED))
    if not lines:
        return ""
    more = len(rows) - len(lines)
    tail = f"\n\n{more:,} more on the Inspections page (“The PCC's responses”)." if more > 0 else ""
    if len(lines) == 1:
        return lines[0] + tail
    head = f"**{len(rows):,} PCC responses need attention** (s.55 Police Act 1996):"
    return head + "\n" + "\n".join(f"- {line}" for line in lines) + tail
