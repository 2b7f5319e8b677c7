"""python -m oversight synth: valid at every scale tested, deterministic, marked, never in data/."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import cli, db
from tools import synth

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "seed"
    synth.generate("seed", out, seed=3)
    return out


@pytest.fixture(scope="module")
def small_national(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "national"
    synth.generate("national", out, seed=5, forces=5, findings_per_force=60)
    return out


def test_seed_scale_validates_and_is_marked(seed_dir):
    ds = db.load(seed_dir)
    assert ds.problems == []
    assert ds.is_synthetic
    assert "synthetic" in ds.synthetic_note.lower()
    counts = dict(ds.query("table_row_counts").itertuples(index=False))
    assert counts["forces"] == 3
    assert counts["recommendations"] > 0 and counts["updates"] > counts["recommendations"]


def test_small_national_validates_with_real_forces_and_every_graded_cycle(small_national):
    ds = db.load(small_national)
    assert ds.problems == []
    cur = ds.cursor()
    forces = [r[0] for r in cur.execute("select force_id from forces order by 1").fetchall()]
    assert len(forces) == 5 and "wmp" in forces
    real = db.load(db.DEFAULT_DATA_DIR).cursor()
    names = dict(real.execute("select force_id, name from forces").fetchall())
    assert all(f in names for f in forces)
    graded_cycles = {
        r[0] for r in cur.execute("select distinct cycle from peel_areas where graded").fetchall()
    }
    grade_cycles = {r[0] for r in cur.execute("select distinct cycle from peel_grades").fetchall()}
    assert grade_cycles == graded_cycles


def test_national_has_the_asked_size_and_realistic_shapes(tmp_path):
    counts = synth.generate("national", tmp_path / "national", seed=1)
    assert counts["forces"] == 43
    assert 11_000 <= counts["recommendations"] <= 15_000
    assert 9 <= counts["updates"] / counts["recommendations"] <= 12
    ds = db.load(tmp_path / "national")
    assert ds.problems == []
    state = ds.query("rec_state_as_at", as_at=synth.END, force_id=None)
    # most findings closed by the snapshot, a tail overdue, a few unallocated
    assert state["is_open"].mean() < 0.3
    assert 0.02 < state["is_overdue"].mean() < 0.15
    assert 0 < state["chief_officer_lead"].isna().mean() < 0.05
    assert set(state["rag"]) >= {"red", "amber", "green", "blue", "white"}
    cur = ds.cursor()
    rags = cur.execute("select count(distinct rag) from updates group by rec_id").fetchall()
    assert sum(n >= 3 for (n,) in rags) > 0.2 * len(rags)  # RAG drifts over a finding's life
    owners = cur.execute(
        "select count(distinct tactical_lead) from recommendations group by force_id"
    ).fetchall()
    assert min(n for (n,) in owners) >= 5  # owners per force


def test_findings_slip_once_or_twice_with_reasons_and_pcc_responses_are_recorded(small_national):
    ds = db.load(small_national)
    cur = ds.cursor()
    findings, slipped, twice, without_reason, closed = cur.execute(
        """
        select
            (select count(*) from recommendations where due_on is not null),
            count(distinct rec_id),
            count(distinct rec_id) filter (where revision_number = 2),
            count(*) filter (where revision_reason is null),
            count(*) filter (
                where status_when_revised not in ('awaiting_allocation', 'in_progress',
                    'pending_closure')
            ),
        from due_revisions
        """
    ).fetchone()
    assert 0.05 < slipped / findings < 0.3
    assert 0.2 < twice / slipped < 0.5
    assert (without_reason, closed) == (0, 0)
    assert cur.execute("select max(revision_number) from due_revisions").fetchone() == (2,)
    later = cur.execute(
        "select count(*) filter (where revised_due_on > due_before), count(*) from due_revisions"
    ).fetchone()
    assert later[0] == later[1]  # every revision moves the date later
    statuses = ds.query("pcc_responses", as_at=synth.END, force_id="wmp", limit=None, offset=0)
    counts = statuses["response_status"].value_counts()
    assert counts["published"] > 0.8 * len(statuses)
    assert "not_recorded" not in counts  # every synthetic response is tracked
    assert statuses["response_url"].dropna().str.startswith("https://example.invalid/").all()


def test_every_contract_and_project_column_is_written(seed_dir):
    from oversight import csvfiles, schema

    for table in schema.TABLES.values():
        if table.optional and not (seed_dir / table.file).exists():
            continue  # an optional table may be left out
        header, problem = csvfiles.read_header(seed_dir / table.file)
        assert problem is None
        assert set(schema.known_columns(table.name)) <= set(header), table.name


def test_same_seed_same_bytes_other_seed_other_data(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    synth.generate("seed", a, seed=11)
    synth.generate("seed", b, seed=11)
    synth.generate("seed", c, seed=12)
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert mismatch == [] and errors == []
    assert not filecmp.cmp(a / "updates.csv", c / "updates.csv", shallow=False)


def test_rerun_into_its_own_folder_is_allowed(seed_dir, tmp_path):
    out = tmp_path / "again"
    synth.generate("seed", out, seed=3)
    synth.generate("seed", out, seed=3)
    assert filecmp.cmp(out / "updates.csv", seed_dir / "updates.csv", shallow=False)


@pytest.mark.parametrize("target", ["data", "data/sub", "data/../data"])
def test_refuses_to_write_into_data(target, capsys):
    before = sorted((p.name, p.stat().st_mtime_ns) for p in db.DEFAULT_DATA_DIR.iterdir())
    with pytest.raises(synth.SynthError, match="refusing"):
        synth.generate("seed", ROOT / target)
    code = cli.main(["synth", "--scale", "seed", "--out", str(ROOT / target)])
    assert code == 2
    assert "refusing to write synthetic data" in capsys.readouterr().err
    after = sorted((p.name, p.stat().st_mtime_ns) for p in db.DEFAULT_DATA_DIR.iterdir())
    assert after == before
    assert not (ROOT / "data" / "sub").exists()


def test_refuses_a_folder_of_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(synth.SynthError, match="not empty"):
        synth.generate("seed", tmp_path)


def test_cli_writes_and_reports(tmp_path, capsys):
    out = tmp_path / "cli"
    code = cli.main(
        ["synth", "--scale", "national", "--forces", "2", "--findings-per-force", "20"]
        + ["--out", str(out), "--seed", "2"]
    )
    assert code == 0
    assert "Wrote synthetic national data" in capsys.readouterr().out
    assert cli.main(["validate", str(out)]) == 0


def test_dashboard_shows_the_synthetic_banner(seed_dir, monkeypatch):
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(seed_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception
    assert any("Synthetic data" in w.value for w in at.warning)
