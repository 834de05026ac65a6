"""How far a deferred unit's members may be from the query and still enter one of its lists
(candidates.CandidateIndex.caps): a member that can at best tie with the k-th entry of the
query's full target list enters it only if nearer than that entry, and the region list only if
near enough for its closeness to beat that list's k-th entry; farther ones are not fetched.
"""

from __future__ import annotations

import numpy as np

from matcher.matching.deferred import Deferred, kth_entries
from matcher.matching.geometry import EARTH_RADIUS_KM
from matcher.matching.relations import Relations
from matcher.matching.scoring import PairScores
from matcher.matching.table import ActionTable


def capped(
    relations: Relations,
    category_codes: np.ndarray,
    table: ActionTable,
    d: Deferred,
    near: PairScores,
    far: PairScores,
    k: int,
) -> Deferred:
    """`d` with caps (chords; inf: no cap) given the queries' first k of each list before the
    deferred units, `near` (region) and `far` (target), sorted by query."""
    s = relations.settings
    if d.q.size == 0 or s.target_weight != 1.0 or s.org_weight * s.max_shared_orgs != 0:
        return d
    has_kth, at = kth_entries(far, k, d.q)
    if not has_kth.any():
        return d
    kth, kth_km = far.tscore[at], far.dist_km[at]
    nt = relations.n_types
    cls, ttype = table.col("cls"), table.col("ttype")
    if d.source == "classes":
        unit_cls, unit_type = d.units // nt, d.units % nt
    else:  # groups of the build; later ones: from the lists
        unit_cls, unit_type = relations.unit_class_type(table, d.units)
    qt = ttype[d.q]
    same = unit_type == qt
    ent = table.targets.class_sim[cls[d.q], unit_cls] * np.where(same, 1.0, s.cross_type_factor)
    # a kind of target (CATEGORIES) can score above its bound: never capped
    kindred = same & np.isin(qt, category_codes)
    at_best_tie = has_kth & ~kindred & (np.maximum(d.bound, ent) + 1e-9 < kth + 5e-7)
    reg, has_xy = table.col("intro_region"), table.col("has_xy")
    widest = max(s.region_radius_km, s.metro_edge_km)
    region_km = np.where(reg[d.q] & has_xy[d.q], widest, 0.0)
    full_r, at_r = kth_entries(near, k, d.q)
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
