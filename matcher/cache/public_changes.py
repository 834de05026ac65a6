"""Notice changes to what the public sees: bump the public cache's version, and count them
in the database.

Session events watch every unit of work, whichever operation, command or task makes it: a
published and listed action that is added, edited, geocoded, withdrawn, removed or deleted (or an
action that becomes public), any change to the regions, and ORM bulk statements on either table.
The cache's version is bumped when such a change is flushed (so the same transaction reads fresh
pages) and again after the commit (so a page rendered from the old data by a concurrent request
while the transaction was open is stale too). The database's count (`public_data_version`) goes
up in the same transaction as the change, at its end, so a process that did not see it, such as
another gunicorn worker with a cache in its own memory, learns of it with one query
(`public_data_version()`). Changes to pending actions (new submissions) bump nothing, so a flood
of submissions cannot empty the cache.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import ORMExecuteState, Session

from matcher.cache.stores import STORE_KEY
from matcher.models import Action, ActionStatus, PublicDataVersion, Region
from matcher.models.public_data import VERSION_ROW

CHANGED = "public_data_changed"
UNCOUNTED = "public_data_uncounted"


def bump_public_version() -> None:
    """Make every cached public response stale (no-op without an app or a cache)."""
    if has_app_context():
        store = current_app.extensions.get(STORE_KEY)
        if store is not None:
            store.bump()


def _old_value(action: Action, name: str) -> Any:
    history = inspect(action).attrs[name].history
    return history.deleted[0] if history.deleted else getattr(action, name)


def was_public(action: Action) -> bool:
    """Whether the action was public before the pending changes to it."""
    return (
        _old_value(action, "status") == ActionStatus.published
        and _old_value(action, "listed_publicly") is True
    )


def touches_public_data(session: Session) -> bool:
    """Whether the session's pending changes alter what public pages show."""
    for obj in session.new:
        if isinstance(obj, Region) or (isinstance(obj, Action) and obj.is_public):
            return True
    for obj in session.deleted:
        if isinstance(obj, Region) or (isinstance(obj, Action) and was_public(obj)):
            return True
    for obj in session.dirty:
        if isinstance(obj, Region) and session.is_modified(obj):
            return True
        if (
            isinstance(obj, Action)
            and session.is_modified(obj)
            and (obj.is_public or was_public(obj))
        ):
            return True
    return False


def public_data_version(session: Session) -> int:
    """How many transactions changing public data the database has counted."""
    query = select(PublicDataVersion.version).where(PublicDataVersion.id == VERSION_ROW)
    return session.scalar(query) or 0


def _changed(session: Session) -> None:
    session.info[CHANGED] = True
    session.info[UNCOUNTED] = True
    bump_public_version()


def _before_commit(session: Session) -> None:
    """Count the transaction's public changes in the database, as its last statement.

    The count's row is locked from that UPDATE to the COMMIT, so concurrent changes are
    counted one after another; taking it last, when the transaction takes no other lock after
    it, means two transactions can never wait on each other (no deadlock). Flushing first
    makes the pending changes known.
    """
    if session.in_nested_transaction():
        return
    session.flush()
    if session.info.pop(UNCOUNTED, False):
        session.connection().execute(
            update(PublicDataVersion)
            .where(PublicDataVersion.id == VERSION_ROW)
            .values(version=PublicDataVersion.version + 1)
        )


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if touches_public_data(session):
        _changed(session)


def _on_orm_execute(state: ORMExecuteState) -> None:
    if state.is_update or state.is_delete or state.is_insert:
        mapper = state.bind_mapper
        if mapper is not None and mapper.class_ in (Action, Region):
            _changed(state.session)


def changed_in_bulk(session: Session) -> None:
    """Count a change to public data made by set-based SQL (which no ORM event sees)."""
    _changed(session)


def _after_commit(session: Session) -> None:
    if session.info.pop(CHANGED, False):
        bump_public_version()


def _after_rollback(session: Session) -> None:
    session.info.pop(CHANGED, None)
    session.info.pop(UNCOUNTED, None)


def register() -> None:
    """Listen on every session (once per process, whatever the number of apps)."""
    listeners = (
        ("before_flush", _before_flush),
        ("do_orm_execute", _on_orm_execute),
        ("before_commit", _before_commit),
        ("after_commit", _after_commit),
        ("after_rollback", _after_rollback),
    )
    for name, listener in listeners:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
