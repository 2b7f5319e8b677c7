"""Record progress: who may write, and signing in and out (the page's first section)."""

from __future__ import annotations

import streamlit as st

from oversight import auth, escape


def panel(config: auth.EditingConfig, identity: auth.Identity, can_write: bool) -> None:
    """Read-only, sign in, or signed in (an editor or not), in a bordered box."""
    with st.container(border=True):
        if not config.is_on:
            st.markdown(
                f"**Read-only.** {config.reason_off()} Anyone can read the history and the audit "
                "trail below; recording needs an editor signed in through the organisation's "
                "identity provider. The README's *Configuring editing* section says how to switch "
                "it on."
            )
        elif not identity.is_logged_in:
            st.markdown(
                "**Editing is on for named editors.** Sign in to record a position or import a "
                "return. Without signing in, this page is read-only."
            )
            for provider in config.providers:
                if st.button(
                    f"Sign in with {provider.capitalize()}" if provider else "Sign in",
                    icon=":material/login:",
                    key=f"login_{provider or 'default'}",
                ):
                    st.login(provider or None)
        else:
            if can_write:
                st.markdown(
                    f"**Signed in as {escape.md(identity.display)}**, an editor: you can record positions and "
                    "import returns. Each one is recorded with your address and the time."
                )
            else:
                st.markdown(
                    f"**Signed in as {escape.md(identity.display)}**, who is not on the list of editors: "
                    "you can read everything here, but not write."
                )
            if st.button("Sign out", icon=":material/logout:", key="logout"):
                st.logout()
