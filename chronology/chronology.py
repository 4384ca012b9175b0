"""The :class:`Chronology`: an immutable, sorted sequence of events."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, overload

from .aliases import Aliases
from .dates import EventDate, may_overlap
from .model import Category, Era, Event, Source

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .render import Timeline

__all__ = ["Chronology", "DateBound"]

#: One end of the period of :meth:`Chronology.between`: a date string, a day or no bound.
DateBound: TypeAlias = str | dt.date | None


def _repeated(ids: Iterable[str]) -> list[str]:
    counts = Counter(ids)
    return sorted(i for i, n in counts.items() if n > 1)


class Chronology(Sequence[Event]):
    """Events in chronological order, with the sources and categories they use.

    Order is the date's total order (earliest possible day, then the wider
    date first), then the event id. Look an event up by id with :meth:`get`
    or ``chronology["some-id"]``. ``title`` names the chronology and ``eras``
    holds its context periods, in the same order as events; every chronology
    derived from this one (a slice, :meth:`filter`, :meth:`between`, ...)
    keeps its sources, categories, title and eras.

    >>> import chronology
    >>> c = chronology.load()
    >>> c[0].date <= c[-1].date
    True
    >>> c.get(c[0].id) is c[0]
    True
    >>> c.tagged("women").between("2019").title == c.title
    True
    """

    __slots__ = ("_by_id", "_events", "aliases", "categories", "eras", "sources", "title")

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
        self._events: tuple[Event, ...] = tuple(sorted(events, key=lambda e: e.sort_key))
        self._by_id: dict[str, Event] = {e.id: e for e in self._events}
        if len(self._by_id) != len(self._events):
            twice = _repeated(e.id for e in self._events)
            raise ValueError(f"event ids must be unique; repeated: {', '.join(twice)}")
        self.eras: tuple[Era, ...] = tuple(sorted(eras, key=lambda e: e.sort_key))
        if len({e.id for e in self.eras}) != len(self.eras):
            twice = _repeated(e.id for e in self.eras)
            raise ValueError(f"era ids must be unique; repeated: {', '.join(twice)}")
        self.sources: Mapping[str, Source] = dict(sources or {})
        self.categories: Mapping[str, Category] = dict(categories or {})
        self.title: str | None = title
        self.aliases: Aliases = (
            aliases if isinstance(aliases, Aliases) else Aliases.from_dict(aliases)
        )

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

    def __len__(self) -> int:
        return len(self._events)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> Chronology: ...

    @overload
    def __getitem__(self, index: str) -> Event: ...

    def __getitem__(self, index: int | slice | str) -> Event | Chronology:
        if isinstance(index, str):
            return self._by_id[index]
        if isinstance(index, slice):
            return self._derive(self._events[index])
        return self._events[index]

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_id
        return isinstance(item, Event) and self._by_id.get(item.id) == item

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Chronology):
            return NotImplemented
        return (self._events, self.sources, self.categories, self.title, self.eras) == (
            other._events,
            other.sources,
            other.categories,
            other.title,
            other.eras,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        if not self._events:
            return "<Chronology: no events>"
        return (
            f"<Chronology: {len(self)} events, {self._events[0].date} .. {self._events[-1].date}>"
        )

    def get(self, event_id: str, default: Event | None = None) -> Event | None:
        """The event with this id, or ``default``."""
        return self._by_id.get(event_id, default)

    def filter(self, predicate: Callable[[Event], bool]) -> Chronology:
        """A new chronology of the events for which ``predicate`` is true."""
        return self._derive(e for e in self._events if predicate(e))

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
        if inside:
            return self.filter(lambda e: _inside(e.date, first, last))
        return self.filter(lambda e: may_overlap(e.date.earliest, e.date.latest, first, last))

    def in_category(self, *slugs: str) -> Chronology:
        """The events filed under any of the categories ``slugs``.

        >>> import chronology
        >>> c = chronology.load()
        >>> sorted({e.category for e in c.in_category("protest", "justice")})
        ['justice', 'protest']
        """
        wanted = frozenset(slugs)
        return self.filter(lambda e: e.category in wanted)

    def tagged(self, *tags: str) -> Chronology:
        """The events that carry any of the ``tags``.

        >>> import chronology
        >>> c = chronology.load()
        >>> all("zhusan" in e.tags or "rusafa" in e.tags for e in c.tagged("zhusan", "rusafa"))
        True
        >>> "2021-zhusan-rusafa-repatriation" in c.tagged("rusafa")
        True
        """
        wanted = frozenset(tags)
        return self.filter(lambda e: any(tag in wanted for tag in e.tags))

    def at_place(self, *names: str) -> Chronology:
        """The events at a place whose name or ISO country code is one of ``names``.

        Names and codes match whatever their case.

        >>> import chronology
        >>> c = chronology.load()
        >>> c.at_place("syria") == c.at_place("SY")
        True
        >>> "2021-zhusan-rusafa-repatriation" in c.at_place("al-hol camp")
        True
        """
        wanted = frozenset(name.casefold() for name in names)
        return self.filter(
            lambda e: any(
                p.name.casefold() in wanted or p.country.casefold() in wanted for p in e.places
            )
        )

    def _derive(self, events: Iterable[Event]) -> Chronology:
        return Chronology(
            events,
            self.sources,
            self.categories,
            title=self.title,
            eras=self.eras,
            aliases=self.aliases,
        )

    @property
    def events(self) -> tuple[Event, ...]:
        """The events, in order, as a tuple."""
        return self._events

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


def _inside(date: EventDate, first: dt.date | None, last: dt.date | None) -> bool:
    """Whether every day ``date`` may mean lies in ``first..last`` (``None``: unbounded)."""
    if first is not None and (date.earliest is None or date.earliest < first):
        return False
    return not (last is not None and (date.latest is None or date.latest > last))
