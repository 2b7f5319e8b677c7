"""The tracker's vocabulary, each word defined once.

- RAG grades: `rag.csv` in the data folder is the one source of their labels, meanings, display
  order and colours (the codes themselves are the data contract, oversight/schema.py). A
  `RagScale` is read from it (queries/rag_scale.sql) and handed to every chart, table, badge,
  briefing pack and export; the text colour on each fill is the one of black and white with the
  higher WCAG contrast, computed here.
- Statuses: their codes, order and words (STATUS_WORDS); which count as open, the stale threshold
  and the PEEL move rule are SQL macros (queries/macros/vocabulary.sql) that every query uses.
- Colour checks: a force's own RAG colours are checked for contrast and for telling apart under
  the common colour-vision deficiencies (`colour_warnings`, printed by `validate` and shown on the
  Data page; a warning, not a failure).

Pure Python, no Streamlit: the CLI, the pack and the tests reach it directly.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

STATUS_WORDS = {
    "awaiting_allocation": "Awaiting allocation",
    "in_progress": "In progress",
    "pending_closure": "Pending closure",
    "closed": "Closed",
    "superseded": "Superseded",
    "no_further_action": "No further action",
}

# What a table says where nobody recorded a position for a finding (never a guessed status).
NO_POSITION = "No position recorded"
NO_RAG = "Not recorded"
# A finding with no position recorded has no RAG: charts draw it in a grey of its own, named
# "No position recorded", never as white (white is a grade someone gave).
NOT_RECORDED = "not_recorded"
NOT_RECORDED_COLOUR = "#E0E0E0"
# Marks need an outline to be seen on a white page (a white RAG fill, a pale grey).
OUTLINE = "#5F6368"
BLACK, WHITE = "#000000", "#FFFFFF"
AA_NORMAL_TEXT = 4.5  # WCAG 2.x contrast for text under 18 pt (14 pt bold)
# Streamlit's table labels (MultiselectColumn) write black text on a fill above this luminance.
LABEL_DARK_TEXT_ABOVE = 0.5


@dataclass(frozen=True)
class Grade:
    """One RAG code as rag.csv defines it, with the text colour readable on its fill."""

    code: str
    label: str
    meaning: str
    colour: str
    ink: str
    order: int


@dataclass(frozen=True)
class RagScale:
    """The RAG grades of one data folder, in display order (hashable: a figure's cache key)."""

    grades: tuple[Grade, ...]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> RagScale:
        """From queries/rag_scale.sql (rag, label, meaning, colour, display_order)."""
        rows = frame.sort_values("display_order", kind="stable")
        return cls(
            tuple(
                Grade(
                    code=str(r.rag),
                    label=str(r.label),
                    meaning="" if pd.isna(r.meaning) else str(r.meaning),
                    colour=str(r.colour).upper(),
                    ink=text_colour(str(r.colour)),
                    order=int(r.display_order),
                )
                for r in rows.itertuples(index=False)
            )
        )

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(g.code for g in self.grades)

    @property
    def drawn_codes(self) -> tuple[str, ...]:
        """The codes a chart draws, in order: every grade, then no position recorded."""
        return (*self.codes, NOT_RECORDED)

    @property
    def labels(self) -> dict[str, str]:
        return {g.code: g.label for g in self.grades}

    def grade(self, code: str) -> Grade | None:
        return next((g for g in self.grades if g.code == code), None)

    def label(self, code: object) -> str:
        """The reader's word: "Not recorded" where no position gives one; an unknown code as
        itself, never hidden."""
        if _missing(code):
            return NO_RAG
        found = self.grade(str(code))
        return found.label if found else str(code).replace("_", " ").capitalize()

    def word(self, code: object) -> str:
        """A chart's legend word for a drawn code (no position recorded has a phrase)."""
        return NO_POSITION if _missing(code) or code == NOT_RECORDED else self.label(code)

    def meaning(self, code: str) -> str:
        found = self.grade(code)
        return found.meaning if found else ""

    def colour(self, code: object) -> str:
        """The fill: rag.csv's colour; no position recorded in a grey of its own."""
        found = None if _missing(code) else self.grade(str(code))
        return found.colour if found else NOT_RECORDED_COLOUR

    def ink(self, code: object) -> str:
        """The text colour on that fill (black or white, by WCAG contrast)."""
        return text_colour(self.colour(code))

    def label_colour(self, code: object) -> str:
        """The fill of a table's RAG label (Streamlit's MultiselectColumn), which writes its text
        black only on a fill of relative luminance above LABEL_DARK_TEXT_ABOVE and white
        otherwise: where black is the readable text (WCAG) on a darker fill, the nearest lighter
        shade of rag.csv's colour on which Streamlit writes black; else the colour itself."""
        colour = self.colour(code)
        if text_colour(colour) == WHITE or luminance(colour) > LABEL_DARK_TEXT_ABOVE:
            return colour
        return _lighter_until(colour, LABEL_DARK_TEXT_ABOVE + 0.05)  # with a margin

    def drawn(self, codes: pd.Series) -> pd.Series:
        """A frame's RAG codes as charts draw them: no position recorded is NOT_RECORDED."""
        return codes.astype(object).where(codes.notna(), NOT_RECORDED)


def rag_scale(ds) -> RagScale:
    """The data folder's RAG scale, read once per data version."""
    return ds.derived("rag_scale", (), lambda: RagScale.from_frame(ds.query("rag_scale")))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


# --- contrast (WCAG 2.x) ---------------------------------------------------------------------


def _channels(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour written #RRGGBB."""
    r, g, b = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _channels(hex_colour)
    )
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _lighter_until(hex_colour: str, above: float) -> str:
    """The colour mixed with the least white that brings its luminance above `above`."""

    def mixed(t: float) -> str:
        return "#" + "".join(f"{round(255 * (c + (1 - c) * t)):02X}" for c in _channels(hex_colour))

    low, high = 0.0, 1.0
    for _ in range(20):
        middle = (low + high) / 2
        low, high = (low, middle) if luminance(mixed(middle)) > above else (middle, high)
    return mixed(high)


def text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with the fill (so it passes AA wherever either
    can)."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE


# --- telling colours apart (CIEDE2000 under simulated colour-vision deficiencies) -------------

# CIEDE2000 of about 10 is a difference seen at a glance between small marks side by side;
# below about 5 neighbouring bars read as one colour.
MIN_DELTA_E = 10.0
# Machado, Oliveira and Fernandes (2009), severity 1.0 (full dichromacy), in linear sRGB.
MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
VISIONS = ("typical", *MACHADO)
_SRGB_TO_XYZ = (
    (0.4124564, 0.3575761, 0.1804375),
    (0.2126729, 0.7151522, 0.0721750),
    (0.0193339, 0.1191920, 0.9503041),
)
_D65 = (0.95047, 1.0, 1.08883)


def _linear(hex_colour: str) -> tuple[float, float, float]:
    return tuple(  # type: ignore[return-value]
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _channels(hex_colour)
    )


def _apply(matrix, vector) -> tuple[float, ...]:
    return tuple(sum(m * v for m, v in zip(row, vector, strict=True)) for row in matrix)


def lab(linear_rgb: Iterable[float]) -> tuple[float, float, float]:
    """CIELAB (D65) of a linear sRGB colour (clipped to the gamut)."""
    xyz = _apply(_SRGB_TO_XYZ, [min(1.0, max(0.0, c)) for c in linear_rgb])
    t = [v / w for v, w in zip(xyz, _D65, strict=True)]
    f = [v ** (1 / 3) if v > (6 / 29) ** 3 else v / (3 * (6 / 29) ** 2) + 4 / 29 for v in t]
    return (116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]))


def seen(hex_colour: str, vision: str) -> tuple[float, float, float]:
    """The CIELAB colour a viewer with this vision sees."""
    rgb = _linear(hex_colour)
    return lab(rgb if vision == "typical" else _apply(MACHADO[vision], rgb))


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


def closest_pair(colours: Mapping[str, str], vision: str) -> tuple[float, str, str]:
    """The two colours nearest to each other for this vision: (CIEDE2000, code, code)."""
    return min(
        (ciede2000(seen(colours[a], vision), seen(colours[b], vision)), a, b)
        for a, b in itertools.combinations(colours, 2)
    )


def colour_warnings(scale: RagScale) -> list[tuple[str, str]]:
    """What a force's own RAG colours make hard to read, as (code, message): two grades too
    alike for some viewer (said on the later of the two), or a fill on which neither black nor
    white text reaches WCAG AA. Warnings, not errors: the force chose its colours."""
    colours = {g.code: g.colour for g in scale.grades}
    out = []
    for a, b in itertools.combinations(colours, 2):
        close = []
        for vision in VISIONS:
            distance = ciede2000(seen(colours[a], vision), seen(colours[b], vision))
            if distance < MIN_DELTA_E:
                who = "typical vision" if vision == "typical" else vision
                close.append(f"{who} {distance:.1f}")
        if close:
            out.append(
                (
                    b,
                    f"{scale.label(b)} ({colours[b]}) is hard to tell from {scale.label(a)} "
                    f"({colours[a]}): CIEDE2000 below {MIN_DELTA_E:.0f} for " + ", ".join(close),
                )
            )
    for g in scale.grades:
        ratio = contrast(g.colour, g.ink)
        if ratio < AA_NORMAL_TEXT:
            out.append(
                (
                    g.code,
                    f"{g.label} ({g.colour}): text on it reaches a contrast of {ratio:.1f} at "
                    f"best, below WCAG AA's {AA_NORMAL_TEXT}",
                )
            )
    return out
