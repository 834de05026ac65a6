"""Filling spare places: after mutual selection, a local partner who is among the few in reach
is not lost because the other side's list was full of partners that did not choose it back.

`fill(lists, chosen, k, by)` takes each action's list of one kind (rows i -> j) and the pairs
chosen by mutual selection, and adds one-sided list entries, best first (the list's score
`by`, then distance, then a stable pair hash), whenever both actions still have fewer than `k`
partners of that kind. The cap per kind therefore still holds, and an action whose few
reachable partners sit in a dense neighbourhood keeps them. `k` may also be one cap per
position (the weak pass of mutual.py: at most `weak_quota` agency-level ties each).
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
    k: int | np.ndarray,
    by: str,
    degree: np.ndarray | None = None,
) -> PairScores:
    """`chosen` (i < j) plus the one-sided entries of `lists` that fit both sides' quota.

    `k` is the quota of every position, or of each (an array indexed by position);
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


def _greedy(ci: np.ndarray, cj: np.ndarray, degree: np.ndarray, k: int | np.ndarray) -> np.ndarray:
    """Indices of the pairs (i, j in order, best first) taken greedily while both sides have
    fewer partners than their quota `k` (`degree` counts them so far)."""
    # the loop on Python ints and lists: NumPy scalar indexing costs several times more
    room = (k - degree).tolist()
    keep = []
    for r, (a, b) in enumerate(zip(ci.tolist(), cj.tolist(), strict=True)):
        if room[a] > 0 and room[b] > 0:
            room[a] -= 1
            room[b] -= 1
            keep.append(r)
    return np.asarray(keep, dtype=np.int64)


def fill_one(
    table: ActionTable,
    x: int,
    mutual: PairScores,
    one_sided: PairScores,
    k: int,
    by: str,
    degree: np.ndarray,
    weak: tuple[float, int] | None = None,
) -> PairScores:
    """One action x's pairs of one kind by the local rule (partners.py): its `mutual` pairs,
    then its `one_sided` entries while both sides have places (`degree`: the others' partners
    so far; x's is counted here). With `weak` (a score cut, a quota), pairs scoring at or below
    the cut come after all others, and x takes at most quota of them (the batch's weak pass,
    mutual.weak_quota)."""
    degree = degree.copy()
    if weak is None or weak[1] >= k:
        degree[x] = len(mutual)
        return fill(table, one_sided, mutual, k, by, degree)
    cut, most = weak
    low_m, low_o = getattr(mutual, by) <= cut, getattr(one_sided, by) <= cut
    got = mutual.take(~low_m)
    degree[x] = len(got)
    places: int | np.ndarray = k
    for lists in (one_sided.take(~low_o), mutual.take(low_m), one_sided.take(low_o)):
        before = len(got)
        got = fill(table, lists, got, places, by, degree)
        added = got.take(np.arange(before, len(got)))
        np.add.at(degree, np.r_[added.i, added.j], 1)
        if isinstance(places, int):  # the specific ties placed: x's weak ones at most `most`
            places = np.full(degree.size, k, dtype=np.int64)
            places[x] = min(k, int(degree[x]) + most)
    return got
