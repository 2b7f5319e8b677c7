"""Overview: what is open, overdue, red and due soon as at a date, what moved since the last
meeting, and the RAG mix by inspection and by kind. The tiles are drawn here; the lists and
charts below them by oversight/headline_tables.py, from the rows this page's plan reads."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from oversight import (
    app,
    escape,
    headline_tables,
    headlines,
    notices,
    paging,
    pcc,
    periods,
    slippage,
    static_table,
)

view = app.current_view()
rag = app.rag()
as_at = view.as_at
when = app.long_date(as_at)

st.title("Overview")

plan = app.plan(meetings=("meetings_before", {"as_at": as_at}))
meetings = plan["meetings"]
asked_since = st.query_params.get("since")
chosen_since = headline_tables.since_picker(as_at) if meetings.empty else None
window = headlines.comparison_window(meetings, as_at, chosen_since)
if meetings.empty:
    # a ?since= the picker could not take (not a date, or out of range) is said, as text
    app.notice(
        notices.date_notice(
            "the date changes count from",
            asked_since,
            chosen_since or window.since,
            dt.date(2010, 1, 1),
            as_at,
        )
    )
elif asked_since is not None:
    app.notice(
        notices.reset(
            "changes counted from",
            asked_since,
            [],
            app.long_date(window.since),
            "but a committee meeting is recorded before the as-at date, and changes count from "
            "the last one",
        )
    )

# The rest of the page's queries, once the window is known: run ahead two at a time, read below.
scope = {"as_at": as_at, "force_id": view.force_id}
plan.add(
    kpis=(
        "overview_kpis",
        {
            **scope,
            "since": window.since,
            "prev_since": window.prev_since,
            "horizon_days": headlines.HORIZON_DAYS,
        },
    ),
    flagged=paging.paged("red_and_overdue", static_table.PAGE_ROWS, **scope),
    undatable=("overdue_undatable", scope),
    slipped_counts=("slipped_counts", {**scope, "since": window.since}),
    responses=("pcc_responses_attention", {**scope, "within_days": pcc.ATTENTION_DAYS}),
    slipped=paging.paged("slipped_findings", static_table.PAGE_ROWS, **scope),
    due=("due_next", {**scope, "max_rows": headlines.DUE_NEXT_ROWS}),
    moves=paging.paged("moves_since", static_table.PAGE_ROWS, **scope, since=window.since),
    by_inspection=("rag_by_inspection", {**scope, "max_inspections": headlines.MAX_INSPECTIONS}),
    by_kind=("rag_by_kind", scope),
    pending=("pending_signoff", scope),
    disagreements=("inspectorate_disagreements", scope),
)

if window.from_meeting:
    st.caption(
        f"{escape.md(view.force_name)} · as at {when} · changes {window.phrase()} "
        "(the last meeting before the as-at date). “Closed in period” counts the findings "
        "recorded as open then (or issued since) and closed, superseded or marked no further "
        "action since."
    )
else:
    st.caption(
        f"{escape.md(view.force_name)} · as at {when} · No committee meeting is recorded before {when}, so "
        f"changes count {window.phrase()}"
        + (
            " (the date you chose; “Follow the as-at date” goes back to the default)"
            if chosen_since is not None
            else f" ({periods.SINCE_RULE} the as-at date; pick another date above)"
        )
        + ". “Closed in period” counts the findings recorded as open then (or issued since) "
        "and closed, superseded or marked no further action since."
    )

kpis = plan["kpis"]
slipped_counts = plan["slipped_counts"]
all_tiles = headlines.tiles(kpis, window, as_at, rag)
all_tiles.insert(2, slippage.tile(slipped_counts, window))  # beside Overdue: the two differ
# Two rows of three: six tiles in one row cut their labels ("Closed in per…") at 1400 px.
columns = [column for _ in range(2) for column in st.columns(3)]
for column, tile in zip(columns, all_tiles, strict=True):
    column.metric(
        tile.label,
        tile.value,
        delta=tile.delta,
        delta_color=tile.delta_color,
        delta_description=tile.delta_description,
        help=tile.help,
        border=True,
    )
undatable_rows = plan["undatable"]
undatable = headlines.undatable_note(undatable_rows)
if undatable:  # beside Overdue: an undatable finding is never overdue, which is not good news
    columns[1].caption(f"⚠ {undatable}")
st.caption(headlines.workload_note(kpis))
responses_named = pcc.attention_markdown(plan["responses"])
if responses_named:
    st.warning(responses_named, icon=":material/gavel:")

headline_tables.red_and_overdue(
    plan["flagged"], int(undatable_rows["findings"].sum()), rag, as_at, view.link_context
)
headline_tables.slipped(plan["slipped"], slipped_counts, rag, as_at)
headline_tables.due_next(plan["due"], rag, when)
headline_tables.moves(plan["moves"], kpis, window, rag, when)
headline_tables.rag_mix(plan["by_inspection"], plan["by_kind"], rag, as_at, when, view.force_name)
headline_tables.signoff(plan["pending"], plan["disagreements"], when)
