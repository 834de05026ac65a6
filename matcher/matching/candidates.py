"""Candidate generation for the fast path: which pairs are worth scoring exactly.

Never materializes all pairs within the region radius (billions in dense metros). "Units" are
the target-consenting actions of one entity class and type, of one target text, or of one
target type (located, region-consenting), each split by region consent so that nearby region
partners are not crowded out; small units are taken whole, large ones through a KD-tree.

Phase A, for every query action:
- its `geo_candidates` nearest region-consenting actions within the radius (KD-tree on 3-D
  unit vectors, see geometry.py);
- the `group_candidates` nearest members of its own entity class (same type), of its own
  target text, of its own target type nearby, and (for a kind of target, targets.CATEGORIES)
  of its kind across the country;
- every row added to the index after it was built (scanned in full).

Phase B (`fetch`), the related units: other types of its entity class, related classes (parent,
child, siblings) and its `text_neighbours` most similar target texts of the same type (cosine
at least `min_target_similarity`), `related_candidates` nearest members each. Each comes with
an upper bound of the score its members can reach, and index.MatchIndex.top_k fetches it only
when that bound reaches the action's k-th best score after phase A.

All proposals are scored exactly by scoring.score_pairs. Beside this module: units.py (the
units and their nearest-member queries), relations.py (which units are related to a query's),
deferred.py (the deferred units and the k-th entries that decide them) and caps.py (how far a
deferred unit's members may be and still matter).
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from matcher.matching.caps import capped
from matcher.matching.deferred import Deferred, last_of_each, lookup
from matcher.matching.geometry import chord_for_km
from matcher.matching.relations import Relations
from matcher.matching.rows import TARGET_TYPES
from matcher.matching.scoring import PairScores
from matcher.matching.settings import MatchSettings
from matcher.matching.table import ActionTable
from matcher.matching.targets import CATEGORIES
from matcher.matching.units import Units, tree_workers


class CandidateIndex:
    """Trees and unit tables over the first `n_built` rows of a table."""

    def __init__(self, table: ActionTable, settings: MatchSettings) -> None:
        self.settings = settings
        self.n_built = len(table)
        table.targets.compact()
        active = table.col("active")
        #: active rows among the first `n_built` (they never change: rows are only appended)
        self.n_active = int(active.sum())
        self.exhaustive = self.n_active <= settings.exhaustive_below
        if self.exhaustive:
            return
        reg, tgt, has_xy = table.col("intro_region"), table.col("intro_target"), table.col("has_xy")
        self.geo_pos = np.flatnonzero(active & reg & has_xy)
        self.geo_tree = cKDTree(table.col("xyz")[self.geo_pos])
        cls, group = table.col("cls"), table.col("group")
        k = settings.group_candidates
        ttype = table.col("ttype")
        self.n_types = n_types = len(TARGET_TYPES)
        self.classes = Units(
            table, cls * n_types + ttype, np.flatnonzero(active & tgt & (cls > 0)), k
        )
        self.types = Units(table, ttype, np.flatnonzero(active & tgt & reg & has_xy), k)
        self.category_codes = np.array(sorted(CATEGORIES), dtype=np.int64)
        in_category = np.isin(ttype, self.category_codes)
        self.categories = Units(table, ttype, np.flatnonzero(active & tgt & in_category), k)
        self.groups = Units(table, group, np.flatnonzero(active & tgt & (group >= 0)), k)
        self.relations = Relations(table, settings, self.classes, n_types)

    def neighbours_of(self, table: ActionTable, gid: int) -> tuple[np.ndarray, np.ndarray]:
        """Other similar groups of a group and their cosines (relations.py)."""
        return self.relations.neighbours_of(table, gid)

    def generate(
        self, table: ActionTable, q: np.ndarray, k: int = 5
    ) -> tuple[np.ndarray, np.ndarray, list[Deferred]]:
        """Unique candidate pairs (i in q, j) to score now, and units deferred with a bound.

        Scored now: rows added since the build, the nearest region partners, the nearest
        members of the own entity class (same type), of the own target text and of the own
        target type nearby. Deferred: related classes and similar texts, each with an upper
        bound of the score any member can reach (see `fetch`). Counts grow with `k` (top-k).
        """
        n = len(table)
        empty = np.zeros(0, dtype=np.int64)
        if self.exhaustive:
            active = np.flatnonzero(table.col("active"))
            return np.repeat(q, len(active)), np.tile(active, len(q)), []
        s = self.settings
        own_k = max(s.group_candidates, k + 3)
        out_i, out_j = [], []
        pending = self.n_built + np.flatnonzero(table.col("active")[self.n_built :])
        if pending.size:
            out_i.append(np.repeat(q, len(pending)))
            out_j.append(np.tile(pending, len(q)))
        reg, tgt = table.col("intro_region"), table.col("intro_target")
        has_xy, xyz = table.col("has_xy"), table.col("xyz")
        located = reg[q] & has_xy[q]
        geo_q = q[located]
        if geo_q.size and self.geo_pos.size:
            kk = min(max(s.geo_candidates, 3 * k) + 1, len(self.geo_pos))
            bound = chord_for_km(s.region_radius_km) * (1 + 1e-9)
            _, idx = self.geo_tree.query(
                np.take(xyz, geo_q, axis=0),
                k=kk,
                distance_upper_bound=bound,
                workers=tree_workers(len(geo_q)),
            )
            idx = idx.reshape(len(geo_q), -1)
            found = idx < len(self.geo_pos)
            out_i.append(np.repeat(geo_q, kk)[found.ravel()])
            out_j.append(self.geo_pos[idx[found]])
        tq = q[tgt[q]]
        extra = s.org_weight * s.max_shared_orgs
        cls, group, ttype = table.col("cls"), table.col("group"), table.col("ttype")
        deferred: list[Deferred] = []
        with_cls = tq[cls[tq] > 0]
        if with_cls.size:
            nt = self.n_types
            own = cls[with_cls] * nt + ttype[with_cls]
            k_own = np.full(len(with_cls), own_k)
            self._extend(out_i, out_j, self.classes.query(table, with_cls, own, k_own))
            qq, units, sim = self.relations.units_of(table, with_cls)
            factor = np.where(units % nt == ttype[qq], 1.0, s.cross_type_factor)
            keep = units != cls[qq] * nt + ttype[qq]
            bound = s.target_weight * sim * factor + extra
            deferred.append(Deferred(qq[keep], units[keep], bound[keep], "classes"))
        local = tq[reg[tq] & has_xy[tq]]
        if local.size:
            k_type = np.full(len(local), own_k)
            self._extend(out_i, out_j, self.types.query(table, local, ttype[local], k_type))
        kindred = tq[np.isin(ttype[tq], self.category_codes)]
        if kindred.size:  # the nearest targets of the same kind, across the country
            k_cat = np.full(len(kindred), own_k)
            self._extend(out_i, out_j, self.categories.query(table, kindred, ttype[kindred], k_cat))
        with_group = tq[group[tq] >= 0]
        if with_group.size:
            own = group[with_group]
            k_own = np.full(len(with_group), own_k)
            self._extend(out_i, out_j, self.groups.query(table, with_group, own, k_own))
            rel = [self.neighbours_of(table, g) for g in own.tolist()]
            sizes = np.array([len(r[0]) for r in rel])
            if sizes.sum():
                qq = np.repeat(with_group, sizes)
                units = np.concatenate([r[0] for r in rel])
                sim = np.concatenate([r[1] for r in rel])
                bound = s.target_weight * sim + extra
                deferred.append(Deferred(qq, units, bound, "groups"))
        return (*self._unique(out_i, out_j, n, empty), deferred)

    def narrow(
        self,
        table: ActionTable,
        deferred: list[Deferred],
        near: PairScores,
        far: PairScores,
        k: int,
    ) -> list[Deferred]:
        """The deferred units worth fetching given the queries' first k of each list before
        them (`near`, `far`): a unit only if its bound reaches the query's k-th best target,
        each with its caps."""
        full_q, kth = np.zeros(0, dtype=np.int64), np.zeros(0)
        if len(far):
            last = last_of_each(far.i)
            full = np.diff(last, prepend=-1) >= k
            full_q, kth = far.i[last[full]], far.tscore[last[full]]
        deferred = [d.take(d.bound >= lookup(full_q, kth, d.q)) for d in deferred]
        return [self.caps(table, d, near, far, k) for d in deferred]

    def still_fetched(
        self,
        table: ActionTable,
        ps: np.ndarray,
        members: np.ndarray,
        near: PairScores,
        far: PairScores,
        k: int,
    ) -> np.ndarray:
        """Whether `fetch` would still bring each member (members[n] for query ps[n], fetched
        for it before) when the queries' first k before the deferred units are `near` and
        `far` (sorted by query): the units each member belongs to are narrowed and fetched
        again (kept_lists.py)."""
        s, nt = self.settings, self.n_types
        cls, group, ttype = table.col("cls"), table.col("group"), table.col("ttype")
        target = table.col("intro_target")
        extra = s.org_weight * s.max_shared_orgs
        by_class: list[tuple[int, int, float]] = []  # (query, unit, bound)
        by_group: list[tuple[int, int, float]] = []
        for p, m in zip(ps.tolist(), members.tolist(), strict=True):
            if not target[p]:
                continue
            if cls[p] > 0 and cls[m] > 0:  # as in `generate`: p's related classes, every type
                units, sims = self.relations.of_class(table, int(cls[p]))  # sorted, with members
                unit = int(cls[m] * nt + ttype[m])
                at = int(np.searchsorted(units, unit))
                if at < len(units) and units[at] == unit and unit != cls[p] * nt + ttype[p]:
                    factor = 1.0 if ttype[m] == ttype[p] else s.cross_type_factor
                    by_class.append((p, unit, s.target_weight * sims[at] * factor + extra))
            if group[p] >= 0 and group[m] >= 0:  # and p's similar target texts
                gids, gsims = self.neighbours_of(table, int(group[p]))
                hit = np.flatnonzero(gids == group[m])
                if hit.size:
                    by_group.append((p, int(group[m]), s.target_weight * gsims[hit[0]] + extra))
        deferred = [
            Deferred(
                np.array([d[0] for d in found], dtype=np.int64),
                np.array([d[1] for d in found], dtype=np.int64),
                np.array([d[2] for d in found], dtype=float),
                source,
            )
            for found, source in ((by_class, "classes"), (by_group, "groups"))
        ]
        fi, fj = self.fetch(table, self.narrow(table, deferred, near, far, k), k)
        n = np.int64(len(table) + 1)
        return np.isin(ps * n + members, fi * n + fj)

    def caps(
        self, table: ActionTable, d: Deferred, near: PairScores, far: PairScores, k: int
    ) -> Deferred:
        """`d` with caps: where a unit's members can at best tie with the k-th entry of the
        query's (full) target list `far`, a member farther than that entry cannot enter it,
        and one farther than the region list's (`near`) k-th entry allows cannot enter that
        one (closeness is the region score), so it is not fetched (caps.py)."""
        return capped(self.relations, self.category_codes, table, d, near, far, k)

    def fetch(
        self, table: ActionTable, deferred: list[Deferred], k: int = 5
    ) -> tuple[np.ndarray, np.ndarray]:
        """Unique candidate pairs of the deferred units that were not pruned."""
        out_i: list[np.ndarray] = []
        out_j: list[np.ndarray] = []
        want = max(self.settings.related_candidates, k + 1)
        for d in deferred:
            if d.q.size:
                units = self.classes if d.source == "classes" else self.groups
                found = units.query(table, d.q, d.units, np.full(len(d.q), want), d.cap)
                self._extend(out_i, out_j, found)
        return self._unique(out_i, out_j, len(table), np.zeros(0, dtype=np.int64))

    @staticmethod
    def _extend(out_i: list, out_j: list, found: tuple) -> None:
        out_i += found[0]
        out_j += found[1]

    @staticmethod
    def _unique(out_i: list, out_j: list, n: int, empty: np.ndarray) -> tuple:
        if not out_i or not sum(len(x) for x in out_i):
            return empty, empty
        ii = np.concatenate(out_i).astype(np.int64)
        jj = np.concatenate(out_j).astype(np.int64)
        keys = np.sort(ii * np.int64(n + 1) + jj)
        keys = keys[np.diff(keys, prepend=-1) != 0]
        return keys // (n + 1), keys % (n + 1)
