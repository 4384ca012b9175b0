"""The iCalendar (RFC 5545) export: :func:`to_ics`."""

from __future__ import annotations

import datetime as dt
import re

from ..chronology import Chronology
from ..dates import EventDate
from ..model import Citation
from ._common import _category_label, _first_url, _is_web_url, _source_of
from .spreadsheet import LIST_SEPARATOR

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

    >>> import chronology
    >>> from chronology.exports import to_ics
    >>> protests = chronology.load().in_category("protest")
    >>> lines = to_ics(protests).splitlines()
    >>> lines[0], lines[-1]
    ('BEGIN:VCALENDAR', 'END:VCALENDAR')
    >>> [line for line in lines if line.startswith("DTSTART")][:2]
    ['DTSTART;VALUE=DATE:20190201', 'DTSTART;VALUE=DATE:20200301']
    >>> len(protests), lines.count("BEGIN:VEVENT")  # one event has an open start
    (9, 8)
    """
    from .. import __version__

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
