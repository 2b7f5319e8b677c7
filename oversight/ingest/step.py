"""The "Import a new report" step of the Record progress page: read a report, review what it
proposes in an editable table, and accept it through the existing import. Anyone may read a report
and download the proposal; accepting it needs a signed-in editor, as every import does."""

from __future__ import annotations

import datetime as dt
import hashlib

import streamlit as st

from oversight import auth, escape, imports, ingest
from oversight.ingest import command, review
from oversight.labels import KIND_LABELS
from oversight.schema import ADDRESSED_TO, REC_KINDS

FINDING_COLUMNS = {
    "rec_id": st.column_config.TextColumn("rec_id", width="small"),
    "ref": st.column_config.TextColumn("Number", width="small"),
    "kind": st.column_config.SelectboxColumn("Kind", options=list(REC_KINDS), width="small"),
    "text": st.column_config.TextColumn("Text (verbatim)", width="large"),
    "addressed_to": st.column_config.SelectboxColumn(
        "Addressed to", options=list(ADDRESSED_TO), width="small"
    ),
    "deadline_text": st.column_config.TextColumn("Deadline as written", width="small"),
    "due_on": st.column_config.TextColumn(
        "Due (YYYY-MM-DD)", width="small", help="Empty: the import computes it from the deadline."
    ),
    "peel_area": st.column_config.TextColumn("PEEL area", width="small"),
    "parent_rec_id": st.column_config.TextColumn("Under cause of concern", width="small"),
}


def show(data_dir, force_id: str | None, identity, config, can_write: bool) -> None:
    st.header("Import a new report")
    st.caption(
        "Give the report as you have it: the page saved from the inspectorate's website (.html), "
        "its PDF, or text. Nothing is fetched from the internet and nothing the page refers to "
        "is loaded. The findings it states are proposed below for you to correct; nothing is "
        "recorded until an editor accepts them, and then only through the import above "
        "(validated, added, never overwriting). A field the report does not state stays empty."
    )
    uploaded = st.file_uploader(
        "Report",
        type=["html", "htm", "pdf", "txt", "md"],
        max_upload_size=ingest.MAX_BYTES // 1024 // 1024,
        key="report_file",
    )
    c1, c2 = st.columns(2)
    published = c1.date_input(
        "Published on (if the report does not say)",
        value=None,
        min_value=dt.date(2000, 1, 1),
        format="DD/MM/YYYY",
        key="report_published_on",
    )
    wanted_id = c2.text_input(
        "inspection_id (empty: from the title)", key="report_inspection_id", max_chars=80
    ).strip()
    if uploaded is None:
        return
    data = uploaded.getvalue()
    try:
        proposal = ingest.read(
            uploaded.name,
            data,
            published_on=published,
            inspection_id=wanted_id or None,
            force_id=force_id,
            areas=ingest.load_areas(data_dir),
        )
    except ingest.IngestError as exc:
        st.error(str(exc))
        return
    ingest.check_recorded(proposal, data_dir)
    for line in command.summary(proposal, notes=False).split("\n"):
        st.markdown(escape.md(line))
    for note in proposal.notes:
        st.info(escape.md(note))

    digest = hashlib.sha1(data + str(published).encode() + wanted_id.encode()).hexdigest()[:10]
    report = review.report_frame(proposal)
    if not report.empty:
        st.markdown("**The report** (one row of `inspections.csv`)")
        report = st.data_editor(
            report,
            hide_index=True,
            width="stretch",
            column_order=review.REPORT_COLUMNS,
            key=f"report_row_{digest}",
        )
    findings = review.findings_frame(proposal)
    st.markdown(
        f"**Its findings** ({len(findings)} proposed; add, correct or delete rows). Kinds: "
        + ", ".join(f"`{code}` {label}" for code, label in KIND_LABELS.items())
    )
    findings = st.data_editor(
        findings,
        hide_index=True,
        width="stretch",
        num_rows="dynamic",
        column_config=FINDING_COLUMNS,
        column_order=review.REVIEW_COLUMNS,
        key=f"report_findings_{digest}",
    )
    workbook, upload = review.as_upload(proposal, findings, report)
    st.download_button(
        "Download the proposal (XLSX, ready to import)",
        workbook,
        file_name=upload.file_name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
    )
    if not can_write:
        st.caption("Accepting the proposal needs an editor signed in (see above).")
        return
    try:
        preview = imports.preview(data_dir, upload, identity, config)
    except (auth.NotAllowed, TimeoutError, OSError) as exc:
        st.error(f"Cannot import. {exc}")
        return
    if preview.problems:
        st.error(
            f"Not ready: {len(preview.problems):,} problem(s) to correct in the tables above.",
            icon=":material/block:",
        )
        st.dataframe(preview.problems_frame(), hide_index=True, width="stretch")
        return
    if preview.added_count() == 0:
        st.info("Nothing new: every proposed row is already recorded.")
        return
    if preview.notes:
        st.dataframe(preview.notes_frame(), hide_index=True, width="stretch")
    if st.button(
        f"Accept and add {preview.added_count():,} row(s)",
        type="primary",
        icon=":material/playlist_add:",
        key=f"accept_report_{digest}",
    ):
        done = imports.commit(data_dir, upload, identity, config)
        if done.written:
            st.session_state["record_flash"] = (
                "success",
                f"Imported the report {escape.md(proposal.title or upload.file_name)}: "
                f"{done.added_count():,} "
                f"row(s) added by {identity.email}.",
            )
            st.rerun()
        st.error("Nothing was added: the data changed since the check.")
        st.dataframe(done.problems_frame(), hide_index=True, width="stretch")
