"""Untrusted text made safe for where it goes: a spreadsheet cell.

Text from the data, the address bar and uploads is never trusted. Each destination that would
otherwise interpret it has one function here, and every writer for that destination uses it.

- **A spreadsheet cell.** A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return can be run as a formula by Excel or LibreOffice when they open a CSV (CSV injection).
  ``cell`` puts a single quote before such text, as OWASP advises, so the file holds
  ``'-5% reduction`` and a spreadsheet shows it as text; ``uncell`` takes the quote off again
  when the dashboard reads the file, so every page, pack and export shows ``-5% reduction``.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def cell(text: str) -> str:
    """Text as the data files store it: a leading formula trigger gets a single quote before it.

    Text that already starts with quotes and then a trigger gets one more, so that ``uncell``
    gives back exactly what was written; any other text is stored as it is.
    """
    return _QUOTE + text if text.lstrip(_QUOTE).startswith(FORMULA_TRIGGERS) else text


def uncell(text: str) -> str:
    """The text a stored cell holds (``cell`` undone)."""
    if text.startswith(_QUOTE) and text.lstrip(_QUOTE).startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def uncell_sql(column: str) -> str:
    """``uncell`` as a DuckDB expression over a quoted column name (for the loader)."""
    return (
        f"case when starts_with({column}, '''') and regexp_matches({column}, "
        f"'^''+[=+\\-@\\t\\r]') then substr({column}, 2) else {column} end"
    )
