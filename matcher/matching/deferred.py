"""Units deferred by candidates.py's phase A (fetched only if they can beat a query's k-th best
score), and reading the k-th entries of ranked lists that decide it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matcher.matching.scoring import PairScores


@dataclass
class Deferred:
    """Units worth a look only if they can beat a query's current k-th best score."""

    q: np.ndarray
    units: np.ndarray
    bound: np.ndarray
    source: str  # "classes" or "groups"
    #: How far (a chord) a member may be from the query to matter; None: no limit (caps).
    cap: np.ndarray | None = None

    def take(self, mask: np.ndarray) -> Deferred:
        """The subset selected by a mask."""
        cap = None if self.cap is None else self.cap[mask]
        return Deferred(self.q[mask], self.units[mask], self.bound[mask], self.source, cap)


def last_of_each(owners: np.ndarray) -> np.ndarray:
    """Index of the last row of each run of equal owners (sorted lists)."""
    last = np.empty(len(owners), dtype=bool)
    last[-1] = True
    np.not_equal(owners[1:], owners[:-1], out=last[:-1])
    return np.flatnonzero(last)


def kth_entries(lists: PairScores, k: int, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each query, whether its list (`rank_top_k` output) is full and the row of its k-th
    entry (0 where not full)."""
    if len(lists) == 0 or q.size == 0:
        return np.zeros(len(q), dtype=bool), np.zeros(len(q), dtype=np.int64)
    last = last_of_each(lists.i)
    full = last[np.diff(last, prepend=-1) >= k]
    if full.size == 0:
        return np.zeros(len(q), dtype=bool), np.zeros(len(q), dtype=np.int64)
    owners = lists.i[full]  # sorted: searched, not spread over an array of the table's size
    at = np.minimum(np.searchsorted(owners, q), owners.size - 1)
    hit = owners[at] == q
    return hit, np.where(hit, full[at], 0)


def lookup(keys: np.ndarray, values: np.ndarray, probe: np.ndarray) -> np.ndarray:
    """values[keys == p] for each probe p (sorted keys), -inf where p is not a key."""
    if keys.size == 0 or probe.size == 0:
        return np.full(len(probe), -np.inf)
    at = np.minimum(np.searchsorted(keys, probe), keys.size - 1)
    return np.where(keys[at] == probe, values[at], -np.inf)
