"""Matching again rewrites only the pairs that changed: an unchanged pair keeps its row (same
`updated_at`, and on PostgreSQL the same physical row, `ctid`), a pair whose stored kinds, score,
reasons or features differ from the engine's is written again. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from sqlalchemy import select, text

from matcher.models import Suggestion, SuggestionStatus
from matcher.operations.imports import load_demo
from matcher.operations.matching import run_match
from matcher.operations.set_writes import dialect


def _stored(db) -> dict[int, tuple]:
    """Every suggestion's stored fields and row version, by id."""
    postgres = dialect() == "postgresql"
    version = "CAST(ctid AS text)" if postgres else "NULL"
    texts = "CAST(reasons AS text), CAST(features AS text)" if postgres else "reasons, features"
    sql = f"SELECT id, kinds, score, {texts}, status, updated_at, {version} FROM suggestions"  # noqa: S608
    return {row[0]: tuple(row[1:]) for row in db.session.execute(text(sql))}


def _matched(db) -> dict[int, tuple]:
    load_demo()
    db.commit()
    run_match()
    db.commit()
    before = _stored(db)
    assert sum(1 for row in before.values() if row[4] == "pending") > 3
    return before


def test_matching_again_rewrites_no_unchanged_pair(db):
    before = _matched(db)
    report = run_match()
    db.commit()
    assert report.superseded == 0
    assert _stored(db) == before  # the same updated_at and (PostgreSQL) the same ctid


def test_matching_again_updates_each_pair_whose_stored_fields_changed(db):
    before = _matched(db)
    ids = [id_ for id_, row in sorted(before.items()) if row[4] == "pending"][:3]
    changes = [
        "score = score + 0.5",
        "features = :features",  # only the features: the score and kinds unchanged
        "reasons = :reasons",  # only the reasons
    ]
    for id_, change in zip(ids, changes, strict=True):
        db.session.execute(
            text(f"UPDATE suggestions SET {change} WHERE id = :id"),  # noqa: S608
            {"id": id_, "features": json.dumps({"x": 1}), "reasons": json.dumps([{"code": "x"}])},
        )
    db.commit()
    run_match()
    db.commit()
    after = _stored(db)
    for id_ in ids:
        assert after[id_][:5] == before[id_][:5]  # the engine's values again
        assert after[id_][5] != before[id_][5]  # written again
    for id_ in set(before) - set(ids):
        assert after[id_] == before[id_]
    stored = db.session.scalars(select(Suggestion).where(Suggestion.id.in_(ids))).all()
    assert {s.status for s in stored} == {SuggestionStatus.pending}
