"""Who may write: the dashboard is read-only unless editing is configured and an editor signs in.

Editing is on only when the app's secrets have both

- an ``[auth]`` section (Streamlit's built-in OpenID Connect sign-in, ``st.login()``), and
- an ``[editing]`` section with ``enabled = true`` and ``editors = ["name@force.example", ...]``.

An identity may write only when it is signed in and its e-mail address is on the allow-list.
The write functions in ``oversight.records`` call :func:`require_editor` themselves, so a page
that forgot to hide a form still cannot write. Tests pass an :class:`EditingConfig` and an
:class:`Identity` of their own; the app reads them from ``st.secrets`` and ``st.user``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The files Streamlit reads its secrets from (its default `secrets.files`), later files winning.
SECRETS_FILES = (
    Path.home() / ".streamlit" / "secrets.toml",
    ROOT / ".streamlit" / "secrets.toml",
)
# What an [auth] section needs before st.login() can work (the provider settings may sit in a
# named sub-section such as [auth.microsoft]).
_AUTH_SHARED = ("redirect_uri", "cookie_secret")
_AUTH_PROVIDER = ("client_id", "client_secret", "server_metadata_url")


class NotAllowed(PermissionError):
    """Raised by the write path when the identity may not write."""


@dataclass(frozen=True)
class EditingConfig:
    """Whether editing is switched on, who may edit, and whether sign-in is configured."""

    enabled: bool = False
    editors: frozenset[str] = frozenset()
    auth_configured: bool = False
    providers: tuple[str, ...] = ()
    # Who may approve (or reject) a proposed closure: `[editing] approvers`, editors or not.
    approvers: frozenset[str] = frozenset()

    @property
    def is_on(self) -> bool:
        """Editing works only with sign-in configured and at least one editor named."""
        return self.enabled and self.auth_configured and bool(self.editors)

    def reason_off(self) -> str | None:
        """Why the dashboard is read-only, in words for the page (None when editing is on)."""
        if self.is_on:
            return None
        if not self.enabled:
            return "Editing is not switched on (`[editing] enabled = true` in the app's secrets)."
        if not self.auth_configured:
            return (
                "Editing is switched on but sign-in is not configured: the app's secrets need an "
                "`[auth]` section for the organisation's identity provider."
            )
        return "Editing is switched on but no editor is named (`[editing] editors = [...]`)."


@dataclass(frozen=True)
class Identity:
    """Who is using the app, as the sign-in says (never as a form says)."""

    email: str | None = None
    name: str | None = None
    is_logged_in: bool = False
    # An address the identity provider sent with `email_verified` false: shown, never trusted
    # (the identity then has no `email`, so it is on no list of editors or approvers).
    unverified_email: str | None = None

    @property
    def display(self) -> str:
        if not self.is_logged_in:
            return "not signed in"
        if self.unverified_email:
            who = f"{self.name}, " if self.name else ""
            return f"{who}{self.unverified_email} (not verified by the identity provider)"
        if self.name and self.email:
            return f"{self.name} ({self.email})"
        return self.email or self.name or "signed in, no e-mail address"


ANONYMOUS = Identity()


def normalise_email(email: object) -> str:
    return str(email).strip().lower() if email else ""


def config_from_secrets(secrets: Mapping | None) -> EditingConfig:
    """Read [auth] and [editing] from a secrets mapping (st.secrets or a parsed TOML file)."""
    if secrets is None:
        secrets = {}
    editing = _section(secrets, "editing")
    auth = _section(secrets, "auth")
    enabled = editing.get("enabled") is True
    editors = _addresses(editing.get("editors"))
    approvers = _addresses(editing.get("approvers"))
    providers = _providers(auth)
    return EditingConfig(enabled, editors, bool(providers), providers, approvers)


def _addresses(raw: object) -> frozenset[str]:
    items = [raw] if isinstance(raw, str) else list(raw or [])
    return frozenset(e for e in (normalise_email(x) for x in items) if "@" in e)


def load_config(files: tuple[Path, ...] = SECRETS_FILES) -> EditingConfig:
    """The editing configuration from the secrets files Streamlit reads (no Streamlit needed)."""
    merged: dict = {}
    for path in files:
        if path.is_file():
            with open(path, "rb") as fh:
                try:
                    merged.update(tomllib.load(fh))
                except tomllib.TOMLDecodeError:
                    # A broken secrets file turns editing off rather than half on.
                    return EditingConfig()
    return config_from_secrets(merged)


def may_write(identity: Identity | None, config: EditingConfig) -> bool:
    return (
        config.is_on
        and identity is not None
        and identity.is_logged_in
        and normalise_email(identity.email) in config.editors
    )


def require_editor(identity: Identity | None, config: EditingConfig) -> str:
    """The editor's e-mail address (recorded as recorded_by), or NotAllowed with the reason."""
    reason = config.reason_off()
    if reason:
        raise NotAllowed(f"The dashboard is read-only. {reason}")
    if identity is None or not identity.is_logged_in:
        raise NotAllowed("Sign in as an editor to record progress.")
    _require_verified(identity)
    email = normalise_email(identity.email)
    if email not in config.editors:
        raise NotAllowed(
            f"{identity.email or 'This account'} is not on the list of editors: "
            "it may read the dashboard but not write."
        )
    return email


def may_approve(identity: Identity | None, config: EditingConfig) -> bool:
    return (
        config.enabled
        and config.auth_configured
        and identity is not None
        and identity.is_logged_in
        and normalise_email(identity.email) in config.approvers
    )


def require_approver(identity: Identity | None, config: EditingConfig) -> str:
    """The approver's address, or NotAllowed with the reason (approving is a write too)."""
    if not (config.enabled and config.auth_configured):
        raise NotAllowed(f"The dashboard is read-only. {config.reason_off() or ''}".strip())
    if identity is None or not identity.is_logged_in:
        raise NotAllowed("Sign in as an approver to approve or reject a closure.")
    _require_verified(identity)
    email = normalise_email(identity.email)
    if email not in config.approvers:
        raise NotAllowed(
            f"{identity.email or 'This account'} is not on the list of approvers "
            "(`[editing] approvers` in the app's secrets): it cannot approve a closure."
        )
    return email


def _require_verified(identity: Identity) -> None:
    if identity.unverified_email:
        raise NotAllowed(
            f"{identity.unverified_email} is not verified by the identity provider (its "
            "email_verified claim is false): it may read the dashboard but not write."
        )


def identity_from_user(user: Mapping | object) -> Identity:
    """An Identity from st.user (or any mapping with is_logged_in, email, name).

    Where the provider sends the OpenID Connect ``email_verified`` claim and it is not true, the
    address is not taken as the user's: it is kept for display only, and matches no editor or
    approver. (A provider that does not send the claim, such as Microsoft Entra ID for work
    accounts, vouches for the address itself; see the README's Security section.)
    """
    get = user.get if isinstance(user, Mapping) else lambda k, d=None: getattr(user, k, d)
    try:
        logged_in = get("is_logged_in", False) is True
        email = get("email", None)
        name = get("name", None)
        verified = get("email_verified", None)
    except (AttributeError, KeyError):
        return ANONYMOUS
    if not logged_in:
        return ANONYMOUS
    email = str(email) if email else None
    name = str(name) if name else None
    if verified is not None and not _claim_true(verified) and email:
        return Identity(None, name, True, unverified_email=email)
    return Identity(email, name, True)


def _claim_true(value: object) -> bool:
    """A boolean claim as providers send it: true, or the string "true" (some send strings)."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _section(secrets: Mapping, name: str) -> Mapping:
    try:
        value = secrets.get(name) if hasattr(secrets, "get") else None
    except Exception:  # st.secrets raises when no secrets file exists
        return {}
    return value if isinstance(value, Mapping) else {}


def _providers(auth: Mapping) -> tuple[str, ...]:
    """Names of the configured sign-in providers: "" for the unnamed default one."""
    if not all(auth.get(k) for k in _AUTH_SHARED):
        return ()
    names = []
    if all(auth.get(k) for k in _AUTH_PROVIDER):
        names.append("")
    for key, value in auth.items():
        if isinstance(value, Mapping) and all(value.get(k) for k in _AUTH_PROVIDER):
            names.append(str(key))
    return tuple(names)
