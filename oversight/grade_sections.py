"""The PEEL grades page's sections (pages/peel.py draws them in order): the grade matrix, the
year-on-year moves of a pillar, the force against its peers, the national picture of one area,
and the tracker's findings behind the grades. The tables and sentences are in grades.py, the
figures in charts/peel_vega.py; the queries are the page's plan (a section whose query needs
its own widget's value declares it in that plan once the widget is drawn)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from oversight import app, charts, escape, grades
from oversight.labels import PILLAR_LABELS, label
from oversight.plan import Plan


def matrix(matrix: pd.DataFrame, cycles: pd.DataFrame, force_name: str) -> None:
    """The force's grades by area and cycle, what the cells mean, and each grade's source."""
    if matrix.empty:
        st.write(f"No PEEL grades for {escape.md(force_name)} in the data.")
    else:
        st.table(
            grades.matrix_table(matrix),
            alt=f"{force_name}: PEEL grades by area and cycle",
        )
    st.caption(
        "Each row follows one area across cycles, even where HMICFRS reworded it (the sources "
        "below give the wording of each cycle and each grade's source). A dashed rule marks the "
        "change of scale: grades either side of it are not directly comparable. *No grade in "
        "data*: the grade is not known here, not that the force was ungraded. *Ungraded area*: "
        "HMICFRS gave no graded judgment for that area in that cycle. A blank cell: the area was "
        "not part of that cycle's framework."
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


def moves(
    pillar: str,
    counts: pd.DataFrame,
    trend: pd.DataFrame,
    scales: pd.DataFrame,
    moves: pd.DataFrame,
) -> None:
    """A pillar's grades against the same area's previous grade on the same scale."""
    st.markdown(
        f"**{label(PILLAR_LABELS, pillar)}**, each grade against the same area's previous grade "
        f"on the same scale: {grades.move_counts_sentence(counts)}."
    )
    st.vega_lite_chart(
        *app.figure(
            charts.grade_trend_vega,
            trend,
            scales,
            title=f"{label(PILLAR_LABELS, pillar)}: grade by cycle, one line per area",
        ),
        width="stretch",
        key="peel_trend",
    )
    st.caption(
        "Lines join an area's grades within one scale only, and are set apart a little so "
        "that areas on the same grade stay visible. A cycle with no grade in the data is skipped."
    )
    # A static table, not a data grid: the grid writes its accessible copy of the rows a few
    # hundred milliseconds after each run, which was the last thing the browser drew at a change.
    st.table(
        grades.as_markdown(grades.moves_table(moves)),
        hide_index=True,
        height=grades.static_table_height(len(moves)),
    )


def peers(
    plan: Plan,
    forces: pd.DataFrame,
    cycle_options: list,
    default_index: int,
    force_id: str,
    force_name: str,
) -> None:
    """The force beside the peer forces chosen (by default its region's), for a cycle and pillar."""
    names = dict(zip(forces["force_id"], forces["name"], strict=True))
    region = forces.loc[forces["is_selected"], "region"]
    region_words = (
        str(region.iloc[0]).replace("_", " ").title()
        if len(region) and isinstance(region.iloc[0], str)
        else "no region"
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
        [f for f in forces["force_id"] if f != force_id],
        default=list(forces.loc[forces["is_default_peer"], "force_id"]),
        format_func=names.get,
        key="peel_peers",
        help=f"By default, the forces that share {escape.md(force_name)}'s region "
        f"({escape.md(region_words)}). "
        "Add or remove any force.",
    )
    plan.add(
        grid=(
            "peel_peer_grid",
            {
                "force_id": force_id,
                "peer_ids": list(peer_ids),
                "cycle": peer_cycle,
                "pillar": peer_pillar,
            },
        )
    )
    grid = plan["grid"]
    title = (
        f"{peer_cycle} {label(PILLAR_LABELS, peer_pillar).lower()}: {force_name} and "
        f"{len(peer_ids)} peer force{'s' if len(peer_ids) != 1 else ''}"
    )
    if grid.empty:
        st.write("No areas to compare.")
    else:
        st.markdown(f"**{escape.md(title)}**")
        st.table(grades.peer_table(grid), alt=title)


def national(
    plan: Plan, cycle_options: list, default_index: int, force_id: str, force_name: str
) -> None:
    """Every force's grade for one area of a cycle, the force's own marked."""
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
                {"force_id": force_id, "cycle": nat_cycle, "pillar": nat_pillar, "area": nat_area},
            )
        )
        dist = plan["dist"]
        covered, total = int(dist["forces_covered"].iloc[0]), int(dist["forces_total"].iloc[0])
        force_grade = dist.loc[dist["is_force_grade"], "grade"]
        chart_col, facts_col = st.columns([3, 1])
        area_words = "overall grade" if nat_area == "Overall" else nat_area
        chart_col.vega_lite_chart(
            *app.figure(
                charts.national_grade_bars_vega,
                dist,
                title=f"{nat_cycle} {label(PILLAR_LABELS, nat_pillar).lower()}, {area_words}: "
                "forces by grade",
            ),
            width="stretch",
            key="peel_national",
        )
        facts_col.metric("Forces covered", f"{covered} of {total}")
        facts_col.metric(
            escape.md(force_name),
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


def findings(findings: pd.DataFrame, as_at: dt.date, force_name: str, link_context: dict) -> None:
    """The tracker's findings tied to PEEL areas, beside the grade of that area and cycle."""
    if findings.empty:
        st.write(
            f"The tracker holds no finding tied to a PEEL area for {escape.md(force_name)} as at "
            f"{app.long_date(as_at)}."
        )
    else:
        st.write(
            f"As at {app.long_date(as_at)}, the tracker holds "
            f"{grades.findings_sentence(findings)} tied to PEEL areas, beside the grade the force got "
            "for that area in the same cycle. Open a row in the Recommendations explorer to read them."
        )
        st.table(
            grades.as_markdown(
                grades.findings_table(findings, link_context), links={"Explorer": "Show these"}
            ),
            hide_index=True,
            height=grades.static_table_height(len(findings)),
        )
        st.caption(
            "A finding's cycle is the PEEL cycle named in the title of the PEEL report that made it; "
            f"findings from other reports (thematic inspections) are listed as {grades.NO_CYCLE!r}."
        )
