"""The RAG palette under the common colour-vision deficiencies, and the word on every RAG mark.

Simulation: Machado, Oliveira and Fernandes (2009), severity 1.0 (full dichromacy), applied in
linear sRGB; distance: CIEDE2000 in CIELAB (D65). Two RAG colours must stay at least
MIN_DELTA_E apart for a viewer with protanopia, deuteranopia or tritanopia, as for everyone else.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from oversight import charts, vocabulary
from oversight.vocabulary import MACHADO, MIN_DELTA_E, VISIONS, ciede2000, closest_pair, seen

JUNE = dt.date(2018, 6, 28)
ROOT = Path(__file__).resolve().parents[1]


def rag_csv_colours(folder: Path = ROOT / "data") -> dict[str, str]:
    """The RAG colours a data folder's rag.csv holds (the bundled data's by default)."""
    with open(folder / "rag.csv", encoding="utf-8", newline="") as fh:
        return {row["rag"]: row["colour"] for row in csv.DictReader(fh)}


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # Sharma, Wu and Dalal's test data, pairs 1, 3 and 17
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.8361, -74.0200), (50.0, 0.0, -82.7485), 3.4412),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ],
)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_simulation_keeps_greys_grey():
    for vision in VISIONS:
        assert seen("#FFFFFF", vision) == pytest.approx((100.0, 0.0, 0.0), abs=0.6)
        assert seen("#000000", vision) == pytest.approx((0.0, 0.0, 0.0), abs=1e-6)


def test_rag_palette_is_distinct_with_typical_vision():
    distance, a, b = closest_pair(rag_csv_colours(), "typical")
    assert distance >= MIN_DELTA_E, f"{a} and {b} are {distance:.1f} apart"


@pytest.mark.parametrize("vision", list(MACHADO))
def test_rag_palette_is_distinct_with_colour_vision_deficiency(vision):
    distance, a, b = closest_pair(rag_csv_colours(), vision)
    assert distance >= MIN_DELTA_E, f"with {vision}, {a} and {b} are {distance:.1f} apart"


# --- every RAG mark also carries its word ----------------------------------------------------


def rag_traces(fig, rag: vocabulary.RagScale):
    """(rag, trace) for every trace drawn in a RAG colour (white marks: outlined white)."""
    by_colour = {g.colour.upper(): g.code for g in rag.grades}
    for trace in fig.data:
        colour = getattr(getattr(trace, "marker", None), "color", None)
        if isinstance(colour, str) and colour.upper() in by_colour:
            yield by_colour[colour.upper()], trace


def words_of(trace) -> str:
    parts = [trace.name or "", str(trace.hovertemplate or ""), str(trace.texttemplate or "")]
    for attr in ("text", "customdata", "hovertext"):
        value = getattr(trace, attr, None)
        if value is not None:
            parts.append(" ".join(str(v) for v in np.ravel(np.asarray(value, dtype=object))))
    return " ".join(parts)


def rag_figures(ds):
    """The chart builders that draw RAG marks, on a dataset (skipped if one is gone)."""
    rag = vocabulary.rag_scale(ds)
    builders = {
        "timeline_bars": lambda: charts.timeline_bars(
            ds.query(
                "timeline_items", as_at=JUNE, force_id="wmp", group_by="lead", group=None, limit=100
            ),
            JUNE,
            rag,
        ),
    }
    return builders


@pytest.mark.parametrize("builder", ["timeline_bars"])
@pytest.mark.parametrize("data", ["mini", "bundled"])
def test_every_rag_mark_carries_its_word(builder, data, request):
    ds = request.getfixturevalue(data)
    if not hasattr(charts, builder):
        pytest.skip(f"charts.{builder} is gone")
    fig = rag_figures(ds)[builder]()
    scale = vocabulary.rag_scale(ds)
    marks = list(rag_traces(fig, scale))
    assert marks, f"{builder} drew no RAG mark on {data}"
    for rag, trace in marks:
        word = scale.label(rag)
        assert word in (trace.name or ""), f"{builder}: the legend entry for {rag} lacks {word!r}"
        # On the mark or in its hover, as well as in the legend.
        rest = words_of(trace).replace(trace.name or "", "", 1)
        assert word in rest, f"{builder}: a {rag} mark shows no {word!r} beside it"
    assert fig.layout.title.text, f"{builder} has no title"


@pytest.mark.parametrize("builder", ["rag_by_inspection_vega", "rag_by_kind_vega"])
@pytest.mark.parametrize("data", ["mini", "bundled"])
def test_every_vega_rag_segment_carries_its_word(builder, data, request):
    """The Overview's Vega-Lite RAG mix: each segment's fill is its grade's colour in the legend,
    and its word is in the row its tooltip reads (and in the segment where it fits)."""
    ds = request.getfixturevalue(data)
    scale = vocabulary.rag_scale(ds)
    query = "rag_by_inspection" if builder == "rag_by_inspection_vega" else "rag_by_kind"
    params = {"max_inspections": 12} if query == "rag_by_inspection" else {}
    frame = ds.query(query, as_at=JUNE, force_id="wmp", **params)
    rows, spec = getattr(charts, builder)(frame, scale)
    bars = spec["layer"][0]["encoding"]
    legend = dict(
        zip(bars["color"]["scale"]["domain"], bars["color"]["scale"]["range"], strict=True)
    )
    assert not rows.empty, f"{builder} drew no RAG segment on {data}"
    assert "rag" in [t["field"] for t in bars["tooltip"]]
    for code in scale.drawn(frame["rag"]):
        word = scale.word(code)
        assert word in set(rows["rag"]), f"{builder}: no {code} segment named {word!r}"
        assert legend[word] == scale.colour(code), f"{builder}: {word!r} not in its colour"
    for word, n, label in rows[["rag", "items", "label"]].itertuples(index=False):
        # its word and count where they fit, else its count, else nothing (the tooltip has both)
        assert label in (f"{word} {n}", str(n), ""), f"{builder}: {word} segment reads {label!r}"
    assert spec["title"]["text"], f"{builder} has no title"


@pytest.mark.parametrize("data", ["mini", "bundled"])
def test_every_timeline_group_bar_carries_its_word(data, request):
    """The Timeline's bar per group (Vega-Lite): each bar's fill is its most severe grade's colour
    in the legend, and the grade's word is written after the bar."""
    ds = request.getfixturevalue(data)
    scale = vocabulary.rag_scale(ds)
    groups = ds.query("timeline_groups", as_at=JUNE, force_id="wmp", group_by="lead")
    rows, spec = charts.timeline_group_vega(groups, JUNE, "chief officer lead", scale)
    rows = rows[rows["mark"].isna()]  # the bars
    colour = spec["layer"][0]["encoding"]["color"]["scale"]
    legend = dict(zip(colour["domain"], colour["range"], strict=True))
    assert not rows.empty, f"no group bar on {data}"
    for code, name, text in zip(
        scale.drawn(groups["most_severe_rag"]), rows["rag"], rows["text"], strict=True
    ):
        word = scale.word(code)
        assert name == f"Most severe: {word}" and legend[name] == scale.colour(code)
        assert text.startswith(f"{word} · "), f"a {code} bar reads {text!r}"
    assert spec["title"]["text"]


def test_figures_built_from_dicts_are_checked_in_full_under_test():
    from oversight import charts

    good = charts.fast._figure_from([{"type": "bar", "x": [1], "y": ["a"]}], {"height": 200})
    assert good.layout.height == 200
    with pytest.raises(ValueError, match="colour"):
        charts.fast._figure_from([{"type": "bar", "colour": "red"}], {})


# --- text on a fill, and a force's own colours -----------------------------------------------


@pytest.mark.parametrize("code", ["red", "amber", "green", "blue", "white"])
def test_the_text_on_each_bundled_fill_passes_wcag_aa(bundled, code):
    grade = vocabulary.rag_scale(bundled).grade(code)
    assert vocabulary.contrast(grade.colour, grade.ink) >= vocabulary.AA_NORMAL_TEXT


@pytest.mark.parametrize(
    ("fill", "ink"),
    [
        ("#C62828", "#FFFFFF"),
        ("#F9A825", "#000000"),
        ("#FFFFFF", "#000000"),
        ("#000080", "#FFFFFF"),
    ],
)
def test_the_text_colour_is_the_one_that_contrasts_more(fill, ink):
    assert vocabulary.text_colour(fill) == ink
    other = "#000000" if ink == "#FFFFFF" else "#FFFFFF"
    assert vocabulary.contrast(fill, ink) > vocabulary.contrast(fill, other)


def test_a_wcag_contrast_is_the_published_one():
    assert vocabulary.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert vocabulary.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


# --- PEEL grades: the word on every grade mark ------------------------------------------------


def test_every_peel_national_bar_carries_its_grade_word(bundled):
    """The PEEL national picture (Vega-Lite): each bar's fill is its grade's colour, and the grade's
    word is the bar's axis label and in its tooltip; the count is written after the bar."""
    dist = bundled.query(
        "peel_national_distribution",
        force_id="wmp",
        cycle="2017",
        pillar="legitimacy",
        area="Overall",
    )
    rows, spec = charts.national_grade_bars_vega(dist, "2017 legitimacy")
    bar = spec["layer"][0]["encoding"]
    legend = dict(zip(bar["color"]["scale"]["domain"], bar["color"]["scale"]["range"], strict=True))
    assert not rows.empty
    assert spec["encoding"]["y"]["field"] == "grade" and bar["color"]["field"] == "grade"
    assert "grade" in [t["field"] for t in bar["tooltip"]]
    for word, n, label in rows[["grade", "forces", "label"]].itertuples(index=False):
        assert legend[word] == charts.GRADE_COLOURS[word], f"{word!r} bar not in its colour"
        assert label.startswith(f"{n} force"), f"the {word} bar reads {label!r}"


@pytest.mark.parametrize("table", ["matrix", "peers"])
def test_every_peel_grade_cell_carries_its_word(bundled, table):
    """The PEEL grades page's matrix and peer grid (static tables): every coloured cell holds the
    word of its colour (a grade, or why there is none), in that word's ink."""
    from oversight import grades
    from tests import drawn

    if table == "matrix":
        frame = bundled.query("peel_grade_matrix", force_id="wmp", show_all_areas=False)
        styler = grades.matrix_table(frame)
    else:
        frame = bundled.query(
            "peel_peer_grid",
            force_id="wmp",
            peer_ids=["staffordshire", "warwickshire", "west-mercia"],
            cycle="2017",
            pillar="effectiveness",
        )
        styler = grades.peer_table(frame)
    words = styler.data
    css = drawn.cell_styles(styler)
    coloured = {k: v for k, v in css.items() if "background-color" in v}
    assert len(coloured) >= 10, f"the {table} table coloured only {len(coloured)} cells"
    for (i, j), style in coloured.items():
        word = words.iat[i, j]
        assert word in charts.GRADE_CELL_COLOURS, f"a coloured {table} cell reads {word!r}"
        assert style["background-color"] == charts.GRADE_CELL_COLOURS[word]
        assert style["color"] == charts.GRADE_CELL_TEXT_COLOURS[word]
    # and no word is left uncoloured
    assert all(
        (i, j) in coloured
        for i in range(words.shape[0])
        for j in range(words.shape[1])
        if words.iat[i, j]
    )
