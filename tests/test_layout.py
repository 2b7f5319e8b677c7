"""The repository's layout: the tools (bench, synth, curation, screenshots, browser helpers) stay
outside the product's import path. The app's modules (oversight/, pages/, dashboard.py) never
import `tools`; only the command line does, inside the tool's own command."""

from __future__ import annotations

import ast
import subprocess
import sys

from oversight.db import ROOT

APP_FILES = sorted(
    [*(ROOT / "oversight").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"]
)
# The one place allowed to reach the tools: `python -m oversight synth|bench|screenshots`.
COMMAND_LINE = ROOT / "oversight" / "cli.py"


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def _is_tools(module: str) -> bool:
    return module == "tools" or module.startswith("tools.")


def test_the_app_never_imports_the_tools():
    assert len(APP_FILES) > 20  # the walk found the package
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: imports {module}"
        for path in APP_FILES
        if path != COMMAND_LINE
        for line, module in _imported_modules(ast.parse(path.read_text(encoding="utf-8")))
        if _is_tools(module)
    ]
    assert offenders == []


def test_the_command_line_imports_a_tool_only_inside_a_function():
    tree = ast.parse(COMMAND_LINE.read_text(encoding="utf-8"))
    top_level = [
        module
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for _, module in _imported_modules(node)
    ]
    assert not any(_is_tools(m) for m in top_level)
    # and the tools it names are real modules with an add_arguments
    from oversight import cli

    for _, module in cli.TOOLS.values():
        assert callable(__import__(module, fromlist=["add_arguments"]).add_arguments)


def test_importing_every_app_module_loads_no_tool():
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "oversight").rglob("*.py")
        if path.name != "__main__.py"
    )
    script = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "from oversight import cli\n"
        "cli.build_parser('validate')\n"
        "print(sorted(m for m in sys.modules if m == 'tools' or m.startswith('tools.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


CODE_FILES = sorted(
    [
        *(ROOT / "oversight").rglob("*.py"),
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "tools").rglob("*.py"),
        ROOT / "dashboard.py",
    ]
)
# Folders of queries that db.py runs or creates as a whole, each file by its folder.
READ_BY_FOLDER = ("checks", "macros", "derived")
# Queries that have landed before the page that reads them, each with why. An entry fails once
# code reads the query, so the list only ever shrinks.
NOT_READ_YET: dict[str, str] = {}


def _string_constants() -> set[str]:
    found: set[str] = set()
    for path in CODE_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_query_is_read_by_some_code():
    """A query file no code names is dead weight a newcomer would read and keep in step."""
    names = _string_constants()
    queries = ROOT / "queries"
    unread = [
        path.relative_to(queries).as_posix()
        for path in sorted(queries.rglob("*.sql"))
        if path.parent.name not in READ_BY_FOLDER
        and path.relative_to(queries).with_suffix("").as_posix() not in names
    ]
    assert [q for q in unread if q.removesuffix(".sql") not in NOT_READ_YET] == []
    stale = sorted(set(NOT_READ_YET) - {q.removesuffix(".sql") for q in unread})
    assert stale == [], "these queries are read now: take them out of NOT_READ_YET"
    db_source = (ROOT / "oversight" / "db.py").read_text(encoding="utf-8")
    for folder in READ_BY_FOLDER:
        assert f'"{folder}"' in db_source, f"db.py no longer reads queries/{folder}/"
