"""Which units are related to a query's own (candidates.py's phase B): the entity classes
related to its class (parent, child, siblings: `TargetModel.class_sim`), every target type of
each, and its target text's `text_neighbours` most similar texts of the same type (cosine at
least `min_target_similarity`), each with its similarity.
"""

from __future__ import annotations

import numpy as np

from matcher.matching.settings import MatchSettings
from matcher.matching.table import ActionTable
from matcher.matching.units import Units, ranges


class Relations:
    """Related class units and similar target texts over the rows of a candidate index's
    build (texts added later are compared on demand)."""

    def __init__(
        self, table: ActionTable, settings: MatchSettings, classes: Units, n_types: int
    ) -> None:
        self.settings = settings
        self.classes = classes
        self.n_types = n_types
        n = len(table)
        targets = table.targets
        group = table.col("group")
        self.n_groups = len(targets.group_type)
        self.group_class = np.asarray(targets.group_class, dtype=np.int64)
        self.group_type = np.asarray(targets.group_type, dtype=np.int64)
        self.related = [self._related_row(row) for row in targets.class_sim]
        sizes = np.array([len(units) for units, _ in self.related], dtype=np.int64)
        self._rel_ptr = np.r_[0, np.cumsum(sizes)]
        self._rel_units = np.concatenate([np.zeros(0, np.int64), *(u for u, _ in self.related)])
        self._rel_sims = np.concatenate([np.zeros(0), *(v for _, v in self.related)])
        self._by_type: dict[int, tuple[np.ndarray, object]] = {}
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

    def of_class(self, table: ActionTable, c: int) -> tuple[np.ndarray, np.ndarray]:
        """The units with members related to class c (sorted) and their class similarity."""
        if c < len(self.related):
            return self.related[c]
        return self._related_row(table.targets.class_sim[c])

    def units_of(self, table: ActionTable, q: np.ndarray) -> tuple:
        """(query, unit, class similarity) for every related unit with members of each query
        (queries in order, each query's units in `_related_row` order)."""
        c = table.col("cls")[q]
        if c.size and int(c.max()) < len(self.related):
            starts, ends = self._rel_ptr[c], self._rel_ptr[c + 1]
            sizes = ends - starts
            at = ranges(starts, sizes)
            return np.repeat(q, sizes), self._rel_units[at], self._rel_sims[at]
        rel = [self.of_class(table, x) for x in c.tolist()]
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

    def unit_class_type(self, table: ActionTable, groups: np.ndarray) -> tuple:
        """The entity class and target type of each group (those of the build from arrays,
        later ones from the target model)."""
        targets = table.targets
        known = groups < self.n_groups
        safe = np.where(known, groups, 0)
        unit_cls = np.where(known, self.group_class[safe], 0)
        unit_type = np.where(known, self.group_type[safe], -1)
        for n in np.flatnonzero(~known).tolist():
            unit_cls[n] = targets.group_class[int(groups[n])]
            unit_type[n] = targets.group_type[int(groups[n])]
        return unit_cls, unit_type
