"""The Recommendations explorer's sections (pages/recommendations.py draws them in order): the
filters kept in step with the address both ways, the table of matches, the downloads of every
match, and the record of the chosen finding. The logic they show (parsing the address, the
frames, the words) is in oversight/explorer.py; the page's queries are declared in its plan.

The filters carry codes and ids in the address (rag=red, inspection=<id>) and words on screen, so
the address is kept in step here instead of binding the widgets (a bound widget would put its
on-screen label in the address). A value from the address that the data does not know is
dropped, with a notice naming the parameter.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from oversight import app, db, escape, explorer, exports, signoff_words, wrapped_table
from oversight.vocabulary import RagScale

KEY = {name: f"explorer_{name}" for name in explorer.PARAMS}
SYNCED = "_explorer_synced"
NOTICES = "_explorer_notices"
RECORD = "_explorer_record"
SELECTED = "_explorer_selected"


def _clear_notices() -> None:
    st.session_state[NOTICES] = []


def seed_from_url(options: explorer.Options) -> None:
    """Address -> widgets: on arrival, or when the address changed under the page, each filter's
    widget takes the address's value (a value the data does not know dropped, with a notice)."""
    raw = explorer.normalise_raw({name: st.query_params.get_all(name) for name in explorer.PARAMS})
    if st.session_state.get(SYNCED) != raw:
        seeded, notices = explorer.parse(raw, options)
        for name in explorer.PARAMS:
            if name != "rec":
                value = getattr(seeded, name)
                st.session_state[KEY[name]] = list(value) if isinstance(value, tuple) else value
        st.session_state[RECORD] = seeded.rec
        st.session_state[SELECTED] = None
        st.session_state[NOTICES] = notices


def show_notices() -> None:
    """What the address asked for that the page could not show."""
    for notice in st.session_state.get(NOTICES, []):
        st.warning(notice.message(), icon=":material/block:")


def filter_widgets(options: explorer.Options) -> explorer.Filters:
    """The filter widgets, read back as validated filters (codes and ids, never words)."""

    def _choice(name: str, placeholder: str, *, container=st) -> None:
        known = options.of(name)
        container.selectbox(
            explorer.PARAM_TITLES[name],
            list(known),
            index=None,
            format_func=lambda v, known=known, name=name: (
                explorer.area_label(v) if name == "area" else known.get(v, v)
            ),
            placeholder=placeholder,
            key=KEY[name],
            on_change=_clear_notices,
        )

    def _multi(name: str, *, container=st) -> None:
        mapping = options.of(name)
        container.multiselect(
            explorer.PARAM_TITLES[name],
            list(mapping),
            format_func=mapping.get,
            placeholder="Any",
            key=KEY[name],
            on_change=_clear_notices,
        )

    # What the reader sees first: open or all work, the order, and a search. The other filters
    # fold away (a phone shows the results without scrolling past them); the line above the
    # table says which are set.
    top = st.columns([2, 2, 3], vertical_alignment="bottom")
    top[0].toggle(
        explorer.PARAM_TITLES["closed"],
        key=KEY["closed"],
        on_change=_clear_notices,
        help="By default the explorer lists open work: awaiting allocation, in progress, pending "
        "closure, or no position recorded yet. Switch on to add closed, superseded and no "
        "further action.",
    )
    top[1].selectbox(
        explorer.PARAM_TITLES["sort"],
        list(explorer.SORTS),
        format_func=explorer.SORTS.get,
        key=KEY["sort"],
        on_change=_clear_notices,
        help=f"Sorts every matching finding, not only the page on screen. Most urgent: "
        f"{explorer.URGENT_RULE}.",
    )
    top[2].text_input(
        explorer.PARAM_TITLES["q"],
        key=KEY["q"],
        max_chars=explorer.MAX_TEXT,
        placeholder="Words in the text, note or reference (“Online and on the edge R4”)",
        on_change=_clear_notices,
    )
    folded = [n for n in explorer.PARAMS if n not in ("closed", "sort", "q", "rec")]
    n_set = sum(1 for n in folded if st.session_state.get(KEY[n]) not in (None, [], False, ""))
    with st.expander(
        f"Filters ({n_set} set)" if n_set else "Filters: report, kind, status, RAG, owner, dates",
        icon=":material/filter_list:",
        key="explorer_filters_open",  # stays open while its label counts the filters set
    ):
        a, b = st.columns(2)
        _choice("inspection", "Any inspection", container=a)
        _multi("kind", container=b)
        a, b = st.columns(2)
        _multi("status", container=a)
        _multi("rag", container=b)
        a, b = st.columns(2)
        _choice("owner", "Any chief officer lead", container=a)
        _choice("tactical", "Any tactical lead", container=b)
        a, b = st.columns(2)
        _choice("board", "Any governance board", container=a)
        _choice("area", "Any PEEL area", container=b)
        a, b = st.columns(2)
        a.date_input(
            explorer.PARAM_TITLES["due_from"],
            value=None,
            format="DD/MM/YYYY",
            key=KEY["due_from"],
            on_change=_clear_notices,
            help=app.TYPED_DATE_HELP,
        )
        b.date_input(
            explorer.PARAM_TITLES["due_to"],
            value=None,
            format="DD/MM/YYYY",
            key=KEY["due_to"],
            on_change=_clear_notices,
            help=app.TYPED_DATE_HELP,
        )
        _multi("addressed", container=st)
        st.caption(
            "Recommendations addressed to a national body (the College of Policing, the Home "
            "Office) are not the force's to deliver: choose “A national body” under Addressed "
            "to to list them."
        )
        a, b = st.columns(2)
        a.toggle(
            "Overdue only (open and past the due date in force)",
            key=KEY["overdue"],
            on_change=_clear_notices,
        )
        b.toggle(
            "Slipped only (open, due date moved later than the report's)",
            key=KEY["slipped"],
            on_change=_clear_notices,
        )

    chosen = {name: st.session_state.get(KEY[name]) for name in explorer.PARAMS if name != "rec"}
    filters, _ = explorer.parse(
        {
            name: (
                [str(v) for v in value]
                if isinstance(value, list)
                else ("true" if value is True else None if value in (None, False) else str(value))
            )
            for name, value in chosen.items()
        },
        options,
    )

    return filters


def table(rows: pd.DataFrame, rag: RagScale, filters: explorer.Filters, when: str):
    """The page of matching rows (queries/explorer_rows.sql), RAG as a label in rag.csv's colour;
    returns the table's selection event (None with no rows)."""
    if rows.empty:
        st.info(
            f"No finding matches these filters as at {when}. Clear a filter to widen the search.",
            icon=":material/search_off:",
        )
        event = None
    else:
        event = wrapped_table.show(
            explorer.rag_pills(explorer.table_frame(rows, rag)),
            on_select="rerun",
            selection_mode="single-row",
            key=f"explorer_table_{abs(hash(tuple(rows['rec_id'])))}",
            column_order=explorer.table_column_order(filters),
            # Every missing value reads "—", not "None"; the due date stays a date, so the column
            # sorts by date. The columns up to Status fit the main column at 1400 px.
            max_rows=10,
            column_config={
                "Reference": wrapped_table.reference_column(),
                "RAG": app.rag_column(
                    width=72, help=escape.md(", ".join(g.label for g in rag.grades))
                ),
                "Finding": st.column_config.TextColumn(
                    width=208, help="The first words; select the row to read the whole text"
                ),
                "Chief officer lead": st.column_config.TextColumn(width=112),
                "Tactical lead": st.column_config.TextColumn(width=100),
                "Due": st.column_config.DateColumn(
                    format="D MMM YYYY",
                    width=86,
                    help="The due date in force: the latest revised date, else the report's; "
                    "— when the finding has no due date",
                ),
                "When due": st.column_config.TextColumn(
                    width=110,
                    help="How far the due date of an open finding is from the as-at date: "
                    "“92 days overdue”, “in 94 days”; — when it has no due date or is not open",
                ),
                "Status": st.column_config.TextColumn(width=104),
                "Kind": st.column_config.TextColumn(width=130),
                "Originally due": st.column_config.DateColumn(
                    format="D MMM YYYY",
                    width=96,
                    help="The report's due date, shown where the date has moved",
                ),
                "Days slipped": st.column_config.NumberColumn(
                    format="%d",
                    width=86,
                    help="The due date in force minus the report's; — where it never moved",
                ),
                "Inspection": st.column_config.TextColumn(width=220),
            },
        )
        st.caption(
            "Select a row to read the whole record. Sort by clicking a column heading; the "
            "inspection is to the right (scroll the table sideways). “—”: not recorded, or no due date."
        )

    return event


def chosen_record(event, rows: pd.DataFrame) -> str | None:
    """Selecting a row opens its record; clearing the selection closes it. The record the address
    named stays open until a row is selected."""
    selected = list(event.selection.rows) if event is not None else []
    if selected and selected[0] < len(rows):
        picked = str(rows["rec_id"].iloc[selected[0]])
        if picked != st.session_state.get(SELECTED):
            st.session_state[RECORD] = picked
        st.session_state[SELECTED] = picked
    elif st.session_state.get(SELECTED) is not None:
        st.session_state[RECORD] = None
        st.session_state[SELECTED] = None
    return st.session_state.get(RECORD)


def write_url(filters: explorer.Filters) -> None:
    """Widgets -> address: the address holds the filters and the open record, nothing else."""
    wanted = filters.url_params()
    for name in explorer.PARAMS:
        if name in wanted:
            value = wanted[name]
            if st.query_params.get_all(name) != value:
                st.query_params[name] = value if len(value) > 1 else value[0]
        elif name in st.query_params:
            del st.query_params[name]
    st.session_state[SYNCED] = explorer.normalise_raw(
        {name: st.query_params.get_all(name) for name in explorer.PARAMS}
    )


def downloads(
    view: app.View,
    filters: explorer.Filters,
    described: list,
    matches: int,
    rag: RagScale,
) -> None:
    """CSV and XLSX of every match, not only the page shown: run when a button is clicked, and not
    kept in the cache (it can be a whole national register)."""
    as_at = view.as_at
    stem = f"recommendations-{view.force_id or 'all'}-{as_at.isoformat()}"
    notes = [
        ("Force", view.force_name),
        ("Link", explorer.url(filters.without_record())),
        ("Licence", app.OGL_ATTRIBUTION),
    ]
    every_match = partial(
        db.run_query,
        app.dataset(),
        "explorer_rows",
        as_at=as_at,
        force_id=view.force_id,
        **filters.query_params(),
    )

    def _csv() -> bytes:
        return exports.to_csv(explorer.export_frame(every_match(), rag))

    def _xlsx() -> bytes:
        table = explorer.export_frame(every_match(), rag)
        return exports.to_xlsx(table, filters=described, as_at=as_at, notes=notes, rag=rag)

    with st.container(horizontal=True):
        st.download_button(
            f"Download CSV ({matches:,} rows)",
            # made when clicked, not on every rerun (an XLSX of thousands of rows takes seconds)
            _csv,
            file_name=f"{stem}.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            f"Download XLSX ({matches:,} rows)",
            _xlsx,
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",
            help="A second sheet lists the filters and the as-at date that produced these rows.",
        )


def record(plan, record_id: str, view: app.View, rag: RagScale, when: str) -> None:
    """The chosen finding (the plan's record, family, history and inspectorate): its heading, text
    and facts, related findings and the updates recorded by the as-at date."""
    record = plan["record"]
    st.divider()
    if record.empty:
        st.warning(
            f"Record “{escape.md(record_id)}” was not issued to {escape.md(view.force_name)} "
            f"by {when}.",
            icon=":material/block:",
        )
    else:
        r = record.iloc[0]
        title, caption = explorer.record_heading(r)
        st.header(title)
        st.caption(caption)
        main, side = st.columns([3, 2])
        with main:
            st.markdown(explorer.text_as_markdown(r["text"]))
            if explorer.is_paraphrase(r):
                st.caption("The committee paper's description of the finding, not its wording.")
        with side, st.container(border=True):
            st.markdown("\n\n".join(explorer.record_facts(r, rag)))
            view_of = plan["inspectorate"]
            st.caption(signoff_words.inspectorate_sentence(view_of, when))

        family = plan["family"]
        if not family.empty:
            st.subheader("Related findings")
            st.markdown("\n".join(explorer.family_lines(family, rag, context=view.link_context)))

        st.subheader("Update history")
        history = plan["history"]
        if history.empty:
            st.write(f"No update is recorded for this finding by {when}.")
        else:
            st.markdown("\n".join(explorer.history_lines(history, rag)))
            later = int(history["later_updates"].iloc[0])
            if later:
                st.caption(
                    f"{later} later update{'s' if later != 1 else ''} after {when} not shown: "
                    "move the as-at date to see them."
                )
