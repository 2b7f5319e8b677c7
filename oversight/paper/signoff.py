"""The pack's section on closure sign-off: the closures approved in the period, each with who
proposed and who approved it and the evidence it rests on, and the findings whose status the
force and the inspectorate see differently."""

from __future__ import annotations

import pandas as pd

from oversight import evidence, labels
from oversight.paper.model import Paragraph, Section, Table
from oversight.paper.words import tuples
from oversight.periods import long_date
from oversight.signoff_words import INSPECTORATE_LABELS


def _name(row) -> str:
    ref = (
        row.ref
        if isinstance(row.ref, str) and row.ref
        else labels.label(labels.KIND_LABELS, row.kind)
    )
    return f"{row.inspection_title} · {ref}"


def _evidence_words(cell: object) -> str:
    items = evidence.items(cell)
    refs = [i for i in items if not evidence.FILE_ITEM.match(i)]
    files = len(items) - len(refs)
    words = "; ".join(refs)
    if files:
        words += ("; " if words else "") + f"{files} file{'s' if files != 1 else ''} held"
    return words or "none recorded"


def section(ds, p: dict, q: dict, since_long: str, meeting_long: str) -> Section:
    out = Section("Closures signed off since the last meeting", 2)
    approved = ds.query("closures_approved_since", **p)
    if approved.empty:
        out.add(
            Paragraph(
                f"No closure was signed off between {since_long} and {meeting_long}. A finding "
                "is closed when an approver, who did not propose it, accepts the evidence."
            )
        )
    else:
        out.add(
            Paragraph(
                f"{len(approved)} finding{'s were' if len(approved) != 1 else ' was'} closed "
                f"between {since_long} and {meeting_long}, each on evidence accepted by an "
                "approver who did not propose the closure."
            )
        )
        out.add(
            Table(
                ("Finding", "Proposed by", "Approved by", "Approved", "Evidence"),
                tuple(
                    (
                        _name(row),
                        row.proposed_by or "not recorded",
                        row.approved_by or "not recorded",
                        long_date(pd.Timestamp(row.approved_as_at).date()),
                        _evidence_words(row.evidence),
                    )
                    for row in tuples(approved, index=False)
                ),
            )
        )
    differ = ds.query("inspectorate_disagreements", **q)
    if not differ.empty:
        out.add(
            Paragraph(
                f"The inspectorate's own record differs from the force's for {len(differ)} "
                f"finding{'s' if len(differ) != 1 else ''} as at {meeting_long}:"
            )
        )
        out.add(
            Table(
                ("Finding", "The force", "The inspectorate", "As at"),
                tuple(
                    (
                        _name(row),
                        labels.label(labels.STATUS_LABELS, row.force_status),
                        labels.label(INSPECTORATE_LABELS, row.inspectorate_status),
                        long_date(pd.Timestamp(row.inspectorate_as_at).date()),
                    )
                    for row in tuples(differ, index=False)
                ),
            )
        )
    return out
