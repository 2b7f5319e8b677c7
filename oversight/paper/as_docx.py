"""The pack as DOCX: real headings, tables whose header row repeats, chart images and a page-number
field in the footer, so the secretariat can edit it."""

from __future__ import annotations

import io

from oversight.paper.images import chart_images
from oversight.paper.model import Briefing, Bullets, Chart, Finding, Paragraph, Table


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


def _shade(cell, fill: str) -> None:
    """A table cell filled with a colour (#RRGGBB), its text black or white by WCAG contrast."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    from oversight.vocabulary import text_colour

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)
    ink = RGBColor.from_string(text_colour(fill).lstrip("#"))
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = ink


def _styles(doc, Cm, Pt) -> None:
    """A finding's heading (bold, kept with its text) and text (indented like a quotation)."""
    from docx.enum.style import WD_STYLE_TYPE

    heading = doc.styles.add_style("Finding Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = doc.styles["Normal"]
    heading.font.bold = True
    heading.paragraph_format.space_before = Pt(9)
    heading.paragraph_format.keep_with_next = True
    text = doc.styles.add_style("Finding Text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = doc.styles["Normal"]
    text.paragraph_format.left_indent = Cm(1)
    text.paragraph_format.keep_with_next = True


# The committee's papers are A4 with 2.54 cm (one inch) margins all round: 15.92 cm of text width.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_CM = 210, 297, 2.54
TEXT_WIDTH_CM = PAGE_WIDTH_MM / 10 - 2 * MARGIN_CM


def to_docx(briefing: Briefing, images: dict[int, bytes] | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Mm, Pt

    images = images if images is not None else chart_images(briefing)
    doc = Document()
    doc.core_properties.title = f"{briefing.title}: {briefing.heading[0]}, {briefing.heading[1]}"
    doc.core_properties.author = "Oversight"
    doc.core_properties.language = "en-GB"
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    _styles(doc, Cm, Pt)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))

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
        heading = doc.add_paragraph(style="Finding Heading")
        heading.add_run(block.heading)
        # The inspectorate's words in bold, as the paper prints them; a description in plain type.
        for line in str(block.text).splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith("- "):
                p = doc.add_paragraph(style="List Bullet")
                p.paragraph_format.left_indent = Cm(1.6)
                p.add_run(line[2:]).bold = block.verbatim
            else:
                p = doc.add_paragraph(style="Finding Text")
                p.add_run(line).bold = block.verbatim
        if block.facts:
            table = doc.add_table(rows=0, cols=2, style="Table Grid")
            for key, value in block.facts:
                cells = table.add_row().cells
                cells[0].paragraphs[0].add_run(key).bold = True
                cells[1].text = value
                cells[0].width, cells[1].width = Cm(4.5), Cm(11.5)
            doc.add_paragraph()
    elif isinstance(block, Table):
        table = doc.add_table(rows=1, cols=len(block.columns), style="Table Grid")
        for cell, column in zip(table.rows[0].cells, block.columns, strict=True):
            cell.paragraphs[0].add_run(column).bold = True
        _repeat_header(table.rows[0])
        for number, row in enumerate(block.rows):
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = value
            fill = block.fills[number] if number < len(block.fills) else None
            if fill:
                _shade(cells[0], fill)
        if block.caption:
            doc.add_paragraph().add_run(block.caption).italic = True
        else:
            doc.add_paragraph()
    elif isinstance(block, Chart):
        doc.add_picture(io.BytesIO(images[id(block)]), width=Cm(TEXT_WIDTH_CM))
        # The image's alternative text, for a screen reader; the table after it has the figures.
        doc.inline_shapes[-1]._inline.docPr.set("descr", f"{block.title}. {block.alt}")
        doc.inline_shapes[-1]._inline.docPr.set("title", block.title)
        doc.add_paragraph().add_run(f"Figure: {block.title}. {block.alt}").italic = True
    else:
        raise TypeError(f"unknown block {block!r}")
