"""Four-eyes closure: propose with evidence, approve or reject by another person, and what the
data then says (validate checks approvals and evidence files)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from oversight import auth, closure, db, evidence

FIXTURES = Path(__file__).parent / "fixtures"
PROPOSER = auth.Identity("ed@force.example", "Ed", True)
APPROVER = auth.Identity("ann@force.example", "Ann", True)
STRANGER = auth.Identity("sam@force.example", "Sam", True)
CONFIG = auth.EditingConfig(
    True,
    frozenset({"ed@force.example", "sam@force.example"}),
    True,
    ("",),
    frozenset({"ann@force.example", "ed@force.example"}),
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JULY = dt.date(2018, 7, 20)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", target)
    return target


def latest(folder: Path, rec_id: str) -> dict:
    ds = db.load(folder)
    assert ds.problems == [], ds.problems
    return (
        ds.con.execute(
            "select * from update_spans where rec_id = $r and next_as_at is null", {"r": rec_id}
        )
        .df()
        .iloc[0]
        .to_dict()
    )


def propose(folder: Path, files=(("board-minutes.pdf", PDF),)) -> str:
    result = closure.propose(
        folder,
        "r2",
        JULY,
        "Detectives plan delivered; minutes attached.",
        "green",
        ["Detective Strategy Board minutes, 12 July 2018"],
        list(files),
        PROPOSER,
        CONFIG,
    )
    assert result.written and not result.problems
    return result.added["updates"][0]["update_id"]


def test_a_proposal_carries_its_evidence_and_the_file_is_stored_by_content(folder):
    update_id = propose(folder)
    row = latest(folder, "r2")
    assert (row["update_id"], row["status"], row["recorded_by"]) == (
        update_id,
        "pending_closure",
        "ed@force.example",
    )
    items = evidence.items(row["evidence"])
    assert items[0] == "Detective Strategy Board minutes, 12 July 2018"
    assert evidence.FILE_ITEM.match(items[1])
    assert (folder / items[1]).read_bytes() == PDF
    one = db.run_query(db.load(folder), "closure_proposal", update_id=update_id)
    assert (one["status"].iloc[0], bool(one["is_latest"].iloc[0])) == ("pending_closure", True)
    queue = db.run_query(db.load(folder), "closure_queue", force_id="wmp")
    assert list(queue["rec_id"]) == ["r2"]
    assert queue["proposed_by"].iloc[0] == "ed@force.example"


def test_a_proposal_without_evidence_is_refused(folder):
    with pytest.raises(closure.ClosureRefused, match="needs evidence"):
        closure.propose(folder, "r2", JULY, "Done.", "green", [" "], [], PROPOSER, CONFIG)


@pytest.mark.parametrize(
    "name, data",
    [
        ("macro.docx", b"MZ\x90\x00 an executable"),
        ("minutes.pdf", b"<html><script>alert(1)</script></html>\x00"),
    ],
)
def test_a_file_that_is_not_an_allowed_type_by_content_is_refused(folder, name, data):
    with pytest.raises(evidence.EvidenceRefused, match="not a PDF, DOCX, XLSX, PNG, JPEG"):
        propose(folder, files=((name, data),))


def test_another_approver_approves_and_the_finding_is_closed_naming_the_proposal(folder):
    update_id = propose(folder)
    result = closure.approve(folder, update_id, APPROVER, CONFIG, as_at=dt.date(2018, 7, 25))
    assert result.written
    row = latest(folder, "r2")
    assert (row["status"], row["rag"], row["approves_update_id"], row["recorded_by"]) == (
        "closed",
        "blue",
        update_id,
        "ann@force.example",
    )
    ds = db.load(folder)
    assert db.run_query(ds, "closure_queue", force_id="wmp").empty
    # The audit trail names who proposed the closure beside the approval, and only there.
    trail = db.run_query(
        ds,
        "audit_trail",
        force_id="wmp",
        recorded_by=None,
        rec_id="r2",
        recorded_from=None,
        recorded_to=None,
        limit=None,
        offset=0,
    )
    approval = trail[trail["update_id"] != update_id].iloc[0]
    proposal = trail[trail["update_id"] == update_id].iloc[0]
    assert approval["approves_proposal_by"] == proposal["recorded_by"] != "ann@force.example"
    assert pd.isna(proposal["approves_proposal_by"])


def test_the_proposer_cannot_approve_their_own_proposal_even_as_an_approver(folder):
    update_id = propose(folder)
    with pytest.raises(closure.ClosureRefused, match="four eyes"):
        closure.approve(folder, update_id, PROPOSER, CONFIG)
    assert latest(folder, "r2")["status"] == "pending_closure"


def test_an_editor_who_is_not_an_approver_cannot_approve(folder):
    update_id = propose(folder)
    with pytest.raises(auth.NotAllowed, match="not on the list of approvers"):
        closure.approve(folder, update_id, STRANGER, CONFIG)
    with pytest.raises(auth.NotAllowed):
        closure.approve(folder, update_id, auth.ANONYMOUS, CONFIG)


def test_a_rejection_sends_it_back_in_progress_with_the_reason(folder):
    update_id = propose(folder)
    closure.reject(
        folder,
        update_id,
        "Minutes do not show the plan adopted.",
        APPROVER,
        CONFIG,
        as_at=dt.date(2018, 7, 21),
    )
    row = latest(folder, "r2")
    assert (row["status"], row["rag"], row["note"]) == (
        "in_progress",
        "green",
        "Closure not approved: Minutes do not show the plan adopted.",
    )
    # The rejected proposal can no longer be approved.
    with pytest.raises(closure.ClosureRefused, match="no longer the finding's latest"):
        closure.approve(folder, update_id, APPROVER, CONFIG)


def test_validate_reports_an_evidence_file_that_changed_or_went_missing(folder):
    propose(folder)
    item = evidence.items(latest(folder, "r2")["evidence"])[1]
    (folder / item).write_bytes(PDF + b"tampered")
    problems = [str(p) for p in db.validate(folder)]
    assert any(
        p.startswith("updates.csv:")
        and "evidence:" in p
        and "has changed since it was recorded" in p
        for p in problems
    )
    (folder / item).unlink()
    assert any("the evidence file is missing" in str(p) for p in db.validate(folder))


def test_validate_reports_a_self_approval_written_outside_the_app(folder):
    with open(folder / "updates.csv", "a", encoding="utf-8") as fh:
        # (the mini fixture's last column is the empty seal of a position not recorded by the app)
        fh.write("u9,r2,2018-07-20,pending_closure,green,Done,ed@force.example,2018-07-20,\n")
        fh.write("u10,r2,2018-07-21,closed,blue,Approved,ed@force.example,2018-07-21,\n")
    text = (folder / "updates.csv").read_text(encoding="utf-8")
    header = text.splitlines()[0]
    if "approves_update_id" not in header:
        # The approval column is added by hand, as a curator would.
        lines = text.splitlines()
        lines[0] = header + ",approves_update_id"
        lines = [lines[0]] + [
            line + ("," if not line.startswith("u10,") else ",u9") for line in lines[1:]
        ]
        (folder / "updates.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [str(p) for p in db.validate(folder)]
    assert any("approved by its own proposer" in p for p in problems)


def test_an_editor_cannot_close_directly_by_form_or_import(folder):
    result = closure.records.append_updates(
        folder,
        [{"rec_id": "r2", "as_at": "2018-07-20", "status": "closed", "rag": "blue", "note": "x"}],
        PROPOSER,
        CONFIG,
    )
    assert not result.written
    assert [(p.column, p.message) for p in result.problems] == [
        ("status", closure.records.CLOSING_NEEDS_SIGN_OFF)
    ]
    smuggled = closure.records.append_updates(
        folder,
        [
            {
                "rec_id": "r2",
                "as_at": "2018-07-20",
                "status": "pending_closure",
                "rag": "green",
                "approves_update_id": "u3",
            }
        ],
        PROPOSER,
        CONFIG,
    )
    assert [p.column for p in smuggled.problems] == ["approves_update_id"]


def test_the_pack_lists_closures_approved_in_the_period_with_their_evidence(folder):
    from oversight import paper

    update_id = propose(folder)
    closure.approve(folder, update_id, APPROVER, CONFIG, as_at=dt.date(2018, 7, 25))
    pack = paper.build(
        db.load(folder), dt.date(2018, 9, 27), since=dt.date(2018, 6, 28), force_id="wmp"
    )
    text = pack.text()
    assert "Closures signed off since the last meeting" in text
    assert "1 finding was closed between 28 June 2018 and 27 September 2018" in text
    assert "ed@force.example" in text and "ann@force.example" in text
    assert "Detective Strategy Board minutes, 12 July 2018; 1 file held" in text
    # an approved closure is not flagged as closed without approval
    quality = db.run_query(
        db.load(folder),
        "data_quality_as_at",
        as_at=dt.date(2018, 9, 27),
        force_id="wmp",
        limit=None,
        offset=0,
    )
    assert "r2" not in set(
        quality.loc[quality["issue"] == "Closed without recorded approval", "rec_id"]
    )


def test_the_sign_off_queries_on_a_closed_and_a_pending_finding(folder):
    approved = propose(folder)
    closure.approve(folder, approved, APPROVER, CONFIG, as_at=dt.date(2018, 7, 25))
    closure.propose(
        folder, "r3", JULY, "Bail review done.", "green", ["Audit report 7"], [], PROPOSER, CONFIG
    )
    (folder / "inspectorate_status.csv").write_text(
        "rec_id,as_at,status,note,source\n"
        "r2,2018-07-01,being_progressed,,https://example.org/m\n"
        "r1,2018-07-01,complete,Evidence seen,https://example.org/m\n",
        encoding="utf-8",
    )
    ds = db.load(folder)
    assert ds.problems == []
    aug = dt.date(2018, 8, 1)
    scope = {"as_at": aug, "force_id": "wmp"}
    assert db.run_query(ds, "pending_signoff", **scope)["pending_signoff"].iloc[0] == 1
    since = db.run_query(ds, "closures_approved_since", since=JULY, **scope)
    assert list(zip(since["rec_id"], since["proposed_by"], since["approved_by"], strict=True)) == [
        ("r2", "ed@force.example", "ann@force.example")
    ]
    differ = db.run_query(ds, "inspectorate_disagreements", **scope)
    assert list(zip(differ["rec_id"], differ["disagreement"], strict=True)) == [
        ("r2", "The force has closed it; the inspectorate has not"),
        ("r1", "The inspectorate says complete; the force has it open"),
    ]
    latest_view = db.run_query(ds, "inspectorate_latest", rec_id="r1", as_at=aug)
    assert (latest_view["status"].iloc[0], latest_view["note"].iloc[0]) == (
        "complete",
        "Evidence seen",
    )
    assert db.run_query(ds, "inspectorate_latest", rec_id="r1", as_at=JULY).empty is False
    assert db.run_query(ds, "inspectorate_latest", rec_id="r1", as_at=dt.date(2018, 6, 1)).empty
