"""Scoring candidate pairs under the hard rules, and ranking each action's two lists.

`score_pairs` is the only place a pair gets a score: the batch path, the incremental index and
the exact brute force all call it, so they cannot disagree on a pair. A pair survives only if
the hard rules hold: both active (published, date not passed), not the same action, not the same
contact email, not excluded, and at least one kind applies (region: both `intro_region`, both
places carrying a distance, the metro rule of metros.py; target: both `intro_target`, target
similarity at least `min_target_similarity`).

Every action has two lists (`rank_lists`), each with its own quota: region partners ranked by
`rscore` (closeness within the metro's limit, then how alike the targets are), target partners
ranked by `tscore` (the tie's specificity); within a score, by distance (ascending, in 10 m
steps; unknown is last), then a stable hash of the pair (see `rank_key`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from matcher.matching.geometry import chord_km
from matcher.matching.settings import MatchSettings
from matcher.matching.table import ActionTable

PAIR_SPACE = np.int64(1) << 32
_PREFILTER_FROM = 32768  # pairs: from here rank_top_k first drops the hopeless ones


@dataclass
class PairScores:
    """Surviving pairs (i -> j, positions in the table) and their features."""

    i: np.ndarray
    j: np.ndarray
    rscore: np.ndarray  # rank on the region list (0 where not a region pair)
    tscore: np.ndarray  # rank on the target list (0 where not a target pair)
    dist_km: np.ndarray
    tsim: np.ndarray
    region: np.ndarray  # eligible as region partners
    target: np.ndarray  # eligible as target partners
    #: The queue's score of chosen pairs (kinds.chosen_kinds); None: see `score`.
    final: np.ndarray | None = None

    @property
    def score(self) -> np.ndarray:
        """The queue's score once set, else the better of the two list scores the pair is
        eligible for (computed on demand: the batch's millions of list entries carry none)."""
        return np.maximum(self.rscore, self.tscore) if self.final is None else self.final

    @score.setter
    def score(self, value: np.ndarray) -> None:
        self.final = value

    def take(self, mask_or_index: np.ndarray) -> PairScores:
        """The subset selected by a mask or index array."""
        return PairScores(
            **{k: None if v is None else v[mask_or_index] for k, v in self.__dict__.items()}
        )

    def __len__(self) -> int:
        return len(self.i)


def pair_keys(i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Order-free int64 key of position pairs."""
    return np.minimum(i, j) * PAIR_SPACE + np.maximum(i, j)


def excluded_keys(table: ActionTable, exclude: Iterable[tuple]) -> np.ndarray:
    """Sorted pair keys of excluded id pairs whose both ids are in the table."""
    keys = []
    for pair in exclude:
        a, b = tuple(pair)
        pa, pb = table.pos_of.get(a), table.pos_of.get(b)
        if pa is not None and pb is not None:
            keys.append(min(pa, pb) * int(PAIR_SPACE) + max(pa, pb))
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
    # np.take on axis 0: the same rows as xyz[ii], gathered several times faster
    dist = chord_km(np.take(xyz, ii, axis=0), np.take(xyz, jj, axis=0))
    limit = region_limit_km(table, settings, ii, jj)
    reg = table.col("intro_region")
    with np.errstate(invalid="ignore"):
        region = reg[ii] & reg[jj] & (dist <= limit)
    tgt = table.col("intro_target")
    need = tgt[ii] & tgt[jj]
    ttype, group, cls = table.col("ttype"), table.col("group"), table.col("cls")
    tsim = table.targets.similarity(
        ttype[ii], ttype[jj], group[ii], group[jj], cls[ii], cls[jj], need | region
    )
    target = need & (tsim >= settings.min_target_similarity)
    keep = region | target
    ii, jj, dist, tsim, region, target, limit = (
        a[keep] for a in (ii, jj, dist, tsim, region, target, limit)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        # closeness on one scale everywhere, so a nearer partner always ranks higher
        closeness = np.where(region, 1.0 - np.nan_to_num(dist) / settings.region_radius_km, 0.0)
    rscore = np.where(
        region,
        settings.region_base
        + settings.region_closeness * closeness
        + settings.region_tie * (target & (tsim >= settings.tier_company)),
        0.0,
    )
    tscore = np.where(target, tsim, 0.0)
    rscore, tscore = np.round(rscore, 6), np.round(tscore, 6)
    return PairScores(ii, jj, rscore, tscore, dist, tsim, region, target)


def region_limit_km(
    table: ActionTable, settings: MatchSettings, ii: np.ndarray, jj: np.ndarray
) -> np.ndarray:
    """How far apart each pair may be as region partners (-1: never, two different metros)."""
    metro = table.col("metro")
    mi, mj = metro[ii], metro[jj]
    inside_i, inside_j = mi >= 0, mj >= 0
    return np.where(
        inside_i & inside_j,
        np.where(mi == mj, settings.region_radius_km, -1.0),
        np.where(inside_i | inside_j, settings.metro_edge_km, settings.region_radius_km),
    )


def final_scores(settings: MatchSettings, pairs: PairScores) -> np.ndarray:
    """The queue's score of suggested pairs: the better of the scores of the lists the pair
    was chosen from (`region`, `target`), plus `both_bonus` when both, at most 1."""
    both = pairs.region & pairs.target
    best = np.maximum(
        np.where(pairs.region, pairs.rscore, 0), np.where(pairs.target, pairs.tscore, 0)
    )
    return np.round(np.minimum(best + settings.both_bonus * both, 1.0), 6)


def list_value(pairs: PairScores, by: str) -> np.ndarray:
    """Rank of a pair within its i's list, lower first, but for the pair hash: the score `by`
    (desc, 1e-6 steps) above the distance (asc, 10 m steps; unknown last), in 43 bits."""
    return _value(pairs.dist_km, getattr(pairs, by))


def _value(dist_km: np.ndarray, score: np.ndarray) -> np.ndarray:
    """`list_value` of distances and scores."""
    dist = np.where(np.isnan(dist_km), np.inf, dist_km)
    dist_q = np.minimum(np.round(np.minimum(dist, 1e6) * 100), 2**22 - 1).astype(np.int64)
    score_q = (2**21 - 1) - np.clip(np.round(score * 1e6), 0, 2**21 - 1).astype(np.int64)
    return (score_q << 22) | dist_q


def pair_tie(hashes: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The stable hash that orders pairs i -> j of equal list value (`rank_key`)."""
    return (hashes[i] ^ hashes[j]) + (hashes[j] >> 1)


def unordered_tie(hashes: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The stable hash that orders unordered pairs {i, j} of equal value (fill.py, augment.py):
    `pair_tie` towards the end with the larger id hash, so it does not depend on which end has
    the lower table position (a new action is appended last in `suggest_for`, not in the
    batch: a tie broken by position order would differ between the two paths)."""
    lo = np.minimum(hashes[i], hashes[j])
    hi = np.maximum(hashes[i], hashes[j])
    return (lo ^ hi) + (hi >> 1)


def rank_key(table: ActionTable, pairs: PairScores, by: str = "score") -> np.ndarray:
    """Order of pairs: by i, then the score `by` (desc), distance (asc, 10 m steps), then a
    pair hash."""
    tie = pair_tie(table.col("hash"), pairs.i, pairs.j)
    value = list_value(pairs, by)
    base = int(pairs.i.min())
    if int(pairs.i.max()) - base < 2**20:
        by_tie = np.argsort(tie)
        key = ((pairs.i - base) << 43) | value
        return by_tie[np.argsort(key[by_tie], kind="stable")]
    return np.lexsort((tie, value, pairs.i))


def _contenders(key: np.ndarray, span: int, k: int) -> np.ndarray:
    """Mask of the keys (owner << 43 | list value) that can be among their owner's best k
    (the others rank below k pairs of the same owner whatever the hash)."""
    ranked = np.sort(key)
    owner = ranked >> 43
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    sizes = np.diff(np.r_[starts, len(ranked)])
    kth = np.full(span, np.iinfo(np.int64).max, dtype=np.int64)
    kth[owner[starts]] = ranked[starts + np.minimum(sizes, k) - 1]
    return key <= kth[key >> 43]


def _ranked_rows(
    table: ActionTable, pairs: PairScores, rows: np.ndarray, k: int, by: str
) -> np.ndarray:
    """Of the given rows of `pairs` (unique per (i, j)), those among their i's best k by the
    score `by`, in list order: by i, then score (desc), distance (asc), pair hash."""
    if rows.size == 0:
        return rows
    i = pairs.i[rows]
    base = int(i.min())
    span = int(i.max()) - base + 1
    if span >= 2**20:
        sub = pairs.take(rows)
        order = rank_key(table, sub, by)
    else:
        key = ((i - base) << 43) | _value(pairs.dist_km[rows], getattr(pairs, by)[rows])
        if len(rows) >= _PREFILTER_FROM:
            keep = _contenders(key, span, k)
            rows, key = rows[keep], key[keep]
        order = np.argsort(key)
        ranked = key[order]
        same = ranked[1:] == ranked[:-1]
        if same.any():  # equal keys (owner, score, 10 m step): by the pair hash
            run = np.r_[same, False] | np.r_[False, same]
            at = np.flatnonzero(run)
            ri, rj = pairs.i[rows[order[at]]], pairs.j[rows[order[at]]]
            tie = pair_tie(table.col("hash"), ri, rj)
            order[at] = order[at][np.lexsort((tie, ranked[at]))]
    rows = rows[order]
    owner = pairs.i[rows]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    rank = np.arange(len(owner)) - np.repeat(starts, np.diff(np.r_[starts, len(owner)]))
    return rows[rank < k]


def rank_top_k(table: ActionTable, pairs: PairScores, k: int, by: str = "score") -> PairScores:
    """Each i's best k partners (pairs must be unique per (i, j)), sorted by i then rank."""
    if len(pairs) == 0:
        return pairs
    return pairs.take(_ranked_rows(table, pairs, np.arange(len(pairs)), k, by))


def below_kth(lists: PairScores, pairs: PairScores, k: int, by: str) -> np.ndarray:
    """For each pair, whether its i's list (`rank_top_k` output) is full and the pair ranks
    below the list's k-th entry whatever the hash: it cannot enter that list."""
    out = np.zeros(len(pairs), dtype=bool)
    if len(lists) == 0 or len(pairs) == 0:
        return out
    last = np.flatnonzero(np.r_[lists.i[1:] != lists.i[:-1], True])
    full = last[np.diff(np.r_[-1, last]) >= k]
    if full.size == 0:
        return out
    owners, kth = lists.i[full], list_value(lists.take(full), by)
    at = np.minimum(np.searchsorted(owners, pairs.i), owners.size - 1)  # owners are sorted
    return (owners[at] == pairs.i) & (list_value(pairs, by) > kth[at])


def first_k(lists: PairScores, k: int) -> PairScores:
    """The first k entries of each i's list (lists sorted by i then rank, as rank_top_k gives)."""
    if len(lists) == 0:
        return lists
    starts = np.flatnonzero(np.r_[True, lists.i[1:] != lists.i[:-1]])
    rank = np.arange(len(lists)) - np.repeat(starts, np.diff(np.r_[starts, len(lists)]))
    return lists.take(rank < k)


def rank_lists(table: ActionTable, pairs: PairScores, k: int) -> tuple[PairScores, PairScores]:
    """Each i's two lists: its best k region partners (by `rscore`) and its best k target
    partners (by `tscore`); a pair on both is on both."""
    near = _ranked_rows(table, pairs, np.flatnonzero(pairs.region), k, "rscore")
    far = _ranked_rows(table, pairs, np.flatnonzero(pairs.target), k, "tscore")
    return pairs.take(near), pairs.take(far)


def concat(parts: list[PairScores]) -> PairScores:
    """Rows of several PairScores, in order (a queue score only if every part has one)."""
    columns = {}
    for name in parts[0].__dict__:
        values = [getattr(p, name) for p in parts]
        columns[name] = None if any(v is None for v in values) else np.concatenate(values)
    return PairScores(**columns)


def first_of_each(keys: np.ndarray) -> np.ndarray:
    """Positions of the first occurrence of each distinct key, in key order."""
    order = np.argsort(keys, kind="stable")
    if order.size == 0:
        return order
    return order[np.r_[True, keys[order][1:] != keys[order][:-1]]]


def unique_pairs(pairs: PairScores, n: int) -> PairScores:
    """One row per (i, j), the first one."""
    if len(pairs) == 0:
        return pairs
    return pairs.take(np.sort(first_of_each(pairs.i * np.int64(n + 1) + pairs.j)))
