"""oversight/static_table.py: the cells of a static table are Markdown that shows the data as
written, dates as a paper writes them, links the app built, and RAG words on badges."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from oversight import static_table, vocabulary
from tests.drawn import plain
from tests.golden import shown

RAG = vocabulary.RagScale.from_frame(
    pd.DataFrame(
        {
            "rag": ["red", "amber", "green", "blue", "white"],
            "label": ["Red", "Amber", "Green", "Blue", "White"],
            "meaning": [""] * 5,
            "colour": ["#C62828", "#F9A825", "#A5D6A7", "#1565C0", "#FFFFFF"],
            "display_order": [1, 2, 3, 4, 5],
        }
    )
)
HOSTILE = "`code` ![x](https://evil.invalid/x.png) <b>x</b> [sign in](https://evil.invalid) *a*"


def test_text_from_the_data_shows_as_written_and_never_acts():
    frame = pd.DataFrame({"Finding": [HOSTILE, None], "Days": [214, None]})
    cells = static_table.cells(frame)
    written = cells.loc[0, "Finding"]
    assert shown(written) == HOSTILE
    # every Markdown character escaped: no link, image, code span, tag or emphasis survives
    assert "](" not in written.replace("\\]\\(", "") and "\\`code\\`" in written
    assert "\\<b\\>" in written and "\\*a\\*" in written
    assert list(cells["Days"]) == ["214", "—"]
    assert cells.loc[1, "Finding"] == "—"


def test_dates_read_as_a_committee_paper_writes_them():
    frame = pd.DataFrame({"Due": [pd.Timestamp("2018-09-30"), dt.date(2015, 10, 2), pd.NaT]})
    assert list(static_table.cells(frame, dates=["Due"])["Due"]) == [
        "30 Sep 2018",
        "2 Oct 2015",
        "—",
    ]


def test_a_link_reads_its_words_and_its_address_cannot_break_out():
    frame = pd.DataFrame({"Record": ["recommendations?rec=a(b) c]&as_at=2018-06-28", None]})
    cells = static_table.cells(frame, links={"Record": "Open record"})
    assert cells.loc[0, "Record"] == (
        "[Open record](recommendations?rec=a%28b%29%20c%5D&as_at=2018-06-28)"
    )
    assert plain(cells.loc[0, "Record"]) == "Open record"
    assert cells.loc[1, "Record"] == "—"


def test_rag_words_sit_on_badges_of_their_grades_colour():
    frame = pd.DataFrame({"RAG": ["Red", "● Amber", ["Green"], "Blue", "White", None, "Purple"]})
    cells = list(static_table.cells(frame, rag=RAG)["RAG"])
    assert cells == [
        ":red-badge[Red]",
        ":orange-badge[Amber]",
        ":green-badge[Green]",
        ":blue-badge[Blue]",
        ":gray-badge[White]",
        "—",
        "Purple",  # not a grade of the scale: the word as text, no colour claimed
    ]
    assert [plain(c) for c in cells[:5]] == ["Red", "Amber", "Green", "Blue", "White"]


def test_badge_colours_follow_the_fill():
    assert static_table.badge_colour("#C62828") == "red"
    assert static_table.badge_colour("#7B1FA2") == "violet"
    assert static_table.badge_colour("#9E9E9E") == "gray"
    assert static_table.badge_colour("not a colour") == "gray"


def test_columns_come_in_the_order_asked_and_unknown_ones_are_left_out():
    frame = pd.DataFrame({"a": [1], "b": [2], "c": [3]})
    assert list(static_table.cells(frame, columns=["c", "a", "missing"]).columns) == ["c", "a"]


def test_a_sources_web_address_is_a_link_and_any_other_scheme_is_not_followed():
    cells = static_table.cells(
        pd.DataFrame(
            {
                "Link": [
                    "https://www.westmidlands-pcc.gov.uk/response (2018).pdf",
                    "javascript:alert(1)",
                    "data:text/html,<script>x</script>",
                ]
            }
        ),
        links={"Link": "Open"},
    )
    assert list(cells["Link"]) == [
        "[Open](https://www.westmidlands-pcc.gov.uk/response%20%282018%29.pdf)",
        "[Open](javascript%3Aalert%281%29)",  # relative to the page: nothing runs
        "[Open](data%3Atext/html%2C%3Cscript%3Ex%3C/script%3E)",
    ]
