"""The browser helpers without a browser: page discovery from dashboard.py and a free port."""

from __future__ import annotations

import socket

from tools import browser

DASHBOARD = """
import streamlit as st
if broken:
    st.navigation([st.Page(lambda: None, title="Data problems", url_path="problems")])
PAGES = {
    "Oversight": [
        st.Page("pages/overview.py", title="Overview", url_path="overview", default=True),
        st.Page("pages/recommendations.py", title="Recommendations", url_path="recommendations"),
    ],
    "Reference": [st.Page("pages/data.py", title="Data", url_path="data", icon=":material/table:")],
    "Extra": [st.Page("pages/no_title.py")],
}
"""


def test_registered_pages_reads_every_st_page_in_file_order(tmp_path):
    path = tmp_path / "dashboard.py"
    path.write_text(DASHBOARD, encoding="utf-8")
    pages = browser.registered_pages(path)
    assert [(p.path, p.title, p.url_path, p.section, p.default) for p in pages] == [
        ("pages/overview.py", "Overview", "overview", "Oversight", True),
        ("pages/recommendations.py", "Recommendations", "recommendations", "Oversight", False),
        ("pages/data.py", "Data", "data", "Reference", False),
        # Streamlit's own defaults: the title and the address come from the file name.
        ("pages/no_title.py", "no title", "no_title", "Extra", False),
    ]


def test_the_real_dashboard_registers_the_data_page():
    assert "data" in {p.url_path for p in browser.registered_pages()}


def test_free_port_can_be_bound():
    port = browser.free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", port))
