"""Values at a few table positions (position_values.py) read as the full column would."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.matching.position_values import PositionValues, per_position


@pytest.mark.parametrize("few", [0, 1, 40, 5000])
def test_few_positions_read_as_the_full_column(few: int) -> None:
    rng = np.random.default_rng(few)
    n = 100_000
    positions = np.unique(rng.choice(n, few, replace=False)) if few else np.zeros(0, np.int64)
    values = rng.integers(0, 1000, len(positions))
    full = np.full(n + 1, -1, dtype=np.int64)
    full[positions] = values
    got = per_position(n, positions, values, -1)
    assert isinstance(got, PositionValues) == (few < n / 64)
    probe = np.r_[positions, rng.integers(0, n + 1, 300), 0, n].astype(np.int64)
    np.testing.assert_array_equal(got[probe], full[probe])
    assert got[probe].dtype == np.int64
