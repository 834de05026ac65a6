"""The cells of large units (cells.py) skip only trees that would find nobody: a capped query
of one new action fetches the same members with the filter as without."""

from __future__ import annotations

import numpy as np
import pytest

from bench.matching.synth import generate
from matcher.matching import MatchIndex, MatchSettings
from matcher.matching.cells import UnitCells
from matcher.matching.scoring import first_k, rank_lists, score_pairs
from matcher.matching.units import Units


def _unit_vectors(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.normal(size=(n, 3))
    return v / np.linalg.norm(v, axis=1)[:, None]


def test_near_never_misses_a_member_within_the_cap() -> None:
    rng = np.random.default_rng(5)
    centers = _unit_vectors(rng, 40)
    unit = rng.integers(0, 40, 4000)
    points = centers[unit] + rng.normal(scale=0.01, size=(4000, 3))
    points /= np.linalg.norm(points, axis=1)[:, None]
    cells = UnitCells(unit, points)
    queries = np.r_[points[rng.integers(0, 4000, 300)], _unit_vectors(rng, 300)]
    asked = rng.integers(0, 40, len(queries))
    caps = rng.choice([0.0, 0.001, 0.005, 0.02, 0.05, np.inf], len(queries))
    near = cells.near(queries, asked, caps)
    for n in range(len(queries)):
        mine = points[unit == asked[n]]
        within = (np.sqrt(((mine - queries[n]) ** 2).sum(1)) <= caps[n]).any()
        assert near[n] or not within
    assert (~near).sum() > 200  # it does rule units out
    assert near[np.isinf(caps)].all()


@pytest.fixture(scope="module")
def index() -> tuple[MatchIndex, list]:
    rows = generate(30000, seed=4)
    # few members per unit taken whole: most related units are large (a tree each)
    settings = MatchSettings(exhaustive_below=0, group_candidates=2)
    return MatchIndex(rows[:-200], settings=settings), rows[-200:]


def test_one_action_fetches_the_same_members(
    index: tuple[MatchIndex, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    built, new = index
    table, candidates = built.table, built.candidates
    original = Units._near_enough
    ruled_out = []

    def recording(self, xyz, q, at, cap):
        out = original(self, xyz, q, at, cap)
        ruled_out.append(int((~out).sum()))
        return out

    excluded = np.zeros(0, dtype=np.int64)
    for row in new:
        before, state = len(table), built.targets.checkpoint()
        table.extend([row])
        try:
            q = np.array([table.pos_of[row.id]])
            ii, jj, deferred = candidates.generate(table, q, 5)
            near, far = rank_lists(table, score_pairs(table, built.settings, ii, jj, excluded), 5)
            deferred = candidates.narrow(table, deferred, first_k(near, 5), first_k(far, 5), 5)
            monkeypatch.setattr(Units, "_near_enough", recording)
            filtered = candidates.fetch(table, deferred, 5)
            monkeypatch.setattr(
                Units, "_near_enough", lambda self, xyz, q, at, cap: np.ones(len(q), dtype=bool)
            )
            plain = candidates.fetch(table, deferred, 5)
        finally:
            table.truncate(before)
            built.targets.rollback(state)
        assert all(np.array_equal(a, b) for a, b in zip(filtered, plain, strict=True))
    assert sum(ruled_out) > 100  # the filter did skip trees
