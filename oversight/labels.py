"""Words a reader sees for the codes in the data (enumerations are snake_case in the tables)."""

from __future__ import annotations

STATUS_LABELS = {
    "awaiting_allocation": "Awaiting allocation",
    "in_progress": "In progress",
    "pending_closure": "Pending closure",
    "closed": "Closed",
    "superseded": "Superseded",
    "no_further_action": "No further action",
}
KIND_LABELS = {
    "recommendation": "Recommendation",
    "area_for_improvement": "Area for improvement",
    "cause_of_concern": "Cause of concern",
}
KIND_PLURALS = {
    "recommendation": "recommendations",
    "area_for_improvement": "areas for improvement",
    "cause_of_concern": "causes of concern",
}
ADDRESSED_LABELS = {
    "force": "This force",
    "all_forces": "All forces",
    "chief_constables": "Chief constables",
    "national_body": "A national body",
}
INSPECTION_KIND_LABELS = {
    "peel": "PEEL assessment",
    "peel_national": "PEEL national overview",
    "thematic": "Thematic",
    "joint_thematic": "Joint thematic",
    "annual_report": "Annual report",
    "review": "Review",
    "other": "Other",
}
RAG_LABELS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Blue",
    "white": "White",
}


def label(mapping: dict[str, str], code: str | None) -> str:
    """The reader's word for a code; an unknown code is shown as itself, never hidden."""
    if code is None:
        return "—"
    return mapping.get(code, str(code).replace("_", " ").capitalize())
