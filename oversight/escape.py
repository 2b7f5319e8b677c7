"""Untrusted text made safe for where it goes: Markdown, a chart label, a CSS string, a
spreadsheet cell.

Text from the data, the address bar and uploads is never trusted. Each destination that would
otherwise interpret it has one function here, and every writer for that destination uses it.

- **Markdown** (``st.markdown``, captions, alerts, titles, widget labels, the pack's Markdown):
  ``md`` puts a backslash before every ASCII punctuation character, so a title such as
  ``![x](https://evil.invalid/x.png)`` or ``[Sign in](https://evil.invalid)`` shows as those
  characters and is never an image, a link, code, a heading or a Streamlit directive; an invisible
  word joiner after each ``:``, inside ``www.`` and before ``@`` keeps a bare address or e-mail
  from being turned into a link.
  Line breaks become spaces (``md_lines`` keeps paragraphs and ``- `` bullets). Links the app
  builds itself are written around escaped text, never from it.
- **A chart label** (plotly text, hover text, tick labels): ``chart`` writes ``&``, ``<`` and
  ``>`` as entities, so plotly's own tags (``<a href>``, ``<b>``, ``<br>``) in the data show as text.
- **A CSS string** (the PDF's footer): ``css_string`` writes every character but letters, digits
  and spaces as a CSS escape, so a quote, a backslash or a line break cannot end the string.

- **A spreadsheet cell.** A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return can be run as a formula by Excel or LibreOffice when they open a CSV (CSV injection).
  ``cell`` puts a single quote before such text, as OWASP advises, so the file holds
  ``'-5% reduction`` and a spreadsheet shows it as text; ``uncell`` takes the quote off again
  when the dashboard reads the file, so every page, pack and export shows ``-5% reduction``.
"""

from __future__ import annotations

import html
import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"\s*[\r\n]+\s*")


# Streamlit turns an address, a "www." name or an e-mail address in the text into a link after
# Markdown is parsed, escaped or not: an invisible word joiner (U+2060) after each colon, inside
# each "www." and before each "@" breaks those patterns (and ":shortcode:" emoji) without
# changing what a reader sees.
_JOINER = "\u2060"
_LINK_PATTERNS = re.compile(r"(?<=:)|(?=@)|(?<=www)(?=\.)", re.IGNORECASE)


def md(text: object) -> str:
    """Text shown by Markdown exactly as it is: every punctuation mark escaped, breaks as spaces,
    and nothing in it turned into a link."""
    plain = _LINK_PATTERNS.sub(_JOINER, _BREAKS.sub(" ", str(text)))
    return _PUNCTUATION.sub(r"\\\1", plain)


def md_lines(text: object) -> str:
    """Text of several lines as Markdown: each line a paragraph, its ``- `` lines a list, every
    line escaped as ``md`` does."""
    lines: list[str] = []
    for line in str(text).splitlines():
        stripped = line.strip()
        if stripped.startswith("- "):
            lines.append(f"- {md(stripped[2:])}")
        elif stripped:
            if lines and lines[-1].startswith("- "):
                lines.append("")
            lines.append(md(stripped))
            lines.append("")
    return "\n".join(lines).strip()


def chart(text: object) -> str:
    """Text for a plotly label or hover text: its tags and entities shown, not followed."""
    return html.escape(str(text), quote=False)


def css_string(text: object) -> str:
    """Text as a quoted CSS string that nothing in it can leave."""
    return (
        '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(text)) + '"'
    )


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def cell(text: str) -> str:
    """Text as the data files store it: a leading formula trigger gets a single quote before it.

    Text that already starts with quotes and then a trigger gets one more, so that ``uncell``
    gives back exactly what was written; any other text is stored as it is.
    """
    return _QUOTE + text if text.lstrip(_QUOTE).startswith(FORMULA_TRIGGERS) else text


def uncell(text: str) -> str:
    """The text a stored cell holds (``cell`` undone)."""
    if text.startswith(_QUOTE) and text.lstrip(_QUOTE).startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def uncell_sql(column: str) -> str:
    """``uncell`` as a DuckDB expression over a quoted column name (for the loader)."""
    return (
        f"case when starts_with({column}, '''') and regexp_matches({column}, "
        f"'^''+[=+\\-@\\t\\r]') then substr({column}, 2) else {column} end"
    )
