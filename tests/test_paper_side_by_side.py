"""The generated pack for 28 June 2018 beside the hand-written paper it replaces
(data/sources/jac-2018-06-28-hmicfrs-update.txt): every section heading and every finding the paper
names is in the pack, and every position the paper gives is there in full.

The paper's headings and finding references are listed here as the paper prints them; each is
checked against the paper itself first, so the list cannot drift from it. Headings are compared
as words (case, punctuation, "&" against "and", and an abbreviation in brackets such as "(ASB)"
aside). The word counts of both are printed (run with -s to see them)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from oversight import paper
from oversight.db import DEFAULT_DATA_DIR

JUNE = dt.date(2018, 6, 28)
PAPER = DEFAULT_DATA_DIR / "sources" / "jac-2018-06-28-hmicfrs-update.txt"

# Every heading of the hand-written paper, in its order.
HEADINGS = [
    "1. PURPOSE OF REPORT",
    "2. BACKGROUND",
    "Inspections completed since the last meeting",
    "Inspection reports received since the last meeting",
    "PEEL Police Effectiveness 2017 – a National overview",
    "Out-of-court disposal work in Youth Offending Teams",
    "State of Policing Report",
    "Outstanding recommendations currently graded Red",
    "Overview of reports for review",
    "PEEL Effectiveness 2015 & 2016",
    "Preventing crime and tackling anti-social behaviour (ASB)",
    "Investigating crime and reducing re-offending",
    "Protecting vulnerable people",
    "Tackling serious and organised crime (SOC)",
    "Specialist Capabilities",
    "Online and on the edge: real risks in a virtual world",
    "3. RECOMMENDATIONS",
    "CONTACT OFFICER",
    "BACKGROUND DOCUMENTS",
]
# Where the pack's heading is the report's title and the paper's a description of it.
HEADING_IN_PACK = {"State of Policing Report": "State of Policing 2018"}

# Every finding the paper names: the recommendations by their opening words (the paper prints
# them in full), the areas for improvement and causes of concern by the words it uses for them.
RECOMMENDATIONS = [
    # PEEL effectiveness 2017, national overview
    "By October 2018, all forces should review their own approach to neighbourhood policing",
    "By September 2018, all forces with a shortage in qualified detectives",
    "By September 2018, all forces should review how they are implementing changes to pre-charge",
    # youth out-of-court disposals
    "Make sure that the requirements of youth conditional cautions are meaningful to children",
    "Make sure that all victims have a fully informed and effective opportunity",
    "Make sure that children understand the implications of receiving an out-of-court disposal",
    "Make sure that referrals to YOTs are sufficiently timely",
    "Make sure that they have clear and consistently applied policies for the gathering",
    # Online and on the edge, all twelve
    "forces ensure relevant officers have access to social media applications",
    "forces review the management of online child exploitation investigations",
    "forces review the management and supervision of online child sexual exploitation",
    "forces review tenure policies and succession planning",
    "chief constables ensure that those staff involved in online child sexual exploitation",
    "forces ensure that those who are involved in, and supervise, online child sexual",
    "forces ensure that decisions to use out of court disposals in relation to online child",
    "forces review existing processes for categorising risk",
    "forces review their approach to online child sexual exploitation with a view to",
    "forces review their methods for allocating online child sexual exploitation investigations",
    "forces, working with the national policing lead, consider ways to ensure that a good practice",
    "forces consider and implement ways to improve communications with children",
]
FINDINGS = [
    # PEEL effectiveness 2015 and 2016: areas for improvement and causes of concern
    "what works",
    "problem solving",
    "all available evidence is collected at scenes",
    "registered sex offenders (RSOs)",
    "the workloads of sex offender managers",
    "domestic abuse and the supervision of the DASH risk assessment form",
    "absent and missing children",
    "the quality of investigations relating to vulnerable people",
    "the workload of specialist investigators",
    "the timely mapping of organised crime groups (OCGs) and the use of 4P plans",
    "understanding the impact of disruptions",
]
PEOPLE = [
    "ACC Local Policing",
    "CI Jason Anderson",
    "Local Policing Governance Board",
    "ACC Crime",
    "DCS Mark Payne",
    "Detective Strategy Board",
    "Supt Paul Minor",
    "Crime Governance Board",
    "the FET lead and tactical lead",
    "Kath Holder",
    "Risk and Organisational Learning Manager",
]

HAND_WRITTEN_WORDS = 4071


def squash(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def as_words(heading: str) -> str:
    text = re.sub(r"^\d+\.\s*", "", heading)
    text = re.sub(r"\s*\([A-Z]{2,}\)", "", text).replace("&", "and")
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.fixture(scope="module")
def hand_written() -> str:
    return PAPER.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pack(bundled) -> paper.Briefing:
    return paper.build(bundled, JUNE)


def pack_headings(pack: paper.Briefing) -> list[str]:
    return [pack.title] + [s.title for s in pack.sections]


def test_the_lists_are_the_papers(hand_written):
    printed = [
        squash(line.lstrip("#").strip())
        for line in hand_written.splitlines()
        if re.match(r"^\s*(#+\s|\*\*\d\.)", line)
    ]
    words = [as_words(h) for h in printed]
    for heading in HEADINGS:
        assert as_words(heading) in words, heading
    flat = squash(hand_written)
    for phrase in RECOMMENDATIONS + FINDINGS + PEOPLE:
        assert phrase.lower() in flat.lower(), phrase


def test_every_heading_of_the_paper_is_a_heading_of_the_pack(pack):
    mine = [as_words(h) for h in pack_headings(pack)]
    missing = [h for h in HEADINGS if as_words(HEADING_IN_PACK.get(h, h)) not in mine]
    assert missing == []
    # ...in the paper's order.
    where = [mine.index(as_words(HEADING_IN_PACK.get(h, h))) for h in HEADINGS]
    assert where == sorted(where)


def test_every_finding_of_the_paper_is_in_the_pack(pack):
    text = squash(pack.text()).lower()
    missing = [p for p in RECOMMENDATIONS + FINDINGS + PEOPLE if p.lower() not in text]
    assert missing == []


def test_every_position_and_background_paragraph_of_the_paper_is_in_full(bundled, pack):
    text = squash(pack.text())
    cursor = bundled.cursor()
    positions = cursor.execute(
        "select rec_id, note from updates where source = 'meeting:jac-2018-06-28' "
        "and note is not null"
    ).fetchall()
    narrative = cursor.execute("select text from narrative").fetchall()
    assert len(positions) == 31 and len(narrative) == 6
    for rec_id, note in positions:
        for paragraph in note.split("\n"):
            assert squash(paragraph) in text, (rec_id, paragraph[:60])
    for (paragraph,) in narrative:
        assert squash(paragraph) in text, paragraph[:60]


def test_no_internal_identifiers_or_leftovers(pack):
    text = pack.text()
    for leftover in (
        "(Other)",
        "(Review)",
        "data version",
        "Awaiting allocation",
        "Not yet allocated",
        "No RAG grade given",
        "committee paper's description",
        "wmp-",
        "…",
    ):
        assert leftover not in text, leftover


def test_word_counts(pack, hand_written):
    generated = pack.word_count()
    print(f"\nwords: generated {generated:,}, hand-written {HAND_WRITTEN_WORDS:,}")
    assert len(hand_written.split()) == HAND_WRITTEN_WORDS
    # Everything the paper says, plus the figures it leaves out: not less, not twice as long.
    assert HAND_WRITTEN_WORDS <= generated <= 2 * HAND_WRITTEN_WORDS
