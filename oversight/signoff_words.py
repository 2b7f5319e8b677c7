"""Words for closure sign-off and the inspectorate's own view, shared by the pages and the pack."""

from __future__ import annotations

import pandas as pd

from oversight import escape, explorer, labels

INSPECTORATE_LABELS = {
    "awaiting_review": "Awaiting review",
    "being_progressed": "Being progressed",
    "complete": "Complete",
    "no_further_action": "No further action",
}


def disagreements_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """One line per finding whose status disagrees with the inspectorate's, as a reader sees it."""
    return pd.DataFrame(
        {
            "Reference": explorer.references(rows),
            "Kind": explorer.kinds(rows),
            "Force says": rows["force_status"].map(lambda s: labels.label(labels.STATUS_LABELS, s)),
            "Inspectorate says": rows["inspectorate_status"].map(
                lambda s: labels.label(INSPECTORATE_LABELS, s)
            ),
            "Inspectorate as at": pd.to_datetime(rows["inspectorate_as_at"]).dt.strftime(
                "%d %b %Y"
            ),
            "Disagreement": rows["disagreement"],
        }
    )


def inspectorate_sentence(latest: pd.DataFrame, when: str) -> str:
    """The inspectorate's own view of a finding, beside the force's, in one sentence (Markdown:
    the note, from the data, is escaped)."""
    if latest.empty:
        return f"The inspectorate's own status: none recorded by {when}."
    row = latest.iloc[0]
    status = labels.label(INSPECTORATE_LABELS, row["status"])
    as_at = pd.Timestamp(row["as_at"]).strftime("%-d %B %Y")
    note = (
        f" ({escape.md(' '.join(str(row['note']).split()))})"
        if isinstance(row["note"], str)
        else ""
    )
    return f"The inspectorate's own status: {status}, as at {as_at}{note}."
