"""The incremental matcher's index kept between jobs answers as an index built from the
database at that moment: after new actions, edits that change what the matcher sees, a
withdrawal and a deletion."""

from __future__ import annotations

from datetime import date

import pytest

from matcher.matching import MatchIndex
from matcher.models import Action, ActionStatus
from matcher.operations.imports import load_demo
from matcher.operations.manage import delete_action
from matcher.operations.match_index import current_index, forget_index
from matcher.operations.match_rows import action_row, published_rows
from matcher.operations.matching import excluded_pairs, match_action
from tests.support.helpers import make_action


@pytest.fixture
def kept(app, db):
    app.config["MATCH_INDEX_CACHE"] = True
    forget_index_in(app)
    load_demo()
    db.commit()
    yield
    forget_index_in(app)
    app.config["MATCH_INDEX_CACHE"] = False


def forget_index_in(app):
    with app.app_context():
        forget_index()


def _answers(action: Action) -> list[tuple]:
    today = date.today()
    row = action_row(action)
    kept_index = current_index(today, leave_out=action.id)
    fresh = MatchIndex([r for r in published_rows(today) if r.id != action.id], today=today)
    exclude = excluded_pairs()
    got = [(s.a, s.b, round(s.score, 9)) for s in kept_index.suggest_for(row, 5, exclude)]
    want = [(s.a, s.b, round(s.score, 9)) for s in fresh.suggest_for(row, 5, exclude)]
    assert got == want
    return got


def test_the_kept_index_follows_the_database(db, kept):
    first = make_action(db, place="Chula Vista, CA", title="Otay vigil", target="Otay Mesa")
    db.commit()
    built = current_index(date.today())
    assert _answers(first)
    second = make_action(db, place="San Diego, CA", title="Second vigil", target="Otay Mesa")
    db.commit()
    assert _answers(second)
    assert current_index(date.today()) is built  # new actions are added, not rebuilt
    assert second.id in built
    first.intro_region = False  # what the matcher sees changes: built again
    db.commit()
    assert _answers(second)
    assert current_index(date.today()) is not built
    rebuilt = current_index(date.today())
    first.status = ActionStatus.withdrawn
    db.commit()
    assert _answers(second) is not None
    assert first.id not in current_index(date.today())
    assert current_index(date.today()) is not rebuilt
    third = make_action(db, place="Tijuana border, San Ysidro, CA", title="Third", target="CBP")
    db.commit()
    _answers(third)
    delete_action(db.session.get(Action, second.id))
    db.commit()
    _answers(third)
    assert second.id not in current_index(date.today())


def test_the_match_job_stores_the_same_suggestions_with_the_kept_index(app, db, kept):
    new = make_action(db, place="Chula Vista, CA", title="Otay vigil", target="Otay Mesa")
    db.commit()
    stored = match_action(new.id)
    app.config["MATCH_INDEX_CACHE"] = False
    again = match_action(new.id)
    assert stored == again > 0
