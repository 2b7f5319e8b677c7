"""The Timeline and Owners pages' tables (their logic is in timeline_owners.py): the open items
with no due date, what falls due soon, and each owner's open workload. Each takes the rows the
page's plan read."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from oversight import app, escape, explorer, static_table, timeline_owners
from oversight.vocabulary import RagScale

# The frames' columns as a reader reads them (the tables are static: oversight/static_table.py).
UNDATED_COLUMNS = {
    "item": "Reference",
    "kind": "Kind",
    "text": "Finding",
    "why_undated": "Why no date",
    "deadline_text": "Deadline as written",
    "chief_officer_lead": "Chief officer lead",
    "rag": "RAG",
    "inspection_title": "Inspection",
}
DUE_SOON_COLUMNS = {
    "due_on": "Due",
    "days_to_due": "When due",
    "item": "Reference",
    "kind": "Kind",
    "text": "Finding",
    "chief_officer_lead": "Chief officer lead",
    "tactical_lead": "Tactical lead",
    "rag": "RAG",
    "status": "Status",
    "link": "Record",
    "inspection_title": "Inspection",
    "deadline_text": "Deadline as written",
}


def undated(undated: pd.DataFrame, rag: RagScale) -> None:
    """Open items that cannot be placed on the time axis, and why (queries/timeline_undated.sql)."""
    st.header(f"No due date ({len(undated):,})")
    if undated.empty:
        st.write("Every open item has a due date.")
    else:
        st.caption(
            "Open items that cannot be placed on the time axis, and why. None is dropped: "
            "each is listed here."
        )
        static_table.show(
            timeline_owners.undated_frame(undated, rag).rename(columns=UNDATED_COLUMNS),
            rag=rag,
        )


def due_soon(
    due: pd.DataFrame, window: int, as_at: dt.date, link_context: dict, rag: RagScale
) -> None:
    """Open items falling due within the window after the as-at date (queries/due_soon.sql)."""
    if due.empty:
        st.write(f"Nothing falls due in the {window} days after {app.long_date(as_at)}.")
    else:
        st.write(
            f"**{len(due):,}** open item{'s' if len(due) != 1 else ''} "
            f"fall{'' if len(due) != 1 else 's'} due in the {window} days after "
            f"{app.long_date(as_at)}."
        )
        links = [explorer.url(explorer.Filters(rec=r), context=link_context) for r in due["rec_id"]]
        static_table.show(
            timeline_owners.due_soon_frame(due, links, rag).rename(columns=DUE_SOON_COLUMNS),
            # What a reader acts on first; the record behind the link has the rest.
            columns=[
                "Due",
                "When due",
                "Reference",
                "Kind",
                "Finding",
                "Chief officer lead",
                "Tactical lead",
                "RAG",
                "Status",
                "Record",
            ],
            dates=["Due"],
            links={"Record": "Open record"},
            rag=rag,
        )


def workload(workload: pd.DataFrame, rag: RagScale, stale_days: int, link_context: dict) -> None:
    """Each chief officer lead's open items, and each tactical lead's under them
    (queries/owner_workload.sql), with a link to them in the explorer."""
    # An unallocated item with no tactical lead either would repeat the Unallocated total.
    shown = workload[
        workload["is_lead_total"]
        | (workload["owner_filter"] != "unallocated")
        | workload["tactical_filter"].notna()
    ]
    # The open items' grades in rag.csv's order, as columns; blue (complete) has none.
    open_grades = [code for code in rag.codes if code != "blue"]
    table = shown.assign(
        tactical_lead=shown["tactical_lead"].fillna("All tactical leads"),
        next_due_on=shown["next_due_on"].map(app.long_date),
        link=timeline_owners.owner_links(shown, link_context),
    )
    st.dataframe(
        table[
            [
                "chief_officer_lead",
                "tactical_lead",
                "open",
                "overdue",
                "slipped",
                *open_grades,
                "not_recorded",
                "next_due_on",
                "stale",
                "link",
            ]
        ],
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(table), 700),
        column_config={
            "chief_officer_lead": st.column_config.TextColumn("Chief officer lead", pinned=True),
            "tactical_lead": st.column_config.TextColumn("Tactical lead"),
            "open": st.column_config.NumberColumn("Open"),
            "overdue": st.column_config.NumberColumn(
                "Overdue", help="Open and past the due date in force (a revised date, if any)"
            ),
            "slipped": st.column_config.NumberColumn(
                "Slipped", help="Open items whose due date was moved later than the report's"
            ),
            **{
                code: st.column_config.NumberColumn(
                    rag.label(code), help=escape.md(rag.meaning(code)) or None
                )
                for code in open_grades
            },
            "not_recorded": st.column_config.NumberColumn(
                "No position", help="No position recorded yet: no status and no RAG"
            ),
            "next_due_on": st.column_config.TextColumn("Next due"),
            "stale": st.column_config.NumberColumn(
                "Stale", help=f"No update for more than {stale_days} days"
            ),
            "link": st.column_config.LinkColumn("Items", display_text="View items"),
        },
    )
