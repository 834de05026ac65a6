"""Kept lists (kept_lists.py): the stored actions' lists an index keeps across queries are the
lists ranking them again would give, with a new action in the table, after rows are added and
when the exclusions change."""

from __future__ import annotations

import numpy as np
import pytest

from bench.matching.synth import generate
from matcher.matching import ActionRow, MatchIndex
from matcher.matching.partners import by_position
from matcher.matching.scoring import PairScores, excluded_keys

N = 9000


@pytest.fixture(scope="module")
def rows() -> list[ActionRow]:
    return generate(N + 60, seed=21)


def _asked(index: MatchIndex, x: int, k: int, excluded: np.ndarray) -> np.ndarray:
    """What a query of x asks for: its deep lists' partners and the others on their lists."""
    near, far = index.top_k(np.array([x]), k, excluded, 2 * k)
    partners = np.unique(np.r_[near.j, far.j])
    lists = by_position(partners, index.top_k(partners, k, excluded))
    others = [m for both in lists.values() for kind in both for m in kind if m != x]
    return np.union1d(partners, np.asarray(others, dtype=np.int64))


def _check(index: MatchIndex, row: ActionRow, k: int, exclude: set) -> dict:
    """The kept lists of everything x's query asks for against ranking them again (returned,
    x at position n)."""
    n, state = len(index.table), index.targets.checkpoint()
    index.table.extend([row])
    try:
        excluded = excluded_keys(index.table, exclude)
        asked = _asked(index, n, k, excluded)
        got = index.stored_lists(asked, k, excluded, n)
        assert got == by_position(asked, index.top_k(asked, k, excluded))
        return got
    finally:
        index.table.truncate(n)
        index.targets.rollback(state)


@pytest.mark.parametrize("k", [1, 3, 5])
def test_kept_lists_are_the_lists_ranked_again(rows: list[ActionRow], k: int) -> None:
    index = MatchIndex(rows[:N])
    index.prepare(k)
    with_x = 0
    for row in rows[N : N + 40]:
        n = len(index.table)
        with_x += sum(n in near or n in far for near, far in _check(index, row, k, set()).values())
    counts = index.kept_counts()
    assert with_x > 0 and counts["merged"] > 0
    # most lists come from what the index kept, not from ranking them again
    assert counts["again"] < 0.1 * (counts["kept"] + counts["merged"])


def test_kept_lists_follow_added_rows_and_exclusions(rows: list[ActionRow]) -> None:
    index = MatchIndex(rows[:N])
    index.prepare(5)
    exclude: set[tuple[int, int]] = set()
    for step, row in enumerate(rows[N : N + 48]):
        if step % 4 == 3:
            index.add(row)  # a permanent row: every kept list must still hold with it
            continue
        n = len(index.table)
        got = _check(index, row, 5, exclude)
        # exclude pairs on the lists just asked for (the next query's are near), and later
        # drop half of them again
        ids = [r.id for r in index.table.rows]
        for p, (near, far) in list(got.items())[::3]:
            exclude |= {(ids[p], ids[m]) for m in (near[:1] + far[:1]) if m < n}
        if step % 8 == 6:
            exclude = set(sorted(exclude)[::2])
    assert index.kept_counts()["kept"] > 0


def _strict(lists: PairScores) -> PairScores:
    """The lists with every entry a same-facility tie next door: no related unit reaches it."""
    out = lists.take(np.arange(len(lists)))
    out.rscore, out.tscore, out.dist_km = np.ones(len(out)), np.ones(len(out)), np.zeros(len(out))
    return out


def test_still_fetched_says_which_fetched_partners_the_fetch_brings(rows: list) -> None:
    index = MatchIndex(rows[:N])
    empty = np.zeros(0, np.int64)
    q = np.flatnonzero(index.table.col("active"))[:3000]
    lists, phase = index.ranked(q, 5, empty)
    n = np.int64(len(index.table) + 1)
    on_phase = np.concatenate([p.i * n + p.j for p in phase])
    final = np.unique(np.concatenate([f.i * n + f.j for f in lists]))
    fetched = final[~np.isin(final, on_phase)]  # on a list only through the fetch
    ps, members = fetched // n, fetched % n
    assert ps.size > 20
    still = index.candidates.still_fetched(index.table, ps, members, *phase, 5)
    assert still.all()
    strict = [_strict(p) for p in phase]
    assert (~index.candidates.still_fetched(index.table, ps, members, *strict, 5)).mean() > 0.25


def test_a_list_only_the_fetch_brings_is_kept(rows: list) -> None:
    index = MatchIndex(rows[:N])
    empty, n = np.zeros(0, np.int64), len(index.table)
    q = np.flatnonzero(index.table.col("active"))[:3000]
    lists, phase = index.ranked(q, 5, empty)
    in_phase = np.concatenate([p.i for p in phase])
    lone = np.setdiff1d(np.concatenate([f.i for f in lists]), in_phase)[:3]
    assert lone.size
    want = by_position(lone, index.top_k(lone, 5, empty))
    for p in lone.tolist():  # each alone: a ranking call with nothing in phase A
        assert index.stored_lists(np.array([p]), 5, empty, n) == {p: want[p]}
    assert index.stored_lists(lone, 5, empty, n) == want
    assert index.kept_counts()["kept"] == len(lone)


def test_prepared_in_slices_as_prepare(rows: list[ActionRow]) -> None:
    """`prepare_some` keeps the same lists as `prepare`, a slice per call, and says how many
    are left; the queries after it rank no stored list again."""
    whole, sliced = MatchIndex(rows[:N]), MatchIndex(rows[:N])
    whole.prepare(5)
    active = int(sliced.table.col("active").sum())
    lefts = []
    while not lefts or lefts[-1]:
        lefts.append(sliced.prepare_some(5, 2000))
    assert lefts[0] == active - 2000 and len(lefts) == -(-active // 2000)
    a, b = whole._kept[5], sliced._kept[5]
    valid = np.flatnonzero(a.valid)
    assert np.array_equal(valid, np.flatnonzero(b.valid[: a.size]))
    for name in ("j", "value", "fetched", "kth", "kth_j", "before_kth", "phase_size"):
        assert np.array_equal(getattr(a, name)[valid], getattr(b, name)[valid]), name
    for row in rows[N : N + 20]:
        got = [(s.a, s.b, s.score) for s in sliced.suggest_for(row, 5)]
        assert got == [(s.a, s.b, s.score) for s in whole.suggest_for(row, 5)]
    assert sliced.kept_counts()["again"] == 0 and sliced.kept_counts()["kept"] > 0
