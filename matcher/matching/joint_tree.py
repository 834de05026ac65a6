"""One KD-tree over the located members of every large unit (units.py), each unit a fourth
coordinate apart, so that the single queries of hundreds of units (one new action's related
classes: every sibling office of an agency) are one tree query, not one per unit's tree.

A unit's members are `SPACING` apart from every other unit's in the fourth coordinate and
chords of the unit sphere are at most 2, so a query placed at its unit's fourth coordinate
with a distance bound of `SPACING / 2` finds only that unit's members, at the distances the
unit's own tree gives (the fourth difference is exactly 0). Which of several equally near
members a tree returns depends on the tree, so where the w-th and (w+1)-th nearest are equally
far (and within the cap) the answer is not taken from here: the caller asks the unit's own
tree (`Joint.unsure`), and the pairs fetched are the same as with the units' trees alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

#: The fourth coordinate between two units (chords are at most 2).
SPACING = 8.0


@dataclass
class Joint:
    """`JointTree.nearest`'s answer: rows (into the queries) and members (positions into the
    concatenated located members) found, and the queries to ask their unit's tree instead."""

    rows: np.ndarray
    members: np.ndarray
    unsure: np.ndarray


class JointTree:
    """The located members of the large units, unit index `owner[n]` for point `xyz[n]`."""

    def __init__(self, owner: np.ndarray, xyz: np.ndarray) -> None:
        owner = np.asarray(owner, dtype=np.int64)
        self.size = np.bincount(owner) if owner.size else np.zeros(0, dtype=np.int64)
        self.tree = cKDTree(np.column_stack([xyz, owner * SPACING]))

    def nearest(
        self, points: np.ndarray, units: np.ndarray, want: np.ndarray, cap: np.ndarray
    ) -> Joint:
        """For each located query point of a unit (index `units[n]`), its `want[n]` nearest
        located members of the unit nearer than `cap[n]` (a chord, inf: no limit), as a
        unit's tree queried with `distance_upper_bound=cap` gives them."""
        n_loc = np.zeros(len(units), dtype=np.int64)
        inside = units < len(self.size)
        n_loc[inside] = self.size[units[inside]]
        w = np.minimum(want, n_loc)
        empty = np.zeros(0, dtype=np.int64)
        if len(points) == 0 or not w.any():
            return Joint(empty, empty, empty)
        k = int(w.max()) + 1  # one more: whether the w-th is tied with the next
        at = np.column_stack([points, units * SPACING])
        dd, idx = self.tree.query(at, k=k, distance_upper_bound=SPACING / 2)
        dd, idx = dd.reshape(len(points), k), idx.reshape(len(points), k)
        rows = np.arange(len(points))
        wth = dd[rows, np.maximum(w - 1, 0)]
        nxt = dd[rows, np.minimum(w, k - 1)]
        unsure = (w > 0) & (w < n_loc) & (wth == nxt) & (wth < cap)
        keep = (np.arange(k)[None, :] < w[:, None]) & (dd < cap[:, None])
        keep &= np.isfinite(dd)
        keep[unsure] = False
        r, c = np.nonzero(keep)
        return Joint(r, idx[r, c], np.flatnonzero(unsure))
