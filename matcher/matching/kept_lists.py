"""Stored actions' lists kept across queries, so that one new action (index.MatchIndex
.suggest_for) ranks its own lists and only those of the few stored actions it changes.

A stored action p's two lists (the first k of each kind, index.MatchIndex.ranked) can change
with a row r added after them only if r enters the first k of one of p's lists *before* the
deferred units are fetched (phase A). Otherwise phase A's first k, which decide which units
are fetched and how far (their bounds and caps), are the same, so is every pair fetched, and
r, beaten by k pairs of phase A on each list, is on neither list. A kept entry therefore holds
p's lists, the k-th entries of its phase-A lists, how many rows the table had and which of p's
pairs were excluded; a query scores p's pairs with the rows added since (its new action
included) against those k-th entries, for all the actions it asks about in one call.

When the new action x does enter p's phase A, a k-th entry rises: fewer deferred units reach
it and every cap shrinks (candidates.CandidateIndex.caps) but one, the region cap's tie bonus
when the target list's k-th entry reaches `tier_company`; so the pairs fetched with x are among
those fetched without it. Then p's lists with x are the best k of its kept list and x, as long
as every partner on them that only the fetch brought is still brought with x's k-th entries
(candidates.CandidateIndex.still_fetched fetches just their units again); otherwise, when the
bonus may change, and after a permanent row entered or p's exclusions changed, p is ranked
again and kept (index.py). Entries are kept for one candidate index (a rebuild drops them) and
one k.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from matcher.matching.candidates import CandidateIndex
from matcher.matching.scoring import (
    PAIR_SPACE,
    PairScores,
    concat,
    list_value,
    pair_tie,
    score_pairs,
)
from matcher.matching.settings import MatchSettings
from matcher.matching.table import ActionTable

BY = ("rscore", "tscore")
_ARRAYS = ("valid", "upto", "j", "value", "fetched", "kth", "kth_j", "before_kth", "phase_size")
_DIST_MASK = np.int64(2**22 - 1)  # a list value's distance bits (10 m steps; all set: unknown)
#: Rows added since an entry was ranked that a query still checks; past this, it ranks again.
MAX_CHECKED = 4096
#: The two lists of each asked position, partners best first.
Lists = dict[int, tuple[list[int], list[int]]]


def _score_of(value: np.ndarray) -> np.ndarray:
    """The list score encoded in a `list_value` (its 1e-6 steps)."""
    return ((2**21 - 1) - (value >> 22)) / 1e6


class KeptLists:
    """The kept entries of one k, in arrays indexed by table position."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.size = 0
        self.valid = np.zeros(0, dtype=bool)
        self.upto = np.zeros(0, dtype=np.int64)  # rows of the table the entry was ranked with
        self.j = np.zeros((0, 2, k), dtype=np.int32)  # partners, -1 past the list's end
        self.value = np.zeros((0, 2, k), dtype=np.int64)  # their list values
        self.fetched = np.zeros((0, 2, k), dtype=bool)  # not on a phase-A list of p
        self.kth = np.zeros((0, 2), dtype=np.int64)  # phase A's k-th list value; -1: not full
        self.kth_j = np.zeros((0, 2), dtype=np.int32)
        self.before_kth = np.zeros((0, 2), dtype=np.int64)  # the (k-1)-th's (k > 1)
        self.phase_size = np.zeros((0, 2), dtype=np.int16)  # entries of the phase-A lists
        #: p -> its excluded partners below `upto` (only the entries that have some)
        self.excluded: dict[int, frozenset[int]] = {}
        #: lists asked for: given as kept, merged with a new row, to be ranked again
        self.counts = {"kept": 0, "merged": 0, "again": 0}

    def nbytes(self) -> int:
        """Memory of the arrays (the exclusions aside)."""
        return sum(getattr(self, name).nbytes for name in _ARRAYS)

    def _grow(self, n: int) -> None:
        if n <= self.size:
            return
        size = max(n, 2 * self.size, 1024)
        for name in _ARRAYS:
            old = getattr(self, name)
            new = np.zeros((size, *old.shape[1:]), dtype=old.dtype)
            new[: self.size] = old
            setattr(self, name, new)
        self.size = size

    def store(
        self,
        table: ActionTable,
        positions: np.ndarray,
        lists: tuple[PairScores, PairScores],
        phase: tuple[PairScores, PairScores],
        upto: int,
        excluded: np.ndarray,
    ) -> None:
        """Keep the lists of `positions` (`ranked` with the rows below `upto`, and perhaps a
        temporary row past it), except those a temporary row entered in phase A."""
        temporary = np.unique(np.concatenate([p.i[p.j >= upto] for p in phase]))
        q = np.setdiff1d(np.asarray(positions, dtype=np.int64), temporary)
        if q.size == 0:
            return
        self._grow(int(q.max()) + 1)
        self.j[q], self.value[q], self.fetched[q], self.kth[q] = -1, 0, False, -1
        n = np.int64(len(table) + 1)
        on_phase = np.sort(np.concatenate([p.i * n + p.j for p in phase]))
        for kind, (final, first) in enumerate(zip(lists, phase, strict=True)):
            final = final.take(np.isin(final.i, q))
            rank = _ranks(final.i)
            self.j[final.i, kind, rank] = final.j
            self.value[final.i, kind, rank] = list_value(final, BY[kind])
            keys = final.i * n + final.j
            if on_phase.size:
                at = np.minimum(np.searchsorted(on_phase, keys), len(on_phase) - 1)
                self.fetched[final.i, kind, rank] = on_phase[at] != keys
            else:  # nothing in phase A: every partner came from the fetch
                self.fetched[final.i, kind, rank] = True
            first = first.take(np.isin(first.i, q))
            rank = _ranks(first.i)
            value = list_value(first, BY[kind])
            last = rank == self.k - 1
            self.kth[first.i[last], kind] = value[last]
            self.kth_j[first.i[last], kind] = first.j[last]
            before = rank == self.k - 2
            self.before_kth[first.i[before], kind] = value[before]
            self.phase_size[q, kind] = 0
            np.add.at(self.phase_size[:, kind], first.i, 1)
        self.valid[q] = True
        self.upto[q] = upto
        mine = _excluded_partners(excluded, q)
        for p in q.tolist():
            partners = frozenset(m for m in mine.get(p, ()) if m < upto)
            if partners:
                self.excluded[p] = partners
            else:
                self.excluded.pop(p, None)

    def lookup(
        self,
        table: ActionTable,
        settings: MatchSettings,
        candidates: CandidateIndex,
        positions: np.ndarray,
        excluded: np.ndarray,
        upto: int,
    ) -> tuple[Lists, np.ndarray]:
        """The lists of the given positions that kept entries give, with the table as it is
        now (its rows below `upto` permanent, those from `upto` on a query's temporary row),
        and the positions to rank again."""
        q = np.unique(np.asarray(positions, dtype=np.int64))
        if self.size == 0 or q.size == 0:
            self.counts["again"] += len(q)
            return {}, q
        ok = np.zeros(len(q), dtype=bool)
        inside = q < self.size
        ok[inside] = self.valid[q[inside]]
        since = np.where(ok, len(table) - self.upto[np.where(inside, q, 0)], 0)
        ok &= since <= MAX_CHECKED
        mine = _excluded_partners(excluded, q[ok]) if excluded.size else {}
        if self.excluded or mine:
            for at in np.flatnonzero(ok).tolist():
                p = int(q[at])
                now = frozenset(m for m in mine.get(p, ()) if m < self.upto[p])
                ok[at] = now == self.excluded.get(p, frozenset())
        kept, since = q[ok], since[ok]
        entered = self._entered(table, settings, kept, since, excluded)
        found: Lists = {}
        again = [q[~ok]]
        merged: list[tuple[int, tuple[list[int], list[int]], list[int]]] = []
        phase: list[PairScores] = []
        for p in kept.tolist():
            news = entered.get(p)
            if news is None:
                found[p] = self._lists(p)
                self._checked(p, upto, mine.get(p, ()))
                continue
            got = self._merged(table, settings, p, news, upto)
            if got is None:
                again.append(np.array([p]))
                continue
            merged.append((p, got[0], got[1]))
            phase += got[2]
        # the fetched partners of the merged lists, all checked at once
        ps = np.array([p for p, _, fetched in merged for _ in fetched], dtype=np.int64)
        members = np.array([m for _, _, fetched in merged for m in fetched], dtype=np.int64)
        if ps.size:
            near, far = concat(phase[0::2]), concat(phase[1::2])
            lost = set(
                ps[~candidates.still_fetched(table, ps, members, near, far, self.k)].tolist()
            )
        else:
            lost = set()
        for p, lists, _ in merged:
            if p in lost:
                again.append(np.array([p]))
            else:
                found[p] = lists
        again_q = np.concatenate(again)
        self.counts["again"] += len(again_q)
        self.counts["merged"] += len(merged) - len(lost)
        self.counts["kept"] += len(q) - len(again_q) - len(merged) + len(lost)
        return found, again_q

    def full_lists(self, positions: list[int], kind: int) -> list[int]:
        """The kept partners of kind `kind` of the given positions whose kept list of that
        kind is full (k partners): the members `choose` asks for next (partners.py)."""
        q = np.asarray(positions, dtype=np.int64)
        q = q[q < self.size]
        q = q[self.valid[q]]
        lists = self.j[q, kind]
        return lists[(lists >= 0).all(axis=1)].ravel().tolist()

    def _checked(self, p: int, upto: int, excluded: Iterable[int]) -> None:
        """The entry of p holds for the rows below `upto` too (checked: none entered)."""
        if upto <= self.upto[p]:
            return
        self.upto[p] = upto
        partners = frozenset(m for m in excluded if m < upto)
        if partners:
            self.excluded[p] = partners

    def _entered(
        self,
        table: ActionTable,
        settings: MatchSettings,
        q: np.ndarray,
        since: np.ndarray,
        excluded: np.ndarray,
    ) -> dict[int, list[tuple[int, int, int, int, float]]]:
        """For each kept position, the rows added since its entry that enter a phase-A list
        of it: (kind, row, list value, tie, list score)."""
        if q.size == 0 or since.sum() == 0:
            return {}
        ii = np.repeat(q, since)
        starts = np.repeat(self.upto[q], since)
        jj = starts + np.arange(len(ii)) - np.repeat(np.cumsum(since) - since, since)
        pairs = score_pairs(table, settings, ii, jj, excluded)
        hashes = table.col("hash")
        out: dict[int, list[tuple[int, int, int, int, float]]] = {}
        for kind, eligible in enumerate((pairs.region, pairs.target)):
            some = pairs.take(eligible)
            if len(some) == 0:
                continue
            value = list_value(some, BY[kind])
            tie = pair_tie(hashes, some.i, some.j)
            kth = self.kth[some.i, kind]
            kth_tie = pair_tie(hashes, some.i, self.kth_j[some.i, kind].astype(np.int64))
            enters = (kth < 0) | (value < kth) | ((value == kth) & (tie <= kth_tie))
            score = getattr(some, BY[kind])
            for r in np.flatnonzero(enters).tolist():
                entry = (kind, int(some.j[r]), int(value[r]), int(tie[r]), float(score[r]))
                out.setdefault(int(some.i[r]), []).append(entry)
        return out

    def _bonus_may_switch(self, settings: MatchSettings, p: int, score: float) -> bool:
        """Whether x, of target list score `score`, entering p's full phase-A target list may
        lift its k-th entry from below `tier_company` to it (the region cap's tie bonus)."""
        kth = int(self.kth[p, 1])
        if kth < 0:
            return False  # not full: nothing was capped
        company = settings.tier_company  # the same test as the caps'
        if not float(_score_of(np.int64(kth))) + 1e-6 < company:
            return False  # the bonus was on already
        # the new k-th entry is the worse of x and the (k-1)-th: the lower score
        before = float(_score_of(np.int64(self.before_kth[p, 1]))) if self.k > 1 else 1.0
        return not min(score, before) + 1e-6 < company

    def _lists(self, p: int) -> tuple[list[int], list[int]]:
        near, far = self.j[p]
        return near[near >= 0].tolist(), far[far >= 0].tolist()

    def _merged(
        self,
        table: ActionTable,
        settings: MatchSettings,
        p: int,
        news: list[tuple[int, int, int, int, float]],
        upto: int,
    ) -> tuple[tuple[list[int], list[int]], list[int], list[PairScores]] | None:
        """p's lists with the one temporary row that entered its phase A (see the module
        docstring), the partners on them that only the fetch brought (they hold if the fetch
        still brings them) and p's phase-A lists with x, as `_phase_kth` gives them; or None
        when p must be ranked again."""
        if any(row < upto for _, row, *_ in news):
            return None  # a permanent row changed p's entry: ranked again, then kept
        entered = {kind: (row, value, tie, score) for kind, row, value, tie, score in news}
        if 1 in entered and self._bonus_may_switch(settings, p, entered[1][3]):
            return None
        hashes = table.col("hash")
        lists: list[list[int]] = []
        fetched: set[int] = set()
        for kind in (0, 1):
            size = int((self.j[p, kind] >= 0).sum())
            partners = self.j[p, kind, :size].astype(np.int64)
            ties = pair_tie(hashes, np.full(size, p), partners).tolist()
            entries = list(zip(self.value[p, kind, :size].tolist(), ties, range(size), strict=True))
            if kind in entered:
                row, value, tie, _ = entered[kind]
                entries = sorted([*entries, (value, tie, -1)])[: self.k]
            lists.append([row if r < 0 else int(partners[r]) for _, _, r in entries])
            fetched.update(
                int(partners[r]) for *_, r in entries if r >= 0 and self.fetched[p, kind, r]
            )
        phase = [self._phase_kth(p, kind, entered.get(kind)) for kind in (0, 1)] if fetched else []
        return (lists[0], lists[1]), sorted(fetched), phase

    def _phase_kth(self, p: int, kind: int, new: tuple | None) -> PairScores:
        """p's phase-A list of one kind with x, as `CandidateIndex.narrow` reads it: k rows
        holding its k-th entry's score and distance, none when it is not full."""
        size, k = int(self.phase_size[p, kind]), self.k
        value = int(self.kth[p, kind]) if new is None else None
        if new is not None and (k == 1 or size >= k - 1):
            value = new[1] if k == 1 else max(new[1], int(self.before_kth[p, kind]))
        rows = k if value is not None and value >= 0 else 0
        code = np.full(rows, value if rows else 0, dtype=np.int64)
        score = _score_of(code)
        dist = np.where(code & _DIST_MASK == _DIST_MASK, np.nan, (code & _DIST_MASK) / 100)
        zero = np.zeros(rows)
        return PairScores(
            i=np.full(rows, p, dtype=np.int64),
            j=np.zeros(rows, dtype=np.int64),
            rscore=score if kind == 0 else zero,
            tscore=score if kind == 1 else zero,
            dist_km=dist,
            tsim=zero,
            region=np.ones(rows, dtype=bool),
            target=np.ones(rows, dtype=bool),
        )


def _ranks(owners: np.ndarray) -> np.ndarray:
    """Rank of each row within its run of equal owners (sorted by owner)."""
    if owners.size == 0:
        return owners
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    return np.arange(len(owners)) - np.repeat(starts, np.diff(np.r_[starts, len(owners)]))


def _excluded_partners(excluded: np.ndarray, q: np.ndarray) -> dict[int, list[int]]:
    """The excluded partners of each given position (`excluded`: scoring.excluded_keys)."""
    if excluded.size == 0:
        return {}
    lo, hi = excluded // PAIR_SPACE, excluded % PAIR_SPACE
    out: dict[int, list[int]] = {}
    for own, other in ((lo, hi), (hi, lo)):
        hit = np.isin(own, q)
        for a, b in zip(own[hit].tolist(), other[hit].tolist(), strict=True):
            out.setdefault(a, []).append(b)
    return out
