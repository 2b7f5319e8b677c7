"""python -m oversight: the command line other tools rely on."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from oversight import db


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.dir) if args.dir else db.data_dir_from_env()
    ds = db.load(data_dir)
    if ds.problems:
        for problem in ds.problems:
            print(problem)
        print(f"{len(ds.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    counts = ds.query("table_row_counts")
    summary = ", ".join(f"{n} {t}" for t, n in counts.itertuples(index=False))
    print(f"OK: {data_dir} is valid ({summary})")
    return 0


def build_parser() -> argparse.ArgumentParser:
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

    from oversight.paper import command

    command.add_parser(sub)

    from oversight import synth

    synth.add_arguments(
        sub.add_parser("synth", help="write a synthetic data set (never into data/)")
    )
    from oversight import bench

    bench.add_arguments(sub.add_parser("bench", help="print the performance table"))
    from oversight import screenshots

    screenshots.add_arguments(
        sub.add_parser("screenshots", help="capture every page in headless Chromium (PNG)")
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
