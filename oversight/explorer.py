"""The Recommendations explorer's filters: from raw URL query-parameter values to validated filter
values, and back to a URL. Pure Python, so a test reaches it without Streamlit.

A value that is not one the data knows is dropped and reported as a notice naming the parameter.
Nothing from the URL is ever put into SQL text: the validated values are bound as $parameters of
queries/explorer_rows.sql.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

import pandas as pd

from oversight import escape, labels
from oversight.vocabulary import NOT_RECORDED_COLOUR, RagScale

PAGE = "recommendations"  # the explorer's url_path in dashboard.py
RECORD_PAGE = "record"  # Record progress, which takes ?rec=<rec_id> like the explorer
REC_SHOWN = r"rec=([^&]*)"  # a record link's rec_id, shown as a link column's text

# The URL contract (the order is the order of the filter panel and of the filter sheet).
PARAMS = (
    "inspection",
    "kind",
    "addressed",
    "status",
    "rag",
    "overdue",
    "slipped",
    "owner",
    "tactical",
    "board",
    "area",
    "due_from",
    "due_to",
    "q",
    "closed",
    "sort",
    "rec",
)
PARAM_TITLES = {
    "inspection": "Inspection",
    "kind": "Kind",
    "addressed": "Addressed to",
    "status": "Status",
    "rag": "RAG",
    "overdue": "Overdue only",
    "slipped": "Slipped only",
    "owner": "Chief officer lead",
    "tactical": "Tactical lead",
    "board": "Governance board",
    "area": "PEEL area",
    "due_from": "Due on or after",
    "due_to": "Due on or before",
    "q": "Text contains",
    "closed": "Completed findings too",
    "sort": "Sorted by",
    "rec": "Record",
}
# How the rows can be sorted: every matching row, in SQL (queries/explorer_rows.sql), not only the
# page on screen. The first is the default: the explorer opens on the most urgent open work.
SORTS = {
    "urgent": "Most urgent first",
    "due": "Due soonest first",
    "updated": "Latest update first",
    "report": "Newest report first",
    "reference": "By reference",
}
DEFAULT_SORT = "urgent"
URGENT_RULE = "overdue, then red, then due soonest"
# Filters whose allowed values are codes (several may be chosen): fixed ones here, RAG grades
# from the data's rag.csv (through Options).
# A finding with no position recorded has no status and no RAG; the filters can still pick it out.
NO_POSITION_CODE = "no_position"
NO_RAG_CODE = "not_recorded"
ENUMS: dict[str, dict[str, str]] = {
    "kind": labels.KIND_LABELS,
    "addressed": labels.ADDRESSED_LABELS,
    "status": {**labels.STATUS_LABELS, NO_POSITION_CODE: labels.NO_POSITION},
}
MULTI = (*ENUMS, "rag")
# Filters whose allowed values come from the data (one may be chosen).
DATA_PARAMS = ("owner", "tactical", "board", "inspection", "area", "rec")
UNALLOCATED = "unallocated"
MAX_TEXT = 200
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Options:
    """The values each data-driven filter can take: param -> {value: label}."""

    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> Options:
        """From queries/explorer_options.sql (columns param, value, label)."""
        values: dict[str, dict[str, str]] = {p: {} for p in DATA_PARAMS}
        columns = (frame[c].astype(str).tolist() for c in ("param", "value", "label"))
        for param, value, label in zip(*columns, strict=True):
            values.setdefault(param, {})[value] = label
        return cls(values)

    def of(self, param: str) -> Mapping[str, str]:
        if param in ENUMS:
            return ENUMS[param]
        if param == "rag":
            return {**self.values.get("rag", {}), NO_RAG_CODE: labels.NO_RAG}
        return self.values.get(param, {})

    def label(self, param: str, value: str) -> str:
        if param == "area":
            return area_label(value)
        return self.of(param).get(value, value)


@dataclass(frozen=True)
class Notice:
    """A URL value that was ignored, and why."""

    param: str
    value: str
    reason: str

    def message(self) -> str:
        """Markdown, with the untrusted value escaped so it renders as plain text."""
        shown = self.value if len(self.value) <= 60 else self.value[:57] + "…"
        return f"Ignored `{self.param}` = “{escape.md(shown)}”: {self.reason}."


@dataclass(frozen=True)
class Filters:
    """A validated explorer view. Empty tuples and None mean "no filter"."""

    inspection: str | None = None
    kind: tuple[str, ...] = ()
    addressed: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    rag: tuple[str, ...] = ()
    overdue: bool = False
    slipped: bool = False
    owner: str | None = None
    tactical: str | None = None
    board: str | None = None
    area: str | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    q: str | None = None
    closed: bool = False  # completed findings too (by default the explorer lists open work)
    sort: str = DEFAULT_SORT
    rec: str | None = None

    def query_params(self, limit: int | None = None, offset: int = 0) -> dict[str, object]:
        """The bound parameters of queries/explorer_rows.sql (without as_at and force_id):
        every matching row unless a page (limit rows from offset) is asked for."""
        return {
            "limit": limit,
            "offset": offset,
            "owner": self.owner,
            "tactical": self.tactical,
            "board": self.board,
            "inspection": self.inspection,
            "kinds": list(self.kind) or None,
            "addressed": list(self.addressed) or None,
            "statuses": list(self.status) or None,
            "rags": list(self.rag) or None,
            "area": self.area,
            "overdue_only": self.overdue,
            "slipped_only": self.slipped,
            "due_from": self.due_from,
            "due_to": self.due_to,
            "q": self.q,
            "include_closed": self.closed,
            "sort": self.sort if self.sort in SORTS else DEFAULT_SORT,
        }

    def url_params(self) -> dict[str, list[str]]:
        """The query parameters that reproduce this view (defaults left out)."""
        out: dict[str, list[str]] = {}
        for name in PARAMS:
            value = getattr(self, name)
            if value is None or value == () or value is False:
                continue
            if name == "sort" and value == DEFAULT_SORT:
                continue
            if isinstance(value, tuple):
                out[name] = list(value)
            elif isinstance(value, bool):
                out[name] = ["true"]
            elif isinstance(value, dt.date):
                out[name] = [value.isoformat()]
            else:
                out[name] = [str(value)]
        return out

    def without_record(self) -> Filters:
        return replace(self, rec=None)

    def with_record(self, rec: str | None) -> Filters:
        return replace(self, rec=rec)

    @property
    def with_completed(self) -> bool:
        """Completed findings are listed too: asked for, or a status filter names which."""
        return self.closed or bool(self.status)

    @property
    def is_empty(self) -> bool:
        """No filter set (the sort is not a filter)."""
        return not replace(self.without_record(), sort=DEFAULT_SORT).url_params()


def parse(raw: Mapping[str, str | Sequence[str]], options: Options) -> tuple[Filters, list[Notice]]:
    """Validate raw query-parameter values. Unknown values are dropped, each with a notice."""
    notices: list[Notice] = []
    values: dict[str, object] = {}
    for name in PARAMS:
        given = raw.get(name)
        if given is None:
            continue
        items = [given] if isinstance(given, str) else [str(v) for v in given]
        items = [v for v in items if v.strip() != ""]
        if not items:
            continue
        if name in MULTI:
            values[name] = _parse_enum(name, items, notices, options.of(name))
        elif name in DATA_PARAMS:
            values[name] = _parse_choice(name, items[-1], options, notices)
        elif name in ("overdue", "slipped", "closed"):
            values[name] = _parse_bool(name, items[-1], notices)
        elif name == "sort":
            values[name] = _parse_sort(items[-1], notices)
        elif name in ("due_from", "due_to"):
            values[name] = _parse_date(name, items[-1], notices)
        elif name == "q":
            values[name] = _parse_text(name, items[-1], notices)
    filters = Filters(**{k: v for k, v in values.items() if v is not None})
    if filters.due_from and filters.due_to and filters.due_to < filters.due_from:
        notices.append(
            Notice(
                "due_to", filters.due_to.isoformat(), "it is before `due_from`, so it was left out"
            )
        )
        filters = replace(filters, due_to=None)
    return filters, notices


def _parse_enum(
    name: str, items: list[str], notices: list[Notice], mapping: Mapping[str, str]
) -> tuple[str, ...]:
    by_word = {_fold(code): code for code in mapping} | {_fold(w): c for c, w in mapping.items()}
    chosen: set[str] = set()
    for item in items:
        for part in item.split(","):
            if not part.strip():
                continue
            code = by_word.get(_fold(part))
            if code is None:
                allowed = ", ".join(mapping)
                notices.append(Notice(name, part.strip(), f"it is not one of {allowed}"))
            else:
                chosen.add(code)
    return tuple(code for code in mapping if code in chosen)


def _parse_sort(item: str, notices: list[Notice]) -> str | None:
    value = item.strip().lower()
    if value in SORTS:
        return value
    notices.append(Notice("sort", item, f"it is not one of {', '.join(SORTS)}"))
    return None


def _parse_choice(name: str, item: str, options: Options, notices: list[Notice]) -> str | None:
    known = options.of(name)
    value = item.strip()
    if value in known:
        return value
    folded = {_fold(v): v for v in known} | {_fold(label): v for v, label in known.items()}
    if name != "rec" and _fold(value) in folded:
        return folded[_fold(value)]
    what = {
        "owner": "no finding has that chief officer lead",
        "tactical": "no finding has that tactical lead",
        "board": "no finding is overseen by that board",
        "inspection": "there is no such inspection",
        "area": "no finding is in that PEEL area",
        "rec": "there is no such record",
    }[name]
    notices.append(Notice(name, item, what))
    return None


def _parse_bool(name: str, item: str, notices: list[Notice]) -> bool | None:
    word = item.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    notices.append(Notice(name, item, "it must be true or false"))
    return None


def _parse_date(name: str, item: str, notices: list[Notice]) -> dt.date | None:
    try:
        value = dt.date.fromisoformat(item.strip())
    except ValueError:
        notices.append(Notice(name, item, "it is not a date written YYYY-MM-DD"))
        return None
    if not dt.date(1900, 1, 1) <= value <= dt.date(2100, 12, 31):
        notices.append(Notice(name, item, "it is outside the years 1900 to 2100"))
        return None
    return value


def _parse_text(name: str, item: str, notices: list[Notice]) -> str | None:
    text = " ".join(_CONTROL.sub(" ", item).split())
    if len(text) > MAX_TEXT:
        notices.append(
            Notice(name, item, f"it is longer than {MAX_TEXT} characters, so it was cut")
        )
        text = text[:MAX_TEXT]
    return text or None


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


def url(
    filters: Filters,
    page: str = PAGE,
    context: Mapping[str, str] | None = None,
    base: str | None = None,
) -> str:
    """The one builder of a link into the explorer (or, with page=RECORD_PAGE, the record page):
    a relative link that opens it on these filters, e.g. recommendations?owner=ACC%20Crime.
    `context` adds the sidebar's view (see link_context), so the link keeps the force and the
    date. `base` (the app's address) makes it absolute, for an e-mail or a calendar. Queries
    return ids and codes, never links; pages and helpers build every link here."""
    params: dict[str, list[str]] = filters.url_params()
    params.update({k: [v] for k, v in (context or {}).items()})
    query = urllib.parse.urlencode(params, doseq=True, quote_via=urllib.parse.quote)
    link = f"{page}?{query}" if query else page
    return f"{base.rstrip('/')}/{link}" if base else link


def link_context(
    as_at: dt.date, latest_as_at: dt.date, force_name: str | None = None
) -> dict[str, str]:
    """The sidebar's query parameters a link must carry to open on the same view: the as-at date
    when it is not the default (the latest update), and the force when there is a choice."""
    out: dict[str, str] = {}
    if force_name:
        out["force"] = force_name
    if as_at != latest_as_at:
        out["as_at"] = as_at.isoformat()
    return out


def normalise_raw(raw: Mapping[str, str | Sequence[str]]) -> dict[str, list[str]]:
    """Raw query parameters of the explorer in one comparable shape: name -> list of values."""
    out: dict[str, list[str]] = {}
    for name in PARAMS:
        given = raw.get(name)
        if given is None:
            continue
        items = [given] if isinstance(given, str) else [str(v) for v in given]
        if items:
            out[name] = items
    return out


def describe(filters: Filters, options: Options) -> list[tuple[str, str]]:
    """(filter, value in words) for every filter set: the caption and the export's filter sheet."""
    out: list[tuple[str, str]] = []
    for f in fields(Filters):
        value = getattr(filters, f.name)
        if f.name in ("rec", "sort") or value is None or value == () or value is False:
            continue
        if isinstance(value, tuple):
            words = ", ".join(labels.label(dict(options.of(f.name)), v) for v in value)
        elif isinstance(value, bool):
            words = "Yes"
        elif isinstance(value, dt.date):
            words = f"{value:%-d %B %Y}"
        elif f.name == "owner" and value == UNALLOCATED:
            words = "No chief officer lead"
        elif f.name == "q":
            words = f"“{value}”"
        else:
            words = options.label(f.name, value)
        out.append((PARAM_TITLES[f.name], words))
    return out


def sort_phrase(sort: str) -> str:
    """How the rows are ordered, in words ("Most urgent first (overdue, then red, ...)")."""
    if sort not in SORTS or sort == DEFAULT_SORT:
        return f"{SORTS[DEFAULT_SORT]} ({URGENT_RULE})"
    return SORTS[sort]


def count_line(
    matches: int, total: int, described: list[tuple[str, str]], filters: Filters, when: str
) -> str:
    """Markdown above the explorer's table: how many findings match, of how many, which work
    (open, or completed too) and which filters. Values from the data are escaped."""
    work = "findings, open and completed," if filters.with_completed else "open findings"
    if not described or described == [(PARAM_TITLES["closed"], "Yes")]:
        return f"**{matches:,}** {work} as at {when}. No filter is set."
    shown = [(k, v) for k, v in described if k != PARAM_TITLES["closed"]]
    return (
        f"**{matches:,}** of {total:,} {work} match: "
        + "; ".join(f"{k}: {escape.md(v)}" for k, v in shown)
        + "."
    )


def area_label(slug: str | None) -> str:
    if slug is None:
        return "—"
    return str(slug).replace("_", " ").capitalize()


def days_phrase(days_to_due: object, is_open: object) -> str:
    """'in 94 days', '12 days overdue', 'today'; '—' when not open or no due date."""
    if pd.isna(days_to_due) or not bool(is_open):
        return "—"
    n = int(days_to_due)
    if n == 0:
        return "due today"
    if n > 0:
        return f"in {n} day{'s' if n != 1 else ''}"
    return f"{-n} day{'s' if n != -1 else ''} overdue"


# Streamlit wraps a table's text only when its rows are taller than 64 px; three lines fit. Tables
# that wrap show a finding's first words (cut to fit) and an inspection's year.
WRAPPED_ROW_PX = 66
# What a table shows for a missing value (st.dataframe's placeholder).
MISSING = "—"
FINDING_CHARS = 80  # three lines of a column about 210 px wide


def table_height(n_rows: int, row_px: int, max_rows: int = 8) -> int:
    """Pixels for a table that shows up to max_rows rows before it scrolls (header included).
    A longer table shows half of the next row too, so the reader sees that it scrolls."""
    shown = row_px * max(1, min(n_rows, max_rows))
    return 38 + shown + (row_px // 2 if n_rows > max_rows else 0)


def first_words(text: object, limit: int) -> str:
    """The text cut at a word boundary to at most `limit` characters, with '…' when cut."""
    if text is None or pd.isna(text):
        return "—"
    words = " ".join(str(text).split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–")
    return cut + "…"


def reference(ref: object, kind: object) -> str:
    """A finding's reference where no name is known: the inspectorate's reference ("R2") or the
    kind of finding in words ("Area for improvement"), never a record id."""
    if ref is not None and not pd.isna(ref) and str(ref).strip():
        return str(ref)
    return labels.label(labels.KIND_LABELS, kind)


def references(rows: pd.DataFrame) -> list[str]:
    """What every list's Reference column shows: the finding named as a committee names it, the
    report's short name and the finding's number ("Online and on the edge · R4", from
    queries/derived/finding_names.sql), never a record id."""
    if "finding_name" in rows:
        return [
            str(name) if _present(name) else reference(ref, kind)
            for name, ref, kind in zip(rows["finding_name"], rows["ref"], rows["kind"], strict=True)
        ]
    return [reference(r, k) for r, k in zip(rows["ref"], rows["kind"], strict=True)]


def kinds(rows: pd.DataFrame) -> list[str]:
    """The Kind column every list shows beside the Reference ("Area for improvement")."""
    return [labels.label(labels.KIND_LABELS, k) for k in rows["kind"]]


def when_due(rows: pd.DataFrame) -> list[str]:
    """Overdue said one way on every list: "92 days overdue", "in 94 days", "due today"; "—"
    when the finding is not open or has no due date (from days_to_due and is_open)."""
    is_open = rows["is_open"] if "is_open" in rows else [True] * len(rows)
    return [days_phrase(d, o) for d, o in zip(rows["days_to_due"], is_open, strict=True)]


# --- frames a page shows or exports -------------------------------------------------------

TABLE_COLUMNS = {
    # RAG, owners and due date first, so they are in view on a laptop screen without scrolling
    "reference": "Reference",
    "rag": "RAG",
    "short_text": "Finding",
    "chief_officer_lead": "Chief officer lead",
    "tactical_lead": "Tactical lead",
    "due_on": "Due",
    "days_to_due": "When due",
    "status": "Status",
    "kind": "Kind",
    "original_due_on": "Originally due",
    "days_slipped": "Days slipped",
    "inspection_title": "Inspection",
}


def table_column_order(filters: Filters) -> list[str]:
    """The table's columns left to right. With "slipped only" set, the original date and the
    days slipped come straight after the due date, in view without scrolling."""
    order = list(TABLE_COLUMNS.values())
    if filters.slipped:
        moved = [TABLE_COLUMNS["original_due_on"], TABLE_COLUMNS["days_slipped"]]
        order = [c for c in order if c not in moved]
        at = order.index(TABLE_COLUMNS["due_on"]) + 1
        order[at:at] = moved
    return order


def table_frame(rows: pd.DataFrame, rag: RagScale) -> pd.DataFrame:
    """The explorer's table: reader's words for codes, RAG as its word, overdue or slipped in the
    status. Due is the date in force; the original shows only where the date moved."""
    out = rows[list(TABLE_COLUMNS)].copy()
    out["status"] = [
        labels.status_label(s) + (" · overdue" if bool(o) else " · slipped" if bool(sl) else "")
        for s, o, sl in zip(
            rows["status"],
            rows["is_overdue"].fillna(False),
            rows["is_slipped"].fillna(False),
            strict=True,
        )
    ]
    moved = rows["revision_count"].fillna(0) > 0
    out["original_due_on"] = pd.to_datetime(rows["original_due_on"].where(moved))
    out["days_slipped"] = pd.array(rows["days_slipped"], dtype="Int64")
    out["rag"] = [rag_badge(code, rag) for code in rows["rag"]]
    out["chief_officer_lead"] = rows["chief_officer_lead"].fillna("Unallocated")
    out["short_text"] = [first_words(text, FINDING_CHARS) for text in rows["short_text"]]
    # left missing, so the table's placeholder shows it as it shows a missing due date
    out["tactical_lead"] = rows["tactical_lead"]
    out["due_on"] = pd.to_datetime(out["due_on"])
    out["days_to_due"] = [days_phrase(d, True) for d in rows["days_to_due"]]
    out["kind"] = kinds(rows)
    return out.rename(columns=TABLE_COLUMNS).reset_index(drop=True)


def rag_badge(code: str | None, rag: RagScale) -> str:
    """The RAG word a badge shows: colour is never the only carrier of meaning."""
    if code is None or pd.isna(code):
        return labels.NO_RAG
    return f"● {rag.label(code)}"


# A table's RAG column is drawn as a coloured label (Streamlit's MultiselectColumn, read-only in
# st.dataframe), not by a pandas Styler: Streamlit renders a Styler's display value for every cell
# of the table at every rerun (12 ms for 15 rows, 48 ms for the explorer's 250, holding the GIL;
# docs/performance.md), where the label costs what the plain table costs. Each label takes its
# grade's colour from rag.csv; Streamlit writes its text black only on a fill brighter than 0.5
# (relative luminance), so where black is the readable text (WCAG) on a darker fill the label
# takes the nearest lighter shade of that colour (RagScale.label_colour).


def rag_pill_options(rag: RagScale) -> tuple[list[str], list[str]]:
    """The RAG words a table can hold (rag_badge's) and each one's label colour, in rag.csv's
    order, "not recorded" last: the options and colours of the RAG column's MultiselectColumn."""
    words = [rag_badge(code, rag) for code in rag.codes] + [labels.NO_RAG]
    colours = [rag.label_colour(code) for code in rag.codes] + [NOT_RECORDED_COLOUR]
    return words, colours


def rag_pills(frame: pd.DataFrame, column: str = "RAG") -> pd.DataFrame:
    """The table with its RAG words as one-word lists, the form a MultiselectColumn draws as a
    label (a missing value stays missing)."""
    out = frame.copy()
    out[column] = [[word] if isinstance(word, str) else None for word in frame[column]]
    return out


EXPORT_COLUMNS = {
    "reference": "Reference",
    "rec_id": "Record id",
    "kind": "Kind",
    "addressed_to": "Addressed to",
    "inspection_title": "Inspection",
    "text": "Text",
    "chief_officer_lead": "Chief officer lead",
    "tactical_lead": "Tactical lead",
    "governance_board": "Governance board",
    "peel_area": "PEEL area",
    "deadline_text": "Deadline as written",
    "due_on": "Due date",
    "original_due_on": "Original due date",
    "revision_count": "Times the due date moved",
    "days_slipped": "Days slipped",
    "last_revision_reason": "Why it last moved",
    "days_to_due": "When due",
    "days_overdue": "Days overdue",
    "status": "Status",
    "rag": "RAG",
    "status_as_at": "Position as at",
    "note": "Latest note",
}


def export_frame(rows: pd.DataFrame, rag: RagScale) -> pd.DataFrame:
    """Exactly the filtered rows, with reader's words for codes, for CSV and XLSX downloads."""
    out = rows[list(EXPORT_COLUMNS)].copy()
    out["kind"] = rows["kind"].map(lambda c: labels.label(labels.KIND_LABELS, c))
    out["addressed_to"] = rows["addressed_to"].map(
        lambda c: labels.label(labels.ADDRESSED_LABELS, c)
    )
    out["status"] = rows["status"].map(labels.status_label)
    out["rag"] = rows["rag"].map(rag.label)
    out["peel_area"] = rows["peel_area"].map(lambda s: None if pd.isna(s) else area_label(s))
    for column in ("due_on", "original_due_on", "status_as_at"):
        out[column] = pd.to_datetime(out[column]).dt.date
    # overdue said one way, as on every page: "92 days overdue", "in 94 days" (the number of
    # days overdue stays a number beside it, for a spreadsheet to sort)
    out["days_to_due"] = [
        days_phrase(d, o) for d, o in zip(rows["days_to_due"], rows["is_open"], strict=True)
    ]
    for column in ("days_overdue", "revision_count", "days_slipped"):
        out[column] = pd.array(rows[column], dtype="Int64")
    return out.rename(columns=EXPORT_COLUMNS).reset_index(drop=True)


# --- text a page renders ------------------------------------------------------------------


def text_as_markdown(text: str | None) -> str:
    """A finding's full text as markdown: its '- ' bullet lines become a list, the rest escaped."""
    if text is None or pd.isna(text):
        return "—"
    return escape.md_lines(text)


# --- a record as a reader sees it -----------------------------------------------------------


def _present(value: object) -> bool:
    return value is not None and not (pd.api.types.is_scalar(value) and pd.isna(value))


def _long(value: object) -> str:
    return f"{pd.Timestamp(value):%-d %B %Y}" if _present(value) else "—"


def record_heading(record: Mapping[str, object]) -> tuple[str, str]:
    """(title, caption) of a record from queries/rec_record.sql, as Markdown (data escaped)."""
    kind = labels.label(labels.KIND_LABELS, record["kind"])
    title = f"{escape.md(record['reference'])}: {kind}"
    caption = escape.md(record["inspection_title"])
    if _present(record["issued_on"]):
        caption += f", published {_long(record['issued_on'])}"
    addressed = labels.label(labels.ADDRESSED_LABELS, record["addressed_to"])
    caption += f" · addressed to {addressed[0].lower() + addressed[1:]}"
    caption += f" · record id {escape.md(record['rec_id'])}"
    return title, caption


def is_paraphrase(record: Mapping[str, object]) -> bool:
    """True when the text is the committee paper's description, not the inspectorate's words."""
    value = record["is_text_verbatim"]
    return _present(value) and not bool(value)


def record_facts(record: Mapping[str, object], rag: RagScale) -> list[str]:
    """Markdown lines: state, the deadline as written and as computed, owners, PEEL area. (The
    latest note is the first line of the update history.)"""
    status = labels.status_label(record["status"])
    when = (
        f"as at {_long(record['status_as_at'])}"
        if _present(record["status_as_at"])
        else "no position recorded"
    )
    lines = [f"**Status:** {status} · **RAG:** {escape.md(rag_badge(record['rag'], rag))} ({when})"]
    deadline = record["deadline_text"]
    lines.append(
        "**Deadline as written:** "
        + (f"“{escape.md(deadline)}”" if _present(deadline) else "none given")
    )
    source = {
        "inspectorate": "set by the inspectorate",
        "force": "set by the force",
    }.get(str(record["due_source"]), "source not recorded")
    phrase = days_phrase(record["days_to_due"], record["is_open"])
    revisions = int(record.get("revision_count") or 0)
    if revisions:
        moved = {1: "once", 2: "twice"}.get(revisions, f"{revisions} times")
        due = f"**Due date (revised {moved}):** {_long(record['due_on'])}"
        if phrase != "—":
            due += f" · {phrase}"
        lines.append(due)
        original = record["original_due_on"]
        was = (
            f"**Originally due:** {_long(original)} ({source})"
            if _present(original)
            else "**Originally due:** no date"
        )
        if _present(record["days_slipped"]):
            n = int(record["days_slipped"])
            days = f"{abs(n):,} day{'s' if abs(n) != 1 else ''}"
            was += f" · slipped {days}" if n > 0 else f" · brought forward {days}"
        lines.append(was)
        lines.append(
            f"**Why it last moved** ({_long(record['last_revised_on'])}): "
            f"“{escape.md(record['last_revision_reason'])}”"
        )
    elif _present(record["due_on"]):
        due = f"**Due date as computed:** {_long(record['due_on'])} ({source})"
        if phrase != "—":
            due += f" · {phrase}"
        lines.append(due)
    else:
        lines.append("**Due date as computed:** none")
    for title, column in (
        ("Chief officer lead", "chief_officer_lead"),
        ("Tactical lead", "tactical_lead"),
        ("Governance board", "governance_board"),
    ):
        value = record[column]
        lines.append(f"**{title}:** " + (escape.md(value) if _present(value) else "not recorded"))
    if _present(record["peel_area"]):
        lines.append(f"**PEEL area:** {area_label(str(record['peel_area']))}")
    return lines


_RELATIONS = {
    "parent": "Made under cause of concern",
    "sibling": "Also under that cause of concern",
    "child": "Made under this cause of concern",
}


def family_lines(
    family: pd.DataFrame,
    rag: RagScale,
    page: str = PAGE,
    context: Mapping[str, str] | None = None,
) -> list[str]:
    """Markdown list items: the parent cause of concern and its other recommendations, or the
    recommendations made under a cause of concern, each linking to its own record."""
    lines = []
    for item in family.itertuples(index=False):
        if bool(item.is_issued):
            state = f"{labels.status_label(item.status)} · {escape.md(rag.label(item.rag))}"
        else:
            state = "not issued by the as-at date"
        link = url(Filters(rec=str(item.rec_id)), page, context)
        lines.append(
            f"- {_RELATIONS[item.relation]}: [{escape.md(item.reference)}]({link}) "
            f"{escape.md(item.short_text)} ({state})"
        )
    return lines


def history_lines(history: pd.DataFrame, rag: RagScale) -> list[str]:
    """Markdown list items, newest first: date, status, RAG, note, who recorded it, and any note
    about where the position came from (kept apart from what the force says)."""
    lines = []
    for u in history.itertuples(index=False):
        who = escape.md(u.recorded_by) if _present(u.recorded_by) else "not recorded"
        note = escape.md(u.note) if _present(u.note) else "No note."
        if not note.endswith((".", "\\.", "!", "\\!", "?")):
            note += "."
        line = (
            f"- **{_long(u.as_at)}**: {labels.status_label(u.status)} · "
            f"{escape.md(rag_badge(u.rag, rag))}. {note} (recorded by {who})"
        )
        revised = getattr(u, "revised_due_on", None)
        if _present(revised):
            reason = escape.md(getattr(u, "revision_reason", None) or "no reason recorded")
            line += f" **Due date moved to {_long(revised)}:** {reason}"
        source_note = getattr(u, "source_note", None)
        if _present(source_note):
            line += f" *Note on the source: {escape.md(source_note)}*"
        lines.append(line)
    return lines
