"""Curate the PEEL tables (forces, grades, areas, grade scales) from the reference data.

Reads ``data/sources/peel/peel_grades.csv`` and ``data/sources/peel/questions.csv`` (real grades read
from HMICFRS pages and other public pages, with their source URLs and quotes; see that folder's
README.md) and the table of West Midlands
Police's PEEL Effectiveness 2015 and 2016 question grades in the Joint Audit Committee paper of
28 June 2018, and writes, deterministically:

- ``data/forces.csv``       ``force_id,name,region,nation``
- ``data/peel_grades.csv``  ``force_id,cycle,pillar,area,grade,source_url,source_quote``
- ``data/peel_areas.csv``   ``cycle,pillar,area,theme,graded,display_order``
- ``data/grade_scales.csv`` ``cycle,grade,rank``

Standard library only. Run from the repository root::

    python -m tools.curate_peel [--reference DIR] [--paper FILE] [--out DIR]

The script stops (exit 1, message on stderr) rather than choose when sources disagree, when a
reference label maps to no area, or when an output invariant would be broken.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO_ROOT / "data" / "sources" / "peel"
DEFAULT_OUT = REPO_ROOT / "data"
# The committee paper, as copied into the repository.
DEFAULT_PAPERS = (REPO_ROOT / "data" / "sources" / "jac-2018-06-28-hmicfrs-update.txt",)
PAPER_SOURCE_URL = "meeting:jac-2018-06-28"

CYCLES = ("2014", "2015", "2016", "2017", "2018/19", "2021/22", "2023-25", "2025-27")
FIVE_POINT_CYCLES = frozenset({"2021/22", "2023-25", "2025-27"})
PILLARS = ("effectiveness", "efficiency", "legitimacy", "leadership", "peel")

FOUR_POINT = (
    ("Outstanding", 4),
    ("Good", 3),
    ("Requires improvement", 2),
    ("Inadequate", 1),
)
FIVE_POINT = (
    ("Outstanding", 5),
    ("Good", 4),
    ("Adequate", 3),
    ("Requires improvement", 2),
    ("Inadequate", 1),
)
UNRANKED = ("Ungraded", "Not graded")
GRADE_WORDS = {g.lower(): g for g, _ in FIVE_POINT} | {g.lower(): g for g in UNRANKED}

OVERALL = "Overall"

# --------------------------------------------------------------------------------------------
# Forces: the standard police regional grouping HMICFRS uses on its PEEL tables
# ("group_by_region"), keyed by the slug HMICFRS uses in its URLs. Nation is Wales for the four
# Welsh forces, England otherwise.
# --------------------------------------------------------------------------------------------
REGIONS: dict[str, tuple[str, ...]] = {
    "east_midlands": (
        "derbyshire",
        "leicestershire",
        "lincolnshire",
        "northamptonshire",
        "nottinghamshire",
    ),
    "eastern": (
        "bedfordshire",
        "cambridgeshire",
        "essex",
        "hertfordshire",
        "norfolk",
        "suffolk",
    ),
    "london": ("city-of-london", "metropolitan"),
    "north_east": ("cleveland", "durham", "northumbria"),
    "north_west": (
        "cheshire",
        "cumbria",
        "greater-manchester",
        "lancashire",
        "merseyside",
    ),
    "south_east": ("hampshire", "kent", "surrey", "sussex", "thames-valley"),
    "south_west": (
        "avon-and-somerset",
        "devon-and-cornwall",
        "dorset",
        "gloucestershire",
        "wiltshire",
    ),
    "wales": ("dyfed-powys", "gwent", "north-wales", "south-wales"),
    "west_midlands": ("staffordshire", "warwickshire", "west-mercia", "west-midlands"),
    "yorkshire_and_the_humber": (
        "humberside",
        "north-yorkshire",
        "south-yorkshire",
        "west-yorkshire",
    ),
}
FIXED_FORCE_IDS = {"West Midlands Police": "wmp"}
URL_SLUG = re.compile(r"/peel-20\d\d/([a-z]+(?:-[a-z]+)*)/?")


# --------------------------------------------------------------------------------------------
# Areas: every question or area of each cycle, in HMICFRS's order, with its theme and whether it
# was graded. ``questions`` lists the questions.csv labels the area accounts for; ``aliases``
# lists other labels (in the reference or the paper) that mean the same area in that cycle.
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Area:
    label: str
    theme: str
    graded: bool
    questions: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


# Wording shared by several cycles.
EFF_PREVENT_2016 = (
    "How effective is the force at preventing crime, tackling anti-social behaviour and keeping "
    "people safe?"
)
EFF_INVESTIGATE_2016 = (
    "How effective is the force at investigating crime and reducing re-offending?"
)
EFF_VULNERABLE_2016 = (
    "How effective is the force at protecting those who are vulnerable from harm, and supporting "
    "victims?"
)
EFF_SOC_2016 = "How effective is the force at tackling serious and organised crime?"
EFF_SPECIALIST = "How effective are the force’s specialist capabilities?"
LEG_PUBLIC = (
    "To what extent does the force treat all of the people it serves with fairness and respect?"
)
LEG_ETHICAL = "How well does the force ensure that its workforce behaves ethically and lawfully?"
LEG_WORKFORCE = "To what extent does the force treat its workforce with fairness and respect?"
EFFICIENCY_SUMMARY_Q = (
    "understanding of demand / use of resources to manage demand / planning for future demand"
)
VICTIMS_Q = "How good is the force’s service for victims of crime?"
SUMMARY_NOTE = " [HMICFRS summary wording; verbatim question not captured]"

AREAS: dict[tuple[str, str], tuple[Area, ...]] = {
    ("2014", "effectiveness"): (
        # No overall effectiveness grade in 2014: force pages show "Ungraded".
        Area(OVERALL, "overall", False),
        Area(
            "How effective is the force at reducing crime and preventing offending?",
            "prevention",
            True,
        ),
        Area(
            "How effective is the force at investigating offending?",
            "investigation",
            True,
        ),
        Area(
            "How effective is the force at tackling anti-social behaviour?",
            "anti_social_behaviour",
            True,
        ),
    ),
    ("2014", "efficiency"): (
        Area(
            OVERALL,
            "overall",
            True,
            questions=("To what extent is the force efficient?",),
        ),
        Area(
            "To what extent is the force taking steps to ensure a secure financial position for "
            "the short and long term?",
            "financial_position",
            True,
        ),
        Area(
            "To what extent has the force got an affordable way of providing policing?",
            "affordable_policing",
            True,
        ),
    ),
    ("2014", "legitimacy"): (
        # 2014 legitimacy was narrative only: no graded judgment.
        Area(OVERALL, "overall", False),
        Area(
            "To what extent does the force ensure that the workforce acts with integrity?",
            "ethical_lawful_workforce",
            False,
        ),
        Area("What are the public perceptions of the force?", "public_perceptions", False),
        Area(
            "To what extent does the force respond to calls for service appropriately?",
            "responding_to_public",
            False,
        ),
    ),
    ("2015", "effectiveness"): (
        Area(
            OVERALL,
            "overall",
            True,
            questions=(
                (
                    "How effective is the force at keeping people safe and reducing crime? "
                    "(headline = Overall)"
                ),
            ),
        ),
        Area(
            "How effective is the force at preventing crime and anti-social behaviour, and keeping "
            "people safe?",
            "prevention",
            True,
        ),
        Area(
            "How effective is the force at investigating crime and managing offenders?",
            "investigation",
            True,
        ),
        Area(
            "How effective is the force at protecting from harm those who are vulnerable, and "
            "supporting victims?",
            "vulnerability",
            True,
        ),
        Area(
            "How effective is the force at tackling serious and organised crime, including its "
            "arrangement for fulfilling its national policing responsibilities?",
            "serious_organised_crime",
            True,
        ),
        # Not in questions.csv for 2015; the committee paper grades it (Ungraded). Wording from 2016.
        Area(EFF_SPECIALIST, "specialist_capabilities", False),
    ),
    ("2015", "efficiency"): (
        Area(OVERALL, "overall", True),
        Area(
            "How well does the force use its resources to meet its demand?",
            "resources",
            True,
        ),
        Area(
            "How sustainable and affordable is the workforce model?",
            "workforce_model",
            True,
        ),
        Area(
            "How sustainable is the force’s financial position for the short and long term?",
            "financial_position",
            True,
        ),
    ),
    ("2015", "legitimacy"): (
        Area(OVERALL, "overall", True),
        Area(
            "To what extent does practice and behaviour reinforce the wellbeing of staff and an "
            "ethical culture?",
            "ethical_lawful_workforce",
            True,
        ),
        Area(
            "To what extent are forces recording crimes in accordance with the Home Office "
            "Counting Rules?",
            "crime_recording",
            False,
        ),
        Area(
            "How well does the force understand, engage with and treat fairly the people it serves "
            "to maintain and improve its legitimacy?",
            "fair_treatment_public",
            True,
        ),
        Area(
            "To what extent are decisions taken on the use of stop and search and Taser fair and "
            "appropriate?",
            "stop_search_taser",
            True,
        ),
    ),
    ("2015", "leadership"): (
        # Leadership was assessed but not graded in 2015.
        Area(OVERALL, "overall", False),
        Area(
            "How well does the force have a clear understanding of the current state of its "
            "leadership at every level?",
            "leadership_understanding",
            False,
        ),
        Area(
            "How well has the force provided a clear and compelling sense of the future direction "
            "of the organisation?",
            "leadership_direction",
            False,
        ),
        Area(
            "How is the force developing leadership, motivating the workforce and encouraging "
            "staff engagement?",
            "leadership_development",
            False,
        ),
        # Wording truncated in the stored source; kept as captured.
        Area(
            "To what extent is leadership improving the effe[...]",
            "leadership_improvement",
            False,
        ),
    ),
    ("2016", "effectiveness"): (
        Area(
            OVERALL,
            "overall",
            True,
            questions=(
                (
                    "How effective is the force at keeping people safe and reducing crime? "
                    "(headline = Overall)"
                ),
            ),
        ),
        Area(EFF_PREVENT_2016, "prevention", True),
        Area(EFF_INVESTIGATE_2016, "investigation", True),
        Area(EFF_VULNERABLE_2016, "vulnerability", True),
        Area(EFF_SOC_2016, "serious_organised_crime", True),
        Area(EFF_SPECIALIST, "specialist_capabilities", False),
    ),
    ("2016", "efficiency"): (
        Area(
            OVERALL,
            "overall",
            True,
            questions=(
                (
                    "How efficient is the force at keeping people safe and reducing crime? "
                    "(headline = Overall)"
                ),
            ),
        ),
        Area(
            "Understanding demand",
            "demand",
            True,
            questions=(EFFICIENCY_SUMMARY_Q,),
            aliases=("Efficiency Q1 – understanding of demand" + SUMMARY_NOTE,),
        ),
        Area(
            "Use of resources to manage demand",
            "resources",
            True,
            questions=(EFFICIENCY_SUMMARY_Q,),
            aliases=("Efficiency Q2 – use of resources to manage (current) demand" + SUMMARY_NOTE,),
        ),
        Area(
            "Planning for future demand",
            "future_planning",
            True,
            questions=(EFFICIENCY_SUMMARY_Q,),
            aliases=("Efficiency Q3 – planning for future demand" + SUMMARY_NOTE,),
        ),
    ),
    ("2016", "legitimacy"): (
        Area(
            OVERALL,
            "overall",
            True,
            questions=(
                (
                    "How legitimate is the force at keeping people safe and reducing crime? "
                    "(headline = Overall)"
                ),
            ),
        ),
        Area(LEG_PUBLIC, "fair_treatment_public", True),
        Area(LEG_ETHICAL, "ethical_lawful_workforce", True),
        # 2016 verbatim not captured; wording taken from the 2018/19 table.
        Area(LEG_WORKFORCE, "fair_treatment_workforce", True),
    ),
    ("2016", "leadership"): (
        # Assessed in 2016, questions not captured; no leadership grade in the reference.
        Area(
            OVERALL,
            "overall",
            False,
            questions=("(leadership assessed in 2016; questions not captured)",),
        ),
    ),
    ("2017", "effectiveness"): (
        Area(OVERALL, "overall", True),
        Area(EFF_PREVENT_2016, "prevention", True),
        Area(EFF_INVESTIGATE_2016, "investigation", True),
        Area(EFF_VULNERABLE_2016, "vulnerability", True),
        Area(EFF_SOC_2016, "serious_organised_crime", True),
        Area("Specialist capabilities", "specialist_capabilities", False),
    ),
    ("2017", "efficiency"): (
        Area(OVERALL, "overall", True),
        Area(
            "Understanding demand",
            "demand",
            True,
            questions=(EFFICIENCY_SUMMARY_Q,),
            aliases=("Efficiency Q1 – understanding of demand" + SUMMARY_NOTE,),
        ),
        Area(
            "Use of resources to manage demand",
            "resources",
            True,
            questions=(EFFICIENCY_SUMMARY_Q,),
            aliases=("Efficiency Q2 – use of resources to manage demand" + SUMMARY_NOTE,),
        ),
        Area(
            "Planning for future demand",
            "future_planning",
            True,
            questions=(EFFICIENCY_SUMMARY_Q,),
            aliases=("Efficiency Q3 – planning for future demand" + SUMMARY_NOTE,),
        ),
    ),
    ("2017", "legitimacy"): (
        Area(OVERALL, "overall", True),
        Area(LEG_PUBLIC, "fair_treatment_public", True),
        # Q2 and Q3: summary wording on force pages; verbatim taken as the 2016/2018 wording.
        Area(
            LEG_ETHICAL,
            "ethical_lawful_workforce",
            True,
            questions=(
                (
                    "ensuring its workforce behaves ethically and lawfully / treating its workforce "
                    "with fairness and respect"
                ),
            ),
        ),
        Area(
            LEG_WORKFORCE,
            "fair_treatment_workforce",
            True,
            questions=(
                (
                    "ensuring its workforce behaves ethically and lawfully / treating its workforce "
                    "with fairness and respect"
                ),
            ),
        ),
    ),
    ("2018/19", "effectiveness"): (
        Area(
            OVERALL,
            "overall",
            True,
            questions=(
                (
                    "How effectively does the force reduce crime and keep people safe? "
                    "(pillar = Overall)"
                ),
            ),
        ),
        Area(EFF_PREVENT_2016, "prevention", True),
        Area(EFF_INVESTIGATE_2016, "investigation", True),
        Area(EFF_VULNERABLE_2016, "vulnerability", True),
        Area(EFF_SOC_2016, "serious_organised_crime", True),
        Area(EFF_SPECIALIST, "specialist_capabilities", False),
    ),
    ("2018/19", "efficiency"): (
        Area(
            OVERALL,
            "overall",
            True,
            questions=(
                (
                    "How efficiently does the force operate and how sustainable are its services to "
                    "the public? (pillar = Overall)"
                ),
            ),
        ),
        Area(
            "How well does the force use its resources to meet the demand it faces?",
            "resources",
            True,
        ),
        Area("How well does the force plan for the future?", "future_planning", True),
    ),
    ("2018/19", "legitimacy"): (
        Area(
            OVERALL,
            "overall",
            True,
            questions=(
                (
                    "How legitimately does the force treat the public and its workforce? "
                    "(pillar = Overall)"
                ),
            ),
        ),
        Area(LEG_PUBLIC, "fair_treatment_public", True),
        Area(LEG_ETHICAL, "ethical_lawful_workforce", True),
        Area(LEG_WORKFORCE, "fair_treatment_workforce", True),
    ),
    # From 2021/22 areas are graded without pillars and there is no overall grade.
    ("2021/22", "peel"): (
        Area(VICTIMS_Q, "victim_service", False),
        Area(
            "Preventing crime",
            "prevention",
            True,
            aliases=("Preventing crime and anti-social behaviour",),
        ),
        Area("Treatment of the public", "fair_treatment_public", True),
        Area("Protecting vulnerable people", "vulnerability", True),
        Area(
            "Managing offenders",
            "managing_offenders",
            True,
            aliases=("Managing offenders and suspects",),
        ),
        Area("Developing a positive workplace", "positive_workplace", True),
        Area("Good use of resources", "use_of_resources", True),
        Area("Responding to the public", "responding_to_public", True),
        Area("Investigating crime", "investigation", True),
        Area("Disrupting serious organised crime", "serious_organised_crime", True),
        Area(
            "Strategic policing requirement",
            "strategic_policing_requirement",
            False,
            questions=("Strategic policing requirement; Protecting the public from armed threats",),
        ),
        Area(
            "Protecting the public from armed threats",
            "armed_threats",
            False,
            questions=("Strategic policing requirement; Protecting the public from armed threats",),
        ),
    ),
    ("2023-25", "peel"): (
        Area(
            "Police powers and treating the public fairly and respectfully",
            "fair_treatment_public",
            True,
        ),
        Area(
            "Preventing and deterring crime and antisocial behaviour, and reducing vulnerability",
            "prevention",
            True,
            aliases=("Preventing crime",),
        ),
        Area("Responding to the public", "responding_to_public", True),
        Area("Investigating crime", "investigation", True),
        Area("Protecting vulnerable people", "vulnerability", True),
        Area("Managing offenders and suspects", "managing_offenders", True),
        Area(
            "Building, supporting and protecting the workforce",
            "positive_workplace",
            True,
        ),
        Area("Leadership and force management", "leadership", True),
        Area(VICTIMS_Q, "victim_service", False),
        Area("Recording data about crime", "crime_recording", True),
    ),
}

# The committee paper's short labels -> theme of the cycle's effectiveness area.
PAPER_LABEL_THEMES = {
    "Preventing crime and tackling anti-social behaviour": "prevention",
    "Investigating crime and reducing re-offending": "investigation",
    "Protecting vulnerable people": "vulnerability",
    "Tackling serious and organised crime": "serious_organised_crime",
    "Specialist capabilities": "specialist_capabilities",
    "Overall Grading": "overall",
}
PAPER_CYCLES = ("2015", "2016")


class CurationError(Exception):
    """A problem the curator must resolve by hand; the script refuses to guess."""


@dataclass(frozen=True)
class Candidate:
    force_id: str
    cycle: str
    pillar: str
    area: str
    grade: str
    source_url: str
    source_quote: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.force_id, self.cycle, self.pillar, self.area)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------
def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def normalise_grade(raw: str) -> str:
    word = " ".join(raw.split()).lower()
    if word not in GRADE_WORDS:
        raise CurationError(f"unknown grade {raw!r}")
    return GRADE_WORDS[word]


def is_hmicfrs(url: str) -> bool:
    return "justiceinspectorates.gov.uk" in urlparse(url).netloc.lower()


def source_priority(url: str) -> tuple[int, int, str]:
    """Sort key: HMICFRS pages first, then the committee paper, then others; shortest URL."""
    if is_hmicfrs(url):
        rank = 0
    elif url.startswith("meeting:"):
        rank = 1
    else:
        rank = 2
    return (rank, len(url), url)


def pillar_of(cycle: str, raw: str) -> str:
    pillar = raw.strip().lower()
    if cycle in FIVE_POINT_CYCLES:
        if pillar:
            raise CurationError(f"cycle {cycle} has a pillar {raw!r}; expected none")
        return "peel"
    if pillar not in PILLARS[:4]:
        raise CurationError(f"cycle {cycle}: unknown pillar {raw!r}")
    return pillar


def area_index() -> dict[tuple[str, str, str], Area]:
    """(cycle, pillar, any label or alias) -> Area."""
    index: dict[tuple[str, str, str], Area] = {}
    for (cycle, pillar), areas in AREAS.items():
        for area in areas:
            for label in (area.label, *area.aliases):
                key = (cycle, pillar, label)
                if key in index and index[key] != area:
                    raise CurationError(f"label {label!r} maps to two areas in {cycle} {pillar}")
                index[key] = area
    return index


def check_area_spec(questions: list[dict[str, str]]) -> None:
    """Every questions.csv row is accounted for by an area; themes are unique in a pillar."""
    covered = {
        (cycle, pillar, q)
        for (cycle, pillar), areas in AREAS.items()
        for area in areas
        for q in (area.label, *area.questions)
    }
    problems = []
    for row in questions:
        cycle = row["cycle"].strip()
        pillar = pillar_of(cycle, row["pillar"])
        label = row["question_label"].strip()
        if (cycle, pillar, label) not in covered:
            problems.append(f"questions.csv: {cycle} {pillar}: {label!r} has no area")
    for (cycle, pillar), areas in AREAS.items():
        if cycle not in CYCLES or pillar not in PILLARS:
            problems.append(f"area spec: unknown cycle/pillar {cycle} {pillar}")
        themes = Counter(area.theme for area in areas)
        labels = Counter(area.label for area in areas)
        problems += [
            f"area spec: {cycle} {pillar}: theme {t} used twice" for t, n in themes.items() if n > 1
        ]
        problems += [
            f"area spec: {cycle} {pillar}: area {a!r} listed twice"
            for a, n in labels.items()
            if n > 1
        ]
        for area in areas:
            if not re.fullmatch(r"[a-z]+(?:_[a-z]+)*", area.theme):
                problems.append(f"area spec: theme {area.theme!r} is not a snake_case slug")
    if problems:
        raise CurationError("\n".join(problems))


# --------------------------------------------------------------------------------------------
# Forces
# --------------------------------------------------------------------------------------------
def build_forces(reference: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Force name -> {force_id, name, region, nation}."""
    slug_counts: dict[str, Counter[str]] = defaultdict(Counter)
    names = sorted({row["force"].strip() for row in reference})
    for row in reference:
        url = row["source_url"].strip()
        if not is_hmicfrs(url):
            continue
        match = URL_SLUG.search(urlparse(url).path)
        if match:
            slug_counts[row["force"].strip()][match.group(1)] += 1
    region_of = {slug: region for region, slugs in REGIONS.items() for slug in slugs}
    forces: dict[str, dict[str, str]] = {}
    problems = []
    for name in names:
        counts = slug_counts.get(name)
        if not counts:
            problems.append(f"{name}: no HMICFRS URL gives its slug")
            continue
        (slug, _), *rest = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if rest:
            problems.append(f"{name}: several URL slugs {sorted(counts)}")
        if slug not in region_of:
            problems.append(f"{name}: slug {slug!r} has no region")
            continue
        region = region_of[slug]
        forces[name] = {
            "force_id": FIXED_FORCE_IDS.get(name, slug),
            "name": name,
            "region": region,
            "nation": "wales" if region == "wales" else "england",
        }
    ids = Counter(force["force_id"] for force in forces.values())
    problems += [f"force_id {fid} used by several forces" for fid, n in ids.items() if n > 1]
    missing = set(region_of) - {
        slug for name, counts in slug_counts.items() for slug in counts if name in forces
    }
    problems += [
        f"region table lists {slug!r}, which no reference force uses" for slug in sorted(missing)
    ]
    if problems:
        raise CurationError("\n".join(problems))
    return forces


# --------------------------------------------------------------------------------------------
# Grades
# --------------------------------------------------------------------------------------------
def reference_candidates(
    reference: list[dict[str, str]], forces: dict[str, dict[str, str]], index: dict
) -> list[Candidate]:
    candidates = []
    problems = []
    for line, row in enumerate(reference, start=2):
        cycle = row["cycle"].strip()
        if cycle not in CYCLES:
            problems.append(f"peel_grades.csv:{line}: unknown cycle {cycle!r}")
            continue
        pillar = pillar_of(cycle, row["pillar"])
        label = row["question"].strip()
        area = index.get((cycle, pillar, label))
        if area is None:
            problems.append(f"peel_grades.csv:{line}: no area for {cycle} {pillar} {label!r}")
            continue
        expected_scale = "5" if cycle in FIVE_POINT_CYCLES else "4"
        if row["scale"].strip() != expected_scale:
            problems.append(f"peel_grades.csv:{line}: scale {row['scale']!r} for cycle {cycle}")
        url = row["source_url"].strip()
        if not url:
            problems.append(f"peel_grades.csv:{line}: empty source_url")
            continue
        candidates.append(
            Candidate(
                force_id=forces[row["force"].strip()]["force_id"],
                cycle=cycle,
                pillar=pillar,
                area=area.label,
                grade=normalise_grade(row["grade"]),
                source_url=url,
                source_quote=row["source_quote"].strip(),
            )
        )
    if problems:
        raise CurationError("\n".join(problems))
    return candidates


def split_cells(line: str) -> list[str]:
    """A table row as printed: tab-separated (or pipe-separated in a Markdown copy)."""
    text = line.strip().strip("|")
    cells = text.split("\t") if "\t" in text else re.split(r"\s*\|\s*|\s{2,}", text)
    return [" ".join(cell.replace("*", "").split()) for cell in cells if cell.strip()]


def parse_paper(path: Path) -> list[tuple[str, list[str]]]:
    """The 'Key question / 2015 / 2016' table: [(label, [grade2015, grade2016]), ...]."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for start, line in enumerate(lines):  # noqa: B007 (start is read after the loop)
        cells = split_cells(line)
        if cells and cells[0] == "Key question" and cells[1:] == list(PAPER_CYCLES):
            break
    else:
        raise CurationError(f"{path}: no 'Key question 2015 2016' table")
    rows = []
    for line in lines[start + 1 :]:
        cells = split_cells(line)
        if not cells or set("".join(cells)) <= set("-: "):
            if rows:
                break
            continue
        if len(cells) != 1 + len(PAPER_CYCLES):
            break
        rows.append((cells[0], cells[1:]))
    if sorted(label for label, _ in rows) != sorted(PAPER_LABEL_THEMES):
        raise CurationError(f"{path}: unexpected table rows {[label for label, _ in rows]}")
    return rows


def paper_candidates(path: Path) -> list[Candidate]:
    by_theme = {
        (cycle, area.theme): area
        for cycle in PAPER_CYCLES
        for area in AREAS[(cycle, "effectiveness")]
    }
    candidates = []
    for label, grades in parse_paper(path):
        theme = PAPER_LABEL_THEMES[label]
        quote = "\t".join([label, *grades])
        for cycle, raw in zip(PAPER_CYCLES, grades, strict=True):
            candidates.append(
                Candidate(
                    force_id=FIXED_FORCE_IDS["West Midlands Police"],
                    cycle=cycle,
                    pillar="effectiveness",
                    area=by_theme[(cycle, theme)].label,
                    grade=normalise_grade(raw),
                    source_url=PAPER_SOURCE_URL,
                    source_quote=quote,
                )
            )
    return candidates


def choose(candidates: list[Candidate]) -> dict[tuple[str, str, str, str], Candidate]:
    """One grade per key; sources must agree, then the preferred source is kept."""
    groups: dict[tuple[str, str, str, str], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        groups[candidate.key].append(candidate)
    chosen = {}
    conflicts = []
    for key, group in groups.items():
        grades = {c.grade for c in group}
        if len(grades) > 1:
            detail = "; ".join(f"{c.grade} ({c.source_url})" for c in group)
            conflicts.append(f"sources disagree on {' / '.join(key)}: {detail}")
            continue
        chosen[key] = min(group, key=lambda c: (*source_priority(c.source_url), c.source_quote))
    if conflicts:
        raise CurationError("\n".join(conflicts))
    return chosen


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------
def scale_rows() -> list[list[str]]:
    rows = []
    for cycle in CYCLES:
        scale = FIVE_POINT if cycle in FIVE_POINT_CYCLES else FOUR_POINT
        rows += [[cycle, grade, str(rank)] for grade, rank in scale]
        rows += [[cycle, grade, ""] for grade in UNRANKED]
    return rows


def area_rows() -> list[list[str]]:
    rows = []
    for cycle in CYCLES:
        for pillar in PILLARS:
            for order, area in enumerate(AREAS.get((cycle, pillar), ()), start=1):
                rows.append(
                    [
                        cycle,
                        pillar,
                        area.label,
                        area.theme,
                        "true" if area.graded else "false",
                        str(order),
                    ]
                )
    return rows


def grade_rows(chosen: dict[tuple[str, str, str, str], Candidate]) -> list[list[str]]:
    order = {
        (cycle, pillar, area.label): (CYCLES.index(cycle), PILLARS.index(pillar), n)
        for (cycle, pillar), areas in AREAS.items()
        for n, area in enumerate(areas)
    }
    ordered = sorted(
        chosen.values(), key=lambda c: (c.force_id, order[(c.cycle, c.pillar, c.area)])
    )
    return [
        [c.force_id, c.cycle, c.pillar, c.area, c.grade, c.source_url, c.source_quote]
        for c in ordered
    ]


def check_outputs(
    forces: list[list[str]],
    grades: list[list[str]],
    areas: list[list[str]],
    scales: list[list[str]],
) -> None:
    force_ids = {row[0] for row in forces}
    area_graded = {(row[0], row[1], row[2]): row[4] == "true" for row in areas}
    ranked = {(row[0], row[1]) for row in scales if row[2]}
    scale_keys = {(row[0], row[1]) for row in scales}
    problems = []
    for line, (force_id, cycle, pillar, area, grade, url, _quote) in enumerate(grades, start=2):
        where = f"peel_grades.csv:{line}"
        if force_id not in force_ids:
            problems.append(f"{where}: force_id {force_id} not in forces.csv")
        if (cycle, pillar, area) not in area_graded:
            problems.append(f"{where}: area {cycle} {pillar} {area!r} not in peel_areas.csv")
        elif not area_graded[(cycle, pillar, area)] and (cycle, grade) in ranked:
            problems.append(f"{where}: ranked grade {grade} for an ungraded area")
        if (cycle, grade) not in scale_keys:
            problems.append(f"{where}: grade {grade} not in the {cycle} scale")
        if not url:
            problems.append(f"{where}: empty source_url")
    if problems:
        raise CurationError("\n".join(problems))


def find_paper(explicit: Path | None) -> Path:
    if explicit is not None:
        if not explicit.is_file():
            raise CurationError(f"{explicit}: committee paper not found")
        return explicit
    for path in DEFAULT_PAPERS:
        if path.is_file():
            try:
                parse_paper(path)
            except CurationError:
                continue
            return path
    raise CurationError(
        "committee paper not found (looked for " + ", ".join(str(p) for p in DEFAULT_PAPERS) + ")"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.curate_peel", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--reference",
        type=Path,
        default=DEFAULT_REFERENCE,
        help="the PEEL reference folder (default: data/sources/peel)",
    )
    parser.add_argument(
        "--paper", type=Path, default=None, help="the JAC 28 June 2018 paper (text)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (data/)")
    args = parser.parse_args(argv)

    try:
        reference = read_csv(args.reference / "peel_grades.csv")
        questions = read_csv(args.reference / "questions.csv")
        check_area_spec(questions)
        index = area_index()
        forces = build_forces(reference)
        paper = find_paper(args.paper)
        candidates = reference_candidates(reference, forces, index) + paper_candidates(paper)
        chosen = choose(candidates)

        force_rows = sorted(
            ([f["force_id"], f["name"], f["region"], f["nation"]] for f in forces.values()),
            key=lambda row: row[0],
        )
        grades = grade_rows(chosen)
        areas = area_rows()
        scales = scale_rows()
        check_outputs(force_rows, grades, areas, scales)
    except (CurationError, OSError, KeyError) as exc:
        print(f"curate_peel: {exc}", file=sys.stderr)
        return 1

    write_csv(args.out / "forces.csv", ["force_id", "name", "region", "nation"], force_rows)
    write_csv(
        args.out / "peel_grades.csv",
        ["force_id", "cycle", "pillar", "area", "grade", "source_url", "source_quote"],
        grades,
    )
    write_csv(
        args.out / "peel_areas.csv",
        ["cycle", "pillar", "area", "theme", "graded", "display_order"],
        areas,
    )
    write_csv(args.out / "grade_scales.csv", ["cycle", "grade", "rank"], scales)
    print(
        f"curate_peel: {len(force_rows)} forces, {len(grades)} grades "
        f"({len(candidates)} source rows, paper {paper.name}), {len(areas)} areas, "
        f"{len(scales)} scale rows -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
