"""The process-wide offline reader and the CLI/JSON answer shape, without geopy.

``matcher geocode`` answers through :func:`geocode_to_dict` with the reader of
:func:`shared_reader` (the one :func:`~matcher.geocoding.get_gazetteer` reads with too), so a
one-shot command never imports geopy and the HTTP stack under it (a tenth of a second of a
cold start); the geopy ``Location`` answers are :mod:`matcher.geocoding.gazetteer`'s.
"""

from __future__ import annotations

import threading
from typing import Any

from matcher.geocoding.data import load
from matcher.geocoding.facilities import default_facilities
from matcher.geocoding.lookups import Hit
from matcher.geocoding.reading import Reader
from matcher.geocoding.resolve import Resolver

__all__ = ["geocode_to_dict", "hit_to_dict", "location_to_dict", "shared_reader"]

_reader: Reader | None = None
_lock = threading.Lock()


def shared_reader() -> Reader:
    """The process-wide :class:`Reader` over the packaged gazetteer and facility catalog
    (built on first use, once)."""
    global _reader
    if _reader is None:
        with _lock:
            if _reader is None:
                _reader = Reader(Resolver(load()), default_facilities())
    return _reader


def _error(query: str) -> dict[str, Any]:
    return {"query": query, "error": "no place found" if query.strip() else "empty query"}


def location_to_dict(query: str, location: Any) -> dict[str, Any]:
    """The CLI/JSON shape of a geopy ``Location`` (or None): ``{"query", "latitude",
    "longitude", "precision", "address", "match"}`` or ``{"query", "error"}``."""
    if location is None:
        return _error(query)
    raw = location.raw if isinstance(location.raw, dict) else {}
    return {
        "query": query,
        "latitude": round(location.latitude, 5),
        "longitude": round(location.longitude, 5),
        "precision": raw.get("precision", "address"),
        "address": location.address,
        "match": raw.get("match", "provider"),
    }


def hit_to_dict(query: str, hit: Hit | None) -> dict[str, Any]:
    """:func:`location_to_dict` of the ``Location`` the gazetteer makes of ``hit``, without
    making it (its point keeps the coordinates as floats, -0.0 as 0.0)."""
    if hit is None:
        return _error(query)
    return {
        "query": query,
        "latitude": round(float(hit.lat) or 0.0, 5),
        "longitude": round(float(hit.lon) or 0.0, 5),
        "precision": hit.precision,
        "address": hit.place,
        "match": hit.match,
    }


def geocode_to_dict(query: str, geocoder: Any = None) -> dict[str, Any]:
    """Geocode ``query`` into the CLI/JSON shape.

    ``{"query", "latitude", "longitude", "precision", "address", "match"}`` when found,
    ``{"query", "error"}`` otherwise. ``geocoder`` defaults to the offline gazetteer (read
    without geopy); any object with a geopy-style ``geocode`` works (e.g. from
    ``make_geocoder``).
    """
    if geocoder is None:
        return hit_to_dict(query, shared_reader().read(query, None) if query.strip() else None)
    location = geocoder.geocode(query) if query.strip() else None
    if isinstance(location, list):
        location = location[0] if location else None
    return location_to_dict(query, location)
