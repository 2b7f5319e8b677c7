"""Returns: ask every owner for a return before the committee, see who has answered, and who
reminders can reach."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from oversight import app, auth, escape, explorer, owner_commands, returns

view = app.current_view()
ds = app.dataset()
config = auth.config_from_secrets(st.secrets)
identity = auth.identity_from_user(st.user)
can_write = auth.may_write(identity, config)

st.title("Returns")
st.caption(
    f"{escape.md(view.force_name)} · open findings as at {app.long_date(view.as_at)} · one workbook per "
    "chief officer lead, pre-filled with every open finding in their portfolio. Owners fill the "
    "shaded columns; the returned workbook goes back in on Record progress (or with "
    "`python -m oversight import FILE --editor EMAIL`), which shows what will change before "
    "anything is added."
)

scope = {"as_at": view.as_at, "force_id": view.force_id}
plan = app.plan(
    items=("returns_items", {**scope, "owner": None}),
    chase=("returns_chase", {"force_id": view.force_id}),
    reach=("owner_contacts", scope),
)
items = plan["items"]
meeting_on = st.date_input(
    "For the committee meeting on",
    value=view.as_at,
    min_value=dt.date(2010, 1, 1),
    max_value=dt.date(2040, 12, 31),
    format="DD/MM/YYYY",
    key="returns_meeting",
    help="Printed on each workbook; the positions it asks for are as at the sidebar's date.",
)

if items.empty:
    st.success(f"No open findings as at {app.long_date(view.as_at)}: no return to ask for.")
else:
    summary = (
        items.assign(overdue=items["is_overdue"].astype(bool))
        .groupby("owner", sort=True)
        .agg(findings=("rec_id", "size"), overdue=("overdue", "sum"))
        .reset_index()
    )
    labels = owner_commands.rag_labels(ds)
    book = (view.as_at, meeting_on, labels)  # the workbooks are made when a button is clicked
    st.dataframe(
        summary.rename(
            columns={
                "owner": "Chief officer lead",
                "findings": "Open findings",
                "overdue": "Overdue",
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        f"Download all {len(summary)} returns (zip)",
        partial(returns.every_return, items, *book),
        file_name=returns.zip_file_name(view.as_at),
        mime="application/zip",
        icon=":material/download:",
        on_click="ignore",
    )
    with st.expander("One owner's return"):
        owner = st.selectbox("Chief officer lead", returns.owners(items), key="returns_owner")
        st.download_button(
            f"Download {owner}'s return",
            partial(returns.owner_workbook, items, owner, *book),
            file_name=returns.file_name(owner, view.as_at),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",
        )
    if can_write:
        if st.button("Record these returns as requested today", icon=":material/send:"):
            owner_commands.record_request(
                ds.data_dir, items, meeting_on, view.as_at, identity.email
            )
            st.rerun()
        st.caption("Recording the request starts the chase list below.")
    else:
        st.caption(
            "Anyone may download the returns. Recording them as requested, for the chase list, "
            "needs an editor signed in (Record progress)."
        )

st.header("Chase list")
chase = plan["chase"]
if chase.empty:
    st.info(
        "No request for returns has been recorded yet: the chase list starts when returns are "
        "recorded as requested (here, or by `python -m oversight returns`).",
        icon=":material/info:",
    )
else:
    first = chase.iloc[0]
    owners = chase.groupby("owner", sort=False).agg(
        items=("rec_id", "size"), waiting=("is_answered", lambda s: int((~s.astype(bool)).sum()))
    )
    answered = owners[owners["waiting"] == 0]
    waiting = owners[owners["waiting"] > 0]
    st.caption(
        f"Returns requested on {app.long_date(pd.Timestamp(first['requested_on']).date())}, "
        f"positions as at {app.long_date(pd.Timestamp(first['as_at']).date())}. A finding counts "
        "as returned when a position has been recorded for it since the request."
    )
    cols = st.columns(3)
    cols[0].metric("Owners asked", f"{len(owners):,}")
    cols[1].metric("Returned in full", f"{len(answered):,}")
    cols[2].metric("Still waiting", f"{len(waiting):,}")
    still = chase[~chase["is_answered"].astype(bool)]
    if still.empty:
        st.success("Every owner asked has returned a position for every finding.")
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    "Owner": still["owner"],
                    "Reference": explorer.references(still),
                    "Kind": explorer.kinds(still),
                    "Finding": still["text"].str.slice(0, 160),
                }
            ),
            hide_index=True,
            width="stretch",
        )

st.header("Who reminders reach")
reach = plan["reach"]
unreachable = reach[reach["email"].isna()]
st.caption(
    "Reminders (`python -m oversight remind --as-at DATE --within DAYS --send`) go to the "
    "addresses in owners.csv. An owner with no address is listed here, never skipped silently."
)
st.dataframe(
    pd.DataFrame(
        {
            "Owner": reach["owner"],
            "Open findings": reach["open_items"],
            "Address": reach["email"].fillna("No address: unreachable"),
        }
    ),
    hide_index=True,
    width="stretch",
)
if len(unreachable):
    st.warning(
        f"{len(unreachable):,} owner(s) with open findings have no address in owners.csv.",
        icon=":material/mail_off:",
    )
