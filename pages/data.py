"""Data: the validation report, the data quality of open items, the sources, and the dictionary."""

from __future__ import annotations

import streamlit as st

from oversight import app, data_quality, escape, paging
from oversight.db import DEFAULT_DATA_DIR
from oversight.schema import TABLES

ds = app.dataset()
view = app.current_view()
rag = app.rag()
quality_params = {"as_at": view.as_at, "force_id": view.force_id}
plan = app.plan(
    counts=("table_row_counts", {}),
    quality=paging.paged("data_quality_as_at", **quality_params),
    quality_counts=("data_quality_counts", quality_params),
    papers=("meeting_papers", {}),
    sources=paging.paged("inspection_sources"),
    grade_sources=("grade_sources", {}),
)

st.title("Data")
bundled = ds.data_dir.resolve() == DEFAULT_DATA_DIR.resolve()
folder = (
    "the bundled tables (`data/`)" if bundled else f"the tables in “{escape.md(ds.data_dir.name)}”"
)
st.caption(
    f"{folder} · data version `{ds.version}` (changes when a table file changes) · "
    f"as at {app.long_date(view.as_at)}"
)
if ds.is_synthetic:
    st.info(ds.synthetic_note or "Synthetic data.", icon=":material/science:")

st.header("Validation report")
counts = plan["counts"]
if ds.problems:
    st.error(f"{len(ds.problems)} problem(s) found.")
    st.dataframe(app.problems_frame(ds.problems), hide_index=True)
else:
    total = int(counts["row_count"].sum())
    st.success(
        f"All {len(TABLES)} tables are valid: {total:,} rows checked for types, required cells, "
        "allowed values, unique keys, references and date logic.",
        icon=":material/check_circle:",
    )
if ds.integrity:
    st.warning(
        f"{len(ds.integrity):,} recorded position(s) changed, removed or added outside the app "
        "after they were sealed: the audit trail marks them; they cannot be relied on. A "
        "correction is a new position, never an edit (see the data dictionary's sealed trail).",
        icon=":material/gpp_bad:",
    )
    st.dataframe(app.problems_frame(ds.integrity), hide_index=True)
if ds.warnings:
    st.warning(
        f"{len(ds.warnings)} warning(s): allowed by the rules, but hard on a reader. "
        "`python -m oversight validate` prints the same list.",
        icon=":material/visibility:",
    )
    st.dataframe(
        app.problems_frame(ds.warnings).rename(columns={"Problem": "Warning"}), hide_index=True
    )
st.dataframe(
    counts.rename(columns={"table_name": "Table", "row_count": "Rows"}),
    hide_index=True,
    width=360,
)

st.header("Items to look at")
data_quality.items_to_look_at(
    plan["quality"],
    plan["quality_counts"],
    rag,
    view.as_at,
    view.force_name,
    view.link_context,
)

st.header("Sources")
data_quality.sources(plan["papers"], plan["sources"], plan["grade_sources"])

st.header("Data dictionary", anchor="dictionary")  # the README it shows has its own
data_quality.data_dictionary(ds.data_dir)
