"""`choose` ranking the kept members of the entries it asks about in the same call
(index.MEMBERS_AHEAD, partners.py's `likely`): the same answers with fewer stored-list calls."""

from __future__ import annotations

import pytest

import matcher.matching.index as index_module
from bench.matching.synth import generate
from matcher.matching import ActionRow, MatchIndex

N = 9000


@pytest.fixture(scope="module")
def rows() -> list[ActionRow]:
    return generate(N + 40, seed=23)


@pytest.mark.parametrize("prepared", [True, False])
def test_new_actions_answer_the_same_in_fewer_calls(
    rows: list[ActionRow], prepared: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers, calls = [], []
    for ahead in (False, True):
        monkeypatch.setattr(index_module, "MEMBERS_AHEAD", ahead)
        index = MatchIndex(rows[:N])
        if prepared:
            index.prepare(5)
        asked = []
        stored_lists = index.stored_lists

        def counted(positions, *args, asked=asked, stored_lists=stored_lists):
            asked.append(len(positions))
            return stored_lists(positions, *args)

        monkeypatch.setattr(index, "stored_lists", counted)
        answers.append(
            [
                [(s.a, s.b, s.score, tuple(s.kinds), repr(s.why)) for s in index.suggest_for(r, 5)]
                for r in rows[N:]
            ]
        )
        calls.append(len(asked))
    assert answers[0] == answers[1]
    assert sum(len(a) for a in answers[1]) > 100
    assert calls[1] < calls[0]  # some rounds' members come with their entries
