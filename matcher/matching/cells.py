"""Which large units (units.py) have a located member near a point: the cells of two coarse
grids over the unit vectors that each unit's members occupy, so that one new action's capped
query of hundreds of related units (every sibling office of an agency) asks only the trees of
the units with a member in a cell its cap reaches, not every tree.
"""

from __future__ import annotations

import numpy as np

#: Cell sides, as chords of the unit sphere (about 16 and 127 km): a cap takes the finest grid
#: on which it reaches at most `MAX_CELLS` cells.
CELLS = (0.0025, 0.02)
#: A query whose cap reaches more cells than this on every grid is not filtered (taken as near).
MAX_CELLS = 64
_OFFSETS = np.stack(np.meshgrid(*[np.arange(5)] * 3, indexing="ij"), -1).reshape(-1, 3)


class _Grid:
    """The (unit, cell) pairs of located members on a grid of one cell side."""

    def __init__(self, side: float, unit: np.ndarray, xyz: np.ndarray) -> None:
        self.side = side
        self.per_axis = int(2 / side) + 2  # unit vectors' coordinates are in -1..1
        self.keys = np.unique(self._keys(unit, self.cells(xyz)))

    def cells(self, xyz: np.ndarray) -> np.ndarray:
        """Each point's cell on each axis."""
        return np.floor((xyz + 1.0) / self.side).astype(np.int64)

    def _keys(self, unit: np.ndarray, cells: np.ndarray) -> np.ndarray:
        n = self.per_axis
        return ((unit * n + cells[..., 0]) * n + cells[..., 1]) * n + cells[..., 2]

    def reach(self, points: np.ndarray, reach: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The first cell (per axis) of each point's cube of half-side `reach` and how many
        cells per axis it spans."""
        lo = np.maximum(self.cells(np.maximum(points - reach, -1.0)), 0)
        hi = np.minimum(self.cells(np.minimum(points + reach, 1.0)), self.per_axis - 1)
        return lo, hi - lo + 1

    def occupied(self, units: np.ndarray, lo: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Whether each unit has a member in a cell of its cube (<= 5 cells per axis)."""
        probe = lo[:, None, :] + _OFFSETS[None, :, :]
        valid = (_OFFSETS[None, :, :] < counts[:, None, :]).all(2)
        keys = self._keys(units[:, None], probe)
        at = np.minimum(np.searchsorted(self.keys, keys), max(self.keys.size - 1, 0))
        if self.keys.size == 0:
            return np.zeros(len(units), dtype=bool)
        return ((self.keys[at] == keys) & valid).any(1)


class UnitCells:
    """The cells the located members of each unit occupy, on each grid of `CELLS`."""

    def __init__(self, unit: np.ndarray, xyz: np.ndarray) -> None:
        unit = np.asarray(unit, dtype=np.int64)
        self.grids = [_Grid(side, unit, xyz) for side in CELLS]

    def near(self, points: np.ndarray, units: np.ndarray, caps: np.ndarray) -> np.ndarray:
        """For each (point, unit index, cap as a chord), False only where no located member
        of the unit can be within the cap of the point (none in the cells it reaches); True
        where one may be, or the cap reaches more than `MAX_CELLS` cells on every grid."""
        out = np.ones(len(points), dtype=bool)
        left = np.flatnonzero(np.isfinite(caps) & np.isfinite(points).all(1))
        units = np.asarray(units, dtype=np.int64)
        for grid in self.grids:
            if left.size == 0:
                break
            reach = (caps[left] * (1 + 1e-6) + 1e-9)[:, None]
            lo, counts = grid.reach(points[left], reach)
            few = counts.prod(1) <= MAX_CELLS
            here = left[few]
            out[here] = grid.occupied(units[here], lo[few], counts[few])
            left = left[~few]
        return out
