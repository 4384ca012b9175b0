"""The typed records of a chronology: frozen attrs classes.

Each class has a named constructor ``from_dict`` that takes one record as it
appears in a *validated* data file; validation (:mod:`chronology.validate`) is
what guarantees the shape, so these constructors do not repeat its checks.

>>> e = Event.from_dict({
...     "id": "2013-10-video", "title": "Video of Kazakh militants", "date": "2013-10",
...     "summary": "A husband appears in a video.", "category": "foreign-fighters",
...     "sources": [{"source": "caravanserai-2017", "quote": "In October 2013"}],
... })
>>> e.date.precision.name, e.sources[0].source
('MONTH', 'caravanserai-2017')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .dates import EventDate, PartialDate

__all__ = ["Category", "Citation", "Era", "Event", "Figure", "Place", "Source"]


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


def _record(pairs: Mapping[str, Any]) -> dict[str, Any]:
    """A record as in a data file: fields in order, leaving out the unset (None, empty)."""
    out: dict[str, Any] = {}
    for key, value in pairs.items():
        if value is None or value == () or value == []:
            continue
        out[key] = list(value) if isinstance(value, tuple) else value
    return out


@attrs.frozen
class Source:
    """A published text that events cite.

    >>> import chronology
    >>> source = chronology.load().sources["caravanserai-2017"]
    >>> source.publisher, str(source.published), source.file
    ('Caravanserai (central.asia-news.com)', '2017-01-11', 'seeds/000_e44ce8115bf0418b.txt')
    """

    #: The source's id, a slug unique among sources.
    id: str
    #: The article's or document's title.
    title: str
    #: Who published it.
    publisher: str
    #: Where it was published (``http://`` or ``https://``).
    url: str
    #: The authors' names, in file order; empty when the source names none.
    authors: tuple[str, ...] = ()
    #: When it was published, as precise as known (``2021``, ``2021-07``, ``2021-07-07``).
    published: PartialDate | None = None
    #: Path to a local copy of the text, relative to the data file's folder; quotes of
    #: this source are verified against it.
    file: str | None = None
    #: The source's language tag, such as ``en``, ``ru``, ``kk``.
    language: str | None = None
    #: An archived copy of the source (``http://`` or ``https://``).
    archived_url: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        """Build a source from its record in a data file."""
        published = data.get("published")
        return cls(
            id=data["id"],
            title=data["title"],
            publisher=data["publisher"],
            url=data["url"],
            authors=_strings(data.get("authors")),
            published=PartialDate.parse(published) if published is not None else None,
            file=data.get("file"),
            language=data.get("language"),
            archived_url=data.get("archived_url"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The source as its record in a data file (unset fields left out)."""
        return _record(
            {
                "id": self.id,
                "title": self.title,
                "publisher": self.publisher,
                "authors": self.authors,
                "published": str(self.published) if self.published is not None else None,
                "url": self.url,
                "archived_url": self.archived_url,
                "file": self.file,
                "language": self.language,
            }
        )


@attrs.frozen
class Category:
    """A kind of event, used for lanes and filters.

    >>> Category("protest", "Protests").to_dict()
    {'label': 'Protests'}
    """

    #: The category's slug, its key under ``categories`` and an event's ``category``.
    slug: str
    #: The category's name as readers see it.
    label: str
    #: What the category covers.
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The category's record under ``categories`` in a data file (without its slug)."""
        return _record({"label": self.label, "description": self.description})


@attrs.frozen
class Place:
    """Where an event happened: a named place, in a country.

    >>> Place.from_dict({"name": "Al-Hol camp", "country": "SY", "lat": 36.37, "lon": 41.15})
    Place(name='Al-Hol camp', country='SY', region=None, lat=36.37, lon=41.15)
    """

    #: The place's name, such as ``Almaty``.
    name: str
    #: The country's ISO 3166-1 alpha-2 code, such as ``KZ``.
    country: str
    #: The region, province or oblast.
    region: str | None = None
    #: Latitude in degrees, -90..90; given together with ``lon``.
    lat: float | None = None
    #: Longitude in degrees, -180..180; given together with ``lat``.
    lon: float | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Place:
        """Build a place from its record in a data file."""
        lat, lon = data.get("lat"), data.get("lon")
        return cls(
            name=data["name"],
            country=data["country"],
            region=data.get("region"),
            lat=float(lat) if lat is not None else None,
            lon=float(lon) if lon is not None else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The place as its record in a data file (unset fields left out)."""
        return _record(
            {
                "name": self.name,
                "country": self.country,
                "region": self.region,
                "lat": self.lat,
                "lon": self.lon,
            }
        )

    @property
    def has_coordinates(self) -> bool:
        """Whether the place has both a latitude and a longitude."""
        return self.lat is not None and self.lon is not None


@attrs.frozen
class Citation:
    """A verbatim quote from a source that supports an event.

    >>> Citation("hrw-2019", "The women and children were flown home.").to_dict()
    {'source': 'hrw-2019', 'quote': 'The women and children were flown home.'}
    """

    #: The id of the cited source, a key of :attr:`Chronology.sources`.
    source: str
    #: Text copied exactly from the source.
    quote: str
    #: Free text that helps find the passage, such as a section, a paragraph, "part 2".
    locator: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Citation:
        """Build a citation from its record in a data file."""
        return cls(source=data["source"], quote=data["quote"], locator=data.get("locator"))

    def to_dict(self) -> dict[str, Any]:
        """The citation as its record in a data file (unset fields left out)."""
        return _record({"source": self.source, "quote": self.quote, "locator": self.locator})


@attrs.frozen
class Figure:
    """A quantity a source reports: one ``value``, or a ``low``/``best``/``high`` range.

    "Around 700 people" is a value marked approximate, not an invented exact count:

    >>> around = Figure.from_dict({"what": "people", "unit": "people", "value": 700,
    ...                            "approximate": True})
    >>> around.value, around.approximate, around.is_range
    (700, True, False)
    >>> Figure("fighters", "people", low=300, high=500).is_range
    True
    """

    #: What is counted.
    what: str
    #: The unit, such as ``people``, ``children``, ``KZT``, ``views``.
    unit: str
    #: The number the source gives, or None for a range.
    value: float | None = None
    #: The low end of a range.
    low: float | None = None
    #: The best estimate within a range.
    best: float | None = None
    #: The high end of a range.
    high: float | None = None
    #: True when the source hedges ("around", "some", "roughly").
    approximate: bool = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Figure:
        """Build a figure from its record in a data file."""
        return cls(
            what=data["what"],
            unit=data["unit"],
            value=data.get("value"),
            low=data.get("low"),
            best=data.get("best"),
            high=data.get("high"),
            approximate=bool(data.get("approximate", False)),
        )

    def to_dict(self) -> dict[str, Any]:
        """The figure as its record in a data file (unset fields left out)."""
        return _record(
            {
                "what": self.what,
                "value": self.value,
                "low": self.low,
                "best": self.best,
                "high": self.high,
                "unit": self.unit,
                "approximate": True if self.approximate else None,
            }
        )

    @property
    def is_range(self) -> bool:
        """Whether the source gives a range rather than one number."""
        return self.value is None


@attrs.frozen
class Event:
    """One dated, sourced event of a chronology.

    >>> import chronology
    >>> event = chronology.load()["2013-asya-family-goes-to-syria"]
    >>> event.category, [p.country for p in event.places], event.sources[0].source
    ('foreign-fighters', ['SY'], 'caravanserai-2017')
    >>> event.figures[0].value, event.figures[0].unit
    (2, 'children')
    """

    #: The event's id, a slug unique among events.
    id: str
    #: A short headline, at most 80 characters.
    title: str
    #: When it happened, as precise as the sources allow.
    date: EventDate
    #: One or two sentences in the curator's words, at most 600 characters.
    summary: str
    #: The event's category slug; a key of ``categories`` when that is present.
    category: str
    #: Citations that support the event; at least one.
    sources: tuple[Citation, ...]
    #: Where it happened.
    places: tuple[Place, ...] = ()
    #: Names of the people and organisations involved.
    actors: tuple[str, ...] = ()
    #: Tags for filtering, each a slug.
    tags: tuple[str, ...] = ()
    #: Quantities the sources report.
    figures: tuple[Figure, ...] = ()
    #: Ids of other events of the chronology.
    related: tuple[str, ...] = ()
    #: The curator's own remarks, kept apart from what the sources say.
    notes: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        """Build an event from its record in a data file."""
        return cls(
            id=data["id"],
            title=data["title"],
            date=EventDate.parse(data["date"]),
            summary=data["summary"],
            category=data["category"],
            sources=tuple(Citation.from_dict(c) for c in data["sources"]),
            places=tuple(Place.from_dict(p) for p in data.get("places") or ()),
            actors=_strings(data.get("actors")),
            tags=_strings(data.get("tags")),
            figures=tuple(Figure.from_dict(f) for f in data.get("figures") or ()),
            related=_strings(data.get("related")),
            notes=data.get("notes"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The event as its record in a data file, in the canonical field order.

        Unset fields are left out, so ``Event.from_dict(e.to_dict()) == e``.
        """
        return _record(
            {
                "id": self.id,
                "title": self.title,
                "date": str(self.date),
                "summary": self.summary,
                "category": self.category,
                "places": [p.to_dict() for p in self.places],
                "actors": self.actors,
                "tags": self.tags,
                "figures": [f.to_dict() for f in self.figures],
                "sources": [c.to_dict() for c in self.sources],
                "related": self.related,
                "notes": self.notes,
            }
        )

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """Chronological order: the date's total order, then the id."""
        return (*self.date.sort_key, self.id)


@attrs.frozen
class Era:
    """A sourced period that gives context to the events, shaded behind a timeline.

    >>> era = Era.from_dict({
    ...     "id": "isil-territorial-control", "label": "ISIL holds territory", "date": "../2019-03",
    ...     "sources": [{"source": "aljazeera-2021", "quote": "in March 2019"}],
    ... })
    >>> era.date.earliest is None, era.date.latest
    (True, datetime.date(2019, 3, 31))
    """

    #: The era's id, a slug unique among eras.
    id: str
    #: A short name shown on the timeline, at most 60 characters.
    label: str
    #: When the period ran, as precise as the sources allow; an end they do not give
    #: stays open.
    date: EventDate
    #: Citations that support the era; at least one.
    sources: tuple[Citation, ...]
    #: The curator's own remarks, kept apart from what the sources say.
    notes: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Era:
        """Build an era from its record in a data file."""
        return cls(
            id=data["id"],
            label=data["label"],
            date=EventDate.parse(data["date"]),
            sources=tuple(Citation.from_dict(c) for c in data["sources"]),
            notes=data.get("notes"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The era as its record in a data file (unset fields left out)."""
        return _record(
            {
                "id": self.id,
                "label": self.label,
                "date": str(self.date),
                "sources": [c.to_dict() for c in self.sources],
                "notes": self.notes,
            }
        )

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """Chronological order, as for events: the date's total order, then the id."""
        return (*self.date.sort_key, self.id)
