"""The data contract as a table a reader can scan (for the Data page and the docs)."""

from __future__ import annotations

import functools

import pandas as pd

from oversight.schema import EXTRA_COLUMNS, TABLES


@functools.cache
def schema_frame(table: str) -> pd.DataFrame:
    """One row per column of a curated table: type, whether a cell is required, allowed values,
    and whether the column must be in the file's header (data/README.md, "The contract").
    Made once per table (the Data page shows every table's on every rerun); shared, so a caller
    must not change it."""
    extra = {c.name for c in EXTRA_COLUMNS.get(table, ())}
    rows = []
    for col in TABLES[table].columns + EXTRA_COLUMNS.get(table, ()):
        rows.append(
            {
                "Column": col.name,
                "Type": col.type.lower().replace("varchar", "text"),
                "Required": "yes" if col.required else "",
                "Key": "yes" if col.name in TABLES[table].key else "",
                "Allowed values": ", ".join(col.choices),
                "In the header": "may be absent" if col.name in extra else "required",
            }
        )
    return pd.DataFrame(rows)
