"""The Record progress page: read-only unless an editor signs in; the form records who wrote; the
audit trail is open to everyone. And the Data page's new quality items."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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
EDITING = {"enabled": True, "editors": ["ed@force.example"]}
EDITOR = {"is_logged_in": True, "email": "ed@force.example", "name": "Ed Itor"}
R02 = "wmp-peel2017nat-r02"


def import_uploaders(at: AppTest) -> list:
    """The uploaders that write (a return's import); the report reader is open to everyone."""
    return [u for u in at.get("file_uploader") if u.key != "report_file"]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """The bundled tables, copied: a test never writes into data/."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def record_page(
    monkeypatch, data_dir: Path, *, secrets: dict | None = None, user: dict | None = None, **params
) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    if secrets is not None:
        at.secrets = secrets
    if user is not None:
        at.user = user
    at.run()
    at.switch_page("pages/record.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def text(at: AppTest) -> str:
    """The page's Markdown as a reader reads it (data is escaped: see oversight/escape.py)."""
    return " ".join(shown(m.value) for m in at.markdown)


def form_date(at: AppTest):
    """The new position's date (the sidebar's date input is labelled "As at" too)."""
    return next(d for d in at.get("form")[0].date_input if d.label == "As at")


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def test_read_only_by_default_with_the_audit_trail_for_everyone(monkeypatch, data_copy):
    at = record_page(monkeypatch, data_copy, rec=R02)
    assert at.title[0].value == "Record progress"
    assert "**Read-only.** Editing is not switched on" in text(at)
    # The chosen finding, its state and history are shown; no form, no upload.
    assert at.selectbox(key="record_rec").value == R02
    # rag.csv's white, black text on it (by contrast), outlined so it shows on a white page
    assert (
        '**Now:** In progress <span style="background-color: #FFFFFF; color: #000000; '
        'border: 1px solid #5F6368; border-radius: 0.5rem; padding: 0 0.4rem">White</span>'
    ) in text(at)
    assert "**Chief officer lead:** ACC Crime" in text(at)
    assert not at.get("form")
    assert "Record this position" not in buttons(at)
    assert not import_uploaders(at)
    assert "Importing needs an editor signed in" in " ".join(c.value for c in at.caption)
    # Anyone may read a new report and see what it proposes; accepting it needs an editor.
    assert [u.key for u in at.get("file_uploader")] == ["report_file"]
    # Templates are for everyone (owners fill them in).
    assert [b.proto.label for b in at.get("download_button")] == ["CSV template", "XLSX template"]
    history, trail = at.dataframe[0].value, at.dataframe[1].value
    assert len(history) == 1
    assert (
        history["recorded_by"].iloc[0] == "Risk and Organisational Learning Manager (Kath Holder)"
    )
    assert len(trail) == 34
    assert set(trail["recorded_by"]) == {"Risk and Organisational Learning Manager (Kath Holder)"}
    assert trail["record_url"].str.startswith("recommendations?rec=").all()


def test_signed_out_with_editing_on_offers_sign_in_and_no_form(monkeypatch, data_copy):
    at = record_page(
        monkeypatch,
        data_copy,
        secrets={"auth": AUTH, "editing": EDITING},
        user={"is_logged_in": False},
        rec=R02,
    )
    assert "**Editing is on for named editors.** Sign in" in text(at)
    assert "Sign in" in buttons(at)
    assert not at.get("form") and not import_uploaders(at)


def test_an_address_without_a_sign_in_is_not_an_editor(monkeypatch, data_copy):
    # AppTest's default user has an e-mail address but is not signed in.
    at = record_page(
        monkeypatch,
        data_copy,
        secrets={"auth": AUTH, "editing": {"enabled": True, "editors": ["test@example.com"]}},
        rec=R02,
    )
    assert not at.get("form") and not import_uploaders(at)


def test_a_signed_in_non_editor_reads_but_cannot_write(monkeypatch, data_copy):
    at = record_page(
        monkeypatch,
        data_copy,
        secrets={"auth": AUTH, "editing": EDITING},
        user={"is_logged_in": True, "email": "reader@force.example"},
        rec=R02,
    )
    assert "who is not on the list of editors" in text(at)
    assert "Sign out" in buttons(at)
    assert not at.get("form") and not import_uploaders(at)
    assert len(at.dataframe[1].value) == 34


def test_editing_switched_on_without_sign_in_configured_stays_read_only(monkeypatch, data_copy):
    at = record_page(monkeypatch, data_copy, secrets={"editing": EDITING}, user=EDITOR, rec=R02)
    assert "sign-in is not configured" in text(at)
    assert not at.get("form")


def test_an_editor_records_a_position_and_the_trail_shows_who(monkeypatch, data_copy):
    at = record_page(
        monkeypatch, data_copy, secrets={"auth": AUTH, "editing": EDITING}, user=EDITOR, rec=R02
    )
    assert "**Signed in as Ed Itor (ed@force.example)**, an editor" in text(at)
    assert len(at.get("form")) == 1
    assert at.get("file_uploader")
    as_at = form_date(at)
    as_at.set_value(dt.date(2018, 8, 1))
    status = next(s for s in at.selectbox if s.label == "Status")
    rag = next(s for s in at.selectbox if s.label == "RAG")
    assert (status.value, rag.value) == ("in_progress", "white")  # the current position
    rag.set_value("amber")
    at.text_area[0].input("Academy intake delayed to October.")
    next(b for b in at.button if b.label == "Record this position").click().run()
    assert not at.exception
    assert [shown(s.value) for s in at.success] == [
        "Recorded: PEEL 2017 national · R2 in progress, Amber, as at 1 August 2018, by "
        "ed@force.example."
    ]
    with open(data_copy / "updates.csv", encoding="utf-8", newline="") as fh:
        last = list(csv.DictReader(fh))[-1]
    assert (last["rec_id"], last["as_at"], last["rag"], last["recorded_by"]) == (
        R02,
        "2018-08-01",
        "amber",
        "ed@force.example",
    )
    assert last["source"] == "recorded in Oversight"
    history, trail = at.dataframe[0].value, at.dataframe[-1].value
    assert history["recorded_by"].iloc[0] == "ed@force.example"
    assert len(trail) == 35
    assert (trail["recorded_by"].iloc[0], trail["record_url"].iloc[0]) == (
        "ed@force.example",
        f"recommendations?rec={R02}&as_at=2018-06-28",  # the view: not the latest date now
    )


def test_an_invalid_position_is_refused_on_the_page(monkeypatch, data_copy):
    at = record_page(
        monkeypatch,
        data_copy,
        secrets={"auth": AUTH, "editing": EDITING},
        user=EDITOR,
        rec="wmp-peel2017nat-r01",
    )
    before = (data_copy / "updates.csv").read_bytes()
    # Before the national overview was published: the validate rules refuse it.
    form_date(at).set_value(dt.date(2017, 1, 1))
    next(b for b in at.button if b.label == "Record this position").click().run()
    assert at.error and at.error[0].value.startswith("Not recorded")
    assert "**as_at**" in shown(at.error[0].value)
    assert (data_copy / "updates.csv").read_bytes() == before


def test_the_audit_trail_filters_by_recorder(monkeypatch, data_copy):
    at = record_page(monkeypatch, data_copy)
    recorder = at.selectbox(key="audit_by")
    assert recorder.options == ["Risk and Organisational Learning Manager (Kath Holder)"]
    at.date_input(key="audit_since").set_value(dt.date(2019, 1, 1)).run()
    assert len(at.dataframe[-1].value) == 0
    assert any(c.value.startswith("0 recorded position(s)") for c in at.caption)


def test_an_unknown_rec_parameter_is_explained(monkeypatch, data_copy):
    at = record_page(monkeypatch, data_copy, rec="no-such-finding")
    assert at.warning[0].value.startswith(
        "The address asked for the finding “no\\-such\\-finding”, which is not one of"
    )
    assert at.selectbox(key="record_rec").value is None


def test_data_page_lists_the_new_quality_items_with_links(monkeypatch):
    monkeypatch.delenv("OVERSIGHT_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    counts = next(d.value for d in at.dataframe if "Items" in d.value.columns)
    assert "No report publication date" in set(counts["Issue"])
    quality = next(d.value for d in at.dataframe if "Record" in d.value.columns)
    undated = quality[quality["Issue"] == "No report publication date"]
    assert len(undated) > 0
    assert undated["Record"].str.match(r"^recommendations\?rec=wmp-").all()


def test_a_position_changed_outside_the_app_is_marked_in_the_trail_and_listed(
    monkeypatch, data_copy
):
    from oversight import auth, records

    editor = auth.Identity("ed@force.example", "Ed Itor", True)
    config = auth.EditingConfig(True, frozenset({"ed@force.example"}), True, ("",))
    for note in ("First sealed", "Second sealed"):
        position = {"rec_id": R02, "as_at": "2018-07-20", "status": "in_progress"}
        assert records.append_updates(
            data_copy, [{**position, "rag": "red", "note": note}], editor, config
        ).written
    path = data_copy / "updates.csv"
    path.write_text(path.read_text().replace(",red,First sealed,", ",green,First sealed,"))
    at = record_page(monkeypatch, data_copy, rec=R02)
    trail = at.dataframe[-1].value
    marks = dict(zip(trail["note"], trail["seal_state"], strict=True))
    assert marks["First sealed"] == "⚠ Changed after it was recorded"
    assert marks["Second sealed"] == "Sealed"
    assert any("1 recorded position(s) were changed" in w.value for w in at.warning)
    history = next(d.value for d in at.dataframe if "seal_state" in d.value and len(d.value) < 10)
    assert "⚠ Changed after it was recorded" in set(history["seal_state"])
    at.switch_page("pages/data.py").run()
    listed = next(d.value for d in at.dataframe if "Problem" in d.value)
    assert any("1 recorded position(s) changed" in w.value for w in at.warning)
    assert listed.iloc[0]["Column"] == "rag"
    assert listed.iloc[0]["Problem"].startswith("rag changed after the position was recorded")


def test_an_editor_records_a_revised_due_date_with_its_reason(monkeypatch, data_copy):
    at = record_page(
        monkeypatch, data_copy, secrets={"auth": AUTH, "editing": EDITING}, user=EDITOR, rec=R02
    )
    form = at.get("form")[0]
    form_date(at).set_value(dt.date(2018, 8, 1))
    revised = next(d for d in form.date_input if d.label.startswith("Revised due date"))
    revised.set_value(dt.date(2018, 12, 31))
    # A revised date with no reason is refused, naming the column; nothing is written.
    before = (data_copy / "updates.csv").read_bytes()
    next(b for b in at.button if b.label == "Record this position").click().run()
    assert "- **revision_reason**: revised_due_on is 2018-12-31 but revision_reason is empty" in (
        shown(at.error[0].value)
    )
    assert (data_copy / "updates.csv").read_bytes() == before
    form = at.get("form")[0]
    form_date(at).set_value(dt.date(2018, 8, 1))
    next(d for d in form.date_input if d.label.startswith("Revised due date")).set_value(
        dt.date(2018, 12, 31)
    )
    next(t for t in form.text_input if t.label.startswith("Why the due date moves")).input(
        "The national plan it depends on is late."
    )
    next(b for b in at.button if b.label == "Record this position").click().run()
    assert not at.exception
    assert at.success, [e.value for e in at.error]
    with open(data_copy / "updates.csv", encoding="utf-8", newline="") as fh:
        last = list(csv.DictReader(fh))[-1]
    assert (last["rec_id"], last["revised_due_on"], last["revision_reason"]) == (
        R02,
        "2018-12-31",
        "The national plan it depends on is late.",
    )
    # The page now reads the date in force and where it came from.
    at.run()
    due = next(m.value for m in at.markdown if m.value.startswith("**Due:**"))
    assert due == (
        "**Due:** 31 December 2018 · slipped 92 days, moved once  \n"
        "Originally 30 Sep 2018: By September 2018  \n"
        "Why: The national plan it depends on is late\\."
    )


def test_a_finding_with_no_position_gets_no_grade_by_default(monkeypatch, tmp_path):
    """The form starts from the finding's current RAG; with none recorded, no grade is picked
    for the editor (never one by its place in a list), and saving without one is refused."""
    mini = tmp_path / "mini"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", mini)
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(mini))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.secrets = {"auth": AUTH, "editing": EDITING}
    at.user = EDITOR
    at.query_params.update({"force": "West Midlands Police", "rec": "n1"})
    at.run()
    at.switch_page("pages/record.py").run()
    assert not at.exception
    rag = next(s for s in at.selectbox if s.label == "RAG")
    assert rag.value is None
    assert [rag.format_func(o) for o in rag.options] == ["Red", "Amber", "Green", "Blue", "White"]
    at.button(key="FormSubmitter:new_position-Record this position").click().run()
    assert [e.value for e in at.error] == [
        "Not recorded: choose a RAG grade (none is recorded for it yet)."
    ]
    with open(mini / "updates.csv", encoding="utf-8") as fh:
        assert "n1," not in fh.read()
