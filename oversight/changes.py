"""How the force's findings changed in a period, said one way on the Overview and in the briefing
pack. The split itself is SQL (queries/macros/rec_state_force_changes.sql): a move is a change
between two recorded positions; a finding with no position at the start of the period whose first
position falls in it is "first recorded", never a move from a state nobody recorded. Pure Python,
so a test reaches it without Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from oversight import labels
from oversight.vocabulary import RagScale

NO_POSITION = labels.NO_POSITION

CHANGE_LABELS = {
    "moved": "Moved (between two recorded positions)",
    "first_recorded": "First recorded in the period",
    "unchanged": "Unchanged",
    "no_position": NO_POSITION,
}


@dataclass(frozen=True)
class Split:
    """The counts of the split, from overview_kpis.sql or briefing/tracking_summary.sql."""

    moved: int
    first_recorded: int
    first_recorded_issued_in_period: int
    no_position: int

    @classmethod
    def from_row(cls, row: pd.Series) -> Split:
        """From a row of overview_kpis.sql (moved, first_recorded, ...) or of
        briefing/tracking_summary.sql (moved_since, first_recorded_since, ...)."""

        def get(name: str, other: str) -> int:
            value = row[name] if name in row.index else row[other]
            return int(value)

        return cls(
            moved=get("moved", "moved_since"),
            first_recorded=get("first_recorded", "first_recorded_since"),
            first_recorded_issued_in_period=get(
                "first_recorded_issued_in_period", "first_recorded_issued_since"
            ),
            no_position=get("no_position", "no_position"),
        )

    def sentence(self, since_words: str, bold: bool = False) -> str:
        """'Since 1 March 2018, 0 findings moved between two recorded positions, 34 had their
        first position recorded (9 of them from reports published in the period) and 0 have no
        position recorded.'"""

        def n(value: int) -> str:
            return f"**{value:,}**" if bold else f"{value:,}"

        def findings(value: int) -> str:
            return f"{n(value)} finding{'' if value == 1 else 's'}"

        issued = self.first_recorded_issued_in_period
        if not issued:
            of_them = ""
        elif self.first_recorded == 1:
            of_them = " (from a report published in the period)"
        else:
            source = "a report" if issued == 1 else "reports"
            of_them = f" ({issued:,} of them from {source} published in the period)"
        return (
            f"{since_words[:1].upper()}{since_words[1:]}, {findings(self.moved)} moved between "
            f"two recorded positions, {n(self.first_recorded)} had "
            f"{'its' if self.first_recorded == 1 else 'their'} first position recorded{of_them} "
            f"and {n(self.no_position)} {'has' if self.no_position == 1 else 'have'} no position "
            "recorded."
        )


def position_words(status: object, code: object, rag: RagScale, sep: str = " · ") -> str:
    """'In progress · White', or 'No position recorded' when nobody recorded one."""
    if status is None or pd.isna(status):
        return NO_POSITION
    return f"{labels.status_label(status)}{sep}{rag.label(code)}"
