"""Lookup tables over a sorted tuple of events, so that queries do not scan.

A :class:`~chronology.Chronology` answers its queries from one :class:`Index`,
built lazily, table by table, the first time a query needs it, and shared by
every chronology derived from it (a query's result keeps pointing into its
parent's index, with the positions it holds). Each query returns the sorted
*positions* of the matching events in the indexed tuple.

Dates are answered with binary search. An event ``earliest..latest`` may overlap
the period ``first..last`` when ``earliest <= last`` and ``latest >= first``. Events
are kept in buckets by how many days they span (under 1, 2, 4, 8, ... days); in the
bucket of spans under ``2**k`` days, only events starting in
``first - 2**k .. last`` can overlap, and those are a slice of the bucket sorted by
start. So the work is about the size of the answer, not of the chronology. Open
ends (``2019/..``, ``../2019``) have their own sorted lists.

Names (actors, places) are matched with :meth:`Aliases.matches` against each
*distinct* name once, and text against an inverted index of folded words, where
each word of a query matches the words it begins (``repatri`` finds
``repatriation``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from .aliases import Aliases, Words
from .model import Event

__all__ = ["Index", "merge"]

_MIN = dt.date.min.toordinal() - 1
_MAX = dt.date.max.toordinal() + 1

#: Positions of events in the indexed tuple, ascending.
Positions = list[int]


def merge(lists: Iterable[Sequence[int]]) -> Positions:
    """The union of sorted position lists, sorted and without repeats.

    One list is returned as it is (a list) or copied; several are joined in set
    operations, which for the long lists of a large chronology is several times
    faster than merging them item by item.
    """
    present = [positions for positions in lists if positions]
    if not present:
        return []
    if len(present) == 1:
        only = present[0]
        return only if isinstance(only, list) else list(only)
    return sorted(set().union(*present))


class _Starts:
    """Events sorted by their first day, with their last days alongside."""

    def __init__(self, rows: list[tuple[int, int, int]]) -> None:
        rows.sort()
        self.starts = [r[0] for r in rows]
        self.ends = [r[1] for r in rows]
        self.positions = [r[2] for r in rows]

    def starting(self, low: int, high: int) -> range:
        """The rows whose first day is in ``low..high``."""
        return range(bisect.bisect_left(self.starts, low), bisect.bisect_right(self.starts, high))


class _Dates:
    """Binary-searchable dates: span buckets, open ends and open starts."""

    def __init__(self, events: Sequence[Event]) -> None:
        buckets: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        open_end: list[tuple[int, int, int]] = []
        open_start: list[tuple[int, int, int]] = []
        #: Each event's first and last possible day (ordinals; open ends beyond any day).
        self.first_days: list[int] = []
        self.last_days: list[int] = []
        for position, event in enumerate(events):
            earliest, latest = event.date.earliest, event.date.latest
            first = earliest.toordinal() if earliest is not None else _MIN
            last = latest.toordinal() if latest is not None else _MAX
            self.first_days.append(first)
            self.last_days.append(last)
            if earliest is None:
                assert latest is not None  # an interval has at least one known end
                open_start.append((last, _MIN, position))
            elif latest is None:
                open_end.append((first, _MAX, position))
            else:
                buckets[(last - first).bit_length()].append((first, last, position))
        self.buckets = {k: _Starts(rows) for k, rows in buckets.items()}
        self.open_end = _Starts(open_end)  # sorted by first day
        self.open_start = _Starts(open_start)  # sorted by *last* day

    def overlapping(self, first: dt.date | None, last: dt.date | None) -> Positions:
        """Positions of the events that may share a day with ``first..last`` (None: open)."""
        low = first.toordinal() if first is not None else _MIN
        high = last.toordinal() if last is not None else _MAX
        found: list[int] = []
        for k, rows in self.buckets.items():
            span = (1 << k) - 1  # every event of the bucket spans at most this many days
            # Those starting in the period overlap it: a slice, taken whole.
            certain = rows.starting(low, high)
            found.extend(rows.positions[certain.start : certain.stop])
            # Those starting up to `span` days before it overlap it if they last into it.
            for row in rows.starting(low - span, low - 1):
                if rows.ends[row] >= low:
                    found.append(rows.positions[row])
        ends = self.open_end
        found.extend(ends.positions[r] for r in ends.starting(_MIN, high))
        starts = self.open_start
        found.extend(starts.positions[r] for r in starts.starting(low, _MAX))
        found.sort()
        return found

    def narrow(
        self, positions: Sequence[int], first: dt.date | None, last: dt.date | None, *, inside: bool
    ) -> Positions:
        """Those of ``positions`` that :meth:`overlapping` (or :meth:`inside`) would keep:
        for a few positions, checking each is quicker than intersecting with the answer
        for the whole chronology."""
        low = first.toordinal() if first is not None else _MIN
        high = last.toordinal() if last is not None else _MAX
        starts, ends = self.first_days, self.last_days
        if inside:
            return [p for p in positions if low <= starts[p] and ends[p] <= high]
        return [p for p in positions if starts[p] <= high and ends[p] >= low]

    def inside(self, first: dt.date | None, last: dt.date | None) -> Positions:
        """Positions of the events whose every possible day lies in ``first..last``."""
        low = first.toordinal() if first is not None else _MIN
        high = last.toordinal() if last is not None else _MAX
        found: list[int] = []
        for k, rows in self.buckets.items():
            span = (1 << k) - 1  # every event of the bucket spans at most this many days
            # Those starting `span` days or more before the period's end end inside it.
            certain = rows.starting(low, high - span)
            found.extend(rows.positions[certain.start : certain.stop])
            for row in rows.starting(max(low, high - span + 1), high):
                if rows.ends[row] <= high:
                    found.append(rows.positions[row])
        if last is None:  # an open end lies inside a period without an end
            ends = self.open_end
            found.extend(ends.positions[r] for r in ends.starting(low, _MAX))
        if first is None:  # an open start lies inside a period without a start
            starts = self.open_start
            found.extend(starts.positions[r] for r in starts.starting(_MIN, high))
        found.sort()
        return found


class _Words:
    """An inverted index of folded words, searchable by prefix."""

    def __init__(self, texts: Iterable[tuple[int, Iterable[Words]]]) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        for position, forms in texts:
            for word in {w for form in forms for w in form}:
                postings[word].append(position)
        self.postings = dict(postings)
        self.vocabulary = sorted(postings)

    def starting_with(self, prefix: str) -> Positions:
        """Positions of the texts with a word that begins with ``prefix``."""
        if prefix.startswith("#"):  # an alias group: exact
            return self.postings.get(prefix, [])
        words = self.vocabulary
        start = bisect.bisect_left(words, prefix)
        end = start
        while end < len(words) and words[end].startswith(prefix):
            end += 1
        if end - start == 1:
            return self.postings[words[start]]
        return merge(self.postings[w] for w in words[start:end])

    def all_of(self, query: Words) -> Positions:
        """Positions of the texts that have, for every word of ``query``, a word it begins."""
        prefixes = sorted(set(query), key=len, reverse=True)
        if len(prefixes) == 1:
            return self.starting_with(prefixes[0])
        result: set[int] | None = None
        for prefix in prefixes:
            hits = self.starting_with(prefix)
            result = set(hits) if result is None else result.intersection(hits)
            if not result:
                return []
        return sorted(result or ())


def _keyed(events: Sequence[Event], keys: Callable[[Event], Iterable[str]]) -> dict[str, Positions]:
    table: dict[str, Positions] = defaultdict(list)
    for position, event in enumerate(events):
        for key in dict.fromkeys(keys(event)):
            table[key].append(position)
    return dict(table)


class Index:
    """Lookup tables over ``events`` (sorted), each built the first time it is used."""

    def __init__(self, events: tuple[Event, ...], aliases: Aliases) -> None:
        self.events = events
        self.aliases = aliases
        self.position: dict[str, int] = {e.id: i for i, e in enumerate(events)}

    # -- tables ------------------------------------------------------------------

    @functools.cached_property
    def dates(self) -> _Dates:
        return _Dates(self.events)

    @functools.cached_property
    def categories(self) -> dict[str, Positions]:
        return _keyed(self.events, lambda e: (e.category,))

    @functools.cached_property
    def tags(self) -> dict[str, Positions]:
        return _keyed(self.events, lambda e: e.tags)

    @functools.cached_property
    def sources(self) -> dict[str, Positions]:
        return _keyed(self.events, lambda e: (c.source for c in e.sources))

    @functools.cached_property
    def countries(self) -> dict[str, Positions]:
        return _keyed(self.events, lambda e: (p.country.upper() for p in e.places))

    @functools.cached_property
    def actors(self) -> dict[str, Positions]:
        return _keyed(self.events, lambda e: e.actors)

    @functools.cached_property
    def places(self) -> dict[str, Positions]:
        return _keyed(self.events, lambda e: (p.name for p in e.places))

    @functools.cached_property
    def referrers(self) -> dict[str, Positions]:
        """For each event id, the events that list it as related."""
        return _keyed(self.events, lambda e: e.related)

    @functools.cached_property
    def text(self) -> _Words:
        aliases = self.aliases
        return _Words(
            (position, aliases.forms(_searchable(event)))
            for position, event in enumerate(self.events)
        )

    # -- queries -----------------------------------------------------------------

    def keyed(self, table: dict[str, Positions], keys: Iterable[str]) -> Positions:
        """Positions of the events filed under any of ``keys`` in ``table``."""
        return merge(table.get(key, ()) for key in dict.fromkeys(keys))

    def named(self, table: dict[str, Positions], queries: Sequence[str]) -> Positions:
        """Positions of the events with a name in ``table`` that any of ``queries`` matches."""
        matches = self.aliases.matches
        return merge(
            positions
            for name, positions in table.items()
            if any(matches(query, name) for query in queries)
        )

    def search(self, query: str) -> Positions:
        """Positions of the events whose text has every word of ``query``, in any spelling."""
        forms = [form for form in self.aliases.forms(query) if form]
        return merge(self.text.all_of(form) for form in forms)


def _searchable(event: Event) -> str:
    """The free text of an event that :meth:`Index.search` looks in."""
    return "\n".join((event.title, event.summary, *(c.quote for c in event.sources)))
