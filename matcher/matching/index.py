"""`MatchIndex`: all rows indexed once, answering for one new action at a time.

Per-action caps (the same rule in batch and incremental): every action has two lists
(scoring.rank_lists), its best `top_k` region partners and its best `top_k` target partners; a
pair is chosen for a kind when each side has the other on its list of that kind (mutual top-k
per kind), so a national partner never takes a local partner's place and no action gets more
than `top_k` partners of each kind. Whether a pair is chosen depends only on the two actions'
own lists, which an index can compute for a new action and for each of its candidates:
`suggest_for(x)` makes x's lists, then the lists, with x included, of the partners whose
lists can change its answer (partners.py: its first k of each kind, and the entries the fill
reaches with their lists' others). Those stored lists are kept across queries (kept_lists.py;
all of them ranked up front by `prepare`), so a query ranks its own lists and those of the few
stored actions it changes.

Up to `exhaustive_below` active actions every pair is scored, so batch and incremental are
exactly equal. Above, candidates come from candidates.py; the new action is always a candidate
of everyone in the incremental path (rows added since the build are scanned in full), so the
two paths agree as long as the fast path finds the same top-k as brute force (measured: see
bench/matching/RESULTS.md). A MatchIndex is safe to share between threads (one lock).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import numpy as np

from matcher.matching import mutual
from matcher.matching.candidates import CandidateIndex
from matcher.matching.gcpause import paused_gc
from matcher.matching.heap import trim
from matcher.matching.kept_lists import KeptLists, Lists
from matcher.matching.kinds import chosen_kinds
from matcher.matching.partners import by_position, choose
from matcher.matching.reasons import build_suggestions
from matcher.matching.recognition import EntityCatalog, default_catalog
from matcher.matching.regions import Namer, RegionModel
from matcher.matching.rows import ActionRow, Suggestion
from matcher.matching.scoring import (
    PairScores,
    below_kth,
    concat,
    excluded_keys,
    first_k,
    rank_lists,
    score_pairs,
    unique_pairs,
)
from matcher.matching.settings import DEFAULT_SETTINGS, MatchSettings
from matcher.matching.table import ActionTable
from matcher.matching.targets import TargetModel

#: `prepare` ranks this many lists per call (smaller than the batch's: it keeps only the first
#: k of each, and a smaller chunk keeps the threads' peak memory down)
PREPARE_CHUNK = 8192
#: `choose` ranks the kept members of the entries it asks about in the same call as the
#: entries (partners.py's `likely`): one stored-list call per round instead of two (at 1M,
#: 0.88x CPU per query: bench/matching/RESULTS.md, one6). False: one call for each.
MEMBERS_AHEAD = True


class MatchIndex:
    """Index over action rows; `suggest_for(row)` gives the suggestions of one action."""

    def __init__(
        self,
        rows: Sequence[ActionRow],
        *,
        today: date | None = None,
        namer: Namer | None = None,
        settings: MatchSettings = DEFAULT_SETTINGS,
        catalog: EntityCatalog | None = None,
        workers: int = 2,
    ) -> None:
        self.settings = settings
        self.workers = max(1, workers)
        self._lock = threading.RLock()
        self.today = today
        self.namer = namer
        self.targets = TargetModel(catalog or default_catalog(), settings)
        self.table = ActionTable(self.targets, today)
        with paused_gc():
            self.table.extend(list(rows))
            self._candidates = CandidateIndex(self.table, settings)
        self._regions: RegionModel | None = None
        #: stored actions' lists per k, for `_candidates` (kept_lists.py)
        self._kept: dict[int, KeptLists] = {}

    @property
    def candidates(self) -> CandidateIndex:
        """The fast path's candidate index (trees and units over the rows at its build)."""
        return self._candidates

    def __len__(self) -> int:
        return len(self.table)

    def __contains__(self, action_id: object) -> bool:
        return action_id in self.table.pos_of

    def add(self, row: ActionRow) -> None:
        """Add a row (its id must be new); trees are rebuilt after `rebuild_after` adds."""
        with self._lock:
            self.table.extend([row])
            if len(self.table) - self._candidates.n_built >= self.settings.rebuild_after:
                self.rebuild()

    def rebuild(self) -> None:
        """Rebuild the candidate trees and the region model over all rows."""
        self._candidates = CandidateIndex(self.table, self.settings)
        self._regions = None
        self._kept = {}

    def region_model(self) -> RegionModel:
        """The named-region model over the active located rows (fitted lazily)."""
        if self._regions is None:
            active = self.table.col("active")
            lat = np.where(active, self.table.col("lat"), np.nan)
            self._regions = RegionModel.fit(
                lat,
                self.table.col("lon"),
                order_key=self.table.col("hash"),
                place_text=[r.place for r in self.table.rows],
                namer=self.namer,
                settings=self.settings,
            )
        return self._regions

    def top_k(
        self, positions: np.ndarray, k: int, excluded: np.ndarray, depth: int | None = None
    ) -> tuple[PairScores, PairScores]:
        """Each given action's two lists: its best k region partners and its best k target
        partners (fast path or exhaustive), or its best `depth` (>= k) of each among the
        candidates generated for k: the entries past k are what fill.py may use."""
        return self.ranked(positions, k, excluded, depth)[0]

    def ranked(
        self, positions: np.ndarray, k: int, excluded: np.ndarray, depth: int | None = None
    ) -> tuple[tuple[PairScores, PairScores], tuple[PairScores, PairScores]]:
        """`top_k`'s two lists, and the first k of each list before the deferred units were
        fetched (phase A: what decided which units to fetch, kept_lists.py)."""
        table, settings = self.table, self.settings
        keep = max(k, depth or k)
        q = np.asarray(positions, dtype=np.int64)
        ii, jj, deferred = self._candidates.generate(table, q, k)
        scored = score_pairs(table, settings, ii, jj, excluded)
        near, far = rank_lists(table, scored, keep)
        # the caps and the drop below look at the first k of each list (the entries past k,
        # for the fill, come from the pairs at hand)
        top_near, top_far = first_k(near, k), first_k(far, k)
        if not deferred:
            return (near, far), (top_near, top_far)
        deferred = self._candidates.narrow(table, deferred, top_near, top_far, k)
        fi, fj = self._candidates.fetch(table, deferred, k)
        if fi.size == 0:
            return (near, far), (top_near, top_far)
        more = score_pairs(table, settings, fi, fj, excluded)
        # a fetched pair that ranks below the k-th entry of each list it is eligible for
        # cannot enter either list's first k: dropped before the (costly) merge
        hopeless = (~more.region | below_kth(top_near, more, k, "rscore")) & (
            ~more.target | below_kth(top_far, more, k, "tscore")
        )
        both = unique_pairs(concat([near, far, more.take(~hopeless)]), len(table))
        return rank_lists(table, both, keep), (top_near, top_far)

    def suggest_for(
        self, row: ActionRow, top_k: int = 5, exclude: Iterable[tuple] = ()
    ) -> list[Suggestion]:
        """Suggestions of one action against the index (the row need not be in it).

        `exclude` holds the id pairs never to suggest (rejected or introduced); it should
        cover the pairs of the new action's candidates too, since their rankings decide.
        """
        with self._lock:
            return self._suggest_for(row, top_k, exclude)

    def _suggest_for(
        self, row: ActionRow, top_k: int, exclude: Iterable[tuple]
    ) -> list[Suggestion]:
        known = row.id in self.table.pos_of
        n_before = len(self.table)
        state = self.targets.checkpoint()
        if not known:
            self.table.extend([row])
        try:
            x = self.table.pos_of[row.id]
            if self._exact():
                # not huge: the batch itself, so that both paths agree exactly
                saved = self._candidates, self._regions
                try:
                    every = self.mutual_pairs(top_k, exclude)
                    mine_only = every.take((every.i == x) | (every.j == x))
                    return build_suggestions(
                        mine_only, self.table, self.region_model(), self.targets
                    )
                finally:
                    self._candidates, self._regions = saved
            excluded = excluded_keys(self.table, exclude)
            depth = top_k * self.settings.fill_depth
            mine = self.top_k(np.array([x]), top_k, excluded, depth)
            if not any(len(m) for m in mine):
                return []
            upto = len(self.table) if known else n_before
            kept = self._kept.get(top_k)
            chosen = choose(
                self.table,
                x,
                mine,
                top_k,
                lambda ps: self.stored_lists(ps, top_k, excluded, upto),
                kept.full_lists if kept is not None and MEMBERS_AHEAD else None,
                self.settings.weak_rule,
            )
            pairs = chosen_kinds(self.settings, len(self.table), chosen)
            return build_suggestions(pairs, self.table, self.region_model(), self.targets)
        finally:
            if not known:
                self.table.truncate(n_before)
                self.targets.rollback(state)

    def stored_lists(self, positions: np.ndarray, k: int, excluded: np.ndarray, upto: int) -> Lists:
        """Stored actions' two lists (the first k of each kind, as `top_k` ranks them with the
        table as it is), from the kept entries where they hold, else ranked and kept. The
        table's rows from `upto` on are a query's temporary row (never kept in a list)."""
        kept = self._kept.setdefault(k, KeptLists(k))
        found, again = kept.lookup(
            self.table, self.settings, self._candidates, positions, excluded, upto
        )
        if again.size:
            lists, phase = self.ranked(again, k, excluded)
            kept.store(self.table, again, lists, phase, upto, excluded)
            found.update(by_position(again, lists))
        return found

    def prepare(self, top_k: int = 5) -> None:
        """Rank and keep every active stored action's lists for `top_k` now (else each is
        ranked the first time a new action needs it): one new action then ranks its own
        lists and those of the few stored actions it enters (kept_lists.py). About the
        batch's ranking time; the kept lists take `kept_bytes()`."""
        with self._lock:
            if self._exact():
                return  # suggest_for runs the batch
            kept = self._kept.setdefault(top_k, KeptLists(top_k))
            excluded = np.zeros(0, dtype=np.int64)
            active = np.flatnonzero(self.table.col("active"))
            step = PREPARE_CHUNK
            chunks = [active[s : s + step] for s in range(0, len(active), step)]
            with ThreadPoolExecutor(max_workers=self.workers) as pool:
                for chunk, (lists, phase) in zip(
                    chunks, pool.map(lambda c: self.ranked(c, top_k, excluded), chunks), strict=True
                ):
                    kept.store(self.table, chunk, lists, phase, len(self.table), excluded)
        trim()  # the ranking threads' freed memory, back to the system

    def prepare_some(self, top_k: int = 5, most: int = PREPARE_CHUNK) -> int:
        """Rank and keep the lists of up to `most` active stored actions that have none kept
        for `top_k` (one ranking call under the lock: queries run between calls, so a process
        can prepare in slices beside its queries); how many are left without."""
        with self._lock:
            if self._exact():
                return 0
            kept = self._kept.setdefault(top_k, KeptLists(top_k))
            active = np.flatnonzero(self.table.col("active"))
            inside = active[active < kept.size]
            left = np.r_[inside[~kept.valid[inside]], active[active >= kept.size]]
            if left.size:
                excluded = np.zeros(0, dtype=np.int64)
                chunk = left[:most]
                lists, phase = self.ranked(chunk, top_k, excluded)
                kept.store(self.table, chunk, lists, phase, len(self.table), excluded)
            return max(0, len(left) - most)

    def kept_bytes(self) -> int:
        """Memory of the kept lists (prepare, kept_lists.py)."""
        return sum(kept.nbytes() for kept in self._kept.values())

    def kept_counts(self) -> dict[str, int]:
        """How many stored lists the queries asked for were kept, merged with the new action
        or ranked again (kept_lists.py), since the index was built or rebuilt."""
        counts = {"kept": 0, "merged": 0, "again": 0}
        for kept in self._kept.values():
            for name, count in kept.counts.items():
                counts[name] += count
        return counts

    def mutual_pairs(self, top_k: int, exclude: Iterable[tuple] = ()) -> PairScores:
        """Every suggested pair once (i < j by position), over all active rows: a pair is
        chosen for a kind when each side has the other on its list of that kind (mutual.py)."""
        if len(self.table) > self._candidates.n_built:
            self.rebuild()  # rows added since the build would be scanned by every action
        excluded = excluded_keys(self.table, exclude)
        active = np.flatnonzero(self.table.col("active"))
        if not active.size:
            return score_pairs(self.table, self.settings, active, active, excluded)
        selection = mutual.Selection(
            self.table, self.settings, self.top_k, excluded, self._exact(), self.workers
        )
        return mutual.mutual_pairs(selection, active, top_k)

    def _exact(self) -> bool:
        """Whether the index is small enough for exact answers (`exact_below` active actions):
        `suggest_for` runs the batch itself, and the swaps get their deeper second try."""
        built = self._candidates
        later = int(self.table.col("active")[built.n_built :].sum())
        return built.n_active + later <= self.settings.exact_below

    def suggest_all(self, top_k: int = 5, exclude: Iterable[tuple] = ()) -> list[Suggestion]:
        """Batch suggestions over every active row in the index."""
        with self._lock:
            return build_suggestions(
                self.mutual_pairs(top_k, exclude), self.table, self.region_model(), self.targets
            )
