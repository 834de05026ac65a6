"""Pairs grouped by what their reasons depend on, so that a reason is built once per group.

A batch's millions of pairs share few distinct target ties and pairs of dates: `groups` gives
each pair the number of its group (in NumPy, from integer key columns) and one representative
pair per group; the reasons (reasons.py) are then written for the representatives only and
every pair of a group gets the same (shared, read-only) reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matcher.matching.position_values import PositionValues, per_position
from matcher.matching.table import ActionTable


def groups(keys: Sequence[np.ndarray], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For the pairs `rows` (indices), the number of each one's group of equal `keys` (int64
    columns over all pairs) and the first pair of each group (an index into all pairs)."""
    if rows.size == 0:
        return np.zeros(0, dtype=np.int64), rows
    columns = [np.asarray(k)[rows] for k in keys]
    order = np.lexsort(columns[::-1])
    new = np.zeros(len(order), dtype=bool)
    new[0] = True
    for column in columns:
        ranked = column[order]
        new[1:] |= ranked[1:] != ranked[:-1]
    number = np.cumsum(new) - 1
    inverse = np.empty(len(order), dtype=np.int64)
    inverse[order] = number
    # the first pair (lowest index) of each group: lexsort is stable, so the group's first
    # in sorted order is its first in pair order
    first = rows[order[new]]
    return inverse, first


def target_texts(
    table: ActionTable, positions: np.ndarray
) -> tuple[np.ndarray | PositionValues, np.ndarray]:
    """Per table row (of those at the sorted, unique `positions`; others -1), a number for
    its target type and target as written (equal numbers, equal strings), and per such
    number one for the target type alone."""
    code: dict[tuple[str, str], int] = {}
    kinds: dict[str, int] = {}
    kind_of: list[int] = []
    rows = table.rows
    numbers = []
    for p in positions.tolist():
        row = rows[p]
        key = (row.target_type, row.target)
        number = code.get(key)
        if number is None:
            number = code[key] = len(code)
            kind_of.append(kinds.setdefault(row.target_type, len(kinds)))
        numbers.append(number)
    out = per_position(len(table), positions, numbers, -1)
    return out, np.asarray(kind_of, dtype=np.int64)


def organization_lists(table: ActionTable, positions: np.ndarray) -> np.ndarray | PositionValues:
    """Per table row (of those at the sorted, unique `positions`; others -1), a number for
    its organizations as written: equal numbers, equal lists."""
    code: dict[tuple[str, ...], int] = {}
    rows = table.rows
    numbers = [code.setdefault(tuple(rows[p].organizations), len(code)) for p in positions.tolist()]
    return per_position(len(table), positions, numbers, -1)


def float_bits(values: np.ndarray) -> np.ndarray:
    """Float64 values as int64 keys (equal keys, equal values; NaN and -0.0 aside)."""
    return np.ascontiguousarray(values, dtype=np.float64).view(np.int64)
