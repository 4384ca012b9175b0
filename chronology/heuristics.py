"""Warnings: what is valid data but deserves a curator's second look.

The checks of :func:`warning_problems` never make a file invalid (unless
``chronology validate --strict`` is asked for); each flags something that is
usually a mistake:

* ``W001``: two events that are likely the same event entered twice: their dates
  may overlap and their titles are similar or they cite the same quote of the same
  source (see :func:`similar_titles` and :func:`likely_duplicates`), and neither lists
  the other in ``related`` (which says they are distinct); each event is warned at
  most once, naming one event listed before it;
* ``W002``: an event or era whose earliest possible day is after today, or a source
  published after today;
* ``W003``: a quote too short to show what it supports (see :func:`short_quote`);
* ``W004``: a source without an ``archived_url``.

Like the meaning checks, these look only at values of the right type and skip
the rest silently: a malformed record is the schema check's to report.

>>> similar_titles(words("Police arrest Asya's husband"), words("Police arrest her husband"))
False
>>> similar_titles(words("Tokayev declares emergency"), words("Tokayev declares an emergency"))
True"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

import attrs

from .aliases import Words, words
from .dates import EventDate, PartialDate, may_overlap
from .describe import Collector, PathElem, TooManyProblems, records
from .errors import DateError
from .limits import DEFAULT_LIMITS
from .problems import Problem
from .quotes import normalise
from .yamlio import locate

__all__ = [
    "MIN_QUOTE_CHARACTERS",
    "MIN_QUOTE_WORDS",
    "TITLE_SIMILARITY",
    "Dated",
    "likely_duplicates",
    "short_quote",
    "similar_titles",
    "warning_problems",
]

#: Titles are similar when the words both have make at least this share of the words
#: either has (a Jaccard index over folded words): 3/4, kept as a fraction so that
#: the comparison is exact.
TITLE_SIMILARITY = (3, 4)

#: A quote is suspiciously short when it has fewer words than this (runs of letters
#: and digits) and fewer characters than :data:`MIN_QUOTE_CHARACTERS`.
MIN_QUOTE_WORDS = 4

#: A quote is suspiciously short when it has fewer characters than this (after
#: whitespace normalisation) and fewer words than :data:`MIN_QUOTE_WORDS`. Both must
#: hold, so that a language written without spaces (a sentence of Chinese is one
#: "word") is judged by its length.
MIN_QUOTE_CHARACTERS = 25

#: Sorts before every real day: the earliest day of a period with an open start.
_OPEN_START = dt.date.min.toordinal() - 1
#: Sorts after every real day: the latest day of a period with an open end.
_OPEN_END = dt.date.max.toordinal() + 1


def similar_titles(a: Words, b: Words) -> bool:
    """Whether two titles' folded words are similar: the words both titles have are at
    least 3/4 of the words either has (a title without a word is similar to none).

    >>> similar_titles(words("The fox jumps"), words("the FOX jumps!"))
    True
    >>> similar_titles(words("Protesters storm city hall"), words("Protesters storm airport"))
    False
    """
    return _similar_sets(frozenset(a), frozenset(b))


def _similar_sets(first: frozenset[str], second: frozenset[str]) -> bool:
    if not first or not second:
        return False
    shared = len(first & second)
    num, den = TITLE_SIMILARITY
    return den * shared >= num * (len(first) + len(second) - shared)


def short_quote(quote: str) -> bool:
    """Whether a quote is suspiciously short: fewer than :data:`MIN_QUOTE_WORDS`
    words and fewer than :data:`MIN_QUOTE_CHARACTERS` characters once normalised.

    >>> short_quote("shoot to kill"), short_quote("shoot to kill without warning")
    (True, False)
    >>> short_quote("Internationally recognised legislation")  # three long words
    False
    """
    return _short(normalise(quote))


def _short(text: str) -> bool:
    """:func:`short_quote` of a quote already normalised."""
    return len(text) < MIN_QUOTE_CHARACTERS and len(words(text)) < MIN_QUOTE_WORDS


@attrs.frozen
class Dated:
    """What the duplicate rule needs of one event: where it is in the file (``index``),
    the days its date may mean (ordinals; open ends beyond any real day), the folded
    words of its title, and its quotes, each as (source id, normalised quote)."""

    index: int
    earliest: int
    latest: int
    title: Words
    quotes: frozenset[tuple[str, str]]

    def overlaps(self, other: Dated) -> bool:
        """Whether the two dates may share a day (:func:`chronology.dates.may_overlap`)."""
        return may_overlap(*_days(self), *_days(other))

    def duplicates(self, other: Dated) -> bool:
        """Whether the two are likely the same event: the dates may overlap, and the
        titles are similar or the two cite the same quote of the same source."""
        return self.overlaps(other) and (
            similar_titles(self.title, other.title) or bool(self.quotes & other.quotes)
        )


def _days(item: Dated) -> tuple[dt.date | None, dt.date | None]:
    start = None if item.earliest == _OPEN_START else dt.date.fromordinal(item.earliest)
    end = None if item.latest == _OPEN_END else dt.date.fromordinal(item.latest)
    return start, end


#: How many of their indexed words two titles of two or more words must share to be
#: compared (the l-prefix filter, with l = 2): one shared word is common among the
#: rarer words of a large chronology, two rarely are.
_SHARED_WORDS = 2


def _prefix_lengths(size: int) -> tuple[int, int]:
    """How many of the rarest words of a title of ``size`` words to index: the long
    prefix and the short one (the prefix filter of set-similarity joins, as in PPJoin,
    extended so that similar titles share two prefix words, not one).

    Two similar titles of ``a >= b`` words share at least ``t / (1 + t) * (a + b)``
    words (``t`` = 3/4), which is at least ``t * a`` and at least
    ``2t / (1 + t) * b``. With one global order of the words, the words the two share
    that lie in a prefix of each are the first of their shared words in that order;
    so the ``a - ceil(t * a) + l`` rarest words of the longer title (its long prefix)
    and the ``b - ceil(2t / (1 + t) * b) + l`` rarest words of the shorter (its short
    prefix) have at least ``l`` words in common, for any ``l`` up to both bounds. That
    is ``l`` = 2 for titles of two words or more, and 1 for a title of one word. Every
    title is indexed by both prefixes, so a pair is found whichever of the two comes
    first in the sweep.

    >>> [_prefix_lengths(size) for size in (1, 2, 4, 7, 8, 12)]
    [(1, 1), (2, 2), (3, 2), (3, 3), (4, 3), (5, 3)]
    """
    num, den = TITLE_SIMILARITY
    shared = _SHARED_WORDS if size >= _SHARED_WORDS else 1
    long = size - math.ceil(num * size / den) + shared
    short = size - math.ceil(2 * num * size / (den + num)) + shared
    return long, short


@attrs.frozen
class _Title:
    """A title's distinct words (its class: titles with the same words are one class),
    and its long and short prefixes."""

    words: frozenset[str]
    long: tuple[str, ...]
    short: tuple[str, ...]

    @classmethod
    def of(cls, title: Words, rarity: Counter[str]) -> _Title:
        ordered = sorted(set(title), key=lambda word: (rarity[word], word))
        long, short = _prefix_lengths(len(ordered))
        return cls(frozenset(ordered), tuple(ordered[:long]), tuple(ordered[:short]))


class _Index:
    """Title classes by the words of their prefixes."""

    def __init__(self) -> None:
        self.buckets: dict[str, set[frozenset[str]]] = {}

    def add(self, words: Iterable[str], key: frozenset[str]) -> None:
        for word in words:
            self.buckets.setdefault(word, set()).add(key)

    def forget(self, key: frozenset[str]) -> None:
        """Take the class ``key`` out of the index."""
        for word in key:
            bucket = self.buckets.get(word)
            if bucket is not None:
                bucket.discard(key)
                if not bucket:
                    del self.buckets[word]

    def sharing(self, words: Sequence[str], keep: Callable[[int], bool]) -> set[frozenset[str]]:
        """The classes, of a size ``keep`` accepts, indexed by two or more of ``words``
        (intersections of the words' buckets, two by two, so that the work stays in
        set operations however full the buckets are)."""
        buckets = [self.buckets[word] for word in words if word in self.buckets]
        found: set[frozenset[str]] = set()
        for first, second in itertools.combinations(buckets, 2):
            found.update(key for key in first & second if keep(len(key)))
        return found


#: What two events have in common: ("title", the class's words) or ("quote", (source, quote)).
Key = tuple[str, Any]


class _Group:
    """The events of one key seen so far in the sweep: all of them by their place in the
    file, and those not yet warned about latest in the file first. Entries whose date
    has ended are dropped as they come to the top (later events start later still)."""

    def __init__(self) -> None:
        self.members: list[tuple[int, int, int]] = []  # (index, latest day, position)
        self.unwarned: list[tuple[int, int, int]] = []  # (-index, latest day, position)

    def add(self, item: Dated, position: int, *, warned: bool) -> None:
        heapq.heappush(self.members, (item.index, item.latest, position))
        if not warned:
            heapq.heappush(self.unwarned, (-item.index, item.latest, position))

    def first(self, day: int, apart: Callable[[int], bool] = lambda position: False) -> int | None:
        """The position of the first-listed member whose date has not ended by ``day``,
        leaving out those ``apart`` says are known to be distinct events."""
        while self.members and self.members[0][1] < day:
            heapq.heappop(self.members)
        if not self.members:
            return None
        if not apart(self.members[0][2]):
            return self.members[0][2]
        # Rare: the first is related to the item; look further, in the order listed.
        for _, latest, position in sorted(self.members):
            if latest >= day and not apart(position):
                return position
        return None

    def listed_after(
        self, index: int, day: int, apart: Callable[[int], bool] = lambda position: False
    ) -> Iterator[int]:
        """Take out the unwarned members listed after ``index`` whose dates have not ended,
        but for those ``apart`` says are distinct, which stay."""
        kept = []
        while self.unwarned and -self.unwarned[0][0] > index:
            entry = heapq.heappop(self.unwarned)
            _, latest, position = entry
            if latest >= day and apart(position):
                kept.append(entry)
            elif latest >= day:
                yield position
        for entry in kept:
            heapq.heappush(self.unwarned, entry)


class _Sweep:
    """The state of :func:`likely_duplicates` as it goes through the items by date."""

    def __init__(self, items: Sequence[Dated], related: Collection[frozenset[int]]) -> None:
        self.items = items
        self.related = related
        rarity = Counter(word for item in items for word in set(item.title))
        self.titles = [_Title.of(item.title, rarity) for item in items]
        self.groups: dict[Key, _Group] = {}
        self.shorts, self.longs = _Index(), _Index()  # the title classes going on
        self.ends: dict[frozenset[str], int] = {}  # each class's latest day, in the index
        # When each class in the index ends: (latest day, serial, words), earliest first.
        self.expiry: list[tuple[int, int, frozenset[str]]] = []
        self.serial = itertools.count()
        self.warned: dict[int, tuple[int, Key]] = {}

    def expire(self, day: int) -> None:
        """Take the title classes whose every member ended before ``day`` out of the
        indexes (they can overlap no later item: the sweep goes by earliest day)."""
        while self.expiry and self.expiry[0][0] < day:
            _, _, words = heapq.heappop(self.expiry)
            end = self.ends.get(words)
            if end is not None and end < day:  # not lengthened by a later member
                del self.ends[words]
                self.groups.pop(("title", words), None)
                self.shorts.forget(words)
                self.longs.forget(words)

    def similar_classes(self, title: _Title, day: int) -> list[Key]:
        """The keys of the title classes still going on ``day`` whose words are similar
        to ``title``'s, in a fixed order.

        Only classes that share two prefix words with the title are candidates
        (:func:`_prefix_lengths`); then come the size filter and the words themselves.
        """
        self.expire(day)
        words, size = title.words, len(title.words)
        num, den = TITLE_SIMILARITY
        if size < _SHARED_WORDS:  # one word: only the same word is similar
            found = {words} if words in self.ends else set()
        else:
            # A class no larger than the title has two words of its short prefix in the
            # title's long prefix; a larger one, two of its long prefix in the short one.
            found = self.shorts.sharing(title.long, lambda n: n <= size)
            found |= self.longs.sharing(title.short, lambda n: n > size)
        keys: list[frozenset[str]] = []
        for other in found:
            theirs = len(other)
            small, large = (size, theirs) if size <= theirs else (theirs, size)
            if den * small < num * large:  # the size filter: b >= t * a for a >= b words
                continue
            if _similar_sets(words, other):
                keys.append(other)
        return [("title", k) for k in sorted(keys, key=sorted)]

    def visit(self, position: int) -> None:
        """Pair the item with the groups it shares a key with, then join them."""
        item, title = self.items[position], self.titles[position]
        day = item.earliest
        own: list[Key] = [("title", title.words)] if title.words else []
        quotes: list[Key] = [("quote", quote) for quote in sorted(item.quotes)]
        keys = (self.similar_classes(title, day) if own else []) + quotes

        def apart(other: int) -> bool:
            return bool(self.related) and (
                frozenset((item.index, self.items[other].index)) in self.related
            )

        best: tuple[int, Key] | None = None
        for key in keys:
            group = self.groups.get(key)
            if group is None or group.first(day) is None:
                continue
            first = group.first(day, apart)
            if first is not None:
                index = self.items[first].index
                if index < item.index and (best is None or index < self.items[best[0]].index):
                    best = (first, key)
            for later in group.listed_after(item.index, day, apart):
                self.warned.setdefault(later, (position, key))
        if best is not None:
            self.warned.setdefault(position, best)
        for key in own + quotes:
            if key not in self.groups:
                self.groups[key] = _Group()
                if key[0] == "title":
                    self.shorts.add(title.short, title.words)
                    self.longs.add(title.long, title.words)
            self.groups[key].add(item, position, warned=position in self.warned)
        end = self.ends.get(title.words)
        if own and (end is None or item.latest > end):
            self.ends[title.words] = item.latest
            heapq.heappush(self.expiry, (item.latest, next(self.serial), title.words))


def likely_duplicates(
    items: Sequence[Dated], related: Collection[frozenset[int]] = frozenset()
) -> dict[int, tuple[int, Key]]:
    """Each item (by position) that likely duplicates an item listed before it in the
    file, with one such item and what they share (``("title", words)`` or
    ``("quote", (source, quote))``). Two items whose pair of ``index`` values is in
    ``related`` are known to be distinct events and are never paired.

    The one named is the first listed among those that start no later than the item
    does, or else the first (then the first listed) of those that start after it.

    A sweep goes through the items by earliest day. The items seen whose dates have
    not ended yet are exactly the earlier ones whose dates may overlap the current
    one; they are kept in groups by what they have: their title's class (the set of
    its words) and each of their quotes. The current item meets only the groups of
    its quotes and of the title classes similar to its own, found by the prefix
    filter of set-similarity joins (:func:`_prefix_lengths`), never the members one
    by one: each group keeps its first-listed member and its members not yet warned
    about on heaps. So the work grows with the number of items (times a logarithm),
    even when thousands of events share a title and a year.

    >>> a = Dated(0, 10, 10, ("the", "fox", "jumps"), frozenset())
    >>> b = Dated(1, 5, 20, ("the", "fox", "jumps", "high"), frozenset())
    >>> [(p, other, key[0]) for p, (other, key) in likely_duplicates([a, b]).items()]
    [(1, 0, 'title')]
    >>> likely_duplicates([a, attrs.evolve(b, latest=9)])
    {}
    """
    sweep = _Sweep(items, related)
    for position in sorted(range(len(items)), key=lambda p: (items[p].earliest, items[p].index)):
        sweep.visit(position)
    return sweep.warned


@attrs.frozen
class _Record:
    """What the warnings need of one event or era, read once: its index, the record,
    its date (None when it has none that parses), and each well-formed citation as its
    position, source id and quote normalised."""

    index: int
    record: dict[str, Any]
    date: EventDate | None
    citations: tuple[tuple[int, str, str], ...]

    @classmethod
    def read(cls, index: int, record: dict[str, Any]) -> _Record:
        citations = []
        for pos, citation in records(record, "sources"):
            source, quote = citation.get("source"), citation.get("quote")
            if isinstance(source, str) and isinstance(quote, str) and quote.strip():
                citations.append((pos, source, normalise(quote)))
        return cls(index, record, _event_date(record), tuple(citations))


def _event_date(record: dict[str, Any]) -> EventDate | None:
    text = record.get("date")
    if not isinstance(text, str):
        return None
    try:
        return EventDate.parse(text)
    except DateError:
        return None  # reported by the schema or meaning checks


def _ident(record: dict[str, Any], index: int) -> str:
    ident = record.get("id")
    return f"event '{ident}'" if isinstance(ident, str) and ident else f"event {index + 1}"


class _Warner(Collector):
    def __init__(self, root: Any, path: str, today: dt.date, limit: int) -> None:
        super().__init__(root, path, limit)
        self.today = today

    def run(self) -> list[Problem]:
        read = {
            kind: [_Record.read(index, record) for index, record in records(self.root, kind)]
            for kind in ("events", "eras")
        }
        self.duplicates(read["events"])
        for kind, items in read.items():
            for item in items:
                self.future_date((kind, item.index), item.date)
                for pos, _, text in item.citations:
                    if _short(text):
                        self.short((kind, item.index, "sources", pos, "quote"), text)
        for index, source in records(self.root, "sources"):
            self.source(index, source)
        return self.problems

    def duplicates(self, events: Sequence[_Record]) -> None:
        """W001, on the event listed later, at its title (or the quote they share)."""
        dated: list[tuple[_Record, Dated]] = []
        for event in events:
            if event.date is None:
                continue
            title = event.record.get("title")
            earliest, latest = event.date.earliest, event.date.latest
            dated.append(
                (
                    event,
                    Dated(
                        event.index,
                        _OPEN_START if earliest is None else earliest.toordinal(),
                        _OPEN_END if latest is None else latest.toordinal(),
                        words(title) if isinstance(title, str) else (),
                        frozenset((source, text) for _, source, text in event.citations),
                    ),
                )
            )
        found = likely_duplicates([d for _, d in dated], self.related_pairs())
        for later in sorted(found):
            earlier, key = found[later]
            self.duplicate(dated[earlier][0], dated[later][0], key)

    def related_pairs(self) -> set[frozenset[int]]:
        """The events (by index) that list each other in ``related``, either way round:
        the curator has said they are distinct events."""
        position: dict[str, int] = {}
        for index, record in records(self.root, "events"):
            if isinstance(record.get("id"), str):
                position.setdefault(record["id"], index)
        pairs: set[frozenset[int]] = set()
        for index, record in records(self.root, "events"):
            related = record.get("related")
            for other in related if isinstance(related, list) else []:
                if isinstance(other, str) and other in position and position[other] != index:
                    pairs.add(frozenset((index, position[other])))
        return pairs

    def duplicate(self, first: _Record, second: _Record, key: Key) -> None:
        """Report a likely duplicate on the event listed later, naming the earlier one."""
        line = locate(self.root, ("events", first.index)).line
        loc: tuple[PathElem, ...] = ("events", second.index, "title")
        if key[0] == "title":
            why = "their dates may overlap and their titles share most of their words"
        else:
            source, quote = key[1]
            pos = next(p for p, s, text in second.citations if (s, text) == (source, quote))
            loc = ("events", second.index, "sources", pos, "quote")
            why = f"their dates may overlap and both cite this quote of source '{source}'"
        self.add(
            loc,
            "W001",
            f"{_ident(second.record, second.index)}: likely a duplicate of "
            f"{_ident(first.record, first.index)} (line {line}): {why}",
            "if they are one event, merge them; if they are two, say what sets each apart "
            "in its title, or list each in the other's 'related'",
            context=False,
        )

    def future_date(self, loc: tuple[PathElem, ...], date: EventDate | None) -> None:
        """W002 for an event or era whose earliest possible day is after today."""
        if date is not None and date.earliest is not None and date.earliest > self.today:
            self.add(
                (*loc, "date"),
                "W002",
                f"the date '{date}' is in the future: it starts on "
                f"{date.earliest.isoformat()} at the earliest",
                "a chronology records what has happened; check the year for a typo",
            )

    def short(self, loc: tuple[PathElem, ...], text: str) -> None:
        """W003 for a quote (normalised) too short to show what it supports."""
        count = len(words(text))
        self.add(
            loc,
            "W003",
            f"the quote is suspiciously short ({count} word{'' if count == 1 else 's'}): "
            "a few words rarely show what the event says, and may be found in the "
            "source by chance",
            f"quote the whole sentence that supports the event: at least "
            f"{MIN_QUOTE_WORDS} words or {MIN_QUOTE_CHARACTERS} characters",
        )

    def source(self, index: int, source: dict[str, Any]) -> None:
        """W002 for a source published after today; W004 for one without an archived copy."""
        published = source.get("published")
        if isinstance(published, str):
            try:
                day = PartialDate.parse(published).earliest
            except DateError:
                day = None  # reported by the schema or meaning checks
            if day is not None and day > self.today:
                self.add(
                    ("sources", index, "published"),
                    "W002",
                    f"'published' is in the future: '{published}' starts on "
                    f"{day.isoformat()} at the earliest",
                    "check the year for a typo",
                )
        if "archived_url" not in source:
            self.add(
                ("sources", index),
                "W004",
                "no 'archived_url': if the page at 'url' changes or disappears, "
                "no one can check the quotes against it",
                "save the page in an archive, such as https://web.archive.org/save, and "
                "add the copy's address as 'archived_url'",
                key="url" if "url" in source else None,
            )


def warning_problems(
    root: Any,
    path: str,
    today: dt.date | None = None,
    *,
    limit: int = DEFAULT_LIMITS.max_problems,
) -> list[Problem]:
    """Every warning (``W`` code) about a (possibly structurally invalid) data file.

    ``today`` is the day after which dates are in the future (by default, today).
    The warnings come in the order of their lines and columns.
    """
    if not isinstance(root, dict):
        return []
    warner = _Warner(root, path, today or dt.date.today(), limit)
    try:
        found = warner.run()
    except TooManyProblems:
        found = warner.problems
    return sorted(found, key=lambda p: (p.line, p.column, p.code))
