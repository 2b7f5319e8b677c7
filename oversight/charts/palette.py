"""Colours and type every figure family shares: RAG fills and the text colour readable on each,
PEEL grade colours, and the font."""

from __future__ import annotations

# RAG colours: the defaults of data/rag.csv. Fill, and the text colour readable on it (WCAG AA).
# Green is light so that red and green differ in lightness as well as hue: every pair stays at
# least 10 apart (CIEDE2000) with typical vision, protanopia, deuteranopia and tritanopia
# (tests/test_palette.py).
RAG_COLOURS = {
    "red": "#C62828",
    "amber": "#F9A825",
    "green": "#A5D6A7",
    "blue": "#1565C0",
    "white": "#FFFFFF",
}
RAG_TEXT_COLOURS = {
    "red": "#FFFFFF",
    "amber": "#000000",
    "green": "#000000",
    "blue": "#FFFFFF",
    "white": "#000000",
}
RAG_ORDER = ("red", "amber", "green", "blue", "white")
# White marks need an outline to be seen on a white page.
RAG_OUTLINE = "#5F6368"
# A finding with no position recorded has no RAG: the charts draw it in a grey of its own, named
# "No position recorded", never as white (white is a grade someone gave).
NOT_RECORDED = "not_recorded"
DRAWN_COLOURS = {**RAG_COLOURS, NOT_RECORDED: "#E0E0E0"}
DRAWN_TEXT_COLOURS = {**RAG_TEXT_COLOURS, NOT_RECORDED: "#000000"}
DRAWN_ORDER = (*RAG_ORDER, NOT_RECORDED)


def drawn_rag(codes):
    """A frame's RAG codes as the charts draw them: no position recorded is NOT_RECORDED."""
    return codes.astype(object).where(codes.notna(), NOT_RECORDED)


def rag_word(code: str) -> str:
    """The legend's and label's word for a drawn RAG code."""
    from oversight.labels import NO_POSITION, RAG_LABELS

    return NO_POSITION if code == NOT_RECORDED else RAG_LABELS.get(code, str(code))


# PEEL grade colours: one scale for both the 4-point and 5-point frameworks.
GRADE_COLOURS = {
    "Outstanding": "#1B5E20",
    "Good": "#66BB6A",
    "Adequate": "#FFF176",
    "Requires improvement": "#FFA726",
    "Inadequate": "#C62828",
    "Ungraded": "#E0E0E0",
    "Not graded": "#E0E0E0",
}
GRADE_TEXT_COLOURS = {
    "Outstanding": "#FFFFFF",
    "Good": "#000000",
    "Adequate": "#000000",
    "Requires improvement": "#000000",
    "Inadequate": "#FFFFFF",
    "Ungraded": "#000000",
    "Not graded": "#000000",
}
GRADE_ORDER = (
    "Outstanding",
    "Good",
    "Adequate",
    "Requires improvement",
    "Inadequate",
    "Ungraded",
    "Not graded",
)

FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"
