"""PEEL grades: the force's grade matrix, year-on-year moves within a scale, peers, the national
picture, and the findings in the tracker behind the grades. The sections are drawn by
oversight/grade_sections.py; the queries are this page's plan."""

from __future__ import annotations

import streamlit as st

from oversight import app, charts, escape, grade_sections
from oversight.labels import PILLAR_LABELS, label

view = app.current_view()

st.title("PEEL grades")
if view.force_id is None:
    st.info("The data holds no force to show PEEL grades for.")
    st.stop()

# The matrix's toggle is drawn before any query is declared, so the whole first set starts at
# once with the toggle's value; the caption above it waits for the cycles in a slot of its own.
caption = st.empty()
st.info(charts.SCALE_CAUTION, icon=":material/compare_arrows:")
st.header("Grades by area and cycle")
show_all = st.toggle(
    "Show every area of each cycle's framework",
    key="peel_all_areas",
    help="By default the matrix shows the areas and cycles for which the data holds a grade "
    "for this force.",
)
FORCE = {"force_id": view.force_id}
plan = app.plan(
    cycles=("peel_cycles", FORCE),
    matrix=("peel_grade_matrix", {**FORCE, "show_all_areas": show_all}),
    forces=("peel_forces", FORCE),
    scales=("peel_scales", {}),
    findings=("peel_findings_by_area", {**FORCE, "as_at": view.as_at}),
)
cycles = plan["cycles"]
graded_cycles = cycles[cycles["grades"] > 0]
force_cycles = cycles[cycles["force_grades"] > 0]
caption.caption(
    f"{escape.md(view.force_name)} · HMICFRS PEEL grades, {int(force_cycles['force_grades'].sum())} in the "
    f"data for this force across {len(force_cycles)} cycles · every grade with its source below"
)

# --- The grade matrix ------------------------------------------------------------------------
matrix = plan["matrix"]
pillars = list(dict.fromkeys(matrix.loc[matrix["grade_rank"].notna(), "row_pillar"]))
# The moves' pillar is chosen below the matrix; its control is drawn first (into its place
# below), so the moves' queries start with its value while the matrix is drawn.
drawn_matrix = st.container()
st.header("Year-on-year moves")
if pillars:
    pillar = st.segmented_control(
        "Pillar",
        pillars,
        default=pillars[0],
        format_func=lambda p: label(PILLAR_LABELS, p),
        key="peel_moves_pillar",
    )
    pillar = pillar or pillars[0]
    plan.add(
        counts=("peel_move_counts", {**FORCE, "pillar": pillar}),
        trend=("peel_grade_trend", {**FORCE, "pillar": pillar}),
        moves=("peel_moves", {**FORCE, "pillar": pillar}),
    )
with drawn_matrix:
    grade_sections.matrix(matrix, cycles, view.force_name)
if not pillars:
    st.write("No ranked grades to compare for this force.")
else:
    grade_sections.moves(pillar, plan["counts"], plan["trend"], plan["scales"], plan["moves"])

st.header("Compared with peers")
cycle_options = list(graded_cycles["cycle"])
default_cycle = cycles.loc[cycles["is_default"], "cycle"]
default_index = (
    cycle_options.index(default_cycle.iloc[0])
    if len(default_cycle) and default_cycle.iloc[0] in cycle_options
    else len(cycle_options) - 1
)
grade_sections.peers(
    plan, plan["forces"], cycle_options, default_index, view.force_id, view.force_name
)
st.header("The national picture")
grade_sections.national(plan, cycle_options, default_index, view.force_id, view.force_name)
st.header("Findings behind the grades")
grade_sections.findings(plan["findings"], view.as_at, view.force_name, view.link_context)

st.divider()
st.caption(
    app.OGL_ATTRIBUTION + " Grades as published by HMICFRS; each grade's source is listed "
    "under the matrix."
)
