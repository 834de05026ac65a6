"""Shapes of results: gazetteer hits as geopy ``Location`` objects (the CLI/JSON dicts are
:mod:`matcher.geocoding.offline`'s)."""

from __future__ import annotations

from typing import Any

from geopy.location import Location
from geopy.point import Point

from matcher.geocoding.lookups import Hit

__all__ = ["PRECISIONS", "hit_to_location"]

#: From finest to coarsest.
PRECISIONS = ("address", "facility", "postcode", "city", "county", "region", "state")
#: Answers the organizer is asked to confirm ("we placed this at X: is that right?").
COARSE = frozenset(("county", "region", "state"))


def _point(lat: float, lon: float) -> Point:
    """geopy ``Point(lat, lon)`` without its parsing: the gazetteer's coordinates are already
    floats in range, which ``Point`` would keep as they are (anything else goes through it)."""
    if type(lat) is float and type(lon) is float and -90.0 <= lat <= 90.0 and -180.0 < lon < 180.0:
        point = object.__new__(Point)
        point.latitude = lat or 0.0  # Point turns -0.0 into 0.0
        point.longitude = lon or 0.0
        point.altitude = 0.0
        return point
    return Point(lat, lon)


def hit_to_location(hit: Hit, source: str = "gazetteer", **extra: Any) -> Location:
    """Wrap a :class:`~matcher.geocoding.resolve.Hit` as a ``Location`` with a rich ``raw``.

    ``raw`` always has ``precision``, ``match``, ``place``, ``state``, ``population``,
    ``fuzzy``, ``confirm`` (ask the organizer: a guess, a coarse place or a name with famous
    homonyms) and ``source``; optional keys: ``score`` (fuzzy ratio), ``postcode``,
    ``representative`` (main place of a region), ``distance_km`` (reverse), ``facility``,
    ``facility_name`` and ``operator`` (a facility or office of the catalog), ``alternatives``
    (other places of the same name: ``place``, ``latitude``, ``longitude``, ``state``).
    """
    raw: dict[str, Any] = {
        "place": hit.place,
        "precision": hit.precision,
        "match": hit.match,
        "state": hit.state,
        "population": hit.population,
        "fuzzy": hit.fuzzy,
        "source": source,
        "latitude": hit.lat,
        "longitude": hit.lon,
    }
    if hit.score is not None:
        raw["score"] = hit.score
    raw["confirm"] = hit.ambiguous or hit.fuzzy or hit.precision in COARSE
    if hit.detail is not None and hit.facility is None:
        raw["postcode" if hit.precision == "postcode" else "representative"] = hit.detail
    if hit.facility is not None:
        raw["facility"] = hit.facility
        raw["facility_name"] = hit.detail
        raw["operator"] = hit.operator
    if hit.ambiguous:
        raw["alternatives"] = [
            {"place": h.place, "latitude": h.lat, "longitude": h.lon, "state": h.state}
            for h in hit.alternatives
        ]
    raw.update(extra)
    return _location(hit.place, _point(hit.lat, hit.lon), raw)


def _location(address: str, point: Point, raw: dict[str, Any]) -> Location:
    """geopy ``Location(address, point, raw)`` without its type checks (the three are already
    what it keeps: a string, a ``Point`` and a dict)."""
    location = object.__new__(Location)
    location._address = address
    location._point = point
    location._tuple = (address, (point.latitude, point.longitude))
    location._raw = raw
    return location
