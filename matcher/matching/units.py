"""Units of the fast path's candidate generation (candidates.py): the members of one entity
class and type, one target text or one target type, split by region consent, and queries for
the nearest members of a unit (a KD-tree per large unit).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from scipy.spatial import cKDTree

from matcher.matching.table import ActionTable


def tree_workers(n_queries: int) -> int:
    """Threads for a KD-tree query: two only when the batch is large enough to pay off."""
    return 2 if n_queries >= 4096 else 1


def _nearest_one(
    xyz: np.ndarray,
    located_query: bool,
    tree: cKDTree,
    located: np.ndarray,
    unlocated: np.ndarray,
    q: int,
    want: int,
    cap: float,
) -> list[np.ndarray]:
    """`_Units.query` for one query of a large unit: its `want` nearest members within `cap`
    (and, without a cap, the unlocated members; an unlocated query takes the first)."""
    w = min(want, len(located))
    free = math.isinf(cap)
    parts = []
    if located_query:
        if w:
            dd, idx = tree.query(xyz[q], k=[*range(1, w + 1)], distance_upper_bound=cap)
            parts.append(located[idx] if free else located[idx[dd <= cap]])
    elif free and w:
        parts.append(located[:w])
    if free and unlocated.size:
        parts.append(unlocated)
    return parts


class Units:
    """Members (positions) of units (group or class ids), split by region consent."""

    def __init__(self, table: ActionTable, keys: np.ndarray, members: np.ndarray, k: int) -> None:
        self.k = k
        flag = table.col("intro_region")[members].astype(np.int64)
        unit = keys[members] * 2 + flag
        order = np.lexsort((members, unit))
        self.members = members[order]
        sorted_units = unit[order]
        self.unit_ids, self.starts, self.sizes = np.unique(
            sorted_units, return_index=True, return_counts=True
        )
        self.present = np.unique(self.unit_ids // 2)  # keys with members
        self.trees: dict[int, tuple[cKDTree, np.ndarray, np.ndarray]] = {}
        xyz, has_xy = table.col("xyz"), table.col("has_xy")
        for u, s, n in zip(self.unit_ids, self.starts, self.sizes, strict=True):
            if n > k:
                pos = self.members[s : s + n]
                located = pos[has_xy[pos]]
                self.trees[int(u)] = (cKDTree(xyz[located]), located, pos[~has_xy[pos]][:k])
        # a ball around each unit's located members: a capped query farther from it than its
        # cap finds nobody there (see `query`); inf: no located member
        n_units = len(self.unit_ids)
        owner = np.repeat(np.arange(n_units), self.sizes)
        loc = has_xy[self.members]
        owner_l, points = owner[loc], xyz[self.members[loc]]
        count = np.bincount(owner_l, minlength=n_units)
        with np.errstate(invalid="ignore", divide="ignore"):
            self.center = (
                np.column_stack(
                    [
                        np.bincount(owner_l, weights=points[:, d], minlength=n_units)
                        for d in range(3)
                    ]
                )
                / count[:, None]
            )
        self.radius = np.full(n_units, -np.inf)
        np.maximum.at(self.radius, owner_l, np.sqrt(((points - self.center[owner_l]) ** 2).sum(1)))
        self.radius[count == 0] = np.inf
        self.center[count == 0] = 0.0

    def has(self, keys: np.ndarray) -> np.ndarray:
        """Whether each unit key has members (of either region flag)."""
        present = self.present
        if present.size == 0:
            return np.zeros(len(keys), dtype=bool)
        at = np.minimum(np.searchsorted(present, keys), present.size - 1)
        return present[at] == keys

    def query(
        self,
        table: ActionTable,
        q: np.ndarray,
        keys: np.ndarray,
        want: np.ndarray,
        cap: np.ndarray | None = None,
    ) -> tuple:
        """Candidate pairs for (query position, unit key, how many) triples, both region flags.

        Units with at most `k` members are taken whole; in larger ones the `want` nearest,
        of which only those within `cap` (a chord; inf: no limit) when given.
        """
        q2 = np.repeat(q, 2)
        want2 = np.repeat(want, 2)
        cap2 = np.full(len(q2), np.inf) if cap is None else np.repeat(cap, 2)
        units = np.repeat(keys * 2, 2) + np.tile(np.array([0, 1]), len(keys))
        at = np.searchsorted(self.unit_ids, units)
        at_c = np.minimum(at, len(self.unit_ids) - 1)
        if len(self.unit_ids):
            hit = (at < len(self.unit_ids)) & (self.unit_ids[at_c] == units)
        else:
            hit = np.zeros(len(units), dtype=bool)
        q2, at, want2, cap2 = q2[hit], at_c[hit], want2[hit], cap2[hit]
        if cap is not None and q2.size:
            # capped queries out of reach of a unit's ball (or not located): nothing there
            xyz, has_xy = table.col("xyz"), table.col("has_xy")
            capped = np.flatnonzero(np.isfinite(cap2))
            qc, uc = q2[capped], at[capped]
            gap = np.sqrt(((xyz[qc] - self.center[uc]) ** 2).sum(1)) - self.radius[uc]
            reach = (gap <= cap2[capped] * (1 + 1e-6) + 1e-9) & has_xy[qc]
            keep = np.ones(len(q2), dtype=bool)
            keep[capped[~reach]] = False
            q2, at, want2, cap2 = q2[keep], at[keep], want2[keep], cap2[keep]
        small = self.sizes[at] <= self.k
        out_i, out_j = [], []
        qs, us = q2[small], at[small]
        sizes = self.sizes[us]
        offsets = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        small_i = np.repeat(qs, sizes)
        small_j = self.members[np.repeat(self.starts[us], sizes) + offsets]
        if cap is not None and small_i.size:
            # the same cap as in a large unit: only located members within it
            limit = np.repeat(cap2[small], sizes)
            xyz, has_xy = table.col("xyz"), table.col("has_xy")
            capped = np.flatnonzero(np.isfinite(limit))
            ci, cj = small_i[capped], small_j[capped]
            near = np.sqrt(((xyz[ci] - xyz[cj]) ** 2).sum(1)) <= limit[capped]
            keep = np.ones(len(small_i), dtype=bool)
            keep[capped] = near & has_xy[ci] & has_xy[cj]
            small_i, small_j = small_i[keep], small_j[keep]
        out_i.append(small_i)
        out_j.append(small_j)
        big = ~small
        big_q, big_u, big_w = q2[big], self.unit_ids[at[big]], want2[big]
        if big_q.size:
            xyz, has_xy = table.col("xyz"), table.col("has_xy")
            order = np.argsort(big_u, kind="stable")
            big_q, big_u, big_w = big_q[order], big_u[order], big_w[order]
            big_c = cap2[big][order]
            change = np.empty(len(big_u) + 1, dtype=bool)
            change[0] = change[-1] = True
            np.not_equal(big_u[1:], big_u[:-1], out=change[1:-1])
            bounds = np.flatnonzero(change).tolist()
            # one query of a unit (one new action's): scalar steps, rows gathered at the end
            one_q, one_j = [], []
            q_list, u_list, w_list, c_list = (a.tolist() for a in (big_q, big_u, big_w, big_c))
            located_q = has_xy[big_q].tolist()
            for s, e in itertools.pairwise(bounds):
                tree, located, unlocated = self.trees[u_list[s]]
                if e - s == 1:
                    parts = _nearest_one(
                        xyz, located_q[s], tree, located, unlocated, q_list[s], w_list[s], c_list[s]
                    )
                    for part in parts:
                        one_q.append(q_list[s])
                        one_j.append(part)
                    continue
                qq, cc = big_q[s:e], big_c[s:e]
                loc = has_xy[qq]
                free = np.isinf(cc)  # no cap: unlocated members and queries too
                ww = np.minimum(big_w[s:e], len(located))
                kk = int(ww.max())
                if loc.any() and kk:
                    lc = cc[loc]
                    limit = float(lc.max())
                    dd, idx = tree.query(
                        xyz[qq[loc]],
                        k=kk,
                        workers=tree_workers(int(loc.sum())),
                        distance_upper_bound=limit,
                    )
                    idx = idx.reshape(int(loc.sum()), -1)
                    keep = np.arange(kk)[None, :] < ww[loc][:, None]
                    if np.isfinite(limit) or not free.all():
                        keep &= dd.reshape(idx.shape) <= lc[:, None]
                    out_i.append(np.repeat(qq[loc], kk)[keep.ravel()])
                    out_j.append(located[idx[keep]])
                if unlocated.size and free.any():
                    out_i.append(np.repeat(qq[free], len(unlocated)))
                    out_j.append(np.tile(unlocated, int(free.sum())))
                lost = ~loc & free
                if lost.any() and kk:
                    out_i.append(np.repeat(qq[lost], kk))
                    out_j.append(np.tile(located[:kk], int(lost.sum())))
            if one_j:
                out_i.append(np.repeat(np.asarray(one_q, dtype=np.int64), [len(p) for p in one_j]))
                out_j.append(np.concatenate(one_j))
        return out_i, out_j
