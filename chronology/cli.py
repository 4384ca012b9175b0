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
    _add_render(commands)
    return parser


def _size(text: str) -> tuple[float, float | None]:
    """``WIDTHxHEIGHT`` or ``WIDTH`` in inches (the height then fits the events)."""
    try:
        parts = [float(p) for p in text.lower().split("x")]
    except ValueError:
        parts = []
    if len(parts) == 1:
        return parts[0], None
    if len(parts) == 2:
        return parts[0], parts[1]
    raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT or WIDTH in inches, not {text!r}")


def _date_bound(text: str) -> str:
    from .dates import EventDate
    from .errors import DateError

    try:
        EventDate.parse(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _add_render(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    render = commands.add_parser(
        "render",
        help="draw a timeline as PNG, SVG or PDF",
        description=(
            "Draw a chronology as a timeline figure. The format follows OUT's extension "
            "(.png, .svg, .pdf); the same data and options always give the same bytes. "
            "Exit 0 when drawn, 1 when the data is invalid or no event matches, 2 for "
            "usage errors and files that cannot be read or written."
        ),
    )
    render.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="data file (default: events.yaml in the current folder if there is one, "
        "else the bundled chronology)",
    )
    render.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write")
    filters = render.add_argument_group("filters (combined: an event must pass all)")
    filters.add_argument(
        "--from",
        dest="start",
        type=_date_bound,
        metavar="DATE",
        help="only events that may fall on or after DATE (e.g. 2019, 2019-03)",
    )
    filters.add_argument(
        "--to",
        dest="end",
        type=_date_bound,
        metavar="DATE",
        help="only events that may fall on or before DATE",
    )
    filters.add_argument(
        "--category",
        action="append",
        default=[],
        metavar="SLUG",
        help="only events in this category (repeat for several)",
    )
    filters.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only events with this tag (repeat for several)",
    )
    filters.add_argument(
        "--place",
        action="append",
        default=[],
        metavar="NAME",
        help="only events at this place name or ISO country code (repeat for several)",
    )
    look = render.add_argument_group("look")
    look.add_argument(
        "--lanes",
        choices=("category", "tag", "country", "none"),
        default="category",
        help="group events into lanes by this (default: category)",
    )
    look.add_argument(
        "--theme",
        choices=("light", "dark", "print"),
        default="light",
        help="colours and type (default: light)",
    )
    look.add_argument("--title", help="title (default: the chronology's title)")
    look.add_argument("--subtitle", help="subtitle (default: how many events, and when)")
    look.add_argument(
        "--size",
        type=_size,
        default=(14.0, None),
        metavar="WxH",
        help="size in inches, e.g. 12x8, or 12 to fit the height to the events (default: 14)",
    )
    look.add_argument(
        "--dpi", type=float, default=150.0, help="resolution of PNG output (default: 150)"
    )
    look.add_argument("--no-eras", action="store_true", help="leave out the shaded eras")


def _render_source(path: str | None) -> str | None:
    if path is not None:
        return path
    return "events.yaml" if os.path.exists("events.yaml") else None


def run_render(args: argparse.Namespace) -> int:
    """Load, filter and draw; print one line saying what was written."""
    import warnings

    from .errors import ChronologyError
    from .report import text_report
    from .resources import bundled_path
    from .validate import check_file

    source = _render_source(args.path)
    try:
        report = check_file(source) if source else check_file(bundled_path(), display="(bundled)")
    except OSError as exc:
        sys.stderr.write(f"chronology render: cannot read {source}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    if not report.valid:
        out, _ = text_report([report], [])
        sys.stderr.write(out)
        return EXIT_INVALID
    from .chronology import Chronology

    everything = Chronology.from_data(report.data)
    chosen = everything
    try:
        if args.start or args.end:
            chosen = chosen.between(args.start, args.end)
    except ValueError as exc:
        sys.stderr.write(f"chronology render: {exc}\n")
        return EXIT_USAGE
    if args.category:
        chosen = chosen.in_category(*args.category)
    if args.tag:
        chosen = chosen.tagged(*args.tag)
    if args.place:
        chosen = chosen.at_place(*args.place)
    if not chosen:
        sys.stderr.write(
            f"chronology render: no events to draw: the filters match none of the "
            f"{len(everything)} events\n"
        )
        return EXIT_INVALID

    from .render import RenderWarning, render

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RenderWarning)
        try:
            figure = render(
                chosen,
                args.output,
                lanes=args.lanes,
                theme=args.theme,
                title=args.title,
                subtitle=args.subtitle,
                size=args.size,
                dpi=args.dpi,
                eras=() if args.no_eras else None,
            )
        except ChronologyError as exc:
            sys.stderr.write(f"chronology render: {exc}\n")
            return EXIT_USAGE
        except OSError as exc:
            sys.stderr.write(
                f"chronology render: cannot write {args.output}: {exc.strerror or exc}\n"
            )
            return EXIT_USAGE
    for warning in caught:
        if issubclass(warning.category, RenderWarning):
            sys.stderr.write(f"chronology render: warning: {warning.message}\n")
    width, height = figure.get_size_inches()
    sys.stdout.write(f"{args.output}: {len(chosen)} events, {width:g}x{height:.1f} in\n")
    return EXIT_OK


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
        if args.command == "render":
            return run_render(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID
    raise AssertionError(f"unhandled command {args.command!r}")  # pragma: no cover
