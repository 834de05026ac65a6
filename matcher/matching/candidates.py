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

All proposals are scored exactly by scoring.score_pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from matcher.matching.geometry import EARTH_RADIUS_KM, chord_for_km
from matcher.matching.rows import TARGET_TYPES
from matcher.matching.scoring import PairScores
from matcher.matching.settings import MatchSettings
from matcher.matching.table import ActionTable
from matcher.matching.targets import CATEGORIES
from matcher.matching.units import Units, ranges, tree_workers


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


def _kth_entries(lists: PairScores, k: int, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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


def _lookup(keys: np.ndarray, values: np.ndarray, probe: np.ndarray) -> np.ndarray:
    """values[keys == p] for each probe p (sorted keys), -inf where p is not a key."""
    if keys.size == 0 or probe.size == 0:
        return np.full(len(probe), -np.inf)
    at = np.minimum(np.searchsorted(keys, probe), keys.size - 1)
    return np.where(keys[at] == probe, values[at], -np.inf)


def last_of_each(owners: np.ndarray) -> np.ndarray:
    """Index of the last row of each run of equal owners (sorted lists)."""
    last = np.empty(len(owners), dtype=bool)
    last[-1] = True
    np.not_equal(owners[1:], owners[:-1], out=last[:-1])
    return np.flatnonzero(last)


class CandidateIndex:
    """Trees and unit tables over the first `n_built` rows of a table."""

    def __init__(self, table: ActionTable, settings: MatchSettings) -> None:
        self.settings = settings
        self.n_built = n = len(table)
        table.targets.compact()
        active = table.col("active")
        self.exhaustive = int(active.sum()) <= settings.exhaustive_below
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
        targets = table.targets
        self.n_groups = len(targets.group_type)
        self.group_class = np.asarray(targets.group_class, dtype=np.int64)
        self.group_type = np.asarray(targets.group_type, dtype=np.int64)
        self.related = [self._related_row(row) for row in targets.class_sim]
        sizes = np.array([len(units) for units, _ in self.related], dtype=np.int64)
        self._rel_ptr = np.r_[0, np.cumsum(sizes)]
        self._rel_units = np.concatenate([np.zeros(0, np.int64), *(u for u, _ in self.related)])
        self._rel_sims = np.concatenate([np.zeros(0), *(v for _, v in self.related)])
        self.neighbours = self._text_neighbours(table, np.unique(group[:n][group[:n] >= 0]))

    def _related_row(self, row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The units (class * n_types + type) of the classes related to one class that have
        members, and the class similarity of each (a unit without members finds nobody)."""
        s, nt = self.settings, self.n_types
        ids = np.flatnonzero(row * s.cross_type_factor >= s.min_target_similarity)
        units = (ids[:, None] * nt + np.arange(nt)).ravel()
        keep = self.classes.has(units)
        return units[keep], np.repeat(row[ids], nt)[keep]

    def _text_neighbours(self, table: ActionTable, used: np.ndarray) -> dict[int, tuple]:
        """For every used group, its most similar other same-type groups and their cosines."""
        targets, s = table.targets, self.settings
        types = np.asarray(targets.group_type, dtype=np.int64)
        result: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._by_type: dict[int, tuple[np.ndarray, object]] = {}
        for t in np.unique(types[used]):
            gids = used[types[used] == t]
            vec = targets.group_vectors(gids)
            vec_t = vec.T.tocsr()
            self._by_type[int(t)] = (gids, vec_t)
            for start in range(0, len(gids), 2048):
                block = (vec[start : start + 2048] @ vec_t).tocsr()
                block.data[block.data < s.min_target_similarity] = 0.0
                block.eliminate_zeros()
                for r in range(block.shape[0]):
                    own = int(gids[start + r])
                    lo, hi = block.indptr[r], block.indptr[r + 1]
                    result[own] = self._best(gids[block.indices[lo:hi]], block.data[lo:hi], own)
        return result

    def _best(self, gids: np.ndarray, sims: np.ndarray, own: int) -> tuple:
        keep = gids != own
        gids, sims = gids[keep], sims[keep]
        order = np.lexsort((gids, -sims))[: self.settings.text_neighbours]
        return gids[order], sims[order]

    def _related(self, table: ActionTable, c: int) -> tuple[np.ndarray, np.ndarray]:
        if c < len(self.related):
            return self.related[c]
        return self._related_row(table.targets.class_sim[c])

    def _related_units(self, table: ActionTable, q: np.ndarray) -> tuple:
        """(query, unit, class similarity) for every related unit with members of each query
        (queries in order, each query's units in `_related_row` order)."""
        c = table.col("cls")[q]
        if c.size and int(c.max()) < len(self.related):
            starts, ends = self._rel_ptr[c], self._rel_ptr[c + 1]
            sizes = ends - starts
            at = ranges(starts, sizes)
            return np.repeat(q, sizes), self._rel_units[at], self._rel_sims[at]
        rel = [self._related(table, x) for x in c.tolist()]
        sizes = np.array([len(r[0]) for r in rel], dtype=np.int64)
        units = np.concatenate([np.zeros(0, np.int64), *(r[0] for r in rel)])
        return np.repeat(q, sizes), units, np.concatenate([np.zeros(0), *(r[1] for r in rel)])

    def neighbours_of(self, table: ActionTable, gid: int) -> tuple[np.ndarray, np.ndarray]:
        """Other similar groups of a group and their cosines (inverted index for new ones)."""
        found = self.neighbours.get(gid)
        if found is not None:
            return found
        targets, s = table.targets, self.settings
        entry = self._by_type.get(targets.group_type[gid])
        vec = targets.group_vectors(np.array([gid]))
        if entry is None or vec.nnz == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        gids, vec_t = entry
        sims = np.asarray(vec_t[vec.indices].T @ vec.data).ravel()
        keep = np.flatnonzero(sims >= s.min_target_similarity)
        found = self._best(gids[keep], sims[keep], gid)
        if gid < self.n_groups:
            self.neighbours[gid] = found
        return found

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
                xyz[geo_q], k=kk, distance_upper_bound=bound, workers=tree_workers(len(geo_q))
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
            qq, units, sim = self._related_units(table, with_cls)
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
        deferred = [d.take(d.bound >= _lookup(full_q, kth, d.q)) for d in deferred]
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
                units, sims = self._related(table, int(cls[p]))  # sorted units with members
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
        one (closeness is the region score), so it is not fetched."""
        s = self.settings
        if d.q.size == 0 or s.target_weight != 1.0 or s.org_weight * s.max_shared_orgs != 0:
            return d
        has_kth, at = _kth_entries(far, k, d.q)
        if not has_kth.any():
            return d
        kth, kth_km = far.tscore[at], far.dist_km[at]
        targets, nt = table.targets, self.n_types
        cls, ttype = table.col("cls"), table.col("ttype")
        if d.source == "classes":
            unit_cls, unit_type = d.units // nt, d.units % nt
        else:
            known = d.units < self.n_groups  # groups of the build; later ones: from the lists
            safe = np.where(known, d.units, 0)
            unit_cls = np.where(known, self.group_class[safe], 0)
            unit_type = np.where(known, self.group_type[safe], -1)
            for n in np.flatnonzero(~known).tolist():
                unit_cls[n] = targets.group_class[int(d.units[n])]
                unit_type[n] = targets.group_type[int(d.units[n])]
        qt = ttype[d.q]
        same = unit_type == qt
        ent = targets.class_sim[cls[d.q], unit_cls] * np.where(same, 1.0, s.cross_type_factor)
        # a kind of target (CATEGORIES) can score above its bound: never capped
        kindred = same & np.isin(qt, self.category_codes)
        at_best_tie = has_kth & ~kindred & (np.maximum(d.bound, ent) + 1e-9 < kth + 5e-7)
        reg, has_xy = table.col("intro_region"), table.col("has_xy")
        widest = max(s.region_radius_km, s.metro_edge_km)
        region_km = np.where(reg[d.q] & has_xy[d.q], widest, 0.0)
        full_r, at_r = _kth_entries(near, k, d.q)
        if s.region_closeness > 0 and full_r.any():
            # region score <= base + closeness * (1 - km / radius) + the tie bonus (only a
            # company-level tie, which a member at best tying a weaker k-th cannot have)
            bonus = np.where(kth + 1e-6 < s.tier_company, 0.0, s.region_tie)
            need = near.rscore[at_r] - 1e-6 - s.region_base - bonus
            reach = s.region_radius_km * (1 - need / s.region_closeness) + 0.01
            region_km = np.where(full_r, np.clip(reach, 0.0, region_km), region_km)
        step = np.round(np.minimum(np.where(np.isnan(kth_km), np.inf, kth_km), 1e6) * 100)
        # members of a unit below the k-th target score cannot enter the target list at all
        below = np.maximum(d.bound, ent) + 1e-9 < kth - 5e-7
        km = np.maximum(np.where(below, 0.0, (step + 1) / 100 + 0.01), region_km)
        km = np.where(at_best_tie & (step < 1e8), km, np.inf)
        chord = 2.0 * np.sin(np.minimum(km / EARTH_RADIUS_KM, np.pi) / 2.0) * (1 + 1e-6)
        return Deferred(d.q, d.units, d.bound, d.source, np.where(np.isinf(km), np.inf, chord))

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
