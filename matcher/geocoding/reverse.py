"""Nearest significant places for coordinates (reverse geocoding, naming region clusters).

A scipy ``cKDTree`` over 3-D unit vectors of the ~17,000 places of 1,000+ people: straight-line
(chord) distance between unit vectors orders points exactly like great-circle distance.
scipy is imported only when the first reverse query builds the tree, so plain geocoding (and
the ``matcher geocode`` command) never pays for it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from matcher.geocoding.data import GazetteerData
from matcher.geocoding.distance import distance_km

__all__ = ["SIGNIFICANT_POPULATION", "ReverseIndex"]

#: Places smaller than this are not "significant" for reverse geocoding and region names.
SIGNIFICANT_POPULATION = 1000
EARTH_RADIUS_KM = 6371.0


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


class ReverseIndex:
    """Nearest-place queries over the gazetteer's significant places."""

    def __init__(self, data: GazetteerData, min_population: int = SIGNIFICANT_POPULATION):
        from scipy.spatial import cKDTree  # heavy import, only for reverse lookups

        pop = np.asarray(data.pop)
        self.rows = np.flatnonzero(pop >= min_population)
        self.population = pop[self.rows]
        lat, lon = np.asarray(data.lat), np.asarray(data.lon)
        self.tree = cKDTree(_unit(lat[self.rows], lon[self.rows]))

    def nearest(self, points: Iterable[tuple[float, float]], k: int = 1) -> np.ndarray:
        """Row numbers (into the gazetteer) of the ``k`` nearest places, nearest first,
        shape (number of points, k)."""
        pts = np.asarray(list(points), dtype=np.float64).reshape(-1, 2)
        k = max(1, min(k, len(self.rows)))
        if len(pts) == 0:
            return np.empty((0, k), dtype=np.int64)
        _, found = self.tree.query(_unit(pts[:, 0], pts[:, 1]), k=k)
        return self.rows[np.asarray(found).reshape(len(pts), k)]

    @staticmethod
    def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
        """Great-circle distance in kilometres."""
        return distance_km(lat1, lon1, lat2, lon2)

    def largest_near(
        self, points: Iterable[tuple[float, float]], k: int = 3, radius_km: float = 15.0
    ) -> int | None:
        """Row of the most populous place among the places near the points: for every point
        its ``k`` nearest places and every place within ``radius_km``."""
        pts = np.asarray(list(points), dtype=np.float64).reshape(-1, 2)
        if len(pts) == 0:
            return None
        vectors = _unit(pts[:, 0], pts[:, 1])
        k = max(1, min(k, len(self.rows)))
        _, nearest = self.tree.query(vectors, k=k)
        positions = set(np.asarray(nearest).ravel().tolist())
        chord = 2 * np.sin(radius_km / (2 * EARTH_RADIUS_KM))
        for found in self.tree.query_ball_point(vectors, r=chord):
            positions.update(found)
        candidates = np.fromiter(positions, dtype=np.int64)
        return int(self.rows[candidates[np.argmax(self.population[candidates])]])
