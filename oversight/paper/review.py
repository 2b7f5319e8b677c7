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
from oversight.paper.words import is_missing, reader_text, shown, tuples
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


def _first(values) -> object:
    """The first value that is not missing (as pandas' groupby 'first'), else None."""
    return next((v for v in values if not is_missing(v)), None)


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
    # The rows as tuples once (a few hundred at national), grouped in order of appearance:
    # a DataFrame per group and its rows read per group cost far more than the writing.
    findings = tuples(rows)
    by_report: dict[object, list] = {}
    by_group: dict[object, list] = {}
    for r in findings:
        by_report.setdefault(r.inspection_id, []).append(r)
        if not is_missing(r.group_id):
            by_group.setdefault(r.group_id, []).append(r)
    n = len(by_report)
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
                    _first(r.inspection_title for r in report),
                    long_date(issued_on)
                    if not is_missing(issued_on := _first(r.issued_on for r in report))
                    else shown(_first(r.published_text for r in report)),
                    str(len(report)),
                    str(sum(bool(r.is_open) for r in report if not is_missing(r.is_open))),
                )
                for report in by_report.values()
            ),
        ),
    )
    notes = _Narrative(narrative)
    out = [section]
    for group in by_group.values():
        if bool(group[0].is_peel_group):
            out.extend(_peel_group(group, grades, notes))
        else:
            out.append(_report(group, notes))
    return out


class _Narrative:
    """The meeting's narrative rows by section, read as tuples once (the pack asks it for each
    report and each PEEL area)."""

    def __init__(self, narrative: pd.DataFrame) -> None:
        self.rows = tuples(narrative)

    def paragraphs(self, section: str, **match: object) -> list[Block]:
        chosen = [r for r in self.rows if r.section == section]
        for column, value in match.items():
            if isinstance(value, (list, tuple, set)):
                chosen = [r for r in chosen if getattr(r, column) in value]
            else:
                chosen = [r for r in chosen if getattr(r, column) == value]
        chosen.sort(key=lambda r: r.display_order)
        return [Paragraph(str(r.text)) for r in chosen]


def _report(rows: list, narrative: _Narrative) -> Section:
    first = rows[0]
    section = Section(str(first.inspection_title), 3)
    published = (
        f"Published on {long_date(first.issued_on)}"
        if not is_missing(first.issued_on)
        else (
            f"Published {first.published_text}"
            if not is_missing(first.published_text)
            else "Publication date not recorded"
        )
    )
    section.add(Paragraph(f"{published} by {first.inspectorate}."))
    intro = narrative.paragraphs("report", inspection_id=first.inspection_id)
    if intro:
        section.add(*intro)
    elif reader_text(first.summary):
        section.add(Paragraph(reader_text(first.summary)))
    section.add(*narrative.paragraphs("response", inspection_id=first.inspection_id))
    headings = [finding_heading(r, i) for i, r in enumerate(rows, start=1)]
    section.add(*finding_blocks(rows, headings))
    return section


def _peel_group(rows: list, grades: pd.DataFrame, narrative: _Narrative) -> list:
    pillar = str(rows[0].pillar)
    cycles = sorted({str(r.peel_cycle) for r in rows if not is_missing(r.peel_cycle)})
    inspections = list(dict.fromkeys(r.inspection_id for r in rows))
    title = f"PEEL {label(labels.PILLAR_LABELS, pillar).lower()} {_and(cycles)}"
    head = Section(title, 3)
    head.add(*narrative.paragraphs("report", inspection_id=inspections))
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
    said = shared(rows)
    top = said.sentences(
        rows, f"the findings of {'this report' if len(inspections) == 1 else 'these reports'}"
    )
    if top:
        head.add(Paragraph(" ".join(top)))
    out = [head]
    # The areas with findings or with narrative, in the framework's order.
    area_notes = [
        r
        for r in narrative.rows
        if r.section == "area" and (r.inspection_id in inspections or is_missing(r.inspection_id))
    ]
    themes = list(dict.fromkeys(r.theme for r in rows if not is_missing(r.theme)))
    themes += [r.theme for r in area_notes if not is_missing(r.theme) and r.theme not in themes]
    themes.sort(key=lambda t: order.get(t, 10_000))
    for theme in themes:
        area = Section(theme_heading(theme), 4)
        sentence = grade_sentence(by_theme.get(theme, {}))
        if sentence:
            area.add(Paragraph(sentence))
        notes = sorted((r for r in area_notes if r.theme == theme), key=lambda r: r.display_order)
        area.add(*(Paragraph(str(r.text)) for r in notes))
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
