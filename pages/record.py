"""Record progress: who may write, a new position for a finding, importing a return or a new
report, and the audit trail of every recorded position (the trail is open to everyone). Each
section is drawn by oversight/progress/; the page's queries are declared here, in its plan."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from oversight import app, auth, escape, paging, records
from oversight.ingest import step as report_step
from oversight.progress import access, picker, position, show_flash, signoff, trail, upload

ds = app.dataset()
view = app.current_view()
scale = app.rag()
config = auth.config_from_secrets(st.secrets)
identity = auth.identity_from_user(st.user)
can_write = auth.may_write(identity, config)
# A data folder the server cannot write: said in one line (naming the folder, not its path).
unwritable = records.check_folder(ds.data_dir, for_readers=True) if config.is_on else None
can_write = can_write and unwritable is None
today = dt.date.today()
# The latest recorded position of each finding, whatever the sidebar's date.
latest = max(view.latest_as_at, today)

st.title("Record progress")
st.caption(
    f"{escape.md(view.force_name)} · positions are added to `updates.csv` in the data folder; "
    "history is never edited or deleted: a correction is a new position."
)
if unwritable:
    st.error(unwritable, icon=":material/folder_off:")
show_flash()
access.panel(config, identity, can_write)

# --- record a position ------------------------------------------------------------------------
st.header("Record a position")
# A long register (thousands of findings) is narrowed by words first (oversight/progress/picker.py).
choosing = {"as_at": latest, "force_id": view.force_id}
plan = app.plan(
    every=("record_choices", {**choosing, "q": None, "limit": picker.CHOICES_SHOWN}),
    recorders=("audit_recorders", {"force_id": view.force_id}),
    queue=("closure_queue", {"force_id": view.force_id}),
)
rec_id = picker.choose(plan, choosing, view.force_name)

if rec_id:
    plan.add(
        record=("record_state", {"as_at": latest, "rec_id": rec_id}),
        history=("record_history", {"rec_id": rec_id}),
        inspectorate=("inspectorate_latest", {"rec_id": rec_id, "as_at": latest}),
    )
    record = plan["record"]
    if record.empty:
        st.warning(f"No finding “{escape.md(rec_id)}” in the data.")
    else:
        rec = record.iloc[0]
        position.summary(rec, scale, plan["inspectorate"], latest, view.link_context)
        position.history(plan["history"])
        if can_write:
            position.form(ds, rec, scale, identity, config, today)
        else:
            st.caption("Recording a position needs an editor signed in (see above).")

st.header("Awaiting sign-off")
signoff.queue(ds, plan["queue"], identity, config)

st.header("Import a return or a new report")
upload.show(ds, scale, identity, config, can_write)
report_step.show(ds.data_dir, view.force_id, identity, config, can_write)

st.header("Audit trail")
scope = trail.filters(plan["recorders"], view.force_id, rec_id, today)
trail_page = plan.add(trail=paging.paged("audit_trail", **scope))["trail"]
trail.table(ds, trail_page, scale, view.link_context)
