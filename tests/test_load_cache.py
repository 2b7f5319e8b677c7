"""The typed DuckDB copy of a large data folder: same answers, rebuilt when a file changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from oversight import db

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def cached_env(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(db, "CACHE_MIN_BYTES", 0)  # treat the mini fixture as large
    cache = tmp_path / "cache"
    monkeypatch.setenv("OVERSIGHT_CACHE_DIR", str(cache))
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    return data


def _state(ds: db.Dataset):
    return ds.query("rec_state_as_at", as_at="2018-07-15", force_id=None)


def test_second_load_reads_the_typed_copy_with_the_same_answers(cached_env):
    first = db.load(cached_env)
    assert first.problems == []
    assert len(list(db.cache_dir().glob("*.duckdb"))) == 1
    plain = db.load(MINI)  # (cached too, under its own name)
    second = db.load(cached_env)
    assert second.problems == []
    for ds in (first, second):
        assert _state(ds).equals(_state(plain))
        assert ds.query("table_row_counts").equals(plain.query("table_row_counts"))
    # the copy is opened read-only, tables, derived tables and macros together; rowid (file
    # order) still works
    cur = second.cursor()
    assert cur.execute("select min(rowid) from updates").fetchone() == (0,)
    assert cur.execute("select count(*) from update_spans").fetchone()[0] > 0
    with pytest.raises(duckdb.Error, match="read-only"):
        cur.execute("create table scratch as select 1")


def test_an_edited_file_is_read_and_validated_again(cached_env):
    assert db.load(cached_env).problems == []
    path = cached_env / "updates.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("in_progress,green,Review", "in_progress,purple,Review", 1))
    problems = [str(p) for p in db.load(cached_env).problems]
    assert problems == [
        "updates.csv:3: rag: 'purple' is not one of: red, amber, green, blue, white"
    ]
    path.write_text(text)
    assert db.load(cached_env).problems == []
    assert len(list(db.cache_dir().glob("*.duckdb"))) == 1  # the stale copy is removed


def test_invalid_data_is_never_cached(cached_env):
    path = cached_env / "updates.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("in_progress,green,Review", "in_progress,purple,Review", 1))
    ds = db.load(cached_env)
    assert ds.problems
    # nothing half-written is left behind: the build is removed, and the dataset holds the
    # empty tables (the problems are what is shown)
    assert list(db.cache_dir().iterdir()) == []
    assert ds.query("table_row_counts")["row_count"].sum() == 0


def test_the_build_leaves_only_the_typed_copy(cached_env):
    assert db.load(cached_env).problems == []
    assert [p.suffix for p in db.cache_dir().iterdir()] == [".duckdb"]


def test_small_folders_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("OVERSIGHT_CACHE_DIR", str(tmp_path / "cache"))
    assert db.load(MINI).problems == []
    assert not (tmp_path / "cache").exists()


def test_a_changed_macro_is_applied_to_a_copy_without_reading_the_csv(
    cached_env, tmp_path, monkeypatch
):
    queries = tmp_path / "queries"
    shutil.copytree(db.QUERIES_DIR, queries)
    monkeypatch.setattr(db, "QUERIES_DIR", queries)
    assert db.load(cached_env).problems == []
    (queries / "macros" / "zz_probe.sql").write_text(
        "-- A probe.\n-- grain: one value\n-- reads: none\n-- params: none\n"
        "create or replace macro zz_probe() as 42;\n"
    )

    expected = _state(db.load(MINI))

    def no_csv(*args, **kwargs):
        raise AssertionError("the CSV files were read again")

    monkeypatch.setattr(db, "_load_table", no_csv)
    ds = db.load(cached_env)
    assert ds.cursor().execute("select zz_probe()").fetchone() == (42,)
    assert _state(ds).equals(expected)
    assert len(list(db.cache_dir().glob(f"{_prefix(ds)}-*.duckdb"))) == 1


def _prefix(ds: db.Dataset) -> str:
    import hashlib

    return hashlib.sha1(str(ds.data_dir.resolve()).encode()).hexdigest()[:12]


# --- the typed copy extended by appended rows ---------------------------------------------------

EDITOR = None


def _record(folder: Path, *notes: str) -> None:
    from oversight import auth, records

    editor = auth.Identity("ed@force.example", None, True)
    config = auth.EditingConfig(True, frozenset({"ed@force.example"}), True, ("",))
    for i, note in enumerate(notes):
        row = {"rec_id": "r1", "as_at": f"2018-07-{10 + i}", "status": "in_progress"}
        assert records.append_updates(folder, [{**row, "rag": "red", "note": note}], editor, config)


QUERIES = [
    ("table_row_counts", {}),
    ("rec_state_as_at", {"as_at": "2018-07-20", "force_id": None}),
    ("record_history", {"rec_id": "r1"}),
    (
        "audit_trail",
        {
            "force_id": None,
            "recorded_by": None,
            "rec_id": None,
            "recorded_from": None,
            "recorded_to": None,
            "limit": None,
            "offset": 0,
        },
    ),
]


def _answers(ds: db.Dataset) -> list:
    return [ds.query(name, **params).to_dict("records") for name, params in QUERIES]


def test_appended_rows_extend_the_typed_copy_with_the_same_answers(cached_env, monkeypatch):
    assert db.load(cached_env).problems == []
    _record(cached_env, "first", "second")
    reads: list[str] = []
    real = db._load_table
    monkeypatch.setattr(
        db, "_load_table", lambda con, d, t, p: reads.append(t.name) or real(con, d, t, p)
    )
    extended = db.load(cached_env)
    assert reads == []  # no CSV read again: the earlier copy, and the rows appended since
    assert (extended.problems, extended.integrity) == ([], [])
    assert len(list(db.cache_dir().glob("*.duckdb"))) == 1  # the earlier copy is replaced
    monkeypatch.setattr(db, "_load_table", real)
    shutil.rmtree(db.cache_dir())
    whole = db.load(cached_env)  # read and validated whole, for comparison
    assert _answers(extended) == _answers(whole)
    assert extended.query("record_history", rec_id="r1")["seal_state"].tolist()[:2] == [
        "sealed",
        "sealed",
    ]


def test_a_bad_appended_row_is_reported_as_a_whole_load_would(cached_env):
    assert db.load(cached_env).problems == []
    with open(cached_env / "updates.csv", "a", encoding="utf-8") as fh:
        fh.write("u9,r2,2018-08-01,in_progress,purple,By hand,Analyst,2018-08-01,\n")
    assert [str(p) for p in db.load(cached_env).problems] == [
        "updates.csv:10: rag: 'purple' is not one of: red, amber, green, blue, white"
    ]


def test_a_sealed_position_changed_after_an_extension_is_still_found(cached_env):
    assert db.load(cached_env).problems == []
    _record(cached_env, "first")
    assert db.load(cached_env).integrity == []  # extended
    _record(cached_env, "second")
    path = cached_env / "updates.csv"
    path.write_text(path.read_text().replace(",red,second,", ",green,second,"))
    found = db.load(cached_env).integrity  # rewritten: read whole again
    assert [(p.line, p.column) for p in found] == [(11, "rag")]
    # and a position added by hand after sealing began, appended: found by the extension
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("u-hand,r2,2018-08-02,in_progress,amber,By hand,Someone,2018-08-02,\n")
    assert [(p.line, p.column) for p in db.load(cached_env).integrity] == [
        (11, "rag"),
        (12, "seal"),
    ]
