"""Which large units (units.py) have a located member near a point: the cells of a coarse grid
over the unit vectors that each unit's members occupy, so that one new action's capped query of
hundreds of related units (every sibling office of an agency) asks only the trees of the units
with a member in a cell its cap reaches, not every tree.
"""

from __future__ import annotations

import numpy as np

#: A cell's side, as a chord of the unit sphere (about 127 km).
CELL = 0.02
#: Cells per axis (unit vectors' coordinates are in -1..1).
SIDE = int(2 / CELL) + 2
#: A query whose cap reaches more cells than this is not filtered (taken as near).
MAX_CELLS = 64
_OFFSETS = np.stack(np.meshgrid(*[np.arange(5)] * 3, indexing="ij"), -1).reshape(-1, 3)


def _cells(xyz: np.ndarray) -> np.ndarray:
    """Each point's cell on each axis."""
    return np.floor((xyz + 1.0) / CELL).astype(np.int64)


def _keys(unit: np.ndarray, cells: np.ndarray) -> np.ndarray:
    return ((unit * SIDE + cells[..., 0]) * SIDE + cells[..., 1]) * SIDE + cells[..., 2]


class UnitCells:
    """The (unit, cell) pairs of located members."""

    def __init__(self, unit: np.ndarray, xyz: np.ndarray) -> None:
        self.keys = np.unique(_keys(np.asarray(unit, dtype=np.int64), _cells(xyz)))

    def near(self, points: np.ndarray, units: np.ndarray, caps: np.ndarray) -> np.ndarray:
        """For each (point, unit index, cap as a chord), False only where no located member
        of the unit can be within the cap of the point (none in the cells it reaches); True
        where one may be, or the cap reaches more than `MAX_CELLS` cells."""
        out = np.ones(len(points), dtype=bool)
        some = np.flatnonzero(np.isfinite(caps) & np.isfinite(points).all(1))
        if some.size == 0 or self.keys.size == 0:
            return out
        reach = (caps[some] * (1 + 1e-6) + 1e-9)[:, None]
        lo = np.maximum(_cells(np.maximum(points[some] - reach, -1.0)), 0)
        hi = np.minimum(_cells(np.minimum(points[some] + reach, 1.0)), SIDE - 1)
        counts = hi - lo + 1
        few = counts.prod(1) <= MAX_CELLS
        some, lo, counts = some[few], lo[few], counts[few]
        probe = lo[:, None, :] + _OFFSETS[None, :, :]
        valid = (_OFFSETS[None, :, :] < counts[:, None, :]).all(2)
        keys = _keys(np.asarray(units, dtype=np.int64)[some][:, None], probe)
        at = np.minimum(np.searchsorted(self.keys, keys), self.keys.size - 1)
        out[some] = ((self.keys[at] == keys) & valid).any(1)
        return out
