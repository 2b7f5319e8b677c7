"""The briefing pack's assembly: `build()` reads the queries in queries/briefing/ (and a few the
pages share), ahead and two at a time, and returns a `Briefing` whose sections follow the hand-written
committee paper. Pure: no Streamlit, no file output."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from oversight import changes, db, labels, periods, vocabulary
from oversight import grades as peel_tables
from oversight.labels import label
from oversight.paper import revisions, signoff
from oversight.paper.findings import finding_blocks, finding_heading
from oversight.paper.model import Briefing, Bullets, Chart, Paragraph, Section, Table
from oversight.paper.period import Period, resolve_period
from oversight.paper.review import review_sections
from oversight.paper.words import (
    count_words,
    date_span,
    deadline_words,
    first_sentence,
    is_missing,
    kind_count,
    kind_word,
    position_words,
    rag_words,
    reader_text,
    shown,
    tuples,
)
from oversight.periods import long_date

PURPOSE = "To provide members of the Committee with oversight of HMICFRS recommendations."
COMMITTEE_RECOMMENDATION = "The Committee to note the contents of the report."


def no_red(red: str = "red") -> str:
    """The paper's sentence when nothing is red (`red`: rag.csv's word for red, lower case)."""
    return f"There are no recommendations currently graded as {red}."


NO_RED = no_red()


def build(
    ds,
    meeting_on: dt.date,
    since: dt.date | None = None,
    force_id: str | None = None,
    next_on: dt.date | None = None,
) -> Briefing:
    """Assemble the pack for a meeting date from the queries in queries/briefing/."""
    # The meeting (which sets the period) and the force's name are read first; when the force is
    # named, the queries that need neither the period nor the force resolved start with them.
    first = [
        ("briefing/meeting_context", {"meeting_on": meeting_on}),
        ("tracking_forces", {}),
        ("rag_scale", {}),
    ]
    if force_id is not None:
        first += _unperiodic_queries(force_id, meeting_on)
    db.start(ds, first)  # on the shared pool, two at a time; each read below waits for its own
    period = resolve_period(ds, meeting_on, since, next_on)
    force_id, force_name = _force(ds, force_id)
    p = {"force_id": force_id, "since": period.since, "as_at": meeting_on}
    q = {"force_id": force_id, "as_at": meeting_on}
    db.start(ds, _pack_queries(force_id, period, p, q))
    return _assemble(ds, period, force_id, force_name, p, q)


def _assemble(
    ds, period: Period, force_id: str | None, force_name: str, p: dict, q: dict
) -> Briefing:
    """The pack's sections, from the queries build() started."""
    from oversight import charts

    meeting_on = period.meeting_on
    since_long, meeting_long = long_date(period.since), long_date(meeting_on)
    red_word = _lower_first(vocabulary.rag_scale(ds).label("red"))  # rag.csv's word for red

    sections: list[Section] = []

    # 1. Purpose
    sections.append(
        Section("1. Purpose of report", 1).add(
            Paragraph(PURPOSE),
            Paragraph(
                f"This report covers {force_name} as at {meeting_long}. “Since the last meeting” "
                f"means {period.since_words}. “Before the next meeting” means by "
                f"{period.next_words}."
            ),
        )
    )

    # 2. Background: the headline figures and recent inspection activity
    summary = ds.query("briefing/tracking_summary", **p).iloc[0]
    background = Section("2. Background", 1).add(
        Paragraph(
            f"As at {meeting_long} the force tracks {count_words(summary.findings, 'finding')} "
            "(recommendations, areas for improvement and causes of concern) from "
            f"{count_words(summary.inspections, 'inspection')}: {int(summary.open)} open, "
            f"{int(summary.overdue)} overdue and {int(summary.red)} graded {red_word}. "
            f"{count_words(summary.open_with_due_date, 'open finding has', 'open findings have')} "
            "a due date."
        ),
        Paragraph(
            changes.Split.from_row(summary).sentence(f"since {since_long}")
            + f" {count_words(summary.closed_since, 'finding')} recorded as open at the start of "
            "the period, or issued in it, "
            f"{'was' if int(summary.closed_since) == 1 else 'were'} closed, superseded or marked "
            "no further action by the meeting."
        ),
    )
    sections.append(background)
    narrative = ds.query("briefing/narrative", meeting_on=meeting_on)
    background.add(
        *(Paragraph(str(t)) for t in narrative[narrative["section"] == "background"]["text"])
    )
    sections.append(_recent_activity(ds, force_id, meeting_on))

    # Inspections completed since the last meeting
    sections.append(_completed(ds, p, since_long))

    # Inspection reports received since the last meeting
    sections.extend(_received(ds, p, since_long, narrative))

    # Outstanding recommendations currently graded red
    red = ds.query("briefing/red_outstanding", **q)
    red_section = Section(f"Outstanding recommendations currently graded {red_word}", 2)
    if red.empty:
        red_section.add(Paragraph(no_red(red_word)))
    else:
        red_section.add(
            Paragraph(
                f"{count_words(len(red), 'finding is', 'findings are')} open and graded {red_word} as at "
                f"{meeting_long}."
            ),
            _findings_table(red, with_due=True),
        )
    sections.append(red_section)

    # Overview of reports for review: the older reports whose findings are still open
    sections.extend(
        review_sections(
            _rag_worded(ds, ds.query("briefing/review_findings", **p)),
            ds.query("briefing/review_grades", **p),
            narrative,
            period.since,
        )
    )

    # RAG and status moves
    sections.append(_moves(ds, p, period, charts))

    # Overdue and due before the next meeting
    sections.append(_deadlines(ds, q, period))

    # Deadlines revised in the period, with their reasons; the PCC's statutory responses
    sections.append(revisions.revised_section(ds, p, since_long, meeting_long))
    sections.append(
        revisions.responses_section(
            ds,
            {"next_on": period.next_on, **p},
            since_long,
            meeting_long,
            long_date(period.next_on),
        )
    )

    # Closures signed off in the period, and where the inspectorate's view differs
    sections.append(signoff.section(ds, p, q, since_long, meeting_long))

    # PEEL grades
    if force_id is not None:
        sections.append(_peel(ds, q, charts))

    # 3. Recommendations
    sections.append(Section("3. Recommendations", 1).add(Paragraph(COMMITTEE_RECOMMENDATION)))

    contact = ds.query("briefing/contact", **p)
    contact_section = Section("Contact officer", 2)
    if contact.empty:
        contact_section.add(Paragraph("No update in the period names who recorded it."))
    else:
        contact_section.add(*_contact(str(contact["recorded_by"].iloc[0])))
    sections.append(contact_section)
    sections.append(_background_documents(ds, p))

    heading = (
        period.committee_title or period.committee or "Committee briefing",
        meeting_long,
        period.paper or "HMICFRS update",
    )
    latest = contact["latest_as_at"].max() if not contact.empty else None
    recorded = f", positions recorded up to {long_date(latest)}" if not is_missing(latest) else ""
    footer = (
        f"Prepared with Oversight from the curated tables in {ds.data_dir.name}/{recorded}. "
        "Contains public sector information licensed under the Open Government Licence v3.0."
    )
    return Briefing(
        heading=heading,
        title="HMICFRS update",
        meeting_on=meeting_on,
        since=period.since,
        next_on=period.next_on,
        force_name=force_name,
        sections=sections,
        footer=footer,
    )


_WHOLE = {"limit": None, "offset": 0}  # the pack lists every row of a paged query


def _unperiodic_queries(force_id: str | None, meeting_on: dt.date) -> list[tuple]:
    """The pack's queries that need only the force and the meeting date, not the period."""
    q = {"force_id": force_id, "as_at": meeting_on}
    specs = [
        ("briefing/narrative", {"meeting_on": meeting_on}),
        ("inspections_upcoming", {**q, "horizon_days": periods.UPCOMING_DAYS, **_WHOLE}),
        ("inspections_undated", {"force_id": force_id, **_WHOLE}),
        ("briefing/red_outstanding", q),
    ]
    if force_id is not None:
        specs += [("briefing/peel_grades", q), ("briefing/peel_moves", q)]
    return specs


def _pack_queries(force_id: str | None, period: Period, p: dict, q: dict) -> list[tuple]:
    """Every query the sections below run, with their parameters, to run them ahead and two at a
    time (tests/test_briefing.py checks that the sections ask for nothing else)."""
    narrative, upcoming, undated, red_outstanding, *peel = _unperiodic_queries(
        force_id, period.meeting_on
    )
    specs = [
        ("briefing/tracking_summary", p),
        narrative,
        upcoming,
        undated,
        ("inspections_completed_since", {**_WHOLE, **p}),
        ("inspections_received_since", {**_WHOLE, **p}),
        ("briefing/received_findings", p),
        red_outstanding,
        ("briefing/review_findings", p),
        ("briefing/review_grades", p),
        ("briefing/rag_mix", p),
        ("briefing/status_moves", p),
        ("briefing/rag_changes", p),
        ("briefing/deadlines", {"next_on": period.next_on, **q}),
        ("briefing/revised_deadlines", p),
        ("briefing/pcc_responses", {"next_on": period.next_on, **p}),
        ("closures_approved_since", p),
        ("inspectorate_disagreements", q),
        *peel,
    ]
    return [*specs, ("briefing/contact", p), ("briefing/background_documents", p)]


def _contact(recorded_by: str) -> list[Paragraph]:
    """'Name: Kath Holder' and 'Title: Risk and Organisational Learning Manager' from 'Risk and
    Organisational Learning Manager (Kath Holder)', as the paper sets them out; else the name as
    recorded."""
    match = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", recorded_by)
    if match and "@" not in recorded_by:
        return [Paragraph(f"Name: {match.group(2)}"), Paragraph(f"Title: {match.group(1)}")]
    return [Paragraph(f"Name: {recorded_by}")]


def _background_documents(ds, p: dict) -> Section:
    """The reports this paper refers to, each with the address it can be read at (as text)."""
    section = Section("Background documents", 2)
    documents = ds.query("briefing/background_documents", **p)
    if documents.empty:
        return section.add(Paragraph("None."))
    items = []
    for d in tuples(documents):
        published = (
            long_date(d.published_on)
            if not is_missing(d.published_on)
            else (str(d.published_text) if not is_missing(d.published_text) else "")
        )
        item = f"{d.title} ({d.inspectorate}{', ' + published if published else ''})"
        item += f": {d.url}" if not is_missing(d.url) else "."
        items.append(item)
    return section.add(Bullets(tuple(items)))


def _force(ds, force_id: str | None) -> tuple[str | None, str]:
    forces = ds.query("tracking_forces")
    names = dict(zip(forces["force_id"], forces["name"], strict=True))
    if force_id is None:
        if len(names) == 1:
            force_id = next(iter(names))
        elif len(names) > 1:
            raise ValueError(
                "several forces track recommendations in this data; choose one with --force "
                f"({', '.join(sorted(names))})"
            )
        else:
            return None, "all forces"
    if force_id not in names:
        raise ValueError(f"no force {force_id!r} tracks recommendations in this data")
    return force_id, names[force_id]


def _recent_activity(ds, force_id: str | None, meeting_on: dt.date) -> Section:
    section = Section("Recent inspection activity", 2)
    upcoming = ds.query(
        "inspections_upcoming",
        force_id=force_id,
        as_at=meeting_on,
        horizon_days=periods.UPCOMING_DAYS,
        limit=None,
        offset=0,
    )
    undated = ds.query("inspections_undated", force_id=force_id, limit=None, offset=0)
    if upcoming.empty and undated.empty:
        return section.add(Paragraph("No upcoming or undated inspection activity is recorded."))
    for row in tuples(upcoming):
        section.add(Paragraph(row.title, bold=True))
        when = (
            f"Fieldwork: {row.fieldwork_text}."
            if not is_missing(row.fieldwork_text)
            else f"Fieldwork from {long_date(row.fieldwork_start)}."
        )
        section.add(Paragraph(f"{when} Inspectorate: {row.inspectorate}."))
        if reader_text(row.summary):
            section.add(Paragraph(reader_text(row.summary)))
    if not undated.empty:
        section.add(Paragraph("Other inspection activity, without dates:"))
        items = []
        for row in tuples(undated):
            summary = reader_text(row.summary)
            timing = [] if is_missing(row.fieldwork_text) else [str(row.fieldwork_text)]
            expected = row.expected_publication
            if not is_missing(expected) and str(expected) not in summary:
                timing.append(f"expected {expected}")
            item = f"{row.title}"
            item += f": {'; '.join(timing)}." if timing else "."
            if summary:
                item += f" {summary}"
            items.append(item)
        section.add(Bullets(tuple(items)))
    return section


def _completed(ds, p: dict, since_long: str) -> Section:
    section = Section("Inspections completed since the last meeting", 2)
    done = ds.query("inspections_completed_since", limit=None, offset=0, **p)
    if done.empty:
        return section.add(
            Paragraph(f"No inspection fieldwork ended between {since_long} and the meeting.")
        )
    for row in tuples(done):
        summary = reader_text(row.summary)
        words = (
            f"{row.inspectorate} conducted fieldwork for the {row.title[:1].lower()}{row.title[1:]} "
            f"{date_span(row.fieldwork_start, row.fieldwork_end)}."
        )
        expected = row.expected_publication
        if is_missing(expected):
            words += " No publication date is expected yet."
        elif str(expected) not in summary:
            words += f" The report is expected in {expected}."
        section.add(Paragraph(row.title, bold=True), Paragraph(words))
        if summary:
            section.add(Paragraph(summary))
    return section


def _received(ds, p: dict, since_long: str, narrative: pd.DataFrame) -> list[Section]:
    section = Section("Inspection reports received since the last meeting", 2)
    received = ds.query("inspections_received_since", limit=None, offset=0, **p)
    if received.empty:
        return [
            section.add(Paragraph(f"No report was published between {since_long} and the meeting."))
        ]
    section.add(
        Paragraph(
            f"{count_words(len(received), 'report was', 'reports were')} published on or after "
            f"{since_long} (a report counts as received on its publication date)."
        ),
        Table(
            ("Published", "Report", "Kind", "Findings for the force", "Owners"),
            tuple(
                (
                    long_date(r.published_on),
                    r.title,
                    kind_word(r.kind),
                    str(int(r.findings) - int(r.for_national_bodies)),
                    shown(r.owners, "Not recorded" if int(r.findings) else "—"),
                )
                for r in tuples(received)
            ),
        ),
    )
    findings = _rag_worded(ds, ds.query("briefing/received_findings", **p))
    # Each report's findings for the force, and the narrative, read as tuples once (a frame
    # filtered and read per report cost more than the writing).
    by_report: dict[object, list] = {}
    for row in tuples(findings[findings["is_force_workload"].fillna(False).astype(bool)]):
        by_report.setdefault(row.inspection_id, []).append(row)
    notes = tuples(narrative)
    out = [section]
    for r in tuples(received):
        report = Section(r.title, 3)
        published = f"Published on {long_date(r.published_on)} by {r.inspectorate}."
        if not is_missing(r.published_text):
            published += f" Also reported as published: {r.published_text}."
        report.add(Paragraph(published))
        rows = by_report.get(r.inspection_id, [])
        counts = [
            kind_count(n, kind)
            for kind, n in (
                ("recommendation", r.recommendations),
                ("area_for_improvement", r.areas_for_improvement),
                ("cause_of_concern", r.causes_of_concern),
            )
            if int(n)
        ]
        if not rows:
            report.add(Paragraph("There are no recommendations within the report for the force."))
        else:
            contained = " and ".join(counts)
            national = (
                f" ({count_words(r.for_national_bodies, 'is', 'are')} for a national body and not the "
                "force's to deliver)"
                if int(r.for_national_bodies)
                else ""
            )
            report.add(Paragraph(f"The report contains {contained}{national}."))
        intro = [
            n.text for n in notes if n.section == "report" and n.inspection_id == r.inspection_id
        ]
        if intro:
            report.add(*(Paragraph(str(t)) for t in intro))
        elif reader_text(r.summary):
            report.add(Paragraph(reader_text(r.summary)))
        report.add(
            *(
                Paragraph(str(n.text))
                for n in notes
                if n.section == "response" and n.inspection_id == r.inspection_id
            )
        )
        headings = [finding_heading(row, n) for n, row in enumerate(rows, start=1)]
        report.add(*finding_blocks(rows, headings))
        out.append(report)
    return out


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _rag_worded(ds, frame: pd.DataFrame) -> pd.DataFrame:
    """Findings with their RAG grade's words from the data's rag.csv (rag_label), for the
    sentences the pack writes about each."""
    return frame.assign(rag_label=frame["rag"].map(vocabulary.rag_scale(ds).label))


def _findings_table(frame: pd.DataFrame | list, with_due: bool) -> Table:
    """A table of findings, from a query's frame or its rows (`tuples`)."""
    rows = []
    for r in tuples(frame) if isinstance(frame, pd.DataFrame) else frame:
        row = [
            shown(r.finding_name, shown(r.ref, r.inspection_title)),
            label(labels.KIND_LABELS, r.kind),
            first_sentence(r.text),
            shown(r.chief_officer_lead, "Not recorded"),
        ]
        if with_due:
            row.append(deadline_words(r))
        rows.append(tuple(row))
    columns = ("Reference", "Kind", "Finding", "Owner") + (("Deadline",) if with_due else ())
    return Table(columns, tuple(rows))


def _move_words(change_kind: str, is_issued_in_period: bool) -> str:
    """The pack's words for a row of briefing/status_moves.sql (the Overview's split)."""
    if change_kind == "moved":
        return "Moved between two recorded positions"
    if is_issued_in_period:
        return "First position recorded (report published in the period)"
    return "First position recorded (earlier or undated report)"


def _moves(ds, p: dict, period: Period, charts) -> Section:
    section = Section("RAG and status moves since the last meeting", 2)
    mix = ds.query("briefing/rag_mix", **p)
    rag = vocabulary.rag_scale(ds)
    since_long, meeting_long = long_date(period.since), long_date(period.meeting_on)
    at_since = mix[mix["position"] == "since"]
    at_meeting = mix[mix["position"] == "meeting"]
    section.add(
        Chart(
            "RAG of open findings",
            charts.briefing_rag_mix_figure(mix, rag),
            f"Open findings by RAG on {since_long} and on {meeting_long}.",
            height=300,
            screen=("vega", charts.briefing_rag_mix_vega(mix, rag)),
        ),
        Table(
            ("RAG", f"Open on {since_long}", f"Open on {meeting_long}"),
            tuple(
                (str(a.label), str(int(a.findings)), str(int(b.findings)))
                for a, b in zip(tuples(at_since), tuples(at_meeting), strict=True)
            ),
            caption=f"Open findings by RAG grade ({_lower_first(rag.label('white'))}: "
            f"{_lower_first(rag.meaning('white'))}; no position recorded: nobody has recorded "
            "one yet).",
            fills=tuple(rag.colour(code) for code in at_since["rag"]),
        ),
    )
    split = changes.Split.from_row(ds.query("briefing/tracking_summary", **p).iloc[0])
    section.add(Paragraph(split.sentence(f"since {since_long} up to {meeting_long}")))
    moves = ds.query("briefing/status_moves", **p)
    if not moves.empty:
        section.add(
            Table(
                ("Move", "From", "To", "Findings"),
                tuple(
                    (
                        _move_words(m.change_kind, bool(m.is_issued_in_period)),
                        position_words(m.from_status, m.from_rag, rag),
                        position_words(m.to_status, m.to_rag, rag),
                        str(int(m.findings)),
                    )
                    for m in tuples(moves)
                ),
                caption=f"Status and RAG on {since_long} against {meeting_long}.",
            )
        )
    rag_moved = ds.query("briefing/rag_changes", **p)
    if rag_moved.empty:
        section.add(Paragraph(f"No finding's RAG grade changed since {since_long}."))
    else:
        section.add(
            Table(
                ("Reference", "Kind", "Owner", "RAG then", "RAG now"),
                tuple(
                    (
                        shown(c.finding_name, shown(c.ref, c.inspection_title)),
                        label(labels.KIND_LABELS, c.kind),
                        shown(c.chief_officer_lead, "Not yet allocated"),
                        rag_words(c.from_rag, rag),
                        rag_words(c.to_rag, rag),
                    )
                    for c in tuples(rag_moved)
                ),
                caption="Findings whose RAG grade changed in the period (worse first).",
            )
        )
    return section


def _deadlines(ds, q: dict, period: Period) -> Section:
    section = Section("Overdue and due before the next meeting", 2)
    due = ds.query("briefing/deadlines", next_on=period.next_on, **q)
    rows = tuples(due)
    overdue = [r for r in rows if r.due_window == "overdue"]
    soon = [r for r in rows if r.due_window == "before_next"]
    meeting_long, next_long = long_date(period.meeting_on), long_date(period.next_on)
    if not overdue:
        section.add(Paragraph(f"No open finding is past its due date as at {meeting_long}."))
    else:
        section.add(
            Paragraph(
                f"{count_words(len(overdue), 'open finding is', 'open findings are')} overdue:"
            ),
            _findings_table(overdue, with_due=True),
        )
    if not soon:
        section.add(Paragraph(f"No open finding falls due by {next_long}."))
    else:
        section.add(
            Paragraph(
                f"{count_words(len(soon), 'open finding falls', 'open findings fall')} due by {next_long}:"
            ),
            _findings_table(soon, with_due=True),
        )
    if not due.empty and not is_missing(due["next_later_due_on"].iloc[0]):
        n = int(due["next_later_findings"].iloc[0])
        section.add(
            Paragraph(
                f"After that, the next due date is {long_date(due['next_later_due_on'].iloc[0])} "
                f"({count_words(n, 'finding')})."
            )
        )
    later = [r for r in rows if r.due_window == "later"]
    if later:
        section.add(_findings_table(later, with_due=True))
    return section


def _peel(ds, q: dict, charts) -> Section:
    section = Section("PEEL grades summary", 2)
    grades = ds.query("briefing/peel_grades", **q)
    if grades.empty:
        return section.add(Paragraph("No PEEL grades published before the meeting are recorded."))
    cycles = sorted(grades["cycle"].unique())
    listed = f"{', '.join(cycles[:-1])} and {cycles[-1]}" if len(cycles) > 1 else cycles[0]
    section.add(
        Paragraph(
            f"The force's grades in the PEEL {'cycles' if len(cycles) > 1 else 'cycle'} {listed} "
            "(a cycle counts when its first year is before the meeting's year). A dash means the "
            "area was not inspected or graded that year."
        )
    )
    matrix_figure = charts.grade_matrix(grades)
    section.add(
        Chart(
            "PEEL grades by area and cycle",
            matrix_figure,
            "Grade matrix: each area's grade in each cycle, the grade written in each cell.",
            width=1000,
            height=int(matrix_figure.layout.height) + 40,
            screen=("table", peel_tables.matrix_table(grades)),
        )
    )
    # Areas down, cycles across: the first grade of each (area, cycle), in area order. A few
    # dozen cells, so a dict, not pivot_table (15 ms for this).
    by_area: dict[tuple, dict[str, object]] = {}
    for order, pillar, theme, cycle, grade in zip(
        *(grades[c].tolist() for c in ("row_order", "row_pillar", "theme", "cycle", "grade")),
        strict=True,
    ):
        if not is_missing(grade):
            by_area.setdefault((order, pillar, theme), {}).setdefault(cycle, grade)
    rows = [
        (
            label(labels.PILLAR_LABELS, pillar),
            label(labels.THEME_LABELS, theme),
            *(shown(by_cycle.get(c)) for c in cycles),
        )
        for (_, pillar, theme), by_cycle in sorted(by_area.items(), key=lambda item: item[0])
    ]
    section.add(Table(("Pillar", "Area", *cycles), tuple(rows)))
    moves = ds.query("briefing/peel_moves", **q)
    if moves.empty:
        section.add(Paragraph("No grade can be compared with an earlier grade on the same scale."))
    else:
        section.add(
            Paragraph(f"Latest moves ({moves['to_cycle'].iloc[0]} against the previous grade):")
        )
        section.add(
            Bullets(
                tuple(
                    f"{label(labels.THEME_LABELS, m.theme)} ({label(labels.PILLAR_LABELS, m.row_pillar)}): "
                    f"{m.from_grade} ({m.from_cycle}) to {m.to_grade} ({m.to_cycle}): "
                    f"{label(labels.MOVE_LABELS, m.move).lower()}."
                    for m in tuples(moves)
                )
            )
        )
    return section
