"""The data contract: every curated table, its columns, types, keys and references.

This is the allow-list that every table or column name formatted into SQL comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from oversight.vocabulary import STATUS_WORDS

DATE = "DATE"
TEXT = "VARCHAR"
TIMESTAMP = "TIMESTAMP"
INTEGER = "INTEGER"
BOOLEAN = "BOOLEAN"

INSPECTION_KINDS = (
    "peel",
    "peel_national",
    "thematic",
    "joint_thematic",
    "annual_report",
    "review",
    "other",
)
REC_KINDS = ("recommendation", "area_for_improvement", "cause_of_concern")
ADDRESSED_TO = ("force", "all_forces", "chief_constables", "national_body")
DUE_SOURCES = ("inspectorate", "force")
STATUSES = tuple(STATUS_WORDS)  # which count as open: queries/macros/vocabulary.sql
# The statuses HMICFRS's own monitoring of a recommendation uses (inspectorate_status.csv).
INSPECTORATE_STATUSES = ("awaiting_review", "being_progressed", "complete", "no_further_action")
# The codes every rag.csv must define (its labels, meanings, order and colours are the force's).
RAG_CODES = ("red", "amber", "green", "blue", "white")
PILLARS = ("effectiveness", "efficiency", "legitimacy", "leadership", "peel")
CYCLES = ("2014", "2015", "2016", "2017", "2018/19", "2021/22", "2023-25", "2025-27")
NATIONS = ("england", "wales", "scotland", "northern_ireland")
# Where a paragraph of a meeting's narrative goes in that meeting's paper (narrative.csv).
NARRATIVE_SECTIONS = ("background", "report", "response", "area")


@dataclass(frozen=True)
class Column:
    name: str
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""


@dataclass(frozen=True)
class Reference:
    """Columns of this table that must match a key of another table (when not empty)."""

    columns: tuple[str, ...]
    table: str
    target: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = field(default=())
    # An optional table's file may be absent from a data folder: it then loads empty.
    optional: bool = False

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _c(name: str, type_: str = TEXT, required: bool = False, choices=(), doc: str = "") -> Column:
    return Column(name, type_, required, tuple(choices), doc)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "forces",
            (
                _c("force_id", required=True),
                _c("name", required=True),
                _c("region"),
                _c("nation", required=True, choices=NATIONS),
            ),
            key=("force_id",),
        ),
        Table(
            "inspections",
            (
                _c("inspection_id", required=True),
                _c("title", required=True),
                _c("inspectorate", required=True),
                _c("kind", required=True, choices=INSPECTION_KINDS),
                _c("force_id"),
                _c("fieldwork_start", DATE),
                _c("fieldwork_end", DATE),
                _c("published_on", DATE),
                _c("expected_publication"),
                _c("url"),
                _c("summary"),
            ),
            key=("inspection_id",),
            references=(Reference(("force_id",), "forces", ("force_id",)),),
        ),
        Table(
            "recommendations",
            (
                _c("rec_id", required=True),
                _c("inspection_id", required=True),
                _c("force_id", required=True),
                _c("ref"),
                _c("kind", required=True, choices=REC_KINDS),
                _c("addressed_to", required=True, choices=ADDRESSED_TO),
                _c("text", required=True),
                _c("deadline_text"),
                _c("due_on", DATE),
                _c("due_source", choices=DUE_SOURCES),
                _c("peel_area"),
                _c("chief_officer_lead"),
                _c("tactical_lead"),
                _c("governance_board"),
                _c("parent_rec_id"),
            ),
            key=("rec_id",),
            references=(
                Reference(("inspection_id",), "inspections", ("inspection_id",)),
                Reference(("force_id",), "forces", ("force_id",)),
                Reference(("parent_rec_id",), "recommendations", ("rec_id",)),
            ),
        ),
        Table(
            "updates",
            (
                _c("update_id", required=True),
                _c("rec_id", required=True),
                _c("as_at", DATE, required=True),
                _c("status", required=True, choices=STATUSES),
                _c("rag", required=True, choices=RAG_CODES),
                _c("note"),
                _c("recorded_by"),
                _c("recorded_at", TIMESTAMP),
            ),
            key=("update_id",),
            references=(Reference(("rec_id",), "recommendations", ("rec_id",)),),
        ),
        Table(
            "peel_grades",
            (
                _c("force_id", required=True),
                _c("cycle", required=True, choices=CYCLES),
                _c("pillar", required=True, choices=PILLARS),
                _c("area", required=True),
                _c("grade", required=True),
                _c("source_url", required=True),
            ),
            key=("force_id", "cycle", "pillar", "area"),
            references=(
                Reference(("force_id",), "forces", ("force_id",)),
                Reference(("cycle", "pillar", "area"), "peel_areas", ("cycle", "pillar", "area")),
                Reference(("cycle", "grade"), "grade_scales", ("cycle", "grade")),
            ),
        ),
        Table(
            "peel_areas",
            (
                _c("cycle", required=True, choices=CYCLES),
                _c("pillar", required=True, choices=PILLARS),
                _c("area", required=True),
                _c("theme", required=True),
                _c("graded", BOOLEAN, required=True),
                _c("display_order", INTEGER, required=True),
            ),
            key=("cycle", "pillar", "area"),
        ),
        Table(
            "grade_scales",
            (
                _c("cycle", required=True, choices=CYCLES),
                _c("grade", required=True),
                _c("rank", INTEGER),
            ),
            key=("cycle", "grade"),
        ),
        Table(
            "rag",
            (
                _c("rag", required=True, choices=RAG_CODES),
                _c("label", required=True),
                _c("meaning", required=True),
                _c("colour", required=True),
                _c("display_order", INTEGER, required=True),
            ),
            key=("rag",),
        ),
        Table(
            "owners",
            (
                _c("owner", required=True),
                _c("email"),
                _c("role"),
            ),
            key=("owner",),
            optional=True,
        ),
        Table(
            "return_requests",
            (
                _c("request_id", required=True),
                _c("rec_id", required=True),
                _c("owner", required=True),
                _c("requested_on", DATE, required=True),
                _c("as_at", DATE, required=True),
                _c("meeting_on", DATE),
                _c("requested_by"),
            ),
            key=("request_id", "rec_id"),
            references=(Reference(("rec_id",), "recommendations", ("rec_id",)),),
            optional=True,
        ),
        Table(
            "inspectorate_status",
            (
                _c("rec_id", required=True),
                _c("as_at", DATE, required=True),
                _c("status", required=True, choices=INSPECTORATE_STATUSES),
                _c("note"),
                _c("source"),
            ),
            key=("rec_id", "as_at"),
            references=(Reference(("rec_id",), "recommendations", ("rec_id",)),),
            optional=True,
        ),
        Table(
            "meetings",
            (
                _c("meeting_id", required=True),
                _c("committee", required=True),
                _c("held_on", DATE, required=True),
                _c("title"),
            ),
            key=("meeting_id",),
        ),
        Table(
            "narrative",
            (
                _c("meeting_id", required=True),
                _c("section", required=True, choices=NARRATIVE_SECTIONS),
                _c("inspection_id"),
                _c("theme"),
                _c("display_order", INTEGER, required=True),
                _c("text", required=True),
                _c("source", required=True),
            ),
            key=("meeting_id", "section", "display_order"),
            references=(
                Reference(("meeting_id",), "meetings", ("meeting_id",)),
                Reference(("inspection_id",), "inspections", ("inspection_id",)),
            ),
            optional=True,
        ),
    )
}

# Extra columns the project itself adds to the contract (a data set may add any others, as text).
EXTRA_COLUMNS: dict[str, tuple[Column, ...]] = {
    "inspections": (
        _c("published_text"),
        _c("fieldwork_text"),
        _c("source"),
        _c("peel_cycle", choices=CYCLES),
        _c("source_note"),
        _c("pcc_response_due_on", DATE),
        _c("pcc_response_published_on", DATE),
        _c("pcc_response_url"),
        _c("short_name"),
    ),
    "recommendations": (
        _c("is_text_verbatim", BOOLEAN),
        _c("supersedes_rec_id"),
        _c("source"),
    ),
    "updates": (
        _c("source"),
        _c("source_note"),
        _c("revised_due_on", DATE),
        _c("revision_reason"),
        # Closure sign-off: what a proposal to close rests on (references, one per line, and
        # evidence/<sha256>.<ext> files), and the proposal an approver's closure approves.
        _c("evidence"),
        _c("approves_update_id"),
        # The seal the app puts on each position it records (oversight/seal.py).
        _c("seal"),
    ),
    "peel_grades": (_c("source_quote"),),
    "meetings": (_c("paper"), _c("source_file")),
}


def known_columns(table: str) -> dict[str, Column]:
    """Contract columns plus the project's typed extras, by name."""
    cols = {c.name: c for c in TABLES[table].columns}
    cols.update({c.name: c for c in EXTRA_COLUMNS.get(table, ())})
    return cols
