"""Golden tests: the PEEL grades page's queries on tests/fixtures/peel and their exact rows.

The fixture: West Midlands (wmp) has 2016 and 2017 grades on the 4-point scale and 2021/22 and
2023-25 grades on the 5-point scale; Staffordshire shares its region; Kent and Gwent do not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from oversight import db

PEEL = Path(__file__).parent / "fixtures" / "peel"
JUNE = dt.date(2018, 6, 28)


def plain(value):
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "tolist"):
        return plain(value.tolist())
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [tuple(plain(v) for v in row) for row in frame[columns].itertuples(index=False)]


@pytest.fixture(scope="module")
def peel() -> db.Dataset:
    ds = db.load(PEEL)
    assert ds.problems == []
    return ds


def test_cycles_with_scale_coverage_and_default(peel):
    cycles = peel.query("peel_cycles", force_id="wmp")
    assert rows(
        cycles,
        ["cycle", "scale_points", "grades", "forces_graded", "force_grades", "is_default"],
    ) == [
        ("2016", 4, 6, 2, 5, False),
        ("2017", 4, 11, 4, 4, True),
        ("2021/22", 5, 2, 1, 2, False),
        ("2023-25", 5, 1, 1, 1, False),
    ]


def test_grade_matrix_rows_cycles_and_cell_states(peel):
    matrix = peel.query("peel_grade_matrix", force_id="wmp", show_all_areas=False)
    assert rows(
        matrix, ["row_pillar", "theme", "cycle", "scale_points", "grade", "cell_state"]
    ) == [
        ("effectiveness", "overall", "2016", 4, "Good", "graded"),
        ("effectiveness", "overall", "2017", 4, "Requires improvement", "graded"),
        ("effectiveness", "prevention", "2016", 4, "Good", "graded"),
        ("effectiveness", "prevention", "2017", 4, "Good", "graded"),
        ("effectiveness", "vulnerability", "2016", 4, "Requires improvement", "graded"),
        ("effectiveness", "vulnerability", "2017", 4, "Inadequate", "graded"),
        ("effectiveness", "vulnerability", "2021/22", 5, "Requires improvement", "graded"),
        ("effectiveness", "vulnerability", "2023-25", 5, "Good", "graded"),
        ("effectiveness", "specialist_capabilities", "2016", 4, "Ungraded", "ungraded"),
        ("effectiveness", "specialist_capabilities", "2017", 4, None, "area_not_graded"),
        ("legitimacy", "overall", "2016", 4, "Good", "graded"),
        ("legitimacy", "overall", "2017", 4, "Outstanding", "graded"),
        ("peel", "use_of_resources", "2021/22", 5, "Adequate", "graded"),
        ("peel", "use_of_resources", "2023-25", 5, None, "no_grade_in_data"),
    ]
    assert matrix.loc[4, "source_url"] == "meeting:m1"


def test_grade_matrix_show_all_areas_adds_rows_with_no_grade(peel):
    matrix = peel.query("peel_grade_matrix", force_id="wmp", show_all_areas=True)
    extra = matrix[matrix["theme"].isin(["fair_treatment_public", "victim_service"])]
    assert rows(extra, ["row_pillar", "theme", "cycle", "cell_state"]) == [
        ("legitimacy", "fair_treatment_public", "2016", "no_grade_in_data"),
        ("legitimacy", "fair_treatment_public", "2017", "no_grade_in_data"),
        ("peel", "victim_service", "2021/22", "area_not_graded"),
    ]
    assert len(matrix) == 17


def test_grade_trend_of_one_pillar(peel):
    trend = peel.query("peel_grade_trend", force_id="wmp", pillar="effectiveness")
    assert rows(trend, ["theme", "cycle", "scale_points", "grade", "grade_rank"]) == [
        ("overall", "2016", 4, "Good", 3),
        ("overall", "2017", 4, "Requires improvement", 2),
        ("prevention", "2016", 4, "Good", 3),
        ("prevention", "2017", 4, "Good", 3),
        ("vulnerability", "2016", 4, "Requires improvement", 2),
        ("vulnerability", "2017", 4, "Inadequate", 1),
        ("vulnerability", "2021/22", 5, "Requires improvement", 2),
        ("vulnerability", "2023-25", 5, "Good", 4),
    ]


def test_scales_in_words(peel):
    scales = peel.query("peel_scales")
    assert rows(scales, ["scale_points", "grade", "grade_rank"]) == [
        (4, "Inadequate", 1),
        (4, "Requires improvement", 2),
        (4, "Good", 3),
        (4, "Outstanding", 4),
        (5, "Inadequate", 1),
        (5, "Requires improvement", 2),
        (5, "Adequate", 3),
        (5, "Good", 4),
        (5, "Outstanding", 5),
    ]


def test_moves_compare_within_a_scale_only(peel):
    moves = peel.query("peel_moves", force_id="wmp", pillar=None)
    assert rows(
        moves,
        ["row_pillar", "theme", "from_cycle", "from_grade", "to_cycle", "to_grade", "move"],
    ) == [
        ("effectiveness", "overall", "2016", "Good", "2017", "Requires improvement", "declined"),
        ("effectiveness", "prevention", "2016", "Good", "2017", "Good", "unchanged"),
        (
            "effectiveness",
            "vulnerability",
            "2016",
            "Requires improvement",
            "2017",
            "Inadequate",
            "declined",
        ),
        (
            "effectiveness",
            "vulnerability",
            "2017",
            "Inadequate",
            "2021/22",
            "Requires improvement",
            "not_comparable",
        ),
        (
            "effectiveness",
            "vulnerability",
            "2021/22",
            "Requires improvement",
            "2023-25",
            "Good",
            "improved",
        ),
        ("legitimacy", "overall", "2016", "Good", "2017", "Outstanding", "improved"),
    ]
    assert plain(list(moves["rank_change"])) == [-1, 0, -1, None, 2, 1]


def test_moves_of_one_pillar(peel):
    moves = peel.query("peel_moves", force_id="wmp", pillar="legitimacy")
    assert rows(moves, ["theme", "to_cycle", "move"]) == [("overall", "2017", "improved")]


def test_move_counts(peel):
    counts = peel.query("peel_move_counts", force_id="wmp", pillar=None)
    assert rows(counts, ["move", "moves"]) == [
        ("improved", 2),
        ("declined", 2),
        ("unchanged", 1),
        ("not_comparable", 1),
    ]
    legitimacy = peel.query("peel_move_counts", force_id="wmp", pillar="legitimacy")
    assert rows(legitimacy, ["move", "moves"]) == [
        ("improved", 1),
        ("declined", 0),
        ("unchanged", 0),
        ("not_comparable", 0),
    ]


def test_forces_and_default_peers_share_the_region(peel):
    forces = peel.query("peel_forces", force_id="wmp")
    assert rows(forces, ["force_id", "grades", "is_selected", "is_default_peer"]) == [
        ("gwent", 1, False, False),
        ("kent", 3, False, False),
        ("staffs", 4, False, True),
        ("wmp", 12, True, False),
    ]


def test_cycle_areas_with_coverage(peel):
    areas = peel.query("peel_cycle_areas", cycle="2017")
    assert rows(areas, ["pillar", "area", "is_area_graded", "forces_graded"]) == [
        ("effectiveness", "Overall", True, 3),
        ("effectiveness", "Preventing crime 2017", True, 1),
        ("effectiveness", "Protecting vulnerable people 2017", True, 3),
        ("effectiveness", "Specialist capabilities", False, 0),
        ("legitimacy", "Overall", True, 4),
        ("legitimacy", "Treating the public 2017", True, 0),
    ]


def test_peer_grid_puts_the_force_first(peel):
    grid = peel.query(
        "peel_peer_grid",
        force_id="wmp",
        peer_ids=["staffs", "kent"],
        cycle="2017",
        pillar="effectiveness",
    )
    assert rows(grid, ["force_id", "area", "grade", "cell_state"]) == [
        ("wmp", "Overall", "Requires improvement", "graded"),
        ("wmp", "Preventing crime 2017", "Good", "graded"),
        ("wmp", "Protecting vulnerable people 2017", "Inadequate", "graded"),
        ("kent", "Overall", "Good", "graded"),
        ("kent", "Preventing crime 2017", None, "no_grade_in_data"),
        ("kent", "Protecting vulnerable people 2017", "Requires improvement", "graded"),
        ("staffs", "Overall", "Good", "graded"),
        ("staffs", "Preventing crime 2017", None, "no_grade_in_data"),
        ("staffs", "Protecting vulnerable people 2017", "Good", "graded"),
    ]


def test_peer_grid_with_no_peers_is_the_force_alone(peel):
    grid = peel.query(
        "peel_peer_grid", force_id="wmp", peer_ids=None, cycle="2016", pillar="effectiveness"
    )
    assert rows(grid, ["force_id", "area", "grade", "cell_state"]) == [
        ("wmp", "Overall", "Good", "graded"),
        ("wmp", "Preventing crime 2016", "Good", "graded"),
        ("wmp", "Protecting vulnerable people 2016", "Requires improvement", "graded"),
        ("wmp", "Specialist capabilities", "Ungraded", "ungraded"),
    ]


def test_national_distribution_counts_every_grade_and_marks_the_force(peel):
    dist = peel.query(
        "peel_national_distribution",
        force_id="wmp",
        cycle="2017",
        pillar="legitimacy",
        area="Overall",
    )
    assert rows(
        dist,
        ["grade", "forces", "is_force_grade", "force_names", "forces_covered", "forces_total"],
    ) == [
        ("Outstanding", 2, True, "Kent Police; West Midlands Police", 4, 4),
        ("Good", 1, False, "Staffordshire Police", 4, 4),
        ("Requires improvement", 0, False, None, 4, 4),
        ("Inadequate", 0, False, None, 4, 4),
        ("Not graded", 1, False, "Gwent Police", 4, 4),
    ]


def test_national_distribution_covers_only_forces_with_grades(peel):
    dist = peel.query(
        "peel_national_distribution",
        force_id="wmp",
        cycle="2017",
        pillar="effectiveness",
        area="Overall",
    )
    assert rows(dist, ["grade", "forces", "is_force_grade", "forces_covered"]) == [
        ("Outstanding", 0, False, 3),
        ("Good", 2, False, 3),
        ("Requires improvement", 1, True, 3),
        ("Inadequate", 0, False, 3),
    ]


def test_findings_by_area_and_cycle(peel):
    findings = peel.query("peel_findings_by_area", force_id="wmp", as_at=JUNE)
    assert rows(
        findings,
        ["cycle", "theme", "grade", "kind", "findings", "open_findings", "inspection_ids"],
    ) == [
        ("2016", "prevention", "Good", "area_for_improvement", 1, 1, ["wmp-peel-2016"]),
        (
            "2016",
            "vulnerability",
            "Requires improvement",
            "cause_of_concern",
            2,
            1,
            ["wmp-peel-2016"],
        ),
        (
            "2016",
            "vulnerability",
            "Requires improvement",
            "recommendation",
            1,
            1,
            ["wmp-peel-2016"],
        ),
        ("2017", "prevention", "Good", "recommendation", 1, 1, ["nat-2017"]),
        ("2017", "vulnerability", "Inadequate", "area_for_improvement", 1, 1, ["wmp-peel-2017"]),
        (None, "vulnerability", None, "recommendation", 1, 1, ["them-2016"]),
    ]


def test_findings_as_at_an_earlier_date(peel):
    # Before the 2017 reports were published and before c16a was closed.
    findings = peel.query("peel_findings_by_area", force_id="wmp", as_at=dt.date(2017, 12, 31))
    assert rows(findings, ["cycle", "theme", "kind", "findings", "open_findings"]) == [
        ("2016", "prevention", "area_for_improvement", 1, 1),
        ("2016", "vulnerability", "cause_of_concern", 2, 2),
        ("2016", "vulnerability", "recommendation", 1, 1),
        (None, "vulnerability", "recommendation", 1, 1),
    ]


def test_bundled_2017_legitimacy_matches_the_reference(bundled):
    # data/sources/peel/README.md: Kent Outstanding; six Requires improvement; Greater
    # Manchester not graded; all others Good (43 forces).
    dist = bundled.query(
        "peel_national_distribution",
        force_id="wmp",
        cycle="2017",
        pillar="legitimacy",
        area="Overall",
    )
    assert rows(dist, ["grade", "forces", "is_force_grade", "forces_covered"]) == [
        ("Outstanding", 1, False, 43),
        ("Good", 35, False, 43),
        ("Requires improvement", 6, True, 43),
        ("Inadequate", 0, False, 43),
        ("Not graded", 1, False, 43),
    ]
    ri = dist.set_index("grade").loc["Requires improvement", "force_names"].split("; ")
    assert sorted(ri) == [
        "City of London Police",
        "Cleveland Police",
        "Northamptonshire Police",
        "Warwickshire Police",
        "West Mercia Police",
        "West Midlands Police",
    ]


def test_bundled_matrix_vulnerability_2015_2016(bundled):
    matrix = bundled.query("peel_grade_matrix", force_id="wmp", show_all_areas=False)
    cells = matrix.set_index(["row_pillar", "theme", "cycle"])["grade"]
    for cycle in ("2015", "2016"):
        assert cells[("effectiveness", "vulnerability", cycle)] == "Requires improvement"
        assert cells[("effectiveness", "overall", cycle)] == "Good"
    assert cells[("effectiveness", "vulnerability", "2021/22")] == "Requires improvement"


def test_inspection_cycles_read_the_cycle_from_the_title_when_the_column_is_empty(mini_copy):
    # queries/derived/inspection_cycles.sql, built when the data loads
    assert (db.QUERIES_DIR / "derived/inspection_cycles").with_suffix(".sql").is_file()
    path = mini_copy / "inspections.csv"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "p2122,PEEL 2021/22: an inspection of WMP,HMICFRS,peel,wmp,,,2022-05-01,,,\n"
        + "t2016,Fraud 2016,HMICFRS,thematic,wmp,,,2016-05-01,,,\n",
        encoding="utf-8",
    )
    ds = db.load(mini_copy)
    assert ds.problems == []
    got = ds.cursor().execute("select * from inspection_cycles order by 1").fetchall()
    # a PEEL report's cycle is the cycle named in its title; other reports have none
    assert got == [("p2122", "2021/22"), ("wmp-2016", "2016")]
