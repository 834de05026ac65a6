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


class _Row:
    def __init__(self, id: int) -> None:
        self.id = id


class _Table:
    def __init__(self, n: int) -> None:
        self.rows = [_Row(1000 + p) for p in range(n)]


def test_one_new_actions_reasons_read_the_ids_of_its_pairs_rows_alone() -> None:
    """A new action's few pairs read their rows' ids without a list of the table's length
    (at 1,000,000 rows that list cost ~80 ms a query); a batch's many pairs get the list.
    Fails if `_ids` builds the whole table's ids for a few pairs."""
    from matcher.matching.reasons import _ids

    table = _Table(100_000)
    first, second = np.array([7, 7, 9]), np.array([12, 99_999, 7])
    few = _ids(table, first, second)  # type: ignore[arg-type]
    assert few == {7: 1007, 9: 1009, 12: 1012, 99_999: 100_999}
    many = np.arange(0, 100_000, 2)
    full = _ids(table, many, many + 1)  # type: ignore[arg-type]
    assert isinstance(full, list) and len(full) == 100_000 and full[99_999] == 100_999
