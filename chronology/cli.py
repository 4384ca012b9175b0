"""The ``chronology`` command.

:func:`build_parser` describes the command line; each ``run_*`` function turns
parsed options into calls to the library and returns an exit code: 0 when all
went well, 1 when the data is invalid or no event matches, 2 for usage errors
and paths that cannot be read or written. A command that cannot go on raises
:class:`CommandError`, which :func:`main` prints as one line,
``chronology COMMAND: message``, on standard error: never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import io
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from . import __version__
from .terminal import plural, show_json, show_text, table, visible

if TYPE_CHECKING:
    from .chronology import Chronology
    from .scaffold import Added, Draft

    Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"

__all__ = ["CommandError", "Filters", "build_parser", "main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

#: The export formats, as named on the command line (and in ``chronology.exports.FORMATS``).
EXPORT_FORMATS = ("json", "csv", "ics", "timelinejs", "markdown", "geojson")

#: The format an output file's extension implies, when ``--format`` is not given.
_EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".ics": "ics",
    ".md": "markdown",
    ".markdown": "markdown",
    ".geojson": "geojson",
}

#: Where the bundled chronology is said to be, in messages and problems.
BUNDLED = "(bundled)"

#: Output width when it is not a terminal and ``--width`` is not given (``show`` wraps to it).
_FALLBACK_COLUMNS = 100


class CommandError(Exception):
    """A command cannot go on: what to say on standard error, and the exit code.

    ``details`` (such as the problems of an invalid data file) is printed as it
    is, before the one-line ``message``; either may be empty.
    """

    def __init__(self, message: str, code: int = EXIT_USAGE, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details


# ------------------------------------------------------------------------------ parsing


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line: ``PROG: message (see --help)``."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``chronology`` command."""
    parser = _Parser(
        prog="chronology",
        description=(
            "Curated, source-cited event chronologies: check, list, show, export and draw "
            "them; add events, keep the file tidy and see what a change does."
        ),
    )
    parser.add_argument("--version", action="version", version=f"chronology {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_validate(commands)
    _add_render(commands)
    _add_list(commands)
    _add_show(commands)
    _add_export(commands)
    _add_new(commands)
    _add_fmt(commands)
    _add_diff(commands)
    return parser


def _add_validate(commands: Commands) -> None:
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
        choices=("text", "json", "github"),
        default="text",
        help="how to report problems: text lines, one JSON document, or GitHub Actions "
        "workflow annotations (default: text)",
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors: any warning makes the exit status 1",
    )


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


def _format_name(text: str) -> str:
    """An export format name; a date gets a hint, since elsewhere ``--to`` ends a period."""
    from .dates import EventDate
    from .errors import DateError

    if text in EXPORT_FORMATS:
        return text
    try:
        EventDate.parse(text)
    except DateError:
        raise argparse.ArgumentTypeError(
            f"unknown format {text!r}: choose from {', '.join(EXPORT_FORMATS)}"
        ) from None
    raise argparse.ArgumentTypeError(
        f"{text!r} is a date, but in export --to names the format; "
        f"end the period with --until {text}"
    )


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return number


def _add_path(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="data file (default: events.yaml in the current folder if there is one, "
        "else the bundled chronology)",
    )


def _add_filters(command: argparse.ArgumentParser, *, to_ends_period: bool = True) -> None:
    """The filter options shared by render, list and export.

    The end of the period is ``--until``; render and list also take ``--to`` for it,
    while in export ``--to`` names the format.
    """
    filters = command.add_argument_group("filters (combined: an event must pass all)")
    filters.add_argument(
        "--from",
        dest="start",
        type=_date_bound,
        metavar="DATE",
        help="only events that may fall on or after DATE (e.g. 2019, 2019-03)",
    )
    until = ("--until", "--to") if to_ends_period else ("--until",)
    filters.add_argument(
        *until,
        dest="end",
        type=_date_bound,
        metavar="DATE",
        help="only events that may fall on or before DATE",
    )
    filters.add_argument(
        "--inside",
        action="store_true",
        help="with --from/--to: only events certainly inside the period (every day "
        "they may mean lies within it)",
    )
    repeatable = [
        ("--category", "SLUG", "only events in this category"),
        ("--tag", "TAG", "only events with this tag"),
        ("--place", "NAME", "only events at this place name or ISO country code"),
        ("--country", "CODE", "only events at a place in this country (ISO code or name)"),
        ("--actor", "NAME", "only events involving this actor, in any spelling"),
        ("--source", "ID", "only events citing this source"),
    ]
    for flag, metavar, what in repeatable:
        filters.add_argument(
            flag,
            action="append",
            default=[],
            metavar=metavar,
            help=f"{what} (repeat for several: any of them)",
        )
    filters.add_argument(
        "--text",
        metavar="WORDS",
        help="only events whose title, summary or quotes have every one of WORDS",
    )


def _add_render(commands: Commands) -> None:
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
    _add_path(render)
    render.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write")
    _add_filters(render)
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


def _add_width(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument(
        "--width",
        type=_positive,
        metavar="COLS",
        help=f"{what} (default: the terminal's width; {_FALLBACK_COLUMNS} when not a terminal)",
    )


def _add_list(commands: Commands) -> None:
    listing = commands.add_parser(
        "list",
        help="list events as a table or as JSON",
        description=(
            "List the events that pass the filters, in date order: a table of DATE, ID, "
            "CATEGORY and TITLE, or the JSON export. Exit 0 when any event is listed, 1 "
            "when the data is invalid or no event matches, 2 for usage errors."
        ),
    )
    _add_path(listing)
    _add_filters(listing)
    out = listing.add_argument_group("output")
    out.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="a table (text) or the JSON export (default: text)",
    )
    out.add_argument("--limit", type=_positive, metavar="N", help="list only the first N events")
    out.add_argument(
        "--width",
        type=_positive,
        metavar="COLS",
        help="shorten titles with '…' so lines fit COLS columns (default: the terminal's "
        "width; titles are never shortened when the output is not a terminal)",
    )


def _add_show(commands: Commands) -> None:
    show = commands.add_parser(
        "show",
        help="show one event in full, with its quotes and related events",
        description=(
            "Show one event in full: its date and how precise it is, places, actors, "
            "figures, summary, every citation with its quote, and the related events both "
            "ways. Exit 0 when shown, 1 when there is no such event or the data is "
            "invalid, 2 for usage errors."
        ),
    )
    show.add_argument("event_id", metavar="ID", help="the event's id")
    _add_path(show)
    show.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people, JSON for tools (default: text)",
    )
    _add_width(show, "wrap text to COLS columns")


def _add_export(commands: Commands) -> None:
    export = commands.add_parser(
        "export",
        help="export events as JSON, CSV, iCalendar, TimelineJS, Markdown or GeoJSON",
        description=(
            "Export the events that pass the filters, to OUT (written atomically) or to "
            "standard output. Exit 0 when exported, 1 when the data is invalid or no event "
            "matches, 2 for usage errors and files that cannot be read or written."
        ),
    )
    _add_path(export)
    out = export.add_argument_group("output")
    out.add_argument(
        "--to",
        "-f",
        "--format",
        dest="format",
        type=_format_name,
        metavar="FORMAT",
        help=f"the format: {', '.join(EXPORT_FORMATS)} (default: from OUT's extension: "
        ".json, .csv, .ics, .md, .geojson)",
    )
    out.add_argument(
        "-o", "--output", metavar="OUT", help="file to write (default: standard output)"
    )
    out.add_argument(
        "--bom",
        action="store_true",
        help="csv only: start with a UTF-8 byte order mark, for spreadsheet programs",
    )
    out.add_argument(
        "--lanes",
        choices=("category", "tag", "country", "none"),
        help="timelinejs only: group events into rows by this (default: category)",
    )
    _add_filters(export, to_ends_period=False)


def _add_new(commands: Commands) -> None:
    new = commands.add_parser(
        "new",
        help="add an event: asks for (or takes) its fields and checks them as it goes",
        description=(
            "Add one event to a data file. Each field missing from the options is asked "
            "for on a terminal and checked at once (the date's form, the source's id, the "
            "quote against the source's text); without a terminal, or with --no-input, the "
            "options must give every required field. The record is written in the "
            "canonical layout at its place in date order; the rest of the file, comments "
            "included, is kept byte for byte, and the file is replaced atomically. Exit 0 "
            "when added, 1 when the event or the file has errors, 2 for usage errors."
        ),
    )
    new.add_argument(
        "path",
        nargs="?",
        default="events.yaml",
        metavar="PATH",
        help="the data file to add to (default: events.yaml)",
    )
    fields = new.add_argument_group("the event")
    fields.add_argument("--id", help="its id (default: from the date and the title)")
    fields.add_argument("--title", help="a short, neutral title")
    fields.add_argument(
        "--date", metavar="DATE", help="as precise as the source: 2013, 2013-10, 2022-01-05"
    )
    fields.add_argument("--category", metavar="SLUG", help="a category declared in the file")
    fields.add_argument("--summary", help="two or three sentences: what happened")
    fields.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="ID",
        help="a source's id; give one --quote after each --source",
    )
    fields.add_argument(
        "--quote",
        action="append",
        default=[],
        metavar="TEXT",
        help="the words of the source that support the event, copied exactly",
    )
    fields.add_argument(
        "--place",
        action="append",
        default=[],
        metavar="NAME,CC",
        help="a place and its ISO country code, e.g. 'Almaty,KZ' (repeatable)",
    )
    fields.add_argument("--actor", action="append", default=[], metavar="NAME")
    fields.add_argument("--tag", action="append", default=[], metavar="TAG")
    fields.add_argument("--related", action="append", default=[], metavar="ID")
    fields.add_argument("--notes", help="how the curator read the source (optional)")
    how = new.add_argument_group("how")
    how.add_argument(
        "--no-input",
        action="store_true",
        help="never ask: the options must give every required field",
    )
    how.add_argument(
        "--dry-run", action="store_true", help="print the record instead of writing the file"
    )


def _add_fmt(commands: Commands) -> None:
    fmt = commands.add_parser(
        "fmt",
        help="rewrite data files in the canonical layout, keeping comments",
        description=(
            "Rewrite data files in the canonical layout: keys in the schema's order, dates "
            "in double quotes, two-space indentation, events sorted by date then id, "
            "sources by id. Comments and unknown fields are kept; a file that cannot be "
            "read is left exactly as it was. Exit 0 when every file is formatted (or, with "
            "--check, already was), 1 when --check finds a file to change or a file "
            "cannot be read as YAML, 2 for usage errors."
        ),
    )
    fmt.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="data files to format (default: events.yaml in the current folder)",
    )
    fmt.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file would change"
    )
    fmt.add_argument(
        "--diff",
        action="store_true",
        help="change nothing; print what would change as a unified diff",
    )


def _add_diff(commands: Commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="list the events added, removed and changed between two versions of a file",
        description=(
            "Compare two versions of a data file and list the events added, removed and "
            "changed, field by field. OLD and NEW are paths, or git revisions of a path "
            "such as origin/main:events.yaml. Exit 0 when compared (1 with --exit-code "
            "when they differ), 1 when a version is not readable YAML, 2 when a version "
            "cannot be read."
        ),
    )
    diff.add_argument("old", metavar="OLD", help="the old version: PATH or REV:PATH")
    diff.add_argument("new", metavar="NEW", help="the new version: PATH or REV:PATH")
    diff.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text for a terminal, markdown for a pull request comment, or JSON (default: text)",
    )
    diff.add_argument(
        "--exit-code", action="store_true", help="exit 1 when the versions differ, as git does"
    )


# ------------------------------------------------------------------------------ loading


def _bundled() -> Path:
    from .resources import bundled_path

    try:
        return bundled_path()
    except RuntimeError as exc:  # the package is not installed correctly
        raise CommandError(str(exc)) from None


def load_data(path: str | None) -> Chronology:
    """The chronology in ``path``; without one, ./events.yaml if there is one, else the
    bundled chronology (shown as ``(bundled)``).

    Raises :class:`CommandError`: exit 2 when the file cannot be read, exit 1 with
    its problems as ``PATH:LINE:COL: CODE message`` lines when it is invalid.
    """
    from .chronology import Chronology
    from .report import text_report
    from .validate import check_file

    if path is None and os.path.exists("events.yaml"):
        path = "events.yaml"
    try:
        report = check_file(path) if path else check_file(_bundled(), display=BUNDLED)
    except OSError as exc:
        raise CommandError(f"cannot read {path or BUNDLED}: {exc.strerror or exc}") from None
    if not report.valid:
        out, _ = text_report([report], [])
        raise CommandError("", EXIT_INVALID, details=out)
    return Chronology.from_data(report.data)


@dataclasses.dataclass(frozen=True)
class Filters:
    """The filter options of render, list and export, as a value.

    :meth:`apply` chains the matching :class:`~chronology.Chronology` queries;
    repeated options of one kind mean any of them, different kinds all of them.
    """

    start: str | None = None
    end: str | None = None
    inside: bool = False
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    text: str | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Filters:
        """The filters of parsed options; a usage error for ``--inside`` without a period."""
        if args.inside and not (args.start or args.end):
            raise CommandError("--inside needs a period: give --from, --until or both")
        return cls(
            start=args.start,
            end=args.end,
            inside=args.inside,
            categories=tuple(args.category),
            tags=tuple(args.tag),
            places=tuple(args.place),
            countries=tuple(args.country),
            actors=tuple(args.actor),
            sources=tuple(args.source),
            text=args.text,
        )

    def apply(self, chronology: Chronology) -> Chronology:
        """The events of ``chronology`` that pass every filter.

        Raises :class:`CommandError` (exit 2) for a period that ends before it
        starts and for ``--text`` without a word.
        """
        chosen = chronology
        try:
            if self.start or self.end:
                chosen = chosen.between(self.start, self.end, inside=self.inside)
            if self.text is not None:
                chosen = chosen.search(self.text)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if self.categories:
            chosen = chosen.in_category(*self.categories)
        if self.tags:
            chosen = chosen.tagged(*self.tags)
        if self.places:
            chosen = chosen.at_place(*self.places)
        if self.countries:
            chosen = chosen.in_country(*self.countries)
        if self.actors:
            chosen = chosen.involving(*self.actors)
        if self.sources:
            chosen = chosen.citing(*self.sources)
        return chosen


def select(args: argparse.Namespace, what: str = "events") -> Chronology:
    """Load PATH and apply the filter options; return the chosen events.

    Raises :class:`CommandError` (exit 1) when no event passes the filters.
    """
    filters = Filters.from_args(args)
    everything = load_data(args.path)
    chosen = filters.apply(everything)
    if not chosen:
        raise CommandError(
            f"no {what}: the filters match none of the {len(everything)} events", EXIT_INVALID
        )
    return chosen


# ------------------------------------------------------------------------------ commands


def _columns(width: int | None) -> int:
    if width is not None:
        return width
    return shutil.get_terminal_size((_FALLBACK_COLUMNS, 24)).columns


def _write_bytes(data: bytes) -> None:
    """Write ``data`` to standard output as it is (no newline translation)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def run_validate(paths: Sequence[str], format: str, strict: bool = False) -> int:
    """Check ``paths``, print the report, and return the exit code.

    With ``strict``, warnings count as errors.
    """
    from .report import REPORTERS
    from .validate import check_file

    reports = []
    unreadable: list[tuple[str, str]] = []
    for path in paths or ["events.yaml"]:
        try:
            reports.append(check_file(path))
        except OSError as exc:
            unreadable.append((path, exc.strerror or str(exc)))
    if strict:
        reports = [report.strict() for report in reports]
    out, err = REPORTERS[format](reports, unreadable)
    sys.stdout.write(out)
    sys.stderr.write(err)
    if unreadable:
        return EXIT_USAGE
    return EXIT_OK if all(r.valid for r in reports) else EXIT_INVALID


def run_render(args: argparse.Namespace) -> int:
    """Load, filter and draw; print one line saying what was written."""
    import warnings

    from .errors import ChronologyError
    from .render import RenderWarning, render

    chosen = select(args, what="events to draw")
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
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    for warning in caught:
        if issubclass(warning.category, RenderWarning):
            sys.stderr.write(f"chronology render: warning: {warning.message}\n")
    width, height = figure.get_size_inches()
    sys.stdout.write(f"{args.output}: {len(chosen)} events, {width:g}x{height:.1f} in\n")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    """List the chosen events as a table (and how many) or as the JSON export."""
    chosen = select(args, what="event matches")
    matched = len(chosen)
    if args.limit is not None:
        chosen = chosen[: args.limit]
    if args.format == "json":
        from .exports import to_json
        from .terminal import visible_json

        # What reaches a terminal: controls and bidi overrides as \u escapes (export -o
        # writes the exact JSON to a file).
        sys.stdout.write(visible_json(to_json(chosen)))
        return EXIT_OK
    width = args.width
    if width is None and sys.stdout.isatty():
        width = _columns(None)
    lines = table(chosen, width)
    count = plural(len(chosen), "event")
    lines.append(
        count if len(chosen) == matched else f"{len(chosen)} of {plural(matched, 'event')}"
    )
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    """Show one event in full, or say there is no such event and suggest close ids."""
    chronology = load_data(args.path)
    event = chronology.get(args.event_id)
    if event is None:
        close = difflib.get_close_matches(args.event_id, [e.id for e in chronology], n=3)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise CommandError(f"no event {args.event_id!r}{hint}", EXIT_INVALID)
    if args.format == "json":
        sys.stdout.write(show_json(chronology, event))
    else:
        sys.stdout.write(show_text(chronology, event, _columns(args.width)))
    return EXIT_OK


def _export_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output:
        extension = os.path.splitext(args.output)[1].lower()
        if extension in _EXTENSIONS:
            return _EXTENSIONS[extension]
        raise CommandError(
            f"cannot tell the format from {args.output!r}: give --to ({', '.join(EXPORT_FORMATS)})"
        )
    raise CommandError(f"give --to ({', '.join(EXPORT_FORMATS)}) or -o with a known extension")


#: Why an export format leaves out the events that :func:`chronology.exports.omitted` names.
_LEFT_OUT = {
    "ics": "with an open start or end: a calendar entry needs both ends",
    "geojson": "without a place with coordinates: a map point needs them",
}


def run_export(args: argparse.Namespace) -> int:
    """Export the chosen events to a file (atomically) or to standard output."""
    fmt = _export_format(args)
    if args.bom and fmt != "csv":
        raise CommandError(f"--bom is for csv only, not {fmt}")
    if args.lanes is not None and fmt != "timelinejs":
        raise CommandError(f"--lanes is for timelinejs only, not {fmt}")
    options: dict[str, Any] = {}
    if args.bom:
        options["bom"] = True
    if args.lanes is not None:
        options["lanes"] = args.lanes
    chosen = select(args, what="events to export")
    from . import exports

    left_out = len(exports.omitted(chosen, fmt))
    if left_out:
        why = _LEFT_OUT.get(fmt, f"that {fmt} cannot hold")
        sys.stderr.write(
            f"chronology export: warning: left out {plural(left_out, 'event')} {why}\n"
        )
    if args.output is None:
        _write_bytes(exports.export(chosen, fmt, **options).encode("utf-8"))
        return EXIT_OK
    try:
        exports.write(chosen, fmt, args.output, **options)
    except OSError as exc:
        raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    written = len(chosen) - left_out
    sys.stdout.write(f"{args.output}: {plural(written, 'event')} ({fmt})\n")
    return EXIT_OK


def _draft(args: argparse.Namespace) -> Draft:
    """The event the options give; a usage error when --source and --quote do not pair up."""
    from .scaffold import Draft, split_place

    if len(args.source) != len(args.quote):
        raise CommandError(
            f"give one --quote after each --source ({plural(len(args.source), 'source')}, "
            f"{plural(len(args.quote), 'quote')})"
        )
    places = [split_place(place) for place in args.place]
    return Draft(
        title=args.title or "",
        date=args.date or "",
        summary=args.summary or "",
        category=args.category,
        citations=tuple(zip(args.source, args.quote, strict=True)),
        places=tuple(places),
        actors=tuple(args.actor),
        tags=tuple(args.tag),
        related=tuple(args.related),
        notes=args.notes,
        id=args.id,
    )


def _ask(prompt: str) -> str:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


def _say(text: str) -> None:
    """A line on standard error, after what standard output has so far."""
    sys.stdout.flush()
    sys.stderr.write(f"{text}\n")


def run_new(args: argparse.Namespace) -> int:
    """Add one event, asking for what the options do not give when on a terminal."""
    from .errors import InvalidChronologyError
    from .fileio import write_atomic
    from .report import one_line, problem_line
    from .scaffold import ScaffoldError, Target, add_event, ask_draft

    draft = _draft(args)
    try:
        target = Target.from_file(args.path)
    except OSError as exc:
        raise CommandError(f"cannot read {args.path}: {exc.strerror or exc}") from None
    except InvalidChronologyError as exc:
        details = "".join(f"{problem_line(problem)}\n" for problem in exc.problems)
        raise CommandError(f"{args.path} is not readable YAML", EXIT_INVALID, details) from None
    except ScaffoldError as exc:
        raise CommandError(str(exc), EXIT_INVALID) from None
    if not args.no_input and sys.stdin.isatty():
        try:
            draft = ask_draft(target, draft, _ask, _say)
        except (EOFError, KeyboardInterrupt):
            sys.stderr.write("\n")
            raise CommandError("cancelled: nothing was written", EXIT_INVALID) from None
    try:
        added = add_event(target, draft)
    except ScaffoldError as exc:
        details = "".join(f"chronology new: {one_line(problem)}\n" for problem in exc.problems)
        raise CommandError("the event was not added", EXIT_INVALID, details) from None
    if args.dry_run:
        _write_bytes(_record_of(added))
        return EXIT_OK
    try:
        if read_unchanged(args.path, target.data):
            write_atomic(args.path, added.text)
        else:
            raise CommandError(f"{args.path} changed while the event was being added; try again")
    except OSError as exc:
        raise CommandError(f"cannot write {args.path}: {exc.strerror or exc}") from None
    _report_new_warnings(args.path, added)
    sys.stdout.write(f"{args.path}:{added.line}: added event {added.id}\n")
    return EXIT_OK


def _record_of(added: Added) -> bytes:
    """The added record's lines (what --dry-run prints)."""
    lines = added.text.decode("utf-8").splitlines(keepends=True)
    start = added.line - 1
    end = start + 1
    indent = len(lines[start]) - len(lines[start].lstrip())
    while end < len(lines) and (
        lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    return "".join(lines[start:end]).encode("utf-8")


def _report_new_warnings(path: str, added: Added) -> None:
    """Warn about problems the file has now in the new record's lines (e.g. a likely duplicate)."""
    from .report import problem_line
    from .validate import check_bytes

    report = check_bytes(added.text, path, Path(path).parent)
    end = added.line + _record_of(added).count(b"\n")
    for problem in report.problems:
        if added.line <= problem.line < end:
            sys.stderr.write(f"{problem_line(problem)}\n")


def read_unchanged(path: str, data: bytes) -> bool:
    """Whether ``path`` still holds ``data`` (no one else wrote it meanwhile)."""
    from .fileio import read_regular_file

    try:
        return read_regular_file(path, len(data)) == data
    except OSError:
        return False


def _format_failure(path: str, exc: Exception) -> str:
    """Why ``path`` could not be formatted, as one line.

    :class:`~chronology.formatting.FormatError` says it itself (the formatter raises
    nothing else for any file); anything else is a bug of the command: nothing has
    been written, so the file is left as it was, and the message says what to report
    instead of printing a traceback.
    """
    from .formatting import FormatError

    if isinstance(exc, FormatError):
        return str(exc)
    return (
        f"{path}: cannot format: the formatter failed ({type(exc).__name__}: {exc}), a bug "
        "worth reporting with the file; the file is left as it was"
    )


def run_fmt(args: argparse.Namespace) -> int:
    """Format data files, or with --check/--diff only say what would change."""
    from .fileio import write_atomic
    from .formatting import format_file, unified_diff
    from .report import problem_line

    writing = not (args.check or args.diff)
    code = EXIT_OK
    changed = unchanged = failed = 0
    for path in args.paths or ["events.yaml"]:
        try:
            result = format_file(path)
        except OSError as exc:
            _say(f"chronology fmt: cannot read {path}: {exc.strerror or exc}")
            code = EXIT_USAGE
            failed += 1
            continue
        except Exception as exc:  # whatever goes wrong, nothing was written: say so
            _say(visible(f"chronology fmt: {_format_failure(path, exc)}", keep="\t"))
            code = max(code, EXIT_INVALID)
            failed += 1
            continue
        if result.formatted is None:
            for problem in result.problems:
                _say(problem_line(problem))
            _say(f"chronology fmt: {path}: left as it was: it cannot be read as YAML")
            code = max(code, EXIT_INVALID)
            failed += 1
            continue
        if not result.changed:
            unchanged += 1
            continue
        if args.diff:
            sys.stdout.write(unified_diff(result))
        if args.check:
            _say(f"would reformat {path}")
            code = max(code, EXIT_INVALID)
        if not writing:
            changed += 1
        else:  # counted as reformatted once it is written
            if not read_unchanged(path, result.original):
                _say(f"chronology fmt: {path} changed while it was being formatted; left as it is")
                code = max(code, EXIT_INVALID)
                failed += 1
                continue
            try:
                write_atomic(path, result.formatted)
            except OSError as exc:
                _say(f"chronology fmt: cannot write {path}: {exc.strerror or exc}")
                code = EXIT_USAGE
                failed += 1
                continue
            _say(f"formatted {path}")
            changed += 1
    done = "would be reformatted" if not writing else "reformatted"
    left = f", {failed} could not be formatted" if failed else ""
    _say(f"{plural(changed, 'file')} {done}, {unchanged} already formatted{left}")
    return code


def run_diff(args: argparse.Namespace) -> int:
    """Compare two versions of a data file and print the changes."""
    from .diffing import compare, read_side, render_changes
    from .errors import ChronologyError, InvalidChronologyError
    from .report import problem_line

    sides = []
    for spec in (args.old, args.new):
        try:
            sides.append(read_side(spec))
        except OSError as exc:
            raise CommandError(f"cannot read {spec}: {exc.strerror or exc}") from None
        except ChronologyError as exc:
            raise CommandError(str(exc)) from None
    try:
        changes = compare(sides[0], sides[1])
    except InvalidChronologyError as exc:
        details = "".join(f"{problem_line(problem)}\n" for problem in exc.problems)
        unreadable = sorted({problem.path for problem in exc.problems})
        message = f"cannot compare: {' and '.join(unreadable)} cannot be read as YAML"
        raise CommandError(message, EXIT_INVALID, details=details) from None
    sys.stdout.write(render_changes(changes, args.format))
    return EXIT_INVALID if args.exit_code and not changes.empty else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        # A title in a script the terminal's encoding lacks is shown escaped, not a crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "validate": lambda a: run_validate(a.paths, a.format, a.strict),
        "render": run_render,
        "list": run_list,
        "show": run_show,
        "export": run_export,
        "new": run_new,
        "fmt": run_fmt,
        "diff": run_diff,
    }
    try:
        try:
            code = commands[args.command](args)
        except CommandError as exc:
            sys.stdout.flush()
            sys.stderr.write(exc.details)
            if exc.message:
                # One line, whatever the data in it holds (see terminal.visible).
                message = visible(exc.message, keep="\t")
                sys.stderr.write(f"chronology {args.command}: {message}\n")
            code = exc.code
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do, and
        # keep the interpreter's final flush from complaining about the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID
