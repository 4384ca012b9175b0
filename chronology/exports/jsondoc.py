"""The JSON export: :func:`to_json`, and :func:`from_json` / :func:`read_json` with their reader."""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from ..aliases import Aliases
from ..chronology import Chronology
from ..dates import EventDate, PartialDate
from ..errors import ChronologyError
from ..model import Category, Citation, Era, Event, Figure, Place, Source
from ._common import _dumps, _iso

#: The version of the JSON export's layout; :func:`from_json` reads this version.
FORMAT_VERSION = 1


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
    >>> from chronology.exports import to_json
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

    >>> from chronology.exports import from_json
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

    >>> import tempfile
    >>> from pathlib import Path
    >>> import chronology
    >>> from chronology.exports import read_json, write
    >>> c = chronology.load()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "chronology.json"
    ...     write(c, "json", path)
    ...     read_json(path) == c
    True
    """
    data = Path(path).read_bytes()
    try:
        return from_json(data)
    except ChronologyError as error:
        raise ChronologyError(f"{os.fspath(path)}: {error}") from None
