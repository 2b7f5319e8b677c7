"""The sign-off queue on Record progress: an approver closes a proposal another editor made,
with its evidence offered as a download; the proposer cannot decide their own."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import auth, closure, db
from tests import drawn
from tests.golden import shown

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-test-secret-0123456789",
    "client_id": "oversight",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}
EDITING = {
    "enabled": True,
    "editors": ["ed@force.example"],
    "approvers": ["ann@force.example", "ed@force.example"],
}
SECRETS = {"auth": AUTH, "editing": EDITING}
CONFIG = auth.config_from_secrets(SECRETS)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
R02 = "wmp-peel2017nat-r02"


@pytest.fixture
def proposed(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    result = closure.propose(
        target,
        R02,
        dt.date(2018, 6, 28),
        "Detective academy in place.",
        "green",
        ["Detective Strategy Board minutes, 12 June 2018"],
        [("minutes.pdf", PDF)],
        auth.Identity("ed@force.example", "Ed", True),
        CONFIG,
    )
    assert result.written
    return target


def page(monkeypatch, data_dir: Path, email: str, **params: str) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.secrets = SECRETS
    at.user = {"is_logged_in": True, "email": email, "name": email.split("@")[0]}
    at.run()
    at.switch_page("pages/record.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def test_an_approver_sees_the_proposal_with_its_evidence_and_approves_it(monkeypatch, proposed):
    at = page(monkeypatch, proposed, "ann@force.example")
    texts = " ".join(t.value for t in at.text)
    assert "Evidence: Detective Strategy Board minutes, 12 June 2018" in texts
    assert any(
        "Proposed as at 28 June 2018 by ed@force.example" in shown(c.value) for c in at.caption
    )
    downloads = [b for b in at.get("download_button") if "Evidence file" in b.proto.label]
    assert len(downloads) == 1
    assert downloads[0].proto.label.startswith(f"Evidence file: evidence-{R02}-")
    next(b for b in at.button if b.label == "Approve closure").click()
    at.run()
    state = (
        db.load(proposed)
        .con.execute(
            "select status, rag, recorded_by, approves_update_id is not null from update_spans "
            "where rec_id = $r and next_as_at is null",
            {"r": R02},
        )
        .fetchone()
    )
    assert state == ("closed", "blue", "ann@force.example", True)


def test_the_proposer_cannot_approve_their_own(monkeypatch, proposed):
    at = page(monkeypatch, proposed, "ed@force.example")
    assert not [b for b in at.button if b.label == "Approve closure"]
    assert any("another approver decides it" in c.value for c in at.caption)


def test_the_form_offers_no_direct_closed_status(monkeypatch, proposed):
    at = page(monkeypatch, proposed, "ed@force.example", rec=R02)
    status = next(s for s in at.selectbox if s.label == "Status")
    assert "closed" not in status.options and "Closed" not in status.options
    assert "Pending closure" in status.options


def overview(monkeypatch, data_dir: Path) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    assert not at.exception
    return at


def test_overview_counts_pending_sign_off_and_names_disagreements(monkeypatch, proposed):
    (proposed / "inspectorate_status.csv").write_text(
        "rec_id,as_at,status,note,source\n"
        "wmp-peel2017nat-r01,2018-06-20,complete,Evidence accepted,https://example.org/monitoring\n",
        encoding="utf-8",
    )
    at = overview(monkeypatch, proposed)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Pending sign-off"] == "1"
    assert metrics["Disagree with the inspectorate"] == "1"
    table = drawn.static_table_with(at, "Inspectorate says")
    assert table.iloc[0]["Inspectorate says"] == "Complete"
    assert table.iloc[0]["Force says"] == "In progress"
    assert table.iloc[0]["Disagreement"] == "The inspectorate says complete; the force has it open"


def test_the_inspectorates_status_is_shown_beside_the_forces(monkeypatch, proposed):
    (proposed / "inspectorate_status.csv").write_text(
        "rec_id,as_at,status,note,source\n"
        f"{R02},2018-06-20,being_progressed,`Plan` [seen](https://evil.invalid),https://example.org\n",
        encoding="utf-8",
    )
    at = page(monkeypatch, proposed, "ann@force.example", rec=R02)
    words = " ".join(c.value for c in at.caption)
    assert "The inspectorate's own status: Being progressed, as at 20 June 2018" in words
    # The note comes from the data: escaped, so it shows as text and never becomes a link.
    assert "\\[seen\\]\\(https\\:\u2060\\/\\/evil\\.invalid\\)" in words
