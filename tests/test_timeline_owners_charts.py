"""Unit tests of the Timeline and Owners chart builders on the mini fixture: traces, colours,
labels (every RAG mark carries its word)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from oversight import charts, vocabulary

JUNE = dt.date(2018, 6, 28)


def traces(fig):
    return {trace.name: trace for trace in fig.data if trace.showlegend is not False}


def test_timeline_bars(mini):
    items = mini.query(
        "timeline_items", as_at=JUNE, force_id="wmp", group_by="lead", group=None, limit=100
    )
    fig = charts.timeline_bars(items, JUNE, vocabulary.rag_scale(mini))
    by_name = traces(fig)
    assert list(by_name) == ["Amber", "Green", "Overdue (✕ at the due date)"]
    amber, green, overdue = by_name.values()
    assert amber.marker.color == "#F9A825"
    assert green.marker.color == "#A5D6A7"
    # The word is on each bar and in the hover, as well as the legend.
    assert list(green.text) == ["Green", "Green"]
    assert "RAG: Green · In progress" in green.customdata[0]
    # Bars run from publication (22 March 2018) to the due date.
    assert list(green.y) == ["r:r3", "r:r1"]
    assert list(green.base) == ["2018-03-22", "2018-03-22"]
    assert list(green.x) == [92 * 86_400_000, 223 * 86_400_000]
    # The overdue item is hatched and marked at its due date; the other is plain.
    assert list(green.marker.pattern.shape) == ["/", ""]
    # The hatch is drawn over the RAG fill, not instead of it.
    assert green.marker.pattern.fillmode == "overlay"
    assert list(overdue.y) == ["r:r3"] and list(overdue.x) == ["2018-06-22"]
    assert "<b>6 days overdue</b>" in overdue.customdata[0]
    # A relative deadline shows the words as written and what the date counts from.
    assert "“within three months”, counted from publication on 22 Mar 2018" in green.customdata[0]
    # Groups are header rows above their items; the as-at date is a line with its words.
    assert list(fig.layout.yaxis.categoryarray) == [
        "g:ACC Crime",
        "r:r3",
        "r:r2",
        "g:ACC Local Policing",
        "r:r1",
    ]
    assert fig.layout.yaxis.ticktext[0] == "<b>ACC Crime (2)</b>"
    # Under a lead, each finding by its whole name; under its report, by its number and words.
    assert fig.layout.yaxis.ticktext[1] == "National overview · R3"
    by_report = charts.timeline_bars(
        mini.query(
            "timeline_items",
            as_at=JUNE,
            force_id="wmp",
            group_by="inspection",
            group=None,
            limit=100,
        ),
        JUNE,
        vocabulary.rag_scale(mini),
    )
    assert by_report.layout.yaxis.ticktext[1].startswith("R3 · Bail review")
    # Labels are short (wrapped, cut at a word), so the time axis gets the chart's width.
    assert all(len(line) <= 40 for tick in fig.layout.yaxis.ticktext for line in tick.split("<br>"))
    assert fig.layout.shapes[0].x0 == "2018-06-28"
    assert fig.layout.annotations[0].text == "As at 28 Jun 2018"
    assert fig.layout.title.text == "Open items from issue to due date, as at 28 Jun 2018"
    assert fig.layout.xaxis.title.text.startswith("Date")


def test_timeline_bars_marks_an_item_whose_issue_date_is_unknown(mini):
    items = mini.query(
        "timeline_items", as_at=JUNE, force_id="wmp", group_by="lead", group=None, limit=100
    )
    items.loc[items["rec_id"] == "r2", "issued_on"] = None
    by_name = traces(charts.timeline_bars(items, JUNE, vocabulary.rag_scale(mini)))
    diamond = by_name["Amber (issue date unknown)"]
    assert diamond.type == "scatter" and diamond.marker.symbol == "diamond"
    assert diamond.marker.color == "#F9A825"
    assert list(diamond.x) == ["2018-09-30"]
    assert "Amber" not in by_name


def test_timeline_group_vega(mini):
    groups = mini.query("timeline_groups", as_at=JUNE, force_id="wmp", group_by="lead")
    data, spec = charts.timeline_group_vega(
        groups, JUNE, "chief officer lead", vocabulary.rag_scale(mini)
    )
    rows = data[data["mark"].isna()]  # the bars (the other rows: the dates shown, the as-at line)
    bars = spec["layer"][0]["encoding"]
    legend = dict(
        zip(bars["color"]["scale"]["domain"], bars["color"]["scale"]["range"], strict=True)
    )
    # every grade in the legend, drawn or not: the spec is the same at every date
    assert legend["Most severe: Amber"] == "#F9A825" and legend["Most severe: Green"] == "#A5D6A7"
    assert len(legend) == len(vocabulary.rag_scale(mini).drawn_codes)
    amber = rows[rows["rag"] == "Most severe: Amber"].iloc[0]
    assert amber["text"] == "Amber · 2 open · 1 overdue"  # written after the bar
    assert (amber["start"], amber["end"]) == ("2018-03-22", "2018-09-30")
    assert amber["overdue"] == 1  # a heavy dark outline
    assert bars["strokeWidth"]["condition"]["test"] == "datum.overdue > 0"
    # each bar is named by its label's lines, in the query's order
    assert list(rows["group"]) == ["ACC Crime", "ACC Local Policing"]
    assert list(rows["order"]) == [0, 1]
    assert list(rows["name"]) == ["ACC Crime", "ACC Local Policing"]
    as_at = data[data["mark"] == "as_at"]
    assert list(as_at["start"]) == ["2018-06-28"] and list(as_at["text"]) == ["As at 28 Jun 2018"]
    assert "one bar per chief officer lead" in spec["title"]["text"]
    assert [t["title"] for t in bars["tooltip"]][0] == "Chief officer lead"


def test_the_group_bars_spec_is_the_same_at_every_date(mini):
    """A sidebar change alters only the rows: Streamlit updates the drawn chart in place."""
    scale = vocabulary.rag_scale(mini)
    specs = set()
    for as_at in (dt.date(2017, 6, 1), JUNE, dt.date(2019, 1, 1)):
        groups = mini.query("timeline_groups", as_at=as_at, force_id="wmp", group_by="lead")
        spec = charts.timeline_group_vega(groups, as_at, "chief officer lead", scale)[1]
        specs.add(json.dumps(spec, sort_keys=True))
    assert len(specs) == 1 and "ACC" not in specs.pop()


def test_groups_sharing_a_name_keep_a_bar_each(mini):
    groups = mini.query("timeline_groups", as_at=JUNE, force_id="wmp", group_by="lead")
    twice = pd.concat([groups, groups.assign(group_key="other")], ignore_index=True)
    data, _ = charts.timeline_group_vega(twice, JUNE, "lead", vocabulary.rag_scale(mini))
    names = list(data.loc[data["mark"].isna(), "group"])
    assert len(set(names)) == 4 and names[2] == "ACC Crime\u2060"


def test_timeline_labels_wrap_and_cut_at_a_word():
    title = "Stalking and harassment: a national thematic inspection (2026)"
    assert charts.common._tick_lines(title, 36) == (
        "Stalking and harassment: a national<br>thematic inspection (2026)"
    )
    long = "Offender management in the community: a joint thematic inspection of probation (2023)"
    lines = charts.common._tick_lines(long, 36).split("<br>")
    assert len(lines) == 2 and lines[1].endswith("…") and len(lines[1]) <= 36
    assert charts.common._first_words("By September 2018, all forces with a shortage", 28) == (
        "By September 2018, all…"
    )


def test_due_quarter_heatmap(mini):
    due = mini.query("owner_due_by_quarter", as_at=JUNE, force_id="wmp", quarters=8)
    fig = charts.due_quarter_heatmap(due)
    (heat,) = fig.data
    assert heat.type == "heatmap"
    assert list(heat.x) == ["Overdue", "Jul–Sep 2018", "Oct–Dec 2018", "No due date"]
    assert list(heat.y) == ["ACC Crime", "ACC Local Policing", "Unallocated"]
    assert [list(r) for r in heat.z] == [[1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
    # The count is written in each cell (blank when none), and said in the hover.
    assert [list(r) for r in heat.text] == [
        ["1", "1", "", ""],
        ["", "", "1", ""],
        ["", "", "", "1"],
    ]
    assert heat.texttemplate == "%{text}"
    assert heat.customdata[0][0] == "<b>ACC Crime</b><br>Overdue: 1 open item"
    assert fig.layout.xaxis.title.text == "When the item falls due"
    assert fig.layout.yaxis.title.text == "Chief officer lead"


def test_due_quarter_heatmap_fills_empty_quarters_and_keeps_later_last(mini):
    due = mini.query("owner_due_by_quarter", as_at=JUNE, force_id="wmp", quarters=8)
    extra = pd.DataFrame(
        [
            ("Unallocated", "quarter", pd.Timestamp("2019-04-01"), "Apr–Jun 2019", 2, True),
            ("Unallocated", "later", pd.NaT, "Later", 3, True),
        ],
        columns=due.columns,
    )
    heat = charts.due_quarter_heatmap(pd.concat([due, extra], ignore_index=True)).data[0]
    assert list(heat.x) == [
        "Overdue",
        "Jul–Sep 2018",
        "Oct–Dec 2018",
        "Jan–Mar 2019",
        "Apr–Jun 2019",
        "Later",
        "No due date",
    ]
    assert list(heat.z[2]) == [0, 0, 0, 0, 2, 3, 1]
