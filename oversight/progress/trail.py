"""Record progress: the audit trail, every position ever recorded (open to everyone): its
filters (who, which finding, since when) and the table a page at a time."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from oversight import explorer, paging, seal
from oversight.labels import STATUS_LABELS, label
from oversight.vocabulary import RagScale


def filters(
    recorders: pd.DataFrame, force_id: str | None, rec_id: str | None, today: dt.date
) -> dict:
    """The trail's filters as drawn, as queries/audit_trail.sql's parameters."""
    f1, f2, f3 = st.columns([2, 2, 2])
    who = f1.selectbox(
        "Recorded by",
        recorders["recorded_by"].dropna().tolist(),
        index=None,
        placeholder="Anyone",
        key="audit_by",
    )
    only_this = f2.toggle(
        "Only the chosen finding", value=False, key="audit_rec", disabled=rec_id is None
    )
    since = f3.date_input(
        "Recorded on or after",
        value=None,
        min_value=dt.date(2010, 1, 1),
        max_value=today,
        format="DD/MM/YYYY",
        key="audit_since",
    )
    return dict(
        force_id=force_id,
        recorded_by=who,
        rec_id=rec_id if only_this else None,
        recorded_from=since,
        recorded_to=None,
    )


def table(ds, trail_page: paging.Page, scale: RagScale, link_context: dict) -> None:
    """The trail's page of rows, the latest recording first, each linked to its finding."""
    trail = trail_page.rows
    st.caption(
        f"{trail_page.total:,} recorded position(s), the latest recording first. Every position ever "
        "recorded is here, with who recorded it and when (UTC; curated rows give a date only); "
        "nothing is edited or deleted."
    )
    if ds.integrity:
        st.warning(
            f"{len(ds.integrity):,} recorded position(s) were changed, removed or added outside the "
            "app after sealing: they are marked ⚠ in the Trail column and cannot be relied on. "
            "The Data page lists them by line; a correction is a new position, never an edit.",
            icon=":material/gpp_bad:",
        )
    paging.pager(trail_page, noun="positions", hint="Narrow by who or when above.")
    st.dataframe(
        trail.assign(
            status=trail["status"].map(lambda s: label(STATUS_LABELS, s)),
            rag=trail["rag"].map(scale.label),
            record_url=[
                explorer.url(explorer.Filters(rec=r), context=link_context) for r in trail["rec_id"]
            ],
            seal_state=trail["seal_state"].map(seal.label),
        )[
            [
                "recorded_at",
                "recorded_by",
                "record_url",
                "as_at",
                "status",
                "rag",
                "note",
                "evidence",
                "approves_proposal_by",
                "inspection_title",
                "seal_state",
            ]
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "recorded_at": st.column_config.DatetimeColumn(
                "Recorded at", format="D MMM YYYY, HH:mm"
            ),
            "recorded_by": st.column_config.TextColumn("Recorded by", width="medium"),
            "record_url": st.column_config.LinkColumn("Finding", display_text=explorer.REC_SHOWN),
            "inspection_title": st.column_config.TextColumn("Inspection", width="medium"),
            "as_at": st.column_config.DateColumn("As at", format="D MMM YYYY"),
            "status": "Status",
            "rag": "RAG",
            "note": st.column_config.TextColumn("Note", width="large"),
            "evidence": st.column_config.TextColumn("Evidence", width="medium"),
            "approves_proposal_by": st.column_config.TextColumn(
                "Approves closure proposed by",
                width="medium",
                help="A closure is approved by someone other than its proposer (four eyes).",
            ),
            "seal_state": st.column_config.TextColumn("Trail", width="medium"),
        },
    )
