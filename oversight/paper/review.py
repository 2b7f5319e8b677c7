"""The pack's "Overview of reports for review": the reports received before the period that still
have an open finding, each finding with its latest position in full (queries/briefing/
review_findings.sql), as the hand-written paper reviews them.

A force's PEEL reports on one pillar are read together, area by area (the paper's "PEEL
Effectiveness 2015 & 2016"): what the meeting's narrative says about them, their grades side by
side, then each area with its grades in a sentence, what the narrative says about it, and its
findings, a later finding after the one it superseded. Any other report stands alone: its
introduction, the force's answer to it as a whole, then its findings. What the findings of a group
share (no owner recorded, say) is said once for the group.
"""

from __future__ import annotations

import pandas as pd

from oversight import labels
from oversight.labels import label
from oversight.paper.findings import Shared, finding_blocks, finding_heading, set_noun, shared
from oversight.paper.model import Block, Paragraph, Section, Table
from oversight.paper.words import is_missing, reader_text
from oversight.periods import long_date

TITLE = "Overview of reports for review"

# The areas of PEEL effectiveness as HMICFRS's questions named them from 2016 to 2018/19, and as the
# committee paper heads them; the dashboard's shorter theme labels serve elsewhere.
THEME_HEADINGS = {
    "overall": "Overall grade",
    "prevention": "Preventing crime and tackling anti-social behaviour",
    "investigation": "Investigating crime and reducing re-offending",
    "vulnerability": "Protecting vulnerable people",
    "serious_organised_crime": "Tackling serious and organised crime",
    "specialist_capabilities": "Specialist capabilities",
}


def theme_heading(theme: str) -> str:
    return THEME_HEADINGS.get(theme) or label(labels.THEME_LABELS, theme)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def grade_sentence(grades: dict[str, str]) -> str:
    """'Graded Good in 2015 and 2016.' / 'Graded Good in 2015 and Requires improvement in 2016.'
    / 'Ungraded in 2015 and 2016.'"""
    if not grades:
        return ""
    cycles = list(grades)
    values = set(grades.values())
    if len(values) == 1:
        grade = values.pop()
        if grade in ("Ungraded", "Not graded"):
            return f"{grade} in {_and(cycles)}."
        return f"Graded {grade} in {_and(cycles)}."
    return f"Graded {_and([f'{g} in {c}' for c, g in grades.items()])}."


def _paragraphs(narrative: pd.DataFrame, section: str, **match: object) -> list[Block]:
    rows = narrative[narrative["section"] == section]
    for column, value in match.items():
        if isinstance(value, (list, tuple, set)):
            rows = rows[rows[column].isin(list(value))]
        else:
            rows = rows[rows[column] == value]
    return [Paragraph(str(t)) for t in rows.sort_values("display_order")["text"]]


def review_sections(
    rows: pd.DataFrame, grades: pd.DataFrame, narrative: pd.DataFrame, since: object
) -> list[Section]:
    """The section and one subsection per group of reports (a level-4 subsection per PEEL area)."""
    section = Section(TITLE, 2)
    since_long = long_date(since)
    if rows.empty:
        return [
            section.add(
                Paragraph(f"No report received before {since_long} has a finding still open.")
            )
        ]
    reports = rows.groupby("inspection_id", sort=False).agg(
        title=("inspection_title", "first"),
        issued_on=("issued_on", "first"),
        published_text=("published_text", "first"),
        findings=("rec_id", "size"),
        open=("is_open", "sum"),
    )
    n = len(reports)
    section.add(
        Paragraph(
            f"{'One report' if n == 1 else f'{n} reports'} received before {since_long} "
            f"{'has' if n == 1 else 'have'} findings still open. Each finding is listed below "
            "with its latest position."
        ),
        Table(
            ("Report", "Published", "Findings", "Still open"),
            tuple(
                (
                    r.title,
                    long_date(r.issued_on)
                    if not is_missing(r.issued_on)
                    else (str(r.published_text) if not is_missing(r.published_text) else "—"),
                    str(int(r.findings)),
                    str(int(r.open)),
                )
                for r in reports.itertuples()
            ),
        ),
    )
    out = [section]
    for _, group in rows.groupby("group_id", sort=False):
        if bool(group["is_peel_group"].iloc[0]):
            out.extend(_peel_group(group, grades, narrative))
        else:
            out.append(_report(group, narrative))
    return out


def _report(group: pd.DataFrame, narrative: pd.DataFrame) -> Section:
    first = group.iloc[0]
    section = Section(str(first["inspection_title"]), 3)
    published = (
        f"Published on {long_date(first['issued_on'])}"
        if not is_missing(first["issued_on"])
        else (
            f"Published {first['published_text']}"
            if not is_missing(first["published_text"])
            else "Publication date not recorded"
        )
    )
    section.add(Paragraph(f"{published} by {first['inspectorate']}."))
    intro = _paragraphs(narrative, "report", inspection_id=first["inspection_id"])
    if intro:
        section.add(*intro)
    elif reader_text(first["summary"]):
        section.add(Paragraph(reader_text(first["summary"])))
    section.add(*_paragraphs(narrative, "response", inspection_id=first["inspection_id"]))
    rows = list(group.itertuples())
    headings = [finding_heading(r, i) for i, r in enumerate(rows, start=1)]
    section.add(*finding_blocks(rows, headings))
    return section


def _peel_group(group: pd.DataFrame, grades: pd.DataFrame, narrative: pd.DataFrame) -> list:
    pillar = str(group["pillar"].iloc[0])
    cycles = sorted({str(c) for c in group["peel_cycle"].dropna()})
    inspections = list(dict.fromkeys(group["inspection_id"]))
    title = f"PEEL {label(labels.PILLAR_LABELS, pillar).lower()} {_and(cycles)}"
    head = Section(title, 3)
    head.add(*_paragraphs(narrative, "report", inspection_id=inspections))
    mine = grades[(grades["row_pillar"] == pillar) & grades["cycle"].isin(cycles)]
    by_theme: dict[str, dict[str, str]] = {}
    order: dict[str, int] = {}
    for theme, cycle, grade, row_order in zip(
        mine["theme"], mine["cycle"], mine["grade"], mine["row_order"], strict=True
    ):
        by_theme.setdefault(theme, {})[cycle] = grade
        order.setdefault(theme, int(row_order))
    if by_theme:
        themes_in_table = [t for t in sorted(by_theme, key=order.get) if t != "overall"]
        if "overall" in by_theme:
            themes_in_table.append("overall")
        head.add(
            Table(
                ("Area", *cycles),
                tuple(
                    (theme_heading(t), *(by_theme[t].get(c, "—") for c in cycles))
                    for t in themes_in_table
                ),
                caption=f"The force's PEEL {pillar} grades, {_and(cycles)}.",
            )
        )
    rows = list(group.itertuples())
    said = shared(rows)
    top = said.sentences(
        rows, f"the findings of {'this report' if len(inspections) == 1 else 'these reports'}"
    )
    if top:
        head.add(Paragraph(" ".join(top)))
    out = [head]
    # The areas with findings or with narrative, in the framework's order.
    area_notes = narrative[
        (narrative["section"] == "area")
        & (narrative["inspection_id"].isin(inspections) | narrative["inspection_id"].isna())
    ]
    themes = list(dict.fromkeys(group["theme"].dropna()))
    themes += [t for t in area_notes["theme"].dropna() if t not in themes]
    themes.sort(key=lambda t: order.get(t, 10_000))
    for theme in themes:
        area = Section(theme_heading(theme), 4)
        sentence = grade_sentence(by_theme.get(theme, {}))
        if sentence:
            area.add(Paragraph(sentence))
        area.add(*_paragraphs(area_notes, "area", theme=theme))
        in_area = [r for r in rows if r.theme == theme]
        headings = [
            finding_heading(r, i, prefix=str(r.peel_cycle)) for i, r in enumerate(in_area, 1)
        ]
        area.add(*_area_findings(in_area, headings, said))
        out.append(area)
    # Findings with no area (not expected of a PEEL report, but never dropped).
    loose = [r for r in rows if is_missing(r.theme)]
    if loose:
        rest = Section("Other findings", 4)
        headings = [finding_heading(r, i, prefix=str(r.peel_cycle)) for i, r in enumerate(loose, 1)]
        rest.add(*_area_findings(loose, headings, said))
        out.append(rest)
    return out


def _area_findings(rows: list, headings: list[str], said: Shared) -> list[Block]:
    if not rows:
        return []
    return finding_blocks(rows, headings, said=said)


__all__ = [
    "TITLE",
    "THEME_HEADINGS",
    "grade_sentence",
    "review_sections",
    "set_noun",
    "theme_heading",
]
