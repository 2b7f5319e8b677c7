"""A report as a reader has it (a saved HTML page, a PDF, plain text) turned into blocks: headings,
paragraphs and list items, in reading order, each with its words and whether it is set in bold.

Nothing is fetched: the HTML is parsed with the standard library's parser, which never loads what
a page references (no scripts run, no styles, images or frames are read); the PDF's text is read
with pypdf, page by page, from the bytes given.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_PDF_PAGES = 500

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"


@dataclass
class Block:
    kind: str  # HEADING, PARAGRAPH or ITEM
    text: str
    level: int = 0  # a heading's level (1 = the title)
    strong: bool = False  # the whole block is bold (a quoted finding, in many papers)
    number: str | None = None  # a list item's number as the document shows it ("3", "2.1")


@dataclass
class Document:
    blocks: list[Block]
    title: str | None = None
    url: str | None = None  # the address the page was saved from, when the file says it
    kind: str = "text"  # html, pdf or text
    notes: list[str] = field(default_factory=list)


def clean(text: str) -> str:
    """One line of words: entities decoded, runs of spaces as one space, no soft hyphens."""
    text = html.unescape(text).replace("\u00ad", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


_SECTION_WORDS = re.compile(
    r"^(?:causes? (?:of|for) concern|areas? for improvement|recommendations?|contents)\b",
    re.IGNORECASE,
)


def _first_title(blocks: list[Block]) -> str | None:
    """The first heading that names something (not "Recommendations", "Cause of concern")."""
    return next(
        (b.text for b in blocks if b.kind == HEADING and not _SECTION_WORDS.match(b.text)), None
    )


# --- plain text (and the Markdown a converted document often is) ------------------------------

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*(?:[-*•▪●◦]|(?P<number>\d{1,2}(?:\.\d{1,2})?)[.)])\s+(?P<text>.*)$")
_TAGS = re.compile(r"</?(?:sup|sub|b|strong|i|em|u|span)[^>]*>", re.IGNORECASE)


def from_text(text: str) -> Document:
    """Blank lines separate blocks; "#" lines are headings, "- " / "• " lines list items; a block
    wrapped in ** is bold (a Markdown copy of a Word paper keeps its bold that way)."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            _add_text_block(blocks, PARAGRAPH, " ".join(paragraph))
            paragraph.clear()

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Text copied from a web page often puts each block on a line of its own, with no blank
    # line between: then every line is a block.
    filled = sum(1 for line in lines if line.strip())
    one_per_line = filled > 5 and (len(lines) - filled) * 5 < filled
    for raw in lines:
        line = _TAGS.sub("", raw).rstrip()
        if not line.strip():
            flush()
            continue
        if one_per_line:
            flush()
        heading = _MD_HEADING.match(line.strip())
        bullet = _BULLET.match(line)
        if heading:
            flush()
            _add_text_block(blocks, HEADING, heading.group(2), level=len(heading.group(1)))
        elif bullet and not line.strip().startswith("**"):
            flush()
            _add_text_block(blocks, ITEM, bullet["text"], number=bullet["number"])
        else:
            paragraph.append(line.strip())
    flush()
    return Document(blocks, title=_first_title(blocks), kind="text")


def _add_text_block(
    blocks: list[Block], kind: str, text: str, level: int = 0, number: str | None = None
) -> None:
    stripped = text.strip()
    bare = stripped.replace("**", "").replace("__", "")
    strong = (
        stripped.startswith("**") and stripped.rstrip(".;:").endswith("**") and len(bare) > 0
    ) or (kind == ITEM and stripped.endswith("**"))
    words = clean(bare)
    if words:
        blocks.append(Block(kind, words, level, strong, number))


# --- HTML ------------------------------------------------------------------------------------

_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "section", "article", "td", "th", "dd", "dt", "blockquote", "br"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "form"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


class _Reader(HTMLParser):
    """Collects text into blocks. Text inside skipped elements (scripts, navigation, ...) is
    dropped; nothing an element refers to is ever requested."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title: str | None = None
        self.url: str | None = None
        self._skip = 0
        self._in_title = False
        self._title_parts: list[str] = []
        self._parts: list[tuple[str, bool]] = []  # (text, bold)
        self._kind = PARAGRAPH
        self._level = 0
        self._bold = 0
        self._lists: list[int | None] = []  # an <ol>'s count so far, or None for a <ul>
        self._number: str | None = None

    # the page's own address: "<!-- saved from url=(0071)https://... -->", a canonical link
    def handle_comment(self, data: str) -> None:
        match = _SAVED_FROM.search(data)
        if match and not self.url:
            self.url = match.group(1)

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = dict(attrs)
        if tag == "link" and (attributes.get("rel") or "").lower() == "canonical":
            self.url = self.url or attributes.get("href")
        if tag == "meta" and attributes.get("property") == "og:url":
            self.url = self.url or attributes.get("content")
        if tag == "title":
            self._in_title = True
            return
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if self._skip:
            return
        if tag in _HEADINGS:
            self._flush()
            self._kind, self._level = HEADING, _HEADINGS[tag]
        elif tag in ("ol", "ul"):
            self._flush()
            start = attributes.get("start")
            counted = int(start) - 1 if start and start.isdigit() else 0
            self._lists.append(counted if tag == "ol" else None)
        elif tag == "li":
            self._flush()
            self._kind, self._level = ITEM, 0
            if self._lists and self._lists[-1] is not None:
                self._lists[-1] += 1
                self._number = str(self._lists[-1])
        elif tag in _BLOCK_TAGS:
            self._flush()
        elif tag in ("strong", "b"):
            self._bold += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br" and not self._skip:
            self._parts.append(("\n", self._bold > 0))
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.title = clean("".join(self._title_parts)) or None
            return
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag in ("ol", "ul"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag in _HEADINGS or tag == "li" or tag in _BLOCK_TAGS:
            self._flush()
        elif tag in ("strong", "b"):
            self._bold = max(0, self._bold - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        elif not self._skip:
            self._parts.append((data, self._bold > 0))

    def _flush(self) -> None:
        # A <br> inside a paragraph starts a new line; a line that begins with a bullet
        # character is a list item of its own (the register pages write lists that way).
        lines: list[list[tuple[str, bool]]] = [[]]
        for text, bold in self._parts:
            pieces = text.split("\n") if text == "\n" else [text]
            for i, piece in enumerate(pieces):
                if i or piece == "\n":
                    lines.append([])
                if piece != "\n":
                    lines[-1].append((piece, bold))
        kind, level, number = self._kind, self._level, self._number
        self._parts = []
        self._kind, self._level, self._number = PARAGRAPH, 0, None
        for line in lines:
            words = clean("".join(t for t, _ in line))
            if not words:
                continue
            strong = all(b for t, b in line if t.strip())
            for j, piece in enumerate(re.split(r"\s*•\s*", words)):
                if not piece:
                    continue
                piece_kind = ITEM if (j > 0 or words.startswith("•")) else kind
                self.blocks.append(Block(piece_kind, piece, level, strong, number))
                number = None

    def close(self) -> None:
        super().close()
        self._flush()


def from_html(data: bytes | str) -> Document:
    text = data if isinstance(data, str) else _decode(data)
    reader = _Reader()
    reader.feed(text)
    reader.close()
    title = reader.title
    return Document(
        reader.blocks, title=title or _first_title(reader.blocks), url=reader.url, kind="html"
    )


def _decode(data: bytes) -> str:
    head = data[:2048].decode("ascii", "ignore")
    match = re.search(r"charset=[\"']?([A-Za-z0-9_-]+)", head)
    for encoding in ([match.group(1)] if match else []) + ["utf-8", "cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


# --- PDF -------------------------------------------------------------------------------------


@dataclass
class _Run:
    x: float
    y: float
    size: float
    bold: bool
    text: str


def from_pdf(data: bytes) -> Document:
    """Lines are rebuilt from the positioned text pypdf reports; a gap wider than a line's height
    ends a paragraph, a line in a larger type than the body's is a heading, and a line starting
    with a bullet is a list item."""
    from pypdf import PdfReader  # imported here: only a PDF needs it

    reader = PdfReader(io.BytesIO(data))
    notes = []
    pages = reader.pages
    if len(pages) > MAX_PDF_PAGES:
        notes.append(f"only the first {MAX_PDF_PAGES} of {len(pages)} pages were read")
    lines: list[tuple[int, float, float, bool, str]] = []  # page, y, size, bold, text
    for number, page in enumerate(pages):
        if number >= MAX_PDF_PAGES:
            break
        runs: list[_Run] = []

        def visit(text, cm, tm, font, size, runs=runs):
            if not text or not text.strip():
                if text and "\n" in text and runs:
                    runs.append(_Run(runs[-1].x, runs[-1].y, runs[-1].size, runs[-1].bold, ""))
                return
            scale = (tm[3] * cm[3]) or 1
            y = tm[5] * cm[3] + cm[5]
            x = tm[4] * cm[0] + cm[4]
            name = str((font or {}).get("/BaseFont", "")) if font else ""
            runs.append(_Run(x, y, abs(size * scale), "bold" in name.lower(), text))

        page.extract_text(visitor_text=visit)
        for y, row in _rows(runs):
            text = clean(" ".join(r.text for r in row))
            if text:
                size = max(r.size for r in row)
                bold = all(r.bold for r in row if r.text.strip())
                lines.append((number, y, size, bold, text))
    blocks = _pdf_blocks(lines)
    title = _first_title(blocks)
    meta_title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    return Document(
        blocks, title=clean(str(meta_title)) if meta_title else title, kind="pdf", notes=notes
    )


def _rows(runs: list[_Run]) -> list[tuple[float, list[_Run]]]:
    rows: list[tuple[float, list[_Run]]] = []
    for run in runs:
        if not run.text:
            continue
        if rows and abs(rows[-1][0] - run.y) < max(run.size * 0.4, 1.0):
            rows[-1][1].append(run)
        else:
            rows.append((run.y, [run]))
    return rows


def _pdf_blocks(lines: list[tuple[int, float, float, bool, str]]) -> list[Block]:
    if not lines:
        return []
    sizes = sorted(size for _, _, size, _, _ in lines)
    body = sizes[len(sizes) // 2]
    blocks: list[Block] = []
    previous: tuple[int, float, float] | None = None
    for page, y, size, bold, text in lines:
        heading = size > body * 1.15
        bullet = _BULLET.match(text)
        gap = previous is not None and (
            page != previous[0] or (previous[1] - y) > max(size, previous[2]) * 1.6
        )
        same_kind = blocks and (
            (blocks[-1].kind == HEADING) == heading and blocks[-1].strong == bold
        )
        if bullet:
            blocks.append(Block(ITEM, clean(bullet["text"]), 0, bold, bullet["number"]))
        elif previous is None or gap or not same_kind or page != previous[0]:
            kind = HEADING if heading else PARAGRAPH
            level = 1 if heading and size > body * 1.6 else (2 if heading else 0)
            blocks.append(Block(kind, text, level, bold))
        else:
            blocks[-1].text = clean(f"{blocks[-1].text} {text}")
        previous = (page, y, size)
    return blocks
