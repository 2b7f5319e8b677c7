"""The briefing pack's document model: a `Briefing` is a masthead, a title and `Section`s of
blocks (`Paragraph`, `Bullets`, `Finding`, `Table`, `Chart`). `oversight.paper.assemble` builds
one from the queries; the renderers (`as_markdown`, `as_pdf`, `as_docx`) turn it into a file, so
every format holds the same words."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import plotly.graph_objects as go

_WORD = re.compile(r"[A-Za-z0-9][\w'’.,/-]*")


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One recommendation, area for improvement or cause of concern, in full, with who owns it."""

    heading: str
    text: str  # bullet points on their own lines, starting "- "
    verbatim: bool
    facts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    # The fill of each row's first cell (a RAG grade's colour from rag.csv), or none; the DOCX
    # shades it and writes its words in black or white, whichever reads (never colour alone).
    fills: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A figure to show as an image (DOCX, PDF) or a live chart (the page); `table` holds the same
    figures in words, so the Markdown and a screen reader lose nothing."""

    title: str
    figure: go.Figure
    alt: str
    width: int = 900
    height: int = 420
    # What the Briefing page draws in the figure's place, lighter for a browser than a Plotly
    # plot: ("vega", (rows, spec)) for a Vega-Lite chart, or ("table", styler) for st.table.
    # None: the figure itself. Files always take the figure.
    screen: tuple[str, object] | None = None


Block = Paragraph | Bullets | Finding | Table | Chart


@dataclass
class Section:
    title: str
    level: int  # 1: numbered part of the paper; 2: a subsection; 3: one report; 4: a PEEL area
    blocks: list = field(default_factory=list)

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self


@dataclass
class Briefing:
    heading: tuple[str, ...]  # the paper's masthead: committee, date, agenda item
    title: str
    meeting_on: dt.date
    since: dt.date
    next_on: dt.date
    force_name: str
    sections: list[Section]
    footer: str

    def text(self) -> str:
        """Every word of the pack, for search and tests."""
        parts = list(self.heading) + [self.title]
        for section in self.sections:
            parts.append(section.title)
            for block in section.blocks:
                parts.extend(_block_words(block))
        parts.append(self.footer)
        return "\n".join(parts)

    def word_count(self) -> int:
        """Words a reader reads (table rules and bullets aside), as a word processor counts them."""
        return len(_WORD.findall(self.text()))


def _block_words(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        return list(block.items)
    if isinstance(block, Finding):
        return [block.heading, block.text] + [f"{k}: {v}" for k, v in block.facts]
    if isinstance(block, Table):
        return [" | ".join(block.columns)] + [" | ".join(r) for r in block.rows] + [block.caption]
    if isinstance(block, Chart):
        return [block.title, block.alt]
    return []
