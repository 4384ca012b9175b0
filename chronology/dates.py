"""Dates as the sources give them: partial, qualified and interval dates.

The accepted forms are a subset of EDTF (ISO 8601-2) levels 0 and 1:

* ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD``, each optionally followed by one
  qualifier: ``~`` (approximate), ``?`` (uncertain) or ``%`` (both);
* intervals ``START/END`` of those, where either end (not both) may be ``..``
  (open).

A date keeps its precision: ``2013`` is "some day in 2013", with an earliest day
of 1 January and a latest of 31 December, and it never turns into 1 January.
Its English label, for timelines and exports, says no more than the data does:

>>> [EventDate.parse(s).label() for s in ["2013", "2013-10~", "2019-01-06?", "2022-01/2022-02"]]
['2013', 'c. Oct 2013', '6 Jan 2019?', 'Jan\u2013Feb 2022']

>>> d = EventDate.parse("2013-10")
>>> d.precision, d.earliest, d.latest
(<Precision.MONTH: 2>, datetime.date(2013, 10, 1), datetime.date(2013, 10, 31))
>>> sorted(EventDate.parse(s) for s in ["2013-10-05", "2014", "2013-10", "2013"])
[EventDate('2013'), EventDate('2013-10'), EventDate('2013-10-05'), EventDate('2014')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re

import attrs

from .errors import DateError

__all__ = [
    "DateInterval",
    "EventDate",
    "PartialDate",
    "Precision",
]


class Precision(enum.IntEnum):
    """How much of a date the source gives: a year, a month or a day.

    >>> EventDate.parse("2013-10").precision
    <Precision.MONTH: 2>
    >>> Precision.MONTH < Precision.DAY  # ordered from the coarsest
    True
    """

    YEAR = 1
    MONTH = 2
    DAY = 3


_QUALIFIERS = {"": (False, False), "~": (True, False), "?": (False, True), "%": (True, True)}

#: English month abbreviations for labels, hard-coded so that labels never follow the
#: locale (``calendar.month_abbr`` and ``strftime("%b")`` do).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: The dash between the ends of a period in a label (U+2013 EN DASH).
_DASH = "\u2013"

_SINGLE = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<qualifier>[~?%]?)"
)


def _check_calendar(text: str, year: int, month: int | None, day: int | None) -> None:
    if year < 1:
        raise DateError(
            f"year 0000 is not supported in {text!r}: years run from 0001 to 9999", "D002"
        )
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{text!r} has month {month:02d}: months run from 01 to 12", "D002")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            name = calendar.month_name[month]
            raise DateError(
                f"{text!r} is not on the calendar: {name} {year} has {last} days", "D002"
            )


@attrs.frozen(order=False)
class PartialDate:
    """A single date at year, month or day precision, possibly qualified.

    >>> PartialDate.parse("2022-01~").is_approximate
    True
    """

    #: The year, 1 to 9999.
    year: int
    #: The month, 1 to 12, or None when the date gives only a year.
    month: int | None = None
    #: The day of the month, or None when the date gives no day.
    day: int | None = None
    #: Whether the source hedges the date (``~`` or ``%``).
    approximate: bool = False
    #: Whether the source doubts the date (``?`` or ``%``).
    uncertain: bool = False

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise DateError("a day needs a month")
        _check_calendar(str(self), self.year, self.month, self.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with an optional qualifier.

        >>> PartialDate.parse("2013-10")
        PartialDate('2013-10')
        """
        match = _SINGLE.fullmatch(text)
        if match is None:
            raise DateError(
                f"{text!r} is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, "
                "optionally followed by ~, ? or %"
            )
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        approximate, uncertain = _QUALIFIERS[match["qualifier"]]
        return cls(year, month, day, approximate, uncertain)

    @property
    def precision(self) -> Precision:
        """The most precise part the date gives."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def is_approximate(self) -> bool:
        """Whether the source hedges the date (``~`` or ``%``)."""
        return self.approximate

    @property
    def is_uncertain(self) -> bool:
        """Whether the source doubts the date (``?`` or ``%``)."""
        return self.uncertain

    @property
    def earliest(self) -> dt.date:
        """The first day the date may mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day the date may mean."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    @property
    def qualifier(self) -> str:
        """The EDTF qualifier: ``""``, ``"~"``, ``"?"`` or ``"%"``."""
        if self.approximate and self.uncertain:
            return "%"
        if self.approximate:
            return "~"
        if self.uncertain:
            return "?"
        return ""

    def label(self) -> str:
        """A short English label, exactly as precise and as hedged as the date.

        The day and the year are numbers, the month is a three-letter English
        abbreviation; ``~`` becomes a leading "c. " and ``?`` a trailing "?". The
        year keeps its four digits (``0033``), so it never reads as a day.

        >>> [PartialDate.parse(s).label() for s in ["2019-01-06", "2013-10", "2013"]]
        ['6 Jan 2019', 'Oct 2013', '2013']
        >>> [PartialDate.parse(s).label() for s in ["2013-10~", "2013-10?", "2013-10%"]]
        ['c. Oct 2013', 'Oct 2013?', 'c. Oct 2013?']
        """
        return _qualify(self, " ".join(_label_parts(self)))

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + self.qualifier

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"


Bound = PartialDate | None


def _label_parts(date: PartialDate) -> list[str]:
    """The day, month and year words of an unqualified label, as many as the date gives."""
    parts = [f"{date.year:04d}"]
    if date.month is not None:
        parts.insert(0, _MONTHS[date.month - 1])
    if date.day is not None:
        parts.insert(0, str(date.day))
    return parts


def _qualify(date: PartialDate, text: str) -> str:
    """``text`` with the date's qualifiers: "c. " for approximate, "?" for uncertain."""
    prefix = "c. " if date.approximate else ""
    suffix = "?" if date.uncertain else ""
    return f"{prefix}{text}{suffix}"


def _interval_label(start: PartialDate, end: PartialDate) -> str:
    """The label of a closed period, sharing the year (and month) that both ends give.

    Only unqualified ends of the same precision are merged: a qualifier belongs to one
    end, and merging ``2013-10/2013`` would drop what the start says.
    """
    if start == end:
        return start.label()
    if start.qualifier or end.qualifier or start.precision != end.precision:
        return f"{start.label()} {_DASH} {end.label()}"
    if start.year != end.year:
        if start.precision is Precision.YEAR:
            return f"{start.year:04d}{_DASH}{end.year:04d}"
        return f"{start.label()} {_DASH} {end.label()}"
    year = f"{start.year:04d}"
    # Same year, precision and qualifiers, different dates: there are months.
    assert start.month is not None
    assert end.month is not None
    first, last = _MONTHS[start.month - 1], _MONTHS[end.month - 1]
    if start.precision is Precision.MONTH:
        return f"{first}{_DASH}{last} {year}"
    if start.month == end.month:
        return f"{start.day}{_DASH}{end.day} {first} {year}"
    return f"{start.day} {first} {_DASH} {end.day} {last} {year}"


def _earliest(date: Bound) -> dt.date | None:
    return None if date is None else date.earliest


def _latest(date: Bound) -> dt.date | None:
    return None if date is None else date.latest


@attrs.frozen(order=False)
class DateInterval:
    """A period between two dates, either of which (not both) may be open (``..``).

    >>> DateInterval.parse("2019-02/2020-03").latest
    datetime.date(2020, 3, 31)
    """

    #: The first date of the period, or None when the start is open (``..``).
    start: PartialDate | None
    #: The last date of the period, or None when the end is open (``..``).
    end: PartialDate | None

    def __attrs_post_init__(self) -> None:
        if self.start is None and self.end is None:
            raise DateError("an interval needs at least one known end, not '../..'")
        if (
            self.start is not None
            and self.end is not None
            and self.end.latest < self.start.earliest
        ):
            raise DateError(f"the interval '{self.start}/{self.end}' ends before it starts", "D003")

    @classmethod
    def parse(cls, text: str) -> DateInterval:
        """Parse ``START/END`` where either end may be ``..``."""
        if text.count("/") != 1:
            raise DateError(f"{text!r} is not an interval: expected START/END")
        left, right = text.split("/")
        start = None if left == ".." else PartialDate.parse(left)
        end = None if right == ".." else PartialDate.parse(right)
        return cls(start, end)

    @property
    def precision(self) -> Precision:
        """The coarser precision of the two known ends."""
        return min(d.precision for d in (self.start, self.end) if d is not None)

    @property
    def is_approximate(self) -> bool:
        """Whether either end is approximate."""
        return any(d.approximate for d in (self.start, self.end) if d is not None)

    @property
    def is_uncertain(self) -> bool:
        """Whether either end is uncertain."""
        return any(d.uncertain for d in (self.start, self.end) if d is not None)

    @property
    def earliest(self) -> dt.date | None:
        """The first day the period may include, or ``None`` when the start is open."""
        return _earliest(self.start)

    @property
    def latest(self) -> dt.date | None:
        """The last day the period may include, or ``None`` when the end is open."""
        return _latest(self.end)

    def label(self) -> str:
        """A short English label of the period, ends joined by an en dash (U+2013).

        Unqualified ends of the same precision share their year, and their month;
        an open start reads "by" (known by that date), an open end "from".

        >>> for text in ["2019-02/2020-06", "2022-01/2022-02", "2020-06-08/2020-06-09"]:
        ...     print(DateInterval.parse(text).label())
        Feb 2019 \u2013 Jun 2020
        Jan\u2013Feb 2022
        8\u20139 Jun 2020
        >>> for text in ["2018-01-30/2018-03-31", "2013~/2014", "../2021-07-07", "2019/.."]:
        ...     print(DateInterval.parse(text).label())
        30 Jan \u2013 31 Mar 2018
        c. 2013 \u2013 2014
        by 7 Jul 2021
        from 2019
        """
        if self.start is None:
            assert self.end is not None
            return f"by {self.end.label()}"
        if self.end is None:
            return f"from {self.start.label()}"
        return _interval_label(self.start, self.end)

    def __str__(self) -> str:
        left = ".." if self.start is None else str(self.start)
        right = ".." if self.end is None else str(self.end)
        return f"{left}/{right}"

    def __repr__(self) -> str:
        return f"DateInterval({str(self)!r})"


@attrs.frozen(order=False, eq=True)
class EventDate:
    """When an event happened, exactly as precise as its sources.

    Event dates have a total order for sorting: by earliest possible day (for an
    open start, the earliest day of its end), then the wider date first (``2013``
    before ``2013-10`` before ``2013-10-05``; an open end widest of all), then by
    text.

    >>> d = EventDate.parse("../2021-07")
    >>> d.earliest is None, d.latest
    (True, datetime.date(2021, 7, 31))
    """

    #: The date itself, a single date or a period ``START/END``.
    value: PartialDate | DateInterval

    @classmethod
    def parse(cls, text: str) -> EventDate:
        """Parse a date string of the data format; raise :class:`DateError` if invalid."""
        if not isinstance(text, str):
            raise DateError(f"a date is text such as '2013', not {type(text).__name__}")
        if "/" in text:
            return cls(DateInterval.parse(text))
        return cls(PartialDate.parse(text))

    @property
    def is_interval(self) -> bool:
        """Whether the date is a period ``START/END``."""
        return isinstance(self.value, DateInterval)

    @property
    def precision(self) -> Precision:
        """The precision of the date (the coarser end for an interval)."""
        return self.value.precision

    @property
    def is_approximate(self) -> bool:
        """Whether the source hedges the date."""
        return self.value.is_approximate

    @property
    def is_uncertain(self) -> bool:
        """Whether the source doubts the date."""
        return self.value.is_uncertain

    @property
    def earliest(self) -> dt.date | None:
        """The first day the event may have happened on (``None``: open start)."""
        return self.value.earliest

    @property
    def latest(self) -> dt.date | None:
        """The last day the event may have happened on (``None``: open end)."""
        return self.value.latest

    @property
    def anchor(self) -> dt.date:
        """The day the date sorts at: its earliest day or, for an open start, its end's.

        ``../2021-07-07`` ("by 7 July 2021, since an unknown day") sorts where it
        becomes known, not before everything else.
        """
        if self.earliest is not None:
            return self.earliest
        assert isinstance(self.value, DateInterval)
        assert self.value.end is not None
        return self.value.end.earliest

    @property
    def sort_key(self) -> tuple[dt.date, int, str]:
        """The key of the total order: anchor day, then the wider date first, then text."""
        latest = self.latest or dt.date.max
        return (self.anchor, -latest.toordinal(), str(self))

    def overlaps(self, other: EventDate) -> bool:
        """Whether the two dates may share a day."""
        return may_overlap(self.earliest, self.latest, other.earliest, other.latest)

    def certainly_before(self, other: EventDate) -> bool:
        """Whether every day this date may mean precedes every day ``other`` may mean."""
        if self.latest is None or other.earliest is None:
            return False
        return self.latest < other.earliest

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, EventDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __le__(self, other: object) -> bool:
        if not isinstance(other, EventDate):
            return NotImplemented
        return self.sort_key <= other.sort_key

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, EventDate):
            return NotImplemented
        return self.sort_key > other.sort_key

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, EventDate):
            return NotImplemented
        return self.sort_key >= other.sort_key

    def label(self) -> str:
        """A short English label for timelines and exports; see :meth:`PartialDate.label`.

        >>> [EventDate.parse(s).label() for s in ["2013-10-05%", "../2021-07", "2013-10/2014"]]
        ['c. 5 Oct 2013?', 'by Jul 2021', 'Oct 2013 \u2013 2014']
        """
        return self.value.label()

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return f"EventDate({str(self)!r})"


def may_overlap(
    a_start: dt.date | None,
    a_end: dt.date | None,
    b_start: dt.date | None,
    b_end: dt.date | None,
) -> bool:
    """Whether the days ``a_start..a_end`` and ``b_start..b_end`` may share one
    (``None`` is an open end)."""
    if a_end is not None and b_start is not None and a_end < b_start:
        return False
    return not (b_end is not None and a_start is not None and b_end < a_start)
