"""Inspections: the fieldwork and publication calendar, what was completed and received since the
last meeting, and what is coming."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oversight import app, charts, explorer, paging, paper, pcc, periods
from oversight.labels import INSPECTION_KIND_LABELS, kind_breakdown

view = app.current_view()
params = {"force_id": view.force_id, "as_at": view.as_at}
upcoming_params = {"horizon_days": periods.UPCOMING_DAYS, **params}
plan = app.plan(  # what needs no widget's value; the rest starts once the dates below are read
    context=("briefing/meeting_context", {"meeting_on": view.as_at}),
    upcoming=paging.paged("inspections_upcoming", **upcoming_params),
    undated=paging.paged("inspections_undated", force_id=view.force_id),
    responses=paging.paged("pcc_responses", **params),
)
context = plan["context"].iloc[0]
default_since, since_rule = paper.default_since(view.as_at, context["previous_held_on"])

st.title("Inspections")
st.caption(f"As at {app.long_date(view.as_at)}, for {view.force_name}.")

left, mid, right = st.columns(3)
since = left.date_input(
    "Since (the last meeting)",
    value=default_since,
    max_value=view.as_at,
    format="DD/MM/YYYY",
    key="since_meeting",
    bind="query-params",
    help="Completed and received lists start on this date. It defaults to the last meeting "
    "before the as-at date in meetings.csv.",
)
cal_from = mid.date_input(
    "Calendar from",
    value=(pd.Timestamp(view.as_at) - pd.DateOffset(months=12)).date(),
    format="DD/MM/YYYY",
    key="cal_from",
)
cal_to = right.date_input(
    "Calendar to",
    value=(pd.Timestamp(view.as_at) + pd.DateOffset(months=6)).date(),
    format="DD/MM/YYYY",
    key="cal_to",
)
if since == default_since:
    st.caption(f"“Since the last meeting” means {since_rule}.")
else:
    st.caption(f"“Since the last meeting” means since {app.long_date(since)} (chosen above).")


def kind_words(frame: pd.DataFrame) -> pd.Series:
    return frame["kind"].map(lambda k: INSPECTION_KIND_LABELS.get(k, k))


plan.add(
    events=("inspections_calendar", {"from_on": cal_from, "to_on": cal_to, **params}),
    completed=paging.paged("inspections_completed_since", since=since, **params),
    received=paging.paged("inspections_received_since", since=since, **params),
)
events = plan["events"]
if events.empty:
    st.info(
        f"No fieldwork or publication is recorded between {app.long_date(cal_from)} "
        f"and {app.long_date(cal_to)}."
    )
else:
    st.plotly_chart(
        app.figure(charts.inspection_calendar_figure, events, view.as_at), width="stretch"
    )
    st.caption(
        "Fieldwork with no end date, or not yet started, is shown as planned, for the length its "
        "wording gives (“for a maximum of two weeks”), or as a single day when it gives none."
    )

st.header("Completed since the last meeting")
completed_page = plan["completed"]
completed = completed_page.rows
if completed.empty:
    st.write(f"No inspection fieldwork ended between {app.long_date(since)} and the as-at date.")
else:
    paging.pager(completed_page, noun="inspections")
    st.dataframe(
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
        hide_index=True,
        width="stretch",
        column_config={
            "Fieldwork from": st.column_config.DateColumn(format="D MMM YYYY"),
            "Fieldwork to": st.column_config.DateColumn(format="D MMM YYYY"),
        },
    )

st.header("Received since the last meeting")
received_page = plan["received"]
received = received_page.rows
if received.empty:
    st.write(f"No report was published between {app.long_date(since)} and the as-at date.")
else:
    paging.pager(received_page, noun="reports")
    links = [
        explorer.url(explorer.Filters(inspection=i), context=view.link_context)
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
    st.dataframe(
        pd.DataFrame(
            {
                "Published": received["published_on"],
                "Inspection": received["title"],
                "Kind": kind_words(received),
                "Findings": findings,
                "Owners (chief officer leads)": received["owners"],
                "Without an owner": received["without_owner"],
                "Findings in the explorer": links,
                "Also recorded as": received["published_text"],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=explorer.MISSING,
        row_height=explorer.WRAPPED_ROW_PX,
        height=explorer.table_height(len(received), explorer.WRAPPED_ROW_PX),
        # Every column fits the main column at 1400 px, its text wrapped.
        column_config={
            "Published": st.column_config.DateColumn(format="D MMM YYYY", width=88),
            "Inspection": st.column_config.TextColumn(width=190),
            "Kind": st.column_config.TextColumn(width=100),
            "Findings": st.column_config.TextColumn(width=150),
            "Owners (chief officer leads)": st.column_config.TextColumn(
                "Chief officer leads", width=135
            ),
            "Without an owner": st.column_config.NumberColumn(
                "No owner", width=82, help="Findings with no chief officer lead"
            ),
            "Findings in the explorer": st.column_config.LinkColumn(
                "Explorer",
                display_text="Open",
                width=76,
                help="This report's findings in the Recommendations explorer",
            ),
            "Also recorded as": st.column_config.TextColumn(width=119),
        },
    )
    st.caption(
        "A report counts as received when it was published on or after the “since” date and on "
        "or before the as-at date. “Also recorded as” is the publication as another source words "
        "it, where the sources differ."
    )

st.header("The PCC's responses")
responses_page = plan["responses"]
responses = responses_page.rows
if responses.empty:
    st.write(f"No report was published by {app.long_date(view.as_at)}.")
else:
    st.markdown(pcc.summary_sentence(responses, responses_page.total, view.as_at))
    paging.pager(responses_page, noun="reports", hint="Overdue and due first.")
    st.dataframe(
        pcc.responses_frame(responses),
        hide_index=True,
        width="stretch",
        placeholder=explorer.MISSING,
        row_height=explorer.WRAPPED_ROW_PX,
        height=explorer.table_height(len(responses), explorer.WRAPPED_ROW_PX),
        column_config={
            "Report": st.column_config.TextColumn(width=260),
            "Published": st.column_config.DateColumn(format="D MMM YYYY", width=95),
            "Findings": st.column_config.NumberColumn(
                width=75, help="Findings the force tracks from the report"
            ),
            "Response due": st.column_config.DateColumn(format="D MMM YYYY", width=105),
            "Response": st.column_config.TextColumn(width=250),
            "Published response": st.column_config.LinkColumn(
                "Link", display_text="Open", width=70, help="The published response"
            ),
        },
    )
    st.caption(pcc.EXPLAINED)

st.header("Upcoming")
upcoming_page = plan["upcoming"]
upcoming = upcoming_page.rows
if upcoming.empty:
    st.write("No inspection fieldwork is recorded as starting in the year after the as-at date.")
else:
    st.caption("Fieldwork starting in the year after the as-at date, the soonest first.")
    paging.pager(upcoming_page, noun="inspections")
    st.dataframe(
        pd.DataFrame(
            {
                "Fieldwork from": upcoming["fieldwork_start"],
                "Inspection": upcoming["title"],
                "Kind": kind_words(upcoming),
                "Fieldwork as worded": upcoming["fieldwork_text"],
                "Report expected": upcoming["expected_publication"],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=explorer.MISSING,
        row_height=explorer.WRAPPED_ROW_PX,
        height=explorer.table_height(len(upcoming), explorer.WRAPPED_ROW_PX),
        column_config={
            "Fieldwork from": st.column_config.DateColumn(format="D MMM YYYY", width=108),
            "Inspection": st.column_config.TextColumn(width=230),
            "Kind": st.column_config.TextColumn(width=125),
            "Fieldwork as worded": st.column_config.TextColumn(width=332),
            "Report expected": st.column_config.TextColumn(width=140),
        },
    )

undated_page = plan["undated"]
undated = undated_page.rows
if not undated.empty:
    st.subheader("Recorded without dates")
    paging.pager(undated_page, noun="inspections")
    st.dataframe(
        pd.DataFrame(
            {
                "Inspection or activity": undated["title"],
                "Kind": kind_words(undated),
                "Timing as worded": undated["fieldwork_text"],
                "Expected": undated["expected_publication"],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=explorer.MISSING,
    )

st.caption(app.OGL_ATTRIBUTION)
