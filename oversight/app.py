"""Streamlit glue shared by dashboard.py and the pages: the dataset, each page's plan of queries
(read through the one cache, oversight/memo.py), cached figures, and the view (force and as-at
date) that the shared sidebar sets."""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from oversight import charts, db, escape, explorer, heap, memo, notices, phone, vocabulary
from oversight import plan as plan_
from oversight.periods import long_date  # noqa: F401 (pages call app.long_date)

# The page scripts live in pages/ (a name other tools rely on). Streamlit treats such a folder as
# an old-style multipage app until the main script first calls st.navigation, so a deep link opened
# on a freshly started server would run the page bare: no frame, no shared sidebar, the wrong
# navigation. This app always routes with st.navigation; say so from the first import
# (current_view reruns a page that started bare, and the rerun goes through dashboard.py).
PagesManager.uses_pages_directory = False
_frame = threading.local()

# How a date typed into a date field applies (on Enter: see ENTER_APPLIES_DATE), and where the
# calendar's week starts: the browser's language decides (Monday for English (United Kingdom));
# Streamlit 1.67 has no setting for it.
TYPED_DATE_HELP = (
    "Type the date as DD/MM/YYYY and press Enter (or leave the field) to apply it, or pick a "
    "day from the calendar. The calendar's weeks start on the day your browser's language sets: "
    "Monday for English (United Kingdom)."
)

# Streamlit applies a typed date when the reader presses outside the date field, not on Enter; this
# makes Enter in a date field's day, month or year do what that press does, so the date applies
# there and then. A constant of the app's own (no text from data or the URL reaches it), added
# once per page.
ENTER_APPLIES_DATE = """<script>
(() => {
  const doc = document;
  if (doc.__oversightEnterAppliesDate) return;
  doc.__oversightEnterAppliesDate = true;
  doc.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.target instanceof Element)) return;
    if (!event.target.closest('[data-testid="stDateInputField"]')) return;
    if (!event.target.matches('[role="spinbutton"]')) return;
    event.preventDefault();
    event.stopPropagation();
    // Streamlit commits a typed date when the reader presses outside the field and focus
    // leaves it: do both, as a click elsewhere would.
    doc.body.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
    event.target.blur();
  }, true);
})();
</script>"""

OGL_ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(HM Inspectorate of Constabulary and Fire & Rescue Services)."
)


def dataset() -> db.Dataset:
    """The dataset for the current data version: an edited CSV shows at the next rerun."""
    data_dir = str(db.data_dir_from_env().resolve())
    version = db.data_version(Path(data_dir))
    key = (data_dir, version)
    if memo.is_cached("dataset", key):  # the spinner only when it loads (it is an element)
        return memo.cached("dataset", key, lambda: db.load(Path(data_dir)))
    with st.spinner("Loading the curated tables…"):
        return memo.cached("dataset", key, lambda: db.load(Path(data_dir)))


def plan(**declared: plan_.Spec | tuple[str, dict]) -> plan_.Plan:
    """A page's queries, declared once by key, started ahead, read with `plan[key]`
    (see oversight/plan.py)."""
    return plan_.Plan(dataset(), **declared)


def query(name: str, **params: object) -> pd.DataFrame:
    """A named query's result from the cache (the shared sidebar's two; pages use a plan)."""
    return dataset().query(name, **params)


def rag() -> vocabulary.RagScale:
    """The data's RAG grades (rag.csv): words, order and colours for every chart and table."""
    return vocabulary.rag_scale(dataset())


def explorer_options(force_id: str | None) -> explorer.Options:
    """What the explorer's filters can take for a force, built once per data version: at stress
    scale a force has 31,000 findings and 5,000 inspections to choose from (160 ms to build)."""
    ds = dataset()
    return ds.derived(
        "explorer_options",
        (force_id,),
        lambda: explorer.Options.from_frame(ds.query("explorer_options", force_id=force_id)),
    )


def _frame_key(frame: pd.DataFrame) -> str:
    """An exact key for a chart's input frame: its pickled bytes, digested. Streamlit's own
    frame hashing took about 5 ms for an 80-row grade matrix, this 0.4 ms, on every rerun."""
    return hashlib.blake2b(pickle.dumps(frame, protocol=5), digest_size=16).hexdigest()


def _arg_key(value: object) -> Hashable:
    return ("frame", _frame_key(value)) if isinstance(value, pd.DataFrame) else value


def figure(builder, *args: object, **kwargs: object) -> go.Figure:
    """A chart builder's figure (a Vega-Lite builder's data and spec), cached on the data
    version and the builder's inputs.

    A rerun that changes nothing a chart shows reuses its figure: building a large figure costs
    more than its (cached) query. The figure is shared, not copied: builders return new figures
    and nothing changes one afterwards (st.plotly_chart only reads it).
    """
    if getattr(charts, builder.__name__, None) is not builder:
        raise ValueError(f"not a chart builder in oversight.charts: {builder!r}")
    key = (
        builder.__name__,
        tuple(_arg_key(a) for a in args),
        tuple(sorted((k, _arg_key(v)) for k, v in kwargs.items())),
    )
    return dataset().derived("figure", key, lambda: builder(*args, **kwargs))


def rag_column(width: int, help: str | None = None):
    """The RAG column of a table whose frame went through explorer.rag_pills: each word on a
    label of its colour from the data's rag.csv (see RagScale.label_colour)."""
    words, colours = explorer.rag_pill_options(rag())
    return st.column_config.MultiselectColumn(
        "RAG", width=width, help=help, options=words, color=colours
    )


@dataclass(frozen=True)
class View:
    """What the shared sidebar selects, read by every page."""

    force_id: str | None
    force_name: str
    as_at: dt.date
    latest_as_at: dt.date
    several_forces: bool = False

    @property
    def link_context(self) -> dict[str, str]:
        """What a link into another page carries to open on this view (explorer.url)."""
        force = self.force_name if self.several_forces else None
        return explorer.link_context(self.as_at, self.latest_as_at, force)


EARLIEST_AS_AT = dt.date(2010, 1, 1)
LATEST_AS_AT = dt.date(2040, 12, 31)


def sidebar() -> View:
    """Draw the shared sidebar (force, as-at date) and remember the view for the pages.

    A force or date in the address that cannot be shown is said in a notice above the page (what
    was asked for, why not, what is shown instead); a force named by its id (``force=wmp``) is
    taken as well as by its name.
    """
    forces = query("tracking_forces")
    latest = query("latest_as_at")["latest_as_at"].iloc[0]
    latest_as_at = pd.Timestamp(latest).date() if pd.notna(latest) else dt.date.today()
    names = dict(zip(forces["force_id"], forces["name"], strict=True))
    asked_force = st.query_params.get("force")
    asked_as_at = st.query_params.get("as_at")
    if asked_force in names and len(forces) > 1:
        st.session_state["force"] = asked_force  # an id, as in force=wmp: shown as its name
    with st.sidebar:
        if len(forces) > 1:
            force_id = st.selectbox(
                "Force",
                list(names),
                format_func=names.get,
                key="force",
                bind="query-params",
            )
            force_name = names[force_id]
        elif len(forces) == 1:
            force_id, force_name = forces["force_id"].iloc[0], forces["name"].iloc[0]
            st.markdown(f"**Force:** {escape.md(force_name)}")
        else:
            force_id, force_name = None, "No force"
        as_at = st.date_input(
            "As at",
            value=latest_as_at,
            min_value=EARLIEST_AS_AT,
            max_value=LATEST_AS_AT,
            format="DD/MM/YYYY",
            key="as_at",
            bind="query-params",
            help="Every figure shows each item's latest update on or before this date. "
            f"The data's latest update is {latest_as_at:%d %B %Y}. {TYPED_DATE_HELP}",
        )
        st.caption("Type DD/MM/YYYY and press Enter, or pick a day from the calendar.")
        st.html(ENTER_APPLIES_DATE, unsafe_allow_javascript=True)
        st.html(phone.PHONE_CSS)  # a phone reads a list where a chart cannot fit
        if as_at != latest_as_at:
            st.caption(f"Latest update in the data: {latest_as_at:%d %B %Y}.")
    for text in (
        notices.reset(
            "the force",
            asked_force,
            [*names, *names.values()] if force_id is not None else [],
            force_name,
            "which is not a force in this data",
        ),
        notices.date_notice("the as-at date", asked_as_at, as_at, EARLIEST_AS_AT, LATEST_AS_AT),
    ):
        notice(text)
    view = View(force_id, force_name, as_at, latest_as_at, len(forces) > 1)
    st.session_state["_view"] = view
    return view


def notice(text: str | None) -> None:
    """A notice about the address (see oversight/notices.py), above the page."""
    if text:
        st.warning(text, icon=":material/link_off:")


@contextmanager
def framed() -> Iterator[None]:
    """dashboard.py runs the page inside this: the page then knows the frame drew the sidebar."""
    _frame.active = True
    st.session_state["_reframing"] = False
    try:
        yield
    finally:
        _frame.active = False
        heap.settle()


def current_view() -> View:
    """The view the sidebar set in this run (pages run after dashboard.py draws it)."""
    if not getattr(_frame, "active", False):
        if not st.session_state.get("_reframing"):
            # The page started bare (see PagesManager above; AppTest also resets the flag before
            # each run): route with st.navigation from now on, and run again through the frame.
            st.session_state["_reframing"] = True
            PagesManager.uses_pages_directory = False
            st.rerun()
        return sidebar()  # run on its own (`streamlit run pages/x.py`): draw the sidebar here
    view = st.session_state.get("_view")
    return view if isinstance(view, View) else sidebar()


def show_problems(ds: db.Dataset) -> None:
    """The page shown instead of the dashboard when the tables do not validate. It names the
    files, lines and columns at fault, never the server's path to them."""
    st.title("The data could not be loaded")
    if ds.folder_problem:
        st.error(
            db.folder_problem(ds.data_dir, for_readers=True) or "The data folder cannot be read.",
            icon=":material/folder_off:",
        )
        st.caption(
            "The server's data folder (the `OVERSIGHT_DATA_DIR` setting) must be a folder of the "
            "curated tables that the server can read. `python -m oversight validate` on the "
            "server names it in full."
        )
        return
    st.error(
        f"{len(ds.problems)} problem(s) in the curated tables. "
        "Fix them and reload: the dashboard shows no figure from invalid data."
    )
    st.dataframe(problems_frame(ds.problems), hide_index=True, width="stretch")
    st.caption("The same list is printed by `python -m oversight validate`.")


def problems_frame(problems: list[db.Problem]) -> pd.DataFrame:
    return pd.DataFrame(
        [(p.file, p.line, p.column, p.message) for p in problems],
        columns=["File", "Line", "Column", "Problem"],
    )
