"""Facility coordinates from the HIFLD Prison Boundaries polygons (DHS, public use).

A catalog row takes the centroid of the polygon whose street address (number and street word,
with the same ZIP or town) matches; a row without a street number may take a polygon whose
name shares most distinctive words, in the same ZIP or town. A match more than 40 km from the
row's ZIP or town centroid is refused.
"""

from __future__ import annotations

import io
import itertools
import math
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import shapefile

from matcher.geocoding.build_facilities.text import norm_name, street_key

__all__ = ["HIFLD_FILE", "Hifld", "Polygon"]

HIFLD_FILE = "hifld_prison_boundaries_2024-10-07.zip"
MAX_SHIFT_KM = 40.0
# fmt: off
_STOP = frozenset((
    "COUNTY", "JAIL", "DETENTION", "CENTER", "CTR", "FACILITY", "CORRECTIONAL", "CORRECTIONS",
    "CORR", "DET", "FAC", "THE", "OF", "AND", "REGIONAL", "ADULT", "COMPLEX", "INSTITUTION",
    "SHERIFF", "SHERIFFS", "OFFICE", "DEPT", "DEPARTMENT", "PARISH", "CO", "PRISON", "JUSTICE",
    "PUBLIC", "SAFETY", "CITY", "MUNICIPAL", "ICE", "PROCESSING", "CONTRACT", "SERVICE",
    "FEDERAL", "STATE", "COUNTIES",
))
# fmt: on


@dataclass(frozen=True, slots=True)
class Polygon:
    """One HIFLD record: id, name, status, place, centroid and match keys."""

    facility_id: str
    name: str
    status: str
    city: str
    zip: str
    lat: float
    lon: float
    street: tuple[str, str] | None
    words: frozenset[str]


def _words(name: str) -> frozenset[str]:
    return frozenset(t for t in norm_name(name).split() if t not in _STOP and not t.isdigit())


def _centroid(points: list[tuple[float, float]], parts: list[int]) -> tuple[float, float]:
    """Area centroid (lat, lon) of a polygon's rings; the mean point for a degenerate one."""
    area = cx = cy = 0.0
    bounds = [*parts, len(points)]
    for start, end in itertools.pairwise(bounds):
        ring = points[start:end]
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
    if abs(area) < 1e-15:
        return sum(p[1] for p in points) / len(points), sum(p[0] for p in points) / len(points)
    return cy / (3 * area), cx / (3 * area)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


class Hifld:
    """The Prison Boundaries polygons by state, read from the zipped shapefile."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            parts = {
                ext: io.BytesIO(archive.read(f"Prison_Boundaries.{ext}"))
                for ext in ("shp", "shx", "dbf")
            }
        reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"])
        self.by_state: dict[str, list[Polygon]] = defaultdict(list)
        for item in reader.iterShapeRecords():
            record = item.record.as_dict()
            lat, lon = _centroid(item.shape.points, list(item.shape.parts))
            self.by_state[record["STATE"]].append(
                Polygon(
                    facility_id=str(record["FACILITYID"]),
                    name=record["NAME"],
                    status=record["STATUS"],
                    city=record["CITY"],
                    zip=record["ZIP"],
                    lat=lat,
                    lon=lon,
                    street=street_key(record["ADDRESS"]),
                    words=_words(record["NAME"]),
                )
            )

    def _score(self, polygon: Polygon, street, words, city: str, zip_code: str) -> float:
        same_place = polygon.zip == zip_code or norm_name(polygon.city) == norm_name(city)
        if street and polygon.street == street and same_place:
            return 3.0
        if street or not words or not polygon.words or not same_place:
            return 0.0
        shared = len(words & polygon.words)
        ratio = shared / len(words | polygon.words)
        return 1 + ratio if ratio >= 0.5 and shared >= 1 else 0.0

    def match(
        self,
        name: str,
        address: str,
        city: str,
        state: str,
        zip_code: str,
        near: tuple[float, float] | None = None,
    ) -> Polygon | None:
        """The polygon of this facility, or None."""
        street, words = street_key(address), _words(name)
        best: tuple[float, Polygon] | None = None
        for polygon in self.by_state.get(state, []):
            score = self._score(polygon, street, words, city, zip_code)
            if not score:
                continue
            if (
                best is None
                or score > best[0]
                or (score == best[0] and polygon.status == "OPEN" and best[1].status != "OPEN")
            ):
                best = (score, polygon)
        if best is None:
            return None
        if near and _km(near, (best[1].lat, best[1].lon)) > MAX_SHIFT_KM:
            return None
        return best[1]
