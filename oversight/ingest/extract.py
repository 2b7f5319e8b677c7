"""The walk over a report's blocks that turns the rules (rules.py) into findings.

It reads the blocks in order, keeping what a reader keeps in mind: the section it is in (under an
"Areas for improvement" heading, say), the graded PEEL question above it, the cause of concern
its recommendations answer, and a lead-in that announced "five recommendations for chief
constables". A finding's text is copied verbatim: its first block, then the blocks that continue
it (a list after a colon, a sentence cut by a page break, the rest of a run of bold paragraphs).
Every field stays empty unless the text says it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from oversight import deadline_rule
from oversight.ingest import rules
from oversight.ingest.blocks import HEADING, ITEM, Block

_TERMINAL = re.compile(r"[.!?:)\"”’]$")
_SHORT_HEADING = re.compile(
    r"^(?:causes? (?:of|for) concern|areas? for improvement|recommendations?)$", re.IGNORECASE
)


@dataclass
class Finding:
    kind: str | None
    ref: str | None = None
    parts: list[tuple[str, str]] = field(default_factory=list)  # (block kind, text)
    addressed_to: str | None = None
    deadline_text: str | None = None
    due_on: dt.date | None = None
    peel_area: str | None = None
    parent: Finding | None = None
    strong: bool = False
    why: str = ""  # the rule that found it, for the reader of a proposal

    @property
    def text(self) -> str:
        out = ""
        for kind, words in self.parts:
            if not out:
                out = words
            elif kind == ITEM:
                out += "\n- " + words
            elif _TERMINAL.search(out) or out.endswith(";"):
                out += "\n" + words
            else:
                out += " " + words  # a sentence cut in two (a page break, a line of bold)
        return out

    def last(self) -> str:
        return self.parts[-1][1] if self.parts else ""


@dataclass
class _LeadIn:
    kind: str
    remaining: int | None
    addressed_to: str | None


@dataclass
class _State:
    section: str | None = None  # the kind the current section heading holds
    concern: Finding | None = None  # the cause of concern recommendations here answer
    area: str | None = None
    area_level: int = 0
    lead: _LeadIn | None = None
    pending_kind: str | None = None
    pending_number: str | None = None
    current: Finding | None = None


def find_findings(
    blocks: list[Block], areas: dict[str, str], published_on: dt.date | None
) -> list[Finding]:
    """Every finding the blocks state, in the order they state them (a finding whose text repeats
    one found before, as a summary repeats the body, is found once)."""
    found: list[Finding] = []
    state = _State()

    def close() -> None:
        current = state.current
        state.current = None
        if current is None or not current.parts:
            return
        _complete(current, published_on)
        if any(_same_text(current, other) for other in found):
            return
        found.append(current)

    for block in blocks:
        text = block.text
        if block.kind != HEADING and _SHORT_HEADING.match(text.rstrip(":")):
            block = Block(HEADING, text.rstrip(":"), 6, block.strong)
        if block.kind == HEADING:
            close()
            _heading(state, block, areas)
            continue
        if rules.COMMENTARY.search(text):
            close()
            continue
        bare = rules.BARE_NUMBER.match(text)
        if bare:
            close()
            state.pending_number = bare["number"]
            continue
        label = rules.NUMBERED_LABEL.match(text)
        if label:
            state.pending_kind = rules.LABEL_KINDS[label["label"].lower()]
            state.pending_number = label["number"]
            text = text[label.end() :].strip()
            if not text:
                close()
                continue
        # A finding's own opening words (or a numbered label) always start a new one; otherwise
        # a block that continues the finding being read belongs to it, before any section rule.
        kind, why = _opens(state, text, bool(label))
        current = state.current
        if kind is None and current is not None and _continues(state, current, block, text):
            current.parts.append((block.kind, text))
            continue
        close()
        if kind is None:
            kind, why = _starts(state, block, text)
        if kind is None:
            continue
        finding = Finding(kind, strong=block.strong, why=why)
        finding.ref = state.pending_number or block.number
        state.pending_number = state.pending_kind = None
        finding.parts.append((block.kind, text))
        finding.peel_area = state.area
        if kind == rules.CAUSE_OF_CONCERN:
            state.concern = finding
        elif kind == rules.RECOMMENDATION and state.concern is not None:
            finding.parent = state.concern
        if state.lead:
            if state.lead.addressed_to:
                finding.addressed_to = state.lead.addressed_to  # the text's own subject wins
            if state.lead.remaining is not None:
                state.lead.remaining -= 1
                if state.lead.remaining <= 0:
                    state.lead = None  # as many as it announced: the list is over
        state.current = finding
    close()
    return found


def _heading(state: _State, block: Block, areas: dict[str, str]) -> None:
    state.lead = None
    label = rules.NUMBERED_LABEL.match(block.text)
    if label:
        state.pending_kind = rules.LABEL_KINDS[label["label"].lower()]
        state.pending_number = label["number"]
        return
    state.pending_number = state.pending_kind = None
    kind = rules.section_kind(block.text)
    if kind is not None:
        # "Recommendations" under a cause of concern answer it; any other section ends it.
        if not (kind == rules.RECOMMENDATION and state.section == rules.CAUSE_OF_CONCERN):
            state.concern = None
        state.section = kind
        return
    state.section = None
    state.concern = None
    area = areas.get(rules.normalise_heading(block.text))
    if area is not None:
        state.area, state.area_level = area, block.level
    elif state.area is not None and block.level <= state.area_level:
        state.area = None  # a heading at the question's level or above ends the question


def _opens(state: _State, text: str, labelled: bool) -> tuple[str | None, str]:
    """The kind of finding this block opens whatever comes before it (None: not by itself)."""
    if labelled and state.pending_kind:
        return state.pending_kind, "a numbered label"
    opened = rules.opener_kind(text)
    if opened:
        return opened, "a recommendation's opening words"
    current = state.current
    after_colon = current is not None and current.last().endswith(":")
    if state.lead is not None and _listing(text) and not after_colon:
        return state.lead.kind, "a lead-in announcing a list"
    return None, ""


def _listing(text: str) -> bool:
    """Worded like an item of a list of findings ("Make sure that ...", "The force should ...")."""
    return bool(rules.SUBJECT_SHOULD.search(text) or rules.IMPERATIVE.search(text))


def _starts(state: _State, block: Block, text: str) -> tuple[str | None, str]:
    """The kind of finding this block opens where it stands (a section, a lead-in), and the rule
    that says so (None: it opens none)."""
    if state.pending_kind:
        return state.pending_kind, "a numbered heading"
    listing = _listing(text)
    if state.section == rules.CAUSE_OF_CONCERN:
        if state.concern is None or rules.CONCERN_STATEMENT.search(text):
            return rules.CAUSE_OF_CONCERN, "the Cause of concern heading"
        if rules.SHOULD.search(text):
            return rules.RECOMMENDATION, "what the force should do about its cause of concern"
        return None, ""
    in_section = state.section in (rules.AREA_FOR_IMPROVEMENT, rules.RECOMMENDATION)
    if in_section and (listing or block.kind == ITEM or block.number):
        return state.section, "its section's heading"
    lead = rules.lead_in(text)
    if lead is not None:
        state.lead = _LeadIn(*lead)
    return None, ""


def _continues(state: _State, current: Finding, block: Block, text: str) -> bool:
    last = current.last()
    if last.endswith(":"):
        return True  # a list, or the rest of a sentence, after a colon
    if block.kind == ITEM and current.parts[-1][0] == ITEM:
        # the rest of a list the finding introduced; under a cause of concern, the register
        # prints one recommendation's parts as bullets. Elsewhere each item is a finding.
        return current.parts[0][0] != ITEM or state.section == rules.CAUSE_OF_CONCERN
    if text[:1].islower() and not _TERMINAL.search(last):
        return True  # a sentence cut by a page break or a line of bold
    if current.strong and block.strong and block.kind != ITEM:
        return True  # a quoted finding set in bold runs on until the bold ends
    if current.kind == rules.CAUSE_OF_CONCERN and state.section == rules.CAUSE_OF_CONCERN:
        return block.kind != ITEM
    return False


def _complete(finding: Finding, published_on: dt.date | None) -> None:
    text = finding.text
    finding.addressed_to = rules.addressee(text) or finding.addressed_to
    if finding.kind == rules.CAUSE_OF_CONCERN:
        return  # a cause of concern states a problem; its recommendations carry deadlines
    lead = _lead_words(text)
    finding.deadline_text = deadline_rule.find(lead)
    if finding.deadline_text:
        finding.due_on = deadline_rule.due_on(finding.deadline_text, published_on)


def _lead_words(text: str) -> str:
    """Where a finding states its deadline: its opening, up to a few words past its first
    "should" or "recommend" ("the force should immediately", "We recommend that, within six
    months,"). A date later in the text is what the work concerns, not when it is due."""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    verb = re.search(r"\b(?:should|must|recommends?(?:\s*,?\s*that)?)\b", first, re.IGNORECASE)
    if verb is None:
        return first[:80]
    rest = first[verb.end() :]
    tail = re.match(r"(?:\W*[\w’']+){0,4}", rest)
    return first[: verb.end()] + (tail.group(0) if tail else "")


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\n- ", " ")).strip().lower()


def _same_text(a: Finding, b: Finding) -> bool:
    return a.kind == b.kind and _normal(a.text) == _normal(b.text)
