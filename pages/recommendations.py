"""Recommendations explorer: filter every finding, share the view by URL, open a record, export.

The address is the view: each filter is a query parameter (oversight/explorer.py holds the
contract, oversight/explorer_view.py the sections that keep the widgets and the address in step);
validated values are bound as query parameters, never put into SQL."""

from __future__ import annotations

import streamlit as st

from oversight import app, escape, explorer, explorer_view, paging

view = app.current_view()
as_at = view.as_at
when = app.long_date(as_at)
options = app.explorer_options(view.force_id)
rag = app.rag()

explorer_view.seed_from_url(options)
st.title("Recommendations")
st.caption(
    f"{escape.md(view.force_name)} · as at {when} · every recommendation, area for improvement and cause of "
    "concern the force tracks, issued by that date. The address of this page holds the filters: "
    "copy it to share this view."
)
explorer_view.show_notices()
filters = explorer_view.filter_widgets(options)

# --- rows ------------------------------------------------------------------------------------
# A page of rows at a time (a national register matches tens of thousands); the count is of all.
shown = {"as_at": as_at, "force_id": view.force_id, **filters.query_params()}
unfiltered = {
    "as_at": as_at,
    "force_id": view.force_id,
    **explorer.Filters(closed=filters.with_completed).query_params(limit=1),
}
plan = app.plan(  # both at once
    rows=paging.paged("explorer_rows", **shown),
    everything=("explorer_rows", unfiltered),
)
page = plan["rows"]
rows = page.rows
matches = page.total
everything = plan["everything"]
total = int(everything[paging.TOTAL].iloc[0]) if not everything.empty else 0
described = explorer.describe(filters, options)
st.markdown(explorer.count_line(matches, total, described, filters, when))
paging.pager(
    page,
    noun="findings",
    hint=f"{explorer.sort_phrase(filters.sort)}, across every match; a column heading re-sorts "
    "only the rows on this page. Narrow the filters, or download every match below.",
)

event = explorer_view.table(rows, rag, filters, when)
record_id = explorer_view.chosen_record(event, rows)
filters = filters.with_record(record_id)
explorer_view.write_url(filters)
if not rows.empty:
    explorer_view.downloads(view, filters, described, matches, rag)

if record_id:
    about = {"as_at": as_at, "force_id": view.force_id, "rec_id": record_id}
    plan.add(
        record=("rec_record", about),
        family=("rec_family", about),
        history=("rec_history", {"as_at": as_at, "rec_id": record_id}),
        inspectorate=("inspectorate_latest", {"as_at": as_at, "rec_id": record_id}),
    )
    explorer_view.record(plan, record_id, view, rag, when)
