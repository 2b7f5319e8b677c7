"""Briefing: the committee pack for a meeting, previewed on screen, with DOCX, PDF and Markdown
downloads (the same pack `python -m oversight briefing` writes)."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from oversight import app, paper

ANOTHER = "another"

view = app.current_view()
ds = app.dataset()
meetings = app.query("meeting_papers")
names = {
    str(m.meeting_id): f"{app.long_date(m.held_on)} · {m.committee}" for m in meetings.itertuples()
}

st.title("Briefing")
st.caption(
    "The committee paper, written from the data: purpose, background, what was completed and "
    "received since the last meeting with every recommendation in full, what is red, the older "
    "reports whose findings are still open, what moved, what is overdue or due, and the PEEL "
    "grades."
)

left, right = st.columns(2)
choice = left.selectbox(
    "Meeting",
    [*names, ANOTHER],
    format_func=lambda k: names.get(k, "Another date…"),
    key="meeting",
    bind="query-params",
)
if choice == ANOTHER:
    meeting_on = left.date_input(
        "Meeting date", value=view.as_at, format="DD/MM/YYYY", key="meeting_on"
    )
else:
    meeting_on = meetings.loc[meetings["meeting_id"] == choice, "held_on"].iloc[0].date()

period = paper.resolve_period(app.CACHED, meeting_on)  # the meeting's query, cached
since = right.date_input(
    "Since (the last meeting)",
    value=period.since,
    max_value=meeting_on,
    format="DD/MM/YYYY",
    key=f"pack_since_{meeting_on.isoformat()}",
    help="Reports published on or after this date count as received since the last meeting.",
)
if since == period.since:
    right.caption(f"Defaults to {period.since_words}.")


# Shared, not copied: the pack holds figures, and copying them out of a cache_data entry at
# every rerun cost more than drawing them. Nothing changes a pack once it is built.
@st.cache_resource(max_entries=16, show_spinner="Writing the pack…")
def _pack(version: str, meeting_on: dt.date, since: dt.date, force_id: str | None):
    return paper.build(ds, meeting_on, since=since, force_id=force_id)


@st.cache_data(max_entries=16, show_spinner=False)
def _file(version: str, meeting_on: dt.date, since: dt.date, force_id: str | None, fmt: str):
    return paper.render(_pack(version, meeting_on, since, force_id), fmt)


pack = _pack(ds.version, meeting_on, since, view.force_id)
key = (ds.version, meeting_on, since, view.force_id)

cols = st.columns(3)
for col, fmt, words in zip(
    cols,
    ("docx", "pdf", "md"),
    ("Download DOCX (editable)", "Download PDF", "Download Markdown"),
    strict=True,
):
    col.download_button(
        words,
        data=partial(_file, *key, fmt),
        file_name=paper.file_name(pack, fmt),
        mime=paper.media_type(fmt),
        key=f"download_{fmt}",
        icon=":material/download:",
        on_click="ignore",  # a download needs no rerun, and a rerun could swallow a keypress
        width="stretch",
    )


@st.cache_resource(max_entries=16, show_spinner=False)
def _preview(version: str, meeting_on: dt.date, since: dt.date, force_id: str | None) -> list:
    return paper.screen_parts(_pack(version, meeting_on, since, force_id))


st.divider()
with st.container(border=True):
    for line in pack.heading:
        st.markdown(f"**{line}**")
    st.header(pack.title, anchor=False)
    for kind, content in _preview(*key):
        if kind == "subheader":
            st.subheader(content, anchor=False, divider="gray")
        elif kind == "chart":
            st.plotly_chart(content, width="stretch")
        else:
            st.markdown(content)
    st.caption(pack.footer)
