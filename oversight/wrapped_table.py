"""The one way a page draws a table of findings whose text wraps.

Every such table hides the index, reads "—" where a value is missing, gives each row the height
of wrapped text, and is as tall as up to `max_rows` rows before it scrolls (half of the next row
showing, so a reader sees that it does).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from oversight import explorer


def reference_column(width: int = 150, label: str | None = None) -> Any:
    """The column naming a finding as a committee does ("Online and on the edge · R4"), with the
    help every such table gives it. `label` when the frame's column is not already "Reference"."""
    return st.column_config.TextColumn(
        label, width=width, help="The report's short name and the finding's number in it"
    )


def show(frame: pd.DataFrame, *, max_rows: int = 8, **options: Any) -> Any:
    """st.dataframe of `frame` with the wrapped-table settings; `options` go to st.dataframe."""
    return st.dataframe(
        frame,
        hide_index=True,
        placeholder=explorer.MISSING,
        row_height=explorer.WRAPPED_ROW_PX,
        height=explorer.table_height(len(frame), explorer.WRAPPED_ROW_PX, max_rows),
        **options,
    )
