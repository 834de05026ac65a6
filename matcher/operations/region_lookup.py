"""The region of the clustered action nearest a point, answered from memory.

Publishing an action far from no region gives it the region of the nearest action that has
one, within the clustering radius. The database answers that with a box read around the point
(13-14 ms at a million actions, where the synthetic metros crowd the box); the kept match index
(`match_index`) holds a `NearestRegions` instead: a KD-tree over the actions that had a region
when it was read (3-D unit vectors: the straight-line distance orders points as the
great-circle distance does), and the actions changed since (the index's catch-up hands each one
over) in a small overlay that takes precedence. A rewrite of the regions (`matcher match`,
`matcher regions`) changes the regions' version, and the lookup is read again.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sqlalchemy import select

from matcher.extensions import db
from matcher.geocoding.distance import EARTH_DIAMETER_KM, distance_km
from matcher.matching.geometry import unit_vectors
from matcher.models import Action

__all__ = ["NEAREST", "UNSURE", "NearestRegions"]

# Nearest candidates read from the tree per question; when every one of them has changed
# since the tree was built (or is the action asking), the caller asks the database.
NEAREST = 64
UNSURE = object()  # the lookup cannot tell: ask the database


class NearestRegions:
    """The actions with a region and their points: `nearest(...)` is the region of the
    nearest within a radius, as the database's box read gives it."""

    def __init__(self, rows: list[tuple[int, float, float, int]]) -> None:
        from scipy.spatial import cKDTree  # heavy import: only where the lookup is kept

        rows = sorted(rows)  # by id: `update` finds an action by bisection
        self.ids = np.array([row[0] for row in rows], dtype=np.int64)
        self.regions = np.array([row[3] for row in rows], dtype=np.int64)
        self.lat = np.array([row[1] for row in rows], dtype=np.float64)
        self.lon = np.array([row[2] for row in rows], dtype=np.float64)
        self.tree = cKDTree(unit_vectors(self.lat, self.lon)) if rows else None
        #: actions changed since the tree was read: id -> (lat, lon, region), None without one
        self.changed: dict[int, tuple[float, float, int] | None] = {}

    @classmethod
    def read(cls) -> NearestRegions:
        """Every action with a region and a point, as the database holds them now."""
        query = select(Action.id, Action.latitude, Action.longitude, Action.region_id).where(
            Action.region_id.is_not(None),
            Action.latitude.is_not(None),
            Action.longitude.is_not(None),
        )
        return cls([tuple(row) for row in db.session.execute(query)])  # type: ignore[misc]

    def update(self, points: dict[int, tuple[Any, Any, Any]]) -> None:
        """Actions as they are now: id -> (latitude, longitude, region), any may be None.
        Those that match the tree's copy leave the overlay (a bulk write's rows, read again
        by each catch-up inside its overlap, cost a comparison, not a place there)."""
        if not points:
            return
        ids = np.fromiter(points, dtype=np.int64, count=len(points))
        values = list(points.values())
        located = [v[0] is not None and v[1] is not None and v[2] is not None for v in values]
        lat = np.array([v[0] if ok else np.nan for v, ok in zip(values, located, strict=True)])
        lon = np.array([v[1] if ok else np.nan for v, ok in zip(values, located, strict=True)])
        region = np.array([v[2] if ok else -1 for v, ok in zip(values, located, strict=True)])
        at = np.minimum(np.searchsorted(self.ids, ids), max(len(self.ids) - 1, 0))
        if len(self.ids):
            held = self.ids[at] == ids
            same = (
                held & (self.lat[at] == lat) & (self.lon[at] == lon) & (self.regions[at] == region)
            )
        else:
            held = same = np.zeros(len(ids), dtype=bool)
        for k, action_id in enumerate(ids.tolist()):
            if same[k] or not (held[k] or located[k]):
                self.changed.pop(action_id, None)  # as the tree has it, or nothing to hide
            else:
                self.changed[action_id] = values[k] if located[k] else None

    def nearest(self, action_id: int, lat: float, lon: float, eps_km: float) -> Any:
        """The region of the nearest other action with one within `eps_km`, None when there
        is none, or `UNSURE` when the tree's nearest candidates have all changed."""
        best: tuple[float, int] | None = None
        for other, point in self.changed.items():
            if point is not None and other != action_id:
                distance = distance_km(lat, lon, point[0], point[1])
                if distance <= eps_km and (best is None or distance < best[0]):
                    best = (distance, point[2])
        if self.tree is not None:
            chord = 2.0 * math.sin(eps_km / EARTH_DIAMETER_KM) * (1 + 1e-9)
            k = min(NEAREST, len(self.ids))
            _, found = self.tree.query(
                unit_vectors(np.array([lat]), np.array([lon]))[0], k=k, distance_upper_bound=chord
            )
            positions = [int(p) for p in np.atleast_1d(found) if p < len(self.ids)]
            usable = False
            for p in positions:  # nearest first
                other = int(self.ids[p])
                if other == action_id or other in self.changed:
                    continue
                usable = True
                distance = distance_km(lat, lon, float(self.lat[p]), float(self.lon[p]))
                if distance <= eps_km and (best is None or distance < best[0]):
                    best = (distance, int(self.regions[p]))
                break
            if not usable and len(positions) == k:  # all the nearest changed
                p = positions[-1]
                farthest = distance_km(lat, lon, float(self.lat[p]), float(self.lon[p]))
                if best is None or best[0] > farthest:
                    return UNSURE  # farther ones might answer
        return best[1] if best else None
