"""Metro areas as people name them (data/metros.csv): who may be region partners, and what a
region is called.

A metro is a union of discs; a point belongs to the metro whose disc holds it most centrally
(smallest distance over radius), or to none (rural). Region partners (scoring.score_pairs):

- both in the same metro: any distance up to `region_radius_km`;
- two different metros: never, however close ("New Haven" and "New York City area" are 110 km
  apart but two places to organize);
- one in a metro, the other outside every metro: at most `metro_edge_km` apart;
- both outside every metro (rural): at most `region_radius_km` apart (rural areas are wider).

Areas (kind=area) are named parts of a metro ("North Jersey", "Inland Empire"): a group of
places all nearest the same area is called after it, else after their metro.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from matcher.matching.geometry import haversine_km

_CHUNK = 65_536


@dataclass(frozen=True)
class Disc:
    """One disc of a metro or of a named area."""

    metro: str
    kind: str  # metro (the metro's main disc, with its name), disc, area
    name: str
    lat: float
    lon: float
    radius_km: float


class Metros:
    """Assigns points to metros and names groups of points."""

    def __init__(self, discs: Sequence[Disc]) -> None:
        self.codes = sorted({d.metro for d in discs})
        code_of = {m: c for c, m in enumerate(self.codes)}
        self.names = {code_of[d.metro]: d.name for d in discs if d.kind == "metro"}
        shape = [d for d in discs if d.kind in ("metro", "disc")]
        areas = [d for d in discs if d.kind == "area"]
        self._shape = self._arrays(shape, code_of)
        self._areas = self._arrays(areas, code_of)
        self.area_names = [d.name for d in areas]

    @staticmethod
    def _arrays(discs: Sequence[Disc], code_of: dict[str, int]) -> tuple[np.ndarray, ...]:
        return (
            np.array([d.lat for d in discs], dtype=float),
            np.array([d.lon for d in discs], dtype=float),
            np.array([d.radius_km for d in discs], dtype=float),
            np.array([code_of[d.metro] for d in discs], dtype=np.int64),
        )

    @staticmethod
    def _best(lat: np.ndarray, lon: np.ndarray, discs: tuple[np.ndarray, ...]) -> np.ndarray:
        """Index of the disc holding each point most centrally (-1: none)."""
        dlat, dlon, radius, _ = discs
        out = np.full(len(lat), -1, dtype=np.int64)
        if len(dlat) == 0:
            return out
        ok = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
        for start in range(0, len(ok), _CHUNK):
            at = ok[start : start + _CHUNK]
            # a cheap box test first: most points are far from most discs
            near = (np.abs(lat[at, None] - dlat[None, :]) * 111.0) <= radius[None, :]
            rows, cols = np.nonzero(near)
            if rows.size == 0:
                continue
            ratio = (
                haversine_km(lat[at][rows], lon[at][rows], dlat[cols], dlon[cols]) / radius[cols]
            )
            inside = ratio <= 1.0
            rows, cols, ratio = rows[inside], cols[inside], ratio[inside]
            order = np.lexsort((ratio, rows))
            rows, cols = rows[order], cols[order]
            first = np.r_[True, rows[1:] != rows[:-1]] if rows.size else rows.astype(bool)
            out[at[rows[first]]] = cols[first]
        return out

    def assign(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Metro code of each point (-1: outside every metro, or not located)."""
        lat, lon = np.atleast_1d(np.asarray(lat, float)), np.atleast_1d(np.asarray(lon, float))
        best = self._best(lat, lon, self._shape)
        return np.where(best >= 0, self._shape[3][np.maximum(best, 0)], -1)

    def area_of(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Index of the named area nearest each point's core (-1: none)."""
        lat, lon = np.atleast_1d(np.asarray(lat, float)), np.atleast_1d(np.asarray(lon, float))
        return self._best(lat, lon, self._areas)

    def name_for(self, points: Sequence[tuple[float, float]]) -> str | None:
        """The name of a group of places: their common area, else their common metro, else
        None (they are not all in one metro)."""
        if not points:
            return None
        lat = np.array([p[0] for p in points], dtype=float)
        lon = np.array([p[1] for p in points], dtype=float)
        metros = np.unique(self.assign(lat, lon))
        if len(metros) != 1 or metros[0] < 0:
            return None
        areas = np.unique(self.area_of(lat, lon))
        if len(areas) == 1 and areas[0] >= 0:
            return self.area_names[int(areas[0])]
        return self.names.get(int(metros[0]))

    def pair_names(
        self, lat_a: np.ndarray, lon_a: np.ndarray, lat_b: np.ndarray, lon_b: np.ndarray
    ) -> list[str | None]:
        """`name_for` of many pairs of places at once."""
        ma, mb = self.assign(lat_a, lon_a), self.assign(lat_b, lon_b)
        aa, ab = self.area_of(lat_a, lon_a), self.area_of(lat_b, lon_b)
        out: list[str | None] = []
        for m1, m2, a1, a2 in zip(ma.tolist(), mb.tolist(), aa.tolist(), ab.tolist(), strict=True):
            if m1 < 0 or m1 != m2:
                out.append(None)
            elif a1 >= 0 and a1 == a2:
                out.append(self.area_names[a1])
            else:
                out.append(self.names.get(m1))
        return out


def read_discs(text: str) -> list[Disc]:
    """Discs from the CSV text of data/metros.csv (lines starting with # are comments)."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [
        Disc(
            r["metro"],
            r["kind"],
            r["name"],
            float(r["lat"]),
            float(r["lon"]),
            float(r["radius_km"]),
        )
        for r in csv.DictReader(lines)
    ]


@cache
def default_metros() -> Metros:
    """The packaged metro areas (read once per process)."""
    text = resources.files("matcher.matching").joinpath("data/metros.csv").read_text("utf-8")
    return Metros(read_discs(text))
