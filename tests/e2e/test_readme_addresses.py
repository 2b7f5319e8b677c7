"""Every page address the README gives opens its page in a browser (the default page at `/`; a
path the dashboard does not serve would show Streamlit's "Page not found")."""

from __future__ import annotations

import urllib.parse

import pytest

from tests.test_readme import readme_addresses
from tools import browser

TITLES = {f"/{p.url_path}": p.title for p in browser.registered_pages() if not p.default}
TITLES["/"] = next(p.title for p in browser.registered_pages() if p.default)


@pytest.mark.parametrize("address", readme_addresses())
def test_a_readme_address_opens_its_page(tab, address):
    tab.open(address)
    tab.assert_healthy()
    assert "Page not found" not in tab.page.content()
    path = urllib.parse.urlsplit(address).path
    heading = tab.page.locator('[data-testid="stMain"] h1').first.inner_text()
    assert heading.strip() == TITLES[path], (address, heading)
