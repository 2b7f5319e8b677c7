"""The Inspections page's lists (pages/inspections.py draws them in order, under its calendar):
completed and received since the last meeting, the PCC's responses, upcoming, and inspections
recorded without dates. Each takes a page of rows the page's plan read, and is drawn as a static
table (oversight/static_table.py), as a committee paper prints it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from oversight import app, explorer, paging, pcc, static_table
from oversight.labels import INSPECTION_KIND_LABELS, kind_breakdown


def kind_words(frame: pd.DataFrame) -> pd.Series:
    """Each row's kind of inspection in words (an unknown code as itself)."""
    return frame["kind"].map(lambda k: INSPECTION_KIND_LABELS.get(k, k))


def completed(completed_page: paging.Page, since: dt.date) -> None:
    """Fieldwork that ended since the date (queries/inspections_completed_since.sql)."""
    completed = completed_page.rows
    if completed.empty:
        st.write(
            f"No inspection fieldwork ended between {app.long_date(since)} and the as-at date."
        )
    else:
        paging.pager(completed_page, noun="inspections")
        static_table.show(
            pd.DataFrame(
                {
                    "Inspection": completed["title"],
                    "Kind": kind_words(completed),
                    "Fieldwork from": completed["fieldwork_start"],
                    "Fieldwork to": completed["fieldwork_end"],
                    "Fieldwork as worded": completed["fieldwork_text"],
                    "Report expected": completed["expected_publication"],
                }
            ),
            dates=["Fieldwork from", "Fieldwork to"],
        )


def received(received_page: paging.Page, since: dt.date, link_context: dict) -> None:
    """Reports published since the date, with their findings, owners and a link to them in the
    explorer (queries/inspections_received_since.sql)."""
    received = received_page.rows
    if received.empty:
        st.write(f"No report was published between {app.long_date(since)} and the as-at date.")
    else:
        paging.pager(received_page, noun="reports")
        links = [
            explorer.url(explorer.Filters(inspection=i), context=link_context)
            for i in received["inspection_id"]
        ]
        findings = [
            kind_breakdown({"recommendation": r, "area_for_improvement": a, "cause_of_concern": c})
            for r, a, c in zip(
                received["recommendations"],
                received["areas_for_improvement"],
                received["causes_of_concern"],
                strict=True,
            )
        ]
        static_table.show(
            pd.DataFrame(
                {
                    "Published": received["published_on"],
                    "Inspection": received["title"],
                    "Kind": kind_words(received),
                    "Findings": findings,
                    "Chief officer leads": received["owners"],
                    "No owner": received["without_owner"],
                    "Explorer": links,
                    "Also recorded as": received["published_text"],
                }
            ),
            dates=["Published"],
            links={"Explorer": "Open"},
        )
        st.caption(
            "A report counts as received when it was published on or after the “since” date and on "
            "or before the as-at date. “Also recorded as” is the publication as another source words "
            "it, where the sources differ."
        )


def responses(responses_page: paging.Page, as_at: dt.date) -> None:
    """The PCC's statutory response to each report (queries/pcc_responses.sql)."""
    responses = responses_page.rows
    if responses.empty:
        st.write(f"No report was published by {app.long_date(as_at)}.")
    else:
        st.markdown(pcc.summary_sentence(responses, responses_page.total, as_at))
        paging.pager(responses_page, noun="reports", hint="Overdue and due first.")
        static_table.show(
            pcc.responses_frame(responses),
            dates=["Published", "Response due"],
            links={"Published response": "Open"},
        )
        st.caption(pcc.EXPLAINED)


def upcoming(upcoming_page: paging.Page) -> None:
    """Fieldwork starting in the year after the as-at date (queries/inspections_upcoming.sql)."""
    upcoming = upcoming_page.rows
    if upcoming.empty:
        st.write(
            "No inspection fieldwork is recorded as starting in the year after the as-at date."
        )
    else:
        st.caption("Fieldwork starting in the year after the as-at date, the soonest first.")
        paging.pager(upcoming_page, noun="inspections")
        static_table.show(
            pd.DataFrame(
                {
                    "Fieldwork from": upcoming["fieldwork_start"],
                    "Inspection": upcoming["title"],
                    "Kind": kind_words(upcoming),
                    "Fieldwork as worded": upcoming["fieldwork_text"],
                    "Report expected": upcoming["expected_publication"],
                }
            ),
            dates=["Fieldwork from"],
        )


def undated(undated_page: paging.Page) -> None:
    """Inspections recorded without dates, if any (queries/inspections_undated.sql)."""
    undated = undated_page.rows
    if not undated.empty:
        st.subheader("Recorded without dates")
        paging.pager(undated_page, noun="inspections")
        static_table.show(
            pd.DataFrame(
                {
                    "Inspection or activity": undated["title"],
                    "Kind": kind_words(undated),
                    "Timing as worded": undated["fieldwork_text"],
                    "Expected": undated["expected_publication"],
                }
            )
        )
