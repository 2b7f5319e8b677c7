"""PEEL grades: the force's grade matrix, year-on-year moves within a scale, peers, the national
picture, and the findings in the tracker behind the grades."""

from __future__ import annotations

import streamlit as st

from oversight import app, charts, grades
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
    f"{view.force_name} · HMICFRS PEEL grades, {int(force_cycles['force_grades'].sum())} in the "
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
    st.plotly_chart(
        app.figure(
            charts.grade_matrix, matrix, title=f"{view.force_name}: PEEL grades by area and cycle"
        ),
        width="stretch",
        key="peel_matrix",
    )
    st.caption(
        "Each row follows one area across cycles, even where HMICFRS reworded it (hover a cell for "
        "the wording of that cycle and the grade's source). *No grade in data*: the grade is not "
        "known here, not that the force was ungraded. *Ungraded area*: HMICFRS gave no graded "
        "judgment for that area in that cycle. A blank cell: the area was not part of that cycle's "
        "framework."
    )
    missing = cycles[(cycles["force_grades"] == 0) & (cycles["grades"] > 0)]
    if not missing.empty:
        st.caption(
            "No grades in the data for this force in: " + ", ".join(missing["cycle"]) + " "
            f"(other forces have {int(missing['grades'].sum())} grades in those cycles)."
        )
    with st.expander("Sources of these grades"):
        st.dataframe(
            grades.sources_table(matrix),
            hide_index=True,
            width="stretch",
            column_config={"Source": st.column_config.LinkColumn("Source", width="large")},
        )

# --- Year-on-year moves ------------------------------------------------------------------------
if not pillars:
    st.write("No ranked grades to compare for this force.")
else:
    counts = plan["counts"]
    st.markdown(
        f"**{label(PILLAR_LABELS, pillar)}**, each grade against the same area's previous grade "
        f"on the same scale: {grades.move_counts_sentence(counts)}."
    )
    trend = plan["trend"]
    st.plotly_chart(
        app.figure(
            charts.grade_trend,
            trend,
            plan["scales"],
            title=f"{label(PILLAR_LABELS, pillar)}: grade by cycle, one line per area",
        ),
        width="stretch",
        key="peel_trend",
    )
    st.caption(
        "Lines join an area's grades within one scale only, and are nudged apart a little so "
        "that areas on the same grade stay visible. A cycle with no grade in the data is skipped."
    )
    moves = plan["moves"]
    st.dataframe(
        grades.moves_table(moves),
        hide_index=True,
        width="stretch",
        height=grades.table_height(len(moves)),
        # Widths add up to the main column at 1400 px, with room for the longest area's words.
        column_config={
            "Area": st.column_config.TextColumn(width=290),
            "Move": st.column_config.TextColumn(width=185),
            "From": st.column_config.TextColumn(width=70),
            "Grade then": st.column_config.TextColumn(width=160),
            "To": st.column_config.TextColumn(width=70),
            "Grade now": st.column_config.TextColumn(width=165),
        },
    )

# --- Peers -----------------------------------------------------------------------------------
st.header("Compared with peers")
forces = plan["forces"]
names = dict(zip(forces["force_id"], forces["name"], strict=True))
region = forces.loc[forces["is_selected"], "region"]
region_words = (
    str(region.iloc[0]).replace("_", " ").title()
    if len(region) and isinstance(region.iloc[0], str)
    else "no region"
)
cycle_options = list(graded_cycles["cycle"])
default_cycle = cycles.loc[cycles["is_default"], "cycle"]
default_index = (
    cycle_options.index(default_cycle.iloc[0])
    if len(default_cycle) and default_cycle.iloc[0] in cycle_options
    else len(cycle_options) - 1
)
left, middle, right = st.columns([1, 1, 3])
peer_cycle = left.selectbox("Cycle", cycle_options, index=default_index, key="peel_peer_cycle")
peer_areas = plan.add(peer_areas=("peel_cycle_areas", {"cycle": peer_cycle}))["peer_areas"]
peer_pillars = list(dict.fromkeys(peer_areas["pillar"]))
peer_pillar = middle.selectbox(
    "Pillar",
    peer_pillars,
    format_func=lambda p: label(PILLAR_LABELS, p),
    key="peel_peer_pillar",
)
peer_ids = right.multiselect(
    "Peer forces",
    [f for f in forces["force_id"] if f != view.force_id],
    default=list(forces.loc[forces["is_default_peer"], "force_id"]),
    format_func=names.get,
    key="peel_peers",
    help=f"By default, the forces that share {view.force_name}'s region ({region_words}). "
    "Add or remove any force.",
)
plan.add(
    grid=(
        "peel_peer_grid",
        {**FORCE, "peer_ids": list(peer_ids), "cycle": peer_cycle, "pillar": peer_pillar},
    )
)
grid = plan["grid"]
st.plotly_chart(
    app.figure(
        charts.peer_grade_grid,
        grid,
        title=f"{peer_cycle} {label(PILLAR_LABELS, peer_pillar).lower()}: "
        f"{view.force_name} and {len(peer_ids)} peer force{'s' if len(peer_ids) != 1 else ''}",
    ),
    width="stretch",
    key="peel_peers_grid",
)

# --- National picture --------------------------------------------------------------------------
st.header("The national picture")
left, middle, right = st.columns([1, 1, 3])
nat_cycle = left.selectbox("Cycle", cycle_options, index=default_index, key="peel_nat_cycle")
nat_areas = plan.add(nat_areas=("peel_cycle_areas", {"cycle": nat_cycle}))["nat_areas"]
nat_areas = nat_areas[nat_areas["forces_graded"] > 0]
nat_pillars = list(dict.fromkeys(nat_areas["pillar"]))
nat_pillar = middle.selectbox(
    "Pillar",
    nat_pillars,
    format_func=lambda p: label(PILLAR_LABELS, p),
    key="peel_nat_pillar",
)
pillar_areas = nat_areas[nat_areas["pillar"] == nat_pillar]
area_counts = dict(zip(pillar_areas["area"], pillar_areas["forces_graded"], strict=True))
nat_area = right.selectbox(
    "Area",
    list(pillar_areas["area"]),
    format_func=lambda a: f"{a} ({area_counts[a]} forces graded)",
    key="peel_nat_area",
)
if nat_area is not None:
    plan.add(
        dist=(
            "peel_national_distribution",
            {**FORCE, "cycle": nat_cycle, "pillar": nat_pillar, "area": nat_area},
        )
    )
    dist = plan["dist"]
    covered, total = int(dist["forces_covered"].iloc[0]), int(dist["forces_total"].iloc[0])
    force_grade = dist.loc[dist["is_force_grade"], "grade"]
    chart_col, facts_col = st.columns([3, 1])
    area_words = "overall grade" if nat_area == "Overall" else nat_area
    chart_col.plotly_chart(
        app.figure(
            charts.national_grade_bars,
            dist,
            view.force_name,
            title=f"{nat_cycle} {label(PILLAR_LABELS, nat_pillar).lower()}, {area_words}: "
            "forces by grade",
        ),
        width="stretch",
        key="peel_national",
    )
    facts_col.metric("Forces covered", f"{covered} of {total}")
    facts_col.metric(
        f"{view.force_name}",
        force_grade.iloc[0] if len(force_grade) else "No grade in data",
    )
    if covered < total:
        facts_col.caption(
            f"The data has this grade for {covered} of the {total} forces; the counts are over "
            "those forces only."
        )
    with st.expander("Forces by grade"):
        st.dataframe(
            dist[dist["forces"] > 0][["grade", "forces", "force_names"]].rename(
                columns={"grade": "Grade", "forces": "Forces", "force_names": "Which forces"}
            ),
            hide_index=True,
            width="stretch",
        )

# --- Findings behind the grades ----------------------------------------------------------------
st.header("Findings behind the grades")
findings = plan["findings"]
if findings.empty:
    st.write(
        f"The tracker holds no finding tied to a PEEL area for {view.force_name} as at "
        f"{app.long_date(view.as_at)}."
    )
else:
    st.write(
        f"As at {app.long_date(view.as_at)}, the tracker holds "
        f"{grades.findings_sentence(findings)} tied to PEEL areas, beside the grade the force got "
        "for that area in the same cycle. Open a row in the Recommendations explorer to read them."
    )
    st.dataframe(
        grades.findings_table(findings, view.link_context),
        hide_index=True,
        width="stretch",
        height=grades.table_height(len(findings)),
        column_config={
            "Cycle": st.column_config.TextColumn(width=105),
            "Area": st.column_config.TextColumn(width=285),
            "Grade that cycle": st.column_config.TextColumn(width=150),
            "Finding": st.column_config.TextColumn(width=150),
            "In the tracker": st.column_config.NumberColumn(width=100),
            "Open": st.column_config.NumberColumn(width=60),
            "Explorer": st.column_config.LinkColumn(
                "Explorer", display_text="Show these", width=90
            ),
        },
    )
    st.caption(
        "A finding's cycle is the PEEL cycle named in the title of the PEEL report that made it; "
        f"findings from other reports (thematic inspections) are listed as {grades.NO_CYCLE!r}."
    )

st.divider()
st.caption(
    app.OGL_ATTRIBUTION + " Grades as published by HMICFRS; each grade's source is listed "
    "under the matrix."
)
