"""Findings named as a committee names them (queries/derived/finding_names.sql): the report's short
name and the finding's number as the report gives it, the kind in its own column, on every list;
a record id is never the Reference; overdue said one way ("92 days overdue")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from oversight import paper
from tests import drawn

ROOT = Path(__file__).resolve().parents[1]
JUNE = dt.date(2018, 6, 28)


def _names(ds) -> dict[str, str]:
    """The table queries/derived/finding_names.sql builds at load ("derived/finding_names")."""
    return dict(ds.cursor().execute("select rec_id, finding_name from finding_names").fetchall())


def test_the_bundled_findings_are_named_as_the_committee_names_them(bundled):
    names = _names(bundled)
    assert names["wmp-peel2017nat-r02"] == "PEEL 2017 national · R2"
    assert names["wmp-oote-2015-r04"] == "Online and on the edge · R4"
    assert names["wmp-peel-2016-afi03"] == "PEEL 2016 effectiveness · AFI 3"
    assert names["wmp-peel-2016-coc02"] == "PEEL 2016 effectiveness · Cause of concern 2"
    assert names["wmp-yot-oocd-r05"] == "Youth out-of-court disposals · R5"
    assert len(set(names.values())) == len(names) == 34  # each names one finding


def test_a_report_without_a_short_name_is_named_by_its_title(mini):
    # The mini fixture's inspections.csv has no short_name column: the title stands in.
    names = _names(mini)
    assert names["r2"] == "National overview · R2"
    assert names["c1r1"] == "WMP effectiveness 2016 · C1.1"


def _frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe] + drawn.static_tables(at)


def test_every_list_names_findings_and_says_overdue_one_way(monkeypatch):
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    assert not at.exception
    seen = []
    for page in ("pages/overview.py", "pages/recommendations.py", "pages/timeline.py"):
        at.switch_page(page).run()
        assert not at.exception
        for frame in _frames(at):
            for column in ("Reference", "item"):
                if column in frame.columns:
                    values = frame[column].astype(str)
                    assert not values.str.startswith("wmp-").any(), (page, list(values))
                    seen += list(values)
            # overdue is said in words, never as a negative number of days
            assert not {"Days to due", "Days overdue", "Days left"} & set(frame.columns), page
    assert "Online and on the edge · R4" in seen
    assert "PEEL 2017 national · R2" in seen
    at.switch_page("pages/overview.py").run()
    flagged = next(f for f in _frames(at) if "Why listed" in f.columns)
    assert list(flagged["When due"])[0] == "1000 days overdue"
    assert list(flagged["Kind"])[0] == "Recommendation"
    due = next(f for f in _frames(at) if "Deadline as written" in f.columns)
    assert list(due["When due"]) == ["in 94 days", "in 94 days", "in 125 days"]


def test_the_pack_s_tables_name_findings_with_their_kind(bundled):
    pack = paper.build(bundled, JUNE)
    tables = [
        b
        for s in pack.sections
        for b in s.blocks
        if isinstance(b, paper.Table) and "Reference" in b.columns
    ]
    assert tables, "the pack lists findings in a table"
    for table in tables:
        assert table.columns[:2] == ("Reference", "Kind")
        assert not any(str(r[0]).startswith("wmp-") for r in table.rows)
    overdue = tables[0]
    assert overdue.rows[0][:2] == ("Online and on the edge · R4", "Recommendation")
