"""Reminders sent through a real SMTP server on localhost (aiosmtpd), and the calendar feed."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import shutil
import socket
from pathlib import Path

import icalendar
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

from oversight import cli, reminders

DATA = Path(__file__).resolve().parents[1] / "data"
OWNERS = (
    "owner,email,role\n"
    "ACC Crime,acc.crime@force.example,Chief officer lead\n"
    "DCS Mark Payne,mark.payne@force.example,Tactical lead\n"
)


class Inbox:
    """Collects what the server accepted; can refuse one recipient or drop mid-send."""

    def __init__(self, refuse: str | None = None, fail_after: int | None = None):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[list[str]] = []
        self.refuse = refuse
        self.fail_after = fail_after

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse and address == self.refuse:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_after is not None and len(self.messages) >= self.fail_after:
            return "451 local error in processing"
        self.envelopes.append(list(envelope.rcpt_tos))
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    (target / "owners.csv").write_text(OWNERS, encoding="utf-8")
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(inbox: Inbox) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.factory = lambda: SMTP(inbox, hostname="localhost")
    controller.start()
    return controller


def remind(folder: Path, port: int, monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.setenv("OVERSIGHT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("OVERSIGHT_SMTP_PORT", str(port))
    monkeypatch.setenv("OVERSIGHT_SMTP_STARTTLS", "false")
    monkeypatch.setenv("OVERSIGHT_SMTP_SENDER", "oversight@force.example")
    monkeypatch.setenv("OVERSIGHT_BASE_URL", "https://oversight.force.example")
    code = cli.main(
        ["remind", "--as-at", "2018-06-28", "--within", "120", "--send", "--data", str(folder)]
    )
    out, err = capsys.readouterr()
    return code, out, err


def test_each_reachable_owner_gets_one_digest_with_a_calendar_and_a_second_run_sends_nothing(
    folder, monkeypatch, capsys
):
    inbox = Inbox()
    controller = serve(inbox)
    try:
        code, out, _ = remind(folder, controller.port, monkeypatch, capsys)
        assert code == 0
        assert sorted(inbox.envelopes) == [
            ["acc.crime@force.example"],
            ["mark.payne@force.example"],
        ]
        acc = next(m for m in inbox.messages if m["To"] == "acc.crime@force.example")
        assert acc["Subject"] == "HMICFRS findings: 2 due soon (ACC Crime)"
        text = acc.get_body(("plain",)).get_content()
        assert "due 30 September 2018, in 94 days" in text
        assert "https://oversight.force.example/recommendations?owner=ACC%20Crime" in text
        html_body = acc.get_body(("html",)).get_content()
        assert "<li><strong>" in html_body
        ics = next(p for p in acc.iter_attachments() if p.get_filename() == "due-dates.ics")
        cal = icalendar.Calendar.from_ical(ics.get_content())
        events = [c for c in cal.walk("VEVENT")]
        assert {str(e["UID"]) for e in events} == {
            "due:wmp-peel2017nat-r02@oversight.invalid",
            "due:wmp-peel2017nat-r03@oversight.invalid",
        }
        assert events[0].decoded("DTSTART") == dt.date(2018, 9, 30)
        # Tactical leads with no address are reported, never skipped silently.
        assert "UNREACHABLE: Supt Paul Minor" in out

        again, out, _ = remind(folder, controller.port, monkeypatch, capsys)
        assert again == 0
        assert len(inbox.messages) == 2
        assert "nothing new: ACC Crime" in out
    finally:
        controller.stop()


def test_a_refused_recipient_is_reported_and_not_logged_as_sent(folder, monkeypatch, capsys):
    inbox = Inbox(refuse="acc.crime@force.example")
    controller = serve(inbox)
    try:
        code, _, err = remind(folder, controller.port, monkeypatch, capsys)
        assert code == 1
        assert "FAILED: ACC Crime" in err
        sent = (folder / reminders.SENT_LOG).read_text(encoding="utf-8")
        assert "ACC Crime" not in sent
        assert "DCS Mark Payne" in sent
    finally:
        controller.stop()


def test_a_server_failing_mid_send_leaves_nothing_marked_sent_for_what_failed(
    folder, monkeypatch, capsys
):
    inbox = Inbox(fail_after=0)
    controller = serve(inbox)
    try:
        code, _, err = remind(folder, controller.port, monkeypatch, capsys)
        assert code == 1
        assert err.count("FAILED") == 2
        assert not (folder / reminders.SENT_LOG).exists()
    finally:
        controller.stop()


def test_no_server_is_reported_and_nothing_logged(folder, monkeypatch, capsys):
    code, _, err = remind(folder, 9, monkeypatch, capsys)  # the discard port: nothing listens
    assert code == 1
    assert "cannot reach the SMTP server" in err
    assert not (folder / reminders.SENT_LOG).exists()


def test_outbox_writes_one_eml_per_reachable_owner(folder, tmp_path, capsys):
    outbox = tmp_path / "outbox"
    code = cli.main(
        [
            "remind",
            "--as-at",
            "2018-06-28",
            "--within",
            "120",
            "--outbox",
            str(outbox),
            "--data",
            str(folder),
        ]
    )
    assert code == 0
    assert sorted(p.name for p in outbox.iterdir()) == [
        "reminder-acc-crime.eml",
        "reminder-dcs-mark-payne.eml",
    ]
    assert not (folder / reminders.SENT_LOG).exists()  # reviewed, not sent


def test_smtp_settings_environment_wins_over_secrets():
    settings = reminders.smtp_settings(
        {"smtp": {"host": "smtp.example", "port": 25, "sender": "a@b", "starttls": True}},
        {"OVERSIGHT_SMTP_PORT": "2525", "OVERSIGHT_SMTP_STARTTLS": "false"},
    )
    assert (settings.host, settings.port, settings.starttls, settings.sender) == (
        "smtp.example",
        2525,
        False,
        "a@b",
    )
    assert reminders.smtp_settings({}, {}).problem.startswith("no SMTP host")


def test_calendar_has_stable_uids_so_a_reimport_updates(folder, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    for out in (first, second):
        assert cli.main(["calendar", "--out", str(out), "--data", str(folder)]) == 0
    uids = [
        [str(e["UID"]) for e in icalendar.Calendar.from_ical(p.read_bytes()).walk("VEVENT")]
        for p in (first, second)
    ]
    assert uids[0] == uids[1]
    assert len(set(uids[0])) == len(uids[0])
    assert "published:wmp-peel-2017-effectiveness@oversight.invalid" in uids[0]
    assert "due:wmp-peel2017nat-r02@oversight.invalid" in uids[0]


def test_an_owners_calendar_holds_only_their_due_dates(folder, tmp_path):
    out = tmp_path / "acc.ics"
    assert (
        cli.main(["calendar", "--out", str(out), "--owner", "ACC Crime", "--data", str(folder)])
        == 0
    )
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "Due: PEEL: Police effectiveness 2017 – a national overview · R2",
        "Due: PEEL: Police effectiveness 2017 – a national overview · R3",
    ]
