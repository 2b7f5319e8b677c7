"""python -m oversight: the command line other tools rely on."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from oversight import db


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.dir) if args.dir else db.data_dir_from_env()
    ds = db.load(data_dir)
    if ds.folder_problem:
        print(ds.problems[0].message, file=sys.stderr)
        return 1
    if ds.problems or ds.integrity:
        for problem in sorted(ds.problems + ds.integrity):
            print(problem)
        if ds.problems:
            print(f"{len(ds.problems)} problem(s) in {data_dir}", file=sys.stderr)
        if ds.integrity:
            print(
                f"{len(ds.integrity)} sealed position(s) changed, removed or added outside the "
                f"app in {data_dir}",
                file=sys.stderr,
            )
        return 1
    counts = ds.query("table_row_counts")
    summary = ", ".join(f"{n} {t}" for t, n in counts.itertuples(index=False))
    print(f"OK: {data_dir} is valid ({summary})")
    for warning in ds.warnings:  # allowed, but hard on a reader: said, never failed
        print(f"warning: {warning}")
    return 0


# The tools' commands: (help, module). A tool is imported only when its command is the one run (or
# its --help asked for), so the product's commands never load the tools package.
TOOLS = {
    "synth": ("write a synthetic data set (never into data/)", "tools.synth"),
    "bench": ("print the performance table", "tools.bench"),
    "screenshots": ("capture every page in headless Chromium (PNG)", "tools.screenshots"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; `command` names the subcommand to be run, whose tool module (if it is
    one) is imported to add its arguments."""
    parser = argparse.ArgumentParser(prog="python -m oversight", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser(
        "validate",
        help="check the curated tables; print FILE:LINE: COLUMN: message per problem",
    )
    validate.add_argument(
        "dir", nargs="?", help="data folder (default: $OVERSIGHT_DATA_DIR or data/)"
    )
    validate.set_defaults(func=_validate)

    from oversight.paper import command as briefing_command

    briefing_command.add_parser(sub)

    from oversight.ingest import command as ingest_command

    ingest_command.add_parser(sub)

    from oversight import owner_commands, serve

    owner_commands.add_parsers(sub)
    serve.add_parser(sub)

    for name, (help_text, module) in TOOLS.items():
        tool_parser = sub.add_parser(name, help=help_text)
        if name == command:
            importlib.import_module(module).add_arguments(tool_parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    args = build_parser(command).parse_args(argv)
    return args.func(args)
