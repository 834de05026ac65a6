"""A coordinator's saved filters of the review queue: save one under a name, delete one."""

from __future__ import annotations

from urllib.parse import urlencode

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Coordinator, SavedFilter
from matcher.operations import OperationError, audit

# The query arguments of the queue a saved filter keeps (nothing else: no cursor, no page).
FILTER_ARGUMENTS = ("q", "state", "region", "target_type", "kind", "status")


def filter_query(args: dict[str, str]) -> str:
    """The queue's filter arguments of `args` as a query string (empty values left out)."""
    kept = [
        (name, args[name].strip()) for name in FILTER_ARGUMENTS if (args.get(name) or "").strip()
    ]
    return urlencode(kept)[:600]


def save_filter(by: Coordinator, name: str, args: dict[str, str]) -> SavedFilter:
    """Save the queue's current filters under `name` (a name used again is replaced)."""
    name = " ".join(name.split())
    if not name:
        raise OperationError({"name": str(_l("Give the filter a name."))})
    if len(name) > 80:
        raise OperationError({"name": str(_l("Use at most %(n)d characters.", n=80))})
    query = filter_query(args)
    if not query:
        raise OperationError({"name": str(_l("Choose at least one filter to save."))})
    saved = db.session.scalar(
        select(SavedFilter).where(SavedFilter.coordinator_id == by.id, SavedFilter.name == name)
    )
    if saved is None:
        saved = SavedFilter(coordinator_id=by.id, name=name)
        db.session.add(saved)
    saved.query = query
    db.session.flush()
    audit.record(
        "save_filter", "saved_filter", saved.id, actor_kind="coordinator", coordinator_id=by.id
    )
    return saved


def delete_filter(by: Coordinator, saved: SavedFilter) -> None:
    """Delete one of the coordinator's own saved filters."""
    if saved.coordinator_id != by.id:
        raise OperationError({"name": str(_l("This filter is someone else's."))})
    audit.record(
        "delete_filter", "saved_filter", saved.id, actor_kind="coordinator", coordinator_id=by.id
    )
    db.session.delete(saved)
    db.session.flush()
