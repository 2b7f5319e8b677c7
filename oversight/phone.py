"""What a phone reads where a chart cannot fit: lists built from the same query rows as the
chart, shown in its place on a narrow screen (PHONE_MAX_PX and below), and the CSS that swaps them.

A page puts the chart in `st.container(key="wide_...")` and the list in
`st.container(key="phone_...")`; Streamlit gives each container the class `st-key-<key>`, and
PHONE_CSS shows one or the other by the screen's width. The lists are Markdown built here, every
value from the data escaped (escape.md), so a test reads them without Streamlit.
"""

from __future__ import annotations

import pandas as pd

from oversight.escape import md as md_escape
from oversight.explorer import days_phrase
from oversight.vocabulary import RagScale

# Streamlit stacks columns below 640 px: the same width decides chart or list.
PHONE_MAX_PX = 640
WIDE_KEY = "wide_"
PHONE_KEY = "phone_"
# A constant of the app's own: style only, no script, no text from data.
PHONE_CSS = f"""<style>
@media (max-width: {PHONE_MAX_PX}px) {{
  [class*="st-key-{WIDE_KEY}"] {{ display: none !important; }}
  /* a page's title on one line ("Recommendations" broke after its 14th letter) */
  [data-testid="stMain"] h1 {{ font-size: 2.1rem; }}
  /* a static table's columns keep a readable width and the table scrolls sideways, rather
     than each column shrinking to a word a line */
  [data-testid="stTable"] th, [data-testid="stTable"] td {{ min-width: 10rem; }}
}}
@media (min-width: {PHONE_MAX_PX + 1}px) {{
  [class*="st-key-{PHONE_KEY}"] {{ display: none !important; }}
}}
</style>"""


def _day(value: object) -> str:
    return "no date" if pd.isna(value) else f"{pd.Timestamp(value):%-d %b %Y}"


def timeline_items_list(items: pd.DataFrame, rag: RagScale) -> str:
    """The Timeline's items (queries/timeline_items.sql) as a list under each group, in the
    chart's order: "Online and on the edge · R4: due 2 Oct 2015, **1000 days overdue** · White"."""
    lines: list[str] = []
    current = None
    counts = items.groupby("group_key", sort=False).size()
    for row in items.itertuples(index=False):
        if row.group_key != current:
            current = row.group_key
            if lines:
                lines.append("")
            lines.append(f"**{md_escape(row.group_label)}** ({int(counts[current])})")
            lines.append("")
        when = days_phrase(row.days_to_due, True)
        when = f"**{when}**" if bool(row.is_overdue) else when
        name = row.finding_name if pd.notna(row.finding_name) else row.rec_id
        lines.append(
            f"- {md_escape(name)}: due {_day(row.due_on)}, {when} · {md_escape(rag.label(row.rag))}"
        )
    return "\n".join(lines)


def timeline_groups_list(groups: pd.DataFrame) -> str:
    """One line per group (queries/timeline_groups.sql) where the Timeline draws a bar per group:
    "**ACC Crime**: 12 open, **3 overdue**; due 2 Oct 2015 to 31 Dec 2018"."""
    lines = []
    for row in groups.itertuples(index=False):
        overdue = f", **{int(row.overdue):,} overdue**" if int(row.overdue) else ""
        slipped = f", {int(row.slipped):,} slipped" if int(getattr(row, "slipped", 0) or 0) else ""
        span = (
            f"due {_day(row.first_due_on)}"
            if row.first_due_on == row.last_due_on
            else f"due {_day(row.first_due_on)} to {_day(row.last_due_on)}"
        )
        lines.append(
            f"- **{md_escape(row.group_label)}**: {int(row.items):,} open{overdue}{slipped}; {span}"
        )
    return "\n".join(lines)


def rag_mix_list(frame: pd.DataFrame, rag: RagScale) -> str:
    """The RAG mix per inspection (queries/rag_by_inspection.sql, open_only or not) as one line
    each, grades in the data's order: "**Online and on the edge** (12): White 12"."""
    # One pass over the rows as tuples (a groupby and an itertuples per inspection cost a tenth
    # of the Overview's rerun at national).
    inspections: dict[tuple, list] = {}  # in order of first row
    for r in frame.itertuples(index=False):
        if not (pd.isna(r.inspection_id) or pd.isna(r.inspection_title)):
            inspections.setdefault((r.inspection_id, r.inspection_title), []).append(r)
    lines = []
    for (_, title), rows in inspections.items():
        # in the data's order of grades, a finding with no position recorded last
        rows = sorted(
            rows, key=lambda r: (pd.isna(r.rag_order), 0 if pd.isna(r.rag_order) else r.rag_order)
        )
        mix = ", ".join(f"{md_escape(rag.label(r.rag))} {int(r.items):,}" for r in rows if r.items)
        lines.append(f"- **{md_escape(title)}** ({sum(int(r.items) for r in rows):,}): {mix}")
    return "\n".join(lines)
