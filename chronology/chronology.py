"""The :class:`Chronology`: an immutable, sorted sequence of events."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from .model import Category, Event, Source

__all__ = ["Chronology"]


class Chronology(Sequence[Event]):
    """Events in chronological order, with the sources and categories they use.

    Order is the date's total order (earliest possible day, then the wider
    date first), then the event id. Look an event up by id with :meth:`get`
    or ``chronology["some-id"]``.

    >>> import chronology
    >>> c = chronology.load()
    >>> c[0].date <= c[-1].date
    True
    >>> c.get(c[0].id) is c[0]
    True
    """

    __slots__ = ("_by_id", "_events", "categories", "sources")

    def __init__(
        self,
        events: Iterable[Event],
        sources: Mapping[str, Source] | None = None,
        categories: Mapping[str, Category] | None = None,
    ) -> None:
        self._events: tuple[Event, ...] = tuple(sorted(events, key=lambda e: e.sort_key))
        self._by_id: dict[str, Event] = {e.id: e for e in self._events}
        if len(self._by_id) != len(self._events):
            counts = Counter(e.id for e in self._events)
            twice = sorted(i for i, n in counts.items() if n > 1)
            raise ValueError(f"event ids must be unique; repeated: {', '.join(twice)}")
        self.sources: Mapping[str, Source] = dict(sources or {})
        self.categories: Mapping[str, Category] = dict(categories or {})

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
        return (self._events, self.sources, self.categories) == (
            other._events,
            other.sources,
            other.categories,
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

    def _derive(self, events: Iterable[Event]) -> Chronology:
        return Chronology(events, self.sources, self.categories)

    @property
    def events(self) -> tuple[Event, ...]:
        """The events, in order, as a tuple."""
        return self._events
