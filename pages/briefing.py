"""Briefing: the committee pack for a meeting, previewed on screen, with DOCX, PDF and Markdown
downloads (the same pack `python -m oversight briefing` writes)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from oversight import app, escape, notices, paper

ANOTHER = "another"

view = app.current_view()
ds = app.dataset()
meetings = app.plan(meetings=("meeting_papers", {}))["meetings"]
ids, held = meetings["meeting_id"].astype(str).tolist(), meetings["held_on"].tolist()
names = {
    i: f"{app.long_date(h)} · {c}" for i, h, c in zip(ids, held, meetings["committee"], strict=True)
}

st.title("Briefing")
st.caption(
    "The committee paper, written from the data: purpose, background, what was completed and "
    "received since the last meeting with every recommendation in full, what is red, the older "
    "reports whose findings are still open, what moved, what is overdue or due, and the PEEL "
    "grades."
)

left, right = st.columns(2)
# A link may name the meeting by its id or its date (meeting=2018-06-28), or by its label.
asked_meeting = st.query_params.get("meeting")
by_id_or_date = {
    **{str(h.date()): i for i, h in zip(ids, held, strict=True)},
    **{k: k for k in names},
}
if asked_meeting in by_id_or_date:
    st.session_state["meeting"] = by_id_or_date[asked_meeting]
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
    meeting_on = held[ids.index(choice)].date()
app.notice(
    notices.reset(
        "the meeting",
        asked_meeting,
        [*by_id_or_date, *names.values(), ANOTHER, "Another date…"],
        names.get(choice, "another date"),
        "which is not a meeting in this data",
    )
)

period = paper.resolve_period(ds, meeting_on)  # the meeting's query, cached
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


# The pack, its files and its preview, cached with the data version (shared, not copied:
# nothing changes a pack once it is built, and it holds figures).
key = (meeting_on, since, view.force_id)


def _pack(key: tuple) -> paper.Briefing:
    return ds.derived("pack", key, lambda: paper.build(ds, *key))


def _file(key: tuple, fmt: str) -> bytes:
    return ds.derived("pack_file", (*key, fmt), lambda: paper.render(_pack(key), fmt))


if ds.has_derived("pack", key):  # the spinner only while it is written
    pack = _pack(key)
else:
    with st.spinner("Writing the pack…"):
        pack = _pack(key)

cols = st.columns(3)
for col, fmt, words in zip(
    cols,
    ("docx", "pdf", "md"),
    ("Download DOCX (editable)", "Download PDF", "Download Markdown"),
    strict=True,
):
    col.download_button(
        words,
        data=partial(_file, key, fmt),
        file_name=paper.file_name(pack, fmt),
        mime=paper.media_type(fmt),
        key=f"download_{fmt}",
        icon=":material/download:",
        on_click="ignore",  # a download needs no rerun, and a rerun could swallow a keypress
        width="stretch",
    )


st.divider()
st.html(paper.SCREEN_CSS)
with st.container(border=True, key=paper.as_screen.PREVIEW_KEY):
    for line in pack.heading:
        st.markdown(f"**{escape.md(line)}**")
    st.header(escape.md(pack.title), anchor=False)
    for kind, content in ds.derived("pack_preview", key, lambda: paper.screen_parts(pack)):
        if kind == "subheader":
            st.subheader(content, anchor=False, divider="gray")
        elif kind == "chart":
            # lighter than a Plotly plot where the pack gives one (paper.Chart.screen)
            how, drawn = content.screen or ("plotly", content.figure)
            if how == "vega":
                st.vega_lite_chart(*drawn, width="stretch")
            elif how == "table":
                st.markdown(f"**{escape.md(content.title)}**")
                st.table(drawn, alt=content.alt)
            else:
                st.plotly_chart(drawn, width="stretch")
        else:
            st.html(content)
    st.caption(escape.md(pack.footer))
