"""Colours and type every figure family shares: the outline of pale marks, PEEL grade colours,
and the font. RAG colours are the data's own (rag.csv): each RAG figure takes the data folder's
`oversight.vocabulary.RagScale`."""

from __future__ import annotations

from oversight.vocabulary import NOT_RECORDED, OUTLINE  # noqa: F401 (re-exported)

# White marks need an outline to be seen on a white page.
RAG_OUTLINE = OUTLINE


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
