"""The pack as Markdown (the download). Text from the data is escaped, titles included: it
reaches the reader as text, never as Markdown. The file escapes what CommonMark would read as
syntax, so a viewer of the file shows the text."""

from __future__ import annotations

import base64
from collections.abc import Callable

from oversight.paper.model import Briefing, Bullets, Chart, Finding, Paragraph, Table

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]()<>|#!&~$"})


def _file_md(text: str) -> str:
    """Text for the Markdown file: CommonMark's syntax characters escaped, breaks as spaces."""
    return " ".join(str(text).split()).translate(_MD_SPECIAL)


Escape = Callable[[str], str]


def _md_cell(text: str, md: Escape) -> str:
    return md(" ".join(str(text).split())) or " "


def _md_lines(text: str, md: Escape, bold: bool = False) -> list[str]:
    """A finding's text: plain lines as paragraphs, "- " lines as a list (kept as printed)."""
    out: list[str] = []
    for line in str(text).splitlines():
        line = line.strip()
        if not line:
            continue
        bullet = line.startswith("- ")
        body = md(line[2:] if bullet else line)
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
    md = _file_md
    lines = [f"**{md(h)}**  " for h in briefing.heading]
    lines += ["", f"# {md(briefing.title)}", ""]
    for section in briefing.sections:
        lines += [f"{'#' * (section.level + 1)} {md(section.title)}", ""]
        for block in section.blocks:
            lines += _md_block(block, images, md)
    lines += ["---", "", f"*{md(briefing.footer)}*", ""]
    return "\n".join(lines)


def _md_block(block, images: dict[int, bytes] | None, md: Escape = _file_md) -> list[str]:
    if isinstance(block, Paragraph):
        text = md(block.text)
        if block.bold:
            text = f"**{text}**"
        if block.italic:
            text = f"*{text}*"
        return [text, ""]
    if isinstance(block, Bullets):
        return [f"- {md(item)}" for item in block.items] + [""]
    if isinstance(block, Finding):
        out = [f"**{md(block.heading)}**", ""]
        # The inspectorate's words in bold, as the paper prints them; a description in plain type.
        lines = _md_lines(block.text, md, bold=block.verbatim)
        out += [f"> {line}" if line else ">" for line in lines]
        if out[-1] == ">":
            out.pop()
        out.append("")
        if block.facts:
            out += [f"- **{md(k)}:** {md(v)}" for k, v in block.facts] + [""]
        return out
    if isinstance(block, Table):
        out = [
            "| " + " | ".join(_md_cell(c, md) for c in block.columns) + " |",
            "|" + "|".join("---" for _ in block.columns) + "|",
        ]
        out += ["| " + " | ".join(_md_cell(c, md) for c in row) + " |" for row in block.rows]
        out.append("")
        if block.caption:
            out += [f"*{md(block.caption)}*", ""]
        return out
    if isinstance(block, Chart):
        if images and id(block) in images:
            data = base64.b64encode(images[id(block)]).decode("ascii")
            return [f"![{md(block.alt)}](data:image/png;base64,{data})", ""]
        return [
            f"*Chart: {md(block.title)}. {md(block.alt)} (An image in the DOCX and PDF; "
            "the figures are in the table below.)*",
            "",
        ]
    raise TypeError(f"unknown block {block!r}")
