"""Filling spare places: after mutual selection, a local partner who is among the few in reach
is not lost because the other side's list was full of partners that did not choose it back.

`fill(lists, chosen, k, by)` takes each action's list of one kind (rows i -> j) and the pairs
chosen by mutual selection, and adds one-sided list entries, best first (the list's score
`by`, then distance, then a stable pair hash), whenever both actions still have fewer than `k`
partners of that kind. The cap per kind therefore still holds, and an action whose few
reachable partners sit in a dense neighbourhood keeps them.
"""

from __future__ import annotations

import numpy as np

from matcher.matching.scoring import PairScores, concat, first_of_each, unordered_tie
from matcher.matching.table import ActionTable


def oriented(pairs: PairScores, rows: np.ndarray) -> PairScores:
    """The given rows of `pairs` with i < j (only those rows are copied)."""
    out = pairs.take(rows)
    swap = out.i > out.j
    out.i, out.j = np.where(swap, out.j, out.i), np.where(swap, out.i, out.j)
    return out


def fill(
    table: ActionTable,
    lists: PairScores,
    chosen: PairScores,
    k: int,
    by: str,
    degree: np.ndarray | None = None,
) -> PairScores:
    """`chosen` (i < j) plus the one-sided entries of `lists` that fit both sides' quota.

    `degree` gives each position's partners of this kind so far (default: counted in
    `chosen`)."""
    n = np.int64(len(table) + 1)
    if degree is None:
        degree = np.bincount(np.r_[chosen.i, chosen.j], minlength=int(n)).astype(np.int64)
    else:
        degree = degree.copy()
    if len(lists) == 0:
        return chosen
    # the rows whose both sides have room, then those not chosen yet, found on the keys alone:
    # the (large) lists are not copied whole
    free = degree < k
    rows = np.flatnonzero(free[lists.i] & free[lists.j])
    keys = np.minimum(lists.i[rows], lists.j[rows]) * n + np.maximum(lists.i[rows], lists.j[rows])
    if len(chosen) and rows.size:
        taken = np.sort(chosen.i * n + chosen.j)
        at = np.minimum(np.searchsorted(taken, keys), taken.size - 1)
        fresh = taken[at] != keys
        rows, keys = rows[fresh], keys[fresh]
    if rows.size == 0:
        return chosen
    cand = oriented(lists, rows[first_of_each(keys)])
    tie = unordered_tie(table.col("hash"), cand.i, cand.j)
    dist = np.where(np.isnan(cand.dist_km), np.inf, cand.dist_km)
    # among equal scores, the pair whose sides have the fewest other ways to fill goes first
    options = np.bincount(np.r_[cand.i, cand.j], minlength=int(n))
    scarce = np.minimum(options[cand.i], options[cand.j])
    ranked = np.lexsort((tie, np.round(np.minimum(dist, 1e6) * 100), scarce, -getattr(cand, by)))
    keep = _greedy(cand.i[ranked], cand.j[ranked], degree, k)
    if keep.size == 0:
        return chosen
    return concat([chosen, cand.take(ranked[keep])])


def _greedy(ci: np.ndarray, cj: np.ndarray, degree: np.ndarray, k: int) -> np.ndarray:
    """Indices of the pairs (i, j in order, best first) taken greedily while both sides have
    fewer than `k` partners (`degree` counts them so far)."""
    # the loop on Python ints and lists: NumPy scalar indexing costs several times more
    deg = degree.tolist()
    keep = []
    for r, (a, b) in enumerate(zip(ci.tolist(), cj.tolist(), strict=True)):
        if deg[a] < k and deg[b] < k:
            deg[a] += 1
            deg[b] += 1
            keep.append(r)
    return np.asarray(keep, dtype=np.int64)
