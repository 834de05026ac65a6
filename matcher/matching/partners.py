"""Which of one new action's partners are chosen (index.MatchIndex.suggest_for), ranking only
the stored actions' lists that can change the answer.

For a kind (region or target), the new action x keeps a partner p of its first k when p's list
has x (mutual), then fills spare places (fill.py) from its deeper list with partners whose
quota is not full: p's quota is full when each of the k others on p's list has p back. On the
target lists x's weakest ties (an agency and one of its offices) come after all others, at
most `weak_quota` of them (fill.fill_one), as in the batch; the stored side's own count of
them is not looked at (above `exact_below` the paths may differ there, as in the swaps). So the
answer needs the lists of x's first k of each kind, and, for a one-sided entry p, p's list and
its members' lists, but only for the entries the fill reaches before x is full.

`choose` finds them lazily: each round runs the fill with the entries not yet looked at taken
as having places left; when every entry it took is known to have places left, that is the
answer (an entry it did not take would not be taken with a full quota either: the fill is
greedy in a fixed order, so dropping an entry it passed over changes nothing). Otherwise the
lists of the taken unknown entries (and of their members) are ranked, all in one call, and the
fill runs again. Each stored action's lists are those ranking it with x in the table would
give (index.MatchIndex.stored_lists: kept across queries, kept_lists.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from matcher.matching.fill import fill_one
from matcher.matching.scoring import PairScores, first_k
from matcher.matching.table import ActionTable

#: the two lists (region, target) of the given positions, best k of each: position -> lists
RankLists = Callable[[np.ndarray], dict[int, tuple[list[int], list[int]]]]
#: (positions, kind) -> the positions whose lists are probably asked for next (see `choose`)
Likely = Callable[[list[int], int], list[int]]
BY = ("rscore", "tscore")


def by_position(
    positions: np.ndarray, lists: tuple[PairScores, PairScores]
) -> dict[int, tuple[list[int], list[int]]]:
    """The two lists (`top_k` output) of each given position as partner lists, best first."""
    found: dict[int, tuple[list[int], list[int]]] = {int(p): ([], []) for p in positions}
    for kind, ranked in enumerate(lists):
        for i, j in zip(ranked.i.tolist(), ranked.j.tolist(), strict=True):
            found[i][kind].append(j)
    return found


class _Lists:
    """The two lists (partner positions, best first) of stored actions, ranked on demand."""

    def __init__(self, rank: RankLists) -> None:
        self.rank = rank
        self.known: dict[int, tuple[list[int], list[int]]] = {}

    def ensure(self, positions: list[int], also: Iterable[int] = ()) -> None:
        """Rank the lists of the positions not ranked yet, in one call; if there are any,
        those of the positions `also` not ranked yet in the same call."""
        fresh = {p for p in positions if p not in self.known}
        if not fresh:
            return
        fresh.update(p for p in also if p not in self.known)
        self.known.update(self.rank(np.asarray(sorted(fresh), dtype=np.int64)))

    def of(self, p: int, kind: int) -> list[int]:
        """p's list of one kind (ranked before)."""
        return self.known[p][kind]


class _Few:
    """x and its entries of one kind numbered 0..m-1 in position order, as a table for fill.py
    (which reads the length and the hashes): its arrays have m entries, not one per row of a
    table of a million."""

    def __init__(self, table: ActionTable, positions: np.ndarray) -> None:
        self.positions = np.unique(positions)
        self._hash = table.col("hash")[self.positions]

    def __len__(self) -> int:
        return len(self.positions)

    def col(self, name: str) -> np.ndarray:
        """The hashes (the only column fill.py reads; any other is an error)."""
        if name != "hash":
            raise KeyError(name)
        return self._hash

    def local(self, pairs: PairScores) -> PairScores:
        """The pairs with positions renumbered (order kept, so i < j stays i < j)."""
        out = pairs.take(np.arange(len(pairs)))
        out.i = np.searchsorted(self.positions, pairs.i)
        out.j = np.searchsorted(self.positions, pairs.j)
        return out

    def back(self, pairs: PairScores) -> PairScores:
        """The pairs with table positions again."""
        out = pairs.take(np.arange(len(pairs)))
        out.i, out.j = self.positions[pairs.i], self.positions[pairs.j]
        return out


class _Kind:
    """x's choice of one kind: the mutual pairs, the one-sided entries and what is known of
    those entries' quotas (True: places left)."""

    def __init__(
        self,
        x: int,
        mine: PairScores,
        kind: int,
        k: int,
        lists: _Lists,
        weak: tuple[float, int] | None = None,
    ) -> None:
        self.kind, self.k = kind, k
        self.weak = weak if kind == 1 and weak is not None and weak[1] < k else None
        firsts = first_k(mine, k)
        back = np.array([x in lists.of(p, kind) for p in firsts.j.tolist()], dtype=bool)
        self.mutual = firsts.take(back)
        self.one_sided = mine.take(~np.isin(mine.j, self.mutual.j))
        self.open: dict[int, bool] = {}
        self.result: PairScores | None = None
        # weak mutual pairs wait for the others (fill.fill_one): no answer before the fill
        weak_mutual = 0 if self.weak is None else int((self.mutual.tscore <= self.weak[0]).sum())
        if weak_mutual == 0 and (len(self.mutual) >= k or len(self.one_sided) == 0):
            self.result = self.mutual

    def trial(self, table: ActionTable, x: int) -> list[int]:
        """Run the fill with unknown quotas taken as open; the unknown entries it took (none:
        `result` is the answer)."""
        few = _Few(table, np.r_[x, self.mutual.j, self.one_sided.j])
        degree = np.zeros(len(few) + 1, dtype=np.int64)
        where = dict(zip(few.positions.tolist(), range(len(few)), strict=True))
        for p, has_room in self.open.items():
            degree[where[p]] = 0 if has_room else self.k
        mutual, one_sided = few.local(self.mutual), few.local(self.one_sided)
        # fill reads only the length and the hashes of what it is given as the table
        got = fill_one(
            few,  # type: ignore[arg-type]
            where[x],
            mutual,
            one_sided,
            self.k,
            BY[self.kind],
            degree,
            self.weak,
        )
        got = few.back(got)
        mutual_j = set(self.mutual.j.tolist())
        taken = [p for p in np.where(got.i == x, got.j, got.i).tolist() if p not in mutual_j]
        unknown = [p for p in taken if p not in self.open]
        if not unknown:
            self.result = got
        return unknown

    def members(self, x: int, p: int, lists: _Lists) -> list[int]:
        """The others on p's list whose lists decide p's quota (none: p has room anyway)."""
        others = [m for m in lists.of(p, self.kind) if m != x]
        if len(others) < self.k:
            self.open[p] = True
            return []
        return others

    def settle(self, p: int, others: list[int], lists: _Lists) -> None:
        """p has room unless every other on its list has p back."""
        self.open[p] = not all(p in lists.of(m, self.kind) for m in others)


def choose(
    table: ActionTable,
    x: int,
    mine: tuple[PairScores, PairScores],
    k: int,
    rank: RankLists,
    likely: Likely | None = None,
    weak: tuple[float, int] | None = None,
) -> list[PairScores]:
    """x's chosen pairs of each kind (region, target): mutual ones, then filled ones, from x's
    deep lists `mine`; `rank` gives stored actions' lists (with x in the table). `likely`,
    when given, names the stored actions whose lists are probably asked next after those of
    given ones (their members): ranked in the same call, which saves a call per round (the
    lists do not depend on which others are ranked with them)."""
    lists = _Lists(rank)
    lists.ensure(np.concatenate([first_k(m, k).j for m in mine]).tolist())
    kinds = [_Kind(x, m, kind, k, lists, weak) for kind, m in enumerate(mine)]
    while True:
        asked = {kind.kind: kind.trial(table, x) for kind in kinds if kind.result is None}
        asked = {kind: ps for kind, ps in asked.items() if ps}
        if not asked:
            break
        hints = [m for kind, ps in asked.items() for m in likely(ps, kind)] if likely else []
        lists.ensure([p for ps in asked.values() for p in ps], hints)
        members = {
            (kind, p): kinds[kind].members(x, p, lists) for kind, ps in asked.items() for p in ps
        }
        lists.ensure([m for ms in members.values() for m in ms])
        for (kind, p), others in members.items():
            if others:
                kinds[kind].settle(p, others, lists)
    chosen = [kind.result for kind in kinds]
    assert all(c is not None for c in chosen)  # every kind's last trial set its result
    return chosen  # type: ignore[return-value]
