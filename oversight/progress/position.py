"""Record progress: one finding's RAG badge and history, and the form that records a new
position (a proposal to close goes to closure.propose; any other position is appended)."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import streamlit as st

from oversight import (
    app,
    auth,
    closure,
    escape,
    evidence,
    explorer,
    records,
    seal,
    signoff_words,
    slippage,
)
from oversight.labels import KIND_LABELS, STATUS_LABELS, label, status_label
from oversight.progress import flash
from oversight.schema import STATUSES
from oversight.vocabulary import OUTLINE, RagScale

# Closing is an approver's decision (the sign-off queue), never a choice on the form.
FORM_STATUSES = tuple(s for s in STATUSES if s != "closed")


def badge(scale: RagScale, code: str | None) -> str:
    """A RAG grade as a label in rag.csv's colour (HTML: its words escaped, its colour checked
    as #RRGGBB when the data loaded)."""
    if code is None or pd.isna(code):
        return ""  # no position recorded: the status says so, and there is no RAG to show
    grade = scale.grade(code)
    words = html.escape(scale.label(code))
    if grade is None:
        return words
    # rag.csv's own colour, its words in black or white by contrast (never colour alone)
    return (
        f'<span style="background-color: {grade.colour}; color: {grade.ink}; '
        f'border: 1px solid {OUTLINE}; border-radius: 0.5rem; padding: 0 0.4rem">{words}</span>'
    )


def summary(
    rec, scale: RagScale, inspectorate: pd.DataFrame, latest: dt.date, link_context: dict
) -> None:
    """The finding (a row of queries/record_state.sql): its report, text, position now, the
    inspectorate's view (queries/inspectorate_latest.sql), due date and leads."""
    opened = explorer.url(explorer.Filters(rec=rec.rec_id), context=link_context)
    st.subheader(f"{escape.md(rec.reference)}: {label(KIND_LABELS, rec.kind).lower()}")
    st.markdown(
        f"From **{escape.md(rec.inspection_title or 'an unknown report')}**"
        + (f", published {app.long_date(rec.issued_on)}" if pd.notna(rec.issued_on) else "")
        + f". [Open its record]({opened})"
    )
    st.markdown(escape.md_lines(rec.text))
    cols = st.columns(3)
    cols[0].markdown(
        f"**Now:** {status_label(rec.status)} {badge(scale, rec.rag)}  \n"
        + (
            f"as at {app.long_date(rec.status_as_at)}"
            if pd.notna(rec.status_as_at)
            else "no position recorded yet"
        ),
        unsafe_allow_html=True,  # the badge only: its words are escaped, its colour checked
    )
    cols[0].caption(
        signoff_words.inspectorate_sentence(
            inspectorate,
            app.long_date(latest),
        )
    )
    cols[1].markdown(slippage.record_due_markdown(rec))
    cols[2].markdown(
        f"**Chief officer lead:** {escape.md(rec.chief_officer_lead or 'none')}  \n"
        f"**Tactical lead:** {escape.md(rec.tactical_lead or 'none')}"
    )


def history(history: pd.DataFrame) -> None:
    """The finding's recorded positions, newest first (queries/record_history.sql)."""
    st.markdown(f"**History** ({len(history):,} recorded positions, newest first)")
    if history.empty:
        st.caption("Nothing recorded yet.")
    else:
        st.dataframe(
            history.assign(
                status=history["status"].map(lambda s: label(STATUS_LABELS, s)),
                seal_state=history["seal_state"].map(seal.label),
            )[
                [
                    "as_at",
                    "status",
                    "rag_label",
                    "note",
                    "revised_due_on",
                    "revision_reason",
                    "source_note",
                    "recorded_by",
                    "recorded_at",
                    "seal_state",
                ]
            ],
            hide_index=True,
            placeholder=explorer.MISSING,
            column_config={
                "as_at": st.column_config.DateColumn("As at", format="D MMM YYYY"),
                "status": "Status",
                "rag_label": "RAG",
                "note": st.column_config.TextColumn("Note", width="large"),
                "revised_due_on": st.column_config.DateColumn(
                    "Due date moved to", format="D MMM YYYY"
                ),
                "revision_reason": st.column_config.TextColumn("Why it moved", width="medium"),
                "source_note": st.column_config.TextColumn("Note on the source", width="medium"),
                "recorded_by": st.column_config.TextColumn("Recorded by", width="medium"),
                "recorded_at": st.column_config.DatetimeColumn(
                    "Recorded at", format="D MMM YYYY, HH:mm"
                ),
                "seal_state": st.column_config.TextColumn("Trail", width="medium"),
            },
        )


def form(
    ds,
    rec,
    scale: RagScale,
    identity: auth.Identity,
    config: auth.EditingConfig,
    today: dt.date,
) -> None:
    """The new position's form for the finding `rec` (a row of queries/record_state.sql), and its
    save: written, refused with the reason, or already recorded."""
    rec_id = rec.rec_id
    with st.form("new_position", clear_on_submit=True, border=True):
        st.markdown("**New position**")
        c1, c2, c3 = st.columns(3)
        as_at = c1.date_input(
            "As at",
            value=today,
            min_value=dt.date(2010, 1, 1),
            max_value=today,
            format="DD/MM/YYYY",
            help="The date the position describes (not after today).",
        )
        status = c2.selectbox(
            "Status",
            FORM_STATUSES,
            index=FORM_STATUSES.index(rec.status) if rec.status in FORM_STATUSES else 0,
            format_func=lambda s: label(STATUS_LABELS, s),
            help="To close a finding, choose Pending closure and give the evidence: an "
            "approver then closes it (or sends it back), never the one who proposed.",
        )
        # The finding's current grade, or none: a grade is chosen, never assumed.
        rag = c3.selectbox(
            "RAG",
            scale.codes,
            index=scale.codes.index(rec.rag) if rec.rag in scale.codes else None,
            format_func=scale.label,
            placeholder="Choose a grade",
            help=escape.md(" ".join(f"{g.label}: {g.meaning}." for g in scale.grades)),
        )
        note = st.text_area(
            "Note",
            max_chars=4000,
            placeholder="What has been done, what is next, and why the RAG is what it is.",
        )
        e1, e2 = st.columns(2)
        references = e1.text_area(
            "Evidence (references, one per line)",
            max_chars=4000,
            placeholder="Board minutes 12 July 2018\nhttps://intranet.example/policy-v3",
            help="Needed to propose closure: what shows the finding is done.",
        )
        evidence_files = e2.file_uploader(
            "Evidence files",
            type=["pdf", "docx", "xlsx", "png", "jpg", "jpeg", "txt"],
            accept_multiple_files=True,
            max_upload_size=evidence.MAX_BYTES // 1024 // 1024,
            help=f"{evidence.TYPE_WORDS}, checked by content; kept in the data folder "
            "and offered as downloads, never opened by the app.",
        )
        r1, r2 = st.columns([1, 2])
        revised_due_on = r1.date_input(
            "Revised due date (optional)",
            value=None,
            min_value=dt.date(2010, 1, 1),
            max_value=dt.date(2040, 12, 31),
            format="DD/MM/YYYY",
            help="Move the finding's due date from this position on. The report's own "
            "date is kept; the finding is overdue only once past the revised date.",
        )
        revision_reason = r2.text_input(
            "Why the due date moves (required with a revised date)",
            max_chars=1000,
            placeholder="e.g. Depends on the new records system, now due in September",
        )
        submitted = st.form_submit_button("Record this position", type="primary")
    if submitted and rag is None:
        st.error("Not recorded: choose a RAG grade (none is recorded for it yet).")
    elif submitted:
        given = [line for line in references.splitlines() if line.strip()]
        files = [(f.name, f.getvalue()) for f in evidence_files or []]
        try:
            if revised_due_on is not None and status == "pending_closure":
                raise closure.ClosureRefused(
                    "A finding proposed for closure needs no new due date: record the "
                    "revised date with an open status, or propose closure without it."
                )
            if status == "pending_closure":
                result = closure.propose(
                    ds.data_dir, rec_id, as_at, note, rag, given, files, identity, config
                )
            else:
                stored = [evidence.store(ds.data_dir, n, d) for n, d in files]
                result = records.append_updates(
                    ds.data_dir,
                    [
                        {
                            "rec_id": rec_id,
                            "as_at": as_at,
                            "status": status,
                            "rag": rag,
                            "note": note,
                            "evidence": evidence.cell(given, stored),
                            "revised_due_on": revised_due_on,
                            "revision_reason": revision_reason,
                        }
                    ],
                    identity,
                    config,
                    source="recorded in Oversight",
                    dataset=ds,
                )
        except (closure.ClosureRefused, evidence.EvidenceRefused) as exc:
            st.error(f"Not recorded. {escape.md(exc)}")
        except (auth.NotAllowed, TimeoutError, OSError) as exc:
            st.error(f"Not recorded. {escape.md(exc)}")
        else:
            if result.problems:
                st.error(
                    "Not recorded: the position breaks the data rules.\n\n"
                    + "\n".join(
                        f"- **{escape.md(p.column)}**: {escape.md(p.message)}"
                        for p in result.problems
                    )
                )
            elif result.skipped_count():
                st.info("This exact position is already recorded: nothing was added.")
            else:
                flash(
                    "success",
                    f"Recorded: {escape.md(rec.reference)} "
                    f"{label(STATUS_LABELS, status).lower()}, "
                    f"{escape.md(scale.label(rag))}, as at {app.long_date(as_at)}, by "
                    f"{escape.md(identity.email)}.",
                )
