"""Great-circle distance between two points (haversine), in kilometres."""

from __future__ import annotations

import math

EARTH_DIAMETER_KM = 12_742.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two (latitude, longitude) points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return EARTH_DIAMETER_KM * math.asin(min(1.0, math.sqrt(h)))
