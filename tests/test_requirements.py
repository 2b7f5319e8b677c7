"""A fresh machine installs only requirements.txt and requirements-dev.txt: every package the
product, its tools and its tests import must be pinned there, not merely arrive with another one."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = {"oversight", "tools", "tests", "pages", "dashboard"}
SCANNED = ["oversight", "tools", "pages", "tests", "dashboard.py"]


def imported_modules() -> dict[str, str]:
    """Top-level module imported -> the first file that imports it."""
    found: dict[str, str] = {}
    files = []
    for name in SCANNED:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for module in names:
                found.setdefault(module.split(".")[0], str(file.relative_to(ROOT)))
    return found


def pinned() -> set[str]:
    names = set()
    for file in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / file).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if not line or line.startswith("-"):
                continue
            assert "==" in line, f"{file}: {line!r} is not pinned with =="
            names.add(canonical(line.split("==")[0]))
    return names


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_third_party_import_is_pinned():
    distributions = importlib.metadata.packages_distributions()
    wanted = pinned()
    missing = []
    for module, where in sorted(imported_modules().items()):
        if module in LOCAL or module in sys.stdlib_module_names or module == "__future__":
            continue
        owners = {canonical(d) for d in distributions.get(module, [])}
        if not owners:
            missing.append(f"{module} (imported by {where}) is not installed")
        elif not owners & wanted:
            missing.append(
                f"{module} (imported by {where}) comes from {sorted(owners)}, not pinned"
            )
    assert missing == [], "\n".join(missing)
