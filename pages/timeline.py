"""Timeline: open items on a time axis from issue to due date, the as-at line, items with no due
date beside the chart, and what falls due soon."""

from __future__ import annotations

import streamlit as st

from oversight import app, charts, due_tables, escape, phone, timeline_owners

view = app.current_view()
rag = app.rag()
scope = {"as_at": view.as_at, "force_id": view.force_id}

st.title("Timeline")
st.caption(f"{escape.md(view.force_name)} · as at {app.long_date(view.as_at)}")

controls = st.columns([2, 3, 2])
# Bound selection widgets carry the option's words in the URL (?group_by=Chief officer lead).
group_by_word = controls[0].segmented_control(
    "Group by",
    list(timeline_owners.GROUP_BY_WORDS),
    default="Inspection",
    required=True,
    key="group_by",
    bind="query-params",
)
group_by = timeline_owners.GROUP_BY_WORDS[group_by_word]
# "Due soon", at the foot of the page, has a window of its own: its control is drawn first, into
# its place below the chart, so every query of the page starts at once with the widgets' values.
body = st.container()
st.header("Due soon")
window = st.segmented_control(
    "Falling due within (days)",
    timeline_owners.DUE_SOON_WINDOWS,
    default=timeline_owners.DEFAULT_DUE_WITHIN,
    required=True,
    key="due_within",
    bind="query-params",
)
plan = app.plan(
    groups=("timeline_groups", {"group_by": group_by, **scope}),
    undated=("timeline_undated", scope),
    due=("due_soon", {"days": int(window), **scope}),
)
with body:
    groups = plan["groups"]
    keys = dict(zip(groups["group_label"], groups["group_key"], strict=False))
    counts = dict(zip(groups["group_key"], groups["items"], strict=True))
    total = int(groups["items"].sum())
    shown = controls[1].selectbox(
        "Show",
        [timeline_owners.ALL_GROUPS, *keys],
        key="group",
        bind="query-params",
        help="Narrow the chart to one group. With every group, more items than **Bars at most** "
        "are drawn as one bar per group.",
    )
    group = keys.get(shown)
    max_bars = controls[2].select_slider(
        "Bars at most",
        timeline_owners.BAR_LIMITS,
        value=timeline_owners.DEFAULT_BAR_LIMIT,
        key="bars",
        bind="query-params",
        help="Above this many items the chart draws one bar per group instead of one per item.",
    )

    undated = plan["undated"]
    selected = counts[group] if group else total
    shape = timeline_owners.plan_timeline(
        selected, len(groups), int(max_bars), one_group=group is not None
    )

    tiles = st.columns(3)
    tiles[0].metric(
        "Open items with a due date" + (f" ({escape.md(shown)})" if group else ""),
        f"{selected:,}" + ("" if not group else f" of {total:,}"),
    )
    overdue = groups.loc[groups["group_key"] == group, "overdue"] if group else groups["overdue"]
    tiles[1].metric(
        "Overdue" + (f" ({escape.md(shown)})" if group else ""), f"{int(overdue.sum()):,}"
    )
    tiles[2].metric(
        "Open items with no due date",
        f"{len(undated):,}",
        help="Listed under the chart (every group).",
    )

    if groups.empty:
        st.info(
            f"No open item has a due date as at {app.long_date(view.as_at)}: "
            "there is nothing to place on the time axis."
        )
    elif shape.mode == "groups":
        st.info(shape.message, icon=":material/stacked_bar_chart:")
        # Vega-Lite: redrawn in place at a sidebar change (oversight/charts/due_dates.py)
        data, spec = app.figure(
            charts.timeline_group_vega,
            groups.head(shape.bars),
            view.as_at,
            timeline_owners.GROUP_BY[group_by],
            rag,
        )
        with st.container(key="wide_timeline_groups"):
            st.vega_lite_chart(data, spec, width="stretch")
        # A phone reads a list: a time axis 300 px wide shows nothing.
        with st.container(key="phone_timeline_groups"):
            st.markdown(phone.timeline_groups_list(groups.head(shape.bars)))
    else:
        plan.add(
            items=(
                "timeline_items",
                {"group_by": group_by, "group": group, "limit": shape.bars, **scope},
            )
        )
        items = plan["items"]
        if shape.message:
            st.info(shape.message, icon=":material/filter_alt:")
        with st.container(key="wide_timeline_items"):
            st.plotly_chart(
                app.figure(charts.timeline_bars, items, view.as_at, rag),
                width="stretch",
                theme=None,
            )
        with st.container(key="phone_timeline_items"):
            st.markdown(phone.timeline_items_list(items, rag))
    st.container(key="wide_timeline_caption").caption(
        "Bars run from the report's publication to the item's due date; the dashed line is the "
        "as-at date. Overdue bars are hatched and a ✕ marks the missed due date. A bar whose due "
        "date was revised ends at the date in force, and a grey tick marks the original date "
        "(hover says how far it slipped and why). A bar per group has a heavy dark outline when "
        "it holds overdue items, and its words count the overdue and slipped ones. A "
        "due date counted from a relative deadline (\u201cwithin six months\u201d) shows the "
        "words as written on hover."
    )

    due_tables.undated(undated, rag)

due_tables.due_soon(plan["due"], int(window), view.as_at, view.link_context, rag)
