"""How the briefing pack words a value: a missing cell, a count, a RAG grade, a deadline, a
summary as a committee member reads it. Pure functions, shared by the period and the sections."""

from __future__ import annotations

import collections
import functools
import re

import pandas as pd

from oversight import labels
from oversight.labels import label
from oversight.periods import long_date
from oversight.vocabulary import RagScale


@functools.lru_cache(maxsize=256)
def _row_type(fields: tuple) -> type:
    return collections.namedtuple("Pandas", fields, rename=True)


def tuples(frame: pd.DataFrame, index: bool = True) -> list:
    """The rows of `frame` as ``frame.itertuples(index)`` gives them, as a list: the same values
    and field names, with the tuple type made once per set of columns (pandas makes a new one
    at every call, which cost a pack more than reading its rows)."""
    fields = (("Index",) if index else ()) + tuple(frame.columns)
    columns = ([frame.index] if index else []) + [column for _, column in frame.items()]
    make = _row_type(fields)._make
    return [make(values) for values in zip(*columns, strict=True)]


def is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and pd.isna(value))


def shown(value: object, missing: str = "—") -> str:
    return missing if is_missing(value) else str(value)


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Za-z])")
_COLUMN_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b|\(url\)")
_COLUMN_ASIDE = re.compile(r"\s*\([^()]*(\b[a-z]+_[a-z_]+\b|\burl\b)[^()]*\)")


def reader_text(summary: object) -> str:
    """A summary as a committee member reads it: sentences that are notes about the data itself
    (they name a column, such as "published_on is left empty") are left out."""
    if is_missing(summary):
        return ""
    text = _COLUMN_ASIDE.sub("", " ".join(str(summary).split()))
    sentences = _SENTENCE.split(text)
    return " ".join(s for s in sentences if not _COLUMN_NAME.search(s))


def count_words(n: int, singular: str, plural: str | None = None) -> str:
    n = int(n)
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def kind_count(n: int, kind: str) -> str:
    n = int(n)
    word = labels.KIND_LABELS[kind].lower() if n == 1 else labels.KIND_PLURALS[kind]
    return f"{n} {word}"


def rag_words(code: str, rag: RagScale) -> str:
    """A RAG grade in the data's words (rag.csv); white says it is not a grade of progress."""
    return f"{rag.label(code)} (not graded)" if code == "white" else rag.label(code)


def deadline_words(row) -> str:
    revisions = getattr(row, "revision_count", 0)
    if not is_missing(revisions) and int(revisions) > 0:
        return _revised_deadline_words(row, int(revisions))
    if is_missing(row.deadline_text) and is_missing(row.due_on):
        return "None set"
    if is_missing(row.due_on):
        return f"{row.deadline_text} (no date can be computed)"
    if is_missing(row.deadline_text):
        return f"Due {long_date(row.due_on)}"
    return f"{row.deadline_text} (due {long_date(row.due_on)})"


def _revised_deadline_words(row, revisions: int) -> str:
    """'By April 2018 (due 30 April 2018); revised once: slipped 153 days, now due 30 September
    2018'. The report's date first, then where the force moved it."""
    original = row.original_due_on
    if is_missing(original):
        was = shown(row.deadline_text, "No date in the report")
    elif is_missing(row.deadline_text):
        was = f"Due {long_date(original)}"
    else:
        was = f"{row.deadline_text} (due {long_date(original)})"
    moved = {1: "once", 2: "twice"}.get(revisions, f"{revisions} times")
    now = f"now due {long_date(row.due_on)}"
    if not is_missing(row.days_slipped):
        n = int(row.days_slipped)
        days = f"{abs(n)} day{'s' if abs(n) != 1 else ''}"
        now = f"slipped {days}, {now}" if n > 0 else f"brought forward {days}, {now}"
    return f"{was}; revised {moved}: {now}"


def position_words(status: object, code: object, rag: RagScale) -> str:
    if is_missing(status):
        return labels.NO_POSITION
    return f"{label(labels.STATUS_LABELS, status)}, {rag_words(str(code), rag)}"


def kind_word(kind: str) -> str:
    return label(labels.INSPECTION_KIND_LABELS, kind)


def date_span(start: object, end: object) -> str:
    """'on 1 and 2 May 2018', 'from 1 to 14 May 2018', 'from 28 April to 2 May 2018', 'on 3 May
    2018'."""
    a, b = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    if a == b:
        return f"on {long_date(a)}"
    if (a.year, a.month) == (b.year, b.month):
        joined = "and" if (b - a).days == 1 else "to"
        lead = "on" if joined == "and" else "from"
        return f"{lead} {a.day} {joined} {long_date(b)}"
    if a.year == b.year:
        return f"from {a.day} {a.strftime('%B')} to {long_date(b)}"
    return f"from {long_date(a)} to {long_date(b)}"


_FIRST_SENTENCE = re.compile(r"^(.+?[.;:!?])(\s|$)")


def first_sentence(text: object, limit: int = 400) -> str:
    """A finding's first sentence, whole, for a table (with the first point of a list it
    introduces, "...ensure that: there is effective supervision..."); one longer than `limit` is
    cut at the last whole word before it, marked with an ellipsis (never inside a word)."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    flat = " ".join(" ".join(lines).split())
    match = _FIRST_SENTENCE.match(flat)
    sentence = match.group(1) if match else flat
    if sentence.endswith(":"):
        bullets = [line[2:].strip() for line in lines if line.startswith("- ")]
        if bullets:
            sentence = f"{sentence} {bullets[0]}"
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut} …"
