"""Recommendations explorer: its queries (golden on the mini fixture), the parsing and validation
of URL values, and the page on the bundled data (filters in the URL, hostile values, records)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import db, explorer, vocabulary
from tests.golden import rows

ROOT = Path(__file__).resolve().parents[1]
JUNE = dt.date(2018, 6, 28)
JULY = dt.date(2018, 7, 15)
HOSTILE = "' OR 1=1 --"


def explorer_rows(ds: db.Dataset, as_at=JUNE, force_id="wmp", **filters):
    """The explorer's rows for these filters; the filter tests see every finding, open and
    completed, by due date (the page's own defaults are tested on their own below)."""
    filters = {"closed": True, "sort": "due", **filters}
    return ds.query(
        "explorer_rows",
        as_at=as_at,
        force_id=force_id,
        **explorer.Filters(**filters).query_params(),
    )


# --- queries (golden on the mini fixture) ----------------------------------------------------


def test_the_explorer_opens_on_open_work_the_most_urgent_first(mini_copy):
    # Two more open findings: one red and not yet due, one with no due date.
    with open(mini_copy / "recommendations.csv", "a", encoding="utf-8") as fh:
        fh.write("r4,nat-2018,wmp,R4,recommendation,all_forces,Red item,,2019-01-31,force,,,,,\n")
        fh.write("r5,nat-2018,wmp,R5,recommendation,all_forces,Green item,,2018-07-31,force,,,,,\n")
    with open(mini_copy / "updates.csv", "a", encoding="utf-8") as fh:
        fh.write("u41,r4,2018-06-28,in_progress,red,Off track,Analyst,2018-06-28,\n")
        fh.write("u51,r5,2018-06-28,in_progress,green,On track,Analyst,2018-06-28,\n")
    ds = db.load(mini_copy)
    assert ds.problems == []
    got = ds.query("explorer_rows", as_at=JUNE, force_id="wmp", **explorer.Filters().query_params())
    # overdue first (r3), then red (r4), then due soonest (r5, r2, r1), then no due date (c1);
    # the closed c1r1 is left out unless asked for
    assert list(got["rec_id"]) == ["r3", "r4", "r5", "r2", "r1", "c1"]
    assert set(got["total_rows"]) == {6}
    everything = explorer.Filters(closed=True).query_params()
    assert "c1r1" in set(
        ds.query("explorer_rows", as_at=JUNE, force_id="wmp", **everything)["rec_id"]
    )
    # A sort orders every match, not one page: the second page of two continues the order.
    pages = [
        ds.query(
            "explorer_rows",
            as_at=JUNE,
            force_id="wmp",
            **explorer.Filters(sort="reference").query_params(limit=2, offset=offset),
        )
        for offset in (0, 2, 4)
    ]
    ordered = [ref for page in pages for ref in page["reference"]]
    assert ordered == sorted(ordered)
    assert len(ordered) == 6


def test_a_status_filter_counts_against_every_finding(options):
    # "Status: Closed" lists completed findings, so the line does not call them open
    closed_only, _ = explorer.parse({"status": "closed"}, options)
    assert closed_only.with_completed
    line = explorer.count_line(1, 34, [("Status", "Closed")], closed_only, "28 June 2018")
    assert line == "**1** of 34 findings, open and completed, match: Status: Closed."
    assert not explorer.Filters().with_completed


def test_the_order_is_said_in_words():
    assert explorer.sort_phrase("urgent") == (
        "Most urgent first (overdue, then red, then due soonest)"
    )
    assert explorer.sort_phrase("due") == "Due soonest first"
    assert explorer.sort_phrase("nonsense") == explorer.sort_phrase("urgent")


def test_sort_and_completed_are_in_the_url_and_checked(options):
    filters, notices = explorer.parse({"sort": "due", "closed": "true"}, options)
    assert (filters.sort, filters.closed) == ("due", True)
    assert filters.url_params() == {"closed": ["true"], "sort": ["due"]}
    assert explorer.Filters().url_params() == {}  # the defaults leave the URL bare
    bad, notices = explorer.parse({"sort": "drop table"}, options)
    assert bad.sort == explorer.DEFAULT_SORT
    assert [n.param for n in notices] == ["sort"]


def test_explorer_rows_without_filters(mini):
    got = explorer_rows(mini)
    assert rows(
        got, ["rec_id", "reference", "chief_officer_lead", "due_on", "days_to_due", "status", "rag"]
    ) == [
        ("c1r1", "WMP effectiveness 2016 · C1.1", "ACC Security", "2017-09-02", None, "closed", "blue"),
        ("r3", "National overview · R3", "ACC Crime", "2018-06-22", -6, "in_progress", "green"),
        ("r2", "National overview · R2", "ACC Crime", "2018-09-30", 94, "in_progress", "amber"),
        ("r1", "National overview · R1", "ACC Local Policing", "2018-10-31", 125, "in_progress", "green"),
        ("c1", "WMP effectiveness 2016 · C1", None, None, None, "in_progress", "amber"),
    ]  # fmt: skip
    # the report's name (its title: the mini fixture has no short names) and the finding's number
    # n1 is addressed to a national body: not the force's workload, so listed only when asked for.
    assert "n1" not in set(got["rec_id"])
    assert got["short_text"].iloc[2] == "Detectives plan: - demand; and - workforce"
    assert got["text"].iloc[2] == "Detectives plan:\n- demand; and\n- workforce"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"owner": "ACC Crime"}, ["r3", "r2"]),
        ({"owner": "unallocated"}, ["c1"]),
        ({"tactical": "DCS B"}, ["r2"]),
        ({"board": "Board A"}, ["r1"]),
        ({"inspection": "wmp-2016"}, ["c1r1", "c1"]),
        ({"kind": ("cause_of_concern",)}, ["c1"]),
        ({"addressed": ("national_body",)}, ["n1"]),
        ({"addressed": ("force", "national_body")}, ["c1r1", "n1", "c1"]),
        ({"status": ("closed",)}, ["c1r1"]),
        ({"rag": ("green", "blue")}, ["c1r1", "r3", "r1"]),
        ({"area": "investigation"}, ["r3", "r2"]),
        ({"overdue": True}, ["r3"]),
        ({"due_from": dt.date(2018, 6, 1), "due_to": dt.date(2018, 9, 30)}, ["r3", "r2"]),
        ({"q": "AS SOON"}, ["r1"]),  # case-insensitive, in the text
        ({"q": "drafted"}, ["r2"]),  # in the latest note
        ({"q": "c1.1"}, ["c1r1"]),  # in the reference
        ({"q": "100%"}, []),  # a LIKE wildcard is just a character
        ({"owner": "ACC Crime", "rag": ("amber",)}, ["r2"]),
    ],
)
def test_explorer_rows_filters(mini, filters, expected):
    assert list(explorer_rows(mini, **filters)["rec_id"]) == expected


def test_explorer_rows_as_at_july_and_for_gwent(mini):
    july = explorer_rows(mini, as_at=JULY, rag=("red",))
    assert rows(july, ["rec_id", "days_to_due", "days_overdue", "is_overdue"]) == [
        ("r3", -23, 23, True)
    ]
    assert list(explorer_rows(mini, force_id="gwent")["rec_id"]) == ["g1"]
    assert len(explorer_rows(mini, force_id=None)) == 6


def test_a_hostile_value_is_bound_not_run(mini):
    assert explorer_rows(mini, owner=HOSTILE).empty
    assert explorer_rows(mini, q=HOSTILE).empty
    assert len(explorer_rows(mini)) == 5


def test_explorer_options(mini):
    options = mini.query("explorer_options", force_id="wmp")
    assert rows(options[options["param"] != "rec"]) == [
        ("area", "investigation", "investigation", 2),
        ("area", "prevention", "prevention", 1),
        ("area", "vulnerability", "vulnerability", 2),
        ("board", "Board A", "Board A", 1),
        ("board", "Board B", "Board B", 1),
        ("inspection", "nat-2018", "National overview", 4),
        ("inspection", "wmp-2016", "WMP effectiveness 2016", 2),
        ("owner", "ACC Crime", "ACC Crime", 2),
        ("owner", "ACC Local Policing", "ACC Local Policing", 1),
        ("owner", "ACC Security", "ACC Security", 1),
        ("owner", "unallocated", "No chief officer lead", 2),
        # the RAG grades with the data's own words (rag.csv), in its display order
        ("rag", "red", "Red", None),
        ("rag", "amber", "Amber", None),
        ("rag", "green", "Green", None),
        ("rag", "blue", "Blue", None),
        ("rag", "white", "White", None),
        ("tactical", "CI A", "CI A", 1),
        ("tactical", "DCS B", "DCS B", 1),
    ]
    recs = options[options["param"] == "rec"]
    assert sorted(recs["value"]) == ["c1", "c1r1", "n1", "r1", "r2", "r3"]
    assert dict(zip(recs["value"], recs["label"], strict=True))["r2"] == "National overview · R2"


def test_rec_record(mini):
    record = mini.query("rec_record", as_at=JUNE, force_id="wmp", rec_id="r2")
    assert rows(
        record,
        [
            "reference",
            "kind",
            "deadline_text",
            "due_on",
            "due_source",
            "days_to_due",
            "is_open",
            "chief_officer_lead",
            "tactical_lead",
            "governance_board",
            "status",
            "rag",
            "note",
        ],
    ) == [
        (
            "National overview · R2",
            "recommendation",
            "By September 2018",
            "2018-09-30",
            "inspectorate",
            94,
            True,
            "ACC Crime",
            "DCS B",
            "Board B",
            "in_progress",
            "amber",
            "Plan drafted",
        )
    ]
    # Another force's record, or one not yet issued, is not shown.
    assert mini.query("rec_record", as_at=JUNE, force_id="gwent", rec_id="r2").empty
    assert mini.query("rec_record", as_at=dt.date(2018, 1, 1), force_id="wmp", rec_id="r2").empty


def test_rec_family(mini):
    child = mini.query("rec_family", as_at=JUNE, rec_id="c1r1", force_id="wmp")
    assert rows(child, ["relation", "rec_id", "reference", "status", "rag"]) == [
        ("parent", "c1", "WMP effectiveness 2016 · C1", "in_progress", "amber")
    ]
    parent = mini.query("rec_family", as_at=JUNE, rec_id="c1", force_id="wmp")
    assert rows(parent, ["relation", "rec_id", "kind", "status", "rag"]) == [
        ("child", "c1r1", "recommendation", "closed", "blue")
    ]
    assert mini.query("rec_family", as_at=JUNE, rec_id="r1", force_id="wmp").empty


def test_rec_history(mini):
    history = mini.query("rec_history", as_at=JULY, rec_id="r1")
    assert rows(history, ["as_at", "status", "rag", "note", "recorded_by", "later_updates"]) == [
        ("2018-06-28", "in_progress", "green", "Review under way", "Analyst", 0),
        ("2018-04-01", "awaiting_allocation", "white", "Not yet allocated", "Analyst", 0),
    ]
    june = mini.query("rec_history", as_at=JUNE, rec_id="r3")
    assert rows(june, ["as_at", "rag", "later_updates"]) == [("2018-06-28", "green", 1)]


# --- parsing URL values ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def options(mini) -> explorer.Options:
    return explorer.Options.from_frame(mini.query("explorer_options", force_id="wmp"))


def test_parse_valid_values(options):
    raw = {
        "owner": ["ACC Crime"],
        "tactical": "DCS B",
        "board": ["Board B"],
        "inspection": ["nat-2018"],
        "kind": ["recommendation"],
        "addressed": ["all_forces,force"],
        "status": ["in_progress", "pending_closure"],
        "rag": ["Amber", "red"],  # words are accepted as well as codes
        "area": ["investigation"],
        "overdue": ["true"],
        "due_from": ["2018-06-01"],
        "due_to": ["2018-12-31"],
        "q": ["  plan \t drafted "],
        "rec": ["r2"],
        "force": ["wmp"],  # not the explorer's: left to the sidebar
    }
    filters, notices = explorer.parse(raw, options)
    assert notices == []
    assert filters == explorer.Filters(
        inspection="nat-2018",
        kind=("recommendation",),
        addressed=("force", "all_forces"),
        status=("in_progress", "pending_closure"),
        rag=("red", "amber"),
        overdue=True,
        owner="ACC Crime",
        tactical="DCS B",
        board="Board B",
        area="investigation",
        due_from=dt.date(2018, 6, 1),
        due_to=dt.date(2018, 12, 31),
        q="plan drafted",
        rec="r2",
    )


def test_parse_drops_unknown_values_with_a_notice_naming_the_parameter(options):
    raw = {
        "owner": [HOSTILE],
        "inspection": ["nat-2018'; drop table recommendations; --"],
        "rag": ["red", "purple"],
        "overdue": ["maybe"],
        "due_from": ["28/06/2018"],
        "area": ["<script>alert(1)</script>"],
        "rec": ["r9"],
    }
    filters, notices = explorer.parse(raw, options)
    assert filters == explorer.Filters(rag=("red",))
    assert [n.param for n in notices] == [
        "inspection",
        "rag",
        "overdue",
        "owner",
        "area",
        "due_from",
        "rec",
    ]
    owner = next(n for n in notices if n.param == "owner")
    assert owner.value == HOSTILE
    assert owner.message() == (
        "Ignored `owner` = “\\' OR 1\\=1 \\-\\-”: no finding has that chief officer lead."
    )
    area = next(n for n in notices if n.param == "area").message()
    assert "<script>" not in area and "\\<script\\>" in area


def test_parse_empty_and_unallocated(options):
    filters, notices = explorer.parse({"owner": "unallocated", "q": "", "rag": [""]}, options)
    assert (filters, notices) == (explorer.Filters(owner="unallocated"), [])


def test_parse_text_is_cut_and_cleaned(options):
    filters, notices = explorer.parse({"q": "a\x00b" + "x" * 300}, options)
    assert filters.q == "a b" + "x" * (explorer.MAX_TEXT - 3)
    assert [n.param for n in notices] == ["q"]


def test_parse_due_to_before_due_from(options):
    filters, notices = explorer.parse({"due_from": "2018-09-01", "due_to": "2018-06-01"}, options)
    assert filters == explorer.Filters(due_from=dt.date(2018, 9, 1))
    assert [n.param for n in notices] == ["due_to"]


def test_url_round_trip(options):
    filters = explorer.Filters(
        owner="ACC Crime",
        rag=("red", "amber"),
        overdue=True,
        due_to=dt.date(2018, 9, 30),
        q="a & b",
    )
    link = explorer.url(filters)
    assert link == (
        "recommendations?rag=red&rag=amber&overdue=true&owner=ACC%20Crime"
        "&due_to=2018-09-30&q=a%20%26%20b"
    )
    from urllib.parse import parse_qs, urlsplit

    again, notices = explorer.parse(parse_qs(urlsplit(link).query), options)
    assert (again, notices) == (filters, [])
    assert explorer.url(explorer.Filters()) == "recommendations"


def test_link_context_keeps_the_view():
    assert explorer.link_context(JUNE, JUNE) == {}
    context = explorer.link_context(JUNE, JULY, "West Midlands Police")
    assert context == {"force": "West Midlands Police", "as_at": "2018-06-28"}
    assert explorer.url(explorer.Filters(rec="r3"), context=context) == (
        "recommendations?rec=r3&force=West%20Midlands%20Police&as_at=2018-06-28"
    )


def test_describe(options):
    filters = explorer.Filters(
        inspection="nat-2018", rag=("red", "amber"), owner="unallocated", area="investigation"
    )
    assert explorer.describe(filters, options) == [
        ("Inspection", "National overview"),
        ("RAG", "Red, Amber"),
        ("Chief officer lead", "No chief officer lead"),
        ("PEEL area", "Investigation"),
    ]


def test_table_frame_words_and_badges(mini):
    rag = vocabulary.rag_scale(mini)
    table = explorer.table_frame(explorer_rows(mini), rag)
    assert list(table.columns) == [
        "Reference",
        "RAG",
        "Finding",
        "Chief officer lead",
        "Tactical lead",
        "Due",
        "When due",
        "Status",
        "Kind",
        "Originally due",
        "Days slipped",
        "Inspection",
    ]
    # overdue said one way everywhere; the kind in its own column
    assert list(table["When due"])[:3] == ["—", "6 days overdue", "in 94 days"]
    assert list(table["Kind"])[:2] == ["Recommendation", "Recommendation"]
    assert list(table["Status"])[:2] == ["Closed", "In progress · overdue"]
    # A missing tactical lead is left missing: the page's table shows it as "—".
    assert table["Tactical lead"].isna().any()
    assert list(table["RAG"]) == ["● Blue", "● Green", "● Amber", "● Green", "● Amber"]
    # n1 (a national body's, asked for) has no position recorded: no RAG, and said so.
    national = explorer.table_frame(explorer_rows(mini, addressed=("national_body",)), rag)
    assert list(national["RAG"]) == ["Not recorded"]
    assert list(national["Status"]) == ["No position recorded"]
    pills = explorer.rag_pills(table)
    assert list(pills["RAG"])[:3] == [["● Blue"], ["● Green"], ["● Amber"]]
    assert list(table["RAG"])[0] == "● Blue"  # the table itself is left as it was
    words, colours = explorer.rag_pill_options(rag)
    assert set(table["RAG"]) | set(national["RAG"]) <= set(words)  # each word has its colour
    # rag.csv's amber, a shade lighter: Streamlit writes black on it, the readable text
    assert dict(zip(words, colours, strict=True))["● Amber"] == "#FAB84C"


def test_text_as_markdown_keeps_bullets_and_escapes():
    text = "Plan:\n- demand; and\n- [link](http://x)\nThen *this*."
    assert explorer.text_as_markdown(text) == (
        "Plan\\:\u2060\n\n- demand\\; and\n- \\[link\\]\\(http\\:\u2060\\/\\/x\\)\n\n"
        "Then \\*this\\*\\."
    )


def test_record_lines(mini):
    record = mini.query("rec_record", as_at=JUNE, force_id="wmp", rec_id="r3").iloc[0]
    assert explorer.record_heading(record) == (
        "National overview · R3: Recommendation",
        "National overview, published 22 March 2018 · addressed to all forces · record id r3",
    )
    rag = vocabulary.rag_scale(mini)
    facts = explorer.record_facts(record, rag)
    assert facts[1] == "**Deadline as written:** “within three months”"
    assert facts[2] == (
        "**Due date as computed:** 22 June 2018 (set by the inspectorate) · 6 days overdue"
    )
    history = explorer.history_lines(mini.query("rec_history", as_at=JULY, rec_id="r3"), rag)
    assert history == [
        "- **15 July 2018**: In progress · ● Red. Slipped. (recorded by Analyst)",
        "- **28 June 2018**: In progress · ● Green. Bail scrutinised. (recorded by Analyst)",
    ]
    family = explorer.family_lines(
        mini.query("rec_family", as_at=JUNE, rec_id="c1r1", force_id="wmp"), rag
    )
    assert family == [
        "- Made under cause of concern: [WMP effectiveness 2016 · C1](recommendations?rec=c1) "
        "Missing children "
        "(In progress · Amber)"
    ]


# --- the page on the bundled data ------------------------------------------------------------


def _explorer(monkeypatch, **params) -> AppTest:
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/recommendations.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def _count_line(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**"))


def test_explorer_opens_on_open_work_most_urgent_first(monkeypatch):
    at = _explorer(monkeypatch)
    assert at.title[0].value == "Recommendations"
    table = at.dataframe[0].value
    # the 30 open findings (the four superseded 2015 and 2016 ones left out), most urgent first:
    # the most overdue (Online and on the edge, due "within three months" of 2 July 2015)
    assert len(table) == 30
    assert _count_line(at) == "**30** open findings as at 28 June 2018. No filter is set."
    assert list(table["Reference"][:2]) == [
        "Online and on the edge · R4",
        "Online and on the edge · R7",
    ]
    assert list(table["When due"])[:2] == ["1000 days overdue"] * 2
    assert not table["Reference"].str.startswith("wmp-").any()  # never a record id
    # each RAG word on its coloured label (a one-word list: explorer.rag_pills)
    assert {tuple(word) for word in table["RAG"]} == {("● White",)}
    assert not at.warning
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download CSV (30 rows)", "Download XLSX (30 rows)"]
    # Completed findings on request: all 34, and the switch is in the URL.
    at.toggle(key="explorer_closed").set_value(True).run()
    assert at.query_params["closed"] == "true"
    assert len(at.dataframe[0].value) == 34
    assert _count_line(at) == (
        "**34** findings, open and completed, as at 28 June 2018. No filter is set."
    )
    # Another order, for every row, in the URL.
    at.selectbox(key="explorer_sort").set_value("reference").run()
    assert at.query_params["sort"] == "reference"
    references = list(at.dataframe[0].value["Reference"])
    assert references == sorted(references)


def test_explorer_table_reads_whole(monkeypatch):
    at = _explorer(monkeypatch)
    element = at.dataframe[0]
    table = element.value
    # A missing due date, days to due or tactical lead all read "—" (the table's placeholder),
    # not a grey "None"; the due date stays a date, so it sorts by date.
    assert element.proto.placeholder == "—"
    assert str(table["Due"].dtype).startswith("datetime64")
    assert table["Due"].isna().sum() == 13
    assert table["Tactical lead"].isna().sum() == 27
    # Rows tall enough to wrap: the finding's first words, cut at a word, whole on screen.
    assert element.proto.row_height > 64
    assert (table["Finding"].str.len() <= explorer.FINDING_CHARS).all()
    detectives = table[table["Finding"].str.startswith("By September 2018, all forces with a")]
    assert len(detectives) == 1 and detectives["Finding"].iloc[0].endswith("…")
    # Each header has room for its words ("Days to due" was cut to "Days to d").
    widths = {name: c.get("width") for name, c in json.loads(element.proto.columns).items()}
    assert widths["When due"] >= 90
    assert widths["Finding"] > widths["Reference"] > widths["Status"]


def test_filter_by_owner_acc_crime(monkeypatch):
    at = _explorer(monkeypatch, owner="ACC Crime")
    table = at.dataframe[0].value
    assert list(table["Reference"]) == ["PEEL 2017 national · R2", "PEEL 2017 national · R3"]
    assert list(table["Tactical lead"]) == ["DCS Mark Payne", "Supt Paul Minor"]
    assert list(table["When due"]) == ["in 94 days", "in 94 days"]
    assert _count_line(at) == "**2** of 30 open findings match: Chief officer lead: ACC Crime."
    assert at.selectbox(key="explorer_owner").value == "ACC Crime"


def test_a_url_with_filters_reproduces_the_view(monkeypatch):
    # Choose filters through the widgets, read the URL they write...
    at = _explorer(monkeypatch)
    at.selectbox(key="explorer_area").set_value("vulnerability").run()
    at.multiselect(key="explorer_kind").set_value(["recommendation"]).run()
    at.text_input(key="explorer_q").set_value("children").run()
    assert not at.exception
    url = {k: at.query_params[k] for k in ("area", "kind", "q")}
    assert url == {"area": "vulnerability", "kind": "recommendation", "q": "children"}
    shown = list(at.dataframe[0].value["Reference"])
    assert len(shown) > 0
    # ...and open that URL in a fresh session: the same filters and the same rows.
    fresh = _explorer(monkeypatch, area="vulnerability", kind="recommendation", q="children")
    assert list(fresh.dataframe[0].value["Reference"]) == shown
    assert fresh.selectbox(key="explorer_area").value == "vulnerability"
    assert fresh.multiselect(key="explorer_kind").value == ["recommendation"]
    assert fresh.text_input(key="explorer_q").value == "children"
    assert _count_line(fresh) == _count_line(at)


def test_a_hostile_parameter_changes_nothing_but_a_notice(monkeypatch):
    plain = _explorer(monkeypatch)
    hostile = _explorer(monkeypatch, owner=HOSTILE)
    assert hostile.dataframe[0].value.equals(plain.dataframe[0].value)
    assert _count_line(hostile) == _count_line(plain)
    assert [w.value for w in hostile.warning] == [
        "Ignored `owner` = “\\' OR 1\\=1 \\-\\-”: no finding has that chief officer lead."
    ]
    assert hostile.selectbox(key="explorer_owner").value is None
    assert "owner" not in hostile.query_params


def test_several_bad_values_each_get_a_notice(monkeypatch):
    at = _explorer(monkeypatch, rag=["white", "purple"], due_from="yesterday", overdue="1=1")
    assert len(at.dataframe[0].value) == 30  # rag=white kept: all open work is white
    params = sorted(w.value.split("`")[1] for w in at.warning)
    assert params == ["due_from", "overdue", "rag"]
    assert at.query_params["rag"] == "white"


def test_rec_parameter_shows_the_record(monkeypatch):
    at = _explorer(monkeypatch, owner="ACC Crime", rec="wmp-peel2017nat-r02")
    assert at.header[0].value == "PEEL 2017 national · R2: Recommendation"
    text = " ".join(m.value for m in at.markdown)
    assert "all forces with a shortage in qualified detectives" in text
    assert "**Deadline as written:** “By September 2018”" in text
    assert (
        "**Due date as computed:** 30 September 2018 (set by the inspectorate) · in 94 days" in text
    )
    assert "**Tactical lead:** DCS Mark Payne" in text
    assert "- **28 June 2018**: In progress · ● White." in text
    assert [s.value for s in at.subheader] == ["Update history"]
    assert at.query_params["rec"] == "wmp-peel2017nat-r02"


def test_rec_parameter_shows_parent_and_siblings(monkeypatch):
    at = _explorer(monkeypatch, rec="wmp-peel-2016-r01")
    assert [s.value for s in at.subheader] == ["Related findings", "Update history"]
    text = " ".join(m.value for m in at.markdown)
    assert "Made under cause of concern: [" in text
    assert "(recommendations?rec=wmp-peel-2016-coc01)" in text


def test_unknown_record_is_a_notice(monkeypatch):
    at = _explorer(monkeypatch, rec="nope")
    assert [w.value for w in at.warning] == ["Ignored `rec` = “nope”: there is no such record."]
    assert not at.header
