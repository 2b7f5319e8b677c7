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


def static_table_height(rows: int, cap: int = 20) -> int | str:
    """A st.table's height: every row up to `cap` rows, then a scrolling box of about that many
    (its header stays in view)."""
    return "content" if rows <= cap else 40 + 37 * cap


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


# --- The grade matrix and the peer grid, as static tables ------------------------------------
#
# Both were Plotly heatmaps: a figure per force, drawn as a new plot at every change of force,
# with a text element per cell per grade (tens of thousands of DOM changes in the browser; see
# docs/performance.md, "PEEL grades in the browser"). A table reads as well: each cell is the
# grade in words on its colour (or why there is none), a screen reader reads it cell by cell,
# and every grade's source is in the sources table under it. st.table renders every cell and
# header as Markdown: every word from the data goes through escape.md.

SCALE_BREAK_CSS = "border-left: 3px dashed #000000"


def _cell_css(word: str) -> str:
    from oversight.charts.peel_grades import GRADE_CELL_COLOURS, GRADE_CELL_TEXT_COLOURS

    return (
        f"background-color: {GRADE_CELL_COLOURS.get(word, '#FFFFFF')}; "
        f"color: {GRADE_CELL_TEXT_COLOURS.get(word, '#000000')}"
    )


def _styled(words: pd.DataFrame, uuid: str, breaks: set[int] = frozenset()):
    """`words` (cells already plain words or empty) escaped for Markdown and coloured by word;
    a dashed rule before each column position in `breaks` (a change of scale). The Styler's id
    is fixed (`uuid`; pandas draws a random one): its CSS class names are then the same at every
    run, so a table whose cells did not change is not drawn again in the browser."""
    css = pd.DataFrame(
        [[_cell_css(w) if w else "" for w in row] for row in words.itertuples(index=False)],
        index=words.index,
        columns=words.columns,
    )
    for position in breaks:
        css.iloc[:, position] = [
            f"{c}; {SCALE_BREAK_CSS}" if c else SCALE_BREAK_CSS for c in css.iloc[:, position]
        ]
    shown = words.map(lambda w: _md(w) if w else "")
    return shown.style.set_uuid(uuid).apply(lambda _: css.values, axis=None)


def _md(text: object) -> str:
    from oversight import escape

    return escape.md(text)


def scale_heading(points: int) -> str:
    return f"{int(points)}-point scale"


def matrix_table(matrix: pd.DataFrame):
    """queries/peel_grade_matrix.sql as a table: an area (by theme, grouped by pillar) a row, a
    cycle a column under its grading scale, each cell the grade in words on its colour, or why
    there is none (charts.cell_word); a blank cell: the area was not in that cycle's framework.
    A dashed rule marks where the scale changes. A pandas Styler for st.table."""
    from oversight.charts.peel_grades import cell_word

    cells = matrix.sort_values(["row_order", "cycle"])
    rows: dict[tuple, str] = {}
    for pillar, theme in zip(cells["row_pillar"], cells["theme"], strict=True):
        if (pillar, theme) not in rows:
            words = theme_label(theme, pillar)
            rows[(pillar, theme)] = f"**{_md(words)}**" if theme == "overall" else _md(words)
    columns = [
        (scale_heading(points), str(cycle))
        for points, cycle in sorted(
            set(zip(cells["scale_points"].astype(int), cells["cycle"].astype(str), strict=True))
        )
    ]
    grid = pd.DataFrame(
        "",
        index=pd.Index(list(rows.values()), name="Area"),
        columns=pd.MultiIndex.from_tuples(
            [(_md(scale), _md(cycle)) for scale, cycle in columns], names=["Scale", "Cycle"]
        ),
    )
    where = {cycle: i for i, (_, cycle) in enumerate(columns)}
    for pillar, theme, cycle, state, grade in zip(
        cells["row_pillar"],
        cells["theme"],
        cells["cycle"].astype(str),
        cells["cell_state"],
        cells["grade"],
        strict=True,
    ):
        grid.iat[list(rows).index((pillar, theme)), where[cycle]] = cell_word(state, grade)
    breaks = {i for i in range(1, len(columns)) if columns[i][0] != columns[i - 1][0]}
    return _styled(grid, "peel_matrix", breaks)


def peer_table(grid: pd.DataFrame):
    """queries/peel_peer_grid.sql as a table: a force a row (the selected force first, marked
    "this force"), an area of the cycle's pillar a column, each cell the grade in words on its
    colour, or why there is none. A pandas Styler for st.table."""
    from oversight.charts.peel_grades import cell_word

    forces: dict[str, str] = {}
    for name, selected in zip(grid["force_name"], grid["is_selected"], strict=True):
        if name not in forces:
            forces[name] = f"**{_md(name)} (this force)**" if selected else _md(name)
    ordered = grid.sort_values("display_order", kind="stable")
    areas = list(dict.fromkeys(ordered["theme"]))
    table = pd.DataFrame(
        "",
        index=pd.Index(list(forces.values()), name="Force"),
        columns=[_md("Overall" if t == "overall" else theme_label(t)) for t in areas],
    )
    position = {t: i for i, t in enumerate(areas)}
    names = list(forces)
    for name, theme, state, grade in zip(
        grid["force_name"], grid["theme"], grid["cell_state"], grid["grade"], strict=True
    ):
        table.iat[names.index(name), position[theme]] = cell_word(state, grade)
    return _styled(table, "peel_peers")


def as_markdown(frame: pd.DataFrame, links: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A reader's table (moves_table, findings_table) for st.table, which renders every cell as
    Markdown: each cell escaped (escape.md), a number as its digits, a missing value as "—". A
    column named in `links` holds links this module built (explorer_link: a relative address
    whose query is percent-encoded, so it holds no space, bracket or parenthesis) and shows as a
    link with that column's words."""
    links = dict(links or {})
    out = {}
    for column in frame.columns:
        if column in links:
            out[column] = [f"[{_md(links[column])}]({_link(url)})" for url in frame[column]]
        else:
            out[column] = [_md(_text(v)) for v in frame[column]]
    return pd.DataFrame(out, columns=list(frame.columns))


def _link(url: str) -> str:
    if any(c in url for c in " ()[]<>\\\n\r\t") or "://" in url:
        raise ValueError(f"not a link this page builds: {url!r}")
    return url
