"""OSDI events (opensupporter/osdi-docs): the collection a syncing client pages through, and
one event by its id.

Published, listed actions are `confirmed` events with their public fields only; an action that
was published and then withdrawn, removed or unlisted stays in the collection as a `cancelled` event
(its identifiers and dates only, nothing it said) for `OSDI_CANCELLED_DAYS`, so a client that
synced it learns that it is off. The OData `filter` parameter accepts comparisons of
`modified_date` or `created_date` with a quoted datetime, joined by `and`
(`modified_date gt '2027-10-01T00:00:00Z'`), which is what incremental sync needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import defer

from matcher.extensions import db
from matcher.models import Action, ActionStatus, utcnow
from matcher.queries.listing import CONTACT_COLUMNS, ActionFilter, public_query

CANCELLED_STATUSES = (ActionStatus.withdrawn, ActionStatus.removed)
_FIELDS = {"modified_date": Action.updated_at, "created_date": Action.created_at}
_OPERATORS = {
    "eq": "__eq__",
    "ne": "__ne__",
    "gt": "__gt__",
    "ge": "__ge__",
    "lt": "__lt__",
    "le": "__le__",
}
_COMPARISON = re.compile(
    r"^\s*(?P<field>[a-z_]+)\s+(?P<op>eq|ne|gt|ge|lt|le)\s+'(?P<value>[^']{1,40})'\s*$"
)


class FilterError(ValueError):
    """An OData filter this server does not understand (the message says why)."""


@dataclass(frozen=True)
class Comparison:
    """One `<field> <op> '<datetime>'` of an OData filter."""

    field: str
    op: str
    value: datetime


def parse_filter(text: str) -> list[Comparison]:
    """The comparisons of an OData `filter` string (`and` only); FilterError otherwise."""
    if len(text) > 500:
        raise FilterError("The filter is too long.")
    comparisons = []
    for part in re.split(r"\s+and\s+", text.strip(), flags=re.IGNORECASE):
        match = _COMPARISON.match(part)
        if match is None:
            raise FilterError(
                "Use comparisons of modified_date or created_date with a quoted date and time, "
                "joined by 'and': modified_date gt '2027-10-01T00:00:00Z'."
            )
        if match["field"] not in _FIELDS:
            raise FilterError(
                f"Cannot filter on {match['field']}: only modified_date and created_date."
            )
        try:
            value = datetime.fromisoformat(match["value"].replace("Z", "+00:00"))
        except ValueError as exc:
            raise FilterError(f"Not a date and time: {match['value']}") from exc
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        comparisons.append(Comparison(match["field"], match["op"], value.astimezone(UTC)))
    return comparisons


def _where(comparisons: list[Comparison]) -> list:
    return [getattr(_FIELDS[c.field], _OPERATORS[c.op])(c.value) for c in comparisons]


def _cancelled_since() -> datetime:
    return utcnow() - timedelta(days=current_app.config["OSDI_CANCELLED_DAYS"])


def events_query(filters: ActionFilter, comparisons: list[Comparison]) -> Select[tuple[Action]]:
    """Confirmed (public) and recently cancelled events, in a stable order (by id)."""
    public_ids = public_query(filters).with_only_columns(Action.id).order_by(None)
    off = or_(
        Action.status.in_(CANCELLED_STATUSES),
        and_(Action.status == ActionStatus.published, Action.listed_publicly.is_(False)),
    )
    cancelled = and_(off, Action.published_at.is_not(None), Action.updated_at >= _cancelled_since())
    query = (
        select(Action)
        .where(or_(Action.id.in_(public_ids.scalar_subquery()), cancelled), *_where(comparisons))
        .options(*(defer(column, raiseload=True) for column in CONTACT_COLUMNS))
        .order_by(Action.id)
    )
    return query


@dataclass(frozen=True)
class EventsPage:
    """One page of the events collection."""

    actions: list[Action]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one)."""
        return max(1, -(-self.total // self.per_page))


def events_page(
    filters: ActionFilter, comparisons: list[Comparison], page: int, per_page: int
) -> EventsPage:
    """A page of events."""
    query = events_query(filters, comparisons)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return EventsPage(list(rows), total, page, per_page)


def event_by_slug(slug: str) -> Action | None:
    """One event: a public action, or one withdrawn or removed recently (cancelled)."""
    query = events_query(ActionFilter(include_past=True), []).where(Action.slug == slug)
    return db.session.scalar(query)


def is_cancelled(action: Action) -> bool:
    """Whether the event is off (withdrawn by its organizer or removed by a coordinator)."""
    return action.status in CANCELLED_STATUSES or not action.listed_publicly
