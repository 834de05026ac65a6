"""What the public may see: the query for published actions and their public fields only.

Nothing here reads or returns contact fields; the venue appears only when the organizer chose
to publish it, and coordinates are rounded to about a kilometre unless they did.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import url_for
from sqlalchemy import Select, func, select

from matcher.extensions import db
from matcher.models import Action, ActionStatus, TargetType

PUBLIC_COORDINATE_DECIMALS = 2


@dataclass(frozen=True)
class ActionFilter:
    """Filters of the public list (all optional)."""

    state: str | None = None
    target_type: TargetType | None = None
    include_past: bool = False


@dataclass(frozen=True)
class Page:
    """One page of public actions."""

    actions: list[Action]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are."""
        return max(1, -(-self.total // self.per_page))


def public_query(filters: ActionFilter, today: date | None = None) -> Select[tuple[Action]]:
    """Published, listed actions matching the filters, by date."""
    query = select(Action).where(
        Action.status == ActionStatus.published, Action.listed_publicly.is_(True)
    )
    if not filters.include_past:
        query = query.where(Action.date >= (today or date.today()))
    if filters.state:
        query = query.where(Action.state == filters.state)
    if filters.target_type:
        query = query.where(Action.target_type == filters.target_type)
    return query.order_by(Action.date, Action.title, Action.id)


def public_page(filters: ActionFilter, page: int = 1, per_page: int = 50) -> Page:
    """A page of the public list."""
    query = public_query(filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(list(rows), total, page, per_page)


def public_states() -> list[str]:
    """States that have published actions (for the filter)."""
    query = (
        select(Action.state)
        .where(Action.status == ActionStatus.published, Action.listed_publicly.is_(True))
        .where(Action.state.is_not(None))
        .distinct()
        .order_by(Action.state)
    )
    return [state for state in db.session.scalars(query) if state]


def get_public_action(slug: str) -> Action | None:
    """A published, listed action by its public slug."""
    action = db.session.scalar(select(Action).where(Action.slug == slug))
    return action if action is not None and action.is_public else None


def public_action(action: Action) -> dict[str, Any]:
    """The public JSON of an action: no contact email, phone or unpublished address."""
    exact = action.address_public
    digits = None if exact else PUBLIC_COORDINATE_DECIMALS
    return {
        "id": action.slug,
        "url": url_for("public.action", slug=action.slug, _external=True),
        "title": action.title,
        "description": action.description,
        "date": action.date.isoformat(),
        "start_time": action.start_time.isoformat() if action.start_time else None,
        "location": action.place or action.location_text,
        "state": action.state,
        "venue": action.venue if exact else None,
        "latitude": _round(action.latitude, digits),
        "longitude": _round(action.longitude, digits),
        "precision": action.precision.value if action.precision else None,
        "target_type": action.target_type.value,
        "target": action.target,
        "organizations": [org.name for org in action.organizations],
    }


def _round(value: float | None, digits: int | None) -> float | None:
    if value is None:
        return None
    return value if digits is None else round(value, digits)
