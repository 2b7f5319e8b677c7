"""The pack's overview of reports for review and the way it writes findings: the queries (golden,
on the mini fixture) and the writer (on small rows), as a reader would read them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from oversight import db, paper
from oversight.paper import findings, review
from tests.golden import rows

MARCH = dt.date(2018, 3, 1)
JUNE = dt.date(2018, 6, 28)
P = {"force_id": "wmp", "since": MARCH, "as_at": JUNE}


def with_peel_cycle(folder: Path) -> None:
    """Put wmp-2016 in the 2016 PEEL cycle (the mini fixture leaves the column out)."""
    path = folder / "inspections.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    for row in table:
        row["peel_cycle"] = "2016" if row["inspection_id"] == "wmp-2016" else ""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def write_narrative(folder: Path) -> None:
    (folder / "narrative.csv").write_text(
        "meeting_id,section,inspection_id,theme,display_order,text,source\n"
        "m1,background,,,2,The monitoring process is new.,meeting:m1\n"
        "m1,background,,,1,The register is shared with forces.,meeting:m1\n"
        "m1,report,wmp-2016,,1,Effectiveness has five questions.,meeting:m1\n"
        "m1,area,,vulnerability,1,The narrative was positive.,meeting:m1\n"
        "m0,background,,,1,From March.,meeting:m0\n",
        encoding="utf-8",
    )


@pytest.fixture
def peel_mini(mini_copy) -> db.Dataset:
    with_peel_cycle(mini_copy)
    write_narrative(mini_copy)
    ds = db.load(mini_copy)
    assert ds.problems == []
    return ds


# --- queries ---------------------------------------------------------------------------------


def test_review_findings_lists_every_finding_of_a_report_with_one_still_open(mini):
    got = mini.query("briefing/review_findings", **P)
    # wmp-2016 (2 March 2017) has its cause of concern open; its recommendation, closed, follows it.
    assert rows(got, ["group_id", "rec_id", "kind", "status", "is_open", "under_parent"]) == [
        ("wmp-2016", "c1", "cause_of_concern", "in_progress", True, 0),
        ("wmp-2016", "c1r1", "recommendation", "closed", False, 1),
    ]
    # Nothing is under review once every finding of the report is closed or the period covers it.
    assert mini.query("briefing/review_findings", **{**P, "since": dt.date(2017, 1, 1)}).empty


def test_review_findings_groups_a_pillars_peel_reports(peel_mini):
    got = peel_mini.query("briefing/review_findings", **P)
    assert rows(got, ["group_id", "is_peel_group", "pillar", "theme", "area_order", "rec_id"]) == [
        ("peel:effectiveness", True, "effectiveness", "vulnerability", 3, "c1"),
        ("peel:effectiveness", True, "effectiveness", "vulnerability", 3, "c1r1"),
    ]
    grades = peel_mini.query("briefing/review_grades", **P)
    assert rows(grades, ["row_pillar", "theme", "cycle", "grade"]) == [
        ("effectiveness", "overall", "2016", "Good"),
        ("effectiveness", "vulnerability", "2016", "Requires improvement"),
    ]
    assert peel_mini.query("briefing/review_grades", **{**P, "force_id": "gwent"}).empty


def test_narrative_is_the_meetings_own_in_order(peel_mini):
    got = peel_mini.query("briefing/narrative", meeting_on=JUNE)
    assert rows(got, ["section", "display_order", "text"]) == [
        ("area", 1, "The narrative was positive."),
        ("background", 1, "The register is shared with forces."),
        ("background", 2, "The monitoring process is new."),
        ("report", 1, "Effectiveness has five questions."),
    ]
    assert peel_mini.query("briefing/narrative", meeting_on=dt.date(2018, 5, 1)).empty


def test_background_documents_are_the_reports_received_and_under_review(mini):
    got = mini.query("briefing/background_documents", **P)
    assert rows(got, ["inspection_id", "published_on", "url"]) == [
        ("wmp-2016", "2017-03-02", None),
        ("nat-2018", "2018-03-22", "https://example.org/nat"),
    ]


# --- the pack --------------------------------------------------------------------------------


def section(pack, title):
    return next(s for s in pack.sections if s.title == title)


def test_the_pack_reviews_the_older_report_area_by_area(peel_mini):
    pack = paper.build(peel_mini, JUNE, force_id="wmp")
    titles = [(s.title, s.level) for s in pack.sections]
    start = titles.index(("Overview of reports for review", 2))
    assert titles[start + 1 : start + 3] == [
        ("PEEL effectiveness 2016", 3),
        ("Protecting vulnerable people", 4),
    ]
    group = section(pack, "PEEL effectiveness 2016").blocks
    assert group[0] == paper.Paragraph("Effectiveness has five questions.")
    table = next(b for b in group if isinstance(b, paper.Table))
    assert table.rows == (
        ("Protecting vulnerable people", "Requires improvement"),
        ("Overall grade", "Good"),
    )
    # What both findings lack is said once, for the report.
    assert group[-1] == paper.Paragraph(
        "No tactical lead or governance board is recorded for the findings of this report."
    )
    area = section(pack, "Protecting vulnerable people").blocks
    words = [b.text if isinstance(b, paper.Paragraph) else b.heading for b in area]
    assert words == [
        "Graded Requires improvement in 2016.",
        "The narrative was positive.",
        "2016 cause of concern",
        "No owner is recorded for this cause of concern. No deadline is set. Position at 1 June "
        "2017: in progress, RAG Amber.",
        "Locate team",
        "2016 recommendation under the cause of concern",
        "This recommendation is owned by ACC Security. Deadline: within six months (2 September "
        "2017). Position at 1 June 2017: closed, RAG Blue.",
        "Done",
    ]
    background = section(pack, "2. Background").blocks
    assert [b.text for b in background[-2:]] == [
        "The register is shared with forces.",
        "The monitoring process is new.",
    ]


# --- writing findings ------------------------------------------------------------------------


def finding(**values) -> SimpleNamespace:
    base = {
        "kind": "recommendation",
        "ref": None,
        "addressed_to": "chief_constables",
        "text": "Make sure.",
        "is_text_verbatim": True,
        "deadline_text": None,
        "due_on": None,
        "issued_on": dt.date(2018, 3, 28),
        "chief_officer_lead": None,
        "tactical_lead": None,
        "governance_board": None,
        "parent_rec_id": None,
        "status": "in_progress",
        "rag": "white",
        "status_as_at": dt.date(2018, 6, 28),
        "note": "Being reviewed by the FET lead and tactical lead.",
    }
    return SimpleNamespace(**{**base, **values})


def texts(blocks) -> list[str]:
    return [b.text if isinstance(b, paper.Paragraph) else f"[{b.heading}]" for b in blocks]


def test_findings_sharing_their_unknowns_and_answer_are_grouped_with_one_sentence():
    rows_ = [finding(text=f"Make sure {i}.") for i in range(1, 4)]
    headings = [findings.finding_heading(r, i) for i, r in enumerate(rows_, 1)]
    assert texts(findings.finding_blocks(rows_, headings)) == [
        "No owner, tactical lead, governance board or deadline is recorded for these three "
        "recommendations. Position of each at 28 June 2018: in progress, not RAG graded.",
        "[Recommendation 1 to chief constables]",
        "[Recommendation 2 to chief constables]",
        "[Recommendation 3 to chief constables]",
        "Being reviewed by the FET lead and tactical lead.",
    ]


def test_what_a_finding_has_is_said_and_what_most_lack_is_said_once():
    rows_ = [
        finding(note="First."),
        finding(note="Second.", governance_board="Local Policing Governance Board"),
        finding(note=None, status="superseded"),
    ]
    headings = [findings.finding_heading(r, i) for i, r in enumerate(rows_, 1)]
    assert texts(findings.finding_blocks(rows_, headings)) == [
        "No owner, tactical lead, governance board or deadline is recorded for these three "
        "recommendations, except where stated below. Unless stated below, position at 28 June "
        "2018: in progress, not RAG graded.",
        "[Recommendation 1 to chief constables]",
        "First.",
        "[Recommendation 2 to chief constables]",
        "This recommendation is managed through the Local Policing Governance Board.",
        "Second.",
        "[Recommendation 3 to chief constables]",
        "Position at 28 June 2018: superseded, not RAG graded.",
        "No progress is reported for this recommendation.",
    ]


def test_owner_deadline_and_heading_words():
    row = finding(
        ref="R2",
        addressed_to="all_forces",
        chief_officer_lead="ACC Crime",
        tactical_lead="DCS Mark Payne",
        governance_board="Detective Strategy Board",
        deadline_text="By September 2018",
        due_on=dt.date(2018, 9, 30),
    )
    assert findings.finding_heading(row, 2) == "R2 · Recommendation to all forces"
    assert findings.owner_sentence(row, "This recommendation") == (
        "This recommendation is owned by ACC Crime with DCS Mark Payne as tactical lead and is "
        "managed through the Detective Strategy Board."
    )
    assert findings.deadline_sentence(row) == "Deadline: By September 2018 (30 September 2018)."
    undated = finding(deadline_text="within six months", issued_on=None)
    assert findings.deadline_sentence(undated) == (
        "Deadline: within six months (the report's publication day is not recorded, so no date "
        "can be set)."
    )
    late = finding(deadline_text="immediately", due_on=dt.date(2017, 3, 2), days_overdue=483)
    assert (
        findings.deadline_sentence(late)
        == "Deadline: immediately (2 March 2017); overdue by 483 days."
    )


def test_grade_sentences():
    assert (
        review.grade_sentence({"2015": "Good", "2016": "Good"}) == "Graded Good in 2015 and 2016."
    )
    assert review.grade_sentence({"2015": "Ungraded", "2016": "Ungraded"}) == (
        "Ungraded in 2015 and 2016."
    )
    assert review.grade_sentence({"2015": "Good", "2016": "Requires improvement"}) == (
        "Graded Good in 2015 and Requires improvement in 2016."
    )
