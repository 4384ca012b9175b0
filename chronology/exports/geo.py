"""The GeoJSON (RFC 7946) export: :func:`to_geojson`."""

from __future__ import annotations

import math

from ..chronology import Chronology
from ..model import Place
from ._common import _category_label, _dumps, _first_url, _iso


def _coordinates(place: Place) -> list[float] | None:
    """``[lon, lat]`` of a place, or ``None`` when it has no valid coordinates."""
    lat, lon = place.lat, place.lon
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [lon, lat]


def to_geojson(chronology: Chronology) -> str:
    """A GeoJSON FeatureCollection (RFC 7946): one Point per event and place with coordinates.

    An event at two places with coordinates is two features; places without
    coordinates, and events without any, are left out (see :func:`omitted`).
    Coordinates are ``[longitude, latitude]``; the properties describe the event
    (``id``, ``title``, ``summary``, ``date``, ``date_label``, ``earliest``,
    ``latest``, ``precision``, ``approximate``, ``uncertain``, ``category``,
    ``category_label``, ``url``) and the place (``place``, ``region``, ``country``).

    >>> import json
    >>> import chronology
    >>> from chronology.exports import to_geojson
    >>> collection = json.loads(to_geojson(chronology.load().in_category("protest")))
    >>> feature = collection["features"][0]
    >>> feature["geometry"]
    {'type': 'Point', 'coordinates': [71.4491, 51.1694]}
    >>> feature["properties"]["place"], feature["properties"]["date"]
    ('Astana', '2019-02/2020-03')
    """
    features = []
    for event in chronology:
        date = event.date
        for place in event.places:
            point = _coordinates(place)
            if point is None:
                continue
            properties = {
                "id": event.id,
                "title": event.title,
                "summary": event.summary,
                "date": str(date),
                "date_label": date.label(),
                "earliest": _iso(date.earliest),
                "latest": _iso(date.latest),
                "precision": date.precision.name.lower(),
                "approximate": date.is_approximate,
                "uncertain": date.is_uncertain,
                "category": event.category,
                "category_label": _category_label(chronology, event.category),
                "place": place.name,
                "region": place.region,
                "country": place.country,
                "url": _first_url(chronology, event),
            }
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": point},
                    "properties": properties,
                }
            )
    return _dumps({"type": "FeatureCollection", "features": features})
