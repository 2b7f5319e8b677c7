"""Inspections: the fieldwork and publication calendar, what was completed and received since the
last meeting, and what is coming."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from oversight import app, briefing, charts
from oversight.labels import INSPECTION_KIND_LABELS

view = app.current_view()
context = app.query("briefing/meeting_context", meeting_on=view.as_at).iloc[0]
default_since, since_rule = briefing.default_since(view.as_at, context["previous_held_on"])

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


params = {"force_id": view.force_id, "as_at": view.as_at}
events = app.query("inspections_calendar", from_on=cal_from, to_on=cal_to, **params)
if events.empty:
    st.info(
        f"No fieldwork or publication is recorded between {app.long_date(cal_from)} "
        f"and {app.long_date(cal_to)}."
    )
else:
    st.plotly_chart(charts.inspection_calendar_figure(events, view.as_at), width="stretch")
    st.caption(
        "Fieldwork with no end date, or not yet started, is shown as planned, for the length its "
        "wording gives (“for a maximum of two weeks”), or as a single day when it gives none."
    )

st.header("Completed since the last meeting")
completed = app.query("inspections_completed_since", since=since, **params)
if completed.empty:
    st.write(f"No inspection fieldwork ended between {app.long_date(since)} and the as-at date.")
else:
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
received = app.query("inspections_received_since", since=since, **params)
if received.empty:
    st.write(f"No report was published between {app.long_date(since)} and the as-at date.")
else:
    links = ["recommendations?" + urlencode({"inspection": i}) for i in received["inspection_id"]]
    st.dataframe(
        pd.DataFrame(
            {
                "Published": received["published_on"],
                "Inspection": received["title"],
                "Kind": kind_words(received),
                "Findings": received["findings"],
                "Recommendations": received["recommendations"],
                "Areas for improvement": received["areas_for_improvement"],
                "Causes of concern": received["causes_of_concern"],
                "Owners (chief officer leads)": received["owners"].fillna("—"),
                "Without an owner": received["without_owner"],
                "Also recorded as": received["published_text"].fillna("—"),
                "Findings in the explorer": links,
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "Published": st.column_config.DateColumn(format="D MMM YYYY"),
            "Findings in the explorer": st.column_config.LinkColumn(display_text="Open"),
        },
    )
    st.caption(
        "A report counts as received when it was published on or after the “since” date and on "
        "or before the as-at date. “Also recorded as” is the publication as another source words "
        "it, where the sources differ."
    )

st.header("Upcoming")
upcoming = app.query("inspections_upcoming", **params)
if upcoming.empty:
    st.write("No inspection fieldwork is recorded as starting after the as-at date.")
else:
    st.dataframe(
        pd.DataFrame(
            {
                "Fieldwork from": upcoming["fieldwork_start"],
                "Inspection": upcoming["title"],
                "Kind": kind_words(upcoming),
                "Fieldwork as worded": upcoming["fieldwork_text"],
                "Report expected": upcoming["expected_publication"].fillna("—"),
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"Fieldwork from": st.column_config.DateColumn(format="D MMM YYYY")},
    )

undated = app.query("inspections_undated", force_id=view.force_id)
if not undated.empty:
    st.subheader("Recorded without dates")
    st.dataframe(
        pd.DataFrame(
            {
                "Inspection or activity": undated["title"],
                "Kind": kind_words(undated),
                "Timing as worded": undated["fieldwork_text"].fillna("—"),
                "Expected": undated["expected_publication"].fillna("—"),
            }
        ),
        hide_index=True,
        width="stretch",
    )

st.caption(app.OGL_ATTRIBUTION)
