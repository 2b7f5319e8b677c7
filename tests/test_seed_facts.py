"""The bundled data reproduces the committee paper of 28 June 2018, read through the query layer."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

AS_AT = dt.date(2018, 6, 28)


def test_bundled_data_is_valid(bundled):
    assert [str(p) for p in bundled.problems] == []


@pytest.fixture(scope="module")
def state(bundled) -> pd.DataFrame:
    return bundled.query("rec_state_as_at", as_at=AS_AT, force_id="wmp").set_index("rec_id")


def test_latest_as_at_is_the_meeting(bundled):
    assert bundled.query("latest_as_at")["latest_as_at"].iloc[0].date() == AS_AT


def _recommendations_by_inspection(state: pd.DataFrame) -> pd.Series:
    return state[state["kind"] == "recommendation"].groupby("inspection_id").size()


def test_twenty_recommendations_across_the_three_reports(state):
    counts = _recommendations_by_inspection(state)
    assert counts["peel-2017-effectiveness-national"] == 3
    assert counts["yot-oocd-2018"] == 5
    assert counts["oote-2015"] == 12
    assert counts[["peel-2017-effectiveness-national", "yot-oocd-2018", "oote-2015"]].sum() == 20


@pytest.mark.parametrize(
    "rec_id, due_on, deadline_text, lead, tactical, board",
    [
        (
            "wmp-peel2017nat-r01",
            "2018-10-31",
            "By October 2018",
            "ACC Local Policing",
            "CI Jason Anderson",
            "Local Policing Governance Board",
        ),
        (
            "wmp-peel2017nat-r02",
            "2018-09-30",
            "By September 2018",
            "ACC Crime",
            "DCS Mark Payne",
            "Detective Strategy Board",
        ),
        (
            "wmp-peel2017nat-r03",
            "2018-09-30",
            "By September 2018",
            "ACC Crime",
            "Supt Paul Minor",
            "Crime Governance Board",
        ),
    ],
)
def test_the_2017_overview_recommendations(
    state, rec_id, due_on, deadline_text, lead, tactical, board
):
    rec = state.loc[rec_id]
    assert rec["due_on"].date().isoformat() == due_on
    assert rec["deadline_text"] == deadline_text
    assert rec["chief_officer_lead"] == lead
    assert rec["tactical_lead"] == tactical
    assert rec["governance_board"] == board
    assert rec["due_source"] == "inspectorate"
    assert rec["addressed_to"] == "all_forces"


def test_detectives_recommendation_text_is_verbatim(state):
    text = state.loc["wmp-peel2017nat-r02", "text"]
    assert text.startswith("By September 2018, all forces with a shortage in qualified detectives")
    assert "advice on the areas each plan should cover by April 2018." in text


def test_no_recommendation_is_red_as_at_the_meeting(state):
    assert (state["rag"] == "red").sum() == 0
    # overdue: the twelve Online and on the edge recommendations (published 2 July 2015) and the
    # 2016 recommendations to act "immediately", due on publication
    overdue = sorted(state.index[state["is_overdue"]])
    assert overdue == [f"wmp-oote-2015-r{n:02d}" for n in range(1, 13)] + [
        "wmp-peel-2016-r01",
        "wmp-peel-2016-r02",
    ]


def test_youth_out_of_court_recommendations_are_for_chief_constables(state):
    yot = state[state["inspection_id"] == "yot-oocd-2018"]
    assert len(yot) == 5
    assert set(yot["addressed_to"]) == {"chief_constables"}
    assert yot["text"].str.startswith("Make sure that").all()


def test_state_of_policing_2018_has_no_recommendations(bundled, state):
    assert "state-of-policing-2018" not in set(state["inspection_id"])
    sources = bundled.query("inspection_sources", limit=None, offset=0).set_index("inspection_id")
    assert sources.loc["state-of-policing-2018", "published_on"].date() == dt.date(2018, 6, 12)


def test_missing_children_cause_of_concern_became_an_area_for_improvement(state):
    assert state.loc["wmp-peel-2016-coc02", "status"] == "superseded"
    assert state.loc["wmp-peel-2017-afi01", "supersedes_rec_id"] == "wmp-peel-2016-coc02"
    assert state.loc["wmp-peel-2017-afi01", "kind"] == "area_for_improvement"


EXPECTED_EFFECTIVENESS = {
    "prevention": "Good",
    "investigation": "Good",
    "vulnerability": "Requires improvement",
    "serious_organised_crime": "Good",
    "specialist_capabilities": "Ungraded",
    "overall": "Good",
}


@pytest.mark.parametrize("cycle", ["2015", "2016"])
def test_effectiveness_grades_2015_and_2016(bundled, cycle):
    # the grade matrix the PEEL grades page draws
    grades = bundled.query("peel_grade_matrix", force_id="wmp", show_all_areas=False)
    eff = grades[(grades["cycle"] == cycle) & (grades["row_pillar"] == "effectiveness")]
    assert dict(zip(eff["theme"], eff["grade"], strict=True)) == EXPECTED_EFFECTIVENESS
    assert eff["source_url"].notna().all()


# --- positions and notes about the sources, apart -------------------------------------------------


def _paper_words() -> str:
    """The committee paper as one run of words (its bold marks and page breaks dropped)."""
    from oversight.db import DEFAULT_DATA_DIR

    text = (DEFAULT_DATA_DIR / "sources" / "jac-2018-06-28-hmicfrs-update.txt").read_text(
        encoding="utf-8"
    )
    return " ".join(text.replace("**", "").split())


@pytest.fixture(scope="module")
def paper_updates(bundled) -> pd.DataFrame:
    return (
        bundled.cursor()
        .execute(
            "select rec_id, note, source_note from updates where source = 'meeting:jac-2018-06-28'"
        )
        .df()
    )


def test_no_position_carries_a_note_about_its_source(paper_updates):
    notes = paper_updates["note"].dropna()
    assert not notes.str.contains("No RAG grade given").any()
    assert not notes.str.contains("the paper", case=False).any()
    # ...and the note about the RAG grade is kept, in its own column, for every row.
    assert paper_updates["source_note"].str.startswith("No RAG grade given in the paper").all()


def test_every_position_from_the_paper_is_the_papers_own_words(paper_updates):
    paper = _paper_words()
    for row in paper_updates.dropna(subset=["note"]).itertuples():
        for paragraph in row.note.split("\n"):
            assert " ".join(paragraph.split()) in paper, (row.rec_id, paragraph[:60])


def test_youth_recommendations_keep_what_the_paper_says(paper_updates):
    yot = paper_updates[paper_updates["rec_id"].str.startswith("wmp-yot-oocd-")]
    assert len(yot) == 5
    assert yot["note"].str.contains("being reviewed by the FET lead and tactical lead").all()


def test_narrative_holds_the_background_paragraphs_verbatim(bundled):
    narrative = (
        bundled.cursor()
        .execute(
            "select section, display_order, text from narrative "
            "where meeting_id = 'jac-2018-06-28' order by section, display_order"
        )
        .df()
    )
    paper = _paper_words()
    assert all(" ".join(t.split()) in paper for t in narrative["text"])
    background = narrative[narrative["section"] == "background"]["text"].tolist()
    assert [t.split(".")[0] for t in background] == [
        "For some time HMICFRS have been developing a recommendations register which has now been "
        "shared with forces to allow them to check factual accuracy and to test the system",
        "Supported by the recommendations register, the new process of monitoring forces has yet "
        "to be confirmed although it is expected that this will be introduced shortly",
    ]
