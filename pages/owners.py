"""Owners: open workload per chief officer lead and tactical lead, due dates per quarter, and
links into the Recommendations explorer filtered to each owner."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from oversight import app, calendar_feed, charts, due_tables, escape, timeline_owners

view = app.current_view()


scope = {"as_at": view.as_at, "force_id": view.force_id}
by_quarter = {"quarters": timeline_owners.HEATMAP_QUARTERS, **scope}
plan = app.plan(
    workload=("owner_workload", scope),
    national=("owner_national_body_items", scope),
    due=("owner_due_by_quarter", by_quarter),
    vocabulary=("vocabulary", {}),
)
rag = app.rag()
stale_days = int(plan["vocabulary"]["stale_days"].iloc[0])

st.title("Owners")
st.caption(f"{escape.md(view.force_name)} · as at {app.long_date(view.as_at)}")

workload = plan["workload"]
national = int(plan["national"]["national_body_open"].iloc[0])
leads = workload[workload["is_lead_total"]]
unallocated = leads[leads["owner_filter"] == "unallocated"]

if national == 1:
    national_words = "1 open recommendation addressed to a national body is"
elif national:
    national_words = f"{national:,} open recommendations addressed to national bodies are"
else:
    national_words = "Recommendations addressed to national bodies (none open now) are"
st.info(
    f"{national_words} not the force's to deliver, so they are left out of every figure on "
    "this page.",
    icon=":material/info:",
)

# Two rows of three: six in one row cut their labels ("Open items (force wor…") at 1400 px.
tiles = [column for _ in range(2) for column in st.columns(3)]
tiles[0].metric("Open items (force workload)", f"{int(leads['open'].sum()):,}")
tiles[1].metric("Overdue", f"{int(leads['overdue'].sum()):,}")
tiles[2].metric(
    "Slipped",
    f"{int(leads['slipped'].sum()):,}",
    help="Open items whose due date was moved later than the report's. Past the original date "
    "but within the revised one is slipped, not overdue.",
)
tiles[3].metric(
    "Leads with open items",
    f"{int((leads['owner_filter'] != 'unallocated').sum()):,}",
    help="Chief officer leads named on at least one open item.",
)
tiles[4].metric("Unallocated", f"{int(unallocated['open'].sum()):,}")
tiles[5].metric(f"Stale (no update for {stale_days}+ days)", f"{int(leads['stale'].sum()):,}")

if workload.empty:
    st.write(f"No open force workload as at {app.long_date(view.as_at)}.")
    st.stop()

if not unallocated.empty:
    n_unallocated = int(unallocated["open"].iloc[0])
    if n_unallocated == 1:
        none_words = "1 open item has no chief officer lead.** It is a row of its own"
    else:
        none_words = (
            f"{n_unallocated:,} open items have no chief officer lead.** They are a row of "
            "their own"
        )
    st.warning(
        f"**{none_words}, *Unallocated*, at the foot of the table.",
        icon=":material/person_off:",
    )

st.header("Workload by owner")
st.caption(
    "For each chief officer lead, a row for *All tactical leads* (the lead's total), then one "
    "per tactical lead. Counts are open items. **Next due** is the earliest due date "
    "not yet passed. **Slipped**: the due date was moved later than the report's (not "
    "overdue while within the revised date). **Stale**: no update for more than "
    f"{stale_days} days before the as-at date. "
    "**Items** opens the Recommendations explorer filtered to that owner."
)
due_tables.workload(workload, rag, stale_days, view.link_context)

st.header("When it falls due")
due = plan["due"]
st.plotly_chart(app.figure(charts.due_quarter_heatmap, due), width="stretch", theme=None)
st.caption(
    f"Each cell counts a chief officer lead's open items: already overdue, falling due in each "
    f"calendar quarter of the next {timeline_owners.HEATMAP_QUARTERS // 4} years from the as-at date, "
    "later than that, or with no due date."
)

st.header("Due dates in your calendar")
owner_choice = st.selectbox(
    "Calendar for",
    ["Every owner"] + sorted(leads["chief_officer_lead"].dropna().astype(str).unique()),
    key="calendar_owner",
    help="An iCalendar file (.ics): due dates of open items, inspection fieldwork and "
    "publications. Each event keeps its identifier, so importing a newer file updates the "
    "events instead of adding them twice.",
)
calendar_owner = None if owner_choice == "Every owner" else owner_choice
events = plan.add(events=("calendar_events", {**scope, "owner": calendar_owner}))["events"]
calendar_name = f"HMICFRS dates: {calendar_owner or view.force_name}"
st.download_button(
    f"Download the calendar ({len(events):,} dates)",
    # made when clicked, not on every rerun (a sixth of the page's time at national)
    lambda: calendar_feed.calendar(
        events, calendar_name, dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    ),
    file_name="oversight-due-dates.ics",
    mime="text/calendar",
    icon=":material/calendar_month:",
    on_click="ignore",
)
