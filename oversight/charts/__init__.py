"""Chart builders: pure functions DataFrame -> plotly Figure, one module per figure family.

- `palette`: colours and type (PEEL grades, outlines, font), defined once; RAG colours and words
  are the data's (rag.csv), handed to each RAG figure as an `oversight.vocabulary.RagScale`.
- `due_dates`: Timeline and Owners (findings on a time axis, a bar per group in Vega-Lite; due
  per lead and quarter).
- `inspection_calendar`: Inspections (fieldwork and publication), in Vega-Lite.
- `rag_mix`: RAG mix per inspection and per kind (Overview), then and now (the briefing pack).
- `peel_grades`: the grade matrix (the briefing pack) and the grade cells' words and colours.
- `peel_vega`: the PEEL grades page's trend and national picture, in Vega-Lite.
- `fast`: the dict-build layer the busiest figures use; `common`: what the families share.

Colour never carries meaning alone: every RAG or grade mark also carries its word (text label,
legend entry and hover). Every builder is re-exported here: `charts.grade_matrix(...)`, and
`app.figure` accepts only a builder found on this package.
"""

from oversight.charts._untrusted import escaped
from oversight.charts.due_dates import (
    HEATMAP_SCALE,
    OVERDUE_MARK,
    due_quarter_heatmap,
    timeline_bars,
    timeline_group_vega,
)
from oversight.charts.inspection_calendar import (
    CALENDAR_COLOURS,
    CALENDAR_LABELS,
    inspection_calendar_vega,
)
from oversight.charts.palette import (
    FONT_FAMILY,
    GRADE_COLOURS,
    GRADE_ORDER,
    GRADE_TEXT_COLOURS,
    RAG_OUTLINE,
)
from oversight.charts.peel_grades import (
    AREA_NOT_GRADED,
    GRADE_CELL_COLOURS,
    GRADE_CELL_ORDER,
    GRADE_CELL_TEXT_COLOURS,
    NO_GRADE_IN_DATA,
    SCALE_CAUTION,
    THEME_LINE_COLOURS,
    cell_word,
    grade_matrix,
)
from oversight.charts.peel_vega import grade_trend_vega, national_grade_bars_vega
from oversight.charts.rag_mix import (
    briefing_rag_mix_figure,
    briefing_rag_mix_vega,
    distinct_inspection_labels,
    open_only,
    rag_by_inspection_vega,
    rag_by_kind_vega,
    rag_mix_title,
    rag_mix_vega,
)

# Every plotly builder takes text from the data: escaped for plotly first (see _untrusted).
due_quarter_heatmap = escaped(due_quarter_heatmap)
timeline_bars = escaped(timeline_bars)
grade_matrix = escaped(grade_matrix)
briefing_rag_mix_figure = escaped(briefing_rag_mix_figure)
# The Vega-Lite builders (*_vega) are not wrapped: Vega-Lite draws every label and tooltip
# as text, so an entity would show as "&lt;" there.

__all__ = [
    "AREA_NOT_GRADED",
    "CALENDAR_COLOURS",
    "CALENDAR_LABELS",
    "FONT_FAMILY",
    "GRADE_CELL_COLOURS",
    "GRADE_CELL_ORDER",
    "GRADE_CELL_TEXT_COLOURS",
    "GRADE_COLOURS",
    "GRADE_ORDER",
    "GRADE_TEXT_COLOURS",
    "HEATMAP_SCALE",
    "NO_GRADE_IN_DATA",
    "OVERDUE_MARK",
    "RAG_OUTLINE",
    "SCALE_CAUTION",
    "THEME_LINE_COLOURS",
    "briefing_rag_mix_figure",
    "briefing_rag_mix_vega",
    "cell_word",
    "distinct_inspection_labels",
    "due_quarter_heatmap",
    "grade_matrix",
    "grade_trend_vega",
    "inspection_calendar_vega",
    "national_grade_bars_vega",
    "open_only",
    "rag_mix_title",
    "rag_by_inspection_vega",
    "rag_by_kind_vega",
    "rag_mix_vega",
    "timeline_bars",
    "timeline_group_vega",
]
