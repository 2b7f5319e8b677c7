"""The deadline rule (oversight/deadline_rule.py), each wording pinned with deadlines as real reports
write them, and every user of a due date reading it from that one function."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from oversight import db, deadline_rule
from oversight.deadline_rule import NO_PUBLICATION, compute, due_on, find

DATA = Path(__file__).resolve().parents[1] / "data"
PAPER = DATA / "sources" / "jac-2018-06-28-hmicfrs-update.txt"
D = dt.date

# The committee paper's recommendations (data/sources/jac-2018-06-28-hmicfrs-update.txt) and the
# HMICFRS recommendations register's 2016 West Midlands recommendations (data/README.md, sources).
PEEL_2017_NATIONAL = D(2018, 3, 22)  # "published on 22nd March 2018" (the paper)
PEEL_2016_WMP = D(2017, 3, 2)  # the HMICFRS force page, "Last updated 02/03/2017"


@pytest.mark.parametrize(
    ("sentence", "deadline", "published_on", "due"),
    [
        # By <Month YYYY>: the month's last day, whatever the publication date
        (
            "By October 2018, all forces should review their own approach to neighbourhood "
            "policing",
            "By October 2018",
            PEEL_2017_NATIONAL,
            D(2018, 10, 31),
        ),
        (
            "By September 2018, all forces with a shortage in qualified detectives and/or other "
            "investigators should develop an action plan.",
            "By September 2018",
            PEEL_2017_NATIONAL,
            D(2018, 9, 30),
        ),
        (
            "By September 2018, all forces should review how they are implementing changes to "
            "pre-charge police bail",
            "By September 2018",
            None,
            D(2018, 9, 30),
        ),
        # immediately: the publication date
        (
            "To address this cause of concern the force should immediately review its approach "
            "to reports of missing children",
            "immediately",
            PEEL_2016_WMP,
            D(2017, 3, 2),
        ),
        (
            "To address this cause of concern, HMIC recommends the force should immediately take "
            "steps to ensure that:",
            "immediately",
            PEEL_2016_WMP,
            D(2017, 3, 2),
        ),
        # within N months, in words or digits: publication + N months (the Online and on the
        # edge report's dates are unknown, so a publication date is supposed here)
        (
            "We recommend that, within six months, forces ensure relevant officers have access to "
            "social media applications",
            "within six months",
            D(2015, 6, 30),
            D(2015, 12, 30),
        ),
        (
            "We recommend, that within nine months, forces review the management of online child "
            "exploitation investigations",
            "within nine months",
            D(2015, 6, 30),
            D(2016, 3, 30),
        ),
        (
            "We recommend that, within three months, forces review tenure policies and succession "
            "planning",
            "within three months",
            D(2015, 6, 30),
            D(2015, 9, 30),
        ),
        (
            "We recommend, that within 12 months, forces, working with the national policing lead, "
            "consider ways to ensure that a good practice regime is introduced",
            "within 12 months",
            D(2015, 6, 30),
            D(2016, 6, 30),
        ),
    ],
)
def test_deadlines_as_the_paper_and_the_register_write_them(sentence, deadline, published_on, due):
    assert sentence.replace("  ", " ") in " ".join(PAPER.read_text().split()) or (
        "immediately" in sentence
    )
    assert find(sentence) == deadline
    assert due_on(deadline, published_on) == due


@pytest.mark.parametrize(
    ("deadline", "published_on", "due"),
    [
        ("By 30 September 2021", None, D(2021, 9, 30)),
        ("by 30 September 2021", D(2021, 4, 1), D(2021, 9, 30)),
        ("By 31st March 2019", None, D(2019, 3, 31)),
        ("By 1st April 2022", None, D(2022, 4, 1)),
        ("By the end of March 2019", None, D(2019, 3, 31)),
        ("Within three months", D(2018, 3, 22), D(2018, 6, 22)),
        ("within six months of publication", D(2018, 3, 22), D(2018, 9, 22)),
        ("within 6 months of the publication of this report", D(2018, 3, 22), D(2018, 9, 22)),
        ("within 4 weeks", D(2018, 3, 22), D(2018, 4, 19)),
        ("within 28 days", D(2018, 3, 22), D(2018, 4, 19)),
        ("with immediate effect", D(2018, 3, 22), D(2018, 3, 22)),
        ("Immediately.", D(2018, 3, 22), D(2018, 3, 22)),
        # a month without the day: the month's last day
        ("within six months", D(2018, 8, 31), D(2019, 2, 28)),
        ("within six months", D(2019, 8, 31), D(2020, 2, 29)),
    ],
)
def test_each_wording(deadline, published_on, due):
    assert due_on(deadline, published_on) == due


def test_no_date_and_why():
    assert compute(None, D(2018, 3, 22)) == deadline_rule.Due(None, None, None)
    assert compute("", None).due_on is None
    # a relative deadline needs the publication date (Online and on the edge: not known)
    unknown = compute("within six months", None)
    assert (unknown.due_on, unknown.reason, unknown.counts_from_publication) == (
        None,
        NO_PUBLICATION,
        True,
    )
    assert compute("immediately", None).reason == NO_PUBLICATION
    # a wording the rule does not read has no date, and says so
    for words in ("As soon as possible", "by April", "within the next year", "Autumn 2018"):
        assert compute(words, D(2018, 3, 22)).due_on is None
        assert compute(words, D(2018, 3, 22)).reason.startswith("Not a wording the deadline rule")
    assert compute("By 31 February 2020", None).reason == "February 2020 has no day 31"
    # find() gives the deadline a sentence states, and nothing when it states none
    assert find("Make sure that out-of-court disposals are reviewed.") is None


def test_the_bundled_data_follows_the_rule():
    published = {
        row["inspection_id"]: row["published_on"]
        for row in csv.DictReader((DATA / "inspections.csv").open(encoding="utf-8"))
    }
    checked = 0
    for row in csv.DictReader((DATA / "recommendations.csv").open(encoding="utf-8")):
        if not row["deadline_text"]:
            continue
        pub = published[row["inspection_id"]]
        due = due_on(row["deadline_text"], D.fromisoformat(pub) if pub else None)
        assert (due.isoformat() if due else "") == row["due_on"], row["rec_id"]
        checked += 1
    assert checked == 17


def test_validation_and_the_timeline_read_the_rule_itself(mini_copy, monkeypatch):
    """Changing how "within N months" is counted is a change to one function: the SQL check and
    the timeline receive its results."""
    assert db.validate(mini_copy) == []
    monkeypatch.setattr(deadline_rule, "add_months", lambda day, months: day)
    assert [str(p) for p in db.validate(mini_copy)] == [
        'recommendations.csv:6: due_on: is 2018-06-22, but "within three months" from '
        "publication on 2018-03-22 means 2018-03-22",
        'recommendations.csv:8: due_on: is 2017-09-02, but "within six months" from '
        "publication on 2017-03-02 means 2017-03-02",
    ]


def test_the_loaded_table_the_sql_joins(mini):
    rows = mini.cursor().execute(
        "select deadline_text, published_on, due_on, counts_from_publication, why_no_date "
        "from deadline_due_dates order by deadline_text, published_on"
    )
    assert rows.fetchall() == [
        ("By October 2018", D(2018, 3, 22), D(2018, 10, 31), False, None),
        ("By September 2018", D(2018, 3, 22), D(2018, 9, 30), False, None),
        ("within six months", D(2017, 3, 2), D(2017, 9, 2), True, None),
        ("within three months", D(2018, 3, 22), D(2018, 6, 22), True, None),
    ]
