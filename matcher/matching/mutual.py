"""The batch's choice of pairs: mutual top-k per kind, then the fill and the swaps.

A pair is chosen for a kind when each side has the other on its list of that kind (the
first k of its ranked list); spare places are then filled from the deeper lists (fill.py) and
actions left short get their quota through swaps (augment.py). On the target lists this runs
tier by tier, most specific first (`tier_floors`; above `exact_below` active actions only the
agency-only ties apart), so a weaker tie never takes a place before the swaps of a stronger
one have used it; the weakest ties (an agency and one of its offices) come last, at most
`weak_quota` per action (`weak_quota`). `MatchIndex.mutual_pairs`
(index.py) calls `mutual_pairs` with its own ranking; an index small enough for exact
answers runs it for one new action too, so both paths agree there.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from matcher.matching.augment import augment
from matcher.matching.fill import fill
from matcher.matching.kinds import chosen_kinds
from matcher.matching.scoring import PairScores, concat, first_k
from matcher.matching.settings import MatchSettings
from matcher.matching.table import ActionTable

#: The batch ranks this many actions' lists per call (one call per thread at a time).
BATCH_CHUNK = 25_000
#: How much deeper the lists of actions still short after the swaps are ranked (augment.py).
AUGMENT_DEPTH = 2

#: `MatchIndex.top_k`: (positions, k, excluded, depth) -> the two lists of those actions.
Ranker = Callable[[np.ndarray, int, np.ndarray, int | None], tuple[PairScores, PairScores]]


@dataclass(frozen=True)
class Selection:
    """What the batch's choice needs of an index: its rows, settings and ranking, the
    excluded pair keys, and whether the index is small enough for exact answers (then the
    swaps get their deeper second try)."""

    table: ActionTable
    settings: MatchSettings
    rank: Ranker
    excluded: np.ndarray
    exact: bool
    workers: int = 2


def mutual_pairs(sel: Selection, active: np.ndarray, top_k: int) -> PairScores:
    """Every suggested pair once (i < j by position) among the `active` positions (not
    empty): a pair is chosen for a kind when each side has the other on its list of that
    kind, then the fill and the swaps."""
    chunks = [active[s : s + BATCH_CHUNK] for s in range(0, len(active), BATCH_CHUNK)]
    depth = top_k * sel.settings.fill_depth
    with ThreadPoolExecutor(max_workers=sel.workers) as pool:
        parts = list(pool.map(lambda chunk: sel.rank(chunk, top_k, sel.excluded, depth), chunks))
    n = np.int64(len(sel.table) + 1)
    chosen = []
    for kind in (0, 1):
        deep = concat([p[kind] for p in parts])
        lists = first_k(deep, top_k)
        forward = np.sort(lists.i * n + lists.j)
        reverse = lists.j * n + lists.i
        at = np.minimum(np.searchsorted(forward, reverse), max(len(forward) - 1, 0))
        mutual = (forward[at] == reverse) & (lists.i < lists.j) if len(forward) else reverse < 0
        chosen.append(_filled(sel, deep, lists.take(mutual), top_k, kind))
    return chosen_kinds(sel.settings, len(sel.table), chosen)


def _filled(sel: Selection, deep: PairScores, mutual: PairScores, k: int, kind: int) -> PairScores:
    """The mutual pairs of one kind, then the fill and the swaps (augment.py). On the
    target lists this runs once per tier, most specific first (`tier_floors`): a tier's
    mutual pairs that still fit, then its fill and swaps, before any entry of a lower tier
    takes a place. So an agency-only tie ("both target ICE") never takes a place an ICE
    office's or a facility's specific partner needs, and, up to `exact_below` active
    actions, in a group of equally tied actions larger than the quota (the ICE offices, one
    operator's facilities) the swaps give the remote ones their quota of that tier before a
    weaker tie fills their places. Above, only the agency-only ties wait (a pass per tier
    costs a tenth of the batch's time at 100,000). Batch only, like the swaps (and
    `suggest_for` up to `exact_below`, which runs the batch); above, the local fill of
    partners.py places every entry in score order."""
    if kind == 0:
        return _spread(sel, deep, mutual, k, kind, None)
    floors = tier_floors(sel.settings, deep.tscore, every=sel.exact)
    deeper = _Deeper(sel, kind)
    weak_cut, most = sel.settings.weak_rule
    weak = most < k and bool((deep.tscore <= weak_cut).any())
    if weak:  # the weak ties get a pass of their own, after every other
        floors = _with_floor(floors, deep.tscore, weak_cut)
    chosen = mutual.take(np.zeros(len(mutual), dtype=bool))
    quota: int | np.ndarray = k
    for floor in floors:
        if weak and floor < weak_cut and isinstance(quota, int):
            quota = weak_quota(sel.settings, len(sel.table), chosen, k)
        top = mutual.tscore > floor
        if not len(chosen) and isinstance(quota, int):
            chosen = mutual.take(top)  # the most specific mutual pairs fit: each listed k at most
        else:
            chosen = fill(sel.table, mutual.take(top), chosen, quota, "tscore")
        mutual = mutual.take(~top)
        if floor == floors[-1]:
            break
        chosen = _spread(sel, deep.take(deep.tscore > floor), chosen, k, kind, floor, deeper, quota)
    return _spread(sel, deep, chosen, k, kind, None, deeper, quota)


def _with_floor(floors: list[float], scores: np.ndarray, cut: float) -> list[float]:
    """`floors` with `cut` among them (in order) when it splits `scores` where no floor does."""
    above = int((scores > cut).sum())
    if above == 0 or any(int((scores > f).sum()) == above for f in floors):
        return floors
    return sorted([*floors, cut], reverse=True)


def weak_quota(settings: MatchSettings, n: int, chosen: PairScores, k: int) -> int | np.ndarray:
    """Each position's quota of target partners once its stronger ties are placed (`chosen`):
    at most `weak_quota` more, from the weakest ties (an agency and one of its offices: the
    fallback fills a short list, never a whole one); `k` itself when that allows `k` anyway."""
    if settings.weak_quota >= k:
        return k
    degree = np.bincount(np.r_[chosen.i, chosen.j], minlength=n + 1).astype(np.int64)
    return np.minimum(k, degree + settings.weak_quota)


def tier_floors(settings: MatchSettings, scores: np.ndarray, every: bool = True) -> list[float]:
    """The target tiers the batch places one after another, as floors (a tier's entries
    score above its floor), most specific first: every tier some entry of `scores` is in
    (each a pass over the lists), or with `every` False only the agency-only ties apart.
    The last floor is below every score."""
    s = settings
    if every:
        tiers = [s.tier_facility, s.tier_company, s.tier_operator, s.tier_sibling]
        tiers += [s.tier_component, s.tier_category, s.tier_agency_whole, s.tier_agency]
        cuts = [t - 1e-9 for t in sorted(set(tiers), reverse=True)]  # a tier is above its cut
    else:
        cuts = [s.tier_agency_whole + 1e-9]
    floors: list[float] = []
    for cut in cuts:
        above = int((scores > cut).sum())
        if 0 < above < scores.size and (not floors or (scores > floors[-1]).sum() < above):
            floors.append(cut)
    return [*floors, -1.0]


def _spread(
    sel: Selection,
    deep: PairScores,
    chosen: PairScores,
    k: int,
    kind: int,
    floor: float | None,
    deeper: _Deeper | None = None,
    quota: int | np.ndarray | None = None,
) -> PairScores:
    """`chosen` plus the fill from `deep`, then the swaps (with entries above `floor`); each
    action's places: `quota` (one per position, see `weak_quota`), else `k`."""
    places = k if quota is None else quota
    filled = fill(sel.table, deep, chosen, places, ("rscore", "tscore")[kind])
    if sel.settings.augment:
        filled = _augmented(sel, deep, filled, k, kind, floor, deeper, places)
    return filled


class _Deeper:
    """Actions' lists of one kind ranked `AUGMENT_DEPTH` times deeper than the fill's, each
    ranked once for all the tiers' passes (an action's list does not depend on which
    others are ranked with it)."""

    def __init__(self, sel: Selection, kind: int) -> None:
        self.sel, self.kind = sel, kind
        self.ranked = np.zeros(0, dtype=np.int64)
        self.found: PairScores | None = None

    def lists(self, positions: np.ndarray, k: int) -> PairScores:
        """The deeper lists of the given positions (sorted, unique)."""
        sel = self.sel
        fresh = np.setdiff1d(positions, self.ranked)
        if fresh.size:
            depth = k * sel.settings.fill_depth * AUGMENT_DEPTH
            got = sel.rank(fresh, k, sel.excluded, depth)[self.kind]
            self.found = got if self.found is None else concat([self.found, got])
            self.ranked = np.union1d(self.ranked, fresh)
        assert self.found is not None
        return self.found.take(np.isin(self.found.i, positions))


def _augmented(
    sel: Selection,
    deep: PairScores,
    filled: PairScores,
    k: int,
    kind: int,
    floor: float | None = None,
    deeper: _Deeper | None = None,
    places: int | np.ndarray | None = None,
) -> PairScores:
    """`filled` after the swaps of augment.py; then, for actions still short whose deeper
    list was full (more tied partners below it), once more with lists ranked
    `AUGMENT_DEPTH` times deeper for them (by `deeper`, which keeps them for the next
    tier's pass). The second try only up to `exact_below` active
    actions: it ranks those actions' lists again (about a tenth of the batch's time at
    100,000, for 0.5% more pairs), where a campaign's few hundred actions need it most.
    `places`: each action's quota (default `k`, the lists' length)."""
    by = ("rscore", "tscore")[kind]
    slack = swap_slack(sel.settings, kind)
    places = k if places is None else places
    filled = augment(sel.table, deep, filled, places, by, slack)
    if not sel.exact:
        return filled
    n = len(sel.table) + 1
    degree = np.bincount(np.r_[filled.i, filled.j], minlength=n)
    length = np.bincount(deep.i, minlength=n)
    depth = k * sel.settings.fill_depth
    short = np.flatnonzero((degree < places) & (length >= depth))
    if short.size == 0:
        return filled
    more = deeper.lists(short, k) if deeper else _Deeper(sel, kind).lists(short, k)
    if floor is not None:
        more = more.take(more.tscore > floor)
    return augment(sel.table, concat([deep, more]), filled, places, by, slack)


def swap_slack(settings: MatchSettings, kind: int) -> float:
    """How much lower than the pair it replaces a swap's new pair may score: on region
    lists, `region_swap_km` of closeness; on target lists none (the tie's tier)."""
    s = settings
    return s.region_closeness * s.region_swap_km / s.region_radius_km if kind == 0 else 0.0
