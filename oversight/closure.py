"""Closure with four eyes: an editor proposes, with evidence; an approver approves or rejects.

- ``propose``: a new position ``pending_closure`` carrying its evidence (references and/or
  uploaded files, kept by ``oversight.evidence``). Evidence is required.
- ``approve``: a new position ``closed`` (RAG blue) whose ``approves_update_id`` names the proposal.
- ``reject``: a new position back to ``in_progress`` with the approver's reason.

Only an approver (``[editing] approvers`` in the app's secrets) may approve or reject, never the
editor who proposed, and only a proposal that is still the finding's latest position. These
functions check all of it themselves; the page only offers what they would allow. Every position
goes through ``records.append_updates``: validated, appended, sealed and audited like any other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from oversight import auth, db, evidence, records


class ClosureRefused(ValueError):
    """A proposal, approval or rejection that cannot be recorded, with the reason in words."""


@dataclass(frozen=True)
class Proposal:
    update_id: str
    rec_id: str
    as_at: dt.date
    rag: str
    proposer: str | None
    evidence: str | None


def proposal(data_dir: Path, update_id: str) -> Proposal:
    """The proposal a decision is about, read from the data as it is now."""
    ds = db.load(data_dir)
    rows = db.run_query(ds, "closure_proposal", update_id=update_id)
    if rows.empty:
        raise ClosureRefused(f"{update_id} is not a recorded position")
    row = rows.iloc[0]
    if row["status"] != "pending_closure":
        raise ClosureRefused(f"{update_id} is not a proposal to close (it is {row['status']})")
    if not bool(row["is_latest"]):
        raise ClosureRefused(
            f"{update_id} is no longer the finding's latest position: a later position was "
            "recorded since it was proposed"
        )
    return Proposal(
        str(row["update_id"]),
        str(row["rec_id"]),
        row["as_at"].date() if hasattr(row["as_at"], "date") else row["as_at"],
        str(row["rag"]),
        None if row["recorded_by"] is None else str(row["recorded_by"]),
        None if row["evidence"] is None else str(row["evidence"]),
    )


def propose(
    data_dir: Path | str,
    rec_id: str,
    as_at: dt.date,
    note: str,
    rag: str,
    references: Sequence[str],
    files: Sequence[tuple[str, bytes]],
    identity: auth.Identity | None,
    config: auth.EditingConfig | None = None,
    *,
    now: dt.datetime | None = None,
) -> records.WriteResult:
    """Propose closing a finding, with its evidence (at least one reference or file)."""
    config = records._config(config)
    auth.require_editor(identity, config)
    if not any(str(r).strip() for r in references) and not files:
        raise ClosureRefused(
            "A proposal to close needs evidence: a reference (an address, a document "
            "reference) or a file."
        )
    stored = [evidence.store(Path(data_dir), name, data) for name, data in files]
    row = {
        "rec_id": rec_id,
        "as_at": as_at,
        "status": "pending_closure",
        "rag": rag,
        "note": note,
        "evidence": evidence.cell(list(references), stored),
    }
    return records.append_updates(
        data_dir, [row], identity, config, source="closure: proposed", now=now
    )


def _decide(
    data_dir: Path | str,
    update_id: str,
    identity: auth.Identity | None,
    config: auth.EditingConfig | None,
) -> tuple[Proposal, auth.EditingConfig]:
    config = records._config(config)
    approver = auth.require_approver(identity, config)
    found = proposal(Path(data_dir), update_id)
    if found.proposer and auth.normalise_email(found.proposer) == approver:
        raise ClosureRefused(
            "You proposed this closure: another approver must decide it (four eyes)."
        )
    # An approver need not be an editor: the decision is written with their own address.
    return found, dataclasses.replace(config, editors=config.editors | {approver})


def approve(
    data_dir: Path | str,
    update_id: str,
    identity: auth.Identity | None,
    config: auth.EditingConfig | None = None,
    *,
    note: str = "",
    as_at: dt.date | None = None,
    now: dt.datetime | None = None,
) -> records.WriteResult:
    """Approve a proposal: the finding is closed (blue), naming the proposal it approves."""
    found, config = _decide(data_dir, update_id, identity, config)
    row = {
        "rec_id": found.rec_id,
        "as_at": max(as_at or dt.date.today(), found.as_at),
        "status": "closed",
        "rag": "blue",
        "note": note.strip() or "Closure approved on the evidence given.",
        "evidence": found.evidence,
        "approves_update_id": found.update_id,
    }
    return records.append_updates(
        data_dir, [row], identity, config, source="closure: approved", now=now, decision=True
    )


def reject(
    data_dir: Path | str,
    update_id: str,
    reason: str,
    identity: auth.Identity | None,
    config: auth.EditingConfig | None = None,
    *,
    as_at: dt.date | None = None,
    now: dt.datetime | None = None,
) -> records.WriteResult:
    """Reject a proposal: the finding goes back to in progress, with the approver's reason."""
    if not reason.strip():
        raise ClosureRefused("Say why the closure is not approved: the owner needs the reason.")
    found, config = _decide(data_dir, update_id, identity, config)
    row = {
        "rec_id": found.rec_id,
        "as_at": max(as_at or dt.date.today(), found.as_at),
        "status": "in_progress",
        "rag": found.rag if found.rag != "blue" else "amber",
        "note": f"Closure not approved: {reason.strip()}",
    }
    return records.append_updates(
        data_dir, [row], identity, config, source="closure: rejected", now=now, decision=True
    )
