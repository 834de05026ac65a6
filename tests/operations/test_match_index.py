"""The incremental matcher's index kept between jobs answers as an index built from the
database at that moment: after new actions, edits that change what the matcher sees, a
withdrawal and a deletion."""

from __future__ import annotations

from datetime import date

import numpy as np
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


def test_the_match_job_with_the_kept_index_reads_little(app, db, kept):
    """Publishing against the kept index costs a few statements, whatever the size: the
    changes, deletions and catalog's version in one, the new rows with their organizations in
    one, the excluded pairs in one, the upsert, the region (read and written) and the
    public-data count at the commit."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    first = make_action(db, place="Chula Vista, CA", title="Otay vigil", target="Otay Mesa")
    db.commit()
    match_action(first.id)  # builds the index
    second = make_action(db, place="San Diego, CA", title="Second vigil", target="Otay Mesa")
    db.commit()
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        if "SAVEPOINT" not in statement:  # the tests' own transaction, not the job's
            statements.append(" ".join(statement.split()))

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        stored = match_action(second.id)
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    assert stored > 0
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert sum("catalog_entries" in s for s in reads) == 1, reads
    assert len(statements) <= 7, statements


def test_rows_read_by_id_are_those_of_the_condition(db):
    from matcher.operations.match_rows import rows_by_id, rows_where
    from matcher.queries.catalog import facility_catalog

    load_demo()
    lone = make_action(db, place="Denver, CO", title="No organization", organizations="")
    db.commit()
    ids = [r.id for r in published_rows(date.today())]
    assert lone.id in ids and len(ids) > 3
    by_id = rows_by_id(ids, facility_catalog())
    assert by_id == rows_where(Action.id.in_(ids))
    assert any(row.organizations for row in by_id)
    assert next(r for r in by_id if r.id == lone.id).organizations == ()


def test_the_catch_up_reads_the_catalog_version_as_the_catalog_does(db):
    from datetime import timedelta

    from matcher.models import CatalogEntry, utcnow
    from matcher.operations.match_index import _changes
    from matcher.queries.catalog import catalog_version

    assert _changes(utcnow()).catalog == catalog_version() == (0, "")
    db.session.add(
        CatalogEntry(
            id="added-site",
            name="Added site",
            kind="temporary_site",
            state="CO",
            latitude=39.7,
            longitude=-105.0,
            source="https://example.org/news",
        )
    )
    db.session.flush()
    version = catalog_version()
    assert version[0] == 1 and version[1]
    assert _changes(utcnow() + timedelta(days=1)).catalog == version


def test_a_bulk_write_the_index_already_holds_is_read_once(app, db, kept):
    """A batch match stamps every action it writes; inside the catch-up's overlap those rows
    come back at every job. Once compared, the index knows that version: the next catch-up
    reads only the changes (before, it read and compared them all again at every job, and
    built the index again at every job when more than a few hundred)."""
    from sqlalchemy import event, update
    from sqlalchemy.engine import Engine

    from matcher.models import utcnow

    today = date.today()
    built = current_index(today)
    db.session.execute(update(Action).values(updated_at=utcnow()))  # as a batch's writes
    db.commit()
    assert current_index(today) is built  # the same rows: compared, kept
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        if "SAVEPOINT" not in statement:
            statements.append(statement)

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        assert current_index(today) is built
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    assert len(statements) == 1, statements  # the changes since, nothing read again


def test_the_kept_index_is_prepared_beside_and_stops_when_dropped(app, db, kept):
    """With `MATCH_INDEX_PREPARE` a thread prepares the kept index's lists (here the demo's
    index answers exactly, so it has nothing to keep and ends); the answers stay those of a
    fresh index, and an index built again stops the old one's thread."""
    app.config["MATCH_INDEX_PREPARE"] = True
    try:
        first = make_action(db, place="Chula Vista, CA", title="Otay vigil", target="Otay Mesa")
        db.commit()
        assert _answers(first)
        held = app.extensions["matcher.match_index"]
        assert held.preparing is not None
        held.preparing.join(timeout=30)
        assert not held.preparing.is_alive() and not held.stop.is_set()
        first.intro_region = False  # built again: the old index's thread is told to stop
        db.commit()
        assert _answers(first) is not None
        assert held.stop.is_set()
        again = app.extensions["matcher.match_index"]
        assert again is not held and again.preparing is not None
    finally:
        app.config["MATCH_INDEX_PREPARE"] = False


def test_the_prepared_lists_give_the_same_answers(app, db, kept, monkeypatch):
    """On the fast path (forced here: the demo is small), the thread keeps every stored list
    and a publish answers from them as a fresh index does."""
    monkeypatch.setattr(MatchIndex, "_exact", lambda self: False)
    app.config["MATCH_INDEX_PREPARE"] = True
    try:
        first = make_action(db, place="Chula Vista, CA", title="Otay vigil", target="Otay Mesa")
        db.commit()
        index = current_index(date.today(), leave_out=first.id)
        held = app.extensions["matcher.match_index"]
        held.preparing.join(timeout=60)
        assert not held.preparing.is_alive()
        active = np.flatnonzero(index.table.col("active"))
        assert index._kept[5].valid[active].all()  # every active stored action's lists
        assert _answers(first)
        counts = index.kept_counts()
        assert counts["again"] == 0 and counts["kept"] + counts["merged"] > 0
        thread = held.preparing
        assert current_index(date.today(), leave_out=first.id) is index
        assert held.preparing is thread  # done, nothing dropped: not started again
        index.rebuild()  # (as `add` does every `rebuild_after` adds): the kept lists go
        assert current_index(date.today(), leave_out=first.id) is index
        assert held.preparing is not thread
        held.preparing.join(timeout=60)
        assert index._kept[5].valid[active].all()
    finally:
        app.config["MATCH_INDEX_PREPARE"] = False
