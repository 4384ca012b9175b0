"""Helpers that several export formats share: dates, labels, source URLs, JSON text."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ..chronology import Chronology
from ..model import Citation, Event, Source


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _category_label(chronology: Chronology, slug: str) -> str:
    category = chronology.categories.get(slug)
    return category.label if category is not None else slug


def _source_of(chronology: Chronology, citation: Citation) -> Source | None:
    return chronology.sources.get(citation.source)


def _url_of(chronology: Chronology, citation: Citation) -> str:
    source = _source_of(chronology, citation)
    return source.url if source is not None else ""


def _first_url(chronology: Chronology, event: Event) -> str | None:
    for citation in event.sources:
        url = _url_of(chronology, citation)
        if url:
            return url
    return None


_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"]+", re.IGNORECASE)


def _is_web_url(url: str) -> bool:
    """Whether ``url`` is an http(s) address that is safe to link (no spaces, controls, <>")."""
    return _WEB_URL.fullmatch(url) is not None


def _dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _counts(chronology: Chronology) -> str:
    """'55 events, 2011\u20132022' (by the years events sort in), or 'no events'."""
    if not len(chronology):
        return "no events"
    first, last = chronology[0].date.anchor.year, chronology[-1].date.anchor.year
    years = f"{first:04d}" if first == last else f"{first:04d}\u2013{last:04d}"
    noun = "event" if len(chronology) == 1 else "events"
    return f"{len(chronology)} {noun}, {years}"
