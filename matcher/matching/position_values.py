"""Values at some table positions, read like a column over the whole table.

One new action's suggestions (reasons.py) number a few dozen rows' targets, organizations
and ids; a column of the table's length for them (8 MB at 1,000,000 rows, written in full)
cost a new action more than the numbering. `per_position` gives a full column when the
positions are many (the batch: direct indexing is fastest) and a `PositionValues` over the
positions alone when they are few; both answer `column[positions]` the same.
"""

from __future__ import annotations

import numpy as np

#: A full column when the positions are at least this share of the table's rows.
FULL_FROM = 1 / 64


class PositionValues:
    """`values` at the sorted, unique `positions`, `missing` at every other position."""

    def __init__(self, positions: np.ndarray, values: np.ndarray, missing: int) -> None:
        self.positions, self.values, self.missing = positions, values, missing

    def __getitem__(self, at: np.ndarray) -> np.ndarray:
        """The values at the given positions (an index array)."""
        at = np.asarray(at)
        if self.positions.size == 0:
            return np.full(at.shape, self.missing, dtype=self.values.dtype)
        where = np.minimum(np.searchsorted(self.positions, at), self.positions.size - 1)
        return np.where(self.positions[where] == at, self.values[where], self.missing)


def per_position(
    n: int, positions: np.ndarray, values: np.ndarray | list, missing: int
) -> np.ndarray | PositionValues:
    """`values` at the sorted, unique `positions` of a table of `n` rows, `missing`
    elsewhere: a column of n + 1 entries, or a `PositionValues` when the positions are few."""
    values = np.asarray(values, dtype=np.int64)
    if len(positions) >= FULL_FROM * n:
        out = np.full(n + 1, missing, dtype=np.int64)
        out[positions] = values
        return out
    return PositionValues(np.asarray(positions, dtype=np.int64), values, missing)
