"""The Data page's sections below its validation report: the items to look at (data quality as
at a date), the sources every fact comes from, and the data dictionary. Each takes the rows the
page's plan read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from oversight import app, dictionary, escape, explorer, labels, paging
from oversight.db import ROOT
from oversight.schema import TABLES
from oversight.vocabulary import RagScale


def items_to_look_at(
    quality_page: paging.Page,
    quality_counts: pd.DataFrame,
    rag: RagScale,
    as_at: dt.date,
    force_name: str,
    link_context: dict,
) -> None:
    """Open items with no owner, no due date or stale, updates after closure, and the rest of
    queries/macros/rec_state_issues.sql, counted by issue and listed a page at a time."""
    quality = quality_page.rows
    if quality.empty:
        st.write(
            f"Nothing to look at as at {app.long_date(as_at)}: no open item lacks an owner or a "
            "due date or is stale, no item has updates after its closure, and every report has a "
            "publication date."
        )
    else:
        counts = quality_counts
        record_page = explorer.url(explorer.Filters(), explorer.RECORD_PAGE, link_context)
        st.write(
            f"As at {app.long_date(as_at)}, for {escape.md(force_name)}. Recommendations addressed to "
            "national bodies are not counted. Open a record to see its history; an editor records a "
            f"correction on the [Record progress]({record_page}) page."
        )
        st.dataframe(
            counts.rename(columns={"issue": "Issue", "items": "Items"}), hide_index=True, width=420
        )
        paging.pager(quality_page, noun="items", hint="The counts above are of every item.")
        shown = quality.assign(
            record_url=[
                explorer.url(explorer.Filters(rec=r), context=link_context)
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
                "Record": st.column_config.LinkColumn(
                    display_text=explorer.REC_SHOWN, width="medium"
                ),
                "Ref": st.column_config.TextColumn(width="small"),
                "Inspection": st.column_config.TextColumn(width="medium"),
                "Due": st.column_config.DateColumn(format="D MMM YYYY", width="small"),
                "Last update": st.column_config.DateColumn(format="D MMM YYYY", width="small"),
            },
        )


def sources(papers: pd.DataFrame, sources_page: paging.Page, grade_sources: pd.DataFrame) -> None:
    """The committee papers, each inspection's sources, and the PEEL grades by source."""
    st.write(
        "Every fact in the curated tables comes from a source a reader can open: the committee "
        "paper held with the data, or the web address recorded beside it. Where a source does not "
        "say, the cell is empty."
    )
    for paper in papers.itertuples(index=False):
        st.markdown(
            f"- **{escape.md(paper.committee)}, {app.long_date(paper.held_on)}**: "
            f"{escape.md(paper.paper or paper.title)} ({escape.md('data/' + paper.source_file)})"
            if paper.source_file
            else f"- {escape.md(paper.committee)}"
        )
    st.subheader("Inspections")
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
        grade_sources,
        hide_index=True,
        column_config={
            "source": st.column_config.TextColumn("Source (web site or paper)", width="large"),
            "grades": st.column_config.NumberColumn("Grades", width="small"),
            "forces": st.column_config.NumberColumn("Forces", width="small"),
            "cycles": st.column_config.TextColumn("Cycles", width="medium"),
        },
    )
    st.caption(app.OGL_ATTRIBUTION)


def data_dictionary(data_dir: Path) -> None:
    """A table's columns and allowed values, the table chosen by name, and the folder's
    README.md (else data/'s) when asked for. One table at a time: drawn on every rerun, the
    thirteen tables' grids and the README took 200 ms of the server's run and 250 ms of the
    browser's drawing at p95 after each sidebar change (docs/performance.md)."""
    st.write(
        "The tables, their columns and allowed values, as the validator enforces them. "
        "The full dictionary, with conventions and sources, is `data/README.md`."
    )
    names = list(TABLES)
    name = st.selectbox(
        "Table",
        names,
        index=names.index("recommendations"),
        format_func=lambda n: f"{n}.csv",
        key="dictionary_table",
        help="Every table the validator checks; its columns are listed below.",
    )
    st.dataframe(
        dictionary.schema_frame(name),
        hide_index=True,
        column_config={
            "Column": st.column_config.TextColumn(width="medium"),
            "Type": st.column_config.TextColumn(width="small"),
            "Required": st.column_config.TextColumn(width="small"),
            "Key": st.column_config.TextColumn(width="small"),
            "Allowed values": st.column_config.TextColumn(width="large"),
            "In the header": st.column_config.TextColumn(width="small"),
        },
    )
    readme = data_dir / "README.md"
    if not readme.is_file():
        readme = ROOT / "data" / "README.md"
    if readme.is_file() and st.toggle(
        "Show data/README.md (conventions and sources)", key="dictionary_readme"
    ):
        text = readme.read_text(encoding="utf-8")
        with st.container(border=True):
            if readme.resolve() == (ROOT / "data" / "README.md").resolve():
                st.markdown(text)  # the repository's own document
            else:  # a data folder's own file is data: shown as written, never as Markdown
                st.code(text, language=None, wrap_lines=True)
