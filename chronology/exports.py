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

import csv
import datetime as dt
import html
import io
import itertools
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from ._countries import COUNTRY_NAMES
from .aliases import Aliases
from .chronology import Chronology
from .dates import DateInterval, EventDate, PartialDate
from .errors import ChronologyError
from .fileio import write_atomic
from .model import Category, Citation, Era, Event, Figure, Place, Source

if TYPE_CHECKING:
    import pandas

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

#: The version of the JSON export's layout; :func:`from_json` reads this version.
FORMAT_VERSION = 1


@attrs.frozen
class Format:
    """One export format: its name, the usual file suffix and its media type."""

    name: str
    suffix: str
    media_type: str
    description: str


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

#: The lane modes of :func:`to_timelinejs`, as for rendered timelines.
LANE_MODES: tuple[str, ...] = ("category", "tag", "country", "none")

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
    """
    write_atomic(path, export(chronology, format, **options).encode("utf-8"))


def omitted(chronology: Chronology, format: str) -> tuple[Event, ...]:
    """The events that an export to ``format`` leaves out, in order.

    ``ics`` leaves out the events without a bounded span (an open start or
    end, or a last day of 31 Dec 9999, whose next day has no date); ``geojson``
    the events without a place that has coordinates. The other formats hold
    every event.

    >>> import chronology
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


# -- shared -----------------------------------------------------------------------------------


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _category_label(chronology: Chronology, slug: str) -> str:
    category = chronology.categories.get(slug)
    return category.label if category is not None else slug


def _source_of(chronology: Chronology, citation: Citation) -> Source | None:
    return chronology.sources.get(citation.source)


def _url_of(chronology: Chronology, citation: Citation) -> str:
    source = _source_of(chronology, citation)
    return source.url if source is not None else ""


def _first_url(chronology: Chronology, event: Event) -> str | None:
    for citation in event.sources:
        url = _url_of(chronology, citation)
        if url:
            return url
    return None


_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"]+", re.IGNORECASE)


def _is_web_url(url: str) -> bool:
    """Whether ``url`` is an http(s) address that is safe to link (no spaces, controls, <>")."""
    return _WEB_URL.fullmatch(url) is not None


def _dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _counts(chronology: Chronology) -> str:
    """'55 events, 2011\u20132022' (by the years events sort in), or 'no events'."""
    if not len(chronology):
        return "no events"
    first, last = chronology[0].date.anchor.year, chronology[-1].date.anchor.year
    years = f"{first:04d}" if first == last else f"{first:04d}\u2013{last:04d}"
    noun = "event" if len(chronology) == 1 else "events"
    return f"{len(chronology)} {noun}, {years}"


# -- json -------------------------------------------------------------------------------------


def _when(date: EventDate) -> dict[str, Any]:
    """The derived, read-only description of a date that the JSON export adds."""
    return {
        "earliest": _iso(date.earliest),
        "latest": _iso(date.latest),
        "precision": date.precision.name.lower(),
        "approximate": date.is_approximate,
        "uncertain": date.is_uncertain,
        "label": date.label(),
    }


def _with_when(record: dict[str, Any], date: EventDate) -> dict[str, Any]:
    """``record`` with ``when`` right after its ``date``."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        out[key] = value
        if key == "date":
            out["when"] = _when(date)
    return out


def to_json(chronology: Chronology) -> str:
    """The whole chronology as JSON: every record as in a data file, plus derived dates.

    The document is ``{"format": "chronology", "version": 1, "title", "categories",
    "aliases", "sources", "eras", "events"}`` (empty optional parts left out).
    Each event and era is its data-file record with a read-only ``when``:
    earliest and latest day, precision, qualifiers and label.
    :func:`from_json` reads it back to an equal chronology.

    >>> from chronology import Chronology, Citation, Event, EventDate
    >>> e = Event("e", "Title", EventDate.parse("2013-10~"), "S.", "c", (Citation("s", "q"),))
    >>> print(to_json(Chronology([e])))  # doctest: +ELLIPSIS
    {
      "format": "chronology",
      "version": 1,
      "sources": [],
      "events": [
        {
          "id": "e",
          "title": "Title",
          "date": "2013-10~",
          "when": {
            "earliest": "2013-10-01",
            "latest": "2013-10-31",
            "precision": "month",
            "approximate": true,
            "uncertain": false,
            "label": "c. Oct 2013"
          },
    ...
    """
    document: dict[str, Any] = {"format": "chronology", "version": FORMAT_VERSION}
    if chronology.title is not None:
        document["title"] = chronology.title
    if chronology.categories:
        document["categories"] = {
            slug: category.to_dict() for slug, category in chronology.categories.items()
        }
    if chronology.aliases:
        document["aliases"] = chronology.aliases.to_dict()
    document["sources"] = [source.to_dict() for source in chronology.sources.values()]
    if chronology.eras:
        document["eras"] = [_with_when(era.to_dict(), era.date) for era in chronology.eras]
    document["events"] = [_with_when(event.to_dict(), event.date) for event in chronology]
    return _dumps(document)


class _Reader:
    """Checks the shape of a parsed JSON export, failing with one clear message."""

    def fail(self, where: str, message: str) -> NoReturn:
        raise ChronologyError(f"not a valid chronology export: {where}: {message}")

    @staticmethod
    def kind(value: Any) -> str:
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "a boolean"
        if isinstance(value, (int, float)):
            return "a number"
        if isinstance(value, str):
            return "text"
        if isinstance(value, list):
            return "a list"
        return "an object"

    def record(
        self, value: Any, where: str, required: Sequence[str], optional: Sequence[str] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, f"expected an object, not {self.kind(value)}")
        for key in required:
            if key not in value:
                self.fail(where, f"missing field {key!r}")
        for key in value:
            if key not in required and key not in optional:
                self.fail(where, f"unknown field {key!r}")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            self.fail(where, f"expected text, not {self.kind(value)}")
        if _SURROGATE.search(value):
            self.fail(where, "the text holds a lone surrogate (not a Unicode character)")
        return value

    def optional_text(self, data: Mapping[str, Any], key: str, where: str) -> str | None:
        value = data.get(key)
        return None if value is None else self.text(value, f"{where}.{key}")

    def items(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, f"expected a list, not {self.kind(value)}")
        return value

    def texts(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        values = self.items(data.get(key, []), f"{where}.{key}")
        return tuple(self.text(v, f"{where}.{key}[{i}]") for i, v in enumerate(values))

    def number(self, data: Mapping[str, Any], key: str, where: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{where}.{key}", f"expected a number, not {self.kind(value)}")
        if not math.isfinite(value):
            self.fail(f"{where}.{key}", "expected a finite number")
        return value

    def date(self, value: Any, where: str) -> EventDate:
        text = self.text(value, where)
        try:
            return EventDate.parse(text)
        except ChronologyError as error:
            self.fail(where, str(error))

    def citations(self, data: Mapping[str, Any], where: str) -> tuple[Citation, ...]:
        out = []
        for i, item in enumerate(self.items(data.get("sources", []), f"{where}.sources")):
            at = f"{where}.sources[{i}]"
            record = self.record(item, at, ("source", "quote"), ("locator",))
            out.append(
                Citation(
                    self.text(record["source"], f"{at}.source"),
                    self.text(record["quote"], f"{at}.quote"),
                    self.optional_text(record, "locator", at),
                )
            )
        return tuple(out)

    def source(self, value: Any, where: str) -> Source:
        fields = ("authors", "published", "file", "language", "archived_url")
        data = self.record(value, where, ("id", "title", "publisher", "url"), fields)
        published = self.optional_text(data, "published", where)
        try:
            day = PartialDate.parse(published) if published is not None else None
        except ChronologyError as error:
            self.fail(f"{where}.published", str(error))
        return Source(
            id=self.text(data["id"], f"{where}.id"),
            title=self.text(data["title"], f"{where}.title"),
            publisher=self.text(data["publisher"], f"{where}.publisher"),
            url=self.text(data["url"], f"{where}.url"),
            authors=self.texts(data, "authors", where),
            published=day,
            file=self.optional_text(data, "file", where),
            language=self.optional_text(data, "language", where),
            archived_url=self.optional_text(data, "archived_url", where),
        )

    def place(self, value: Any, where: str) -> Place:
        data = self.record(value, where, ("name", "country"), ("region", "lat", "lon"))
        lat, lon = self.number(data, "lat", where), self.number(data, "lon", where)
        return Place(
            name=self.text(data["name"], f"{where}.name"),
            country=self.text(data["country"], f"{where}.country"),
            region=self.optional_text(data, "region", where),
            lat=None if lat is None else float(lat),
            lon=None if lon is None else float(lon),
        )

    def figure(self, value: Any, where: str) -> Figure:
        optional = ("value", "low", "best", "high", "approximate")
        data = self.record(value, where, ("what", "unit"), optional)
        approximate = data.get("approximate", False)
        if not isinstance(approximate, bool):
            self.fail(
                f"{where}.approximate", f"expected true or false, not {self.kind(approximate)}"
            )
        return Figure(
            what=self.text(data["what"], f"{where}.what"),
            unit=self.text(data["unit"], f"{where}.unit"),
            value=self.number(data, "value", where),
            low=self.number(data, "low", where),
            best=self.number(data, "best", where),
            high=self.number(data, "high", where),
            approximate=approximate,
        )

    def event(self, value: Any, where: str) -> Event:
        required = ("id", "title", "date", "summary", "category")
        optional = ("when", "places", "actors", "tags", "figures", "sources", "related", "notes")
        data = self.record(value, where, required, optional)
        if isinstance(data["id"], str):
            where = f"{where} ({data['id']!r})"
        places = self.items(data.get("places", []), f"{where}.places")
        figures = self.items(data.get("figures", []), f"{where}.figures")
        return Event(
            id=self.text(data["id"], f"{where}.id"),
            title=self.text(data["title"], f"{where}.title"),
            date=self.date(data["date"], f"{where}.date"),
            summary=self.text(data["summary"], f"{where}.summary"),
            category=self.text(data["category"], f"{where}.category"),
            sources=self.citations(data, where),
            places=tuple(self.place(p, f"{where}.places[{i}]") for i, p in enumerate(places)),
            actors=self.texts(data, "actors", where),
            tags=self.texts(data, "tags", where),
            figures=tuple(self.figure(f, f"{where}.figures[{i}]") for i, f in enumerate(figures)),
            related=self.texts(data, "related", where),
            notes=self.optional_text(data, "notes", where),
        )

    def era(self, value: Any, where: str) -> Era:
        data = self.record(value, where, ("id", "label", "date"), ("when", "sources", "notes"))
        if isinstance(data["id"], str):
            where = f"{where} ({data['id']!r})"
        return Era(
            id=self.text(data["id"], f"{where}.id"),
            label=self.text(data["label"], f"{where}.label"),
            date=self.date(data["date"], f"{where}.date"),
            sources=self.citations(data, where),
            notes=self.optional_text(data, "notes", where),
        )

    def chronology(self, document: Any) -> Chronology:
        top = ("title", "categories", "aliases", "eras")
        if isinstance(document, dict) and document.get("format") != "chronology":
            self.fail("format", 'expected "format": "chronology" at the top')
        data = self.record(
            document, "the document", ("format", "version", "sources", "events"), top
        )
        version = data["version"]
        if isinstance(version, bool) or not isinstance(version, int):
            self.fail("version", f"expected a number, not {self.kind(version)}")
        if version != FORMAT_VERSION:
            self.fail(
                "version",
                f"this package reads version {FORMAT_VERSION}, not {version}"
                + (" (written by a newer chronology?)" if version > FORMAT_VERSION else ""),
            )
        title = self.optional_text(data, "title", "the document")
        categories: dict[str, Category] = {}
        raw_categories = data.get("categories", {})
        if not isinstance(raw_categories, dict):
            self.fail("categories", f"expected an object, not {self.kind(raw_categories)}")
        for slug, record in raw_categories.items():
            at = f"categories.{self.text(slug, 'categories')}"
            fields = self.record(record, at, ("label",), ("description",))
            categories[slug] = Category(
                slug,
                self.text(fields["label"], f"{at}.label"),
                self.optional_text(fields, "description", at),
            )
        aliases = data.get("aliases", {})
        if not isinstance(aliases, dict):
            self.fail("aliases", f"expected an object, not {self.kind(aliases)}")
        names = {
            self.text(name, "aliases"): self.texts(aliases, name, "aliases") for name in aliases
        }
        sources: dict[str, Source] = {}
        for i, item in enumerate(self.items(data["sources"], "sources")):
            source = self.source(item, f"sources[{i}]")
            if source.id in sources:
                self.fail(f"sources[{i}]", f"repeated source id {source.id!r}")
            sources[source.id] = source
        eras = [
            self.era(e, f"eras[{i}]")
            for i, e in enumerate(self.items(data.get("eras", []), "eras"))
        ]
        events = [
            self.event(e, f"events[{i}]")
            for i, e in enumerate(self.items(data["events"], "events"))
        ]
        try:
            return Chronology(
                events, sources, categories, title=title, eras=eras, aliases=Aliases(names)
            )
        except ValueError as error:
            self.fail("the document", str(error))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ChronologyError(f"not a valid chronology export: the key {key!r} appears twice")
        out[key] = value
    return out


def _no_constant(name: str) -> NoReturn:
    raise ChronologyError(f"not a valid chronology export: {name} is not a JSON number")


def from_json(text: str | bytes) -> Chronology:
    """Read a chronology back from its JSON export (:func:`to_json`).

    ``text`` is the export as text or as UTF-8 bytes (a byte order mark is
    allowed). The ``when`` of events and eras is derived data and is ignored.
    Anything that is not a valid export raises one
    :class:`~chronology.ChronologyError` that says where and what is wrong.

    >>> from_json('{"format": "chronology", "version": 1, "sources": [], "events": []}')
    <Chronology: no events>
    >>> from_json('{"format": "chronology", "version": 1, "sources": [], "events": [{}]}')
    Traceback (most recent call last):
    ...
    chronology.errors.ChronologyError: not a valid chronology export: events[0]: missing field 'id'
    """
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ChronologyError(
                f"not a valid chronology export: not UTF-8 text (byte {error.start})"
            ) from None
    elif not isinstance(text, str):
        raise ChronologyError(
            f"not a valid chronology export: expected text or bytes, not {type(text).__name__}"
        )
    text = text.removeprefix("\ufeff")
    try:
        document = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except ChronologyError:
        raise
    except json.JSONDecodeError as error:
        raise ChronologyError(
            f"not a valid chronology export: not JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg})"
        ) from None
    except (ValueError, RecursionError) as error:
        raise ChronologyError(
            f"not a valid chronology export: not readable JSON ({error})"
        ) from None
    return _Reader().chronology(document)


def read_json(path: str | os.PathLike[str]) -> Chronology:
    """Read a chronology from a JSON export file; see :func:`from_json`.

    Raises :class:`OSError` when the file cannot be read and
    :class:`~chronology.ChronologyError` (naming the file) when it is not a valid export.
    """
    data = Path(path).read_bytes()
    try:
        return from_json(data)
    except ChronologyError as error:
        raise ChronologyError(f"{os.fspath(path)}: {error}") from None


# -- csv --------------------------------------------------------------------------------------

#: The columns of the CSV export, in order.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "date_label",
    "earliest",
    "latest",
    "precision",
    "approximate",
    "uncertain",
    "title",
    "summary",
    "category",
    "category_label",
    "places",
    "countries",
    "actors",
    "tags",
    "sources",
    "quotes",
    "urls",
    "related",
    "notes",
)

#: The columns that hold lists (joined in CSV cells, tuples in a DataFrame).
_LIST_COLUMNS: tuple[str, ...] = (
    "places",
    "countries",
    "actors",
    "tags",
    "sources",
    "quotes",
    "urls",
    "related",
)

#: The separator of the items of a list cell.
LIST_SEPARATOR = "; "

#: The characters that make a spreadsheet read a cell as a formula (OWASP's list), and the
#: apostrophe itself, so that a leading apostrophe is never part of the data.
_GUARDED_START = ("=", "+", "-", "@", "\t", "\r", "'")


def _join(items: Iterable[str]) -> str:
    """List items in one cell: ``\\`` and ``;`` in an item are escaped with a backslash."""
    return LIST_SEPARATOR.join(i.replace("\\", "\\\\").replace(";", "\\;") for i in items)


def split_list(cell: str) -> list[str]:
    """The items of a list cell of the CSV export: the inverse of its joining rule.

    Items are joined with ``"; "``; a ``;`` or ``\\`` inside an item is written
    ``\\;`` or ``\\\\``. An empty cell is an empty list.

    >>> split_list(r"Almaty; Syria")
    ['Almaty', 'Syria']
    >>> split_list(r"one\\; two; three\\\\")
    ['one; two', 'three\\\\']
    >>> split_list("")
    []
    >>> split_list("a;b")  # written by hand: the space after ';' is optional
    ['a', 'b']
    """
    if not cell:
        return []
    items: list[str] = []
    current: list[str] = []
    i, size = 0, len(cell)
    while i < size:
        character = cell[i]
        if character == "\\" and i + 1 < size:
            current.append(cell[i + 1])
            i += 2
            continue
        if character == ";":
            items.append("".join(current))
            current = []
            i += 2 if cell[i + 1 : i + 2] == " " else 1  # one space after ';' belongs to it
            continue
        current.append(character)
        i += 1
    items.append("".join(current))
    return items


def _cell(value: str) -> str:
    """A cell that no spreadsheet runs as a formula: a leading ``'`` when it starts like one.

    A cell that starts with ``'`` gets one more, so a reader gets the data back by
    removing one leading apostrophe wherever there is one.
    """
    return "'" + value if value.startswith(_GUARDED_START) else value


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _row(chronology: Chronology, event: Event) -> dict[str, Any]:
    """One event as the values of the CSV and DataFrame columns (lists as tuples)."""
    date = event.date
    return {
        "id": event.id,
        "date": str(date),
        "date_label": date.label(),
        "earliest": date.earliest,
        "latest": date.latest,
        "precision": date.precision.name.lower(),
        "approximate": date.is_approximate,
        "uncertain": date.is_uncertain,
        "title": event.title,
        "summary": event.summary,
        "category": event.category,
        "category_label": _category_label(chronology, event.category),
        "places": tuple(p.name for p in event.places),
        "countries": tuple(dict.fromkeys(p.country for p in event.places)),
        "actors": event.actors,
        "tags": event.tags,
        "sources": tuple(c.source for c in event.sources),
        "quotes": tuple(c.quote for c in event.sources),
        "urls": tuple(_url_of(chronology, c) for c in event.sources),
        "related": event.related,
        "notes": event.notes,
    }


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _flag(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return _join(value)
    return str(value)


def to_csv(chronology: Chronology, *, bom: bool = False) -> str:
    """One row per event, with a header row (:data:`CSV_COLUMNS`); RFC 4180, CRLF line ends.

    ``earliest`` and ``latest`` are ISO days (empty for an open end), flags are
    ``true`` or ``false``. List cells (places, countries, actors, tags, sources,
    quotes, urls, related) join their items with ``"; "``, escaping ``;`` and
    ``\\`` inside an item with a backslash (see :func:`split_list`); item *i* of
    ``sources``, ``quotes`` and ``urls`` belongs to the event's citation *i*. A
    cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets a leading ``'`` so that no spreadsheet runs it as a formula, and so does
    a cell that starts with ``'``: a leading apostrophe is never data. ``bom=True``
    starts the text with a byte order mark, for Excel.

    >>> from chronology import Chronology, Citation, Event, EventDate
    >>> e = Event("e", "=1+1", EventDate.parse("2013"), "A; B", "c", (Citation("s", "q;"),))
    >>> print(to_csv(Chronology([e])).splitlines()[1])
    e,2013,2013,2013-01-01,2013-12-31,year,false,false,'=1+1,A; B,c,c,,,,,s,q\\;,,,
    """
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in chronology:
        row = _row(chronology, event)
        writer.writerow(_cell(_csv_text(row[column])) for column in CSV_COLUMNS)
    return ("\ufeff" if bom else "") + stream.getvalue()


# -- ics --------------------------------------------------------------------------------------

#: The most octets of one line of an iCalendar file, line break excluded (RFC 5545 3.1).
ICS_LINE_OCTETS = 75

# Control characters that iCalendar TEXT may not hold (all but tab; line breaks are escaped).
_ICS_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _ics_text(value: str) -> str:
    """``value`` as an iCalendar TEXT value (RFC 5545 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ICS_CONTROL.sub("", value)
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(raw, escaped)
    return value


def _fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets, never inside a character.

    >>> _fold("SUMMARY:" + "Қазақстан " * 5).split("\\r\\n")
    ['SUMMARY:Қазақстан Қазақстан Қазақстан Қазақ', ' стан Қазақстан ']
    """
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for character in line:
        octets = len(character.encode("utf-8"))
        if size + octets > ICS_LINE_OCTETS:
            lines.append("".join(current))
            current, size = [" "], 1
        current.append(character)
        size += octets
    lines.append("".join(current))
    return "\r\n".join(lines)


def _ics_day(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _ics_span(date: EventDate) -> tuple[dt.date, dt.date] | None:
    """The first day and the day after the last, or ``None`` when the span is not bounded."""
    if date.earliest is None or date.latest is None or date.latest == dt.date.max:
        return None
    return date.earliest, date.latest + dt.timedelta(days=1)


def _dtstamp(chronology: Chronology) -> str:
    """The DTSTAMP: the latest first day of the sources' publication dates, else 1970-01-01."""
    days = [s.published.earliest for s in chronology.sources.values() if s.published is not None]
    return _ics_day(max(days, default=dt.date(1970, 1, 1))) + "T000000Z"


def _citation_text(chronology: Chronology, citation: Citation) -> list[str]:
    source = _source_of(chronology, citation)
    if source is None:
        return [f'"{citation.quote}"', f"\u2014 {citation.source}"]
    credit = f"\u2014 {source.title}, {source.publisher}"
    if source.published is not None:
        credit += f", {source.published.label()}"
    return [f'"{citation.quote}"', credit, source.url]


def to_ics(chronology: Chronology) -> str:
    """The events as an iCalendar file (RFC 5545): one all-day span per event.

    Each event with a bounded span is a VEVENT from its earliest day
    (``DTSTART;VALUE=DATE``) to the day after its latest (``DTEND``, exclusive),
    with ``UID`` ``<event id>@chronology``, the title as ``SUMMARY``, the date
    label, summary and quoted sources in ``DESCRIPTION``, the category label in
    ``CATEGORIES``, the place names in ``LOCATION`` and the first source's
    address in ``URL``. Events with an open start or end are left out (see
    :func:`omitted`). ``DTSTAMP`` is fixed by the data, not the clock: the latest
    publication day of the chronology's sources (00:00 UTC), or 1 January 1970
    when none has one; so the same chronology always gives the same bytes. Lines
    end in CRLF and are folded at 75 octets.
    """
    from . import __version__

    stamp = _dtstamp(chronology)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//chronology//chronology {__version__}//EN",
        "CALSCALE:GREGORIAN",
    ]
    if chronology.title is not None:
        lines.append(f"X-WR-CALNAME:{_ics_text(chronology.title)}")
    for event in chronology:
        span = _ics_span(event.date)
        if span is None:
            continue
        description = [event.date.label(), "", event.summary]
        for citation in event.sources:
            description += ["", *_citation_text(chronology, citation)]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ics_text(event.id)}@chronology",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_ics_day(span[0])}",
            f"DTEND;VALUE=DATE:{_ics_day(span[1])}",
            f"SUMMARY:{_ics_text(event.title)}",
            f"DESCRIPTION:{_ics_text(chr(10).join(description))}",
            f"CATEGORIES:{_ics_text(_category_label(chronology, event.category))}",
        ]
        if event.places:
            places = LIST_SEPARATOR.join(p.name for p in event.places)
            lines.append(f"LOCATION:{_ics_text(places)}")
        url = _first_url(chronology, event)
        if url is not None and _is_web_url(url):
            lines.append(f"URL:{url}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


# -- timelinejs -------------------------------------------------------------------------------


def _tl_date(date: PartialDate) -> dict[str, int]:
    """A TimelineJS date object: the year, and the month and day when the date gives them."""
    out = {"year": date.year}
    if date.month is not None:
        out["month"] = date.month
    if date.day is not None:
        out["day"] = date.day
    return out


def _ends(date: EventDate) -> tuple[PartialDate, PartialDate | None]:
    """The known start and end of a date for TimelineJS (an open end is left out).

    A single date is a start without an end; an open start (``../2021-07``) starts
    at its known end, and an open end (``2013/..``) has a start only.
    """
    value = date.value
    if isinstance(value, DateInterval):
        if value.start is None:
            assert value.end is not None
            return value.end, None
        return value.start, value.end
    return value, None


def _html(text: str) -> str:
    """``text`` as HTML text: ``&``, ``<`` and ``>`` escaped."""
    return html.escape(text, quote=False)


def _attribute(text: str) -> str:
    """``text`` as a double-quoted HTML attribute value."""
    return html.escape(text, quote=True)


def _tl_text(chronology: Chronology, event: Event) -> str:
    parts = [f"<p>{_html(event.summary)}</p>"]
    for citation in event.sources:
        parts.append(f"<blockquote>{_html(citation.quote)}</blockquote>")
        source = _source_of(chronology, citation)
        if source is None:
            parts.append(f"<p>\u2014 {_html(citation.source)}</p>")
            continue
        name = _html(source.title)
        if _is_web_url(source.url):
            name = f'<a href="{_attribute(source.url)}">{name}</a>'
        parts.append(f"<p>\u2014 {name}, {_html(source.publisher)}</p>")
    return "".join(parts)


def _group(chronology: Chronology, event: Event, lanes: str) -> str | None:
    """The lane of an event as TimelineJS ``group`` text (HTML: TimelineJS shows it as such)."""
    if lanes == "category":
        return _html(_category_label(chronology, event.category))
    if lanes == "tag":
        return _html(event.tags[0]) if event.tags else "(no tag)"
    if lanes == "country":
        if not event.places:
            return "(no place)"
        code = event.places[0].country
        return _html(f"{COUNTRY_NAMES[code]} ({code})" if code in COUNTRY_NAMES else code)
    return None


def to_timelinejs(chronology: Chronology, *, lanes: str = "category") -> str:
    """The chronology as TimelineJS3 JSON, for Knight Lab's web timeline.

    One slide per event: ``start_date`` (and ``end_date`` for a period) with
    the year, month and day only as far as the date gives them; the date label
    as ``display_date``; ``unique_id`` the event id; the title as headline and
    the summary with each quote and a link to its source as HTML text (all data
    HTML-escaped; only http(s) addresses are linked). An open end is left out
    (an open start begins at the known end). ``group`` is the lane: the
    category label (``lanes="category"``), the first tag (``"tag"``), the first
    place's country (``"country"``), or none (``"none"``). Eras with both ends
    known become TimelineJS eras; the title, when the chronology has one, the
    title slide.
    """
    if lanes not in LANE_MODES:
        raise ChronologyError(f"unknown lane mode {lanes!r}; choose one of {', '.join(LANE_MODES)}")
    document: dict[str, Any] = {}
    if chronology.title is not None:
        document["title"] = {
            "text": {"headline": _html(chronology.title), "text": _html(_counts(chronology))}
        }
    events = []
    for event in chronology:
        start, end = _ends(event.date)
        slide: dict[str, Any] = {"start_date": _tl_date(start)}
        if end is not None:
            slide["end_date"] = _tl_date(end)
        slide["display_date"] = _html(event.date.label())
        slide["text"] = {"headline": _html(event.title), "text": _tl_text(chronology, event)}
        group = _group(chronology, event, lanes)
        if group is not None:
            slide["group"] = group
        slide["unique_id"] = event.id
        events.append(slide)
    document["events"] = events
    eras = []
    for era in chronology.eras:
        if era.date.earliest is None or era.date.latest is None:
            continue
        start, end = _ends(era.date)
        eras.append(
            {
                "start_date": _tl_date(start),
                "end_date": _tl_date(end if end is not None else start),
                "text": {"headline": _html(era.label)},
            }
        )
    if eras:
        document["eras"] = eras
    return _dumps(document)


# -- markdown ---------------------------------------------------------------------------------

# ASCII punctuation that means something inline in CommonMark or GitHub Markdown
# (``$`` is GitHub's math, ``~`` its strikethrough, ``|`` its tables); each is written
# with a backslash.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#])")
# What would start a block (heading, list, quote, thematic break) at the start of a line.
_MD_BLOCK_START = re.compile(r"^([-+=>#]|\d+[.)])")
_SPACE = re.compile(r"\s+")
# Control characters, once whitespace is collapsed: Markdown has no way to show them.
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_FOOTNOTE_LABEL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _md(text: str, *, line_start: bool = False) -> str:
    """``text`` as Markdown that shows it literally, on one line.

    Runs of whitespace become one space, and control characters are dropped.

    ``line_start``: the text starts a line, so a list marker, quote or heading
    at its start is escaped too.
    """
    text = _MD_INLINE.sub(r"\\\1", _CONTROL.sub("", _SPACE.sub(" ", text)).strip())
    match = _MD_BLOCK_START.match(text) if line_start else None
    if match:
        end = match.end()
        text = text[: end - 1] + "\\" + text[end - 1 :]
    return text


def _sentence(text: str) -> str:
    """``text`` ending with a full stop, unless it already ends a sentence."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "\u2026")) else text + "."


def _footnote_labels(chronology: Chronology) -> dict[str, str]:
    """A footnote label for each cited source, in order of first citation.

    A source id that is a slug is its own label; any other gets ``source-N``.
    """
    labels: dict[str, str] = {}
    used: set[str] = set()
    cited = [c.source for event in chronology for c in event.sources]
    for source_id in dict.fromkeys(cited):
        if _FOOTNOTE_LABEL.fullmatch(source_id) and source_id not in used:
            labels[source_id] = source_id
            used.add(source_id)
    number = 0
    for source_id in dict.fromkeys(cited):
        if source_id in labels:
            continue
        number += 1
        while f"source-{number}" in used or f"source-{number}" in chronology.sources:
            number += 1
        labels[source_id] = f"source-{number}"
        used.add(labels[source_id])
    return {s: labels[s] for s in dict.fromkeys(cited)}


def _footnote(chronology: Chronology, source_id: str) -> str:
    source = chronology.sources.get(source_id)
    if source is None:
        return _md(source_id, line_start=True)
    text = f'{_md(source.publisher, line_start=True)}, "{_md(source.title)}"'
    if source.published is not None:
        text += f", {source.published}"
    text += "."
    if _is_web_url(source.url):
        text += f" <{source.url}>"
    else:
        text += f" {_md(source.url)}"
    return text


def to_markdown(chronology: Chronology) -> str:
    """The chronology as a Markdown document (CommonMark with footnotes, as GitHub reads it).

    A ``#`` title, a line of counts, then a ``##`` heading per year (the year each
    event sorts in) with one bullet per event: the date label in bold, the title,
    the summary and a footnote for each source it cites. The footnotes at the end
    give each source's publisher, title, publication date and address. Every
    text from the data is escaped, so it shows as written and never as markup
    or HTML; line breaks in it become spaces.

    >>> from chronology import Chronology, Citation, Event, EventDate
    >>> e = Event("e", "A *bold* claim", EventDate.parse("2013~"), "S.", "c", (Citation("s", "q"),))
    >>> print(to_markdown(Chronology([e], title="T")))
    # T
    <BLANKLINE>
    1 event, 2013, citing 1 source.
    <BLANKLINE>
    ## 2013
    <BLANKLINE>
    - **c. 2013** — A \\*bold\\* claim. S. [^s]
    <BLANKLINE>
    [^s]: s
    <BLANKLINE>
    """
    labels = _footnote_labels(chronology)
    noun = "source" if len(labels) == 1 else "sources"
    lines = [f"# {_md(chronology.title or '') or 'Chronology'}", ""]
    counts = _counts(chronology)
    lines += [f"{counts[0].upper()}{counts[1:]}, citing {len(labels)} {noun}.", ""]
    for year, events in itertools.groupby(chronology, key=lambda e: e.date.anchor.year):
        lines += [f"## {year:04d}", ""]
        for event in events:
            cited = dict.fromkeys(c.source for c in event.sources)
            text = f"- **{_md(event.date.label())}** \u2014 {_sentence(_md(event.title))}"
            summary = _md(event.summary)
            if summary:
                text += f" {summary}"
            if cited:
                text += " " + "".join(f"[^{labels[s]}]" for s in cited)
            lines.append(text)
        lines.append("")
    for source_id, label in labels.items():
        lines.append(f"[^{label}]: {_footnote(chronology, source_id)}")
    if labels:
        lines.append("")
    return "\n".join(lines)


# -- geojson ----------------------------------------------------------------------------------


def _coordinates(place: Place) -> list[float] | None:
    """``[lon, lat]`` of a place, or ``None`` when it has no valid coordinates."""
    lat, lon = place.lat, place.lon
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [lon, lat]


def to_geojson(chronology: Chronology) -> str:
    """A GeoJSON FeatureCollection (RFC 7946): one Point per event and place with coordinates.

    An event at two places with coordinates is two features; places without
    coordinates, and events without any, are left out (see :func:`omitted`).
    Coordinates are ``[longitude, latitude]``; the properties describe the event
    (``id``, ``title``, ``summary``, ``date``, ``date_label``, ``earliest``,
    ``latest``, ``precision``, ``approximate``, ``uncertain``, ``category``,
    ``category_label``, ``url``) and the place (``place``, ``region``, ``country``).
    """
    features = []
    for event in chronology:
        date = event.date
        for place in event.places:
            point = _coordinates(place)
            if point is None:
                continue
            properties = {
                "id": event.id,
                "title": event.title,
                "summary": event.summary,
                "date": str(date),
                "date_label": date.label(),
                "earliest": _iso(date.earliest),
                "latest": _iso(date.latest),
                "precision": date.precision.name.lower(),
                "approximate": date.is_approximate,
                "uncertain": date.is_uncertain,
                "category": event.category,
                "category_label": _category_label(chronology, event.category),
                "place": place.name,
                "region": place.region,
                "country": place.country,
                "url": _first_url(chronology, event),
            }
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": point},
                    "properties": properties,
                }
            )
    return _dumps({"type": "FeatureCollection", "features": features})


# -- pandas -----------------------------------------------------------------------------------


def to_dataframe(chronology: Chronology) -> pandas.DataFrame:
    """One row per event, with the columns of the CSV export (:data:`CSV_COLUMNS`) and dtypes.

    ``earliest`` and ``latest`` are ``datetime64[us]`` (``NaT`` for an open end;
    microseconds reach years 1 to 9999), ``precision`` an ordered categorical
    (year < month < day), ``category`` a categorical of the chronology's
    categories, ``approximate`` and ``uncertain`` booleans, and the list columns
    hold tuples. Needs pandas: ``pip install 'chronology[dataframe]'``.
    """
    try:
        import numpy as np
        import pandas as pd
    except ImportError as error:
        raise ModuleNotFoundError(
            "to_dataframe() needs pandas: pip install 'chronology[dataframe]'", name="pandas"
        ) from error
    rows = [_row(chronology, event) for event in chronology]
    columns: dict[str, Any] = {name: [row[name] for row in rows] for name in CSV_COLUMNS}
    for name in ("earliest", "latest"):
        days = ["NaT" if day is None else day.isoformat() for day in columns[name]]
        columns[name] = pd.Series(np.array(days, dtype="datetime64[us]"), dtype="datetime64[us]")
    columns["precision"] = pd.Categorical(
        columns["precision"], categories=["year", "month", "day"], ordered=True
    )
    used = sorted(set(columns["category"]) - set(chronology.categories))
    columns["category"] = pd.Categorical(
        columns["category"], categories=[*chronology.categories, *used]
    )
    for name in ("approximate", "uncertain"):
        columns[name] = pd.Series(columns[name], dtype=bool)
    for name in _LIST_COLUMNS:
        columns[name] = pd.Series(columns[name], dtype=object)
    return pd.DataFrame(columns, columns=list(CSV_COLUMNS))


_EXPORTERS: Mapping[str, Callable[..., str]] = {
    "json": to_json,
    "csv": to_csv,
    "ics": to_ics,
    "timelinejs": to_timelinejs,
    "markdown": to_markdown,
    "geojson": to_geojson,
}
