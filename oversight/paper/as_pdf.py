"""The pack as PDF: HTML written from the document model (every piece of text HTML-escaped, the
charts inlined as PNG data) and printed by WeasyPrint, with page numbers in the footer.

Nothing from the data can become markup, a style or an address: text goes through
``html.escape``, the footer's words through ``escape.css_string`` (a meeting title holding a
newline or a quote cannot leave the CSS string), and WeasyPrint's URL fetcher refuses every
address but the pack's own inlined images, so printing never touches the network.
"""

from __future__ import annotations

import base64
import html
import re

from oversight import escape
from oversight.paper.images import chart_images
from oversight.paper.model import Briefing, Bullets, Chart, Finding, Paragraph, Table
from oversight.vocabulary import text_colour

_CSS = """
@page {
  size: A4;
  margin: 2.54cm;
  @bottom-left { content: %(footer_left)s; font-family: "DejaVu Sans", sans-serif;
                 font-size: 8pt; color: #555; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
                  font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #555; }
}
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; color: #111; }
h1 { font-size: 18pt; margin: 0 0 4pt 0; }
h2 { font-size: 14pt; margin-top: 18pt; border-bottom: 1px solid #999; }
h3 { font-size: 12pt; margin-top: 14pt; }
h4 { font-size: 11pt; margin-top: 12pt; }
h5 { font-size: 10.5pt; margin-top: 12pt; font-style: italic; }
blockquote { margin: 4pt 0 4pt 12pt; padding-left: 8pt; border-left: 3px solid #0B3C7A; }
table { border-collapse: collapse; width: 100%%; margin: 6pt 0; font-size: 8.5pt; }
th, td { border: 1px solid #999; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { background: #E8EEF6; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
img { width: 100%%; margin: 6pt 0; }
h2, h3, h4, h5 { page-break-after: avoid; }
p:has(+ blockquote) { page-break-after: avoid; }
ul { margin: 2pt 0 6pt 0; }
"""
_IMAGE_PREFIX = "data:image/png;base64,"
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _lines(text: str, bold: bool) -> str:
    """A finding's text: plain lines as paragraphs, "- " lines as a list (kept as printed)."""
    out: list[str] = []
    items: list[str] = []

    def close() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for line in str(text).splitlines():
        line = line.strip()
        if not line:
            continue
        body = _e(line[2:] if line.startswith("- ") else line)
        body = f"<strong>{body}</strong>" if bold else body
        if line.startswith("- "):
            items.append(body)
        else:
            close()
            out.append(f"<p>{body}</p>")
    close()
    return "".join(out)


def _cell(text: object, fill: str | None) -> str:
    """A table cell; a row's first cell filled with its RAG grade's colour from rag.csv (as the
    DOCX does), its words black or white by WCAG contrast. A fill that is not #RRGGBB is left out,
    so nothing but a checked colour reaches the style."""
    if fill and _HEX.fullmatch(fill):
        style = f"background-color: {fill}; color: {text_colour(fill)}"
        return f'<td style="{style}">{_e(text)}</td>'
    return f"<td>{_e(text)}</td>"


def block_html(block, images: dict[int, bytes]) -> str:
    """One block as HTML, every piece of its text escaped; a chart as its inlined image, or as
    its title and description where `images` has none."""
    if isinstance(block, Paragraph):
        text = _e(block.text)
        if block.bold:
            text = f"<strong>{text}</strong>"
        if block.italic:
            text = f"<em>{text}</em>"
        return f"<p>{text}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Finding):
        out = f"<p><strong>{_e(block.heading)}</strong></p>"
        out += f"<blockquote>{_lines(block.text, block.verbatim)}</blockquote>"
        if block.facts:
            out += (
                "<ul>"
                + "".join(f"<li><strong>{_e(k)}:</strong> {_e(v)}</li>" for k, v in block.facts)
                + "</ul>"
            )
        return out
    if isinstance(block, Table):
        head = "".join(f"<th>{_e(c)}</th>" for c in block.columns)
        body = "".join(
            "<tr>"
            + "".join(
                _cell(c, block.fills[n] if i == 0 and n < len(block.fills) else None)
                for i, c in enumerate(row)
            )
            + "</tr>"
            for n, row in enumerate(block.rows)
        )
        out = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        if block.caption:
            out += f"<p><em>{_e(block.caption)}</em></p>"
        return out
    if isinstance(block, Chart):
        if id(block) in images:
            data = base64.b64encode(images[id(block)]).decode("ascii")
            return f'<p><img alt="{_e(block.alt)}" src="{_IMAGE_PREFIX}{data}"></p>'
        return f"<p><em>Chart: {_e(block.title)}. {_e(block.alt)}</em></p>"
    raise TypeError(f"unknown block {block!r}")


def heading_html(title: str, level: int) -> str:
    """A heading of the pack at an HTML level (1 to 6), its title escaped."""
    level = min(max(level, 1), 6)
    return f"<h{level}>{_e(title)}</h{level}>"


def to_html(briefing: Briefing, images: dict[int, bytes] | None = None) -> str:
    images = images if images is not None else chart_images(briefing)
    body = ["<p>" + "<br>".join(f"<strong>{_e(h)}</strong>" for h in briefing.heading) + "</p>"]
    body.append(f"<h1>{_e(briefing.title)}</h1>")
    for section in briefing.sections:
        body.append(heading_html(section.title, section.level + 1))
        body += [block_html(block, images) for block in section.blocks]
    body.append(f"<hr><p><em>{_e(briefing.footer)}</em></p>")
    footer_left = f"{briefing.title}: {briefing.heading[0]}, {briefing.heading[1]}"
    css = _CSS % {"footer_left": escape.css_string(footer_left)}
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{_e(briefing.title)}</title><style>{css}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


class FetchRefused(ValueError):
    """WeasyPrint asked for an address the pack does not hold."""


def pack_fetcher():
    """WeasyPrint's URL fetcher for the pack: its own inlined PNG charts, and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(_IMAGE_PREFIX):
                data = base64.b64decode(url[len(_IMAGE_PREFIX) :])
                return URLFetcherResponse(url, data, {"Content-Type": "image/png"})
            raise FetchRefused(f"the pack fetches nothing: {url[:80]!r} refused")

    return PackOnly(allowed_protocols=("data",))


def to_pdf(briefing: Briefing, images: dict[int, bytes] | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(briefing, images), url_fetcher=pack_fetcher()).write_pdf()
