"""The Record progress page's sections (pages/record.py draws them in order).

- `access`: who may write, and signing in and out
- `position`: a finding's badge, its history, and the form that records a new position
- `signoff`: the proposals to close awaiting an approver
- `upload`: importing a return or a file of positions (the report reader is oversight/ingest)
- `trail`: the audit trail of every recorded position

Each section is a function the page calls with what it has read; the queries stay declared in the
page's plan (oversight/plan.py). A write ends with `flash`: the message survives the rerun that
shows the newly written rows.
"""

from __future__ import annotations

import streamlit as st

FLASH = "record_flash"


def flash(kind: str, text: str) -> None:
    """A message that survives the rerun which shows the newly written rows."""
    st.session_state[FLASH] = (kind, text)
    st.rerun()


def show_flash() -> None:
    """The message a write left before its rerun, once."""
    if message := st.session_state.pop(FLASH, None):
        getattr(st, message[0])(message[1])
