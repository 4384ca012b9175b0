"""Exporting a chronology to other formats: JSON, CSV, iCalendar, TimelineJS, Markdown, GeoJSON.

Each format has a function that returns the export as text (:func:`to_json`,
:func:`to_csv`, :func:`to_ics`, :func:`to_timelinejs`, :func:`to_markdown`,
:func:`to_geojson`); :func:`export` picks one by name and :func:`write` saves
it to a file, atomically. :func:`to_dataframe` gives a pandas DataFrame (with
the optional ``dataframe`` extra). The JSON export is lossless:
:func:`from_json` reads it back to an equal chronology. Every export is
deterministic: the same chronology and options always give the same bytes.

What each format holds, and the rules it follows, is documented for readers in
``docs/export.md``.

>>> import chronology
>>> from chronology.exports import FORMATS, export, from_json, to_json
>>> c = chronology.load()
>>> from_json(to_json(c)) == c
True
>>> sorted(FORMATS)
['csv', 'geojson', 'ics', 'json', 'markdown', 'timelinejs']
>>> export(c, "ics").startswith("BEGIN:VCALENDAR\\r\\n")
True

This module imports nothing heavy: pandas is imported by :func:`to_dataframe` only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ..chronology import Chronology
from ..errors import ChronologyError
from ..fileio import write_atomic
from ..model import Event
from .calendar_ics import _ics_span, to_ics
from .geo import _coordinates, to_geojson
from .jsondoc import FORMAT_VERSION, from_json, read_json, to_json
from .markdowndoc import to_markdown
from .spreadsheet import CSV_COLUMNS, LIST_SEPARATOR, split_list, to_csv, to_dataframe
from .timelinejs import LANE_MODES, to_timelinejs

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "FORMAT_VERSION",
    "LANE_MODES",
    "LIST_SEPARATOR",
    "Format",
    "export",
    "from_json",
    "omitted",
    "read_json",
    "split_list",
    "to_csv",
    "to_dataframe",
    "to_geojson",
    "to_ics",
    "to_json",
    "to_markdown",
    "to_timelinejs",
    "write",
]


@attrs.frozen
class Format:
    """One export format: its name, the usual file suffix and its media type.

    >>> from chronology.exports import FORMATS
    >>> ics = FORMATS["ics"]
    >>> ics.name, ics.suffix, ics.media_type
    ('ics', '.ics', 'text/calendar')
    """

    name: str
    suffix: str
    media_type: str
    description: str


#: Every export format by its name, as :func:`export` and ``chronology export --to`` take it.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "json",
            ".json",
            "application/json",
            "the whole chronology, lossless; read back with from_json()",
        ),
        Format("csv", ".csv", "text/csv", "one row per event, for spreadsheets"),
        Format("ics", ".ics", "text/calendar", "iCalendar (RFC 5545): one all-day span per event"),
        Format("timelinejs", ".json", "application/json", "TimelineJS3 JSON, for its web timeline"),
        Format("markdown", ".md", "text/markdown", "a readable document with source footnotes"),
        Format(
            "geojson",
            ".geojson",
            "application/geo+json",
            "GeoJSON (RFC 7946): one point per event and place with coordinates",
        ),
    )
}

#: The options each format takes (as keyword arguments of :func:`export` and :func:`write`).
_OPTIONS: Mapping[str, tuple[str, ...]] = {"csv": ("bom",), "timelinejs": ("lanes",)}


def _format(name: str) -> Format:
    try:
        return FORMATS[name]
    except (KeyError, TypeError):
        raise ChronologyError(
            f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}"
        ) from None


def export(chronology: Chronology, format: str, **options: Any) -> str:
    """The chronology exported to ``format`` (a key of :data:`FORMATS`), as text.

    ``bom`` is an option of ``csv`` only and ``lanes`` of ``timelinejs`` only.
    Raises :class:`~chronology.ChronologyError` (a :class:`ValueError`) for an
    unknown format and :class:`TypeError` for an option the format does not take.

    >>> import chronology
    >>> from chronology.exports import export
    >>> export(chronology.load(), "csv", bom=True)[:3]
    '\\ufeffid'
    >>> export(chronology.load(), "json", bom=True)
    Traceback (most recent call last):
    ...
    TypeError: the json export takes no options; 'bom' is an option of csv
    """
    fmt = _format(format)
    allowed = _OPTIONS.get(fmt.name, ())
    for option in options:
        if option not in allowed:
            owners = [name for name, names in _OPTIONS.items() if option in names]
            takes = (
                f"takes only {', '.join(repr(o) for o in allowed)}"
                if allowed
                else "takes no options"
            )
            hint = f"; {option!r} is an option of {', '.join(owners)}" if owners else ""
            raise TypeError(f"the {fmt.name} export {takes}{hint}")
    return _EXPORTERS[fmt.name](chronology, **options)


def write(
    chronology: Chronology, format: str, path: str | os.PathLike[str], **options: Any
) -> None:
    """Export the chronology to ``format`` and write it to ``path``, atomically.

    The file is UTF-8, its line ends are exactly those of the format (CRLF for
    csv and ics, LF for the others), and it is written with
    :func:`chronology.fileio.write_atomic`: a reader sees the old file or the
    new one, never half of one. Options are those of :func:`export`.

    >>> import tempfile
    >>> from pathlib import Path
    >>> import chronology
    >>> from chronology.exports import write
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "protests.ics"
    ...     write(chronology.load().in_category("protest"), "ics", path)
    ...     path.read_text(encoding="utf-8").splitlines()[0]
    'BEGIN:VCALENDAR'
    """
    write_atomic(path, export(chronology, format, **options).encode("utf-8"))


def omitted(chronology: Chronology, format: str) -> tuple[Event, ...]:
    """The events that an export to ``format`` leaves out, in order.

    ``ics`` leaves out the events without a bounded span (an open start or
    end, or a last day of 31 Dec 9999, whose next day has no date); ``geojson``
    the events without a place that has coordinates. The other formats hold
    every event.

    >>> import chronology
    >>> from chronology.exports import omitted
    >>> c = chronology.load()
    >>> all(e.date.earliest is None or e.date.latest is None for e in omitted(c, "ics"))
    True
    >>> omitted(c, "csv")
    ()
    """
    name = _format(format).name
    if name == "ics":
        return tuple(e for e in chronology if _ics_span(e.date) is None)
    if name == "geojson":
        return tuple(e for e in chronology if not any(_coordinates(p) for p in e.places))
    return ()


_EXPORTERS: Mapping[str, Callable[..., str]] = {
    "json": to_json,
    "csv": to_csv,
    "ics": to_ics,
    "timelinejs": to_timelinejs,
    "markdown": to_markdown,
    "geojson": to_geojson,
}
