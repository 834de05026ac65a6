"""The joint tree of large units (joint_tree.py) gives the members the units' own trees give:
for random points and units, where equally near members make it unsure, and for the fetches
of one new action."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

import matcher.matching.units as units_module
from bench.matching.synth import generate
from matcher.matching import MatchIndex, MatchSettings
from matcher.matching.joint_tree import JointTree
from matcher.matching.scoring import first_k, rank_lists, score_pairs


def _unit_vectors(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.normal(size=(n, 3))
    return v / np.linalg.norm(v, axis=1)[:, None]


def test_nearest_is_each_units_own_tree_or_unsure() -> None:
    rng = np.random.default_rng(7)
    owner = np.sort(rng.integers(0, 30, 3000))
    points = _unit_vectors(rng, 3000)
    points[rng.integers(0, 3000, 600)] = points[rng.integers(0, 3000, 600)]  # equal places
    joint = JointTree(owner, points)
    queries = np.r_[points[rng.integers(0, 3000, 200)], _unit_vectors(rng, 200)]
    asked = rng.integers(0, 30, len(queries))
    want = rng.integers(1, 12, len(queries))
    cap = rng.choice([0.05, 0.3, 1.0, np.inf], len(queries))
    got = joint.nearest(queries, asked, want, cap)
    unsure = set(got.unsure.tolist())
    assert 0 < len(unsure) < len(queries) // 2
    for n in range(len(queries)):
        mine = np.flatnonzero(owner == asked[n])
        dd, idx = cKDTree(points[mine]).query(
            queries[n], k=[*range(1, min(want[n], len(mine)) + 1)], distance_upper_bound=cap[n]
        )
        expected = set(mine[idx[dd <= cap[n]]].tolist())
        found = set(got.members[got.rows == n].tolist())
        if n in unsure:
            assert not found
        else:
            assert found == expected


@pytest.fixture(scope="module")
def index() -> tuple[MatchIndex, list]:
    rows = generate(30000, seed=4)
    # few members per unit taken whole: most related units are large (a tree each)
    settings = MatchSettings(exhaustive_below=0, group_candidates=2)
    return MatchIndex(rows[:-200], settings=settings), rows[-200:]


def _fetched(built: MatchIndex, deferred: list, joint_from: int, monkeypatch) -> tuple:
    monkeypatch.setattr(units_module, "JOINT_FROM", joint_from)
    return built.candidates.fetch(built.table, deferred, 5)


def test_one_action_fetches_the_same_members(
    index: tuple[MatchIndex, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    built, new = index
    table, candidates = built.table, built.candidates
    excluded = np.zeros(0, dtype=np.int64)
    asked = 0
    for row in new:
        before, state = len(table), built.targets.checkpoint()
        table.extend([row])
        try:
            q = np.array([table.pos_of[row.id]])
            ii, jj, deferred = candidates.generate(table, q, 5)
            near, far = rank_lists(table, score_pairs(table, built.settings, ii, jj, excluded), 5)
            deferred = candidates.narrow(table, deferred, first_k(near, 5), first_k(far, 5), 5)
            joint = _fetched(built, deferred, 8, monkeypatch)
            plain = _fetched(built, deferred, 10**9, monkeypatch)
        finally:
            table.truncate(before)
            built.targets.rollback(state)
        assert all(np.array_equal(a, b) for a, b in zip(joint, plain, strict=True))
        asked += sum(int(d.q.size >= 8) for d in deferred)
    assert candidates.classes._joint is not None  # the joint tree answered some
    assert asked > 20


def test_random_queries_of_many_units_match_the_units_trees(
    index: tuple[MatchIndex, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    built, _ = index
    table = built.table
    rng = np.random.default_rng(3)
    for units in (built.candidates.classes, built.candidates.groups):
        large = np.unique(units.unit_ids[units.sizes > units.k] // 2)
        for trial in range(60):
            keys = rng.choice(large, size=min(len(large), int(rng.integers(8, 300))), replace=False)
            q = np.full(len(keys), int(rng.integers(0, len(table))))
            want = np.full(len(keys), int(rng.integers(1, 10)))
            cap = None if trial % 3 == 0 else np.full(len(keys), rng.choice([0.01, 0.05, np.inf]))
            found = []
            for joint_from in (8, 10**9):
                monkeypatch.setattr(units_module, "JOINT_FROM", joint_from)
                out_i, out_j = units.query(table, q, keys, want, cap)
                pairs = np.concatenate(out_i) * (len(table) + 1) + np.concatenate(out_j)
                found.append(np.unique(pairs))
            assert np.array_equal(*found)
