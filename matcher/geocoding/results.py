"""Shapes of results: gazetteer hits as geopy ``Location`` objects and as CLI/JSON dicts."""

from __future__ import annotations

from typing import Any

from geopy.location import Location

from matcher.geocoding.lookups import Hit

__all__ = ["PRECISIONS", "hit_to_location", "location_to_dict"]

#: From finest to coarsest.
PRECISIONS = ("address", "postcode", "city", "county", "region", "state")


def hit_to_location(hit: Hit, source: str = "gazetteer", **extra: Any) -> Location:
    """Wrap a :class:`~matcher.geocoding.resolve.Hit` as a ``Location`` with a rich ``raw``.

    ``raw`` always has ``precision``, ``match``, ``place``, ``state``, ``population``,
    ``fuzzy`` and ``source``; optional keys: ``score`` (fuzzy ratio), ``postcode``,
    ``representative`` (main place of a region), ``distance_km`` (reverse).
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
    if hit.detail is not None:
        raw["postcode" if hit.precision == "postcode" else "representative"] = hit.detail
    raw.update(extra)
    return Location(hit.place, (hit.lat, hit.lon), raw)


def location_to_dict(query: str, location: Location | None) -> dict[str, Any]:
    """The CLI/JSON shape: ``{"query", "latitude", "longitude", "precision", "address",
    "match"}`` or ``{"query", "error"}``."""
    if location is None:
        return {"query": query, "error": "no place found" if query.strip() else "empty query"}
    raw = location.raw if isinstance(location.raw, dict) else {}
    return {
        "query": query,
        "latitude": round(location.latitude, 5),
        "longitude": round(location.longitude, 5),
        "precision": raw.get("precision", "address"),
        "address": location.address,
        "match": raw.get("match", "provider"),
    }
