"""Each validation rule, shown by a small broken fixture and the exact line it must print."""

from __future__ import annotations

from pathlib import Path

import pytest

from oversight import cli, db


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def problems(folder: Path) -> list[str]:
    return [str(p) for p in db.validate(folder)]


def test_mini_fixture_is_valid(mini_copy):
    assert problems(mini_copy) == []


def test_unknown_rag_code(mini_copy):
    edit(mini_copy, "updates.csv", "in_progress,green,Review", "in_progress,purple,Review")
    assert problems(mini_copy) == [
        "updates.csv:3: rag: 'purple' is not one of: red, amber, green, blue, white"
    ]


def test_unknown_status(mini_copy):
    edit(mini_copy, "updates.csv", "u3,r2,2018-06-28,in_progress", "u3,r2,2018-06-28,done")
    [line] = problems(mini_copy)
    assert line.startswith("updates.csv:4: status: 'done' is not one of: awaiting_allocation")


def test_duplicate_key_names_both_lines(mini_copy):
    edit(mini_copy, "updates.csv", "u4,r3", "u3,r3")
    assert problems(mini_copy) == [
        "updates.csv:5: update_id: duplicate key (update_id=u3); first on line 4"
    ]


def test_line_numbers_count_line_breaks_inside_quoted_cells(mini_copy):
    # r2's text spans three lines (3-5), so r3 starts on line 6.
    edit(
        mini_copy,
        "recommendations.csv",
        "r3,nat-2018,wmp,R3,recommendation,all_forces,Bail",
        "r3,nat-2018,wmp,R3,advice,all_forces,Bail",
    )
    [line] = problems(mini_copy)
    assert line.startswith("recommendations.csv:6: kind: 'advice' is not one of")


def test_bad_date(mini_copy):
    edit(mini_copy, "updates.csv", "u8,g1,2018-06-01", "u8,g1,2018-13-01")
    assert problems(mini_copy) == [
        "updates.csv:9: as_at: not a valid date (expected YYYY-MM-DD): '2018-13-01'"
    ]


def test_date_in_british_order_is_rejected(mini_copy):
    edit(mini_copy, "updates.csv", "u8,g1,2018-06-01", "u8,g1,01/06/2018")
    assert problems(mini_copy) == [
        "updates.csv:9: as_at: not a valid date (expected YYYY-MM-DD): '01/06/2018'"
    ]


def test_required_cell_empty(mini_copy):
    edit(mini_copy, "recommendations.csv", "all_forces,Bail review,", "all_forces,,")
    assert problems(mini_copy) == ["recommendations.csv:6: text: required value is empty"]


def test_rag_never_empty(mini_copy):
    edit(mini_copy, "updates.csv", "in_progress,green,,Gwent", "in_progress,,,Gwent")
    assert problems(mini_copy) == ["updates.csv:9: rag: required value is empty"]


def test_unknown_reference(mini_copy):
    edit(mini_copy, "updates.csv", "u8,g1,", "u8,zz,")
    assert problems(mini_copy) == [
        "updates.csv:9: rec_id: 'zz' is not a known recommendations.rec_id"
    ]


def test_grade_not_in_the_cycles_scale(mini_copy):
    edit(
        mini_copy,
        "peel_grades.csv",
        "wmp,2016,effectiveness,Overall,Good",
        "wmp,2016,effectiveness,Overall,Adequate",
    )
    assert problems(mini_copy) == [
        "peel_grades.csv:2: grade: '2016, Adequate' is not a known grade_scales.cycle/grade"
    ]


def test_grade_without_source(mini_copy):
    edit(mini_copy, "peel_grades.csv", ",Good,https://example.org/g2016", ",Good,")
    assert problems(mini_copy) == ["peel_grades.csv:5: source_url: required value is empty"]


def test_grade_source_must_be_openable(mini_copy):
    edit(mini_copy, "peel_grades.csv", "meeting:m1", "meeting:m9")
    [line] = problems(mini_copy)
    assert line.startswith("peel_grades.csv:3: source_url: 'meeting:m9' is neither")


def test_parent_must_be_a_cause_of_concern(mini_copy):
    edit(mini_copy, "recommendations.csv", "ACC Security,,,c1", "ACC Security,,,r1")
    assert problems(mini_copy) == [
        "recommendations.csv:8: parent_rec_id: parent r1 is a recommendation, not a cause_of_concern"
    ]


def test_fieldwork_end_before_start(mini_copy):
    edit(mini_copy, "inspections.csv", "2018-05-01,2018-05-02", "2018-05-02,2018-05-01")
    assert problems(mini_copy) == [
        "inspections.csv:4: fieldwork_end: fieldwork ends (2018-05-01) before it starts (2018-05-02)"
    ]


def test_update_before_the_report_was_published(mini_copy):
    edit(mini_copy, "updates.csv", "u1,r1,2018-04-01", "u1,r1,2018-03-01")
    assert problems(mini_copy) == [
        "updates.csv:2: as_at: update as at 2018-03-01 is before nat-2018 was published (2018-03-22)"
    ]


def test_due_on_must_follow_by_month(mini_copy):
    edit(
        mini_copy,
        "recommendations.csv",
        "By October 2018,2018-10-31,inspectorate,prevention,ACC Local",
        "By October 2018,2018-10-01,inspectorate,prevention,ACC Local",
    )
    assert problems(mini_copy) == [
        'recommendations.csv:2: due_on: is 2018-10-01, but "By October 2018" means 2018-10-31'
    ]


def test_due_on_must_follow_within_months(mini_copy):
    edit(
        mini_copy,
        "recommendations.csv",
        "within three months,2018-06-22",
        "within three months,2018-06-30",
    )
    assert problems(mini_copy) == [
        'recommendations.csv:6: due_on: is 2018-06-30, but "within three months" from publication '
        "on 2018-03-22 means 2018-06-22"
    ]


def test_due_on_needs_a_source(mini_copy):
    edit(mini_copy, "recommendations.csv", "2018-06-22,inspectorate", "2018-06-22,")
    assert problems(mini_copy) == [
        "recommendations.csv:6: due_source: empty, but due_on is 2018-06-22 "
        "(say who set it: inspectorate or force)"
    ]


def test_rag_file_must_define_every_code(mini_copy):
    edit(mini_copy, "rag.csv", "blue,Blue,Complete,#1565C0,4\n", "")
    assert "rag.csv:1: rag: code blue is missing: every code must be defined" in problems(mini_copy)


def test_too_many_cells_on_a_line(mini_copy):
    edit(mini_copy, "meetings.csv", "March meeting", "March meeting,extra")
    [line] = problems(mini_copy)
    assert line.startswith("meetings.csv:2: *: wrong number of cells")


def test_missing_column_in_header(mini_copy):
    path = mini_copy / "rag.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(",".join(x.split(",")[:4]) for x in lines) + "\n")
    assert problems(mini_copy) == [
        "rag.csv:1: display_order: required column missing from the header"
    ]


def test_missing_file(mini_copy):
    (mini_copy / "meetings.csv").unlink()
    assert problems(mini_copy) == ["meetings.csv:1: *: file not found"]


def test_file_not_utf8_is_named(mini_copy):
    path = mini_copy / "forces.csv"
    # What Excel's plain "CSV" writes for a name with an accent: Windows-1252, not UTF-8.
    path.write_bytes(path.read_bytes().replace(b"Gwent Police", "Heddlu Gwent é".encode("cp1252")))
    [line] = problems(mini_copy)
    assert line == "forces.csv:3: name: file is not UTF-8 (save it as 'CSV UTF-8' from Excel)"


def test_excel_csv_with_bom_and_crlf_is_accepted(mini_copy):
    for path in mini_copy.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert problems(mini_copy) == []


def test_extra_columns_are_allowed(mini_copy):
    path = mini_copy / "meetings.csv"
    lines = path.read_text().splitlines()
    path.write_text(
        "\n".join([lines[0] + ",venue"] + [x + ",Lloyd House" for x in lines[1:]]) + "\n"
    )
    assert problems(mini_copy) == []


@pytest.mark.parametrize("folder_ok", [True, False])
def test_cli_exit_code_and_format(mini_copy, capsys, folder_ok):
    if not folder_ok:
        edit(mini_copy, "updates.csv", "in_progress,green,Review", "in_progress,purple,Review")
    code = cli.main(["validate", str(mini_copy)])
    out = capsys.readouterr().out
    if folder_ok:
        assert code == 0 and out.startswith("OK:")
    else:
        assert code == 1
        assert out.splitlines() == [
            "updates.csv:3: rag: 'purple' is not one of: red, amber, green, blue, white"
        ]


# --- the optional narrative table ---------------------------------------------------------------

NARRATIVE_HEADER = "meeting_id,section,inspection_id,theme,display_order,text,source\n"


def test_narrative_may_be_absent(mini_copy):
    assert not (mini_copy / "narrative.csv").exists()
    assert problems(mini_copy) == []
    assert (
        db.load(mini_copy)
        .query("table_row_counts")
        .set_index("table_name")
        .loc["narrative", "row_count"]
        == 0
    )


def test_narrative_rows_are_checked_like_any_table(mini_copy):
    meeting = (mini_copy / "meetings.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    (mini_copy / "narrative.csv").write_text(
        NARRATIVE_HEADER
        + f"{meeting},background,,,1,The register is shared.,meeting:{meeting}\n"
        + f"{meeting},report,,,1,What the report is.,meeting:{meeting}\n"
        + f"{meeting},area,,no_such_theme,2,A remark.,meeting:{meeting}\n"
        + f"{meeting},preface,,,3,A preface.,a leaflet\n"
        + f"no-meeting,background,,,1,Lost.,meeting:{meeting}\n",
        encoding="utf-8",
    )
    assert problems(mini_copy) == [
        "narrative.csv:3: inspection_id: a report paragraph must name the report (inspection_id) "
        "it is about",
        "narrative.csv:4: theme: 'no_such_theme' is not a known peel_areas.theme",
        "narrative.csv:5: section: 'preface' is not one of: background, report, response, area",
        "narrative.csv:5: source: 'a leaflet' is neither a web address nor meeting:<a meeting_id>",
        "narrative.csv:6: meeting_id: 'no-meeting' is not a known meetings.meeting_id",
    ]
