"""Record progress: who may write, a new position for a finding, importing a return or a new
report, and the audit trail of every recorded position (the trail is open to everyone)."""

from __future__ import annotations

import datetime as dt
import hashlib
import html

import pandas as pd
import streamlit as st

from oversight import (
    app,
    auth,
    closure,
    evidence,
    explorer,
    imports,
    paging,
    records,
    seal,
    signoff_words,
    slippage,
)
from oversight.ingest import step as report_step
from oversight.labels import KIND_LABELS, STATUS_LABELS, label, status_label
from oversight.schema import STATUSES
from oversight.vocabulary import OUTLINE

PROBLEM_COLUMNS = {
    "Sheet or file": st.column_config.TextColumn(width=130),
    "Row": st.column_config.NumberColumn(width=50),
    "Column": st.column_config.TextColumn(width=100),
    "Problem": st.column_config.TextColumn(width=800),
}
CHOICES_SHOWN = 500  # findings listed in the picker at most; a longer register is narrowed first
# Closing is an approver's decision (the sign-off queue below), never a choice on the form.
FORM_STATUSES = tuple(s for s in STATUSES if s != "closed")

ds = app.dataset()
view = app.current_view()
scale = app.rag()
config = auth.config_from_secrets(st.secrets)
identity = auth.identity_from_user(st.user)
can_write = auth.may_write(identity, config)
today = dt.date.today()
# The latest recorded position of each finding, whatever the sidebar's date.
latest = max(view.latest_as_at, today)


def badge(code: str | None) -> str:
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


def flash(kind: str, text: str) -> None:
    """A message that survives the rerun which shows the newly written rows."""
    st.session_state["record_flash"] = (kind, text)
    st.rerun()


st.title("Record progress")
st.caption(
    f"{view.force_name} · positions are added to `updates.csv` in `{ds.data_dir}`; history is "
    "never edited or deleted: a correction is a new position."
)

if message := st.session_state.pop("record_flash", None):
    getattr(st, message[0])(message[1])

# --- who may write ----------------------------------------------------------------------------
with st.container(border=True):
    if not config.is_on:
        st.markdown(
            f"**Read-only.** {config.reason_off()} Anyone can read the history and the audit "
            "trail below; recording needs an editor signed in through the organisation's "
            "identity provider. The README's *Configuring editing* section says how to switch "
            "it on."
        )
    elif not identity.is_logged_in:
        st.markdown(
            "**Editing is on for named editors.** Sign in to record a position or import a "
            "return. Without signing in, this page is read-only."
        )
        for provider in config.providers:
            if st.button(
                f"Sign in with {provider.capitalize()}" if provider else "Sign in",
                icon=":material/login:",
                key=f"login_{provider or 'default'}",
            ):
                st.login(provider or None)
    else:
        if can_write:
            st.markdown(
                f"**Signed in as {identity.display}**, an editor: you can record positions and "
                "import returns. Each one is recorded with your address and the time."
            )
        else:
            st.markdown(
                f"**Signed in as {identity.display}**, who is not on the list of editors: "
                "you can read everything here, but not write."
            )
        if st.button("Sign out", icon=":material/logout:", key="logout"):
            st.logout()

# --- record a position ------------------------------------------------------------------------
st.header("Record a position")
# ?rec=<rec_id> preselects a finding (the explorer's record links here). Not a bound widget:
# a bound selectbox keeps its formatted label in the URL, and the contract is the rec_id.
wanted = st.query_params.get("rec")
# A long register (thousands of findings) is narrowed by words first: the list sends at most
# CHOICES_SHOWN findings to the browser, always with the one the address names.
choosing = {"as_at": latest, "force_id": view.force_id}
plan = app.plan(
    every=("record_choices", {**choosing, "q": None, "limit": CHOICES_SHOWN}),
    recorders=("audit_recorders", {"force_id": view.force_id}),
)
every = plan["every"]
tracked = int(every[paging.TOTAL].iloc[0]) if not every.empty else 0
find = None
if tracked > CHOICES_SHOWN:
    find = (
        st.text_input(
            "Find a finding",
            key="record_find",
            max_chars=200,
            placeholder="A reference, a report's title or words of the text",
            help=f"{tracked:,} findings: type to narrow the list below.",
        ).strip()
        or None
    )
if find is not None:
    plan.add(found=("record_choices", {**choosing, "q": find, "limit": CHOICES_SHOWN}))
choices = every if find is None else plan["found"]
matched = int(choices[paging.TOTAL].iloc[0]) if not choices.empty else 0
if wanted and wanted not in set(choices["rec_id"]):
    named = plan.add(named=("record_choices", {**choosing, "q": wanted, "limit": None}))["named"]
    choices = pd.concat([named[named["rec_id"] == wanted], choices], ignore_index=True)
labels = {
    row.rec_id: f"{row.reference} · {row.inspection_title or 'no report'} — {row.short_text}"
    for row in choices.itertuples(index=False)
}
rec_id = st.selectbox(
    "Finding",
    list(labels),
    index=list(labels).index(wanted) if wanted in labels else None,
    format_func=lambda r: labels.get(r, r),
    placeholder=(
        f"Choose one of {matched:,} findings"
        if matched <= CHOICES_SHOWN
        else f"Choose one of the first {CHOICES_SHOWN:,} of {matched:,} findings, or narrow above"
    ),
    key="record_rec",
)
if find and not matched:
    st.caption(f"No finding matches “{find}”.")
if rec_id and wanted != rec_id:
    st.query_params["rec"] = rec_id
elif rec_id is None and wanted in labels:
    del st.query_params["rec"]
if wanted and wanted not in labels:
    st.warning(f"No finding `{wanted}` for {view.force_name}: choose one from the list.")

if rec_id:
    plan.add(
        record=("record_state", {"as_at": latest, "rec_id": rec_id}),
        history=("record_history", {"rec_id": rec_id}),
        inspectorate=("inspectorate_latest", {"rec_id": rec_id, "as_at": latest}),
    )
    record = plan["record"]
    if record.empty:
        st.warning(f"No finding `{rec_id}` in the data.")
    else:
        rec = record.iloc[0]
        opened = explorer.url(explorer.Filters(rec=rec.rec_id), context=view.link_context)
        st.subheader(f"{rec.reference}: {label(KIND_LABELS, rec.kind).lower()}")
        st.markdown(
            f"From **{rec.inspection_title or 'an unknown report'}**"
            + (f", published {app.long_date(rec.issued_on)}" if pd.notna(rec.issued_on) else "")
            + f". [Open its record]({opened})"
        )
        st.markdown(rec.text.replace("\n", "  \n"))
        cols = st.columns(3)
        cols[0].markdown(
            f"**Now:** {status_label(rec.status)} {badge(rec.rag)}  \n"
            + (
                f"as at {app.long_date(rec.status_as_at)}"
                if pd.notna(rec.status_as_at)
                else "no position recorded yet"
            ),
            unsafe_allow_html=True,  # the badge only: its words are escaped, its colour checked
        )
        cols[0].caption(
            signoff_words.inspectorate_sentence(
                plan["inspectorate"],
                app.long_date(latest),
            )
        )
        cols[1].markdown(slippage.record_due_markdown(rec))
        cols[2].markdown(
            f"**Chief officer lead:** {rec.chief_officer_lead or 'none'}  \n"
            f"**Tactical lead:** {rec.tactical_lead or 'none'}"
        )
        history = plan["history"]
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
                    "source_note": st.column_config.TextColumn(
                        "Note on the source", width="medium"
                    ),
                    "recorded_by": st.column_config.TextColumn("Recorded by", width="medium"),
                    "recorded_at": st.column_config.DatetimeColumn(
                        "Recorded at", format="D MMM YYYY, HH:mm"
                    ),
                    "seal_state": st.column_config.TextColumn("Trail", width="medium"),
                },
            )

        if can_write:
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
                    help=explorer.md_escape(
                        " ".join(f"{g.label}: {g.meaning}." for g in scale.grades)
                    ),
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
                    st.error(f"Not recorded. {exc}")
                except (auth.NotAllowed, TimeoutError, OSError) as exc:
                    st.error(f"Not recorded. {exc}")
                else:
                    if result.problems:
                        st.error(
                            "Not recorded: the position breaks the data rules.\n\n"
                            + "\n".join(f"- **{p.column}**: {p.message}" for p in result.problems)
                        )
                    elif result.skipped_count():
                        st.info("This exact position is already recorded: nothing was added.")
                    else:
                        flash(
                            "success",
                            f"Recorded: {rec.reference} {label(STATUS_LABELS, status).lower()}, "
                            f"{scale.label(rag)}, as at {app.long_date(as_at)}, by "
                            f"{identity.email}.",
                        )
        else:
            st.caption("Recording a position needs an editor signed in (see above).")

# --- sign-off ----------------------------------------------------------------------------------
st.header("Awaiting sign-off")
can_approve = auth.may_approve(identity, config)
queue = plan.add(queue=("closure_queue", {"force_id": view.force_id}))["queue"]
if queue.empty:
    st.caption(
        "No proposal to close is waiting. An editor proposes closure (status Pending closure, "
        "with evidence); an approver named in `[editing] approvers` closes it or sends it back, "
        "never the one who proposed it."
    )
else:
    st.caption(
        f"{len(queue):,} proposal(s) to close, oldest first. "
        + (
            "As an approver you may close a finding or send it back with the reason; not one "
            "you proposed yourself."
            if can_approve
            else "An approver named in `[editing] approvers` decides each one."
        )
    )
    for item in queue.itertuples(index=False):
        with st.container(border=True):
            st.markdown(
                f"**{item.finding_name or item.ref or label(KIND_LABELS, item.kind)}** · "
                f"{label(KIND_LABELS, item.kind)}"
            )
            st.text(str(item.text)[:600])
            st.caption(
                f"Proposed as at {app.long_date(item.proposed_as_at)} by "
                f"{item.proposed_by or 'unknown'}"
            )
            if isinstance(item.note, str) and item.note:
                st.text(f"Position: {item.note}")
            for n, entry in enumerate(evidence.items(item.evidence)):
                if evidence.FILE_ITEM.match(entry):
                    try:
                        data = evidence.read(ds.data_dir, entry)
                    except (OSError, ValueError) as exc:
                        st.warning(f"Evidence file cannot be offered: {exc}")
                        continue
                    name = evidence.download_name(entry, item.rec_id)
                    st.download_button(
                        f"Evidence file: {name}",
                        data,
                        file_name=name,
                        mime="application/octet-stream",
                        key=f"evidence_{item.update_id}_{n}",
                        icon=":material/attach_file:",
                        on_click="ignore",
                    )
                else:
                    st.text(f"Evidence: {entry}")
            proposer = auth.normalise_email(item.proposed_by)
            if can_approve and proposer != auth.normalise_email(identity.email):
                reason = st.text_input(
                    "Reason, if you send it back",
                    key=f"reason_{item.update_id}",
                    max_chars=1000,
                )
                a, r, _ = st.columns([1, 1, 3])
                decision = None
                if a.button("Approve closure", key=f"approve_{item.update_id}", type="primary"):
                    decision = (
                        lambda u=item.update_id: closure.approve(ds.data_dir, u, identity, config),
                        f"Closed: {item.finding_name or item.rec_id}, approved by {identity.email}.",
                    )
                if r.button("Send back", key=f"reject_{item.update_id}"):
                    decision = (
                        lambda u=item.update_id, why=reason: closure.reject(
                            ds.data_dir, u, why, identity, config
                        ),
                        f"Sent back: {item.finding_name or item.rec_id} is in progress again.",
                    )
                if decision is not None:
                    write, done_words = decision
                    try:
                        done = write()
                    except (closure.ClosureRefused, auth.NotAllowed, TimeoutError, OSError) as exc:
                        st.error(f"Not recorded. {exc}")
                    else:
                        if done.problems:
                            st.error("Not recorded: " + "; ".join(p.message for p in done.problems))
                        else:
                            flash("success", done_words)
            elif can_approve:
                st.caption("You proposed this closure: another approver decides it.")

# --- import ------------------------------------------------------------------------------------
st.header("Import a return or a new report")
kind = st.segmented_control(
    "The file holds",
    list(imports.KINDS),
    format_func=lambda k: imports.KINDS[k].title,
    default="updates",
    required=True,
    key="import_kind",
)
st.caption(
    imports.KINDS[kind].blurb
    + f" CSV (UTF-8) or XLSX, at most {imports.MAX_BYTES // 1024 // 1024} MB; formulas are never "
    "evaluated. Nothing is added unless the whole file is valid, and a row already recorded is "
    "skipped, so importing the same file twice adds nothing."
)
if kind == "return":
    st.caption(
        "Each owner's return workbook is made on the **Returns** page (or by "
        "`python -m oversight returns`), pre-filled with their open findings."
    )
else:
    t1, t2, _ = st.columns([1, 1, 3])
    t1.download_button(
        "CSV template",
        imports.template_csv(kind),
        file_name=f"oversight-{kind}-template.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    t2.download_button(
        "XLSX template",
        imports.template_xlsx(kind),
        file_name=f"oversight-{kind}-template.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
    )

if can_write:
    uploads = st.session_state.setdefault("import_round", 0)
    uploaded = st.file_uploader(
        "File to import",
        type=["csv", "xlsx"],
        max_upload_size=imports.MAX_BYTES // 1024 // 1024,
        key=f"import_file_{kind}_{uploads}",
    )
    if uploaded is not None:
        data = uploaded.getvalue()
        upload = imports.read_upload(uploaded.name, data, kind, scale.labels)
        try:
            preview = imports.preview(ds.data_dir, upload, identity, config, dataset=ds)
        except (auth.NotAllowed, TimeoutError, OSError) as exc:
            st.error(f"Cannot import. {exc}")
            st.stop()
        m = st.columns(4)
        m[0].metric("Rows in the file", f"{upload.row_count():,}")
        m[1].metric("Would be added", f"{preview.added_count() if preview.ok else 0:,}")
        m[2].metric("Already recorded (skipped)", f"{preview.skipped_count():,}")
        m[3].metric("Problems", f"{len(preview.problems):,}")
        if preview.problems:
            st.error(
                f"Nothing will be added: {len(preview.problems):,} problem(s) in "
                f"`{upload.file_name}`. Fix them in the file and upload it again.",
                icon=":material/block:",
            )
            st.dataframe(
                preview.problems_frame(),
                hide_index=True,
                width="stretch",
                column_config=PROBLEM_COLUMNS,
            )
        elif preview.added_count() == 0:
            st.info("Nothing new: every row in this file is already recorded.")
        else:
            if upload.changes is not None and not upload.changes.empty:
                st.markdown(f"**What the return changes** ({len(upload.changes):,} findings)")
                st.dataframe(upload.changes, hide_index=True, width="stretch")
            for table in imports.KINDS[kind].tables:
                added = preview.added(table)
                if not added.empty:
                    st.markdown(f"**To be added to `{table}.csv`** ({len(added):,} rows)")
                    st.dataframe(added, hide_index=True, width="stretch")
            if preview.notes:
                st.markdown(f"**Filled in by the import** ({len(preview.notes):,})")
                st.dataframe(
                    preview.notes_frame(),
                    hide_index=True,
                    width="stretch",
                    column_config={**PROBLEM_COLUMNS, "Filled in": PROBLEM_COLUMNS["Problem"]},
                )
            digest = hashlib.sha1(data).hexdigest()[:10]
            if st.button(
                f"Add {preview.added_count():,} row(s)",
                type="primary",
                icon=":material/playlist_add:",
                key=f"confirm_{digest}",
            ):
                done = imports.commit(ds.data_dir, upload, identity, config, dataset=ds)
                if done.written:
                    st.session_state["import_round"] = uploads + 1
                    flash(
                        "success",
                        f"Imported `{upload.file_name}`: {done.added_count():,} row(s) added, "
                        f"{done.skipped_count():,} already recorded, by {identity.email}."
                        + (
                            f" {len(done.notes):,} due date(s) computed from the deadline as "
                            "written."
                            if done.notes
                            else ""
                        ),
                    )
                elif done.problems:
                    st.error("Nothing was added: the data changed since the preview.")
                    st.dataframe(
                        done.problems_frame(),
                        hide_index=True,
                        width="stretch",
                        column_config=PROBLEM_COLUMNS,
                    )
                else:
                    st.info("Nothing new: every row is already recorded.")
else:
    st.caption("Importing needs an editor signed in. Anyone may download the templates.")

# --- a new report, read ---------------------------------------------------------------------------
report_step.show(ds.data_dir, view.force_id, identity, config, can_write)

# --- audit trail -------------------------------------------------------------------------------
st.header("Audit trail")
recorders = plan["recorders"]
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
trail_scope = dict(
    force_id=view.force_id,
    recorded_by=who,
    rec_id=rec_id if only_this else None,
    recorded_from=since,
    recorded_to=None,
)
trail_page = plan.add(trail=paging.paged("audit_trail", **trail_scope))["trail"]
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
            explorer.url(explorer.Filters(rec=r), context=view.link_context)
            for r in trail["rec_id"]
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
        "recorded_at": st.column_config.DatetimeColumn("Recorded at", format="D MMM YYYY, HH:mm"),
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
