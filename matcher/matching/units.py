"""Units of the fast path's candidate generation (candidates.py): the members of one entity
class and type, one target text or one target type, split by region consent, and queries for
the nearest members of a unit (a KD-tree per large unit; the single queries of many units at
once through joint_tree.py).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.spatial import cKDTree

from matcher.matching.joint_tree import JointTree
from matcher.matching.table import ActionTable

#: Located single queries of large units from which one joint tree query answers them.
JOINT_FROM = 8


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
        # within a unit by id hash, not position: which of equally near (or unlocated) members
        # a large unit gives does not depend on the rows' order (batch == incremental)
        order = np.lexsort((members, table.col("hash")[members], unit))
        self.members = members[order]
        sorted_units = unit[order]
        self.unit_ids, self.starts, self.sizes = np.unique(
            sorted_units, return_index=True, return_counts=True
        )
        self.present = np.unique(self.unit_ids // 2)  # keys with members
        # unit id -> its index (-1: no members), and the members' coordinates by column
        self._index_of = np.full(int(self.unit_ids[-1]) + 1 if len(self.unit_ids) else 0, -1)
        self._index_of[self.unit_ids] = np.arange(len(self.unit_ids))
        self._member_xyz = np.ascontiguousarray(table.col("xyz")[self.members].T)
        self._member_located = table.col("has_xy")[self.members]
        self.trees: dict[int, tuple[cKDTree, np.ndarray, np.ndarray]] = {}
        xyz, has_xy = table.col("xyz"), table.col("has_xy")
        n_units = len(self.unit_ids)
        # the trees' located and unlocated members, one array each, by unit index
        self._tree_at: list[cKDTree | None] = [None] * n_units
        self._n_loc, self._n_unloc = np.zeros(n_units, np.int64), np.zeros(n_units, np.int64)
        loc_parts, unloc_parts = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for t, (u, s, n) in enumerate(zip(self.unit_ids, self.starts, self.sizes, strict=True)):
            if n > k:
                pos = self.members[s : s + n]
                located = pos[has_xy[pos]]
                entry = (cKDTree(xyz[located]), located, pos[~has_xy[pos]][:k])
                self.trees[int(u)] = entry
                self._tree_at[t] = entry[0]
                self._n_loc[t], self._n_unloc[t] = len(located), len(entry[2])
                loc_parts.append(located)
                unloc_parts.append(entry[2])
        self._loc_all, self._unloc_all = np.concatenate(loc_parts), np.concatenate(unloc_parts)
        self._loc_off = np.cumsum(self._n_loc) - self._n_loc
        self._joint: JointTree | None = None  # built when first needed (`_singles`)
        self._unloc_off = np.cumsum(self._n_unloc) - self._n_unloc
        # a ball around each unit's located members: a capped query farther from it than its
        # cap finds nobody there (see `query`); inf: no located member
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
        index_of = self._index_of
        inside = (units >= 0) & (units < len(index_of))
        at = np.full(len(units), -1)
        at[inside] = index_of[units[inside]]
        hit = at >= 0
        q2, at, want2, cap2 = q2[hit], at[hit], want2[hit], cap2[hit]
        if cap is not None and q2.size:
            # capped queries out of reach of a unit's ball (or not located): nothing there
            xyz, has_xy = table.col("xyz"), table.col("has_xy")
            capped = np.flatnonzero(np.isfinite(cap2))
            qc, uc = q2[capped], at[capped]
            diff = np.take(xyz, qc, axis=0) - np.take(self.center, uc, axis=0)
            gap = np.sqrt((diff**2).sum(1)) - self.radius[uc]
            reach = (gap <= cap2[capped] * (1 + 1e-6) + 1e-9) & has_xy[qc]
            keep = np.ones(len(q2), dtype=bool)
            keep[capped[~reach]] = False
            q2, at, want2, cap2 = q2[keep], at[keep], want2[keep], cap2[keep]
        small = self.sizes[at] <= self.k
        out_i, out_j = [], []
        qs, us, cs = q2[small], at[small], cap2[small]
        free = np.isinf(cs)
        sizes = self.sizes[us[free]]
        out_i.append(np.repeat(qs[free], sizes))
        out_j.append(self.members[ranges(self.starts[us[free]], sizes)])
        if not free.all():
            # the same cap as in a large unit: only located members within it
            self._small_within(table, qs[~free], us[~free], cs[~free], out_i, out_j)
        big = ~small
        if big.any():
            self._large(table, q2[big], at[big], want2[big], cap2[big], out_i, out_j)
        return out_i, out_j

    def _small_within(
        self,
        table: ActionTable,
        q: np.ndarray,
        at: np.ndarray,
        cap: np.ndarray,
        out_i: list,
        out_j: list,
    ) -> None:
        """The located members of small units (`at`: unit index) within each located
        query's cap (a chord)."""
        xyz, has_xy = table.col("xyz"), table.col("has_xy")
        keep = has_xy[q]
        q, at, cap = q[keep], at[keep], cap[keep]
        sizes = self.sizes[at]
        member = ranges(self.starts[at], sizes)
        square = np.zeros(len(member))
        for d in range(3):  # the same sums, in the same order, as a row-wise norm
            square += (np.repeat(xyz[q, d], sizes) - self._member_xyz[d][member]) ** 2
        near = (np.sqrt(square) <= np.repeat(cap, sizes)) & self._member_located[member]
        out_i.append(np.repeat(q, sizes)[near])
        out_j.append(self.members[member[near]])

    def _large(
        self,
        table: ActionTable,
        q: np.ndarray,
        at: np.ndarray,
        want: np.ndarray,
        cap: np.ndarray,
        out_i: list,
        out_j: list,
    ) -> None:
        """`query` for the queries of large units (`at`: unit index): one KD-tree query per
        unit for its located queries, their rows gathered once; a unit queried once (one new
        action's) by `_nearest_one`."""
        xyz, has_xy = table.col("xyz"), table.col("has_xy")
        loc = has_xy[q]
        order = np.lexsort((~loc, at))  # by unit, its located queries first (one slice)
        q, at, want, cap, loc = (a[order] for a in (q, at, want, cap, loc))
        starts = np.flatnonzero(np.r_[True, at[1:] != at[:-1]])
        counts = np.diff(np.r_[starts, len(at)])
        ww = np.minimum(want, self._n_loc[at])
        kk = np.maximum.reduceat(ww, starts)
        n_loc = np.add.reduceat(loc.astype(np.int64), starts)
        limit = np.maximum.reduceat(np.where(loc, cap, -np.inf), starts)
        single = counts == 1
        alone = starts[single]
        self._singles(xyz, q[alone], at[alone], want[alone], cap[alone], loc[alone], out_i, out_j)
        multi = np.flatnonzero(~single)
        if multi.size == 0:
            return
        width = int(kk[multi].max())
        dd_all = np.full((len(q), width), np.inf)
        idx_all = np.zeros((len(q), width), dtype=np.int64)
        points = np.take(xyz, q, axis=0)  # xyz[q], gathered faster
        ask = multi[(n_loc[multi] > 0) & (kk[multi] > 0)]
        for s, m, k, lim, t in zip(
            *(a[ask].tolist() for a in (starts, n_loc, kk, limit)),
            at[starts[ask]].tolist(),
            strict=True,
        ):
            dd, idx = self._tree_at[t].query(
                points[s : s + m], k=k, workers=tree_workers(m), distance_upper_bound=lim
            )
            dd_all[s : s + m, :k] = dd.reshape(m, k)
            idx_all[s : s + m, :k] = idx.reshape(m, k)
        # the first `want` nearest within the query's cap (unqueried rows stay at inf)
        keep = (np.arange(width)[None, :] < ww[:, None]) & np.isfinite(dd_all)
        keep &= dd_all <= cap[:, None]
        rows, cols = np.nonzero(keep)
        out_i.append(q[rows])
        out_j.append(self._loc_all[self._loc_off[at[rows]] + idx_all[rows, cols]])
        in_multi = np.repeat(~single, counts)
        free = np.isinf(cap) & in_multi  # no cap: unlocated members and queries too
        n_unloc = np.where(free, self._n_unloc[at], 0)
        out_i.append(np.repeat(q, n_unloc))
        out_j.append(self._unloc_all[ranges(self._unloc_off[at], n_unloc)])
        lost = np.where(free & ~loc, np.repeat(kk, counts), 0)
        out_i.append(np.repeat(q, lost))
        out_j.append(self._loc_all[ranges(self._loc_off[at], lost)])

    def _singles(
        self,
        xyz: np.ndarray,
        q: np.ndarray,
        at: np.ndarray,
        want: np.ndarray,
        cap: np.ndarray,
        loc: np.ndarray,
        out_i: list,
        out_j: list,
    ) -> None:
        """`_large` for the units queried once (unit index `at`): from `JOINT_FROM` located
        queries on, one query of the joint tree (joint_tree.py) and the unit's own tree only
        where it is unsure; else, and for unlocated queries, `_nearest_one` per unit."""
        ask = np.ones(len(q), dtype=bool)
        if loc.sum() >= JOINT_FROM:
            if self._joint is None:
                owner = np.repeat(np.arange(len(self._n_loc)), self._n_loc)
                self._joint = JointTree(owner, xyz[self._loc_all])
            on = np.flatnonzero(loc)
            got = self._joint.nearest(xyz[q[on]], at[on], want[on], cap[on])
            out_i.append(q[on[got.rows]])
            out_j.append(self._loc_all[got.members])
            ask[on] = False
            # as `_nearest_one`: without a cap, the unit's unlocated members too
            sure = np.ones(len(on), dtype=bool)
            sure[got.unsure] = False
            free = on[sure & np.isinf(cap[on])]
            n_unloc = self._n_unloc[at[free]]
            out_i.append(np.repeat(q[free], n_unloc))
            out_j.append(self._unloc_all[ranges(self._unloc_off[at[free]], n_unloc)])
            ask[on[got.unsure]] = True
        one_q, one_j = [], []
        for g in np.flatnonzero(ask).tolist():
            tree, located, unlocated = self.trees[int(self.unit_ids[at[g]])]
            qs = int(q[g])
            found = _nearest_one(
                xyz, bool(loc[g]), tree, located, unlocated, qs, int(want[g]), float(cap[g])
            )
            one_q += [qs] * len(found)
            one_j += found
        if one_j:
            out_i.append(np.repeat(np.asarray(one_q, dtype=np.int64), [len(p) for p in one_j]))
            out_j.append(np.concatenate(one_j))


def ranges(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The ranges starts[n] .. starts[n] + sizes[n] - 1, one after the other."""
    return np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
