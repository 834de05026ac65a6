"""Named regions: density clusters of actions, named as people name them.

DBSCAN on every action chains metros together at 100k actions and does not fit at 1M (see
shared/notes/matching-performance.md), so the model is fitted on at most `cluster_sample`
actions (a deterministic sample: the lowest id hashes), rounded to distinct places about
1 km apart and weighted by how many sampled actions each holds, with DBSCAN (haversine, radius
`cluster_eps_km`, minimum weight scaled with the sample size). Every action is then assigned
the region of its nearest core place within the radius, or none (-1): an isolated action
(Anchorage) has no region. The density the clusters see is therefore the same at every size.

Names come from the metro areas (metros.py) when the cluster sits inside one ("Bay Area",
"Twin Cities", "North Jersey", "DMV", "Inland Empire"), else from `namer(points)` (default:
`matcher.geocoding.place_name_for`, the largest place, imported lazily), then from the most
common display place of the members, then from the coordinates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.spatial import cKDTree
from sklearn.cluster import DBSCAN

from matcher.matching.geometry import EARTH_RADIUS_KM, chord_for_km, unit_vectors
from matcher.matching.metros import default_metros
from matcher.matching.rows import ActionRow
from matcher.matching.settings import DEFAULT_SETTINGS, MatchSettings

Namer = Callable[[list[tuple[float, float]]], "str | None"]
_MAX_NAME_POINTS = 200


def default_namer(points: list[tuple[float, float]]) -> str | None:
    """`matcher.geocoding.place_name_for` when that package is importable, else None."""
    try:
        from matcher.geocoding import place_name_for
    except ImportError:
        return None
    try:
        return place_name_for(points)
    except Exception:  # a broken gazetteer must not break matching
        return None


def coordinate_label(lat: float, lon: float) -> str:
    """A name from coordinates: "area around 37.8N 122.4W"."""
    ns, ew = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
    return f"area around {abs(lat):.1f}{ns} {abs(lon):.1f}{ew}"


@dataclass
class RegionModel:
    """Core places of each region, able to label any point and to name each region."""

    core_xyz: np.ndarray
    core_label: np.ndarray
    members: dict[int, list[tuple[float, float, int]]]
    eps_km: float
    namer: Namer | None = None
    places: dict[int, Counter] = field(default_factory=dict)
    _names: dict[int, str] = field(default_factory=dict)
    _tree: cKDTree | None = None

    @classmethod
    def fit(
        cls,
        lat: np.ndarray,
        lon: np.ndarray,
        *,
        order_key: np.ndarray | None = None,
        place_text: Sequence[str] | None = None,
        namer: Namer | None = None,
        settings: MatchSettings = DEFAULT_SETTINGS,
    ) -> RegionModel:
        """Fit on located points (NaN rows are ignored); `order_key` picks the sample."""
        lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
        located = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
        if order_key is not None and len(located) > settings.cluster_sample:
            located = located[np.argsort(order_key[located], kind="stable")]
        sample = located[: settings.cluster_sample]
        model = cls(
            np.zeros((0, 3)), np.zeros(0, dtype=np.int64), {}, settings.cluster_eps_km, namer
        )
        if sample.size == 0:
            return model
        cells = np.round(np.column_stack((lat[sample], lon[sample])), 2)
        places, inverse, weight = np.unique(cells, axis=0, return_inverse=True, return_counts=True)
        inverse = inverse.ravel()
        min_weight = max(settings.cluster_min_samples, round(5 * len(sample) / 10_000))
        db = DBSCAN(
            eps=settings.cluster_eps_km / EARTH_RADIUS_KM,
            min_samples=min_weight,
            metric="haversine",
            algorithm="ball_tree",
        ).fit(np.radians(places), sample_weight=weight)
        core = np.zeros(len(places), dtype=bool)
        core[db.core_sample_indices_] = True
        model.core_xyz = unit_vectors(places[core, 0], places[core, 1])
        model.core_label = db.labels_[core].astype(np.int64)
        for p, label in enumerate(db.labels_.tolist()):
            if label >= 0:
                model.members.setdefault(label, []).append(
                    (float(places[p, 0]), float(places[p, 1]), int(weight[p]))
                )
        if place_text is not None:
            for s, p in zip(sample.tolist(), inverse.tolist(), strict=True):
                label = int(db.labels_[p])
                if label >= 0 and place_text[s]:
                    model.places.setdefault(label, Counter())[place_text[s]] += 1
        return model

    def assign(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Region label per point (-1: no region within the radius of a core place)."""
        lat, lon = np.atleast_1d(np.asarray(lat, float)), np.atleast_1d(np.asarray(lon, float))
        labels = np.full(len(lat), -1, dtype=np.int64)
        ok = np.isfinite(lat) & np.isfinite(lon)
        if not ok.any() or len(self.core_label) == 0:
            return labels
        if self._tree is None:
            self._tree = cKDTree(self.core_xyz)
        bound = chord_for_km(self.eps_km) * (1 + 1e-9)
        xyz = unit_vectors(lat[ok], lon[ok])
        dist, idx = self._tree.query(xyz, k=1, distance_upper_bound=bound)
        found = np.isfinite(dist)
        out = np.full(len(idx), -1, dtype=np.int64)
        out[found] = self.core_label[idx[found]]
        labels[ok] = out
        return labels

    def name(self, label: int) -> str | None:
        """Display name of a region (None for -1)."""
        if label < 0 or label not in self.members:
            return None
        if label not in self._names:
            pts = sorted(self.members[label], key=lambda m: -m[2])[:_MAX_NAME_POINTS]
            points = [(a, b) for a, b, _ in pts]
            name = default_metros().name_for(points)  # "Bay Area", "North Jersey"
            for namer in (self.namer, default_namer):
                if namer is not None and name is None:
                    try:
                        name = namer(points)
                    except Exception:
                        name = None
            if not name and self.places.get(label):
                name = self.places[label].most_common(1)[0][0]
            self._names[label] = name or coordinate_label(*points[0])
        return self._names[label]


@dataclass
class Regions:
    """Result of `regions()`: a label per input (-1 for none) and a name per label."""

    labels: list[int]
    names: dict[int, str]


def regions(
    rows_or_points: Sequence[ActionRow] | Sequence[tuple[float, float]],
    *,
    namer: Namer | None = None,
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> Regions:
    """Cluster actions (or (lat, lon) points) into named regions."""
    lat, lon, place = [], [], []
    for item in rows_or_points:
        if isinstance(item, ActionRow):
            lat.append(np.nan if item.latitude is None else item.latitude)
            lon.append(np.nan if item.longitude is None else item.longitude)
            place.append(item.place)
        else:
            lat.append(item[0])
            lon.append(item[1])
            place.append("")
    lat_a, lon_a = np.asarray(lat, float), np.asarray(lon, float)
    model = RegionModel.fit(lat_a, lon_a, place_text=place, namer=namer, settings=settings)
    labels = model.assign(lat_a, lon_a)
    names = {int(label): model.name(int(label)) or "" for label in np.unique(labels[labels >= 0])}
    return Regions([int(x) for x in labels], names)
