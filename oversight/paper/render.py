"""One entry point for the Briefing page and the command: the pack in a format, its media type
and its file name."""

from __future__ import annotations

from oversight.paper.as_docx import to_docx
from oversight.paper.as_markdown import to_markdown
from oversight.paper.as_pdf import to_pdf
from oversight.paper.model import Briefing

FORMATS = ("md", "docx", "pdf")
_MEDIA = {
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


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
