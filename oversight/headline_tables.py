"""The Overview's lists and charts below its tiles (pages/overview.py draws them in order): red
and overdue, slipped deadlines, due next, what moved in the period, the RAG mix, and sign-off with
the inspectorate's view. Each takes the rows the page's plan read; the frames and words are in
oversight/headlines.py, slippage.py and signoff_words.py."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from oversight import (
    app,
    changes,
    charts,
    escape,
    explorer,
    headlines,
    paging,
    periods,
    phone,
    signoff_words,
    slippage,
    static_table,
)
from oversight.vocabulary import RagScale


def _set_since() -> None:
    """The reader picked a date: it stays (in the URL) whatever the as-at date does."""
    picked = st.session_state.get("since")
    if picked is None:
        st.query_params.pop("since", None)
    else:
        st.query_params["since"] = picked.isoformat()


def _follow_as_at() -> None:
    st.query_params.pop("since", None)


def since_picker(as_at: dt.date) -> dt.date | None:
    """ "Count changes since", where no committee meeting is recorded before the as-at date: it
    follows the as-at date (periods.default_since) unless the reader picked a date, which the
    URL then holds (?since=) and "Follow the as-at date" clears. Returns the reader's date, or
    None when the default applies."""
    chosen = headlines.chosen_since(st.query_params.get("since"), as_at)
    st.session_state["since"] = chosen or periods.default_since(as_at)
    since_column, reset_column, _ = st.columns([1, 1, 2], vertical_alignment="bottom")
    since_column.date_input(
        "Count changes since",
        min_value=dt.date(2010, 1, 1),
        max_value=as_at,
        format="DD/MM/YYYY",
        key="since",
        on_change=_set_since,
        help="No committee meeting is recorded before the as-at date, so the changes count "
        f"from {periods.SINCE_RULE} it, unless you pick a date here. {app.TYPED_DATE_HELP}",
    )
    if chosen is not None:
        reset_column.button(
            "Follow the as-at date",
            on_click=_follow_as_at,
            help=f"Count changes from {periods.SINCE_RULE} the as-at date again.",
        )
    return chosen


def red_and_overdue(
    flagged_page: paging.Page, undatable: int, rag: RagScale, as_at: dt.date, link_context: dict
) -> None:
    """Red first, then the longest overdue (queries/red_and_overdue.sql, a page at a time), with
    the overdue findings not graded red flagged; `undatable`: open findings with no due date."""
    red_word = escape.md(rag.label("red"))  # rag.csv's word for red, shown as text
    st.header(f"{red_word} and overdue")
    flagged = flagged_page.rows
    counted = flagged.iloc[0] if not flagged.empty else None
    red_count = int(counted["red_total"]) if counted is not None else 0
    overdue_count = int(counted["overdue_total"]) if counted is not None else 0
    overdue_not_red = int(counted["overdue_not_red_total"]) if counted is not None else 0
    sentences = []
    if red_count == 0:
        sentences.append(headlines.nothing_red(as_at, red_word))
    if overdue_count == 0:
        sentences.append(headlines.nothing_overdue(as_at, undatable))
    if sentences:
        st.success(" ".join(sentences), icon=":material/check_circle:")
    if overdue_not_red:
        st.warning(
            f"**{overdue_not_red:,}** overdue item{'s are' if overdue_not_red != 1 else ' is'} not "
            f"graded {headlines.lower_first(red_word)}: a committee member will ask why.",
            icon=":material/warning:",
        )
    if not flagged.empty:
        paging.pager(
            flagged_page,
            noun="items",
            hint=f"{red_word} first, then the longest overdue. The Recommendations explorer "
            "narrows them.",
        )
        table = headlines.red_overdue_frame(flagged, rag)
        table["Record"] = [
            explorer.url(explorer.Filters(rec=r), context=link_context) for r in flagged["rec_id"]
        ]
        static_table.show(
            table,
            # What a committee reads first; the record behind the link has the rest.
            columns=[
                "Why listed",
                "Reference",
                "Kind",
                "RAG",
                "Finding",
                "Chief officer lead",
                "Due",
                "When due",
                "Status",
                "Record",
            ],
            dates=["Due"],
            links={"Record": "Open record"},
            rag=rag,
        )


def slipped(
    slipped_page: paging.Page, slipped_counts: pd.DataFrame, rag: RagScale, as_at: dt.date
) -> None:
    """Open findings whose due date moved later than the report's (queries/slipped_findings.sql)."""
    st.header("Slipped deadlines")
    slipped_rows = slipped_page.rows
    st.markdown(slippage.slipped_sentence(slipped_counts, as_at))
    if not slipped_rows.empty:
        paging.pager(
            slipped_page,
            noun="findings",
            hint="Overdue against the revised date first, then the most slipped.",
        )
        static_table.show(
            slippage.slipped_frame(slipped_rows, rag),
            columns=[
                "Reference",
                "Finding",
                "Chief officer lead",
                "Originally due",
                "Now due",
                "Days slipped",
                "Where it stands",
                "Times moved",
                "Latest reason",
                "RAG",
            ],
            dates=["Originally due", "Now due"],
            rag=rag,
        )


def due_next(due: pd.DataFrame, rag: RagScale, when: str) -> None:
    """The open findings falling due soonest after the as-at date (queries/due_next.sql)."""
    st.header("Due next")
    if due.empty:
        st.write(f"No open finding has a due date on or after {when}.")
    else:
        st.caption(
            f"The {len(due)} open finding{'s' if len(due) != 1 else ''} falling due soonest after "
            f"{when}, with who owns {'them' if len(due) != 1 else 'it'}. Findings with no due date "
            "are in the Recommendations explorer."
        )
        static_table.show(
            headlines.due_next_frame(due, rag),
            dates=["Due"],
            rag=rag,
        )


def moves(moves_page: paging.Page, kpis: pd.DataFrame, window, rag: RagScale, when: str) -> None:
    """What moved in the period (queries/moves_since.sql), after the sentence that splits it."""
    st.header(f"Moved {window.phrase()}")
    split = changes.Split.from_row(kpis.iloc[0])
    st.write(split.sentence(f"{window.phrase()} up to {when}", bold=True))
    moves = moves_page.rows
    if not moves.empty:
        paging.pager(
            moves_page,
            noun="findings",
            hint="Moves first, then first positions, the latest first.",
        )
        static_table.show(headlines.moves_frame(moves, rag), dates=["Recorded"])


def rag_mix(
    by_inspection: pd.DataFrame,
    by_kind: pd.DataFrame,
    rag: RagScale,
    as_at: dt.date,
    when: str,
    force_name: str,
) -> None:
    """The RAG mix by inspection and by kind (Vega-Lite charts in rag.csv's words and colours):
    open work by default, completed findings on request (in the URL: mix_completed=true), so at
    national scale completed (blue) work does not dwarf the open red, amber and green."""
    st.header("RAG mix")
    with_completed = st.toggle(
        "Include completed findings (closed, superseded, no further action)",
        key="mix_completed",
        bind="query-params",
    )
    which = "all" if with_completed else "open"
    open_word = "" if with_completed else "open "
    if not with_completed:
        by_inspection, by_kind = charts.open_only(by_inspection), charts.open_only(by_kind)
    if by_inspection.empty:
        st.write(f"No {open_word}finding of {escape.md(force_name)} as at {when}.")
        return
    graded = by_inspection[by_inspection["rag"] != "white"]
    if graded.empty:
        white = escape.md(headlines.lower_first(rag.label("white")))
        meaning = escape.md(headlines.lower_first(rag.meaning("white")))
        st.info(
            f"No {open_word}finding is graded as at {when}: every one is {white}, {meaning}. "
            "The charts show how many each inspection and kind brought.",
            icon=":material/info:",
        )
    # The date is said here, not in the charts' titles: a chart whose spec is the same at every
    # date is updated in place (oversight/charts/rag_mix.py).
    st.caption(f"{charts.rag_mix_title(which)}, as at {when}: by inspection and by kind.")
    left, right = st.columns([3, 2])
    with left:
        # A national register: the inspections with most open findings are drawn, the rest
        # are counted in words, so they do not dwarf the open ones.
        drawn = by_inspection[~by_inspection["is_other"]]
        rest = by_inspection[by_inspection["is_other"]]
        # Vega-Lite, not Plotly: the first page a browser opens (oversight/charts/rag_mix.py).
        # A phone reads a list instead: the inspections' long names leave no room for bars.
        with st.container(key="wide_rag_by_inspection"):
            st.vega_lite_chart(
                *app.figure(charts.rag_by_inspection_vega, drawn, rag, which=which),
                width="stretch",
            )
        with st.container(key="phone_rag_by_inspection"):
            st.markdown(
                f"**{charts.rag_mix_title(which)} by inspection**, as at {when}\n\n"
                + phone.rag_mix_list(drawn, rag)
            )
        if not rest.empty:
            st.caption(headlines.other_inspections_note(drawn, rest, with_completed))
    with right:
        st.vega_lite_chart(
            *app.figure(charts.rag_by_kind_vega, by_kind, rag, which=which),
            width="stretch",
        )


def signoff(pending_rows: pd.DataFrame, disagreements: pd.DataFrame, when: str) -> None:
    """Findings awaiting sign-off, and where the force and the inspectorate disagree."""
    st.header("Sign-off and the inspectorate")
    pending = int(pending_rows["pending_signoff"].iloc[0])
    tiles = st.columns(2)
    tiles[0].metric(
        "Pending sign-off",
        f"{pending:,}",
        help="Findings proposed for closure, with evidence, awaiting an approver's decision "
        "(Record progress).",
        border=True,
    )
    tiles[1].metric(
        "Disagree with the inspectorate",
        f"{len(disagreements):,}",
        help="The force says closed and the inspectorate has not said complete, or the inspectorate "
        "says complete and the force has it open (inspectorate_status.csv).",
        border=True,
    )
    if disagreements.empty:
        st.caption(
            f"No finding's status disagrees with the inspectorate's as at {when}, where "
            "inspectorate_status.csv records the inspectorate's view."
        )
    else:
        static_table.show(signoff_words.disagreements_frame(disagreements))
