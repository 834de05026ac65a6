"""The incremental matcher's index of the published, upcoming actions, kept in the process
between jobs (with `MATCH_INDEX_CACHE`) so that publishing one action does not read and index
every other one again.

Before each use the index catches up with the database: it reads only the actions changed
since its newest change (`updated_at`, indexed; with an overlap for transactions that commit
late), adds the newly published ones, and is built again from scratch when an action it holds
changed what the matcher sees, stopped being published or upcoming, or was deleted (the audit
log's `delete` entries), and each new day. So its answers are those of an index built from the
database at that moment.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.matching import MatchIndex
from matcher.models import Action, ActionStatus, AuditEntry
from matcher.operations.match_rows import FEW, published_rows, rows_where

KEY = "matcher.match_index"
OVERLAP = timedelta(minutes=2)
_lock = threading.Lock()


@dataclass
class _Kept:
    index: MatchIndex
    today: date
    newest: datetime | None  # the newest `updated_at` the index has seen


def _newest() -> datetime | None:
    return db.session.scalar(select(func.max(Action.updated_at)))


def _build(today: date) -> _Kept:
    newest = _newest()
    return _Kept(MatchIndex(published_rows(today), today=today), today, newest)


def _catch_up(kept: _Kept) -> bool:
    """Bring the index up to date; False when it must be built again."""
    newest = _newest()
    if kept.newest is None or newest is None:
        return newest is None and kept.newest is None
    since = kept.newest - OVERLAP
    index = kept.index
    deleted = select(AuditEntry.subject_id).where(
        AuditEntry.verb == "delete",
        AuditEntry.subject_type == "action",
        AuditEntry.created_at > since,
    )
    if any(action_id in index for action_id in db.session.scalars(deleted)):
        return False
    # Only the indexed column in the condition, so the database reads that index alone.
    changed = select(Action.id, Action.status, Action.date).where(Action.updated_at > since)
    fresh: list[int] = []
    for action_id, status, day in db.session.execute(changed):
        if status == ActionStatus.published and day >= kept.today:
            fresh.append(action_id)
        elif action_id in index:
            return False  # no longer published or upcoming
    if len(fresh) > FEW:
        return False  # a bulk change: building again costs less than comparing
    for row in rows_where(Action.id.in_(fresh)) if fresh else ():
        if row.id not in index:
            index.add(row)
        elif index.table.rows[index.table.pos_of[row.id]] != row:
            return False
    kept.newest = max(kept.newest, newest)
    return True


def current_index(today: date, *, leave_out: int | None = None) -> MatchIndex:
    """An index of the published actions dated `today` or later, as the database holds them
    now. Without `MATCH_INDEX_CACHE`, a new one each time, without the action `leave_out`."""
    if not current_app.config.get("MATCH_INDEX_CACHE"):
        rows = [row for row in published_rows(today) if row.id != leave_out]
        return MatchIndex(rows, today=today)
    with _lock:
        kept = current_app.extensions.get(KEY)
        if kept is None or kept.today != today or not _catch_up(kept):
            kept = _build(today)
            current_app.extensions[KEY] = kept
        return kept.index


def forget_index() -> None:
    """Drop the kept index (the next use builds it again)."""
    current_app.extensions.pop(KEY, None)
