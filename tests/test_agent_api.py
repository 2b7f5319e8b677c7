"""Streamlit's agent API (`--server.enableAgentApi true`) cannot write, even with editing on.

The API runs the app for a client that sends JSON widget values and reads the finished page back
(`POST /_stcore/agent/interact`). Before a deployment may turn it on, this proves on a real server,
with editing configured in the secrets ([auth] complete, [editing] naming an editor), that an agent
session can neither record a position (Record progress' save) nor import a file, whatever it
sends: its session is never signed in (the route reads no cookie, and `st.login()` does not sign
an agent in), and identity headers, even where the operator maps them into `st.user`
(`server.trustedUserHeaders`), never make an editor, because only Streamlit's own sign-in sets
`is_logged_in` to true. The page offers it neither the form nor the upload, a guessed key for
either is refused, and the data folder is byte for byte as it was. (That a signed-in editor does
get the form is tests/test_record_page.py's.)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools import browser

DATA = Path(__file__).resolve().parents[1] / "data"
R02 = "wmp-peel2017nat-r02"
SECRETS = """
[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "a-long-random-test-secret-0123456789"
client_id = "oversight"
client_secret = "not-a-real-secret"
server_metadata_url = "https://login.example/.well-known/openid-configuration"

[editing]
enabled = true
editors = ["ed@force.example"]
"""
# The riskiest deployment: the operator maps a proxy's identity headers into st.user.
IDENTITY_HEADERS = {"X-Forwarded-Email": "email", "X-Forwarded-Logged-In": "is_logged_in"}
# What a caller might send to pass as the editor.
FORGED = {
    "X-Forwarded-Email": "ed@force.example",
    "X-Forwarded-Logged-In": "true",
    "Cookie": "_streamlit_user=forged; _streamlit_xsrf=forged",
    "Authorization": "Bearer forged",
}
# Every key the Record progress page offers a reader who is not an editor. The report reader's
# date and id ("Import a new report") are open to readers: it proposes findings and writes
# nothing (the API offers no file upload at all).
READER_ACTIONS = {
    "login_default",
    "record_rec",
    "import_kind",
    "report_published_on",
    "report_inspection_id",
    "audit_by",
    "audit_rec",
    "audit_since",
    "as_at",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("agent-api")
    data = root / "data"
    shutil.copytree(DATA, data)
    secrets = root / "secrets.toml"
    secrets.write_text(SECRETS, encoding="utf-8")
    args = [
        "--server.enableAgentApi",
        "true",
        "--secrets.files",
        str(secrets),
        "--server.trustedUserHeaders",
        json.dumps(IDENTITY_HEADERS),
    ]
    before = digests(data)
    with browser.streamlit_server(data, extra_args=args, timeout=90) as server:
        yield server, data, before


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def interact(server, body: dict, headers: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{server.url}/_stcore/agent/interact",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def words(node: dict) -> str:
    """Every text the page shows in the snapshot's tree, one string."""
    out = []
    for child in node.get("children", []):
        props = child.get("props", {})
        out += [v for k in ("body", "label", "value") if isinstance(v := props.get(k), str)]
        out.append(words(child))
    return " ".join(out)


def open_record_page(server, headers: dict | None = None) -> dict:
    status, snapshot = interact(server, {"page": "record", "query_params": {"rec": [R02]}}, headers)
    assert status == 200 and snapshot["status"] == "ready", snapshot
    return snapshot


def keys(snapshot: dict) -> set[str]:
    return {action["key"] for action in snapshot["actions"]}


@pytest.mark.parametrize("headers", [None, FORGED], ids=["anonymous", "forged-editor-headers"])
def test_an_agent_session_is_a_reader_with_editing_on(served, headers):
    server, _, _ = served
    snapshot = open_record_page(server, headers)
    text = words(snapshot["tree"])
    # Editing is on (so the page is not read-only merely for want of configuration) ...
    assert "Editing is on for named editors" in text, text
    # ... and the agent is not signed in, whatever it claims.
    assert "Recording a position needs an editor signed in" in text
    assert "Importing needs an editor signed in" in text
    assert "Signed in as" not in text
    assert keys(snapshot) == READER_ACTIONS
    writers = {action["type"] for action in snapshot["actions"] if action["key"] != "report_file"}
    assert not writers & {"form_submit_button", "file_uploader", "text_area"}, writers


def test_the_save_and_the_import_cannot_be_reached(served):
    server, data, before = served
    snapshot = open_record_page(server, FORGED)
    session = snapshot["session_id"]  # bound to the identity it was made with: send it again
    for trigger in ("FormSubmitter:new_position-Record this position", "confirm_0123456789"):
        status, answer = interact(
            server, {"session_id": session, "trigger": {"key": trigger}}, FORGED
        )
        assert status == 404 and answer["error"]["code"] == "unknown_key", answer
    # Choosing what to import is allowed, but brings no upload for a reader.
    status, answer = interact(
        server,
        {"session_id": session, "widget_state": {"import_kind": "New report (recommendations)"}},
        FORGED,
    )
    assert status == 200, answer
    assert keys(answer) == READER_ACTIONS
    # Pressing "Sign in" does not sign an agent in.
    status, answer = interact(
        server, {"session_id": session, "trigger": {"key": "login_default"}}, FORGED
    )
    assert status == 200, answer
    assert "Recording a position needs an editor signed in" in words(answer["tree"])
    assert keys(answer) == READER_ACTIONS
    assert digests(data) == before
