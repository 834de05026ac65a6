"""Scoring candidate pairs under the hard rules, and ranking each action's partners.

`score_pairs` is the only place a pair gets a score: the batch path, the incremental index and
the exact brute force all call it, so they cannot disagree on a pair. A pair survives only if
the hard rules hold: both active (published, date not passed), not the same action, not the same
contact email, not excluded, and at least one kind applies (region: both `intro_region`, both
located, within `region_radius_km`; target: both `intro_target`, target similarity at least
`min_target_similarity`).

An action's partners are ranked by score (descending), then distance (ascending, in 10 m
steps; unknown is last), then a stable hash of the pair (see `rank_key`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from matcher.matching.geometry import chord_km
from matcher.matching.settings import MatchSettings
from matcher.matching.table import ActionTable

_PAIR_SPACE = np.int64(1) << 32


@dataclass
class PairScores:
    """Surviving pairs (i -> j, positions in the table) and their features."""

    i: np.ndarray
    j: np.ndarray
    score: np.ndarray
    dist_km: np.ndarray
    tsim: np.ndarray
    region: np.ndarray
    target: np.ndarray
    shared: np.ndarray

    def take(self, mask_or_index: np.ndarray) -> PairScores:
        """The subset selected by a mask or index array."""
        return PairScores(**{k: v[mask_or_index] for k, v in self.__dict__.items()})

    def __len__(self) -> int:
        return len(self.i)


def pair_keys(i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Order-free int64 key of position pairs."""
    return np.minimum(i, j) * _PAIR_SPACE + np.maximum(i, j)


def excluded_keys(table: ActionTable, exclude: Iterable[tuple]) -> np.ndarray:
    """Sorted pair keys of excluded id pairs whose both ids are in the table."""
    keys = []
    for pair in exclude:
        a, b = tuple(pair)
        pa, pb = table.pos_of.get(a), table.pos_of.get(b)
        if pa is not None and pb is not None:
            keys.append(min(pa, pb) * int(_PAIR_SPACE) + max(pa, pb))
    return np.unique(np.asarray(keys, dtype=np.int64))


def _is_in(sorted_keys: np.ndarray, probe: np.ndarray) -> np.ndarray:
    if sorted_keys.size == 0:
        return np.zeros(len(probe), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, probe), len(sorted_keys) - 1)
    return sorted_keys[at] == probe


def score_pairs(
    table: ActionTable,
    settings: MatchSettings,
    ii: np.ndarray,
    jj: np.ndarray,
    excluded: np.ndarray,
) -> PairScores:
    """Score pairs i -> j and keep those the hard rules allow."""
    ii = np.asarray(ii, dtype=np.int64)
    jj = np.asarray(jj, dtype=np.int64)
    active = table.col("active")
    email = table.col("email")
    ok = (ii != jj) & active[ii] & active[jj] & (email[ii] != email[jj])
    ok &= ~_is_in(excluded, pair_keys(ii, jj))
    ii, jj = ii[ok], jj[ok]
    xyz = table.col("xyz")
    dist = chord_km(xyz[ii], xyz[jj])
    reg = table.col("intro_region")
    region = reg[ii] & reg[jj] & (dist <= settings.region_radius_km)
    tgt = table.col("intro_target")
    need = tgt[ii] & tgt[jj]
    ttype, group, cls = table.col("ttype"), table.col("group"), table.col("cls")
    tsim = table.targets.similarity(
        ttype[ii], ttype[jj], group[ii], group[jj], cls[ii], cls[jj], need
    )
    target = need & (tsim >= settings.min_target_similarity)
    keep = region | target
    ii, jj, dist, tsim, region, target = (a[keep] for a in (ii, jj, dist, tsim, region, target))
    if settings.org_weight:
        shared = table.shared_org_counts(ii, jj)
    else:  # only a reason: counted for the suggested pairs alone (reasons.py)
        shared = np.zeros(len(ii), dtype=np.int64)
    closeness = np.where(region, 1.0 - np.nan_to_num(dist) / settings.region_radius_km, 0.0)
    score = (
        settings.region_weight * closeness
        + settings.target_weight * np.where(target, tsim, 0.0)
        + settings.org_weight * np.minimum(shared, settings.max_shared_orgs)
    )
    return PairScores(ii, jj, np.round(score, 6), dist, tsim, region, target, shared)


def rank_key(table: ActionTable, pairs: PairScores) -> np.ndarray:
    """Order of pairs: by i, then score (desc), distance (asc, 10 m steps), then a pair hash."""
    hashes = table.col("hash")
    tie = (hashes[pairs.i] ^ hashes[pairs.j]) + (hashes[pairs.j] >> 1)
    by_tie = np.argsort(tie)
    dist = np.where(np.isnan(pairs.dist_km), np.inf, pairs.dist_km)
    dist_q = np.minimum(np.round(np.minimum(dist, 1e6) * 100), 2**22 - 1).astype(np.int64)
    score_q = (2**21 - 1) - np.clip(np.round(pairs.score * 1e6), 0, 2**21 - 1).astype(np.int64)
    base = int(pairs.i.min())
    if int(pairs.i.max()) - base < 2**20:
        key = ((pairs.i - base) << 43) | (score_q << 22) | dist_q
        return by_tie[np.argsort(key[by_tie], kind="stable")]
    return np.lexsort((tie, dist_q, score_q, pairs.i))


def rank_top_k(table: ActionTable, pairs: PairScores, k: int) -> PairScores:
    """Each i's best k partners (pairs must be unique per (i, j)), sorted by i then rank."""
    if len(pairs) == 0:
        return pairs
    order = rank_key(table, pairs)
    owner = pairs.i[order]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    sizes = np.diff(np.r_[starts, len(owner)])
    rank = np.arange(len(owner)) - np.repeat(starts, sizes)
    return pairs.take(order[rank < k])
