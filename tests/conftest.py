from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from oversight import db

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="session")
def mini() -> db.Dataset:
    return db.load(MINI)


@pytest.fixture(scope="session")
def bundled() -> db.Dataset:
    return db.load(DATA)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture, for breaking one thing at a time."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target
