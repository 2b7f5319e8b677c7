"""Record progress: the proposals to close awaiting an approver (four eyes: never the one who
proposed), each with its evidence offered as downloads, and the approver's decision."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oversight import app, auth, closure, escape, evidence
from oversight.labels import KIND_LABELS, label
from oversight.progress import flash


def queue(ds, queue: pd.DataFrame, identity: auth.Identity, config: auth.EditingConfig) -> None:
    """The queue (queries/closure_queue.sql), oldest first, with the buttons an approver has."""
    can_approve = auth.may_approve(identity, config)
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
                    f"**{escape.md(item.finding_name or item.ref or label(KIND_LABELS, item.kind))}** · "
                    f"{label(KIND_LABELS, item.kind)}"
                )
                st.text(str(item.text)[:600])
                st.caption(
                    f"Proposed as at {app.long_date(item.proposed_as_at)} by "
                    f"{escape.md(item.proposed_by or 'unknown')}"
                )
                if isinstance(item.note, str) and item.note:
                    st.text(f"Position: {item.note}")
                for n, entry in enumerate(evidence.items(item.evidence)):
                    if evidence.FILE_ITEM.match(entry):
                        try:
                            data = evidence.read(ds.data_dir, entry)
                        except (OSError, ValueError) as exc:
                            st.warning(f"Evidence file cannot be offered: {escape.md(exc)}")
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
                            lambda u=item.update_id: closure.approve(
                                ds.data_dir, u, identity, config
                            ),
                            f"Closed: {escape.md(item.finding_name or item.rec_id)}, approved by "
                            f"{escape.md(identity.email)}.",
                        )
                    if r.button("Send back", key=f"reject_{item.update_id}"):
                        decision = (
                            lambda u=item.update_id, why=reason: closure.reject(
                                ds.data_dir, u, why, identity, config
                            ),
                            f"Sent back: {escape.md(item.finding_name or item.rec_id)} is in progress "
                            "again.",
                        )
                    if decision is not None:
                        write, done_words = decision
                        try:
                            done = write()
                        except (
                            closure.ClosureRefused,
                            auth.NotAllowed,
                            TimeoutError,
                            OSError,
                        ) as exc:
                            st.error(f"Not recorded. {escape.md(exc)}")
                        else:
                            if done.problems:
                                st.error(
                                    "Not recorded: "
                                    + "; ".join(escape.md(p.message) for p in done.problems)
                                )
                            else:
                                flash("success", done_words)
                elif can_approve:
                    st.caption("You proposed this closure: another approver decides it.")
