"""The RAG palette under the common colour-vision deficiencies, and the word on every RAG mark.

Simulation: Machado, Oliveira and Fernandes (2009), severity 1.0 (full dichromacy), applied in
linear sRGB; distance: CIEDE2000 in CIELAB (D65). Two RAG colours must stay at least
MIN_DELTA_E apart for a viewer with protanopia, deuteranopia or tritanopia, as for everyone else.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math

import numpy as np
import pytest

from oversight import charts
from oversight.labels import RAG_LABELS

JUNE = dt.date(2018, 6, 28)
# CIEDE2000 of about 10 is a difference seen at a glance between small marks side by side;
# below about 5 neighbouring bars read as one colour.
MIN_DELTA_E = 10.0

MACHADO = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}
VISION = {"typical": np.eye(3), **{k: np.array(v) for k, v in MACHADO.items()}}
SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
D65 = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb: np.ndarray) -> tuple[float, float, float]:
    t = SRGB_TO_XYZ @ np.clip(rgb, 0, 1) / D65
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return (116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]))


def ciede2000(lab1, lab2) -> float:
    """Sharma, Wu and Dalal (2005)."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = L2 - L1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    else:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    dH = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (L1 + L2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (dl / s_l) ** 2 + (dc / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dc / s_c) * (dH / s_h)
    )


def seen(hex_colour: str, vision: str) -> tuple[float, float, float]:
    return lab(VISION[vision] @ linear_rgb(hex_colour))


def closest_pair(palette: dict[str, str], vision: str) -> tuple[float, str, str]:
    return min(
        (ciede2000(seen(palette[a], vision), seen(palette[b], vision)), a, b)
        for a, b in itertools.combinations(palette, 2)
    )


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
    for vision in VISION:
        assert seen("#FFFFFF", vision) == pytest.approx((100.0, 0.0, 0.0), abs=0.6)
        assert seen("#000000", vision) == pytest.approx((0.0, 0.0, 0.0), abs=1e-6)


def test_rag_palette_is_distinct_with_typical_vision():
    distance, a, b = closest_pair(charts.RAG_COLOURS, "typical")
    assert distance >= MIN_DELTA_E, f"{a} and {b} are {distance:.1f} apart"


@pytest.mark.parametrize("vision", list(MACHADO))
def test_rag_palette_is_distinct_with_colour_vision_deficiency(vision):
    distance, a, b = closest_pair(charts.RAG_COLOURS, vision)
    assert distance >= MIN_DELTA_E, f"with {vision}, {a} and {b} are {distance:.1f} apart"


# --- every RAG mark also carries its word ----------------------------------------------------


def rag_traces(fig):
    """(rag, trace) for every trace drawn in a RAG colour (white marks: outlined white)."""
    by_colour = {colour.upper(): rag for rag, colour in charts.RAG_COLOURS.items()}
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
    builders = {
        "timeline_bars": lambda: charts.timeline_bars(
            ds.query(
                "timeline_items", as_at=JUNE, force_id="wmp", group_by="lead", group=None, limit=100
            ),
            JUNE,
        ),
        "timeline_group_bars": lambda: charts.timeline_group_bars(
            ds.query("timeline_groups", as_at=JUNE, force_id="wmp", group_by="lead"),
            JUNE,
            "chief officer lead",
        ),
        "rag_by_inspection_chart": lambda: charts.rag_by_inspection_chart(
            ds.query("rag_by_inspection", as_at=JUNE, force_id="wmp", max_inspections=12), JUNE
        ),
        "rag_by_kind_chart": lambda: charts.rag_by_kind_chart(
            ds.query("rag_by_kind", as_at=JUNE, force_id="wmp"), JUNE
        ),
    }
    return builders


@pytest.mark.parametrize(
    "builder",
    ["timeline_bars", "timeline_group_bars", "rag_by_inspection_chart", "rag_by_kind_chart"],
)
@pytest.mark.parametrize("data", ["mini", "bundled"])
def test_every_rag_mark_carries_its_word(builder, data, request):
    ds = request.getfixturevalue(data)
    if not hasattr(charts, builder):
        pytest.skip(f"charts.{builder} is gone")
    fig = rag_figures(ds)[builder]()
    marks = list(rag_traces(fig))
    assert marks, f"{builder} drew no RAG mark on {data}"
    for rag, trace in marks:
        word = RAG_LABELS[rag]
        assert word in (trace.name or ""), f"{builder}: the legend entry for {rag} lacks {word!r}"
        # On the mark or in its hover, as well as in the legend.
        rest = words_of(trace).replace(trace.name or "", "", 1)
        assert word in rest, f"{builder}: a {rag} mark shows no {word!r} beside it"
    assert fig.layout.title.text, f"{builder} has no title"


def test_figures_built_from_dicts_are_checked_in_full_under_test():
    from oversight import charts

    good = charts.fast._figure_from([{"type": "bar", "x": [1], "y": ["a"]}], {"height": 200})
    assert good.layout.height == 200
    with pytest.raises(ValueError, match="colour"):
        charts.fast._figure_from([{"type": "bar", "colour": "red"}], {})
