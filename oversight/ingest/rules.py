"""The rules that find findings in a report: what HMICFRS documents share, one table per question.

Each table is a list of (pattern, value) read top to bottom; the first pattern that matches wins.
To teach the reader a new wording, add a row to the table it belongs to (and a fixture under
tests/fixtures/reports/ that shows it). Deadlines are not here: they are the project's one deadline
rule (oversight/deadline_rule.py), which both finds a deadline in a sentence and dates it.
"""

from __future__ import annotations

import re

RECOMMENDATION = "recommendation"
AREA_FOR_IMPROVEMENT = "area_for_improvement"
CAUSE_OF_CONCERN = "cause_of_concern"

_I = re.IGNORECASE

# --- 1. Headings that open a section of findings, and the kind each finding under it is --------
SECTION_HEADINGS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^causes? (?:of|for) concern\b", _I), CAUSE_OF_CONCERN),
    (re.compile(r"^areas? for improvement\b", _I), AREA_FOR_IMPROVEMENT),
    (re.compile(r"^(?:our |national |summary of |force )?recommendations?\b", _I), RECOMMENDATION),
]

# A numbered finding's label: "Recommendation 3", "Area for improvement 2", "Cause of concern 1"
# (at the start of a heading or a paragraph). The number is kept as the report gives it.
NUMBERED_LABEL = re.compile(
    r"^(?P<label>recommendation|area for improvement|cause (?:of|for) concern)\s+"
    r"(?P<number>\d{1,3}(?:\.\d{1,2})?)\b\s*[:.\-–]?\s*",
    _I,
)
LABEL_KINDS = {
    "recommendation": RECOMMENDATION,
    "area for improvement": AREA_FOR_IMPROVEMENT,
    "cause of concern": CAUSE_OF_CONCERN,
    "cause for concern": CAUSE_OF_CONCERN,
}

# A line holding only a number, printed before the finding it numbers (a register's list).
BARE_NUMBER = re.compile(r"^(?P<number>\d{1,3})$")

# --- 2. Sentences that open a finding, and the kind they make ---------------------------------
# Anywhere in a report (these wordings only ever open a finding):
DEADLINE_FIRST = re.compile(
    r"^(?:by\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[a-z]+\s+\d{4}|"
    r"within\s+\S+\s+(?:months?|weeks?|days?)|immediately)\s*,",
    _I,
)
OPENERS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^to address (?:this|these|the) causes? of concern\b", _I), RECOMMENDATION),
    (re.compile(r"^(?:we|hmicfrs|hmic|hmi|the inspectorate) recommends?\b", _I), RECOMMENDATION),
    (DEADLINE_FIRST, RECOMMENDATION),
]
# Only under a heading or a lead-in that says what follows (elsewhere such sentences are prose):
SUBJECT_SHOULD = re.compile(
    r"^(?:the force|forces|all forces|chief constables|chief officers|the (?:college of policing|"
    r"national police chiefs['’]? council|home office|national crime agency)|"
    r"(?:the )?npcc|police and crime commissioners)\b[^.]{0,60}?\b(?:should|must|needs? to)\b",
    _I,
)
IMPERATIVE = re.compile(
    r"^(?:make sure|ensure|review|develop|establish|introduce|improve|consider|put in place|"
    r"provide|work with|set up|adopt|implement|publish|assess)\b",
    _I,
)
# Under a cause of concern, after the concern itself, a sentence saying what should be done.
SHOULD = re.compile(r"\b(?:should|must)\b", _I)
# A cause of concern states itself: "The force's response to ... is a cause of concern".
CONCERN_STATEMENT = re.compile(r"\bis (?:a|an enduring) cause (?:of|for) concern\b", _I)

# --- 3. A lead-in that says a list of findings follows ----------------------------------------
# "The report contained five recommendations for Chief Constables as follows:"
# "The three recommendations for forces to progress are:"
LEAD_IN = re.compile(
    r"\b(?P<count>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})?\s*"
    r"(?P<what>recommendations?|areas? for improvement|causes? (?:of|for) concern)\b"
    r"(?P<rest>[^:]*):\s*$",
    _I,
)
COUNTS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

# --- 4. Who a finding is addressed to ---------------------------------------------------------
# Read in the finding's subject: the words before its first "should"/"must"/verb, after any
# opener ("We recommend that, within six months,", "To address this cause of concern,").
NATIONAL_BODIES = (
    r"college of policing|national police chiefs['’]? council|npcc|home office|home secretary|"
    r"national crime agency|\bnca\b|independent office for police conduct|\biopc\b|"
    r"crown prosecution service|\bcps\b|ministry of justice|action fraud|"
    r"national fraud intelligence bureau|city of london police|youth justice board|"
    r"hm prison and probation service|government"
)
ADDRESSEES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\b(?:" + NATIONAL_BODIES + r")\b", _I), "national_body"),
    (re.compile(r"\bchief constables\b", _I), "chief_constables"),
    (re.compile(r"\b(?:all )?forces\b(?!['’])", _I), "all_forces"),
    (re.compile(r"\b(?:the|this) force(?:['’]s)?\b", _I), "force"),
]
# Lead-ins name the addressee in their own words: "for Chief Constables", "for all forces".
LEAD_IN_ADDRESSEES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\bchief constables\b", _I), "chief_constables"),
    (re.compile(r"\b(?:all )?forces?['’]?s?\b", _I), "all_forces"),
    (re.compile(r"\b(?:" + NATIONAL_BODIES + r")\b", _I), "national_body"),
]
SUBJECT_END = re.compile(
    r"\b(?:should|must|needs? to|ensures?|reviews?|considers?|develops?|works?|puts?|"
    r"establish(?:es)?|introduces?|improves?|takes?|is|are)\b",
    _I,
)
OPENER_PREFIX = re.compile(
    r"^(?:to address (?:this|these|the) causes? of concern,?\s*)?"
    r"(?:(?:we|hmicfrs|hmic|hmi|the inspectorate) recommends?,?\s*(?:that,?)?\s*)?"
    r"(?:(?:by|within)\s[^,]{3,40},\s*|immediately,\s*)?",
    _I,
)

# --- 5. The report's own particulars ----------------------------------------------------------
# "Published on: 18 September 2024", "This was published on 22nd March 2018",
# "Published: 8 December 2015". A month without a day ("published in May") is no date.
PUBLISHED = re.compile(
    r"\bpublished(?:\s+on)?:?\s+(?:the\s+)?(?P<day>\d{1,2})\s?(?:st|nd|rd|th)?\s+"
    r"(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})\b",
    _I,
)

# Paragraphs about a finding that are not the finding: an owner's commentary in a committee
# paper, a register's status line. They end a finding and never start one.
COMMENTARY = re.compile(
    r"^(?:this recommendation is (?:owned|managed)|completed$|superseded$|in progress$|"
    r"awaiting review$|\[on\])",
    _I,
)


def section_kind(heading: str) -> str | None:
    for pattern, kind in SECTION_HEADINGS:
        if pattern.search(heading.strip()):
            return kind
    return None


def opener_kind(text: str) -> str | None:
    """The kind a sentence opens wherever it stands, or None."""
    for pattern, kind in OPENERS:
        if pattern.search(text):
            return kind
    return None


def addressee(text: str) -> str | None:
    """Who the finding is for, from its subject; None when the text does not say."""
    body = OPENER_PREFIX.sub("", text.strip(), count=1)
    end = SHOULD.search(body.split(".")[0]) or SUBJECT_END.search(body)
    subject = body[: end.start()] if end else body.split(".")[0]
    for pattern, value in ADDRESSEES:
        if pattern.search(subject):
            return value
    return None


def lead_in(text: str) -> tuple[str, int | None, str | None] | None:
    """(kind, count, addressee) when the paragraph announces a list of findings."""
    match = LEAD_IN.search(text.strip())
    if not match:
        return None
    what = match["what"].lower()
    kind = (
        RECOMMENDATION
        if what.startswith("recommendation")
        else AREA_FOR_IMPROVEMENT
        if what.startswith("area")
        else CAUSE_OF_CONCERN
    )
    count = match["count"]
    number = None
    if count:
        number = COUNTS.get(count.lower()) or (int(count) if count.isdigit() else None)
    rest = match["rest"]
    who = next((value for pattern, value in LEAD_IN_ADDRESSEES if pattern.search(rest)), None)
    return kind, number, who


def normalise_heading(text: str) -> str:
    """A heading as compared with a PEEL question: lower case, quotes and dashes unified, no
    punctuation, single spaces."""
    text = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()
