"""The TimelineJS3 export: :func:`to_timelinejs`."""

from __future__ import annotations

import html
from typing import Any

from .._countries import COUNTRY_NAMES
from ..chronology import Chronology
from ..dates import DateInterval, EventDate, PartialDate
from ..errors import ChronologyError
from ..model import Event
from ._common import _category_label, _counts, _dumps, _is_web_url, _source_of

#: The lane modes of :func:`to_timelinejs`, as for rendered timelines.
LANE_MODES: tuple[str, ...] = ("category", "tag", "country", "none")


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
    """``text`` as HTML text: ``&``, ``<``, ``>``, ``"`` and ``'`` escaped.

    Quotes are escaped too, so the text is also safe where TimelineJS puts it in
    an attribute.

    >>> _html("<b>Tom's & co</b>")
    '&lt;b&gt;Tom&#x27;s &amp; co&lt;/b&gt;'
    """
    return html.escape(text, quote=True)


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

    >>> import json
    >>> import chronology
    >>> from chronology.exports import to_timelinejs
    >>> protests = chronology.load().in_category("protest")
    >>> slide = json.loads(to_timelinejs(protests, lanes="country"))["events"][0]
    >>> slide["start_date"], slide["end_date"], slide["group"]
    ({'year': 2019, 'month': 2}, {'year': 2020, 'month': 3}, 'Kazakhstan (KZ)')
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
