"""The :class:`Chronology`: an immutable, sorted sequence of events, and its queries.

Queries return new chronologies and compose by chaining. They are answered from
lookup tables (:mod:`chronology.index`) built once per loaded chronology, the
first time each is needed, and shared by every chronology derived from it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, overload

from ._countries import COMMON_NAMES, COUNTRY_NAMES
from .aliases import Aliases, fold
from .dates import EventDate
from .index import Index, Positions, merge
from .model import Category, Era, Event, Source

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .render import Timeline

__all__ = ["GROUPINGS", "Chronology", "DateBound", "Grouping"]

#: One end of the period of :meth:`Chronology.between`: a date string, a day or no bound.
DateBound: TypeAlias = str | dt.date | None

#: What :meth:`Chronology.group_by` and :meth:`Chronology.counts` group events by.
Grouping: TypeAlias = Literal["year", "category", "tag", "place", "country", "actor", "source"]
GROUPINGS: tuple[Grouping, ...] = ("year", "category", "tag", "place", "country", "actor", "source")

_COUNTRY_CODES = {
    **{fold(name): code for code, name in COUNTRY_NAMES.items()},
    **{fold(name): code for name, code in COMMON_NAMES.items()},
}


def _repeated(ids: Iterable[str]) -> list[str]:
    counts = Counter(ids)
    return sorted(i for i, n in counts.items() if n > 1)


#: A query's answer of fewer than 1/_NARROW_SHARE of all the events is narrowed by
#: date event by event; a larger one is intersected with the index's answer.
_NARROW_SHARE = 4


class Chronology(Sequence[Event]):
    """Events in chronological order, with the sources and categories they use.

    Order is the date's total order (earliest possible day, then the wider
    date first), then the event id. Look an event up by id with :meth:`get`
    or ``chronology["some-id"]``. ``title`` names the chronology, ``eras``
    holds its context periods (in the same order as events) and ``aliases``
    the spellings of its names. Every chronology derived from this one (a
    slice, :meth:`filter`, :meth:`between`, ...) keeps all of these.

    A chronology cannot be changed: queries return new ones.

    >>> import chronology
    >>> c = chronology.load()
    >>> c[0].date <= c[-1].date
    True
    >>> c.get(c[0].id) is c[0]
    True
    >>> c.tagged("women").between("2019").title == c.title
    True
    """

    __slots__ = (
        "_aliases",
        "_categories",
        "_eras",
        "_events",
        "_index",
        "_members",
        "_positions",
        "_sources",
        "_title",
    )

    _aliases: Aliases
    _categories: Mapping[str, Category]
    _eras: tuple[Era, ...]
    _events: tuple[Event, ...] | None  # made when first asked for (see events)
    _index: Index
    _members: frozenset[int] | None
    _positions: Sequence[int]
    _sources: Mapping[str, Source]
    _title: str | None

    def __init__(
        self,
        events: Iterable[Event],
        sources: Mapping[str, Source] | None = None,
        categories: Mapping[str, Category] | None = None,
        *,
        title: str | None = None,
        eras: Iterable[Era] = (),
        aliases: Aliases | Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        ordered = tuple(sorted(events, key=lambda e: e.sort_key))
        if len({e.id for e in ordered}) != len(ordered):
            twice = _repeated(e.id for e in ordered)
            raise ValueError(f"event ids must be unique; repeated: {', '.join(twice)}")
        era_list = tuple(sorted(eras, key=lambda e: e.sort_key))
        if len({e.id for e in era_list}) != len(era_list):
            twice = _repeated(e.id for e in era_list)
            raise ValueError(f"era ids must be unique; repeated: {', '.join(twice)}")
        names = aliases if isinstance(aliases, Aliases) else Aliases.from_dict(aliases)
        self._events = ordered
        self._positions = range(len(ordered))
        self._members = None
        self._index = Index(ordered, names)
        self._eras = era_list
        self._sources = MappingProxyType(dict(sources or {}))
        self._categories = MappingProxyType(dict(categories or {}))
        self._title = title
        self._aliases = names

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Chronology:
        """Build a chronology from the contents of a *validated* data file."""
        categories = {
            slug: Category(slug, record["label"], record.get("description"))
            for slug, record in (data.get("categories") or {}).items()
        }
        return cls(
            (Event.from_dict(e) for e in data["events"]),
            {s["id"]: Source.from_dict(s) for s in data["sources"]},
            categories,
            title=data.get("title"),
            eras=(Era.from_dict(e) for e in data.get("eras") or ()),
            aliases=Aliases.from_dict(data.get("aliases")),
        )

    def _view(self, positions: Sequence[int]) -> Chronology:
        """The chronology of the events at ``positions`` (ascending) of this one's index."""
        view = object.__new__(Chronology)
        view._index = self._index
        view._positions = positions
        view._members = None
        view._events = None  # a query's answer is often only counted or narrowed further
        view._eras = self._eras
        view._sources = self._sources
        view._categories = self._categories
        view._title = self._title
        view._aliases = self._aliases
        return view

    def _mine(self, found: Positions) -> Positions:
        """The positions in ``found`` (ascending) that this chronology holds."""
        mine = self._positions
        if isinstance(mine, range) and mine.step == 1:  # the whole chronology, or a slice
            if len(mine) == len(self._index.events):
                return found
            return found[
                bisect.bisect_left(found, mine.start) : bisect.bisect_left(found, mine.stop)
            ]
        # The intersection of two sorted lists, in set operations: a set of the shorter,
        # the longer run through it, the result sorted.
        shorter, longer = (found, mine) if len(found) <= len(mine) else (mine, found)
        return sorted(set(shorter).intersection(longer))

    def _held(self) -> range | frozenset[int]:
        """The positions this chronology holds, for membership tests in constant time."""
        if isinstance(self._positions, range):
            return self._positions
        if self._members is None:
            self._members = frozenset(self._positions)
        return self._members

    # -- the record of the chronology ------------------------------------------------

    @property
    def sources(self) -> Mapping[str, Source]:
        """The sources of the data file, by id (read-only)."""
        return self._sources

    @property
    def categories(self) -> Mapping[str, Category]:
        """The declared categories, by slug, in file order (read-only)."""
        return self._categories

    @property
    def title(self) -> str | None:
        """The chronology's title, if its data file gives one."""
        return self._title

    @property
    def eras(self) -> tuple[Era, ...]:
        """The context periods of the chronology, in date order."""
        return self._eras

    @property
    def aliases(self) -> Aliases:
        """The canonical names and their variants that queries match."""
        return self._aliases

    @property
    def events(self) -> tuple[Event, ...]:
        """The events, in order, as a tuple."""
        if self._events is None:
            self._events = tuple(map(self._index.events.__getitem__, self._positions))
        return self._events

    # -- the sequence ----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> Chronology: ...

    @overload
    def __getitem__(self, index: str) -> Event: ...

    def __getitem__(self, index: int | slice | str) -> Event | Chronology:
        if isinstance(index, str):
            event = self.get(index)
            if event is None:
                raise KeyError(index)
            return event
        if isinstance(index, slice):
            return self._view(self._positions[index])
        return self._index.events[self._positions[index]]

    def __iter__(self) -> Iterator[Event]:
        return map(self._index.events.__getitem__, self._positions)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return self.get(item) is not None
        return isinstance(item, Event) and self.get(item.id) == item

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Chronology):
            return NotImplemented
        return (
            self.events == other.events
            and self._sources == other._sources
            and self._categories == other._categories
            and self._title == other._title
            and self._eras == other._eras
            and self._aliases == other._aliases
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        if not self:
            return "<Chronology: no events>"
        return f"<Chronology: {len(self)} events, {self[0].date} .. {self[-1].date}>"

    def get(self, event_id: str, default: Event | None = None) -> Event | None:
        """The event with this id, or ``default``."""
        position = self._index.position.get(event_id)
        if position is None or position not in self._held():
            return default
        return self._index.events[position]

    # -- queries -----------------------------------------------------------------------

    def filter(self, predicate: Callable[[Event], bool]) -> Chronology:
        """A new chronology of the events for which ``predicate`` is true (a scan)."""
        every = self._index.events
        return self._view([p for p in self._positions if predicate(every[p])])

    def between(
        self, start: DateBound = None, end: DateBound = None, *, inside: bool = False
    ) -> Chronology:
        """The events that may overlap the period from ``start`` to ``end``.

        Each end is a date string of the data format, meaning every day it covers
        (``between("2019", "2019")`` is the whole of 2019), a :class:`datetime.date`,
        or ``None`` for no bound. An event is kept when it may share a day with the
        period: ``2013`` overlaps October 2013, and an open start (``../2021-07-07``)
        may overlap anything up to its end. With ``inside=True`` only the events
        certainly inside the period are kept: every day they may mean lies within it.

        Raises :class:`~chronology.DateError` for a date string that is not a date
        and :class:`ValueError` when the period starts after it ends.

        >>> import chronology
        >>> c = chronology.load()
        >>> "2019-03-isil-military-defeat" in c.between("2019-03", "2019-03")
        True
        >>> "2019-poor-mothers-protests" in c.between("2019-03", "2019-03")
        True
        >>> "2019-poor-mothers-protests" in c.between("2019-03", "2019-03", inside=True)
        False
        >>> all(e.date.latest.year <= 2014 for e in c.between(end="2014", inside=True))
        True
        """
        first, last = _days(start)[0], _days(end)[1]
        if first is not None and last is not None and first > last:
            raise ValueError(f"the period from {start} to {end} starts after it ends")
        dates = self._index.dates
        mine = self._positions
        if len(mine) * _NARROW_SHARE < len(self._index.events):  # a few: check each
            return self._view(dates.narrow(mine, first, last, inside=inside))
        found = dates.inside(first, last) if inside else dates.overlapping(first, last)
        return self._view(self._mine(found))

    def in_category(self, *slugs: str) -> Chronology:
        """The events filed under any of the categories ``slugs``.

        >>> import chronology
        >>> c = chronology.load()
        >>> sorted({e.category for e in c.in_category("protest", "justice")})
        ['justice', 'protest']
        """
        index = self._index
        return self._view(self._mine(index.keyed(index.categories, slugs)))

    def tagged(self, *tags: str) -> Chronology:
        """The events that carry any of the ``tags``.

        >>> import chronology
        >>> c = chronology.load()
        >>> all("zhusan" in e.tags or "rusafa" in e.tags for e in c.tagged("zhusan", "rusafa"))
        True
        >>> "2021-zhusan-rusafa-repatriation" in c.tagged("rusafa")
        True
        """
        index = self._index
        return self._view(self._mine(index.keyed(index.tags, tags)))

    def citing(self, *source_ids: str) -> Chronology:
        """The events that cite any of the sources ``source_ids``.

        >>> import chronology
        >>> c = chronology.load()
        >>> all(any(s.source == "hrw-2019" for s in e.sources) for e in c.citing("hrw-2019"))
        True
        """
        index = self._index
        return self._view(self._mine(index.keyed(index.sources, source_ids)))

    def in_country(self, *countries: str) -> Chronology:
        """The events at a place in any of ``countries``: ISO codes or English names.

        Codes and names match whatever their case and accents.

        >>> import chronology
        >>> c = chronology.load()
        >>> c.in_country("sy") == c.in_country("Syria") == c.in_country("SY")
        True
        """
        index = self._index
        return self._view(self._mine(index.keyed(index.countries, _codes(countries))))

    def at_place(self, *names: str) -> Chronology:
        """The events at a place that any of ``names`` names, or in a country it names.

        A name matches a place whose name has all its words, in order, in any
        spelling the chronology's aliases list, whatever the case and accents
        (``"al-hol"`` finds "Al-Hol camp"). A name that is an ISO country code
        or an English country name matches every place in that country.

        >>> import chronology
        >>> c = chronology.load()
        >>> c.at_place("syria") == c.at_place("SY")
        True
        >>> "2021-zhusan-rusafa-repatriation" in c.at_place("al-hol camp")
        True
        """
        index = self._index
        found = merge(
            (
                index.named(index.places, names),
                index.keyed(index.countries, _codes(names)),
            )
        )
        return self._view(self._mine(found))

    def involving(self, *actors: str) -> Chronology:
        """The events with an actor that any of ``actors`` names, in any spelling.

        A name matches an actor whose name has all its words in order, whatever
        the case and accents, with the aliases' variants counting as the
        canonical name: ``involving("Tokaev")`` finds "Kassym-Jomart Tokayev"
        when the aliases list that spelling.

        >>> import chronology
        >>> c = chronology.load()
        >>> c.involving("tokaev") == c.involving("Kassym-Jomart Tokayev")
        True
        """
        index = self._index
        return self._view(self._mine(index.named(index.actors, actors)))

    def search(self, text: str) -> Chronology:
        """The events whose title, summary or quotes have every word of ``text``.

        Each word matches the words it begins (``repatri`` finds "repatriation"),
        whatever the case and accents, and a name matches every spelling the
        aliases list (``Zhushan`` finds "Zhusan"). Raises :class:`ValueError` when
        ``text`` has no word to look for.

        >>> import chronology
        >>> c = chronology.load()
        >>> "2021-zhusan-rusafa-repatriation" in c.search("Zhushan repatri")
        True
        """
        if not self._index.aliases.forms(text)[0]:
            raise ValueError(f"nothing to search for in {text!r}: give at least one word")
        return self._view(self._mine(self._index.search(text)))

    def related(self, event: str | Event) -> Chronology:
        """The events related to ``event`` (an id or an event), both ways.

        That is the events it lists under ``related`` and the events that list
        it. Raises :class:`KeyError` when this chronology has no such event.

        >>> import chronology
        >>> c = chronology.load()
        >>> asya = c.related("2014-01-husband-arrested")
        >>> all("2014-01-husband-arrested" in c.related(e.id) for e in asya)
        True
        """
        event_id = event.id if isinstance(event, Event) else event
        found = self[event_id]
        index = self._index
        listed = sorted(index.position[r] for r in found.related if r in index.position)
        return self._view(self._mine(merge((listed, index.referrers.get(event_id, ())))))

    # -- grouping ----------------------------------------------------------------------

    def group_by(self, key: Grouping) -> dict[Any, Chronology]:
        """The events grouped by ``key``: one chronology per year, category, tag, ...

        ``"year"`` is the year an event sorts in (its earliest possible day) and
        the groups come in year order. The other keys are ``"category"``,
        ``"tag"``, ``"place"`` and ``"actor"`` (canonical names: the aliases'
        spellings count as one), ``"country"`` (ISO code) and ``"source"`` (id);
        an event with several places (tags, ...) is in each of their groups, one
        with none is in no group. These groups come largest first, then by name.

        >>> import chronology
        >>> c = chronology.load()
        >>> list(c.group_by("year")) == sorted(c.group_by("year"))
        True
        >>> sum(len(g) for g in c.group_by("category").values()) == len(c)
        True
        """
        groups = self._grouped(key)
        return {k: self._view(v) for k, v in groups.items()}

    def counts(self, key: Grouping) -> dict[Any, int]:
        """How many events each group of :meth:`group_by` has, in the same order.

        >>> import chronology
        >>> counts = chronology.load().counts("category")
        >>> counts["repatriation"] > 0
        True
        """
        return {k: len(v) for k, v in self._grouped(key).items()}

    def by_year(self) -> dict[int, Chronology]:
        """The events grouped by the year they sort in, in year order."""
        return self.group_by("year")

    def by_category(self) -> dict[str, Chronology]:
        """The events grouped by category slug, largest group first."""
        return self.group_by("category")

    def by_place(self) -> dict[str, Chronology]:
        """The events grouped by canonical place name, largest group first."""
        return self.group_by("place")

    def _grouped(self, key: Grouping) -> dict[Any, Positions]:
        if key not in GROUPINGS:
            raise ValueError(f"cannot group by {key!r}: choose one of {', '.join(GROUPINGS)}")
        keys = _group_keys(key, self._aliases)
        groups: dict[Any, Positions] = defaultdict(list)
        every = self._index.events
        for position in self._positions:
            for group in dict.fromkeys(keys(every[position])):
                groups[group].append(position)
        if key == "year":
            return dict(sorted(groups.items()))
        return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))

    # -- drawing -----------------------------------------------------------------------

    def render(self, path: str | os.PathLike[str] | None = None, **options: Any) -> Figure:
        """Draw this chronology as a timeline figure; save it to ``path`` if given.

        The format follows the extension of ``path`` (``.png``, ``.svg`` or
        ``.pdf``), and the same data and options always give the same bytes.
        Options (``lanes``, ``theme``, ``title``, ``subtitle``, ``size``,
        ``dpi``, ``eras``, ``priority``, ``fonts``, ``legend``, ``footer``) are
        those of :func:`chronology.render.render`. Returns the matplotlib
        figure, to adjust and save again if you like.

        >>> import chronology
        >>> figure = chronology.load().in_category("protest").render(size=(8, None))
        >>> figure.get_size_inches()[0]
        np.float64(8.0)
        """
        from .render import render

        return render(self, path, **options)

    def draw(self, ax: Axes, **options: Any) -> Timeline:
        """Draw this chronology into an existing matplotlib ``ax``; return what was drawn.

        Options are those of :func:`chronology.render.draw`.
        """
        from .render import draw

        return draw(self, ax, **options)


def _codes(countries: Iterable[str]) -> list[str]:
    """The ISO codes that ``countries`` (codes or English names) stand for."""
    codes = []
    for country in countries:
        if country.upper() in COUNTRY_NAMES:
            codes.append(country.upper())
        elif fold(country) in _COUNTRY_CODES:
            codes.append(_COUNTRY_CODES[fold(country)])
    return codes


def _group_keys(key: Grouping, aliases: Aliases) -> Callable[[Event], Iterable[Any]]:
    def canonical(name: str) -> str:
        return aliases.canonical(name) or name

    table: dict[str, Callable[[Event], Iterable[Any]]] = {
        "year": lambda e: (e.date.anchor.year,),
        "category": lambda e: (e.category,),
        "tag": lambda e: e.tags,
        "place": lambda e: (canonical(p.name) for p in e.places),
        "country": lambda e: (p.country for p in e.places),
        "actor": lambda e: (canonical(a) for a in e.actors),
        "source": lambda e: (c.source for c in e.sources),
    }
    return table[key]


def _days(bound: DateBound) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a bound of :meth:`Chronology.between` covers (``None``: open)."""
    if bound is None:
        return None, None
    if isinstance(bound, dt.datetime):
        return bound.date(), bound.date()
    if isinstance(bound, dt.date):
        return bound, bound
    date = EventDate.parse(bound)
    return date.earliest, date.latest
