"""The fast path's shortcuts change no answer: caps on fetched members, the balls around units,
the prefilter of large rankings (bench/matching/same_answers.py compares whole checkouts)."""

from __future__ import annotations

import numpy as np
import pytest

from bench.matching.synth import generate
from matcher.matching import MatchIndex, MatchSettings, suggest
from matcher.matching.candidates import CandidateIndex
from matcher.matching.scoring import PairScores, excluded_keys, rank_key, rank_top_k, score_pairs


@pytest.fixture(scope="module")
def rows() -> list:
    return generate(6000, seed=3)


def _lists(index: MatchIndex, k: int = 5) -> list[tuple]:
    excluded = excluded_keys(index.table, ())
    active = np.flatnonzero(index.table.col("active"))
    out = []
    for kind in index.top_k(active, k, excluded):
        out.append(tuple(zip(kind.i.tolist(), kind.j.tolist(), kind.score.tolist(), strict=True)))
    return out


def test_caps_change_no_list(rows: list, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = MatchSettings(exhaustive_below=0)
    original, finite = CandidateIndex.caps, []

    def recording(self, table, d, near, far, k):
        out = original(self, table, d, near, far, k)
        finite.append(0 if out.cap is None else int(np.isfinite(out.cap).sum()))
        return out

    monkeypatch.setattr(CandidateIndex, "caps", recording)
    capped = _lists(MatchIndex(rows, settings=settings))
    assert sum(finite) > 1000  # the caps did prune
    monkeypatch.setattr(CandidateIndex, "caps", lambda self, table, d, near, far, k: d)
    plain = _lists(MatchIndex(rows, settings=settings))
    assert capped == plain
    assert sum(len(kind) for kind in plain) > 1000


def test_caps_change_no_suggestion(rows: list, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = MatchSettings(exhaustive_below=0)
    capped = suggest(rows, settings=settings)
    monkeypatch.setattr(CandidateIndex, "caps", lambda self, table, d, near, far, k: d)
    plain = suggest(rows, settings=settings)
    assert [(s.a, s.b, s.score, s.kinds, s.why, s.features) for s in capped] == [
        (s.a, s.b, s.score, s.kinds, s.why, s.features) for s in plain
    ]


def test_large_ranking_prefilter_is_exact(rows: list) -> None:
    index = MatchIndex(rows[:1200])
    table = index.table
    n = len(table)
    ii, jj = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)  # every pair, both ways
    pairs = score_pairs(table, index.settings, ii, jj, excluded_keys(table, ()))
    assert len(pairs) > 32_768  # large enough for the prefilter
    for by in ("rscore", "tscore", "score"):
        got = rank_top_k(table, pairs, 3, by)
        order = rank_key(table, pairs, by)  # the full sort, no prefilter
        owner = pairs.i[order]
        rank = np.arange(len(order)) - np.searchsorted(owner, owner)
        want: PairScores = pairs.take(order[rank < 3])
        assert got.i.tolist() == want.i.tolist() and got.j.tolist() == want.j.tolist()
