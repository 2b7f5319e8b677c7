"""The README is true for a newcomer: a virtual environment first, command 1 keeps running (a
second terminal for command 2), and every page address it gives is one the dashboard serves,
the default page at `/` (tests/e2e/test_readme_addresses.py opens each in a browser)."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from oversight import explorer
from tools import browser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ADDRESS = re.compile(r"http://localhost:8501(/[^\s)`|]*)")


# Streamlit's own address for signing in (st.login), not a page
NOT_PAGES = {"/oauth2callback"}


def readme_addresses() -> list[str]:
    """Every local page address the README gives, path and query, in order, without repeats."""
    found = dict.fromkeys(m.group(1) for m in ADDRESS.finditer(README))
    return [a for a in found if urllib.parse.urlsplit(a).path not in NOT_PAGES]


def test_the_readme_says_to_make_a_virtual_environment_first():
    run_it = README.split("## Run it", 1)[1].split("\n## ", 1)[0]
    assert run_it.index("python3 -m venv .venv") < run_it.index("pip install -r requirements.txt")
    assert "keeps running" in run_it
    assert "In a second terminal" in run_it


def test_every_page_address_in_the_readme_is_served():
    pages = {p.url_path: p for p in browser.registered_pages()}
    default = next(p for p in pages.values() if p.default)
    served = {"/"} | {f"/{p.url_path}" for p in pages.values() if not p.default}
    addresses = readme_addresses()
    paths = {urllib.parse.urlsplit(a).path for a in addresses}
    # every page listed, the default one at the root and never at its url_path
    assert paths == served, paths ^ served
    assert f"/{default.url_path}" not in paths
    for address in addresses:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(address).query)
        assert set(query) <= set(explorer.PARAMS) | {"as_at", "force"}, address
