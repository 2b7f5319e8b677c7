"""The write path: editors only, validated like `oversight validate`, append-only, atomic, and safe
when several editors (threads or processes) save at the same moment."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from oversight import auth, db, records, seal

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
EDITOR = auth.Identity("ed@force.example", "Ed Itor", True)
CONFIG = auth.EditingConfig(
    enabled=True,
    editors=frozenset({"ed@force.example", "second@force.example"}),
    auth_configured=True,
    providers=("",),
)
NOW = dt.datetime(2018, 8, 1, 9, 30, tzinfo=dt.UTC)


def position(rec_id="r1", as_at="2018-07-20", status="in_progress", rag="amber", note="Slipping"):
    return {"rec_id": rec_id, "as_at": as_at, "status": status, "rag": rag, "note": note}


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# --- who may write ------------------------------------------------------------------------------


def test_an_editor_records_a_position_with_who_and_when(mini_copy):
    result = records.append_updates(mini_copy, [position()], EDITOR, CONFIG, now=NOW)
    assert result.ok and result.written
    assert result.added_count() == 1
    last = read_rows(mini_copy / "updates.csv")[-1]
    assert last["rec_id"] == "r1"
    assert last["status"] == "in_progress"
    assert last["rag"] == "amber"
    assert last["note"] == "Slipping"
    assert last["recorded_by"] == "ed@force.example"
    assert last["recorded_at"] == "2018-08-01T09:30:00Z"
    assert last["update_id"].startswith("u-r1-2018-07-20-")
    assert db.validate(mini_copy) == []
    # The new position is the state from its date on.
    state = db.load(mini_copy).query("record_state", as_at=dt.date(2018, 7, 20), rec_id="r1")
    assert (state["rag"].iloc[0], state["recorded_by"].iloc[0]) == ("amber", "ed@force.example")


def test_recorded_by_is_the_signed_in_editor_never_a_submitted_value(mini_copy):
    forged = {**position(), "recorded_by": "someone.else@force.example", "update_id": "u-forged"}
    records.append_updates(mini_copy, [forged], EDITOR, CONFIG, now=NOW)
    last = read_rows(mini_copy / "updates.csv")[-1]
    assert last["recorded_by"] == "ed@force.example"
    assert last["update_id"] != "u-forged"


def test_each_editor_is_recorded_against_their_own_update(mini_copy):
    second = auth.Identity("Second@Force.example", None, True)
    records.append_updates(mini_copy, [position(note="first")], EDITOR, CONFIG)
    records.append_updates(mini_copy, [position(note="second")], second, CONFIG)
    last_two = read_rows(mini_copy / "updates.csv")[-2:]
    assert [(r["note"], r["recorded_by"]) for r in last_two] == [
        ("first", "ed@force.example"),
        ("second", "second@force.example"),
    ]


@pytest.mark.parametrize(
    ("identity", "config", "reason"),
    [
        (auth.ANONYMOUS, CONFIG, "Sign in"),
        (None, CONFIG, "Sign in"),
        # An address on the list is not enough: the sign-in must say so.
        (auth.Identity("ed@force.example", None, False), CONFIG, "Sign in"),
        (auth.Identity("stranger@force.example", None, True), CONFIG, "not on the list"),
        (auth.Identity(None, "No mail", True), CONFIG, "not on the list"),
        (EDITOR, auth.EditingConfig(), "read-only"),
        (EDITOR, auth.EditingConfig(False, CONFIG.editors, True, ("",)), "not switched on"),
        (EDITOR, auth.EditingConfig(True, CONFIG.editors, False, ()), "sign-in is not configured"),
        (EDITOR, auth.EditingConfig(True, frozenset(), True, ("",)), "no editor is named"),
    ],
)
def test_a_non_editor_cannot_write_by_any_function(mini_copy, identity, config, reason):
    before = {p.name: p.read_bytes() for p in mini_copy.glob("*.csv")}
    with pytest.raises(auth.NotAllowed, match=reason):
        records.append_updates(mini_copy, [position()], identity, config)
    with pytest.raises(auth.NotAllowed):
        records.append_updates(mini_copy, [position()], identity, config, dry_run=True)
    with pytest.raises(auth.NotAllowed):
        records.append_recommendations(
            mini_copy, [{"rec_id": "x1"}], identity, config, inspections=[{"inspection_id": "i"}]
        )
    assert {p.name: p.read_bytes() for p in mini_copy.glob("*.csv")} == before


def test_without_a_config_the_write_path_reads_the_secrets_files(mini_copy, monkeypatch, tmp_path):
    """No secrets file (the default install): the write path itself refuses everyone."""
    monkeypatch.setattr(auth, "SECRETS_FILES", (tmp_path / "missing.toml",))
    monkeypatch.setattr(auth.load_config, "__defaults__", ((tmp_path / "missing.toml",),))
    with pytest.raises(auth.NotAllowed, match="read-only"):
        records.append_updates(mini_copy, [position()], EDITOR)


def test_config_from_a_secrets_file(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        textwrap.dedent(
            """
            [auth]
            redirect_uri = "http://localhost:8501/oauth2callback"
            cookie_secret = "a-long-random-secret"

            [auth.microsoft]
            client_id = "id"
            client_secret = "secret"
            server_metadata_url = "https://login.example/v2.0/.well-known/openid-configuration"

            [editing]
            enabled = true
            editors = ["Ed@Force.example", "not-an-address"]
            """
        )
    )
    config = auth.load_config((secrets,))
    assert config.is_on
    assert config.editors == frozenset({"ed@force.example"})
    assert config.providers == ("microsoft",)
    assert auth.may_write(auth.Identity("ED@force.example", None, True), config)
    secrets.write_text("[editing\nenabled = true")
    assert auth.load_config((secrets,)) == auth.EditingConfig()


def test_identity_from_st_user():
    assert auth.identity_from_user({"email": "test@example.com"}) == auth.ANONYMOUS
    assert auth.identity_from_user({"is_logged_in": False, "email": "a@b.c"}) == auth.ANONYMOUS
    assert auth.identity_from_user({"is_logged_in": True, "email": "a@b.c", "name": "A"}) == (
        auth.Identity("a@b.c", "A", True)
    )


@pytest.mark.parametrize("claim", [False, "false", "False", 0])
def test_an_address_the_provider_has_not_verified_cannot_write(mini_copy, claim):
    user = {
        "is_logged_in": True,
        "email": "ed@force.example",
        "name": "Ed",
        "email_verified": claim,
    }
    identity = auth.identity_from_user(user)
    assert identity.email is None and identity.unverified_email == "ed@force.example"
    assert identity.display == "Ed, ed@force.example (not verified by the identity provider)"
    assert not auth.may_write(identity, CONFIG)
    with pytest.raises(auth.NotAllowed, match="not verified by the identity provider"):
        records.append_updates(mini_copy, [position()], identity, CONFIG)
    approvers = auth.EditingConfig(True, CONFIG.editors, True, ("",), CONFIG.editors)
    assert not auth.may_approve(identity, approvers)
    with pytest.raises(auth.NotAllowed, match="email_verified claim is false"):
        auth.require_approver(identity, approvers)


@pytest.mark.parametrize("claim", [True, "true"])
def test_a_verified_address_or_no_claim_at_all_is_taken(claim):
    verified = {"is_logged_in": True, "email": "ed@force.example", "email_verified": claim}
    assert auth.may_write(auth.identity_from_user(verified), CONFIG)
    # Microsoft Entra ID sends no email_verified claim for a work account: the address stands.
    unsent = {"is_logged_in": True, "email": "ed@force.example"}
    assert auth.may_write(auth.identity_from_user(unsent), CONFIG)


# --- validated with the same rules ----------------------------------------------------------------


def test_invalid_rows_are_reported_with_row_and_column_and_nothing_is_written(mini_copy):
    before = (mini_copy / "updates.csv").read_bytes()
    result = records.append_updates(
        mini_copy,
        [
            position(),
            position(rec_id="nope", as_at="2018-02-30", status="done", rag="purple"),
            # Before the report was published: a cross-table rule of `oversight validate`.
            position(rec_id="r2", as_at="2018-01-01"),
        ],
        EDITOR,
        CONFIG,
    )
    assert not result.written
    assert [(p.index, p.column) for p in result.problems] == [
        (1, "as_at"),
        (1, "rag"),
        (1, "rec_id"),
        (1, "status"),
        (2, "as_at"),
    ]
    assert "before" in result.problems[-1].message
    assert str(result.problems[2]) == (
        "updates.csv, row 2, column rec_id: 'nope' is not a known recommendations.rec_id"
    )
    assert (mini_copy / "updates.csv").read_bytes() == before


def test_a_problem_already_in_the_data_does_not_block_a_valid_position(mini_copy):
    path = mini_copy / "inspections.csv"
    path.write_text(path.read_text().replace("2018-05-01,2018-05-02", "2018-05-03,2018-05-02"))
    assert db.validate(mini_copy)  # the data has a problem of its own
    result = records.append_updates(mini_copy, [position()], EDITOR, CONFIG)
    assert result.ok and result.written


def test_a_required_value_left_empty_is_a_problem(mini_copy):
    result = records.append_updates(mini_copy, [position(status="  ", rag=None)], EDITOR, CONFIG)
    assert [(p.column, p.message) for p in result.problems] == [
        ("rag", "required value is empty"),
        ("status", "required value is empty"),
    ]


# --- append-only ----------------------------------------------------------------------------------


def test_history_is_kept_byte_for_byte_and_a_correction_is_a_new_row(mini_copy):
    path = mini_copy / "updates.csv"
    before = path.read_bytes()
    records.append_updates(mini_copy, [position(rag="amber")], EDITOR, CONFIG)
    records.append_updates(mini_copy, [position(rag="green", note="Corrected")], EDITOR, CONFIG)
    after = path.read_bytes()
    assert after.startswith(before)
    rows = read_rows(path)
    assert len(rows) == 10
    assert [(r["rag"], r["note"]) for r in rows[-2:]] == [
        ("amber", "Slipping"),
        ("green", "Corrected"),
    ]


def test_the_same_position_twice_is_recorded_once(mini_copy):
    first = records.append_updates(mini_copy, [position(), position()], EDITOR, CONFIG)
    assert (first.added_count(), first.skipped_count()) == (1, 1)
    again = records.append_updates(mini_copy, [position(note="  Slipping ")], EDITOR, CONFIG)
    assert (again.added_count(), again.skipped_count(), again.written) == (0, 1, False)
    # An existing row from the curated file counts too.
    old = position(
        rec_id="r2", as_at="2018-06-28", status="in_progress", rag="amber", note="Plan drafted"
    )
    assert records.append_updates(mini_copy, [old], EDITOR, CONFIG).skipped_count() == 1


def test_excel_csv_with_bom_and_crlf_keeps_its_form(mini_copy):
    path = mini_copy / "updates.csv"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes("\ufeff".encode() + text.encode("utf-8")[:-2])  # and no final line end
    before = path.read_bytes()
    result = records.append_updates(
        mini_copy, [position(note='A "quoted", multi-line\nnote')], EDITOR, CONFIG
    )
    assert result.written
    after = path.read_bytes()
    assert after.startswith(before)
    assert after.endswith(b"\r\n") and b"\n" not in after.replace(b"\r\n", b"").replace(
        b"multi-line\nnote", b""
    )
    assert db.validate(mini_copy) == []
    assert read_rows(path)[-1]["note"] == 'A "quoted", multi-line\nnote'


def test_an_extra_column_of_the_file_is_kept_and_filled(mini_copy):
    path = mini_copy / "updates.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ",source"] + [ln + "," for ln in lines[1:]]) + "\n")
    records.append_updates(mini_copy, [position()], EDITOR, CONFIG, source="recorded in Oversight")
    assert read_rows(path)[-1]["source"] == "recorded in Oversight"
    assert db.validate(mini_copy) == []


# --- atomic ---------------------------------------------------------------------------------------


def test_a_write_failing_at_the_swap_leaves_the_previous_file(mini_copy, monkeypatch):
    path = mini_copy / "updates.csv"
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk gone at the worst moment")

    monkeypatch.setattr(records.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk gone"):
        records.append_updates(mini_copy, [position()], EDITOR, CONFIG)
    assert path.read_bytes() == before
    assert db.validate(mini_copy) == []
    assert not list(mini_copy.glob(".*.tmp"))  # the temporary file is cleaned up
    monkeypatch.undo()
    # The lock was released: the next save works.
    assert records.append_updates(mini_copy, [position()], EDITOR, CONFIG).written


def test_a_write_failing_while_writing_the_temporary_file_leaves_the_previous_file(
    mini_copy, monkeypatch
):
    path = mini_copy / "updates.csv"
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError("no space left on device")

    monkeypatch.setattr(records.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="no space"):
        records.append_updates(mini_copy, [position()], EDITOR, CONFIG)
    assert path.read_bytes() == before
    assert not list(mini_copy.glob(".*.tmp"))


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from oversight import auth, records, seal
data_dir, marker, stage = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
config = auth.EditingConfig(True, frozenset({"ed@force.example"}), True, ("",))


def stop_here():
    marker.write_text(stage)
    time.sleep(60)


real_append, real_atomic = records._append, records.atomic_write


def append(path, data):
    if stage == "before-append":
        stop_here()
    if stage == "mid-append":
        real_append(path, data[: len(data) // 2])
        stop_here()
    real_append(path, data)


def atomic(path, data):
    if stage == "before-seal-file" and path.name == seal.HEAD_FILE:
        stop_here()
    real_atomic(path, data)


records._append, records.atomic_write = append, atomic
records.append_updates(
    data_dir,
    [{"rec_id": "r1", "as_at": "2018-07-20", "status": "in_progress", "rag": "green", "note": "killed"}],
    auth.Identity("ed@force.example", None, True),
    config,
)
"""


def litter(folder: Path) -> set[str]:
    return set(os.listdir(folder)) - {records.LOCK_FILE, seal.HEAD_FILE} - set(os.listdir(MINI))


def kill_writer_at(mini_copy: Path, tmp_path: Path, stage: str) -> None:
    marker = tmp_path / f"stopped-{stage}"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(mini_copy), str(marker), stage], cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists(), f"the writer never reached {stage}"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize(
    ("stage", "kept"),
    [("before-append", False), ("mid-append", False), ("before-seal-file", True)],
)
def test_a_save_killed_at_any_step_is_undone_or_completed_by_the_next(
    mini_copy, tmp_path, stage, kept
):
    path = mini_copy / "updates.csv"
    before = path.read_bytes()
    kill_writer_at(mini_copy, tmp_path, stage)
    if stage == "mid-append":
        assert path.read_bytes() != before  # half a row is in the file
    # A dead process holds no lock: the next save first finishes or undoes the killed one.
    assert records.append_updates(mini_copy, [position(note="next")], EDITOR, CONFIG).written
    rows = read_rows(path)
    assert [r["note"] for r in rows[8:]] == (["killed", "next"] if kept else ["next"])
    assert path.read_bytes().startswith(before)
    ds = db.load(mini_copy)
    assert (ds.problems, ds.integrity) == ([], [])
    assert litter(mini_copy) == set()
    assert seal.read_head(mini_copy).sealed == len(rows) - 8


def test_recommendations_with_their_report_land_together_or_not_at_all(mini_copy, monkeypatch):
    inspection = {
        "inspection_id": "wmp-2019",
        "title": "WMP 2019",
        "inspectorate": "HMICFRS",
        "kind": "peel",
        "force_id": "wmp",
        "published_on": "2019-05-02",
    }
    rec = {
        "rec_id": "w19-afi01",
        "inspection_id": "wmp-2019",
        "force_id": "wmp",
        "kind": "area_for_improvement",
        "addressed_to": "force",
        "text": "Improve call handling.",
    }
    calls: list[str] = []
    real = records._append
    before = {name: (mini_copy / name).read_bytes() for name in os.listdir(mini_copy)}

    def stop_after_first(path, data):
        if calls:
            raise OSError("stopped between the two files")
        calls.append(path.name)
        real(path, data)

    monkeypatch.setattr(records, "_append", stop_after_first)
    with pytest.raises(OSError):
        records.append_recommendations(mini_copy, [rec], EDITOR, CONFIG, inspections=[inspection])
    assert calls == ["inspections.csv"]
    # The journal undoes the first file too: all or nothing.
    assert {name: (mini_copy / name).read_bytes() for name in before} == before
    assert litter(mini_copy) == set()
    monkeypatch.undo()
    result = records.append_recommendations(
        mini_copy, [rec], EDITOR, CONFIG, inspections=[inspection]
    )
    assert (result.added_count("recommendations"), result.added_count("inspections")) == (1, 1)
    assert db.validate(mini_copy) == []


def test_an_existing_recommendation_is_never_edited_by_an_import(mini_copy):
    changed = {"rec_id": "r1", "text": "Something else"}
    result = records.append_recommendations(mini_copy, [changed], EDITOR, CONFIG)
    assert [(p.index, p.column) for p in result.problems] == [(0, "rec_id")]
    assert "never edited" in result.problems[0].message
    same = {"rec_id": "r3", "text": "Bail review", "kind": "recommendation"}
    assert records.append_recommendations(mini_copy, [same], EDITOR, CONFIG).skipped_count() == 1


# --- concurrent -----------------------------------------------------------------------------------


def test_concurrent_saves_from_threads_all_land(mini_copy):
    editors = [EDITOR, auth.Identity("second@force.example", None, True)]

    def save(worker: int) -> int:
        added = 0
        for i in range(5):
            result = records.append_updates(
                mini_copy,
                [position(note=f"thread {worker} save {i}")],
                editors[worker % 2],
                CONFIG,
            )
            added += result.added_count()
        return added

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sum(pool.map(save, range(8))) == 40
    rows = read_rows(mini_copy / "updates.csv")
    assert len(rows) == 8 + 40
    assert len({r["update_id"] for r in rows}) == 48
    assert {r["note"] for r in rows[8:]} == {
        f"thread {w} save {i}" for w in range(8) for i in range(5)
    }
    assert db.validate(mini_copy) == []


CONCURRENT_WRITER = """
import sys
from oversight import auth, records
config = auth.EditingConfig(True, frozenset({"ed@force.example"}), True, ("",))
worker = sys.argv[2]
for i in range(5):
    result = records.append_updates(
        sys.argv[1],
        [{"rec_id": "r2", "as_at": "2018-07-01", "status": "in_progress", "rag": "green",
          "note": f"process {worker} save {i}"}],
        auth.Identity("ed@force.example", None, True),
        config,
    )
    assert result.written, result.problems
"""


def test_concurrent_saves_from_processes_all_land(mini_copy):
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_WRITER, str(mini_copy), str(worker)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
        )
        for worker in range(8)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err.decode()
    rows = read_rows(mini_copy / "updates.csv")
    assert len(rows) == 8 + 40
    assert {r["note"] for r in rows[8:]} == {
        f"process {w} save {i}" for w in range(8) for i in range(5)
    }
    assert len({r["update_id"] for r in rows}) == 48
    assert db.validate(mini_copy) == []


def test_the_lock_waits_its_turn_and_gives_up_with_a_message(mini_copy):
    with (
        records._locked(mini_copy),
        pytest.raises(TimeoutError, match="another save"),
        records._locked(mini_copy, timeout=0.2),
    ):
        pass


def test_rendered_rows_are_csv_not_text_pasted(mini_copy):
    note = 'Comma, "quote", and\nnewline; =1+1 stays text in the file'
    records.append_updates(mini_copy, [position(note=note)], EDITOR, CONFIG)
    raw = (mini_copy / "updates.csv").read_text()
    last = list(csv.reader(io.StringIO(raw)))[-1]
    assert last[5] == note


def test_a_missing_data_folder_is_an_error_not_a_new_folder(tmp_path):
    with pytest.raises(records.DataFolderError, match="nowhere does not exist"):
        records.append_updates(tmp_path / "nowhere", [position()], EDITOR, CONFIG)
    assert not (tmp_path / "nowhere").exists()


def test_the_lock_and_seal_files_are_the_only_things_added_to_the_folder(mini_copy):
    before = set(os.listdir(mini_copy))
    records.append_updates(mini_copy, [position()], EDITOR, CONFIG)
    assert set(os.listdir(mini_copy)) - before == {records.LOCK_FILE, seal.HEAD_FILE}


def test_writers_killed_at_random_leave_valid_data_and_nothing_behind(mini_copy):
    from tools import bench_writes

    before = (mini_copy / "updates.csv").read_bytes()
    result = bench_writes.measure_kills(mini_copy, n=8, at_once=4)
    assert result.killed == 8
    assert (result.problems, result.integrity, result.litter) == ([], [], [])
    # The measurement puts the folder back as it was.
    assert (mini_copy / "updates.csv").read_bytes() == before


def test_a_save_starts_from_the_newest_dataset_the_caller_has(mini_copy):
    first = db.load(mini_copy)
    records.append_updates(mini_copy, [position(note="one")], EDITOR, CONFIG, dataset=first)
    assert records._FOLDERS[mini_copy.resolve()].base is first
    second = db.load(mini_copy)  # the dashboard reads the folder again after the save
    records.append_updates(mini_copy, [position(note="two")], EDITOR, CONFIG, dataset=second)
    assert records._FOLDERS[mini_copy.resolve()].base is second  # the older one is let go
    records.append_updates(mini_copy, [position(note="three")], EDITOR, CONFIG, dataset=first)
    assert records._FOLDERS[mini_copy.resolve()].base is second  # an older one is not taken
    assert [r["note"] for r in read_rows(mini_copy / "updates.csv")[-3:]] == ["one", "two", "three"]
    assert db.validate(mini_copy) == []


def test_the_write_bench_times_only_saves_that_landed(mini_copy):
    from tools import bench_writes

    result = bench_writes.measure("mini", mini_copy, saves=2, editors=3)
    assert (len(result.warm), len(result.processes), len(result.threads)) == (2, 3, 3)
    assert (result.problems, result.integrity, result.litter) == ([], [], [])
    # A row a stopped run left behind made the same save a duplicate, skipped in 0.03 s and
    # timed as a save: a writer whose save does not land now stops the measurement.
    rec_id = bench_writes._a_finding(db.load(mini_copy))
    bench_writes._run_writers(mini_copy, rec_id, 1)
    with pytest.raises(RuntimeError, match="did not land"):
        bench_writes._run_writers(mini_copy, rec_id, 1)


def test_the_rules_a_save_runs_on_its_new_rows_alone_still_refuse(mini_copy):
    # update_before_publication, revised_due_after_publication and revised_due_has_reason are
    # declared row-local: a save runs them on the rows it adds, not on every update.
    local = {
        p.name
        for p in (db.QUERIES_DIR / "checks").glob("*.sql")
        if db._row_local(p.read_text(encoding="utf-8"))
    }
    assert local == {
        "revised_due_after_publication.sql",
        "revised_due_has_reason.sql",
        "update_before_publication.sql",
    }
    before = (mini_copy / "updates.csv").read_bytes()
    early = position(as_at="2001-01-01", note="Too early")
    revised = position(note="Moved") | {"revised_due_on": "2001-06-30", "revision_reason": ""}
    fine = position(note="Fine")
    result = records.append_updates(mini_copy, [fine, early, revised], EDITOR, CONFIG)
    assert not result.written
    assert [(p.index, p.column, p.message.split(" is ")[0]) for p in result.problems] == [
        (1, "as_at", "update as at 2001-01-01"),
        (2, "revised_due_on", "revised due date 2001-06-30"),
        (2, "revision_reason", "revised_due_on"),
    ]
    assert (mini_copy / "updates.csv").read_bytes() == before
    # and the rules still see the rest of the data: the good row alone lands
    assert records.append_updates(mini_copy, [fine], EDITOR, CONFIG).written
