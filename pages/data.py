"""Data: the validation report, the data quality of open items, the sources, and the dictionary."""

from __future__ import annotations

import streamlit as st

from oversight import app, dictionary, escape, explorer, labels, paging
from oversight.db import DEFAULT_DATA_DIR, ROOT
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
quality_page = plan["quality"]
quality = quality_page.rows
if quality.empty:
    st.write(
        f"Nothing to look at as at {app.long_date(view.as_at)}: no open item lacks an owner or a "
        "due date or is stale, no item has updates after its closure, and every report has a "
        "publication date."
    )
else:
    counts = plan["quality_counts"]
    record_page = explorer.url(explorer.Filters(), explorer.RECORD_PAGE, view.link_context)
    st.write(
        f"As at {app.long_date(view.as_at)}, for {escape.md(view.force_name)}. Recommendations addressed to "
        "national bodies are not counted. Open a record to see its history; an editor records a "
        f"correction on the [Record progress]({record_page}) page."
    )
    st.dataframe(
        counts.rename(columns={"issue": "Issue", "items": "Items"}), hide_index=True, width=420
    )
    paging.pager(quality_page, noun="items", hint="The counts above are of every item.")
    shown = quality.assign(
        record_url=[
            explorer.url(explorer.Filters(rec=r), context=view.link_context)
            for r in quality["rec_id"]
        ],
        kind=[labels.label(labels.KIND_LABELS, k) for k in quality["kind"]],
        status=[labels.status_label(s) for s in quality["status"]],
        rag=[rag.label(r) for r in quality["rag"]],
        chief_officer_lead=quality["chief_officer_lead"].fillna("Unallocated"),
        ref=explorer.references(quality),
    )
    st.dataframe(
        shown[
            [
                "issue",
                "record_url",
                "ref",
                "inspection_title",
                "kind",
                "chief_officer_lead",
                "due_on",
                "status",
                "rag",
                "status_as_at",
            ]
        ].rename(
            columns={
                "issue": "Issue",
                "record_url": "Record",
                "ref": "Reference",
                "inspection_title": "Inspection",
                "kind": "Kind",
                "chief_officer_lead": "Owner",
                "due_on": "Due",
                "status": "Status",
                "rag": "RAG",
                "status_as_at": "Last update",
            }
        ),
        hide_index=True,
        column_config={
            "Issue": st.column_config.TextColumn(width="medium"),
            "Record": st.column_config.LinkColumn(display_text=explorer.REC_SHOWN, width="medium"),
            "Ref": st.column_config.TextColumn(width="small"),
            "Inspection": st.column_config.TextColumn(width="medium"),
            "Due": st.column_config.DateColumn(format="D MMM YYYY", width="small"),
            "Last update": st.column_config.DateColumn(format="D MMM YYYY", width="small"),
        },
    )

st.header("Sources")
st.write(
    "Every fact in the curated tables comes from a source a reader can open: the committee "
    "paper held with the data, or the web address recorded beside it. Where a source does not "
    "say, the cell is empty."
)
papers = plan["papers"]
for paper in papers.itertuples(index=False):
    st.markdown(
        f"- **{escape.md(paper.committee)}, {app.long_date(paper.held_on)}**: "
        f"{escape.md(paper.paper or paper.title)} ({escape.md('data/' + paper.source_file)})"
        if paper.source_file
        else f"- {escape.md(paper.committee)}"
    )
st.subheader("Inspections")
sources_page = plan["sources"]
sources = sources_page.rows
paging.pager(sources_page, noun="inspections")
st.dataframe(
    sources.assign(
        kind=[labels.label(labels.INSPECTION_KIND_LABELS, k) for k in sources["kind"]],
        published_text=sources["published_text"].fillna(""),
        source=sources["source"]
        .fillna("")
        .str.replace("meeting:", "committee paper ", regex=False),
        source_note=sources["source_note"].fillna(""),
        # A report's address is a link only when it is a web address (never javascript: etc.).
        url=sources["url"].where(sources["url"].fillna("").str.match(r"^https?://")),
    )[
        [
            "title",
            "inspectorate",
            "kind",
            "published_on",
            "published_text",
            "url",
            "source",
            "source_note",
        ]
    ],
    hide_index=True,
    column_config={
        "title": st.column_config.TextColumn("Inspection", width="medium"),
        "inspectorate": st.column_config.TextColumn("Inspectorate", width="medium"),
        "kind": st.column_config.TextColumn("Kind", width="small"),
        "published_on": st.column_config.DateColumn(
            "Published", format="D MMM YYYY", width="small"
        ),
        "published_text": st.column_config.TextColumn("As the source words it", width="small"),
        "url": st.column_config.LinkColumn("Report", display_text="Open report", width="small"),
        "source": st.column_config.TextColumn("Facts from", width="medium"),
        "source_note": st.column_config.TextColumn("Notes on the sources", width="large"),
    },
)
st.subheader("PEEL grades by source")
st.dataframe(
    plan["grade_sources"],
    hide_index=True,
    column_config={
        "source": st.column_config.TextColumn("Source (web site or paper)", width="large"),
        "grades": st.column_config.NumberColumn("Grades", width="small"),
        "forces": st.column_config.NumberColumn("Forces", width="small"),
        "cycles": st.column_config.TextColumn("Cycles", width="medium"),
    },
)
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
