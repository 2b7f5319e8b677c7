"""The pack as Markdown (the download, and the PDF's source), and as the parts the Briefing page
draws. Text from the data is escaped: it reaches the reader as text, never as Markdown."""

from __future__ import annotations

import base64

from oversight.paper.model import Briefing, Bullets, Chart, Finding, Paragraph, Table

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
            text.append(f"{'#' * (section.level + 2)} {section.title}")
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
        # The inspectorate's words in bold, as the paper prints them; a description in plain type.
        lines = _md_lines(block.text, bold=block.verbatim)
        out += [f"> {line}" if line else ">" for line in lines]
        if out[-1] == ">":
            out.pop()
        out.append("")
        if block.facts:
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
