"""Render a briefing pack (oversight.briefing.Briefing) as Markdown, DOCX or PDF, and the command
`python -m oversight briefing`.

All three come from the same document model, so they hold the same words. Charts are PNG images
(kaleido) in the DOCX and the PDF; the Markdown names each chart and keeps its figures in the table
that follows it. The PDF is the Markdown (with the images inlined) turned into HTML and printed by
WeasyPrint, with page numbers in the footer; the DOCX uses real headings, tables and a page-number
field in the footer, so the secretariat can edit it.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import io
import sys
import threading
import warnings
from pathlib import Path

from oversight.briefing import Briefing, Bullets, Chart, Finding, Paragraph, Table

FORMATS = ("md", "docx", "pdf")
_MEDIA = {
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}

# --- chart images ----------------------------------------------------------------------------

_kaleido_lock = threading.Lock()
_kaleido_started = False


def chart_png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as a PNG (kaleido drives the installed Chromium; its server starts once)."""
    global _kaleido_started
    import kaleido
    import plotly.graph_objects as go
    import plotly.io as pio

    with _kaleido_lock:
        if not _kaleido_started:
            # Another part of this process may have started it already.
            with contextlib.suppress(Exception):
                kaleido.start_sync_server(silence_warnings=True)
            _kaleido_started = True
        # Printed at about 16 cm wide: larger type than on screen, white paper.
        figure = go.Figure(chart.figure)
        figure.update_layout(font={"size": 15}, paper_bgcolor="#FFFFFF")
        with warnings.catch_warnings():
            # plotly passes kaleido options the running server does not need.
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            return pio.to_image(
                figure, format="png", width=chart.width, height=chart.height, scale=scale
            )


def chart_images(briefing: Briefing) -> dict[int, bytes]:
    """Every chart of the pack as PNG, keyed by id(chart)."""
    return {
        id(block): chart_png(block)
        for section in briefing.sections
        for block in section.blocks
        if isinstance(block, Chart)
    }


# --- Markdown --------------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    return str(text).translate(_MD_SPECIAL)


def _md_cell(text: str) -> str:
    return _md(" ".join(str(text).split())) or " "


def _md_lines(text: str, bold: bool = False) -> list[str]:
    """A finding's text: plain lines as paragraphs, "- " lines as a list (kept as printed)."""
    out: list[str] = []
    for line in str(text).splitlines():
        line = line.strip()
        if not line:
            continue
        bullet = line.startswith("- ")
        body = _md(line[2:] if bullet else line)
        body = f"**{body}**" if bold else body
        if bullet:
            out.append(f"- {body}")
        else:
            if out and out[-1].startswith("- "):
                out.append("")
            out.extend([body, ""])
    return out


def to_markdown(briefing: Briefing, images: dict[int, bytes] | None = None) -> str:
    """The pack as Markdown. With `images`, charts are inlined as PNG data (used for the PDF)."""
    lines = [f"**{_md(h)}**  " for h in briefing.heading]
    lines += ["", f"# {_md(briefing.title)}", ""]
    for section in briefing.sections:
        lines += [f"{'#' * (section.level + 1)} {_md(section.title)}", ""]
        for block in section.blocks:
            lines += _md_block(block, images)
    lines += ["---", "", f"*{_md(briefing.footer)}*", ""]
    return "\n".join(lines)


def screen_parts(pack: Briefing) -> list[tuple[str, object]]:
    """The pack's sections as the page draws them, in order: ("subheader", title) for each
    numbered part, ("chart", figure), and ("markdown", text) for each run of headings and text
    blocks between them, joined (a large pack has a thousand blocks, one element each otherwise)."""
    parts: list[tuple[str, object]] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            parts.append(("markdown", "\n\n".join(text)))
            text.clear()

    for section in pack.sections:
        if section.level == 1:
            flush()
            parts.append(("subheader", section.title))
        else:
            text.append(f"{'####' if section.level == 2 else '#####'} {section.title}")
        for block in section.blocks:
            if isinstance(block, Chart):
                flush()
                parts.append(("chart", block.figure))
            else:
                text.append(block_markdown(block))
    flush()
    return parts


def block_markdown(block) -> str:
    """One block as Markdown, for the on-screen preview (charts are drawn live by the page)."""
    return "\n".join(_md_block(block, None))


def _md_block(block, images: dict[int, bytes] | None) -> list[str]:
    if isinstance(block, Paragraph):
        text = _md(block.text)
        if block.bold:
            text = f"**{text}**"
        if block.italic:
            text = f"*{text}*"
        return [text, ""]
    if isinstance(block, Bullets):
        return [f"- {_md(item)}" for item in block.items] + [""]
    if isinstance(block, Finding):
        out = [f"**{_md(block.heading)}**", ""]
        out += [f"> {line}" if line else ">" for line in _md_lines(block.text, bold=True)]
        if out[-1] == ">":
            out.pop()
        out.append("")
        if not block.verbatim:
            out += ["*(The committee paper's description, not the inspectorate's wording.)*", ""]
        out += [f"- **{_md(k)}:** {_md(v)}" for k, v in block.facts] + [""]
        return out
    if isinstance(block, Table):
        out = [
            "| " + " | ".join(_md_cell(c) for c in block.columns) + " |",
            "|" + "|".join("---" for _ in block.columns) + "|",
        ]
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
        out.append("")
        if block.caption:
            out += [f"*{_md(block.caption)}*", ""]
        return out
    if isinstance(block, Chart):
        if images and id(block) in images:
            data = base64.b64encode(images[id(block)]).decode("ascii")
            return [f"![{_md(block.alt)}](data:image/png;base64,{data})", ""]
        return [
            f"*Chart: {_md(block.title)}. {_md(block.alt)} (An image in the DOCX and PDF; "
            "the figures are in the table below.)*",
            "",
        ]
    raise TypeError(f"unknown block {block!r}")


# --- PDF -------------------------------------------------------------------------------------

_CSS = """
@page {
  size: A4;
  margin: 2cm 2cm 2.2cm 2cm;
  @bottom-left { content: "%(footer_left)s"; font-family: "DejaVu Sans", sans-serif;
                 font-size: 8pt; color: #555; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
                  font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #555; }
}
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; color: #111; }
h1 { font-size: 18pt; margin: 0 0 4pt 0; }
h2 { font-size: 14pt; margin-top: 18pt; border-bottom: 1px solid #999; }
h3 { font-size: 12pt; margin-top: 14pt; }
h4 { font-size: 11pt; margin-top: 12pt; }
blockquote { margin: 4pt 0 4pt 12pt; padding-left: 8pt; border-left: 3px solid #0B3C7A; }
table { border-collapse: collapse; width: 100%%; margin: 6pt 0; font-size: 8.5pt; }
th, td { border: 1px solid #999; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { background: #E8EEF6; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
img { width: 100%%; margin: 6pt 0; }
h2, h3, h4 { page-break-after: avoid; }
ul { margin: 2pt 0 6pt 0; }
"""


def to_html(briefing: Briefing, images: dict[int, bytes] | None = None) -> str:
    import markdown

    body = markdown.markdown(
        to_markdown(briefing, images if images is not None else chart_images(briefing)),
        extensions=["tables", "sane_lists"],
    )
    footer_left = f"{briefing.title}: {briefing.heading[0]}, {briefing.heading[1]}"
    css = _CSS % {"footer_left": footer_left.replace('"', "'")}
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{briefing.title}</title><style>{css}</style></head>"
        f"<body>{body}</body></html>"
    )


def to_pdf(briefing: Briefing, images: dict[int, bytes] | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(briefing, images)).write_pdf()


# --- DOCX ------------------------------------------------------------------------------------


def _page_number_field(paragraph, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, shown, end):
        run._r.append(element)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def to_docx(briefing: Briefing, images: dict[int, bytes] | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    images = images if images is not None else chart_images(briefing)
    doc = Document()
    doc.core_properties.title = f"{briefing.title}: {briefing.heading[0]}, {briefing.heading[1]}"
    doc.core_properties.author = "Oversight"
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{briefing.title}, {briefing.heading[1]} · Page ")
    _page_number_field(footer, "PAGE")
    footer.add_run(" of ")
    _page_number_field(footer, "NUMPAGES")

    for line in briefing.heading:
        p = doc.add_paragraph()
        p.add_run(line).bold = True
    doc.add_heading(briefing.title, level=0)

    for part in briefing.sections:
        doc.add_heading(part.title, level=part.level)
        for block in part.blocks:
            _docx_block(doc, block, images, Cm)

    p = doc.add_paragraph()
    run = p.add_run(briefing.footer)
    run.italic = True
    run.font.size = Pt(8)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_block(doc, block, images: dict[int, bytes], Cm) -> None:
    if isinstance(block, Paragraph):
        run = doc.add_paragraph().add_run(block.text)
        run.bold, run.italic = block.bold, block.italic
    elif isinstance(block, Bullets):
        for item in block.items:
            doc.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Finding):
        doc.add_heading(block.heading, level=4)
        for line in str(block.text).splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith("- "):
                p = doc.add_paragraph(style="List Bullet")
                p.add_run(line[2:]).bold = True
            else:
                doc.add_paragraph().add_run(line).bold = True
        if not block.verbatim:
            doc.add_paragraph().add_run(
                "(The committee paper's description, not the inspectorate's wording.)"
            ).italic = True
        table = doc.add_table(rows=0, cols=2, style="Table Grid")
        for key, value in block.facts:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(key).bold = True
            cells[1].text = value
            cells[0].width, cells[1].width = Cm(4.5), Cm(12.5)
        doc.add_paragraph()
    elif isinstance(block, Table):
        table = doc.add_table(rows=1, cols=len(block.columns), style="Table Grid")
        for cell, column in zip(table.rows[0].cells, block.columns, strict=True):
            cell.paragraphs[0].add_run(column).bold = True
        _repeat_header(table.rows[0])
        for row in block.rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value
        if block.caption:
            doc.add_paragraph().add_run(block.caption).italic = True
        else:
            doc.add_paragraph()
    elif isinstance(block, Chart):
        doc.add_picture(io.BytesIO(images[id(block)]), width=Cm(16.5))
        doc.add_paragraph().add_run(f"Chart: {block.title}. {block.alt}").italic = True
    else:
        raise TypeError(f"unknown block {block!r}")


# --- one entry point for the page and the command --------------------------------------------


def render(briefing: Briefing, fmt: str, images: dict[int, bytes] | None = None) -> bytes:
    if fmt == "md":
        return to_markdown(briefing).encode("utf-8")
    if fmt == "docx":
        return to_docx(briefing, images)
    if fmt == "pdf":
        return to_pdf(briefing, images)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def media_type(fmt: str) -> str:
    return _MEDIA[fmt]


def file_name(briefing: Briefing, fmt: str) -> str:
    return f"hmicfrs-briefing-{briefing.meeting_on.isoformat()}.{fmt}"


# --- python -m oversight briefing ------------------------------------------------------------


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "briefing",
        help="write the committee briefing pack for a meeting (DOCX, PDF or Markdown)",
        description="Write the committee briefing pack for a meeting. --since defaults to the "
        "previous meeting in meetings.csv; when none is recorded, to the first day of the month "
        "three months before the meeting (the pack says which).",
    )
    parser.add_argument(
        "--meeting",
        required=True,
        help="meeting date YYYY-MM-DD (a meeting in meetings.csv, or any date), or a meeting_id",
    )
    parser.add_argument("--since", help="start of 'since the last meeting', YYYY-MM-DD")
    parser.add_argument("--next", dest="next_on", help="end of 'before the next meeting'")
    parser.add_argument("--force", help="force_id (needed when several forces track findings)")
    parser.add_argument("--format", choices=FORMATS, help="default: from --out's extension")
    parser.add_argument("--out", required=True, help="file to write")
    parser.add_argument("--data", help="data folder (default: $OVERSIGHT_DATA_DIR or data/)")
    parser.set_defaults(func=command)


def _date(value: str | None, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"error: {what} must be a date YYYY-MM-DD, not {value!r}") from None


def command(args: argparse.Namespace) -> int:
    from oversight import briefing as briefing_mod
    from oversight import db

    data_dir = Path(args.data) if args.data else db.data_dir_from_env()
    ds = db.load(data_dir)
    if ds.problems:
        for problem in ds.problems:
            print(problem, file=sys.stderr)
        print(f"error: the data in {data_dir} is not valid; no pack written", file=sys.stderr)
        return 1
    meeting_on = _meeting_date(ds, args.meeting)
    fmt = args.format or Path(args.out).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        print(
            f"error: give --format {'|'.join(FORMATS)} (or an --out ending in one)", file=sys.stderr
        )
        return 2
    try:
        pack = briefing_mod.build(
            ds,
            meeting_on,
            since=_date(args.since, "--since"),
            force_id=args.force,
            next_on=_date(args.next_on, "--next"),
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    data = render(pack, fmt)
    Path(args.out).write_bytes(data)
    print(
        f"Wrote {args.out} ({fmt}, {len(data):,} bytes): briefing for {briefing_mod.long_date(meeting_on)}, "
        f"since {briefing_mod.long_date(pack.since)}"
    )
    return 0


def _meeting_date(ds, meeting: str) -> dt.date:
    try:
        return dt.date.fromisoformat(meeting)
    except ValueError:
        pass
    meetings = ds.query("meeting_papers")
    match = meetings[meetings["meeting_id"] == meeting]
    if match.empty:
        known = ", ".join(meetings["meeting_id"]) or "none"
        raise SystemExit(
            f"error: --meeting must be a date YYYY-MM-DD or a meeting_id (known: {known}), "
            f"not {meeting!r}"
        )
    return match["held_on"].iloc[0].date()
