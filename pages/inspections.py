"""Inspections: the fieldwork and publication calendar, what was completed and received since the
last meeting, and what is coming. The lists under the calendar are drawn by
oversight/inspection_lists.py from the rows this page's plan reads."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from oversight import (
    app,
    charts,
    escape,
    inspection_lists,
    notices,
    paging,
    paper,
    periods,
    static_table,
)

view = app.current_view()
params = {"force_id": view.force_id, "as_at": view.as_at}
upcoming_params = {"horizon_days": periods.UPCOMING_DAYS, **params}
plan = app.plan(  # what needs no widget's value; the rest starts once the dates below are read
    context=("briefing/meeting_context", {"meeting_on": view.as_at}),
    upcoming=paging.paged("inspections_upcoming", static_table.PAGE_ROWS, **upcoming_params),
    undated=paging.paged("inspections_undated", static_table.PAGE_ROWS, force_id=view.force_id),
    responses=paging.paged("pcc_responses", static_table.PAGE_ROWS, **params),
)
context = plan["context"].iloc[0]
default_since, since_rule = paper.default_since(view.as_at, context["previous_held_on"])

st.title("Inspections")
st.caption(f"As at {app.long_date(view.as_at)}, for {escape.md(view.force_name)}.")

left, mid, right = st.columns(3)
asked_since = st.query_params.get("since_meeting")
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
app.notice(
    notices.date_notice(
        "the date to list from", asked_since, since, dt.date(1970, 1, 1), view.as_at
    )
)
if since == default_since:
    st.caption(f"“Since the last meeting” means {since_rule}.")
else:
    st.caption(f"“Since the last meeting” means since {app.long_date(since)} (chosen above).")

plan.add(
    events=("inspections_calendar", {"from_on": cal_from, "to_on": cal_to, **params}),
    completed=paging.paged(
        "inspections_completed_since", static_table.PAGE_ROWS, since=since, **params
    ),
    received=paging.paged(
        "inspections_received_since", static_table.PAGE_ROWS, since=since, **params
    ),
)
events = plan["events"]
if events.empty:
    st.info(
        f"No fieldwork or publication is recorded between {app.long_date(cal_from)} "
        f"and {app.long_date(cal_to)}."
    )
else:
    # Vega-Lite: redrawn in place at a change (oversight/charts/inspection_calendar.py)
    st.vega_lite_chart(
        *app.figure(charts.inspection_calendar_vega, events, view.as_at), width="stretch"
    )
    st.caption(
        "Fieldwork with no end date, or not yet started, is shown as planned, for the length its "
        "wording gives (“for a maximum of two weeks”), or as a single day when it gives none."
    )

st.header("Completed since the last meeting")
inspection_lists.completed(plan["completed"], since)
st.header("Received since the last meeting")
inspection_lists.received(plan["received"], since, view.link_context)
st.header("The PCC's responses")
inspection_lists.responses(plan["responses"], view.as_at)
st.header("Upcoming")
inspection_lists.upcoming(plan["upcoming"])
inspection_lists.undated(plan["undated"])

st.caption(app.OGL_ATTRIBUTION)
