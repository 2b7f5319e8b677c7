"""Record progress: importing a return or a file of positions (CSV or XLSX): templates, a
preview that adds nothing until the whole file is valid, and the confirmed import."""

from __future__ import annotations

import functools
import hashlib

import streamlit as st

from oversight import auth, escape, imports
from oversight.progress import flash
from oversight.vocabulary import RagScale

PROBLEM_COLUMNS = {
    "Sheet or file": st.column_config.TextColumn(width=130),
    "Row": st.column_config.NumberColumn(width=50),
    "Column": st.column_config.TextColumn(width=100),
    "Problem": st.column_config.TextColumn(width=800),
}


def show(
    ds,
    scale: RagScale,
    identity: auth.Identity,
    config: auth.EditingConfig,
    can_write: bool,
) -> None:
    """The file kind, its templates, and (for an editor) the upload, preview and import."""
    kind = st.segmented_control(
        "The file holds",
        list(imports.KINDS),
        format_func=lambda k: imports.KINDS[k].title,
        default="updates",
        required=True,
        key="import_kind",
    )
    st.caption(
        imports.KINDS[kind].blurb
        + f" CSV (UTF-8) or XLSX, at most {imports.MAX_BYTES // 1024 // 1024} MB; formulas are never "
        "evaluated. Nothing is added unless the whole file is valid, and a row already recorded is "
        "skipped, so importing the same file twice adds nothing."
    )
    if kind == "return":
        st.caption(
            "Each owner's return workbook is made on the **Returns** page (or by "
            "`python -m oversight returns`), pre-filled with their open findings."
        )
    else:
        t1, t2, _ = st.columns([1, 1, 3])
        t1.download_button(
            "CSV template",
            functools.partial(imports.template_csv, kind),  # made on click
            file_name=f"oversight-{kind}-template.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )
        t2.download_button(
            "XLSX template",
            functools.partial(imports.template_xlsx, kind),  # made on click
            file_name=f"oversight-{kind}-template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",
        )

    if can_write:
        uploads = st.session_state.setdefault("import_round", 0)
        uploaded = st.file_uploader(
            "File to import",
            type=["csv", "xlsx"],
            max_upload_size=imports.MAX_BYTES // 1024 // 1024,
            key=f"import_file_{kind}_{uploads}",
        )
        if uploaded is not None:
            data = uploaded.getvalue()
            upload = imports.read_upload(uploaded.name, data, kind, scale.labels)
            try:
                preview = imports.preview(ds.data_dir, upload, identity, config, dataset=ds)
            except (auth.NotAllowed, TimeoutError, OSError) as exc:
                st.error(f"Cannot import. {escape.md(exc)}")
                st.stop()
            m = st.columns(4)
            m[0].metric("Rows in the file", f"{upload.row_count():,}")
            m[1].metric("Would be added", f"{preview.added_count() if preview.ok else 0:,}")
            m[2].metric("Already recorded (skipped)", f"{preview.skipped_count():,}")
            m[3].metric("Problems", f"{len(preview.problems):,}")
            if preview.problems:
                st.error(
                    f"Nothing will be added: {len(preview.problems):,} problem(s) in "
                    f"“{escape.md(upload.file_name)}”. Fix them in the file and upload it again.",
                    icon=":material/block:",
                )
                st.dataframe(
                    preview.problems_frame(),
                    hide_index=True,
                    width="stretch",
                    column_config=PROBLEM_COLUMNS,
                )
            elif preview.added_count() == 0:
                st.info("Nothing new: every row in this file is already recorded.")
            else:
                if upload.changes is not None and not upload.changes.empty:
                    st.markdown(f"**What the return changes** ({len(upload.changes):,} findings)")
                    st.dataframe(upload.changes, hide_index=True, width="stretch")
                for table in imports.KINDS[kind].tables:
                    added = preview.added(table)
                    if not added.empty:
                        st.markdown(f"**To be added to `{table}.csv`** ({len(added):,} rows)")
                        st.dataframe(added, hide_index=True, width="stretch")
                if preview.notes:
                    st.markdown(f"**Filled in by the import** ({len(preview.notes):,})")
                    st.dataframe(
                        preview.notes_frame(),
                        hide_index=True,
                        width="stretch",
                        column_config={**PROBLEM_COLUMNS, "Filled in": PROBLEM_COLUMNS["Problem"]},
                    )
                digest = hashlib.sha1(data).hexdigest()[:10]
                if st.button(
                    f"Add {preview.added_count():,} row(s)",
                    type="primary",
                    icon=":material/playlist_add:",
                    key=f"confirm_{digest}",
                ):
                    done = imports.commit(ds.data_dir, upload, identity, config, dataset=ds)
                    if done.written:
                        st.session_state["import_round"] = uploads + 1
                        flash(
                            "success",
                            f"Imported “{escape.md(upload.file_name)}”: {done.added_count():,} "
                            f"row(s) added, {done.skipped_count():,} already recorded, by "
                            f"{escape.md(identity.email)}."
                            + (
                                f" {len(done.notes):,} due date(s) computed from the deadline as "
                                "written."
                                if done.notes
                                else ""
                            ),
                        )
                    elif done.problems:
                        st.error("Nothing was added: the data changed since the preview.")
                        st.dataframe(
                            done.problems_frame(),
                            hide_index=True,
                            width="stretch",
                            column_config=PROBLEM_COLUMNS,
                        )
                    else:
                        st.info("Nothing new: every row is already recorded.")
    else:
        st.caption("Importing needs an editor signed in. Anyone may download the templates.")
