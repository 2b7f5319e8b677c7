"""Record progress: choosing the finding to record against. The address's ?rec=<rec_id> preselects
one; a long register (thousands of findings) is narrowed by words first, so the list sends at
most CHOICES_SHOWN findings to the browser, always with the one the address names."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oversight import app, escape, paging
from oversight.plan import Plan

CHOICES_SHOWN = 500  # findings listed in the picker at most; a longer register is narrowed first


def choose(plan: Plan, choosing: dict, force_name: str) -> str | None:
    """The chosen finding's id, or None. `plan` holds `every` (queries/record_choices.sql with
    `choosing`, no words, at most CHOICES_SHOWN); the words typed and the address's finding are
    declared in it as `found` and `named` when they are needed."""
    # ?rec=<rec_id> preselects a finding (the explorer's record links here). Not a bound widget:
    # a bound selectbox keeps its formatted label in the URL, and the contract is the rec_id.
    wanted = st.query_params.get("rec")
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
        plan.add(named=("record_choices", {**choosing, "q": wanted, "limit": None}))
        named = plan["named"]
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
        app.notice(
            f"The address asked for the finding “{escape.md(wanted)}”, which is not one of "
            f"{escape.md(force_name)}'s findings: none is chosen; choose one from the list."
        )
    return rec_id
