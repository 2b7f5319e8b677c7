"""The pack as PDF: the Markdown (with the chart images inlined) turned into HTML and printed by
WeasyPrint, with page numbers in the footer. Nothing is fetched from the network."""

from __future__ import annotations

from oversight.paper.as_markdown import to_markdown
from oversight.paper.images import chart_images
from oversight.paper.model import Briefing

_CSS = """
@page {
  size: A4;
  margin: 2.54cm;
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
