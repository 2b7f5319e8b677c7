"""Closure with four eyes, in a real browser, signed in through a real OpenID Connect flow
(a mock identity provider on localhost): one editor proposes closure with an uploaded PDF,
another person approves it, and the record, the audit trail and the committee paper change."""

from __future__ import annotations

import datetime as dt
import shutil
import urllib.parse
from pathlib import Path

import pytest

from tests.e2e.conftest import require_chromium
from tools import browser

ROOT = Path(__file__).resolve().parents[2]
R02 = "wmp-peel2017nat-r02"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def signed_in_app(tmp_path):
    """The dashboard on a copy of the bundled data, with editing on and sign-in through a mock
    identity provider that knows an editor (ed) and an approver (ann)."""
    require_chromium()
    oidc = pytest.importorskip("oidc_provider_mock")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    users = [
        oidc.User(
            sub="ed", claims={"email": "ed@force.example", "email_verified": True, "name": "Ed"}
        ),
        oidc.User(
            sub="ann", claims={"email": "ann@force.example", "email_verified": True, "name": "Ann"}
        ),
    ]
    with oidc.run_server_in_thread(user_claims=users) as provider:
        port = browser.free_port()
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            f"""
[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"
cookie_secret = "a-long-random-test-secret-0123456789"
client_id = "oversight"
client_secret = "not-a-real-secret"
server_metadata_url = "http://localhost:{provider.server_port}/.well-known/openid-configuration"

[editing]
enabled = true
editors = ["ed@force.example"]
approvers = ["ann@force.example"]
""",
            encoding="utf-8",
        )
        with browser.streamlit_server(
            data, port=port, extra_args=["--secrets.files", str(secrets)]
        ) as server:
            yield server, data, f"http://localhost:{port}"


def sign_in(page, base: str, who: str) -> None:
    page.goto(f"{base}/record")
    browser.wait_for_app(page)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=who, exact=True).click()  # the provider's own page
    page.wait_for_url(f"{base}/**")
    browser.wait_for_app(page)


def alerts(page) -> list[str]:
    # escape.md puts an invisible word joiner before an e-mail's "@" (no automatic link)
    return [
        t.replace("\u2060", "") for t in page.locator('[data-testid="stAlert"]').all_inner_texts()
    ]


def test_propose_with_a_pdf_then_another_approves(chromium, signed_in_app):
    server, data, base = signed_in_app
    today = dt.date.today()
    editor = chromium.new_context().new_page()
    sign_in(editor, base, "ed")
    editor.goto(f"{base}/record?rec={R02}")
    browser.wait_for_app(editor)
    form = editor.locator('[data-testid="stForm"]')
    form.get_by_role("combobox", name="Status").click()
    editor.keyboard.type("Pending closure")
    editor.keyboard.press("Enter")
    form.get_by_role("textbox", name="Note").fill("Detective academy in place; plan delivered.")
    form.get_by_role("textbox", name="Evidence (references, one per line)").fill(
        "Detective Strategy Board minutes, 12 June 2018"
    )
    form.locator('input[type="file"]').set_input_files(
        files=[{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    editor.get_by_text("minutes.pdf").wait_for()
    form.get_by_role("button", name="Record this position").click()
    browser.wait_for_app(editor)
    # the finding is named by its report's short name and number ("PEEL 2017 national · R2")
    assert any(a.startswith("Recorded: ") and "R2 pending closure" in a for a in alerts(editor))
    assert len(list((data / "evidence").glob("*.pdf"))) == 1
    # The proposer is offered no approval of their own proposal.
    assert editor.get_by_role("button", name="Approve closure").count() == 0

    approver = chromium.new_context().new_page()
    sign_in(approver, base, "ann")
    approver.goto(f"{base}/record")
    browser.wait_for_app(approver)
    assert "Evidence: Detective Strategy Board minutes, 12 June 2018" in browser.main_text(approver)
    assert approver.get_by_role("button", name="Evidence file: evidence-").count() == 1
    approver.get_by_role("button", name="Approve closure").click()
    browser.wait_for_app(approver)
    assert any(
        a.startswith("Closed: ") and "R2, approved by ann@force.example" in a
        for a in alerts(approver)
    )

    approver.goto(f"{base}/recommendations?rec={R02}")
    browser.wait_for_app(approver)
    assert "Closed" in browser.main_text(approver)

    # A pack for a meeting today (a bound selectbox keeps its label in the address).
    another = urllib.parse.quote("Another date…")
    approver.goto(f"{base}/briefing?meeting={another}&as_at={today.isoformat()}")
    browser.wait_for_app(approver, timeout=90_000)
    text = browser.main_text(approver)
    assert "Closures signed off since the last meeting" in text
    assert "ed@force.example" in text and "ann@force.example" in text
    assert "Detective Strategy Board minutes, 12 June 2018; 1 file held" in text
