"""The publish job's region lookup kept with the match index answers as the database's box
read does: after a batch match, an action moved or given no region, new actions, and a
rewrite of the regions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update

from matcher.matching import DEFAULT_SETTINGS
from matcher.models import Action
from matcher.operations.imports import load_demo
from matcher.operations.match_index import current_index, forget_index, nearest_region
from matcher.operations.matching import refresh_regions, region_read, run_match
from matcher.operations.region_lookup import UNSURE, NearestRegions
from tests.support.helpers import make_action


@pytest.fixture
def kept(app, db):
    app.config["MATCH_INDEX_CACHE"] = True
    forget_index()
    load_demo()
    run_match()
    db.commit()
    yield
    forget_index()
    app.config["MATCH_INDEX_CACHE"] = False


def _same_answers(db) -> int:
    """Every located action's lookup answer is the database's; returns how many had one."""
    current_index(date.today())  # the catch-up a job runs first
    eps = DEFAULT_SETTINGS.cluster_eps_km
    located = db.session.scalars(select(Action).where(Action.latitude.is_not(None))).all()
    answered = 0
    for action in located:
        got = nearest_region(action.id, action.latitude, action.longitude, eps)
        assert got is not UNSURE
        assert got == region_read(action), action.title
        answered += got is not None
    return answered


def test_the_kept_lookup_answers_as_the_database(db, kept):
    assert nearest_region(1, 32.7, -117.1, 10.0) is UNSURE  # no index kept yet: ask
    assert _same_answers(db) > 0
    clustered = db.session.scalars(select(Action).where(Action.region_id.is_not(None))).all()
    moved, dropped = clustered[0], clustered[1]
    moved.latitude, moved.longitude = 47.61, -122.33  # to Seattle, keeping its region
    dropped.region_id = None
    db.commit()
    assert _same_answers(db) > 0
    make_action(db, place="Chula Vista, CA", title="New vigil", target="Otay Mesa")
    db.commit()
    assert _same_answers(db) > 0
    for k in range(4):  # far from every region: none until the regions are computed again
        make_action(db, place="Bakersfield, CA", title=f"Bakersfield {k}", target="Mesa Verde")
    db.commit()
    before = _same_answers(db)
    # (changed long ago: the catch-up's overlap does not read them again)
    db.session.execute(update(Action).values(updated_at=datetime(2020, 1, 1, tzinfo=UTC)))
    db.commit()
    refresh_regions()  # set-based: no action's updated_at changes, the regions' version does
    db.commit()
    assert _same_answers(db) > before


def test_the_lookup_asks_the_database_when_its_nearest_all_changed():
    rows = [(i, 40.0 + i * 1e-4, -105.0, 7) for i in range(1, 80)]
    lookup = NearestRegions(rows)
    assert lookup.nearest(0, 40.0, -105.0, 10.0) == 7
    lookup.update({i: (40.0 + i * 1e-4, -105.0, 7) for i in range(1, 80)})  # as it holds
    assert not lookup.changed
    lookup.update({i: (40.0, -105.0, None) for i in range(1, 70)})  # the 64 nearest lost theirs
    assert lookup.nearest(0, 40.0, -105.0, 10.0) is UNSURE
    lookup.update({5: (40.0, -105.0, 9)})
    assert lookup.nearest(0, 40.0, -105.0, 10.0) == 9  # a changed one nearer than the tree's
    assert lookup.nearest(0, 0.0, 0.0, 10.0) is None
