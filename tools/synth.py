"""python -m oversight synth: a synthetic data set in the data contract, at a chosen scale.

The forces are the real 43 of England and Wales (from data/forces.csv) and the PEEL framework is the
real one (peel_areas.csv, grade_scales.csv); every inspection, finding, update and grade is invented.
The folder it writes carries SYNTHETIC.md, which db.load reads and the dashboard turns into a banner.
Nothing is ever written into the repository's data/ folder.

Generation is vectorised: numpy draws every number for all findings and updates at once, pyarrow
holds the columns (codes as dictionary arrays, so 13 million rows cost little memory), and DuckDB
formats the text columns and writes the big tables with COPY ... TO. Output depends only on the
scale, the options and the seed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from oversight import db, deadline_rule

GENERATOR_VERSION = "4"
REPO_DATA = db.DEFAULT_DATA_DIR
COPIED = ("peel_areas.csv", "grade_scales.csv", "rag.csv")

# The synthetic "today": the latest tracker snapshot. Fixed so output never depends on the clock.
END = dt.date(2026, 9, 30)
START = dt.date(2014, 1, 1)
_EPOCH = dt.date(1970, 1, 1)


def _day(d: dt.date | str) -> int:
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return (d - _EPOCH).days


END_DAY = _day(END)
START_DAY = _day(START)


@dataclass(frozen=True)
class Scale:
    forces: int
    findings_per_force: int


SCALES = {
    "seed": Scale(forces=3, findings_per_force=40),
    "national": Scale(forces=43, findings_per_force=300),
    "stress": Scale(forces=43, findings_per_force=30_000),
}

# Publication windows of each force's PEEL inspection in a cycle (2025-27 runs past END: some are
# still to come, so they are planned inspections with no findings yet).
PEEL_CYCLES = (
    ("2014", "2014-11-01", "2015-03-31"),
    ("2015", "2015-10-15", "2016-03-31"),
    ("2016", "2016-11-01", "2017-04-30"),
    ("2017", "2017-11-15", "2018-03-31"),
    ("2018/19", "2019-05-01", "2020-02-28"),
    ("2021/22", "2021-09-01", "2022-12-31"),
    ("2023-25", "2023-06-01", "2025-03-31"),
    ("2025-27", "2025-06-01", "2027-03-31"),
)
HMICFRS_FROM = _day("2017-07-19")

CHIEF_OFFICERS = (
    # role, governance board, tactical ranks
    ("ACC Crime", "Crime Governance Board", ("DCS", "Det Supt", "DCI")),
    ("ACC Local Policing", "Local Policing Governance Board", ("Ch Supt", "Supt", "CI")),
    ("ACC Operations", "Operations Board", ("Ch Supt", "Supt")),
    ("ACC Security", "Serious and Organised Crime Board", ("Det Supt", "DCI")),
    ("DCC", "Organisational Learning Board", ("Supt", "Head of Professional Standards")),
    ("Director of People", "People Board", ("Head of HR", "Head of Learning")),
    ("Director of Commercial Services", "Finance and Resources Board", ("Head of Finance",)),
)
THEME_OWNER = {
    "investigation": 0,
    "serious_organised_crime": 3,
    "vulnerability": 0,
    "prevention": 1,
    "anti_social_behaviour": 1,
    "responding_to_public": 1,
    "crime_recording": 4,
    "managing_offenders": 0,
    "fair_treatment_public": 4,
    "ethical_lawful_workforce": 4,
    "fair_treatment_workforce": 5,
    "positive_workplace": 5,
    "leadership": 4,
    "resources": 6,
    "use_of_resources": 6,
    "demand": 2,
    "future_planning": 6,
    "financial_position": 6,
    "workforce_model": 5,
    "specialist_capabilities": 2,
    "armed_threats": 2,
    "strategic_policing_requirement": 3,
    "victim_service": 1,
    "stop_search_taser": 4,
}
SURNAMES = (  # noqa: SIM905
    "Ahmed Anderson Bailey Baker Bennett Brown Campbell Carter Chapman Clarke Collins Cooper "
    "Davies Edwards Evans Fisher Green Griffiths Hall Harris Hughes Hussain Jackson James "
    "Jones Kaur Khan King Lewis Marshall Martin Mason Mitchell Morgan Morris Murphy Owen "
    "Parker Patel Phillips Price Roberts Robinson Rogers Shaw Singh Smith Stewart Taylor "
    "Thomas Thompson Turner Walker Ward Watson White Williams Wilson Wood Wright Young"
).split()

THEME_PHRASES = {
    "prevention": "crime prevention and the response to anti-social behaviour",
    "investigation": "the quality of investigations",
    "vulnerability": "the protection of vulnerable people",
    "serious_organised_crime": "the response to serious and organised crime",
    "specialist_capabilities": "specialist capabilities",
    "anti_social_behaviour": "the response to anti-social behaviour",
    "financial_position": "financial planning",
    "affordable_policing": "the affordability of the policing model",
    "workforce_model": "workforce planning",
    "demand": "the understanding of demand",
    "resources": "the use of resources to meet demand",
    "future_planning": "planning for future demand",
    "use_of_resources": "the use of resources",
    "fair_treatment_public": "the fair treatment of the public",
    "ethical_lawful_workforce": "the ethical and lawful conduct of the workforce",
    "fair_treatment_workforce": "the fair treatment of the workforce",
    "positive_workplace": "support for the workforce",
    "crime_recording": "the accuracy of crime recording",
    "stop_search_taser": "the use of stop and search and Taser",
    "public_perceptions": "the understanding of public perceptions",
    "responding_to_public": "the response to calls from the public",
    "managing_offenders": "the management of offenders and suspects",
    "victim_service": "the service given to victims of crime",
    "strategic_policing_requirement": "the response to the strategic policing requirement",
    "armed_threats": "the armed policing response",
    "leadership": "leadership and force management",
}
NATIONAL_TOPICS = (
    # topic, the PEEL theme it belongs to ("" = none), what a finding asks to improve
    ("Domestic abuse", "vulnerability", "the response to domestic abuse"),
    ("Child protection", "vulnerability", "the protection of children at risk"),
    ("Missing children", "vulnerability", "the response to children who go missing"),
    ("Stalking and harassment", "vulnerability", "the investigation of stalking and harassment"),
    ("Crime data integrity", "crime_recording", "the accuracy of crime recording"),
    ("Digital forensics", "investigation", "the capacity to examine digital devices"),
    ("Investigative standards", "investigation", "the supervision of investigations"),
    (
        "Rape investigation",
        "investigation",
        "the investigation of rape and serious sexual offences",
    ),
    ("Fraud", "investigation", "the response to fraud and its victims"),
    ("Case file quality", "investigation", "the quality of case files sent to prosecutors"),
    ("Neighbourhood policing", "prevention", "neighbourhood policing and problem solving"),
    ("Anti-social behaviour", "prevention", "the response to anti-social behaviour"),
    ("Serious and organised crime", "serious_organised_crime", "the disruption of organised crime"),
    ("County lines", "serious_organised_crime", "the response to county lines drug supply"),
    ("Modern slavery", "vulnerability", "the identification of victims of modern slavery"),
    ("Stop and search", "fair_treatment_public", "the fair use of stop and search"),
    ("Use of force", "fair_treatment_public", "the recording and scrutiny of use of force"),
    (
        "Vetting and counter-corruption",
        "ethical_lawful_workforce",
        "vetting and counter-corruption",
    ),
    ("Workforce wellbeing", "positive_workplace", "the wellbeing of its workforce"),
    ("Calls for service", "responding_to_public", "the time it takes to answer and attend calls"),
    ("Offender management", "managing_offenders", "the management of registered sex offenders"),
    ("Custody", "", "the safety of detainees in custody"),
    ("Firearms licensing", "", "the firearms licensing process"),
    ("Roads policing", "", "roads policing"),
    ("Counter-terrorism", "", "the response to terrorism"),
    ("Protest policing", "", "the policing of protests"),
)
FORCE_REVIEWS = (
    # title, kind, inspectorate
    ("Crime data integrity inspection", "review", None),
    ("Insight visit", "review", None),
    ("File review: crime and grievance", "review", None),
    ("Child protection inspection", "review", None),
    ("Custody suite inspection", "joint_thematic", "HMICFRS with HM Inspectorate of Prisons"),
    ("Vetting and counter-corruption inspection", "review", None),
    ("Force management statement assessment", "other", None),
)
FORCE_PREFIXES = (
    "The force should improve",
    "The force should review",
    "The force should strengthen its governance of",
    "The force should make better use of data to improve",
    "The force should make sure it has enough trained staff for",
)
NATIONAL_PREFIXES = (
    "All forces should review",
    "Chief constables should make sure their forces improve",
    "Forces should put in place an action plan to improve",
    "Forces should work with partners to improve",
)
NATIONAL_BODY_PREFIXES = (
    "The College of Policing should publish guidance on",
    "The Home Office should review national arrangements for",
    "The National Police Chiefs' Council should lead work to improve",
)
CAUSE_PREFIX = ("HMICFRS has a cause of concern about",)
NOTES = {
    "awaiting_allocation": (
        "Awaiting allocation to a chief officer lead.",
        "Report received; owner to be agreed at the next governance board.",
    ),
    "in_progress": (
        "Action plan agreed; work is on track.",
        "Progress reported to the governance board.",
        "Delivery delayed by competing demand; revised plan in preparation.",
        "Training delivered to the first cohort; evaluation under way.",
        "Policy revised and awaiting sign-off.",
        "Dependent on a regional partner; timescales under review.",
        "Audit of recent cases completed; findings shared with the tactical lead.",
    ),
    "pending_closure": (
        "Actions complete; evidence submitted for closure.",
        "Closure report to go to the next governance board.",
    ),
    "closed": (
        "Closed: actions complete and evidence accepted by the board.",
        "Closed following audit of the new process.",
    ),
    "superseded": ("Superseded by a later inspection's finding.",),
    "no_further_action": ("No further action: the board accepted the risk.",),
}
STATUSES = tuple(NOTES)
# Why a force moves a finding's due date (updates.revision_reason).
REVISION_REASONS = (
    "Depends on a new IT system whose delivery has slipped.",
    "A partner agency has withdrawn from the joint work; a new partner is being sought.",
    "Training places are not available until later in the year.",
    "The national guidance the action depends on has not yet been published.",
    "The governance board agreed a later date to fit the force's change programme.",
    "Resources moved to a major operation; work paused and rescheduled.",
    "The review found more cases to audit than planned.",
    "A change of chief officer lead delayed the action plan.",
)
# A PCC's statutory response (s.55 Police Act 1996) is due this many days after publication.
PCC_RESPONSE_DAYS = 56
RAGS = ("red", "amber", "green", "blue", "white")
RED, AMBER, GREEN, BLUE, WHITE = range(5)
KINDS = ("recommendation", "area_for_improvement", "cause_of_concern")
REC, AFI, COC = range(3)
ADDRESSED = ("force", "all_forces", "chief_constables", "national_body")
MONTH_WORDS = ("three", "six", "nine", "twelve")
WITHIN_CODE = 1_000_000  # deadline codes from here are "Within <MONTH_WORDS[code - it]> months"


class SynthError(Exception):
    """The output folder cannot be written (data/, or a folder holding other files)."""


# --- entry points ---------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", choices=tuple(SCALES), required=True)
    parser.add_argument("--out", required=True, help="folder to write (not the repository's data/)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--forces", type=int, help="use only the first N forces (wmp first)")
    parser.add_argument("--findings-per-force", type=int, help="override the scale's size")
    parser.set_defaults(func=_main)


def _main(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        counts = generate(
            args.scale,
            Path(args.out),
            seed=args.seed,
            forces=args.forces,
            findings_per_force=args.findings_per_force,
        )
    except SynthError as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    summary = ", ".join(f"{n:,} {t}" for t, n in counts.items())
    print(
        f"Wrote synthetic {args.scale} data to {args.out} in {time.perf_counter() - started:.1f} s"
    )
    print(summary)
    return 0


def check_out_dir(out: Path) -> None:
    """Refuse the repository's data/ (and anything inside it), and folders of other files."""
    target = Path(out).resolve()
    data = REPO_DATA.resolve()
    if target == data or data in target.parents:
        raise SynthError(
            f"refusing to write synthetic data into {data}: that folder holds real data"
        )
    if target.exists() and not target.is_dir():
        raise SynthError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / db.SYNTHETIC_MARKER).is_file():
        raise SynthError(
            f"{target} is not empty and holds no {db.SYNTHETIC_MARKER}: "
            "give an empty folder or one synth wrote before"
        )


def generate(
    scale: str,
    out: Path,
    seed: int = 1,
    forces: int | None = None,
    findings_per_force: int | None = None,
) -> dict[str, int]:
    """Write a synthetic data set into out; return the row count of each table."""
    check_out_dir(out)
    base = SCALES[scale]
    size = Scale(
        forces=min(forces or base.forces, 43),
        findings_per_force=findings_per_force or base.findings_per_force,
    )
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # A rerun must not leave a half-old folder behind if it fails part-way.
    (out / db.SYNTHETIC_MARKER).unlink(missing_ok=True)
    rng = np.random.default_rng(seed)
    # Revised due dates and PCC responses are drawn from a stream of their own, so adding them
    # left every other table as generator version 3 wrote it.
    extra = np.random.default_rng((seed, 17))
    con = duckdb.connect(":memory:")
    con.execute("set preserve_insertion_order = true")

    force_rows = _forces(size.forces)
    areas = _read_csv(REPO_DATA / "peel_areas.csv")
    for name in COPIED:
        shutil.copyfile(REPO_DATA / name, out / name)
    _write_csv(out / "forces.csv", ["force_id", "name", "region", "nation"], force_rows)

    insp = _inspections(rng, force_rows, size)
    grades = _grades(rng, force_rows, areas, insp)
    _write_csv(
        out / "peel_grades.csv",
        ["force_id", "cycle", "pillar", "area", "grade", "source_url", "source_quote"],
        grades,
    )
    meetings = _meetings()
    _write_csv(
        out / "meetings.csv",
        ["meeting_id", "committee", "held_on", "title", "paper", "source_file"],
        meetings,
    )
    fnd = _findings(rng, force_rows, areas, insp, size)
    upd = _updates(rng, fnd, extra)
    _write_inspections(con, out, insp, force_rows, extra)
    _write_findings(con, out, force_rows, insp, fnd)
    _write_updates(con, out, fnd, upd)

    counts = {
        "forces": len(force_rows),
        "inspections": len(insp["id"]),
        "recommendations": len(fnd["force"]),
        "updates": len(upd["finding"]),
        "peel_grades": len(grades),
        "meetings": len(meetings),
    }
    _write_marker(out, scale, size, seed, counts)
    return counts


# --- small tables ---------------------------------------------------------------------------


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)


def _forces(n: int) -> list[list[str]]:
    rows = [
        [r["force_id"], r["name"], r["region"], r["nation"]]
        for r in _read_csv(REPO_DATA / "forces.csv")
    ]
    rows.sort(key=lambda r: (r[0] != "wmp", r[0]))
    return sorted(rows[:n])


def _meetings() -> list[list[str]]:
    rows = []
    for year in range(START.year, END.year + 1):
        for month in (3, 6, 9, 12):
            held = dt.date(year, month, 20)
            if held > END:
                continue
            rows.append(
                [
                    f"jac-{held.isoformat()}",
                    "Joint Audit Committee",
                    held.isoformat(),
                    "PCC and Force Joint Audit Committee (synthetic)",
                    "HMICFRS update (synthetic)",
                    None,
                ]
            )
    return rows


def _write_marker(out: Path, scale: str, size: Scale, seed: int, counts: dict[str, int]) -> None:
    lines = [
        "# Synthetic data",
        "",
        "Every inspection, finding, update, owner and PEEL grade in this folder was generated by",
        f"`python -m oversight synth --scale {scale} --seed {seed}` (generator version {GENERATOR_VERSION}).",
        "The force names and the PEEL framework are real; what is recorded against them is not.",
        "It describes no real force and must never be copied into `data/`.",
        "",
        f"- scale: {scale} ({size.forces} forces, about {size.findings_per_force} findings per force)",
        f"- seed: {seed}",
        f"- latest tracker snapshot: {END.isoformat()}",
        *(f"- {table}: {n} rows" for table, n in counts.items()),
        "",
    ]
    (out / db.SYNTHETIC_MARKER).write_text("\n".join(lines), encoding="utf-8")


# --- inspections ----------------------------------------------------------------------------


def _group_index(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For groups of the given sizes laid end to end: each row's group and its position in it."""
    counts = np.asarray(counts, dtype=np.int64)
    group = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    return group, np.arange(counts.sum()) - starts[group]


def _uniform_days(rng, n: int, lo: int, hi: int) -> np.ndarray:
    return rng.integers(lo, hi + 1, size=n)


def _plan(size: Scale) -> tuple[float, int, int]:
    """Findings per PEEL inspection, force reviews per force, national inspections."""
    f = size.findings_per_force
    lam_peel = min(12.0, 0.32 * f / len(PEEL_CYCLES))
    n_rev = max(1, round((0.55 * f - len(PEEL_CYCLES) * lam_peel) / 6))
    n_nat = max(2, round(0.55 * f / 6))
    return lam_peel, n_rev, n_nat


def _inspections(rng, force_rows, size: Scale) -> dict[str, np.ndarray | list]:
    """Every inspection: each force's PEEL per cycle, force reviews, national thematics."""
    nf = len(force_rows)
    _, n_rev, n_nat = _plan(size)
    ids, titles, kinds, inspectorates, force = [], [], [], [], []
    pub_parts, cycles, topics = [], [], []

    for c, (cycle, lo, hi) in enumerate(PEEL_CYCLES):
        pub_parts.append(_uniform_days(rng, nf, _day(lo), _day(hi)))
        slug = cycle.replace("/", "-")
        for f, row in enumerate(force_rows):
            ids.append(f"{row[0]}-peel-{slug}")
            titles.append(f"PEEL {cycle}: an inspection of {row[1]}")
            kinds.append("peel")
            force.append(f)
            cycles.append(c)
            topics.append(-1)

    rev_pub = _uniform_days(rng, nf * n_rev, START_DAY + 60, END_DAY + 240)
    rev_topic = rng.integers(0, len(FORCE_REVIEWS), size=nf * n_rev)
    pub_parts.append(rev_pub)
    for i in range(nf * n_rev):
        f, n = divmod(i, n_rev)
        year = (_EPOCH + dt.timedelta(days=int(rev_pub[i]))).year
        title, kind, _ = FORCE_REVIEWS[rev_topic[i]]
        ids.append(f"{force_rows[f][0]}-review-{year}-{n + 1:04d}")
        titles.append(f"{title}: {force_rows[f][1]}")
        kinds.append(kind)
        force.append(f)
        cycles.append(-1)
        topics.append(-1)

    nat_pub = _uniform_days(rng, n_nat, START_DAY + 30, END_DAY + 270)
    nat_topic = rng.integers(0, len(NATIONAL_TOPICS), size=n_nat)
    nat_kind = rng.choice(4, size=n_nat, p=[0.68, 0.2, 0.06, 0.06])
    pub_parts.append(nat_pub)
    for i in range(n_nat):
        year = (_EPOCH + dt.timedelta(days=int(nat_pub[i]))).year
        topic = NATIONAL_TOPICS[nat_topic[i]][0]
        kind = ("thematic", "joint_thematic", "peel_national", "annual_report")[nat_kind[i]]
        ids.append(f"{kind.replace('_', '-')}-{year}-{i + 1:04d}")
        titles.append(
            {
                "thematic": f"{topic}: a national thematic inspection ({year})",
                "joint_thematic": f"{topic}: a joint thematic inspection ({year})",
                "peel_national": f"PEEL: {topic.lower()} – a national overview ({year})",
                "annual_report": f"State of Policing: the annual assessment of policing ({year})",
            }[kind]
        )
        kinds.append(kind)
        force.append(-1)
        cycles.append(-1)
        topics.append(int(nat_topic[i]))

    pub = np.concatenate(pub_parts)
    n = len(ids)
    for i in range(nf * len(PEEL_CYCLES), nf * len(PEEL_CYCLES) + nf * n_rev):
        inspectorates.append(FORCE_REVIEWS[rev_topic[i - nf * len(PEEL_CYCLES)]][2])
    fieldwork_start = pub - _uniform_days(rng, n, 90, 220)
    fieldwork_end = fieldwork_start + _uniform_days(rng, n, 4, 20)
    return {
        "id": ids,
        "title": titles,
        "kind": kinds,
        "review_inspectorate": inspectorates,
        "force": np.asarray(force),
        "cycle": np.asarray(cycles),
        "topic": np.asarray(topics),
        "pub": pub,
        "fieldwork_start": fieldwork_start,
        "fieldwork_end": fieldwork_end,
        "n_peel": nf * len(PEEL_CYCLES),
        "n_rev": n_rev,
    }


def _grades(rng, force_rows, areas, insp) -> list[list[str]]:
    """A grade for every graded area of every cycle, for each force whose PEEL is published."""
    scales = {}
    for row in _read_csv(REPO_DATA / "grade_scales.csv"):
        if row["rank"]:
            scales.setdefault(row["cycle"], []).append((int(row["rank"]), row["grade"]))
    quality = rng.normal(0, 0.7, size=len(force_rows))
    nf = len(force_rows)
    rows = []
    for c, (cycle, _, _) in enumerate(PEEL_CYCLES):
        graded = [a for a in areas if a["cycle"] == cycle and a["graded"] == "true"]
        if not graded:
            continue
        ranked = [g for _, g in sorted(scales[cycle], reverse=True)]
        # cut points on a standard normal: mostly Good, some Requires improvement, few at the ends
        cuts = [1.4, -0.6, -1.8] if len(ranked) == 4 else [1.6, 0.2, -0.8, -1.9]
        drift = rng.normal(0, 0.4, size=nf)
        noise = rng.normal(0, 0.6, size=(nf, len(graded)))
        score = quality[:, None] + drift[:, None] + noise
        level = np.searchsorted(-np.asarray(cuts), -score, side="right")
        for f, row in enumerate(force_rows):
            i = c * nf + f
            if insp["pub"][i] > END_DAY:
                continue
            url = f"https://example.invalid/synthetic/{insp['id'][i]}"
            for a, area in enumerate(graded):
                rows.append(
                    [
                        row[0],
                        cycle,
                        area["pillar"],
                        area["area"],
                        ranked[level[f, a]],
                        url,
                        "Synthetic grade (oversight synth)",
                    ]
                )
    return rows


def _pcc_responses(extra, insp) -> tuple[np.ndarray, np.ndarray]:
    """Each published report: its PCC response's due date (recorded, so the response is
    tracked) and the day the response was published (-1: not published by the snapshot). Most are
    published within the 56 days, some late, a few of the last year's never. A national report's row holds one
    response, as a single force's tracker would (here it stands for every force's commissioner)."""
    n = len(insp["id"])
    pub = insp["pub"]
    own = pub <= END_DAY
    due = np.where(own, pub + PCC_RESPONSE_DAYS, -1)
    lag = np.where(
        extra.random(n) < 0.85,
        extra.integers(21, PCC_RESPONSE_DAYS + 1, size=n),
        extra.integers(PCC_RESPONSE_DAYS + 1, PCC_RESPONSE_DAYS + 60, size=n),
    )
    never = (extra.random(n) < 0.1) & (pub > END_DAY - 365)  # a few of the last year's
    published = np.where(own & ~never & (pub + lag <= END_DAY), pub + lag, -1)
    return due, published


def _write_inspections(con, out: Path, insp, force_rows, extra) -> None:
    n = len(insp["id"])
    pub = insp["pub"]
    planned = pub > END_DAY
    response_due, response_on = _pcc_responses(extra, insp)
    fs, fe = insp["fieldwork_start"], insp["fieldwork_end"]
    inspectorate = np.where(pub < HMICFRS_FROM, "HMIC", "HMICFRS").astype(object)
    review = slice(insp["n_peel"], insp["n_peel"] + len(insp["review_inspectorate"]))
    special = np.asarray(insp["review_inspectorate"], dtype=object)
    inspectorate[review] = np.where(special == None, inspectorate[review], special)  # noqa: E711
    joint = np.asarray(insp["kind"]) == "joint_thematic"
    inspectorate[joint & (np.arange(n) >= review.stop)] = (
        "HMICFRS with HM Inspectorate of Probation"
    )
    table = pa.table(
        {
            "i": np.arange(n),
            "inspection_id": pa.array(insp["id"]),
            "title": pa.array(insp["title"]),
            "inspectorate": pa.array(list(inspectorate)),
            "kind": pa.array(insp["kind"]),
            "force_idx": pa.array(insp["force"], mask=insp["force"] < 0),
            "fieldwork_start": _dates(fs, mask=fs > END_DAY),
            "fieldwork_end": _dates(fe, mask=fe > END_DAY),
            "published_on": _dates(pub, mask=planned),
            "planned_on": _dates(pub),
            "peel_cycle": _dict(
                np.maximum(insp["cycle"], 0), [c for c, _, _ in PEEL_CYCLES], mask=insp["cycle"] < 0
            ),
            "pcc_response_due_on": _dates(response_due, mask=response_due < 0),
            "pcc_response_published_on": _dates(response_on, mask=response_on < 0),
        }
    )
    con.register("insp", table)
    con.register(
        "force_names",
        pa.table({"f": np.arange(len(force_rows)), "force_id": [r[0] for r in force_rows]}),
    )
    con.execute(
        f"""
        copy (
            select
                inspection_id,
                title,
                inspectorate,
                kind,
                force_names.force_id,
                fieldwork_start,
                fieldwork_end,
                published_on,
                case when published_on is null then
                    ['winter', 'spring', 'summer', 'autumn'][(month(planned_on) % 12) // 3 + 1]
                    || ' ' || year(planned_on)
                end as expected_publication,
                'https://example.invalid/synthetic/' || inspection_id as url,
                'Synthetic inspection generated by oversight synth; it describes no real report.'
                    as summary,
                null as published_text,
                case when fieldwork_start is not null and fieldwork_end is null
                    then 'fieldwork under way' end as fieldwork_text,
                'synthetic' as source,
                peel_cycle,
                null as source_note,
                pcc_response_due_on,
                pcc_response_published_on,
                case when pcc_response_published_on is not null
                    then 'https://example.invalid/synthetic/pcc-response/' || inspection_id
                end as pcc_response_url,
                -- a short name for the PEEL reports ("PEEL 2017"); the others use their title
                case when kind = 'peel' then split_part(title, ':', 1) end as short_name,
            from insp
            left join force_names on force_names.f = insp.force_idx
            order by i
        ) to '{_sql_path(out / "inspections.csv")}' (header, delimiter ',')
        """
    )


def _dates(days: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    arr = pa.array(np.asarray(days, dtype=np.int32), mask=mask)
    return arr.cast(pa.date32())


def _sql_path(path: Path) -> str:
    # COPY takes no bound parameters; the path is ours (a resolved folder), quotes doubled.
    return str(Path(path).resolve()).replace("'", "''")


def _dict(codes: np.ndarray, labels, mask: np.ndarray | None = None) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(
        pa.array(np.asarray(codes, dtype=np.int32), mask=mask), pa.array(list(labels), pa.string())
    )


# --- findings -------------------------------------------------------------------------------


def _month_index(days: np.ndarray) -> np.ndarray:
    """Months since January 1970 of each day number."""
    return np.asarray(days).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _deadline_words(code: int) -> str:
    """The deadline as a report words it, from its code (see _findings)."""
    if code >= WITHIN_CODE:
        return f"Within {MONTH_WORDS[code - WITHIN_CODE]} months"
    year, month = divmod(int(code), 12)
    return f"By {dt.date(1970 + year, month + 1, 1):%B %Y}"


def _due_by_rule(wording: np.ndarray, pub: np.ndarray) -> np.ndarray:
    """The deadline rule's due date (a day number) of each (wording, publication) pair, each
    distinct pair computed once."""
    pairs, inverse = np.unique(np.stack([wording, pub]), axis=1, return_inverse=True)
    days = [
        _day(deadline_rule.due_on(_deadline_words(code), _EPOCH + dt.timedelta(days=int(p))))
        for code, p in pairs.T
    ]
    return np.asarray(days, dtype=np.int64)[inverse.reshape(-1)]


def _findings(rng, force_rows, areas, insp, size: Scale) -> dict[str, np.ndarray]:
    """One row per finding a force tracks, as parallel arrays of codes and day numbers."""
    nf = len(force_rows)
    lam_peel, _, _ = _plan(size)
    pub = insp["pub"]
    published = pub <= END_DAY
    n_insp = len(pub)
    is_peel = np.arange(n_insp) < insp["n_peel"]
    is_review = (np.arange(n_insp) >= insp["n_peel"]) & (insp["force"] >= 0)
    is_national = insp["force"] < 0

    # topic vocabulary: PEEL themes first, then the national topics
    themes = sorted({a["theme"] for a in areas} - {"overall"})
    theme_code = {t: i for i, t in enumerate(themes)}
    cycle_themes = []
    for cycle, _, _ in PEEL_CYCLES:
        got = sorted(
            {a["theme"] for a in areas if a["cycle"] == cycle and a["graded"] == "true"}
            - {"overall"}
        )
        cycle_themes.append(got or cycle_themes[-1])
    topic_phrase = [THEME_PHRASES.get(t, t.replace("_", " ")) for t in themes] + [
        t[2] for t in NATIONAL_TOPICS
    ]
    topic_theme = [t for t in themes] + [t[1] for t in NATIONAL_TOPICS]

    parts: list[dict[str, np.ndarray]] = []

    # 1. PEEL: areas for improvement, and now and then a cause of concern with its recommendations
    peel_ids = np.flatnonzero(is_peel & published)
    n_afi = rng.poisson(lam_peel, size=len(peel_ids))
    g, pos = _group_index(n_afi)
    ins = peel_ids[g]
    cyc = insp["cycle"][ins]
    lens = np.asarray([len(t) for t in cycle_themes])
    pick = (rng.random(len(ins)) * lens[cyc]).astype(int)
    flat = [theme_code[t] for ts in cycle_themes for t in ts]
    offsets = np.cumsum(lens) - lens
    parts.append(
        dict(
            insp=ins,
            kind=np.full(len(ins), AFI),
            seq=pos + 1,
            topic=np.asarray(flat)[offsets[cyc] + pick],
        )
    )

    has_coc = rng.random(len(peel_ids)) < 0.25
    coc_ins = peel_ids[has_coc]
    coc_topic = np.asarray(flat)[
        offsets[insp["cycle"][coc_ins]]
        + (rng.random(len(coc_ins)) * lens[insp["cycle"][coc_ins]]).astype(int)
    ]
    parts.append(
        dict(
            insp=coc_ins,
            kind=np.full(len(coc_ins), COC),
            seq=np.ones(len(coc_ins), int),
            topic=coc_topic,
        )
    )
    n_child = 1 + rng.poisson(1.0, size=len(coc_ins))
    g, pos = _group_index(n_child)
    parts.append(
        dict(
            insp=coc_ins[g],
            kind=np.full(len(g), REC),
            seq=pos + 1,
            topic=coc_topic[g],
            parent_local=g,
        )
    )

    # 2. force reviews: recommendations on the review's subject
    rev_ids = np.flatnonzero(is_review & published)
    n_rec = 1 + rng.poisson(5.0, size=len(rev_ids))
    g, pos = _group_index(n_rec)
    rev_topic = len(themes) + rng.integers(0, len(NATIONAL_TOPICS), size=len(rev_ids))
    parts.append(dict(insp=rev_ids[g], kind=np.full(len(g), REC), seq=pos + 1, topic=rev_topic[g]))

    # 3. national inspections: every force tracks its own copy of each recommendation
    nat_ids = np.flatnonzero(is_national & published)
    n_nat_rec = 1 + rng.poisson(5.0, size=len(nat_ids))
    g, pos = _group_index(n_nat_rec)
    nat_addressed = rng.choice([1, 2, 3], size=len(g), p=[0.55, 0.35, 0.10])
    nat_topic = len(themes) + insp["topic"][nat_ids[g]]
    k = len(g)
    parts.append(
        dict(
            insp=np.tile(nat_ids[g], nf),
            kind=np.full(k * nf, REC),
            seq=np.tile(pos + 1, nf),
            topic=np.tile(nat_topic, nf),
            addressed=np.tile(nat_addressed, nf),
            force=np.repeat(np.arange(nf), k),
        )
    )

    sizes = [len(p["insp"]) for p in parts]
    offset = np.cumsum(sizes) - sizes
    coc_offset = offset[1]
    n = int(sum(sizes))
    fnd = {
        "insp": np.concatenate([p["insp"] for p in parts]),
        "kind": np.concatenate([p["kind"] for p in parts]),
        "seq": np.concatenate([p["seq"] for p in parts]),
        "topic": np.concatenate([p["topic"] for p in parts]),
        "parent": np.full(n, -1),
        "addressed": np.zeros(n, dtype=int),
    }
    fnd["parent"][offset[2] : offset[3]] = coc_offset + parts[2]["parent_local"]
    fnd["addressed"][offset[4] :] = parts[4]["addressed"]
    fnd["force"] = np.where(insp["force"][fnd["insp"]] >= 0, insp["force"][fnd["insp"]], 0)
    fnd["force"][offset[4] :] = parts[4]["force"]
    fnd["national"] = np.zeros(n, dtype=bool)
    fnd["national"][offset[4] :] = True
    fnd["pub"] = pub[fnd["insp"]]
    fnd["themes"] = topic_theme
    fnd["phrases"] = topic_phrase

    # deadlines: 0 none, 1 "By <Month YYYY>" (inspectorate), 2 "Within N months" (inspectorate),
    # 3 a date the force set itself. An inspectorate deadline is drawn as words (a code: the
    # month "By" names, or WITHIN_CODE + the index of the number in MONTH_WORDS) and its date is
    # the deadline rule's (oversight/deadline_rule.py), as for a real report.
    deadline = np.where(
        fnd["kind"] == AFI,
        rng.choice([0, 3], size=n, p=[0.35, 0.65]),
        rng.choice([0, 1, 2, 3], size=n, p=[0.2, 0.4, 0.25, 0.15]),
    )
    deadline[fnd["addressed"] == 3] = 0
    child = fnd["parent"] >= 0
    within_code = rng.integers(0, len(MONTH_WORDS), size=n)
    months_ahead = rng.integers(3, 16, size=n)
    wording = np.full(n, -1, dtype=np.int64)
    m = deadline == 1
    wording[m] = _month_index(fnd["pub"][m]) + months_ahead[m]
    m = deadline == 2
    wording[m] = WITHIN_CODE + within_code[m]
    due = np.full(n, -1, dtype=np.int64)
    m = deadline == 3
    due[m] = fnd["pub"][m] + rng.integers(150, 600, size=int(m.sum()))
    # a cause of concern's recommendations share its deadline
    deadline[child] = deadline[fnd["parent"][child]]
    due[child] = due[fnd["parent"][child]]
    wording[child] = wording[fnd["parent"][child]]
    written = wording >= 0
    due[written] = _due_by_rule(wording[written], fnd["pub"][written])
    fnd["deadline"] = deadline
    fnd["due"] = due
    fnd["wording"] = wording

    # owners: a chief officer by theme, two tactical leads per role per force
    owner = rng.integers(0, len(CHIEF_OFFICERS), size=n)
    mapped = np.asarray([THEME_OWNER.get(t, -1) for t in topic_theme])[fnd["topic"]]
    keep = (mapped >= 0) & (rng.random(n) < 0.8)
    owner[keep] = mapped[keep]
    fnd["owner"] = owner
    fnd["tactical"] = (fnd["force"] * len(CHIEF_OFFICERS) + owner) * 2 + rng.integers(0, 2, size=n)
    fnd["prefix"] = rng.integers(0, 1_000_000, size=n)

    # lifecycle: most close after a year or two, a tail stays open long past its deadline
    first = fnd["pub"] + rng.integers(14, 61, size=n)
    length = rng.lognormal(np.log(430), 0.55, size=n)
    stuck = rng.random(n) < 0.10
    length[stuck] *= 3
    length = np.minimum(length, 1500)  # the oldest open items are a few years overdue, not ten
    close = first + length.astype(np.int64)
    fnd["first"] = first
    fnd["close"] = close
    fnd["gap"] = rng.integers(40, 76, size=n)
    fnd["snapshot"] = rng.random(n) < 0.85
    recent = fnd["pub"] > END_DAY - 540
    fnd["unallocated"] = (close > END_DAY) & np.where(
        recent, rng.random(n) < 0.06, rng.random(n) < 0.005
    )
    fnd["base"] = rng.normal(0.45, 0.45, size=n)
    return fnd


def _write_findings(con, out: Path, force_rows, insp, fnd) -> None:
    n = len(fnd["insp"])
    nf = len(force_rows)
    tactical_names = _tactical_names(nf)
    kind = fnd["kind"]
    addressed = fnd["addressed"]
    prefixes = (
        list(CAUSE_PREFIX)
        + list(FORCE_PREFIXES)
        + list(NATIONAL_PREFIXES)
        + list(NATIONAL_BODY_PREFIXES)
    )
    base = np.asarray(
        [
            0,
            len(CAUSE_PREFIX),
            len(CAUSE_PREFIX) + len(FORCE_PREFIXES),
            len(CAUSE_PREFIX) + len(FORCE_PREFIXES) + len(NATIONAL_PREFIXES),
        ]
    )
    width = np.asarray(
        [
            len(CAUSE_PREFIX),
            len(FORCE_PREFIXES),
            len(NATIONAL_PREFIXES),
            len(NATIONAL_BODY_PREFIXES),
        ]
    )
    group = np.where(kind == COC, 0, np.where(addressed == 3, 3, np.where(fnd["national"], 2, 1)))
    prefix = base[group] + fnd["prefix"] % width[group]
    unalloc = fnd["unallocated"]
    has_due = fnd["due"] >= 0
    written = fnd["wording"] >= 0
    codes = np.unique(fnd["wording"][written])
    theme_of = np.asarray(fnd["themes"], dtype=object)[fnd["topic"]]
    table = pa.table(
        {
            "i": np.arange(n),
            "inspection_id": _dict(fnd["insp"], insp["id"]),
            "force_id": _dict(fnd["force"], [r[0] for r in force_rows]),
            "national": fnd["national"],
            "kind": _dict(kind, KINDS),
            "seq": fnd["seq"].astype(np.int32),
            "addressed_to": _dict(addressed, ADDRESSED),
            "prefix": _dict(prefix, prefixes),
            "phrase": _dict(fnd["topic"], fnd["phrases"]),
            "deadline": fnd["deadline"].astype(np.int8),
            "deadline_text": _dict(
                np.searchsorted(codes, fnd["wording"]),
                [_deadline_words(code) for code in codes],
                mask=~written,
            ),
            "due_on": _dates(np.where(has_due, fnd["due"], 0), mask=~has_due),
            "peel_area": _dict(fnd["topic"], fnd["themes"], mask=(theme_of == "")),
            "chief_officer_lead": _dict(fnd["owner"], [c[0] for c in CHIEF_OFFICERS], mask=unalloc),
            "tactical_lead": _dict(fnd["tactical"], tactical_names, mask=unalloc),
            "governance_board": _dict(fnd["owner"], [c[1] for c in CHIEF_OFFICERS], mask=unalloc),
        }
    )
    con.register("fnd", table)
    rec_id = (
        con.sql(
            """
        select
            case when national then force_id || '-' else '' end || inspection_id || '-'
            || case kind when 'area_for_improvement' then 'afi' when 'cause_of_concern' then 'coc'
                else 'r' end
            || lpad(seq::varchar, 2, '0') as rec_id
        from fnd order by i
        """
        )
        .to_arrow_table()["rec_id"]
        .combine_chunks()
    )
    parent = fnd["parent"]
    fnd["rec_id"] = rec_id
    con.register(
        "fnd_ids",
        pa.table(
            {
                "rec_id": rec_id,
                "parent_rec_id": pa.DictionaryArray.from_arrays(
                    pa.array(np.where(parent >= 0, parent, 0).astype(np.int32), mask=parent < 0),
                    rec_id,
                ),
            }
        ),
    )
    con.execute(
        f"""
        copy (
            select
                ids.rec_id,
                fnd.inspection_id,
                fnd.force_id,
                case kind when 'area_for_improvement' then 'AFI' when 'cause_of_concern' then 'C'
                    else 'R' end || seq as ref,
                kind,
                addressed_to,
                prefix || ' ' || phrase || '.' as text,
                deadline_text,
                due_on,
                case when deadline in (1, 2) then 'inspectorate' when deadline = 3 then 'force' end
                    as due_source,
                peel_area,
                chief_officer_lead,
                tactical_lead,
                governance_board,
                ids.parent_rec_id,
                false as is_text_verbatim,
                null as supersedes_rec_id,
                'synthetic' as source,
            from fnd positional join fnd_ids as ids
            order by i
        ) to '{_sql_path(out / "recommendations.csv")}' (header, delimiter ',')
        """
    )
    fnd["tactical_names"] = tactical_names


def _tactical_names(nf: int) -> list[str]:
    """Two named tactical leads per chief officer role per force (names drawn, not real people)."""
    rng = np.random.default_rng(7919)
    names = []
    for _ in range(nf):
        surnames = rng.choice(SURNAMES, size=len(CHIEF_OFFICERS) * 2, replace=False)
        for r, (_, _, ranks) in enumerate(CHIEF_OFFICERS):
            for k in range(2):
                rank, surname = ranks[(r + k) % len(ranks)], surnames[2 * r + k]
                names.append(
                    f"{surname} ({rank})" if rank.startswith("Head") else f"{rank} {surname}"
                )
    return names


# --- updates --------------------------------------------------------------------------------


def _revisions(extra, fnd, f, k, as_at, is_open) -> tuple[np.ndarray, np.ndarray]:
    """Revised due dates: about three findings in ten still open at their due date have the date
    moved, at their first position in the 120 days before that date, by two to eight months; a
    third of those move it again as the new date nears. Per update: the revised date it records and the reason (-1:
    none)."""
    n_f = len(fnd["due"])
    due, close = fnd["due"], fnd["close"]
    revised = np.full(len(f), -1, dtype=np.int64)
    reason = np.full(len(f), -1, dtype=np.int64)
    current = due.copy()
    moves = (due >= 0) & (close > due) & ~fnd["unallocated"] & (extra.random(n_f) < 0.3)
    again = extra.random(n_f) < 0.35
    after = np.full(n_f, -1, dtype=np.int64)  # the update index the next revision must follow
    for _ in range(2):
        # the finding's first position in the 120 days before the date now in force (after the
        # last revision): the date is moved as it nears
        position = np.full(n_f, np.iinfo(np.int64).max, dtype=np.int64)
        eligible = (
            moves[f] & is_open & (as_at <= current[f]) & (as_at > current[f] - 120) & (k > after[f])
        )
        np.minimum.at(position, f[eligible], k[eligible])
        position[~moves | (position == np.iinfo(np.int64).max)] = -1
        chosen = np.flatnonzero(position >= 0)
        new_due = current[chosen] + extra.integers(60, 241, size=len(chosen))
        keep = new_due < close[chosen] + 365  # a date moved, and usually met
        chosen, new_due = chosen[keep], new_due[keep]
        starts = np.cumsum(np.bincount(f, minlength=n_f)) - np.bincount(f, minlength=n_f)
        rows = starts[chosen] + position[chosen]
        revised[rows] = new_due
        reason[rows] = extra.integers(0, len(REVISION_REASONS), size=len(rows))
        current[chosen] = new_due
        after[chosen] = position[chosen]
        moves = np.zeros(n_f, dtype=bool)
        moves[chosen] = again[chosen]
    return revised, reason


def _updates(rng, fnd, extra) -> dict[str, np.ndarray]:
    """Every recorded position: a regular cadence from first to closure (or the snapshot)."""
    first, close, gap = fnd["first"], fnd["close"], fnd["gap"]
    closed = close <= END_DAY
    # open items without a snapshot update went quiet some months before it (stale)
    stop = np.where(
        closed | fnd["snapshot"],
        np.minimum(close, END_DAY),
        END_DAY - rng.integers(100, 300, size=len(close)),
    )
    started = first <= END_DAY
    regular = np.where(started, np.maximum(0, np.ceil((stop - 10 - first) / gap)), 0).astype(
        np.int64
    )
    terminal = started & (closed | fnd["snapshot"])
    counts = regular + terminal
    f, k = _group_index(counts)
    last = k == counts[f] - 1
    is_terminal = last & terminal[f]
    n = len(f)
    as_at = first[f] + k * gap[f] + rng.integers(0, 10, size=n)
    as_at = np.where(is_terminal, stop[f], as_at)

    # status: closing items pass through pending closure; a few end superseded or no further action
    status = np.full(n, 1, dtype=np.int8)  # in_progress
    status[(k == 0) & (rng.random(n) < 0.2)] = 0
    end_status = rng.choice([3, 4, 5], size=n, p=[0.88, 0.05, 0.07])
    closing = is_terminal & closed[f]
    status[closing] = end_status[closing]
    before_close = (k == counts[f] - 2) & closed[f] & terminal[f] & (rng.random(n) < 0.6)
    status[before_close] = 2
    unalloc = fnd["unallocated"][f]
    status[unalloc] = 0

    revised, reason = _revisions(extra, fnd, f, k, as_at, status <= 2)
    # the due date in force at each position: the report's, or the latest revision so far
    starts = np.cumsum(counts) - counts
    seen = np.where(revised >= 0, np.arange(n), -1)
    seen = np.maximum.accumulate(seen)  # latest revising row so far (any finding's) ...
    seen = np.where(seen >= np.repeat(starts, counts), seen, -1)  # ... if it is this finding's

    # RAG drifts: a random walk per finding, pushed to red once past the due date in force
    noise = rng.normal(0, 0.25, size=n)
    walk = np.cumsum(noise)
    walk -= np.repeat(walk[starts] - noise[starts], counts)
    due = np.where(seen >= 0, revised[np.maximum(seen, 0)], fnd["due"][f])
    overdue_days = np.where(due >= 0, as_at - due, -10_000)
    score = fnd["base"][f] + walk + np.where(overdue_days > 0, 0.8 + overdue_days / 400, 0)
    score += np.where((overdue_days > -60) & (overdue_days <= 0), 0.35, 0)
    rag = np.where(score < 1.0, GREEN, np.where(score < 1.9, AMBER, RED)).astype(np.int8)
    rag[(k == 0) & (rng.random(n) < 0.3)] = WHITE
    rag[status == 0] = WHITE
    rag[status == 2] = np.where(rng.random(int((status == 2).sum())) < 0.7, BLUE, GREEN)
    rag[(status == 3) | (status == 5)] = BLUE
    rag[status == 4] = WHITE
    rag[fnd["addressed"][f] == 3] = WHITE

    note_sets = [NOTES[s] for s in STATUSES]
    widths = np.asarray([len(s) for s in note_sets])
    offsets = np.cumsum(widths) - widths
    note = offsets[status] + rng.integers(0, 1_000_000, size=n) % widths[status]
    return {
        "finding": f,
        "as_at": as_at,
        "status": status,
        "rag": rag,
        "note": note,
        "notes": [x for s in note_sets for x in s],
        "recorded_lag": rng.integers(0, 6, size=n),
        "revised": revised,
        "reason": reason,
    }


def _write_updates(con, out: Path, fnd, upd) -> None:
    f = upd["finding"].astype(np.int32)
    unalloc = fnd["unallocated"][f]
    recorder = np.where(unalloc, len(fnd["tactical_names"]), fnd["tactical"][f])
    table = pa.table(
        {
            "rec_id": pa.DictionaryArray.from_arrays(pa.array(f), fnd["rec_id"]),
            "as_at": _dates(upd["as_at"]),
            "status": _dict(upd["status"], STATUSES),
            "rag": _dict(upd["rag"], RAGS),
            "note": _dict(upd["note"], upd["notes"]),
            "recorded_by": _dict(
                recorder, fnd["tactical_names"] + ["Risk and Organisational Learning Manager"]
            ),
            "recorded_at": _dates(upd["as_at"] + upd["recorded_lag"]),
            "revised_due_on": _dates(np.maximum(upd["revised"], 0), mask=upd["revised"] < 0),
            "revision_reason": _dict(
                np.maximum(upd["reason"], 0), REVISION_REASONS, mask=upd["reason"] < 0
            ),
        }
    )
    con.register("upd", table)
    con.execute(
        f"""
        copy (
            select
                'u-' || rec_id || '-' || strftime(as_at, '%Y-%m-%d') as update_id,
                rec_id,
                as_at,
                status,
                rag,
                note,
                recorded_by,
                recorded_at,
                'synthetic' as source,
                null as source_note,
                revised_due_on,
                revision_reason,
                null as evidence,
                null as approves_update_id,
                null::varchar as seal,
            from upd
        ) to '{_sql_path(out / "updates.csv")}' (header, delimiter ',')
        """
    )
