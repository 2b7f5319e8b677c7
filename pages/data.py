"""Data: the validation report, the data quality of open items, the sources, and the dictionary."""

from __future__ import annotations

import streamlit as st

from oversight import app, dictionary
from oversight.db import ROOT
from oversight.schema import TABLES

ds = app.dataset()
view = app.current_view()

st.title("Data")
st.caption(
    f"Curated tables in `{ds.data_dir}` · data version `{ds.version}` · "
    f"as at {app.long_date(view.as_at)}"
)
if ds.is_synthetic:
    st.info(ds.synthetic_note or "Synthetic data.", icon=":material/science:")

st.header("Validation report")
counts = app.query("table_row_counts")
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
st.dataframe(
    counts.rename(columns={"table_name": "Table", "row_count": "Rows"}),
    hide_index=True,
    width=360,
)

st.header("Items to look at")
quality = app.query("data_quality_as_at", as_at=view.as_at, force_id=view.force_id)
if quality.empty:
    st.write(
        f"Nothing to look at as at {app.long_date(view.as_at)}: no open item lacks an owner or a "
        "due date or is stale, no item has updates after its closure, and every report has a "
        "publication date."
    )
else:
    summary = quality.groupby("issue", as_index=False).size()
    st.write(
        f"As at {app.long_date(view.as_at)}, for {view.force_name}: "
        + "; ".join(f"**{n}** {issue.lower()}" for issue, n in summary.itertuples(index=False))
        + ". Recommendations addressed to national bodies are not counted. "
        "Open a record to see its history; an editor records a correction on the "
        "[Record progress](record) page."
    )
    st.dataframe(
        quality.drop(columns="rec_id").rename(
            columns={
                "issue": "Issue",
                "ref": "Ref",
                "inspection_title": "Inspection",
                "kind": "Kind",
                "chief_officer_lead": "Chief officer lead",
                "due_on": "Due",
                "status": "Status",
                "rag": "RAG",
                "status_as_at": "Last update",
                "record_url": "Record",
            }
        ),
        hide_index=True,
        column_config={
            "Record": st.column_config.LinkColumn(display_text=r"rec=(.*)$"),
            "Due": st.column_config.DateColumn(format="D MMM YYYY"),
            "Last update": st.column_config.DateColumn(format="D MMM YYYY"),
        },
    )

st.header("Sources")
st.write(
    "Every fact in the curated tables comes from a source a reader can open: the committee "
    "paper held with the data, or the web address recorded beside it. Where a source does not "
    "say, the cell is empty."
)
papers = app.query("meeting_papers")
for paper in papers.itertuples(index=False):
    st.markdown(
        f"- **{paper.committee}, {app.long_date(paper.held_on)}**: {paper.paper or paper.title} "
        f"(`data/{paper.source_file}`)"
        if paper.source_file
        else f"- {paper.committee}"
    )
st.subheader("Inspections")
st.dataframe(
    app.query("inspection_sources"),
    hide_index=True,
    column_config={
        "url": st.column_config.LinkColumn("Report"),
        "published_on": st.column_config.DateColumn("Published", format="D MMM YYYY"),
    },
)
st.subheader("PEEL grades by source")
st.dataframe(app.query("grade_sources"), hide_index=True)
st.caption(app.OGL_ATTRIBUTION)

st.header("Data dictionary")
st.write(
    "The tables, their columns and allowed values, as the validator enforces them. "
    "The full dictionary, with conventions and sources, is `data/README.md`."
)
for name in TABLES:
    with st.expander(f"`{name}.csv`"):
        st.dataframe(dictionary.schema_frame(name), hide_index=True)
readme = ds.data_dir / "README.md"
if not readme.is_file():
    readme = ROOT / "data" / "README.md"
if readme.is_file():
    with st.expander("data/README.md (conventions and sources)"):
        st.markdown(readme.read_text(encoding="utf-8"))
