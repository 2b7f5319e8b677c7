"""The committee briefing pack ("the paper"): its document model, its assembly from the queries in
queries/briefing/, and its renderers (Markdown, PDF, DOCX) and command.

The pack follows the hand-written committee paper (data/sources/jac-2018-06-28-hmicfrs-update.txt):
purpose; background (the meeting's narrative, recent inspection activity); inspections completed
since the last meeting; reports received since the last meeting, each with its findings in full and
who owns them; outstanding recommendations graded red; the overview of reports received before the
period whose findings are still open (`review`); RAG and status moves; overdue and due before the
next meeting; PEEL grades with the latest moves; the recommendation to the committee; contact
officer; background documents. Findings are written as the paper writes them (`findings`).

- `model`: the document (`Briefing`, `Section`, `Paragraph`, `Bullets`, `Finding`, `Table`, `Chart`).
- `period`, `words`, `findings`, `review`, `assemble`: `build()` returns a `Briefing`; pure (no
  Streamlit, no file output).
- `as_markdown`, `as_pdf`, `as_docx`, `images`, `render`: the files; `command`: the command line.

The period. "Since the last meeting" starts on the previous meeting of the same committee in
meetings.csv. When none is recorded it starts on the first day of the month three months before the
meeting (1 March 2018 for 28 June 2018): a quarterly committee's previous meeting falls in that month,
whatever its day, so nothing received after it is missed. The pack states which rule it used. A report
counts as received when its `published_on` falls on or after the start of the period and on or before
the meeting date. "Before the next meeting" ends at the next recorded meeting, else three months after
this one, and the pack says so.
"""

from oversight.paper.as_markdown import to_markdown
from oversight.paper.as_screen import SCREEN_CSS, screen_parts
from oversight.paper.assemble import COMMITTEE_RECOMMENDATION, NO_RED, PURPOSE, build
from oversight.paper.model import (
    Block,
    Briefing,
    Bullets,
    Chart,
    Finding,
    Paragraph,
    Section,
    Table,
)
from oversight.paper.period import Period, default_next, default_since, resolve_period
from oversight.paper.render import FORMATS, file_name, media_type, render
from oversight.paper.words import reader_text

__all__ = [
    "COMMITTEE_RECOMMENDATION",
    "FORMATS",
    "NO_RED",
    "PURPOSE",
    "SCREEN_CSS",
    "Block",
    "Briefing",
    "Bullets",
    "Chart",
    "Finding",
    "Paragraph",
    "Period",
    "Section",
    "Table",
    "build",
    "default_next",
    "default_since",
    "file_name",
    "media_type",
    "reader_text",
    "render",
    "resolve_period",
    "screen_parts",
    "to_markdown",
]
