"""Findings written as the committee paper writes them: each finding's text in full, then who owns
it, its deadline, its position and the progress reported, in sentences.

What several findings share is said once. Facts every finding of a set lacks ("No owner, tactical
lead or governance board is recorded for these five recommendations") and a position they all hold
are one sentence at the top of the set; consecutive findings with the same remaining facts and the
same progress note (the paper's one answer to five recommendations) are listed, then answered
once. A fact nobody recorded is never shown as if it had been: it is named as not recorded.
Pure functions over the rows of a briefing query (itertuples rows or anything with the same
attributes), so a test reaches them without Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

from oversight import labels
from oversight.labels import label
from oversight.paper.model import Block, Finding, Paragraph
from oversight.paper.words import deadline_words, is_missing
from oversight.periods import long_date

_NUMBERS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
_ADDRESSED = {
    "all_forces": "to all forces",
    "chief_constables": "to chief constables",
    "national_body": "to a national body",
}
# The facts a finding may lack, in the order a sentence names them.
_UNKNOWN_WORDS = {
    "owner": "owner",
    "tactical": "tactical lead",
    "board": "governance board",
    "deadline": "deadline",
}


def number_words(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else f"{n:,}"


def kind_noun(kind: str, n: int = 1) -> str:
    """'recommendation', 'areas for improvement', ... (lower case)."""
    return labels.KIND_LABELS[kind].lower() if n == 1 else labels.KIND_PLURALS[kind]


def set_noun(rows: list) -> str:
    """'this recommendation', 'these five recommendations', 'these 13 findings'."""
    kinds = {r.kind for r in rows}
    n = len(rows)
    if n == 1:
        return f"this {kind_noun(rows[0].kind)}"
    noun = kind_noun(next(iter(kinds)), n) if len(kinds) == 1 else "findings"
    return f"these {number_words(n)} {noun}"


def finding_heading(row, number: int, prefix: str = "") -> str:
    """'R1 · Recommendation to all forces', 'Recommendation 3 to chief constables',
    '2016 cause of concern', '2016 recommendation under the cause of concern'."""
    to = _ADDRESSED.get(row.addressed_to, "")
    if prefix:
        under = " under the cause of concern" if not is_missing(row.parent_rec_id) else ""
        return f"{prefix} {kind_noun(row.kind)}{under}{' ' + to if to else ''}"
    kind = label(labels.KIND_LABELS, row.kind)
    ref = getattr(row, "finding_ref", None)  # the number a committee knows it by (R4, AFI 3)
    ref = row.ref if is_missing(ref) else ref
    if not is_missing(ref):
        return f"{ref} · {kind}{' ' + to if to else ''}"
    return f"{kind} {number}{' ' + to if to else ''}"


def _missing(row) -> frozenset[str]:
    out = set()
    if is_missing(row.chief_officer_lead):
        out.add("owner")
    if is_missing(row.tactical_lead):
        out.add("tactical")
    if is_missing(row.governance_board):
        out.add("board")
    if is_missing(row.deadline_text) and is_missing(row.due_on):
        out.add("deadline")
    return frozenset(out)


def _list_words(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"


def unknowns_sentence(unknown: frozenset[str], noun: str) -> str:
    """'No owner, tactical lead or governance board is recorded for these twelve
    recommendations.'"""
    words = [w for key, w in _UNKNOWN_WORDS.items() if key in unknown]
    return f"No {_list_words(words)} is recorded for {noun}." if words else ""


def owner_sentence(row, subject: str) -> str:
    """'This recommendation is owned by ACC Crime with DCS Mark Payne as tactical lead and is
    managed through the Detective Strategy Board.' Only what is recorded."""
    owner, tactical, board = row.chief_officer_lead, row.tactical_lead, row.governance_board
    verb = "are" if subject.startswith("These") else "is"
    has = "have" if subject.startswith("These") else "has"
    parts = []
    if not is_missing(owner) and not is_missing(tactical):
        parts.append(f"{verb} owned by {owner} with {tactical} as tactical lead")
    elif not is_missing(owner):
        parts.append(f"{verb} owned by {owner}")
    elif not is_missing(tactical):
        parts.append(f"{has} {tactical} as tactical lead")
    if not is_missing(board):
        board_words = board if str(board).lower().startswith("the ") else f"the {board}"
        parts.append(f"{verb} managed through {board_words}")
    return f"{subject} {' and '.join(parts)}." if parts else ""


def _undated_deadline(row) -> bool:
    """A deadline counted from a publication day nobody recorded ("within six months")."""
    return (
        not is_missing(row.deadline_text)
        and is_missing(row.due_on)
        and str(row.deadline_text).strip().lower() != "immediately"
        and is_missing(getattr(row, "issued_on", None))
    )


def deadline_sentence(row, why: bool = True) -> str:
    """'Deadline: By October 2018 (31 October 2018).' A deadline counted from a publication day
    nobody recorded has no date, and the sentence says why."""
    text, due = row.deadline_text, row.due_on
    if is_missing(text) and is_missing(due):
        return ""
    if is_missing(due):
        if str(text).strip().lower() == "immediately":
            return "Deadline: immediately."
        issued = getattr(row, "issued_on", None)
        if not why:
            return f"Deadline: {text}."
        reason = (
            "the report's publication day is not recorded, so no date can be set"
            if is_missing(issued)
            else "no date can be computed from it"
        )
        return f"Deadline: {text} ({reason})."
    days = getattr(row, "days_overdue", None)
    late = f"; overdue by {int(days):,} days" if not is_missing(days) and int(days) > 0 else ""
    revisions = getattr(row, "revision_count", None)
    if not is_missing(revisions) and int(revisions) > 0:
        # The report's date, then where the force moved it: slipped, and overdue only once past
        # the date now in force.
        return f"Deadline: {deadline_words(row)}{late}."
    if is_missing(text):
        return f"Deadline: {long_date(due)}{late}."
    return f"Deadline: {text} ({long_date(due)}){late}."


def status_sentence(row, each: bool = False) -> str:
    """'Position at 28 June 2018: in progress, not RAG graded.' ('Each is in progress ...' for a
    set.) A finding nobody has recorded a position for says so."""
    status, rag = getattr(row, "status", None), getattr(row, "rag", None)
    if is_missing(status):
        return "No position is recorded for any of them." if each else "No position is recorded."
    grade = (
        "not RAG graded"
        if is_missing(rag) or rag == "white"
        else f"RAG {row.rag_label}"  # the data's words (rag.csv), added by the assembly
    )
    words = f"{label(labels.STATUS_LABELS, status).lower()}, {grade}"
    when = getattr(row, "status_as_at", None)
    at = f" at {long_date(when)}" if not is_missing(when) else ""
    if each:
        return f"Position of each{at}: {words}."
    return f"Position{at}: {words}."


def _status_key(row) -> tuple:
    return (
        getattr(row, "status", None) if not is_missing(getattr(row, "status", None)) else None,
        getattr(row, "rag", None) if not is_missing(getattr(row, "rag", None)) else None,
        str(getattr(row, "status_as_at", "")),
    )


def _note(row) -> str:
    note = getattr(row, "note", None)
    return "" if is_missing(note) else str(note).strip()


@dataclass(frozen=True)
class Shared:
    """What most findings of a set have in common, said once at the top of the set: the facts
    none of them (or most of them) has, and the position all (or most) of them hold. A finding
    that differs says so itself."""

    unknown: frozenset[str] = frozenset()
    unknown_by_all: bool = True
    status: tuple | None = None  # the position most hold, as _status_key
    status_by_all: bool = True
    undated_deadlines: bool = False  # every deadline counts from a publication day not recorded

    def sentences(self, rows: list, noun: str) -> list[str]:
        out = []
        if self.undated_deadlines:
            out.append(
                "The report's publication day is not recorded, so its deadlines "
                "(“within six months” and the like) cannot be given a date."
            )
        unknown = unknowns_sentence(self.unknown, noun)
        if unknown:
            if not self.unknown_by_all:
                unknown = unknown[:-1] + ", except where stated below."
            out.append(unknown)
        if self.status is not None:
            row = next(r for r in rows if _status_key(r) == self.status)
            sentence = status_sentence(row, each=True)
            if not self.status_by_all:
                sentence = sentence.replace("Position of each", "Unless stated below, position")
            out.append(sentence)
        return out


def shared(rows: list) -> Shared:
    """What most of a set of two or more findings share: the facts more than half of them lack,
    and the position more than half of them hold."""
    if len(rows) < 2:
        return Shared()
    half = len(rows) / 2
    missing = [_missing(r) for r in rows]
    unknown = frozenset(k for k in _UNKNOWN_WORDS if sum(k in m for m in missing) > half)
    by_all = all(unknown <= m for m in missing)
    undated = all(_undated_deadline(r) for r in rows)
    keys = [_status_key(r) for r in rows]
    top = max(set(keys), key=keys.count)
    if keys.count(top) <= half:
        return Shared(unknown, by_all, undated_deadlines=undated)
    return Shared(unknown, by_all, top, keys.count(top) == len(keys), undated)


def _own_sentences(row, said: Shared, noun: str) -> tuple[str, ...]:
    """The sentences about one finding (or a run that shares them) not already said for its set;
    `noun` is 'this recommendation', 'these five recommendations', ..."""
    missing = _missing(row) - said.unknown
    out = [owner_sentence(row, noun[:1].upper() + noun[1:])]
    # what this finding lacks that the set as a whole is not already said to lack
    out.append(unknowns_sentence(missing - {"deadline"}, noun))
    out.append(
        deadline_sentence(row, why=not said.undated_deadlines)
        or ("No deadline is set." if "deadline" in missing else "")
    )
    if _status_key(row) != said.status:
        out.append(status_sentence(row))
    return tuple(s for s in out if s)


def finding_blocks(
    rows: list,
    headings: list[str],
    said: Shared | None = None,
    verbatim: list[bool] | None = None,
) -> list[Block]:
    """The findings of a set, in order, as blocks: what the set shares (unless `said` already said
    it for a larger set), then each finding's heading, text and what is not shared; consecutive
    findings answered by the same progress note get it once, after the last of them (with their
    facts once too when those are the same)."""
    if not rows:
        return []
    blocks: list[Block] = []
    if said is None:
        said = shared(rows)
        top = said.sentences(rows, set_noun(rows))
        if top:
            blocks.append(Paragraph(" ".join(top)))
    verbatim = verbatim if verbatim is not None else [bool(r.is_text_verbatim) for r in rows]

    def key(row) -> tuple:
        note = _note(row)
        return (note,) if note else ("", _own_sentences(row, said, "this finding"))

    start = 0
    while start < len(rows):
        end = start + 1
        while end < len(rows) and key(rows[end]) == key(rows[start]):
            end += 1
        run = rows[start:end]
        alike = len({_own_sentences(r, said, "this finding") for r in run}) == 1
        for i in range(start, end):
            blocks.append(Finding(headings[i], str(rows[i].text), verbatim[i], ()))
            if not alike:
                about = " ".join(_own_sentences(rows[i], said, f"this {kind_noun(rows[i].kind)}"))
                if about:
                    blocks.append(Paragraph(about))
        if alike:
            about = " ".join(_own_sentences(run[0], said, set_noun(run)))
            if about:
                blocks.append(Paragraph(about))
        note = _note(run[0])
        if note:
            blocks.extend(Paragraph(p.strip()) for p in note.split("\n") if p.strip())
        elif not is_missing(getattr(run[0], "status", None)):
            noun = set_noun(run) if len(run) > 1 else f"this {kind_noun(run[0].kind)}"
            blocks.append(Paragraph(f"No progress is reported for {noun}."))
        start = end
    return blocks
