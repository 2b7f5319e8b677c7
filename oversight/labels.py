"""Words a reader sees for the codes in the data (enumerations are snake_case in the tables)."""

from __future__ import annotations

from oversight.vocabulary import NO_POSITION, NO_RAG, STATUS_WORDS  # noqa: F401 (re-exported)

STATUS_LABELS = STATUS_WORDS  # defined once, in oversight/vocabulary.py
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
# RAG words are the data's own (rag.csv): see oversight/vocabulary.py's RagScale.


def _missing(code: object) -> bool:
    return code is None or code != code  # None, or NaN from a frame


def status_label(code: str | None) -> str:
    """A finding's status as a reader sees it: "No position recorded" when there is none."""
    return NO_POSITION if _missing(code) else label(STATUS_LABELS, code)


def label(mapping: dict[str, str], code: str | None) -> str:
    """The reader's word for a code; an unknown code is shown as itself, never hidden."""
    if code is None:
        return "—"
    return mapping.get(code, str(code).replace("_", " ").capitalize())


# PEEL: pillars, themes (peel_areas.theme, the stable slug that follows an area across cycles
# whose wording changed), and the year-on-year moves of a grade within a scale.
PILLAR_LABELS = {
    "effectiveness": "Effectiveness",
    "efficiency": "Efficiency",
    "legitimacy": "Legitimacy",
    "leadership": "Leadership",
    "peel": "PEEL areas (from 2021/22)",
}
THEME_LABELS = {
    "overall": "Overall",
    "prevention": "Preventing crime and anti-social behaviour",
    "investigation": "Investigating crime",
    "vulnerability": "Protecting vulnerable people",
    "serious_organised_crime": "Serious and organised crime",
    "specialist_capabilities": "Specialist capabilities",
    "anti_social_behaviour": "Tackling anti-social behaviour",
    "financial_position": "Financial position",
    "affordable_policing": "Affordable policing",
    "workforce_model": "Workforce model",
    "demand": "Understanding demand",
    "resources": "Using resources to meet demand",
    "future_planning": "Planning for the future",
    "use_of_resources": "Good use of resources",
    "fair_treatment_public": "Treating the public fairly",
    "ethical_lawful_workforce": "Ethical and lawful workforce",
    "fair_treatment_workforce": "Treating the workforce fairly",
    "positive_workplace": "Positive workplace",
    "crime_recording": "Crime recording",
    "stop_search_taser": "Stop and search and Taser",
    "public_perceptions": "Public perceptions",
    "responding_to_public": "Responding to the public",
    "managing_offenders": "Managing offenders",
    "victim_service": "Service for victims of crime",
    "strategic_policing_requirement": "Strategic policing requirement",
    "armed_threats": "Protecting the public from armed threats",
    "leadership": "Leadership and force management",
    "leadership_understanding": "Leadership: understanding its state",
    "leadership_direction": "Leadership: future direction",
    "leadership_development": "Leadership: development and engagement",
    "leadership_improvement": "Leadership: improving effectiveness",
}
MOVE_LABELS = {
    "improved": "Improved",
    "declined": "Declined",
    "unchanged": "Unchanged",
    "not_comparable": "Not compared: scale changed",
}


def kind_breakdown(counts: dict[str, int]) -> str:
    """'3 recommendations, 1 area for improvement' from {kind: count}; kinds with none are left
    out, and 'No findings' when there are none at all."""
    parts = [
        f"{int(n)} {KIND_LABELS[kind].lower() if int(n) == 1 else KIND_PLURALS[kind]}"
        for kind, n in counts.items()
        if int(n) > 0
    ]
    return ", ".join(parts) or "No findings"
