"""Swaps that give a short action its quota: after the fill, an action left with fewer than k
partners of a kind because every partner it could have is full gets one through a swap that
costs no one a partner.

In a group of equally tied actions larger than the quota (two dozen rallies against ICE across
the country, each with ten places), every action lists its nearest partners, so the central
ones fill each other's lists and a remote one (San Juan) is left short although its partners'
ties are as good as theirs. `augment` looks for a chosen pair x-y and two short actions u, v
(u may be v when it lacks two partners) such that u is on x's deeper list, v on y's, neither
pair chosen yet, and both new pairs score at least as well on this kind's list as x-y: it then
drops x-y and takes u-x and y-v. x and y keep their number of partners and get partners at
least as well tied (on region lists, at most `slack` further: see MatchSettings.region_swap_km);
u and v each gain one. The quota of k per kind still holds, and no pair
is taken that the hard rules refused (only list entries are used).

The batch calls it after the fill (mutual.py); an index small enough for
exact answers runs the batch for one action too, so both paths agree there.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from matcher.matching.fill import oriented
from matcher.matching.scoring import PairScores, concat, first_of_each, unordered_tie
from matcher.matching.table import ActionTable


def _oriented_unique(
    lists: PairScores, rows: np.ndarray, n: np.int64
) -> tuple[PairScores, np.ndarray]:
    """The list entries `rows` with i < j, one row per pair (its first), and their keys."""
    ii, jj = lists.i[rows], lists.j[rows]
    keys = np.minimum(ii, jj) * n + np.maximum(ii, jj)
    first = first_of_each(keys)
    return oriented(lists, rows[first]), keys[first]


def _value(pairs: PairScores, by: str) -> np.ndarray:
    """The list score in the 1e-6 steps the lists rank by."""
    return np.round(getattr(pairs, by) * 1e6).astype(np.int64)


def augment(
    table: ActionTable,
    lists: PairScores,
    chosen: PairScores,
    k: int | np.ndarray,
    by: str,
    slack: float = 0.0,
) -> PairScores:
    """`chosen` (i < j, at most k per action) after swaps that give short actions partners.
    `k` is every action's quota, or each one's (an array indexed by position).

    `lists` are the deeper list entries of this kind the fill read (i -> j). A new pair may
    score up to `slack` below the pair it replaces (region lists: a partner a few kilometres
    further away in the same metro, so that the action no one listed gets local partners)."""
    if len(chosen) == 0 or len(lists) == 0:
        return chosen
    n = np.int64(len(table) + 1)
    degree = np.bincount(np.r_[chosen.i, chosen.j], minlength=int(n)).astype(np.int64)
    if not (degree < k).any():
        return chosen
    # only entries with exactly one short end can be offers: the others are dropped first
    # (whole pairs at a time, so each pair's first entry is the same as among all)
    short = degree < k
    cand, keys = _oriented_unique(lists, np.flatnonzero(short[lists.i] ^ short[lists.j]), n)
    taken = np.sort(chosen.i * n + chosen.j)
    at = np.minimum(np.searchsorted(taken, keys), taken.size - 1)
    short_i = short[cand.i]
    blocked = np.flatnonzero(taken[at] != keys)
    if blocked.size == 0:
        return chosen
    value = _value(cand, by)
    full_end = np.where(short_i[blocked], cand.j[blocked], cand.i[blocked])
    # the best offer each full action has: a chosen pair whose two ends both have an offer
    # at least as good as the pair itself is the only kind a swap can use
    best = np.full(int(n), np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(best, full_end, value[blocked])
    chosen_value = _value(chosen, by) - round(slack * 1e6)
    middle = np.flatnonzero((best[chosen.i] >= chosen_value) & (best[chosen.j] >= chosen_value))
    if middle.size == 0:
        return chosen
    hashes = table.col("hash")
    # the loops below on Python ints and lists: NumPy scalar indexing costs several times more
    ends = np.unique(np.r_[chosen.i[middle], chosen.j[middle]])
    rows = blocked[np.isin(full_end, ends)]
    fulls = np.where(short_i[rows], cand.j[rows], cand.i[rows])
    shorts = np.where(short_i[rows], cand.i[rows], cand.j[rows])
    # each full end's offers best first (score, then the short end's id hash: a total order,
    # as a full end has one offer per short end)
    order = np.lexsort((hashes[shorts], -value[rows], fulls))
    rows, fulls, shorts = rows[order], fulls[order], shorts[order]
    # full end -> [(value, short end, row of cand)]: the short actions it could take
    offers: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for full, val, short, r in zip(
        fulls.tolist(), value[rows].tolist(), shorts.tolist(), rows.tolist(), strict=True
    ):
        offers[full].append((val, short, r))
    tie = unordered_tie(hashes, chosen.i, chosen.j)
    middle = middle[np.lexsort((tie[middle], chosen_value[middle]))]
    deg = degree.tolist()
    quota = k.tolist() if isinstance(k, np.ndarray) else None
    most = max(quota) if quota else int(k)
    dropped: list[int] = []
    added: list[int] = []
    used: set[int] = set()

    def pick(full: int, floor: int) -> tuple[int, int] | None:
        """The neediest short action `full` can take at a score >= floor (fewest partners,
        then the best offer: the first such in the offers' order)."""
        best, fewest = None, most
        for val, short, r in offers.get(full, ()):
            if val < floor:
                break  # the rest score lower still
            d = deg[short]
            if d < fewest and (quota is None or d < quota[short]) and r not in used:
                best, fewest = (short, r), d
                if d == 0:
                    break
        return best

    for m, x, y, hx, hy, floor in zip(
        middle.tolist(),
        chosen.i[middle].tolist(),
        chosen.j[middle].tolist(),
        hashes[chosen.i[middle]].tolist(),
        hashes[chosen.j[middle]].tolist(),
        chosen_value[middle].tolist(),
        strict=True,
    ):
        if hx > hy:  # the end with the lower id hash picks first, not the
            x, y = y, x  # lower position (the same in the batch and in suggest_for)
        got_u = pick(x, floor)
        if got_u is None:
            continue
        deg[got_u[0]] += 1  # u may also be y's new partner if it still lacks one
        used.add(got_u[1])
        got_v = pick(y, floor)
        if got_v is None:
            deg[got_u[0]] -= 1
            used.discard(got_u[1])
            continue
        used.add(got_v[1])
        deg[got_v[0]] += 1
        dropped.append(m)
        added.extend((got_u[1], got_v[1]))
    if not added:
        return chosen
    keep = np.ones(len(chosen), dtype=bool)
    keep[dropped] = False
    return concat([chosen.take(keep), cand.take(np.asarray(added, dtype=np.int64))])
