"""The pack as the Briefing page draws it: the PDF's own HTML for its text (every piece of text
from the data HTML-escaped, oversight/paper/as_pdf.py), in runs between its charts, which the page
draws live.

HTML rather than Markdown because a pack is long: at national scale a force's paper is about
60,000 characters, and a browser draws that as HTML (st.html) far sooner than Streamlit's
Markdown renderer builds it element by element, on every change of force (docs/performance.md).
Streamlit passes st.html through DOMPurify as well; nothing here carries a script, an address
or a style from the data (a table's RAG fill is a checked #RRGGBB, as in the PDF).
"""

from __future__ import annotations

from oversight import escape
from oversight.paper.as_pdf import block_html, heading_html
from oversight.paper.model import Briefing, Chart

# The preview's container key: the style below reaches nothing outside it.
PREVIEW_KEY = "briefing_preview"
# A constant of the app's own: the pack's tables ruled as in the PDF, its quotes marked.
SCREEN_CSS = f"""<style>
.st-key-{PREVIEW_KEY} table {{ border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; }}
.st-key-{PREVIEW_KEY} th, .st-key-{PREVIEW_KEY} td {{
  border: 1px solid rgba(49, 51, 63, 0.25); padding: 0.25rem 0.5rem; vertical-align: top;
  text-align: left; }}
.st-key-{PREVIEW_KEY} th {{ background: #E8EEF6; color: #111; }}
.st-key-{PREVIEW_KEY} blockquote {{
  margin: 0.25rem 0 0.75rem 1rem; padding-left: 0.75rem; border-left: 3px solid #0B3C7A; }}
</style>"""


def screen_parts(pack: Briefing) -> list[tuple[str, object]]:
    """The pack's sections as the page draws them, in order: ("subheader", title as escaped
    Markdown) for each numbered part, ("chart", the Chart block: its `screen` form where it has
    one, else its figure), and ("html", text) for each run of headings and blocks between them,
    joined (a large pack has a thousand blocks)."""
    parts: list[tuple[str, object]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            parts.append(("html", "".join(run)))
            run.clear()

    for section in pack.sections:
        if section.level == 1:
            flush()
            parts.append(("subheader", escape.md(section.title)))
        else:
            run.append(heading_html(section.title, section.level + 2))
        for block in section.blocks:
            if isinstance(block, Chart):
                flush()
                parts.append(("chart", block))
            else:
                run.append(block_html(block, {}))
    flush()
    return parts
