"""Target similarity: how specific a tie two actions' targets share.

Actions are collapsed into *groups* (same target type and same folded target text) and
*classes* (same set of recognized entities; class 0 means no entity). The similarity of two
actions' targets is the best of:

- the most specific tie of their entities (recognition.EntityCatalog.tie): same facility or office
  > same company > a facility and its operator > same operator's facilities > same agency
  component > same agency only (the weak fallback), valued by MatchSettings.tier_*;
- the kind of target both share (CATEGORIES: local governments cooperating with ICE);
- for two texts that name no known entity, how alike the texts are (TF-IDF cosine, text_tie).

A text about who finances an operator ("Scopia Capital's investments in GEO Group") is about
the financier, not the operator (financiers.py).

Two texts naming unrelated known entities ("Wells Fargo Houston" and "Barclays Houston") are
not similar at all. The model grows as rows are added (incremental index), and a text's vector
never depends on the other texts.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from matcher.matching.entities import AGENCY, SAME, Tie
from matcher.matching.financiers import about_the_financier
from matcher.matching.recognition import EntityCatalog
from matcher.matching.rows import TARGET_TYPES, fold
from matcher.matching.settings import MatchSettings
from matcher.matching.text import row_dots, vector_text, vectorize

_CACHED_BELOW = 4096
TYPE_CODE = {name: code for code, name in enumerate(TARGET_TYPES)}
#: Target types whose members all share a kind of target, named in reasons: every local
#: government in the call is one cooperating with ICE (287(g), jail contracts, data sharing).
CATEGORIES = {TYPE_CODE["local_government"]: "local_cooperation"}


def tier_value(settings: MatchSettings, tier: str) -> float:
    """The similarity a tie of this tier gives (MatchSettings.tier_*)."""
    return float(getattr(settings, f"tier_{tier}"))


def tie_value(settings: MatchSettings, tie: Tie | None) -> float:
    """The similarity of an entity tie: its tier's value; within the agency-only fallback,
    two targets naming the same agency as a whole ("ICE raids" and "ICE operations") are
    closer (`tier_agency_whole`) than an agency and one of its offices."""
    if tie is None:
        return 0.0
    if tie.tier == AGENCY and tie.relation == SAME:
        return float(settings.tier_agency_whole)
    return tier_value(settings, tie.tier)


def text_tie(cosine: np.ndarray) -> np.ndarray:
    """Similarity of two unrecognized target texts from their TF-IDF cosine: at most
    `tier_company` for identical texts, `min_target_similarity` at a cosine of 0.5."""
    return np.where(cosine >= 0.5, 0.05 + 0.9 * cosine, 0.0)


def type_code(target_type: str) -> int:
    """Small integer for a target type (unknown types count as "other")."""
    return TYPE_CODE.get(target_type, TYPE_CODE["other"])


class TargetModel:
    """Groups, entity classes, text vectors and the class similarity matrix."""

    def __init__(self, catalog: EntityCatalog, settings: MatchSettings) -> None:
        self.catalog = catalog
        self.settings = settings
        self.group_of: dict[tuple[int, str], int] = {}
        self.group_keys: list[tuple[int, str]] = []
        self.group_type: list[int] = []
        self.group_text: list[str] = []
        self.group_class: list[int] = []
        self._vec_base = sp.csr_matrix((0, 1), dtype=np.float64)
        self._vec_extra: list[sp.csr_matrix] = []
        self._extra_cache: sp.csr_matrix | None = None
        self._cos_cache: dict[int, float] = {}
        self._stable_groups = 0  # groups up to here never change id (see compact)
        self.class_of: dict[frozenset[str], int] = {frozenset(): 0}
        self.class_sets: list[frozenset[str]] = [frozenset()]
        self.class_sim = np.zeros((1, 1))
        self._by_root: dict[str, list[int]] = {}
        self._recognized: dict[tuple[int, str], frozenset[str]] = {}

    # -- building -----------------------------------------------------------------------
    def encode(self, types: list[str], targets: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Group ids (-1 for no target text) and class ids for rows; registers new ones."""
        out: list[int] = []
        new_keys: list[tuple[int, str]] = []
        new_raw: list[str] = []
        seen: dict[tuple[str, str], int] = {}  # a type and text as written -> group (this call)
        for ttype, target in zip(types, targets, strict=True):
            gid = seen.get((ttype, target))
            if gid is None:
                folded = fold(target)
                if not folded:
                    gid = -1
                else:
                    key = (type_code(ttype), folded)
                    gid = self.group_of.get(key)
                    if gid is None:
                        gid = len(self.group_type)
                        self.group_of[key] = gid
                        self.group_keys.append(key)
                        self.group_type.append(key[0])
                        self.group_text.append(target.strip())
                        new_keys.append(key)
                        new_raw.append(target)
                seen[ttype, target] = gid
            out.append(gid)
        groups = np.array(out, dtype=np.int64)
        if new_keys:
            self._register_groups(new_keys, new_raw)
        classes = np.array(
            [self.group_class[g] if g >= 0 else 0 for g in groups.tolist()], dtype=np.int64
        )
        return groups, classes

    def _register_groups(self, keys: list[tuple[int, str]], raw: list[str]) -> None:
        new_sets: list[frozenset[str]] = []
        for (code, folded), _text in zip(keys, raw, strict=True):
            found = self._recognized.get((code, folded))
            if found is None:
                found = self.catalog.recognize(folded, TARGET_TYPES[code])
                found = about_the_financier(self.catalog, folded, TARGET_TYPES[code], found)
                self._recognized[(code, folded)] = found
            cid = self.class_of.get(found)
            if cid is None:
                cid = len(self.class_sets)
                self.class_of[found] = cid
                self.class_sets.append(found)
                new_sets.append(found)
            self.group_class.append(cid)
        vectors = vectorize([vector_text(folded) for _, folded in keys])
        if self._vec_base.shape[0] == 0:
            self._vec_base = vectors
        else:
            self._vec_extra.append(vectors)
            self._extra_cache = None
        if new_sets:
            self._grow_class_sim()

    def _grow_class_sim(self) -> None:
        """Ties of the new classes with every class. Only classes whose entities share a root
        (an entity with no parent: GEO Group, DHS) can be tied, so only those are compared."""
        n_old, n = self.class_sim.shape[0], len(self.class_sets)
        sim = np.zeros((n, n))
        sim[:n_old, :n_old] = self.class_sim
        by_root = self._by_root
        for j in range(max(n_old, 1), n):
            roots = {self._root(e) for e in self.class_sets[j]}
            for root in roots:
                by_root.setdefault(root, []).append(j)
            near = sorted({i for root in roots for i in by_root.get(root, ()) if i <= j})
            for i in near:
                tie = self.catalog.tie(self.class_sets[i], self.class_sets[j])
                sim[i, j] = sim[j, i] = tie_value(self.settings, tie)
        self.class_sim = sim

    def _root(self, eid: str) -> str:
        chain = self.catalog.ancestors(eid)
        return chain[-1] if chain else eid

    def compact(self) -> None:
        """Merge the vectors of added groups into one matrix (after many `encode`s)."""
        self._stable_groups = len(self.group_type)
        if self._vec_extra:
            self._vec_base = sp.vstack([self._vec_base, *self._vec_extra], format="csr")
            self._vec_extra = []
            self._extra_cache = None

    def checkpoint(self) -> tuple[int, int]:
        """State to `rollback` to (numbers of groups and classes)."""
        return len(self.group_type), len(self.class_sets)

    def rollback(self, state: tuple[int, int]) -> None:
        """Forget the groups and classes registered after `checkpoint()` returned `state`."""
        n_groups, n_classes = state
        for key in self.group_keys[n_groups:]:
            del self.group_of[key]
        for lst in (self.group_keys, self.group_type, self.group_text, self.group_class):
            del lst[n_groups:]
        for sets in self.class_sets[n_classes:]:
            del self.class_of[sets]
        for members in self._by_root.values():
            while members and members[-1] >= n_classes:
                members.pop()
        del self.class_sets[n_classes:]
        self.class_sim = self.class_sim[:n_classes, :n_classes]
        if self._vec_base.shape[0] > n_groups:
            self._vec_base = self._vec_base[:n_groups]
        while (
            self._vec_extra
            and self._vec_base.shape[0] + sum(m.shape[0] for m in self._vec_extra) > n_groups
        ):
            last = self._vec_extra.pop()
            keep = n_groups - self._vec_base.shape[0] - sum(m.shape[0] for m in self._vec_extra)
            if keep > 0:
                self._vec_extra.append(last[:keep])
        self._extra_cache = None

    # -- querying -----------------------------------------------------------------------
    def group_vectors(self, gids: np.ndarray) -> sp.csr_matrix:
        """TF-IDF rows of the given groups."""
        n_base = self._vec_base.shape[0]
        if not self._vec_extra or gids.size == 0 or gids.max() < n_base:
            return self._vec_base[gids]
        if self._extra_cache is None:
            self._extra_cache = sp.vstack(self._vec_extra, format="csr")
        in_base = gids < n_base
        where = np.r_[np.flatnonzero(in_base), np.flatnonzero(~in_base)]
        stacked = sp.vstack(
            [self._vec_base[gids[in_base]], self._extra_cache[gids[~in_base] - n_base]],
            format="csr",
        )
        return stacked[np.argsort(where)]

    def text_cosine(self, gi: np.ndarray, gj: np.ndarray) -> np.ndarray:
        """Cosine of the target texts of group pairs (computed once per distinct pair)."""
        if gi.size == 0:
            return np.zeros(0)
        n = max(len(self.group_type), 1)
        lo, hi = np.minimum(gi, gj), np.maximum(gi, gj)
        raw = lo * n + hi
        order = np.argsort(raw)
        sorted_raw = raw[order]
        first = np.r_[True, sorted_raw[1:] != sorted_raw[:-1]]
        keys = sorted_raw[first]
        inverse = np.empty(len(raw), dtype=np.int64)
        inverse[order] = np.cumsum(first) - 1
        ulo, uhi = keys // n, keys % n
        if len(keys) > _CACHED_BELOW:
            cos = row_dots(self.group_vectors(ulo), self.group_vectors(uhi))
            return np.round(cos[inverse], 9)
        # few pairs (one action at a time): remember the cosines of indexed groups
        cache, stable = self._cos_cache, self._stable_groups
        vals = np.empty(len(keys))
        missing = []
        for t, (a, b) in enumerate(zip(ulo.tolist(), uhi.tolist(), strict=True)):
            v = cache.get((a << 32) | b) if b < stable else None
            if v is None:
                missing.append(t)
            else:
                vals[t] = v
        if missing:
            m = np.asarray(missing)
            got = np.round(row_dots(self.group_vectors(ulo[m]), self.group_vectors(uhi[m])), 9)
            vals[m] = got
            if len(cache) > 1_000_000:
                cache.clear()
            for a, b, v in zip(ulo[m].tolist(), uhi[m].tolist(), got.tolist(), strict=True):
                if b < stable:
                    cache[(a << 32) | b] = v
        return vals[inverse]

    def similarity(
        self,
        type_i: np.ndarray,
        type_j: np.ndarray,
        group_i: np.ndarray,
        group_j: np.ndarray,
        class_i: np.ndarray,
        class_j: np.ndarray,
        need: np.ndarray,
    ) -> np.ndarray:
        """Target similarity of pairs (0 where `need` is False): the most specific tie of
        their recognized entities, the kind of target they share, or (for two texts that
        name no known entity) how alike the texts are."""
        same_type = type_i == type_j
        ent = self.class_sim[class_i, class_j] * np.where(
            same_type, 1.0, self.settings.cross_type_factor
        )
        sim = np.where(need, ent, 0.0)
        for code in CATEGORIES:
            both = need & same_type & (type_i == code)
            sim[both] = np.maximum(sim[both], self.settings.tier_category)
        # texts decide only when neither names a known entity (entities decide otherwise)
        texts = need & same_type & (group_i >= 0) & (group_j >= 0) & (class_i == 0) & (class_j == 0)
        other = np.flatnonzero(texts)
        if other.size:
            cos = np.where(
                group_i[other] == group_j[other],
                self._self_cosine(group_i[other]),
                self.text_cosine(group_i[other], group_j[other]),
            )
            sim[other] = np.maximum(sim[other], text_tie(cos))
        return sim

    def _self_cosine(self, groups: np.ndarray) -> np.ndarray:
        """1 for groups whose text has a vector (not only generic words), else 0."""
        base = self._vec_base
        if not self._vec_extra and (groups.size == 0 or groups.max() < base.shape[0]):
            # rows of the built matrix: their lengths without slicing it
            return (base.indptr[groups + 1] > base.indptr[groups]).astype(float)
        vectors = self.group_vectors(groups)
        return (np.diff(vectors.indptr) > 0).astype(float)

    def describe(self, group_i: int, group_j: int, class_i: int, class_j: int) -> dict:
        """Entity tie of two targets, for reasons and features (empty when none)."""
        tie = self.catalog.tie(self.class_sets[class_i], self.class_sets[class_j])
        if tie is None:
            return {}
        return {
            "relation": tie.relation,
            "tier": tie.tier,
            "entity_a": self.catalog.name(tie.left),
            "entity_b": self.catalog.name(tie.right),
            "entity_a_id": tie.left,
            "entity_b_id": tie.right,
            "entities": tuple(sorted({self.catalog.name(tie.left), self.catalog.name(tie.right)})),
        }
