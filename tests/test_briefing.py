"""The committee briefing pack: its queries (golden, on the mini fixture), the document model on
the bundled data (the seed paper's facts), the three formats written by the command, and the charts.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest

from oversight import charts, cli, escape, memo, paper, vocabulary
from tests import drawn
from tests.golden import rows

JUNE = dt.date(2018, 6, 28)
JULY = dt.date(2018, 7, 15)
MARCH = dt.date(2018, 3, 1)

# The sections, in the order the paper uses.
SECTIONS = [
    "1. Purpose of report",
    "2. Background",
    "Recent inspection activity",
    "Inspections completed since the last meeting",
    "Inspection reports received since the last meeting",
    "Outstanding recommendations currently graded red",
    "Overview of reports for review",
    "RAG and status moves since the last meeting",
    "Overdue and due before the next meeting",
    "PEEL grades summary",
    "3. Recommendations",
    "Contact officer",
    "Background documents",
]

R1 = "By October 2018, all forces should review their own approach to neighbourhood policing"
R2 = "By September 2018, all forces with a shortage in qualified detectives"
R3 = "By September 2018, all forces should review how they are implementing changes to pre-charge"
YOT = [
    "Make sure that the requirements of youth conditional cautions are meaningful to children",
    "Make sure that all victims have a fully informed and effective opportunity",
    "Make sure that children understand the implications of receiving an out-of-court disposal",
    "Make sure that referrals to YOTs are sufficiently timely",
    "Make sure that they have clear and consistently applied policies for the gathering of fingerprints",
]


# --- queries (golden on the mini fixture) -----------------------------------------------------


def test_tracking_summary(mini):
    got = mini.query("briefing/tracking_summary", force_id="wmp", since=MARCH, as_at=JUNE)
    assert rows(got) == [(5, 2, 4, 1, 0, 3, 3, 0, 3, 3, 0, 0)]
    assert list(got.columns) == [
        "findings",
        "inspections",
        "open",
        "overdue",
        "red",
        "open_with_due_date",
        "issued_since",
        "moved_since",
        "first_recorded_since",
        "first_recorded_issued_since",
        "no_position",
        "closed_since",
    ]


def test_received_findings_in_full_with_owners(mini):
    got = mini.query("briefing/received_findings", force_id="wmp", since=MARCH, as_at=JUNE)
    assert rows(
        got,
        ["rec_id", "chief_officer_lead", "tactical_lead", "governance_board", "due_on", "rag"],
    ) == [
        ("n1", None, None, None, None, None),
        ("r1", "ACC Local Policing", "CI A", "Board A", "2018-10-31", "green"),
        ("r2", "ACC Crime", "DCS B", "Board B", "2018-09-30", "amber"),
        ("r3", "ACC Crime", None, None, "2018-06-22", "green"),
    ]
    assert (
        got.set_index("rec_id").loc["r2", "text"] == "Detectives plan:\n- demand; and\n- workforce"
    )
    assert not got.set_index("rec_id").loc["n1", "is_force_workload"]


def test_red_outstanding_moves_with_the_date(mini):
    assert mini.query("briefing/red_outstanding", force_id="wmp", as_at=JUNE).empty
    july = mini.query("briefing/red_outstanding", force_id="wmp", as_at=JULY)
    assert rows(july, ["rec_id", "chief_officer_lead", "due_on", "is_overdue"]) == [
        ("r3", "ACC Crime", "2018-06-22", True)
    ]


def test_rag_mix_lists_every_code(mini):
    got = mini.query("briefing/rag_mix", force_id="wmp", since=MARCH, as_at=JUNE)
    assert rows(got, ["position", "rag", "findings"]) == [
        ("since", "red", 0),
        ("since", "amber", 1),
        ("since", "green", 0),
        ("since", "blue", 0),
        ("since", "white", 0),
        ("since", None, 0),
        ("meeting", "red", 0),
        ("meeting", "amber", 2),
        ("meeting", "green", 2),
        ("meeting", "blue", 0),
        ("meeting", "white", 0),
        ("meeting", None, 0),
    ]


def test_status_moves_and_rag_changes(mini):
    moves = mini.query("briefing/status_moves", force_id="wmp", since=JUNE, as_at=JULY)
    assert rows(moves) == [("moved", False, "in_progress", "green", "in_progress", "red", 1)]
    changes = mini.query("briefing/rag_changes", force_id="wmp", since=JUNE, as_at=JULY)
    assert rows(changes, ["rec_id", "from_rag", "to_rag", "is_worse"]) == [
        ("r3", "green", "red", True)
    ]
    new = mini.query("briefing/status_moves", force_id="wmp", since=MARCH, as_at=JUNE)
    assert rows(new) == [
        ("first_recorded", True, None, None, "in_progress", "green", 2),
        ("first_recorded", True, None, None, "in_progress", "amber", 1),
    ]


def test_deadlines_windows(mini):
    got = mini.query("briefing/deadlines", force_id="wmp", as_at=JUNE, next_on=dt.date(2018, 9, 30))
    assert rows(got, ["rec_id", "due_window", "next_later_due_on", "next_later_findings"]) == [
        ("r3", "overdue", "2018-10-31", 1),
        ("r2", "before_next", "2018-10-31", 1),
        ("r1", "later", "2018-10-31", 1),
    ]


def test_peel_grades_only_cycles_published_before_the_meeting(mini):
    got = mini.query("briefing/peel_grades", force_id="wmp", as_at=JUNE)
    assert rows(got, ["theme", "cycle", "grade"]) == [
        ("overall", "2016", "Good"),
        ("vulnerability", "2016", "Requires improvement"),
    ]
    later = mini.query("briefing/peel_grades", force_id="wmp", as_at=dt.date(2023, 1, 1))
    assert sorted(later["cycle"].unique()) == ["2016", "2021/22"]


def test_peel_moves_on_the_bundled_data(bundled):
    got = bundled.query("briefing/peel_moves", force_id="wmp", as_at=JUNE)
    assert rows(got, ["row_pillar", "theme", "from_grade", "to_grade", "move"]) == [
        ("effectiveness", "overall", "Good", "Requires improvement", "declined"),
        ("effectiveness", "vulnerability", "Requires improvement", "Inadequate", "declined"),
        ("effectiveness", "serious_organised_crime", "Good", "Good", "unchanged"),
        ("efficiency", "overall", "Outstanding", "Good", "declined"),
        ("legitimacy", "overall", "Good", "Requires improvement", "declined"),
    ]


def test_contact(mini):
    got = mini.query("briefing/contact", force_id="wmp", since=MARCH, as_at=JUNE)
    assert rows(got) == [("Analyst", 4, "2018-06-28")]


# --- the document model ----------------------------------------------------------------------


def test_period_from_the_previous_meeting(mini):
    period = paper.resolve_period(mini, JUNE)
    assert period.since == dt.date(2018, 3, 29)
    assert period.since_words == "since the last meeting on 29 March 2018"
    assert period.next_on == dt.date(2018, 9, 28)
    assert "no later meeting is recorded" in period.next_words


def test_period_must_start_before_the_meeting(mini):
    with pytest.raises(ValueError, match="on or before the meeting"):
        paper.resolve_period(mini, JUNE, since=JULY)


def test_several_forces_need_a_choice(mini):
    with pytest.raises(ValueError, match="choose one with --force"):
        paper.build(mini, JUNE)
    pack = paper.build(mini, JUNE, force_id="wmp")
    assert pack.force_name == "West Midlands Police"


def test_reader_text_leaves_out_notes_about_columns():
    assert (
        paper.reader_text(
            "Feedback in autumn 2018 (expected_publication is that feedback). "
            "fieldwork_end is left empty. No dates are given."
        )
        == "Feedback in autumn 2018. No dates are given."
    )


@pytest.fixture(scope="module")
def pack(bundled) -> paper.Briefing:
    return paper.build(bundled, JUNE, since=MARCH)


def test_sections_in_the_papers_order(pack):
    titles = [s.title for s in pack.sections]
    positions = [titles.index(t) for t in SECTIONS]
    assert positions == sorted(positions)
    assert pack.heading == (
        "West Midlands PCC and Force Joint Audit Committee",
        "28 June 2018",
        "Agenda Item 6: HMICFRS update",
    )


def section(pack, title):
    return next(s for s in pack.sections if s.title == title)


def findings_of(pack, report):
    return [b for b in section(pack, report).blocks if isinstance(b, paper.Finding)]


def after_each_finding(pack, report) -> list[str]:
    """The words between each finding and the next: who owns it, its deadline, its position."""
    out: list[str] = []
    for block in section(pack, report).blocks:
        if isinstance(block, paper.Finding):
            out.append("")
        elif out and isinstance(block, paper.Paragraph):
            out[-1] = f"{out[-1]} {block.text}".strip()
    return out


def test_the_three_2017_overview_recommendations(pack):
    found = findings_of(pack, "PEEL: Police effectiveness 2017 – a national overview")
    assert [f.text[:60] for f in found] == [R1[:60], R2[:60], R3[:60]]
    assert [f.heading for f in found] == [
        "R1 · Recommendation to all forces",
        "R2 · Recommendation to all forces",
        "R3 · Recommendation to all forces",
    ]
    about = after_each_finding(pack, "PEEL: Police effectiveness 2017 – a national overview")
    assert [a.split(". Deadline")[0] for a in about] == [
        "This recommendation is owned by ACC Local Policing with CI Jason Anderson as tactical "
        "lead and is managed through the Local Policing Governance Board",
        "This recommendation is owned by ACC Crime with DCS Mark Payne as tactical lead and is "
        "managed through the Detective Strategy Board",
        "This recommendation is owned by ACC Crime with Supt Paul Minor as tactical lead and is "
        "managed through the Crime Governance Board",
    ]
    assert "Deadline: By October 2018 (31 October 2018)." in about[0]
    assert "Deadline: By September 2018 (30 September 2018)." in about[1]
    # The position each holds is said once, before them; the progress after each, in full.
    blocks = section(pack, "PEEL: Police effectiveness 2017 – a national overview").blocks
    assert (
        paper.Paragraph("Position of each at 28 June 2018: in progress, not RAG graded.") in blocks
    )
    assert about[2].endswith(
        "An implementation plan was put in place in 2015 and the use of bail is regularly "
        "scrutinised through Crime Governance Board."
    )
    # In full: the detectives recommendation keeps its bullet points.
    assert "- the investigative demand the force expects to face" in found[1].text


def test_the_five_youth_out_of_court_disposal_recommendations(pack):
    found = findings_of(pack, "Out-of-court disposal work in youth offending teams")
    assert len(found) == 5
    assert [f.text[: len(t)] for f, t in zip(found, YOT, strict=True)] == YOT
    text = pack.text()
    # Received on its HMICFRS publication date, with the paper's "May" beside it.
    assert "Published on 28 March 2018" in text
    assert "Also reported as published: May" in text
    # What they share is said once, and what the paper says of them is kept, once.
    blocks = section(pack, "Out-of-court disposal work in youth offending teams").blocks
    words = [b.text for b in blocks if isinstance(b, paper.Paragraph)]
    assert (
        "No owner, tactical lead, governance board or deadline is recorded for these five "
        "recommendations. Position of each at 28 June 2018: in progress, not RAG graded."
    ) in words
    assert sum("being reviewed by the FET lead and tactical lead" in w for w in words) == 1
    assert isinstance(blocks[-1], paper.Paragraph) and "FET lead" in blocks[-1].text
    assert "Not yet allocated" not in text and "None set" not in text


def test_state_of_policing_has_no_recommendations(pack):
    blocks = section(pack, "State of Policing 2018").blocks
    words = " ".join(b.text for b in blocks if isinstance(b, paper.Paragraph))
    assert "Published on 12 June 2018" in words
    assert "There are no recommendations within the report" in words
    assert not findings_of(pack, "State of Policing 2018")


def test_fraud_fieldwork_and_no_red(pack):
    done = " ".join(
        b.text for b in section(pack, "Inspections completed since the last meeting").blocks
    )
    assert (
        "HMICFRS conducted fieldwork for the thematic inspection of fraud on 1 and 2 May 2018."
        in done
    )
    assert "The report is anticipated in autumn 2018." in done
    red = section(pack, "Outstanding recommendations currently graded red").blocks
    assert red == [paper.Paragraph(paper.NO_RED)]
    recommendation = section(pack, "3. Recommendations").blocks
    assert recommendation == [paper.Paragraph("The Committee to note the contents of the report.")]


def test_background_and_peel(pack):
    text = pack.text()
    assert "the force tracks 34 findings" in text
    # overdue: the 2016 PEEL recommendations to act "immediately" (due on publication, 2 March
    # 2017) and the twelve Online and on the edge ones (due from 2 October 2015)
    assert "30 open, 14 overdue and 0 graded red" in text
    assert "immediately (due 2 March 2017)" in text
    assert "Fieldwork: from 12th November for a maximum of two weeks" in text
    assert "Force Management Statement (FMS)" in text
    assert (
        "Protecting vulnerable people (Effectiveness): Requires improvement (2016) to Inadequate (2017): declined."
        in text
    )
    assert "After that, the next due date is 30 September 2018 (2 findings)." in text
    assert "Name: Kath Holder" in text
    assert "Title: Risk and Organisational Learning Manager" in text
    # Curation notes that name columns stay out of the pack.
    assert not re.search(r"\b(published_on|fieldwork_end|expected_publication)\b", text)


def test_default_period_is_stated_in_the_pack(bundled):
    pack = paper.build(bundled, JUNE)
    assert pack.since == MARCH
    purpose = " ".join(b.text for b in section(pack, "1. Purpose of report").blocks)
    assert "no earlier meeting is recorded" in purpose
    assert "28 September 2018" in purpose


# --- the command writes each format ----------------------------------------------------------


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pack")
    paths = {}
    for fmt in ("md", "docx", "pdf"):
        path = out / f"pack.{fmt}"
        code = cli.main(
            [
                "briefing",
                "--meeting",
                "2018-06-28",
                "--since",
                "2018-03-01",
                "--format",
                fmt,
                "--out",
                str(path),
            ]
        )
        assert code == 0
        paths[fmt] = path
    return paths


FACTS = [
    "ACC Local Policing",
    "CI Jason Anderson",
    "DCS Mark Payne",
    "Supt Paul Minor",
    "By October 2018 (due 31 October 2018)",
    "There are no recommendations currently graded as red.",
    "The Committee to note the contents of the report.",
    "on 1 and 2 May 2018",
    "State of Policing 2018",
]


def squash(text: str) -> str:
    return " ".join(text.split())


def test_markdown(written):
    text = written["md"].read_text(encoding="utf-8")
    for title in SECTIONS:
        assert re.search(rf"^#+ {re.escape(title)}$", text, re.MULTILINE), title
    for fact in FACTS + YOT:
        assert squash(fact) in squash(text.replace("\\", "")), fact


def test_docx_headings_tables_images_and_page_numbers(written):
    from docx import Document

    doc = Document(str(written["docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    positions = [headings.index(t) for t in SECTIONS]
    assert positions == sorted(positions)
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["1. Purpose of report"] == "Heading 1"
    assert styles["Inspection reports received since the last meeting"] == "Heading 2"
    assert styles["Out-of-court disposal work in youth offending teams"] == "Heading 3"
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    for fact in FACTS + YOT:
        assert squash(fact) in squash(body + "\n" + cells), fact
    assert len(doc.tables) >= 6
    assert len(doc.inline_shapes) == 2  # RAG mix and the grade matrix
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    # A4, with the committee's 2.54 cm margins all round.
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert {round(m.cm, 2) for m in margins} == {2.54}
    # The PEEL areas under review are headings too; each chart carries its alternative text.
    assert styles["Protecting vulnerable people"] == "Heading 4"
    described = [shape._inline.docPr.get("descr") for shape in doc.inline_shapes]
    assert [d.split(".")[0] for d in described] == [
        "RAG of open findings",
        "PEEL grades by area and cycle",
    ]
    with zipfile.ZipFile(written["docx"]) as z:
        assert sum(n.startswith("word/media/") for n in z.namelist()) == 2


def test_pdf_text_and_images(written):
    from pypdf import PdfReader

    reader = PdfReader(str(written["pdf"]))
    assert len(reader.pages) >= 4
    # A word hyphenated at a line end comes back split: join it again.
    text = "\n".join(page.extract_text() for page in reader.pages).replace("-\n", "-")
    for title in SECTIONS:
        assert squash(title) in squash(text), title
    for fact in FACTS + YOT:
        assert squash(fact) in squash(text), fact
    assert f"Page 1 of {len(reader.pages)}" in text
    # A4 portrait: 595 by 842 points.
    assert {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    } == {(595, 842)}
    # WeasyPrint shares one resource dictionary between pages: count distinct images.
    images = {image.name for page in reader.pages for image in page.images}
    assert len(images) == 2


def test_command_rejects_a_bad_date(capsys):
    with pytest.raises(SystemExit, match="--meeting must be a date"):
        cli.main(["briefing", "--meeting", "next week", "--format", "md", "--out", "x.md"])


def test_command_takes_a_meeting_id(tmp_path):
    out = tmp_path / "p.md"
    assert cli.main(["briefing", "--meeting", "jac-2018-06-28", "--out", str(out)]) == 0
    assert "since 1 March 2018: no earlier meeting is recorded" in out.read_text(encoding="utf-8")


# --- charts ----------------------------------------------------------------------------------


def test_rag_mix_figure_carries_words(bundled):
    mix = bundled.query("briefing/rag_mix", force_id="wmp", since=MARCH, as_at=JUNE)
    fig = charts.briefing_rag_mix_figure(mix, vocabulary.rag_scale(bundled))
    # On 1 March 2018 nobody had recorded a position for the eight 2016 findings and the twelve
    # Online and on the edge ones: they are not drawn as white (a grade), but as having no
    # position recorded.
    assert [t.name for t in fig.data] == ["White", "No position recorded"]
    assert list(fig.data[0].text) == ["White 30"]
    assert list(fig.data[0].y) == ["On 28 Jun 2018"]
    assert list(fig.data[1].text) == ["No position recorded 20"]
    assert list(fig.data[1].y) == ["On 1 Mar 2018"]
    assert fig.data[0].marker.line.color == charts.RAG_OUTLINE
    assert fig.layout.xaxis.title.text == "Open findings"


def test_grade_matrix_figure_writes_each_grade(bundled):
    """The pack draws the same grade matrix as the PEEL page, from its own three cycles."""
    grades = bundled.query("briefing/peel_grades", force_id="wmp", as_at=JUNE)
    fig = charts.grade_matrix(grades)
    names = [t.name for t in fig.data if t.x and t.x[0] is not None]
    assert names == ["Outstanding", "Good", "Requires improvement", "Inadequate", "Ungraded"]
    inadequate = next(t for t in fig.data if t.name == "Inadequate")
    assert inadequate.colorscale[0][1] == charts.GRADE_COLOURS["Inadequate"]
    assert inadequate.textfont.color == charts.GRADE_TEXT_COLOURS["Inadequate"]
    row = list(inadequate.y).index("Protecting vulnerable people")
    assert inadequate.text[row][list(inadequate.x).index("2017")] == "Inadequate"
    assert list(inadequate.x) == ["2015", "2016", "2017"]


@pytest.mark.parametrize("force_id", ["wmp", "gwent"])
def test_the_pack_runs_its_queries_ahead_and_asks_for_nothing_else(
    mini, monkeypatch, force_id, tmp_path
):
    import shutil

    from oversight import db

    data = tmp_path / "mini"  # new data to the cache, so every query really runs
    shutil.copytree(Path(mini.data_dir), data)
    ds = db.load(data)
    started: list[tuple] = []
    read: list[tuple] = []
    ran: list[tuple] = []
    real_start, real_query, real_run = db.start, db.Dataset.query, db.run_query

    def starting(ds, specs):
        specs = list(specs)
        started.extend((name, db.frozen_params(params)) for name, params in specs)
        real_start(ds, specs)

    def reading(self, name, **params):
        read.append((name, db.frozen_params(params)))
        return real_query(self, name, **params)

    def running(ds, name, **params):
        ran.append((name, db.frozen_params(params)))
        return real_run(ds, name, **params)

    monkeypatch.setattr(db, "start", starting)
    monkeypatch.setattr(db.Dataset, "query", reading)
    monkeypatch.setattr(db, "run_query", running)
    pack = paper.build(ds, JUNE, force_id=force_id)
    db.settle()
    # everything the pack reads was started ahead, and each query ran once
    assert read and set(read) <= set(started)
    assert sorted(ran, key=repr) == sorted(set(started), key=repr)
    # the same pack as one query at a time, with nothing run ahead
    monkeypatch.setattr(db, "start", lambda ds, specs: None)
    memo.clear("result")
    assert paper.build(ds, JUNE, force_id=force_id).text() == pack.text()


def test_results_are_cached_on_the_data_version_and_parameters(mini, monkeypatch):
    from oversight import db

    ran = []
    real = db.run_query

    def counted(ds, name, **params):
        ran.append(name)
        return real(ds, name, **params)

    monkeypatch.setattr(db, "run_query", counted)
    memo.clear("result")
    first = mini.query("briefing/red_outstanding", force_id="wmp", as_at=JUNE)
    again = mini.query("briefing/red_outstanding", as_at=JUNE, force_id="wmp")
    assert ran == ["briefing/red_outstanding"]
    assert again.equals(first) and again is not first  # each caller its own (shallow) copy
    again["extra"] = 1
    assert "extra" not in mini.query("briefing/red_outstanding", force_id="wmp", as_at=JUNE)
    mini.query("briefing/red_outstanding", force_id="wmp", as_at=dt.date(2018, 7, 1))
    assert ran == ["briefing/red_outstanding"] * 2


def test_the_screen_draws_the_pack_in_order_with_its_text_runs_joined(pack):
    parts = paper.screen_parts(pack)
    kinds = [kind for kind, _ in parts]
    # every numbered part is a subheader, in the paper's order; charts stand alone
    # (escaped, as every piece of text from the data: the reader sees the title itself)
    assert [c for k, c in parts if k == "subheader"] == [
        escape.md(s.title) for s in pack.sections if s.level == 1
    ]
    assert kinds.count("chart") == sum(
        isinstance(b, paper.Chart) for s in pack.sections for b in s.blocks
    )
    # no two text elements in a row: a run of blocks is one HTML element...
    assert all(not (a == b == "html") for a, b in zip(kinds, kinds[1:], strict=False))
    # ...holding every block's text and every subsection's title, in order
    text = "\n\n".join(drawn.html_text(c) for k, c in parts if k == "html")
    assert "#### Recent inspection activity" in text
    detectives = text.index("shortage in qualified detectives")
    assert text.index("#### Inspection reports received since the last meeting") < detectives
    assert "ACC Crime" in text[detectives:]


def test_charts_are_drawn_for_print(bundled):
    """Every exported chart has its title and legend, and no type smaller than the print minimum."""
    from oversight.paper import images

    pack = paper.build(bundled, JUNE)
    found = [b for s in pack.sections for b in s.blocks if isinstance(b, paper.Chart)]
    assert [c.title for c in found] == ["RAG of open findings", "PEEL grades by area and cycle"]
    for chart in found:
        fig = images.for_print(chart.figure).to_plotly_json()
        layout = fig["layout"]
        assert layout["title"]["text"]
        assert layout["showlegend"] is True
        assert any(t.get("showlegend", True) and t.get("name") for t in fig["data"])
        sizes = [layout["font"]["size"], layout["legend"]["font"]["size"]]
        for name, axis in layout.items():
            if name.startswith(("xaxis", "yaxis")):
                sizes.append(axis["tickfont"]["size"])
                assert axis["automargin"] is True  # a row label is never clipped
        sizes += [note["font"]["size"] for note in layout.get("annotations", [])]
        sizes += [t["textfont"]["size"] for t in fig["data"] if "textfont" in t]
        assert min(sizes) >= images.MIN_FONT_PX - 1, chart.title
    # The grade matrix names every row: its labels are the categories of its row axis.
    matrix = images.for_print(found[1].figure).to_plotly_json()["layout"]["yaxis"]
    assert "Protecting vulnerable people" in matrix["categoryarray"]
