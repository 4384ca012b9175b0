"""The ``chronology`` command: argument parsing only.

Each subcommand turns its options into a call to the library and an exit code:
0 when everything is valid, 1 when any data is invalid, 2 for usage errors and
paths that cannot be read.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``chronology`` command."""
    parser = argparse.ArgumentParser(
        prog="chronology",
        description="Curated, source-cited event chronologies: check, load and draw them.",
    )
    parser.add_argument("--version", action="version", version=f"chronology {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check data files: YAML, schema, dates, references and quotes",
        description=(
            "Check chronology data files completely and report every problem as "
            "PATH:LINE:COL: CODE message. Exit 0 when all are valid, 1 when any is "
            "invalid, 2 when a path cannot be read."
        ),
    )
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="data files to check (default: events.yaml in the current folder)",
    )
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="how to report problems (default: text)",
    )
    return parser


def run_validate(paths: Sequence[str], format: str) -> int:
    """Check ``paths``, print the report, and return the exit code."""
    from .report import REPORTERS
    from .validate import check_file

    reports = []
    unreadable: list[tuple[str, str]] = []
    for path in paths or ["events.yaml"]:
        try:
            reports.append(check_file(path))
        except OSError as exc:
            unreadable.append((path, exc.strerror or str(exc)))
    out, err = REPORTERS[format](reports, unreadable)
    sys.stdout.write(out)
    sys.stderr.write(err)
    if unreadable:
        return EXIT_USAGE
    return EXIT_OK if all(r.valid for r in reports) else EXIT_INVALID


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "validate":
            return run_validate(args.paths, args.format)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID
    raise AssertionError(f"unhandled command {args.command!r}")  # pragma: no cover
