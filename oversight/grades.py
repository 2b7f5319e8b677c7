"""The PEEL grades page's logic that a test can reach without Streamlit: links into the
Recommendations explorer, and the tables a reader sees (labels instead of codes)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

import pandas as pd

from oversight import explorer
from oversight.labels import (
    KIND_LABELS,
    KIND_PLURALS,
    MOVE_LABELS,
    PILLAR_LABELS,
    THEME_LABELS,
    label,
)

NO_CYCLE = "Other reports"


def explorer_link(
    theme: str,
    kind: str | None = None,
    inspection_ids: list[str] | None = None,
    context: Mapping[str, str] | None = None,
) -> str:
    """The explorer filtered to a PEEL theme (and kind, and the report when the findings come
    from exactly one), on the sidebar's view (`context`, see explorer.link_context)."""
    ids = list(inspection_ids) if inspection_ids is not None else []
    filters = explorer.Filters(
        area=theme, kind=(kind,) if kind else (), inspection=ids[0] if len(ids) == 1 else None
    )
    return explorer.url(filters, context=context)


def theme_label(theme: object, pillar: object = None) -> str:
    """A theme's words; a pillar's own grade reads 'Effectiveness overall'."""
    if theme == "overall" and pillar is not None:
        return f"{label(PILLAR_LABELS, str(pillar))} overall"
    return label(THEME_LABELS, None if theme is None or pd.isna(theme) else str(theme))


def table_height(rows: int, cap: int = 20) -> int:
    """Pixels for a st.dataframe that shows up to `cap` rows without scrolling."""
    return 38 + 35 * max(1, min(rows, cap))


def _text(value: object, empty: str = "—") -> str:
    return empty if value is None or pd.isna(value) else str(value)


def findings_table(
    findings: pd.DataFrame, context: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """queries/peel_findings_by_area.sql as a reader sees it, with a link per row."""
    return pd.DataFrame(
        {
            "Cycle": [_text(c, NO_CYCLE) for c in findings["cycle"]],
            "Area": [theme_label(t) for t in findings["theme"]],
            "Grade that cycle": [
                _text(g, "—" if pd.isna(c) else "No grade in data")
                for g, c in zip(findings["grade"], findings["cycle"], strict=True)
            ],
            "Finding": [label(KIND_LABELS, k) for k in findings["kind"]],
            "In the tracker": findings["findings"].astype("int64"),
            "Open": findings["open_findings"].astype("int64"),
            "Explorer": [
                explorer_link(t, k, list(ids), context)
                for t, k, ids in zip(
                    findings["theme"], findings["kind"], findings["inspection_ids"], strict=True
                )
            ],
        }
    )


def findings_sentence(findings: pd.DataFrame) -> str:
    """One line for the reader: how many causes of concern and areas for improvement are open."""
    parts = []
    for kind in ("cause_of_concern", "area_for_improvement"):
        chosen = findings[findings["kind"] == kind]
        total = int(chosen["findings"].sum())
        open_ = int(chosen["open_findings"].sum())
        noun = KIND_PLURALS[kind] if total != 1 else KIND_LABELS[kind].lower()
        parts.append(f"{total} {noun} ({open_} open)")
    return " and ".join(parts)


def moves_table(moves: pd.DataFrame) -> pd.DataFrame:
    """queries/peel_moves.sql as a reader sees it."""
    return pd.DataFrame(
        {
            "Area": [
                theme_label(t, p) for t, p in zip(moves["theme"], moves["row_pillar"], strict=True)
            ],
            "Move": [label(MOVE_LABELS, m) for m in moves["move"]],
            "From": moves["from_cycle"],
            "Grade then": moves["from_grade"],
            "To": moves["to_cycle"],
            "Grade now": moves["to_grade"],
        }
    )


def move_counts_sentence(counts: pd.DataFrame) -> str:
    """'2 improved, 1 declined, 4 unchanged' (and the moves not compared across the scales)."""
    by_move = dict(zip(counts["move"], counts["moves"].astype(int), strict=True))
    words = [
        f"{by_move.get('improved', 0)} improved",
        f"{by_move.get('declined', 0)} declined",
        f"{by_move.get('unchanged', 0)} unchanged",
    ]
    sentence = ", ".join(words)
    skipped = by_move.get("not_comparable", 0)
    if skipped:
        sentence += f"; {skipped} not compared because the scale changed"
    return sentence


def _source_name(source: str) -> str:
    if source.startswith("meeting:"):
        return f"Committee paper ({source.removeprefix('meeting:')})"
    host = urlsplit(source).hostname or source
    return host.removeprefix("www.")


def sources_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """Each grade in the matrix with the address it was read from."""
    graded = matrix[matrix["grade"].notna()]
    return pd.DataFrame(
        {
            "Cycle": graded["cycle"],
            "Pillar": [label(PILLAR_LABELS, p) for p in graded["pillar"]],
            "Area as HMICFRS words it": graded["area"],
            "Grade": graded["grade"],
            "From": [_source_name(s) for s in graded["source_url"].astype(str)],
            "Source": [
                None if s.startswith("meeting:") else s for s in graded["source_url"].astype(str)
            ],
        }
    ).reset_index(drop=True)
