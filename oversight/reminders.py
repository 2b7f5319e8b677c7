"""Reminders: one digest per owner of what is due soon, overdue or stale, by e-mail.

``digests`` groups the rows of queries/reminder_items.sql by owner and leaves out what was
already sent (``reminders_sent.csv`` in the data folder: owner, finding, due date and reason).
``message`` makes the e-mail: plain text and HTML (every value escaped), with an .ics of the
owner's due dates. ``write_outbox`` writes one .eml per owner for review; ``send`` sends through
SMTP and logs as sent only what the server accepted. An owner with no address is reported as
unreachable, never silently skipped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import os
import re
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pandas as pd

from oversight import calendar_feed, explorer, labels, logfiles

SENT_LOG = "reminders_sent.csv"
SENT_COLUMNS = ("owner", "rec_id", "due_on", "reason", "window_days", "email", "sent_at")
REASONS = {
    "overdue": "Overdue",
    "due_soon": "Due soon",
    # the threshold is the SQL's stale_days() (queries/macros/vocabulary.sql), filled in by heading()
    "stale": "No update for more than {stale_days} days",
}


def heading(reason: str, within_days: int, stale_days: int) -> str:
    """A digest section's heading (and, lower case, its count in the subject)."""
    words = REASONS[reason].format(stale_days=stale_days)
    return words + (f" (within {within_days} days)" if reason == "due_soon" else "")


ENV_PREFIX = "OVERSIGHT_SMTP_"


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None = None
    port: int = 587
    starttls: bool = True
    username: str | None = None
    password: str | None = None
    sender: str | None = None

    @property
    def problem(self) -> str | None:
        """Why sending cannot start, or None."""
        if not self.host:
            return "no SMTP host: set [smtp] host in the secrets or OVERSIGHT_SMTP_HOST"
        if not self.sender:
            return "no sender address: set [smtp] sender or OVERSIGHT_SMTP_SENDER"
        return None


def smtp_settings(
    secrets: Mapping | None = None, environ: Mapping[str, str] | None = None
) -> SmtpSettings:
    """[smtp] from the secrets, each value overridden by its OVERSIGHT_SMTP_* variable."""
    section = dict((secrets or {}).get("smtp", {}) or {})
    env = os.environ if environ is None else environ

    def pick(name: str) -> object:
        value = env.get(ENV_PREFIX + name.upper())
        return value if value not in (None, "") else section.get(name)

    port = pick("port")
    starttls = pick("starttls")
    return SmtpSettings(
        host=str(pick("host")) if pick("host") else None,
        port=int(port) if port not in (None, "") else 587,
        starttls=(
            True
            if starttls in (None, "")
            else str(starttls).strip().lower() in ("1", "true", "yes", "on")
        ),
        username=str(pick("username")) if pick("username") else None,
        password=str(pick("password")) if pick("password") else None,
        sender=str(pick("sender")) if pick("sender") else None,
    )


@dataclass
class Digest:
    owner: str
    email: str | None
    items: pd.DataFrame
    already_sent: int = 0

    @property
    def reachable(self) -> bool:
        return bool(self.email)


@dataclass
class Outcome:
    """What a run did: per owner, sent / written / unreachable / failed (with why)."""

    sent: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    nothing_new: list[str] = field(default_factory=list)


def _key(owner: object, rec_id: object, due_on: object, reason: object, window: object) -> tuple:
    due = "" if due_on is None or pd.isna(due_on) else pd.Timestamp(due_on).date().isoformat()
    return (str(owner), str(rec_id), due, str(reason), str(window))


def sent_keys(data_dir: Path) -> set[tuple]:
    return {
        _key(r["owner"], r["rec_id"], r["due_on"] or None, r["reason"], r["window_days"])
        for r in logfiles.read_rows(Path(data_dir) / SENT_LOG)
    }


def digests(items: pd.DataFrame, within_days: int, already: set[tuple]) -> list[Digest]:
    """One digest per owner, without the items already reminded of for the same due date,
    reason and window."""
    out = []
    for owner, rows in items.groupby("owner", sort=True):
        keep = [
            _key(owner, r.rec_id, r.due_on, r.reason, within_days) not in already
            for r in rows.itertuples(index=False)
        ]
        fresh = rows[keep]
        email = rows["email"].dropna()
        out.append(
            Digest(
                str(owner),
                str(email.iloc[0]) if len(email) else None,
                fresh.reset_index(drop=True),
                already_sent=len(rows) - len(fresh),
            )
        )
    return out


def _name(row) -> str:
    """The finding as a committee names it ("Online and on the edge · R4")."""
    name = getattr(row, "finding_name", None)
    if isinstance(name, str) and name:
        return name
    ref = row.ref if isinstance(row.ref, str) and row.ref else None
    kind = labels.label(labels.KIND_LABELS, row.kind)
    return f"{row.inspection_title} · {ref or kind}"


def _due_words(row, as_at: dt.date) -> str:
    if row.due_on is None or pd.isna(row.due_on):
        return "no due date"
    due = pd.Timestamp(row.due_on).date()
    days = (due - as_at).days
    if days < 0:
        return f"due {due:%d %B %Y}, {-days} days overdue"
    return f"due {due:%d %B %Y}, in {days} days"


def owner_link(base_url: str, owner: str, as_at: dt.date, force_name: str | None) -> str:
    filters = explorer.Filters(owner=owner)
    context = {"as_at": as_at.isoformat()}
    if force_name:
        context["force"] = force_name
    return explorer.url(filters, context=context, base=base_url)


def _plain(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def message(
    digest: Digest,
    as_at: dt.date,
    within_days: int,
    sender: str,
    base_url: str,
    force_name: str | None,
    now: dt.datetime,
    stale_days: int,
) -> EmailMessage:
    """The e-mail for one owner: plain text, HTML (escaped), and an .ics of the due dates."""
    items = digest.items
    counts = items["reason"].value_counts()
    link = owner_link(base_url, digest.owner, as_at, force_name)
    subject_parts = [
        f"{int(counts.get(reason, 0))} {REASONS[reason].format(stale_days=stale_days).lower()}"
        for reason in ("overdue", "due_soon", "stale")
        if counts.get(reason, 0)
    ]
    msg = EmailMessage()
    msg["Subject"] = f"HMICFRS findings: {', '.join(subject_parts)} ({_plain(digest.owner)})"
    msg["From"] = sender
    msg["To"] = digest.email or ""
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = make_msgid(domain="oversight.invalid")

    lines = [
        f"For {_plain(digest.owner)}: HMICFRS findings in your portfolio as at {as_at:%d %B %Y}.",
        "",
    ]
    blocks = []
    for reason in ("overdue", "due_soon", "stale"):
        rows = items[items["reason"] == reason]
        if rows.empty:
            continue
        title = heading(reason, within_days, stale_days)
        lines.append(f"{title}:")
        entries = []
        for row in rows.itertuples(index=False):
            words = f"{_plain(_name(row))}: {_due_words(row, as_at)}"
            lines.append(f"- {words}")
            lines.append(f"  {_plain(row.text)[:300]}")
            entries.append(
                f"<li><strong>{html.escape(_plain(_name(row)))}</strong>: "
                f"{html.escape(_due_words(row, as_at))}<br>{html.escape(_plain(row.text)[:300])}</li>"
            )
        lines.append("")
        blocks.append(f"<h2>{html.escape(title)}</h2><ul>{''.join(entries)}</ul>")
    lines += [
        f"Your findings, filtered: {link}",
        "Record a new position on the Record progress page, or reply to the risk and "
        "organisational learning manager with your return.",
    ]
    msg.set_content("\n".join(lines))
    msg.add_alternative(
        "<html><body>"
        f"<p>For {html.escape(_plain(digest.owner))}: HMICFRS findings in your portfolio as at "
        f"{as_at:%d %B %Y}.</p>{''.join(blocks)}"
        f'<p><a href="{html.escape(link, quote=True)}">Your findings, filtered</a></p>'
        "</body></html>",
        subtype="html",
    )
    due = items.dropna(subset=["due_on"])
    if not due.empty:
        events = pd.DataFrame(
            {
                "uid": "due:" + due["rec_id"].astype(str),
                "event_kind": "due",
                "starts_on": due["due_on"],
                "ends_on": due["due_on"],
                "rec_id": due["rec_id"],
                "inspection_title": due["inspection_title"],
                "ref": due["ref"],
                "kind": due["kind"],
                "text": due["text"],
                "chief_officer_lead": None,
                "tactical_lead": None,
            }
        )
        ics = calendar_feed.calendar(
            events, f"Due dates: {_plain(digest.owner)}", now, base_url=base_url
        )
        msg.add_attachment(ics, maintype="text", subtype="calendar", filename="due-dates.ics")
    return msg


def eml_name(owner: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", owner).strip("-").lower() or "owner"
    return f"reminder-{slug}.eml"


def sent_rows(digest: Digest, within_days: int, now: dt.datetime) -> list[dict[str, object]]:
    return [
        {
            "owner": digest.owner,
            "rec_id": row.rec_id,
            "due_on": _key(digest.owner, row.rec_id, row.due_on, row.reason, within_days)[2],
            "reason": row.reason,
            "window_days": within_days,
            "email": digest.email,
            "sent_at": now.isoformat(timespec="seconds"),
        }
        for row in digest.items.itertuples(index=False)
    ]


def write_outbox(messages: list[tuple[Digest, EmailMessage]], outbox: Path) -> list[Path]:
    """One .eml per owner, for review before anything is sent (nothing is logged as sent)."""
    outbox.mkdir(parents=True, exist_ok=True)
    paths = []
    for digest, msg in messages:
        path = outbox / eml_name(digest.owner)
        path.write_bytes(bytes(msg))
        paths.append(path)
    return paths


def send(
    messages: list[tuple[Digest, EmailMessage]],
    settings: SmtpSettings,
    data_dir: Path,
    within_days: int,
    now: dt.datetime,
    outcome: Outcome,
    timeout: float = 30.0,
) -> None:
    """Send each message; log as sent only what the server accepted, as soon as it did."""
    try:
        server = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as exc:
        for digest, _ in messages:
            outcome.failed.append((digest.owner, f"cannot reach the SMTP server: {exc}"))
        return
    try:
        if settings.starttls:
            server.starttls(context=ssl.create_default_context())
        if settings.username:
            server.login(settings.username, settings.password or "")
        for digest, msg in messages:
            try:
                refused = server.send_message(msg)
            except (OSError, smtplib.SMTPException) as exc:
                outcome.failed.append((digest.owner, f"refused: {exc}"))
                # SMTPException is an OSError too: only a lost connection ends the run.
                lost = isinstance(exc, smtplib.SMTPServerDisconnected) or not isinstance(
                    exc, smtplib.SMTPException
                )
                if lost:
                    for other, _ in messages[messages.index((digest, msg)) + 1 :]:
                        outcome.failed.append((other.owner, "not sent: the server disconnected"))
                    return
                continue
            if refused:
                outcome.failed.append((digest.owner, f"refused recipients: {sorted(refused)}"))
                continue
            logfiles.append_rows(
                data_dir, SENT_LOG, SENT_COLUMNS, sent_rows(digest, within_days, now)
            )
            outcome.sent.append(digest.owner)
    except (OSError, smtplib.SMTPException) as exc:
        done = set(outcome.sent) | {owner for owner, _ in outcome.failed}
        for digest, _ in messages:
            if digest.owner not in done:
                outcome.failed.append((digest.owner, f"not sent: {exc}"))
    finally:
        with contextlib.suppress(OSError):  # SMTPException is an OSError
            server.quit()
