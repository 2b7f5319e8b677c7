"""One vocabulary: rag.csv is the one source of the RAG grades' words, order and colours, and a
force that edits it sees every chart, table and pack change; its colours are checked (warned,
never failed); statuses that count as open, the stale threshold and the PEEL move rule are each
defined once."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from oversight import charts, cli, db, explorer, exports, paper, reminders, vocabulary
from oversight.paper.model import Chart

ROOT = Path(__file__).resolve().parents[1]
JUNE = dt.date(2018, 6, 28)
PURPLE = "#6A1B9A"  # a force's own "red", white text on it


def _data_copy(tmp_path: Path, **grades: dict[str, str]) -> Path:
    """A copy of data/ with rag.csv's grades changed (code -> {column: value})."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with open(data / "rag.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row.update(grades.get(row["rag"], {}))
    with open(data / "rag.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return data


def _graded_red(data: Path) -> None:
    """The bundled paper grades nothing red: one finding is, later that day, in the copy."""
    with open(data / "updates.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    row = {
        "update_id": "u-test-red",
        "rec_id": "wmp-peel2017nat-r01",
        "as_at": "2018-06-28",
        "status": "in_progress",
        "rag": "red",
        "note": "Slipped",
        "recorded_by": "Tester",
        "recorded_at": "2018-06-28T18:00",
    }
    with open(data / "updates.csv", "a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=header).writerow(row)


def test_a_force_edits_rag_csv_and_every_chart_table_and_pack_shows_it(tmp_path):
    data = _data_copy(tmp_path, red={"label": "Off track", "colour": PURPLE})
    _graded_red(data)
    ds = db.load(data)
    assert ds.problems == []
    rag = vocabulary.rag_scale(ds)
    assert (rag.label("red"), rag.colour("red"), rag.ink("red")) == ("Off track", PURPLE, "#FFFFFF")

    # a chart: the segment is named and filled as rag.csv says, its words white on it
    by_kind = ds.query("rag_by_kind", as_at=JUNE, force_id="wmp")
    data, spec = charts.rag_by_kind_vega(by_kind, rag)
    colour = dict(zip(*spec["layer"][0]["encoding"]["color"]["scale"].values(), strict=True))
    assert colour["Off track"] == PURPLE and "Red" not in colour
    red = data[data["rag"] == "Off track"]
    assert not red.empty and set(red["ink"]) == {"#FFFFFF"}

    # a table's style: the explorer's RAG cell is a label in rag.csv's colour, with its words
    filters = explorer.Filters(rag=("red",))
    rows = ds.query("explorer_rows", as_at=JUNE, force_id="wmp", **filters.query_params())
    table = explorer.table_frame(rows, rag)
    assert list(explorer.rag_pills(table)["RAG"]) == [["● Off track"]]
    words, colours = explorer.rag_pill_options(rag)
    assert dict(zip(words, colours, strict=True))["● Off track"] == PURPLE

    # the XLSX export: the RAG cell filled with the colour rag.csv holds
    book = openpyxl.load_workbook(
        io.BytesIO(
            exports.to_xlsx(explorer.export_frame(rows, rag), filters=[], as_at=JUNE, rag=rag)
        )
    )
    sheet = book["Recommendations"]
    column = [c.value for c in sheet[1]].index("RAG") + 1
    cell = sheet.cell(row=2, column=column)
    assert cell.value == "Off track"
    assert cell.fill.fgColor.rgb.endswith(PURPLE.lstrip("#"))
    assert cell.font.color.rgb.endswith("FFFFFF")

    # the briefing pack: its words in Markdown, its colour on the RAG table's cell in the DOCX
    pack = paper.build(ds, JUNE, force_id="wmp")
    markdown = paper.render(pack, "md").decode("utf-8")
    assert "| Off track | 0 | 1 |" in markdown
    assert "| Red |" not in markdown
    with zipfile.ZipFile(io.BytesIO(paper.render(pack, "docx"))) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    cell = re.search(r"<w:tc>(?:(?!</w:tc>).)*Off track(?:(?!</w:tc>).)*</w:tc>", xml)
    assert cell, "the DOCX has no cell reading Off track"
    assert f'w:fill="{PURPLE.lstrip("#")}"' in cell.group(0)
    assert 'w:color w:val="FFFFFF"' in cell.group(0)

    # the pack's words for red, its chart in the colour, and the PDF printed from it
    titles = [s.title for s in pack.sections]
    assert "Outstanding recommendations currently graded off track" in titles
    assert not [t for t in titles if t.endswith("graded red")]
    drawn = [
        t
        for s in pack.sections
        for b in s.blocks
        if isinstance(b, Chart)
        for t in b.figure.to_plotly_json()["data"]
        if t.get("name") == "Off track"
    ]
    assert drawn and all(t["marker"]["color"] == PURPLE for t in drawn)
    from pypdf import PdfReader

    printed = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(paper.render(pack, "pdf"))).pages
    )
    printed = re.sub(r"\s+", " ", printed)
    assert "currently graded off track" in printed
    assert "Off track" in printed and " Red " not in printed
    # the PDF's RAG table fills the grade's cell with rag.csv's colour, as the DOCX does
    from oversight.paper.as_pdf import to_html

    html_pack = to_html(pack, images={})
    assert f'<td style="background-color: {PURPLE}; color: #FFFFFF">Off track</td>' in html_pack


def _page(at: AppTest, path: str) -> AppTest:
    at.switch_page(path).run()
    assert not at.exception, path
    return at


def _rag_traces(at: AppTest) -> list[dict]:
    return [
        trace
        for chart in at.get("plotly_chart")
        for trace in json.loads(chart.proto.spec)["data"]
        if trace.get("name") in ("Off track", "Red")
    ]


def test_every_page_shows_the_forces_word_and_colour(monkeypatch, tmp_path):
    """The pages a reader meets, on a copy whose rag.csv calls red "Off track" in purple."""
    data = _data_copy(tmp_path, red={"label": "Off track", "colour": PURPLE})
    _graded_red(data)
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception

    # Overview: the headline tile, the list's heading and both RAG charts (Vega-Lite)
    _page(at, "pages/overview.py")
    assert "Off track and overdue" in [h.value for h in at.header]
    assert "Off track" in [m.label for m in at.metric]
    scales = [
        json.loads(chart.proto.spec)["layer"][0]["encoding"]["color"]["scale"]
        for chart in at.get("vega_lite_chart")
    ]
    assert len(scales) == 2
    for scale in scales:
        colours = dict(zip(scale["domain"], scale["range"], strict=True))
        assert colours["Off track"] == PURPLE and "Red" not in colours

    # Owners: the workload table's column takes the word, in rag.csv's order
    _page(at, "pages/owners.py")
    columns = json.loads(at.dataframe[0].proto.columns)
    labelled = [c.get("label") for c in columns.values() if isinstance(c, dict)]
    assert "Off track" in labelled and "Red" not in labelled

    # Timeline: the bars of the finding graded red are purple, named with the word
    _page(at, "pages/timeline.py")
    traces = _rag_traces(at)
    assert traces and {t["name"] for t in traces} == {"Off track"}
    assert {t["marker"]["color"] for t in traces} == {PURPLE}


def test_the_record_page_shows_the_forces_colour_and_picks_no_grade_by_position(
    monkeypatch, tmp_path
):
    data = _data_copy(tmp_path, red={"label": "Off track", "colour": PURPLE})
    _graded_red(data)
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["rec"] = "wmp-peel2017nat-r01"
    at.run()
    at.switch_page("pages/record.py").run()
    assert not at.exception
    now = next(m.value for m in at.markdown if m.value.startswith("**Now:**"))
    assert f"background-color: {PURPLE}; color: #FFFFFF" in now
    assert ">Off track</span>" in now


def test_validate_warns_when_a_forces_colours_are_hard_to_tell_apart(tmp_path, capsys):
    data = _data_copy(tmp_path, amber={"colour": "#C62A28"})  # all but red's own colour
    assert cli.main(["validate", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: ")
    assert re.search(
        r"warning: rag\.csv:3: colour: Amber \(#C62A28\) is hard to tell from Red \(#C62828\): "
        r"CIEDE2000 below 10 for typical vision 0\.\d, protanopia",
        out,
    ), out


def test_the_data_page_shows_the_warning(monkeypatch, tmp_path):
    data = _data_copy(tmp_path, white={"colour": "#FFFF00"}, amber={"colour": "#FFEE00"})
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert any("warning(s): allowed by the rules" in w.value for w in at.warning)
    warned = at.dataframe[0].value
    assert list(warned["File"]) == ["rag.csv"]
    assert "White (#FFFF00) is hard to tell from Amber (#FFEE00)" in warned["Warning"].iloc[0]


def test_a_colour_that_is_not_hex_is_a_problem(tmp_path):
    data = _data_copy(tmp_path, red={"colour": "crimson; background: url(x)"})
    problems = [str(p) for p in db.load(data).problems]
    assert problems == [
        "rag.csv:2: colour: 'crimson; background: url(x)' is not a colour written #RRGGBB "
        "(for example #C62828)"
    ]


def test_rag_scale_is_rag_csv_in_display_order(mini):
    assert [tuple(r) for r in mini.query("rag_scale").itertuples(index=False)][:2] == [
        ("red", "Red", "Off track", "#C62828", 1),
        ("amber", "Amber", "At risk", "#F9A825", 2),
    ]


def test_the_bundled_colours_raise_no_warning(bundled):
    assert bundled.warnings == []


# --- statuses, the stale threshold and the PEEL move rule, each defined once -------------------


def test_the_sql_vocabulary_is_what_python_reads(mini):
    words = mini.query("vocabulary").iloc[0]
    assert list(words["open_statuses"]) == ["awaiting_allocation", "in_progress", "pending_closure"]
    assert set(words["open_statuses"]) <= set(vocabulary.STATUS_WORDS)
    assert int(words["stale_days"]) == 90
    # the reminders' heading is written from the same threshold, not a second 90
    assert reminders.heading("stale", 30, int(words["stale_days"])) == (
        "No update for more than 90 days"
    )
    assert reminders.heading("stale", 30, 60) == "No update for more than 60 days"


QUERIES = sorted(p for p in (ROOT / "queries").rglob("*.sql") if p.name != "vocabulary.sql")


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: str(p.relative_to(ROOT / "queries")))
def test_no_query_spells_out_the_vocabulary(path):
    sql = "\n".join(line.split("--", 1)[0] for line in path.read_text("utf-8").splitlines())
    assert "awaiting_allocation" not in sql, "which statuses are open: use is_open_status()"
    assert "'in_progress'" not in sql, "which statuses are open: use is_open_status()"
    assert not re.search(r"interval\s+90\b|\b90\s+day", sql), "stale: use is_stale()"
    assert "'improved'" not in sql or path.name == "peel_move_counts.sql", "use peel_move()"
    assert "'red', 'amber'" not in sql, "RAG codes: rag.csv (or the $rag_codes a check receives)"


@pytest.mark.parametrize(
    ("from_rank", "to_rank", "from_points", "to_points", "move"),
    [
        (2, 3, 4, 4, "improved"),
        (3, 2, 4, 4, "declined"),
        (3, 3, 4, 4, "unchanged"),
        (3, 4, 4, 5, "not_comparable"),
    ],
)
def test_the_peel_move_rule(mini, from_rank, to_rank, from_points, to_points, move):
    got = mini.cursor().execute(
        "select peel_move($a, $b, $c, $d)",
        {"a": from_rank, "b": to_rank, "c": from_points, "d": to_points},
    )
    assert got.fetchone()[0] == move
