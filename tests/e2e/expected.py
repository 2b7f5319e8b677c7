"""What a user must read on each page of the bundled data, and the browser console messages that
are Streamlit's own noise. One table each: edit here when a page's words change.

The pages themselves are discovered from dashboard.py (tools.browser.registered_pages), so a
page that lands is covered at once by the generic checks (loads from its URL and the sidebar, the
script finishes, no exception, no console error, its title as the heading, axe). The table below
adds the facts each page must show on the bundled data, as at 28 June 2018 (the latest update).
"""

from __future__ import annotations

import re

# url_path -> regular expressions (case-insensitive, whitespace collapsed) the main section
# must match. A page of the design that is not registered yet is skipped with the reason.
EXPECTED_TEXT: dict[str, list[str]] = {
    "overview": [
        r"No recommendation is graded red as at 28 June 2018",
        r"\bOpen\b.*\bOverdue\b.*\bRed 0\b",
        r"No committee meeting is recorded before 28 June 2018",
        r"\bSlipped\b",
        r"No open finding's due date has been moved later as at 28 June 2018",
    ],
    "recommendations": [
        r"30 open findings as at 28 June 2018",
        r"Download .*CSV",
    ],
    "timeline": [
        r"as at 28 June 2018",
        r"By October 2018",
        r"By September 2018",
    ],
    "owners": [
        r"as at 28 June 2018",
        r"Open items",
        r"27 open items have no chief officer lead",
    ],
    "peel": [
        r"West Midlands Police",
        r"not directly comparable",
        r"4-point scale",
    ],
    "inspections": [
        r"As at 28 June 2018, for West Midlands Police",
        r"Thematic inspection of fraud",
        r"State of Policing",
        r"The PCC's responses",
        r"Of the 7 reports published by 28 June 2018, responses: 6 not recorded, 1 not required",
    ],
    "briefing": [
        r"28 June 2018",
        r"no recommendations currently graded as red",
        r"Overview of reports for review",
        r"to note the contents of the report",
        r"Revised deadlines since the last meeting",
        r"The Police and Crime Commissioner's responses",
    ],
    "returns": [
        r"one workbook per chief officer lead",
        r"Download all 3 returns",
        r"No request for returns has been recorded yet",
    ],
    "record": [
        r"Record a position",
        r"Audit trail",
        r"34 recorded position",
    ],
    "data": [
        r"All 13 tables are valid",
        r"jac-2018-06-28-hmicfrs-update\.txt",
    ],
}

# Browser console errors that are Streamlit's own, never the product's: (pattern, why). A console
# error is matched as "<text> [<source url>]". Anything else fails the page.
KNOWN_CONSOLE_NOISE: list[tuple[str, str]] = [
    (
        r"status of 404 .*\[https?://(127\.0\.0\.1|localhost):\d+/.*_stcore/(health|host-config)\]$",
        "Streamlit's frontend finds the server's base path by probing <page path>/_stcore/... "
        "first; the 404 for a page's own path is expected and it then tries the root.",
    ),
    (
        r"net::ERR_(NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|CONNECTION_REFUSED)",
        "A request to an outside host (Streamlit's usage metrics, fonts) where the network is "
        "blocked, as in CI; the dashboard itself needs no outside host.",
    ),
    (
        r"Failed to fetch.*metrics|metrics.*Failed to fetch",
        "Streamlit's usage-metrics fetch where the network is blocked (usage statistics are "
        "off in .streamlit/config.toml).",
    ),
]


def is_noise(message: str) -> bool:
    return any(re.search(pattern, message) for pattern, _ in KNOWN_CONSOLE_NOISE)
