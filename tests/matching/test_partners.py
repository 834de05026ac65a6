"""One new action's choice (partners.choose) against the same rule with every stored action's
lists ranked: only the partners' lists the fill reaches are ranked, with the same answer."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.matching import DEFAULT_SETTINGS, MatchIndex, MatchSettings
from matcher.matching.fill import fill_one
from matcher.matching.partners import by_position, choose
from matcher.matching.scoring import PairScores, first_k
from tests.matching.test_fast_path import _rows

NONE = np.zeros(0, np.int64)
#: a quota of one tie at or below "same agency component" per action: the rule index.py
#: passes for the weakest ties (`tier_agency`), with a cut this data's lists reach often
WEAK = (DEFAULT_SETTINGS.tier_component + 1e-9, 1)


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    rows = _rows(1600, seed=11)
    return MatchIndex(rows[:1500], settings=MatchSettings(exhaustive_below=0, exact_below=0))


def _every_list(
    index: MatchIndex, x: int, mine: tuple, k: int, weak: tuple[float, int] | None
) -> tuple[list[PairScores], int]:
    """The rule with all lists at hand: mutual, then the fill with each one-sided partner's
    quota counted from its list's others that list it back (fill.fill_one, `weak` on the
    target lists); and how many quotas were full."""
    stored = np.flatnonzero(index.table.col("active"))
    lists = index.top_k(stored[stored != x], k, NONE)
    chosen, full = [], 0
    for kind, (deep, by) in enumerate(zip(mine, ("rscore", "tscore"), strict=True)):
        own = lists[kind]
        has = set(zip(own.i.tolist(), own.j.tolist(), strict=True))
        firsts = first_k(deep, k)
        mutual = firsts.take(np.array([(p, x) in has for p in firsts.j.tolist()], dtype=bool))
        one_sided = deep.take(~np.isin(deep.j, mutual.j))
        degree = np.zeros(len(index.table) + 1, dtype=np.int64)
        for p in one_sided.j.tolist():
            others = [m for m in own.j[own.i == p].tolist() if m != x]
            degree[p] = k if sum((m, p) in has for m in others) >= k else 0
            full += degree[p] >= k
        rule = weak if kind == 1 else None
        chosen.append(fill_one(index.table, x, mutual, one_sided, k, by, degree, rule))
    return chosen, full


@pytest.mark.parametrize("weak", [None, WEAK])
@pytest.mark.parametrize("k", [2, 5])
def test_choose_equals_the_rule_with_every_list(
    index: MatchIndex, k: int, weak: tuple[float, int] | None
) -> None:
    rows = _rows(1600, seed=11)[1500:]
    full = weak_entries = 0
    for row in rows[:40]:
        n_before, state = len(index.table), index.targets.checkpoint()
        index.table.extend([row])
        try:
            x = index.table.pos_of[row.id]
            mine = index.top_k(np.array([x]), k, NONE, 2 * k)
            got = choose(
                index.table,
                x,
                mine,
                k,
                lambda ps: by_position(ps, index.top_k(ps, k, NONE)),
                weak=weak,
            )
            want, n_full = _every_list(index, x, mine, k, weak)
            weak_entries += int((mine[1].tscore <= WEAK[0]).sum())
            full += n_full
        finally:
            index.table.truncate(n_before)
            index.targets.rollback(state)
        for g, w in zip(got, want, strict=True):
            assert sorted(zip(g.i.tolist(), g.j.tolist(), g.score.tolist(), strict=True)) == sorted(
                zip(w.i.tolist(), w.j.tolist(), w.score.tolist(), strict=True)
            )
    assert full  # some one-sided partners had no place left: the quotas were tested
    assert weak is None or weak_entries  # some target lists held ties under the cut
