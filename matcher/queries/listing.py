"""What the public may see: the query for published actions and their public fields only.

Nothing here reads or returns contact fields; the venue appears only when the organizer chose
to publish it, and coordinates are rounded to about a kilometre unless they did.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import Row, Select, case, func, or_, select
from sqlalchemy.orm import defer

from matcher.extensions import db
from matcher.geocoding.distance import distance_km
from matcher.models import Action, ActionStatus, Organization, Region, TargetType
from matcher.models.actions import action_organizations

PUBLIC_COORDINATE_DECIMALS = 2
CONTACT_COLUMNS = (Action.contact_name, Action.contact_email, Action.contact_phone)


@dataclass(frozen=True)
class Near:
    """Within `radius_km` of a point (the geocoded "near me" text)."""

    latitude: float
    longitude: float
    radius_km: float
    place: str


@dataclass(frozen=True)
class ActionFilter:
    """Filters of the public list (all optional)."""

    state: str | None = None
    target_type: TargetType | None = None
    include_past: bool = False
    region_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str | None = None
    near: Near | None = None


@dataclass(slots=True)
class FeedItem:
    """The public fields of one published action that the GeoJSON feed needs (read as plain
    rows: a feed of thousands of actions costs no ORM objects)."""

    id: int
    slug: str
    title: str
    date: date
    place: str | None
    location_text: str | None  # only when no place was found (see `public_place`)
    state: str | None
    target_type: TargetType
    target: str
    address_public: bool
    latitude: float | None
    longitude: float | None
    public_latitude: float | None
    public_longitude: float | None
    organizations: tuple[str, ...] = ()


# The typed location is read (and decrypted) only for the rare rows nobody could place.
TYPED_WHEN_UNPLACED = case((Action.place.is_(None), Action.location_text), else_=None).label(
    "location_text"
)
FEED_COLUMNS = tuple(
    TYPED_WHEN_UNPLACED if name == "location_text" else getattr(Action, name)
    for name in FeedItem.__dataclass_fields__
    if name != "organizations"
)


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
    """Published, listed actions matching the filters, by date.

    The contact columns are not even loaded (nor decrypted): touching one on these rows raises.
    """
    return _published(filters, today).options(
        *(defer(column, raiseload=True) for column in CONTACT_COLUMNS)
    )


def _published(filters: ActionFilter, today: date | None = None) -> Select[tuple[Action]]:
    """The filtered, ordered select of published, listed actions (any columns may replace
    the entity, as `with_only_columns` does)."""
    query = select(Action).where(
        Action.status == ActionStatus.published, Action.listed_publicly.is_(True)
    )
    if not filters.include_past:
        query = query.where(Action.date >= (today or date.today()))
    if filters.state:
        query = query.where(Action.state == filters.state)
    if filters.target_type:
        query = query.where(Action.target_type == filters.target_type)
    if filters.region_id:
        query = query.where(Action.region_id == filters.region_id)
    if filters.date_from:
        query = query.where(Action.date >= filters.date_from)
    if filters.date_to:
        query = query.where(Action.date <= filters.date_to)
    if filters.text:
        pattern = (
            "%" + filters.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        query = query.where(
            or_(
                *(
                    column.ilike(pattern, escape="\\")
                    for column in (Action.title, Action.target, Action.place, Action.description)
                )
            )
        )
    if filters.near:
        query = query.where(Action.id.in_(_ids_near(filters.near)))
    return query.order_by(Action.date, Action.title, Action.id)


def _ids_near(near: Near) -> list[int]:
    """Published actions whose public point is within the radius (box in SQL, then exact)."""
    dlat = near.radius_km / 111.2
    dlon = near.radius_km / max(111.2 * math.cos(math.radians(near.latitude)), 1e-6)
    rows = db.session.execute(
        select(Action.id, Action.public_latitude, Action.public_longitude).where(
            Action.public_latitude.between(near.latitude - dlat, near.latitude + dlat),
            Action.public_longitude.between(near.longitude - dlon, near.longitude + dlon),
        )
    )
    return [
        ident
        for ident, lat, lon in rows
        if distance_km(near.latitude, near.longitude, lat, lon) <= near.radius_km
    ]


def public_page(filters: ActionFilter, page: int = 1, per_page: int = 50) -> Page:
    """A page of the public list."""
    query = public_query(filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(list(rows), total, page, per_page)


def public_feed_items(filters: ActionFilter, limit: int) -> list[FeedItem]:
    """Up to `limit` published actions matching the filters, as `FeedItem`s, by date."""
    selected = _published(filters).limit(limit)
    rows = db.session.execute(selected.with_only_columns(*FEED_COLUMNS)).all()
    names: dict[int, list[str]] = {}
    if rows:
        links = action_organizations.c
        named = (
            select(links.action_id, Organization.name)
            .join(Organization, Organization.id == links.organization_id)
            .where(links.action_id.in_(selected.with_only_columns(Action.id).scalar_subquery()))
            .order_by(Organization.name)
        )
        for action_id, name in db.session.execute(named):
            names.setdefault(action_id, []).append(name)
    return [FeedItem(*row, organizations=tuple(names.get(row.id, ()))) for row in rows]


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


def public_regions() -> list[Region]:
    """Regions that have published actions (for the filter)."""
    query = (
        select(Region)
        .where(
            Region.id.in_(
                _published(ActionFilter(include_past=True))
                .with_only_columns(Action.region_id)
                .scalar_subquery()
            )
        )
        .order_by(Region.name)
    )
    return list(db.session.scalars(query))


def get_public_action(slug: str) -> Action | None:
    """A published, listed action by its public slug."""
    action = db.session.scalar(select(Action).where(Action.slug == slug))
    return action if action is not None and action.is_public else None


def public_action(action: Action) -> dict[str, Any]:
    """The public JSON of an action: no contact email, phone or unpublished address."""
    exact = action.address_public
    latitude, longitude = public_point(action)
    return {
        "id": action.slug,
        "url": url_for("public.action", slug=action.slug, _external=True),
        "title": action.title,
        "description": action.description,
        "date": action.date.isoformat(),
        "start_time": action.start_time.strftime("%H:%M") if action.start_time else None,
        "end_time": action.end_time.strftime("%H:%M") if action.end_time else None,
        "timezone": action.timezone,
        "meeting_point": action.meeting_point,
        "event_url": action.event_url,
        "accepts_messages": action.accepts_messages,
        "location": public_place(action),
        "state": action.state,
        "venue": action.venue if exact else None,
        "latitude": latitude,
        "longitude": longitude,
        "precision": action.precision.value if action.precision else None,
        "target_type": action.target_type.value,
        "target": action.target,
        "organizations": [org.name for org in action.organizations],
    }


def public_place(action: Action | FeedItem | Row[Any]) -> str:
    """Where the public is told the action is: the geocoded place (a city, never a street);
    the location as typed only when the organizer chose to publish the address; otherwise, for
    a location nobody could place, its state when known, else "Location to be announced"
    (what was typed may be a private street address)."""
    if action.place:
        return action.place
    if action.address_public and action.location_text:
        return action.location_text
    if action.state:
        return action.state
    return str(_l("Location to be announced"))


def public_point(action: Action | FeedItem) -> tuple[float | None, float | None]:
    """Where maps and feeds may put the action: the exact point only when the organizer
    published the address; otherwise its city's point (rounded to about a kilometre)."""
    if action.address_public and action.latitude is not None:
        return action.latitude, action.longitude
    lat, lon = action.public_latitude, action.public_longitude
    if lat is None or lon is None:
        return None, None
    return round(lat, PUBLIC_COORDINATE_DECIMALS), round(lon, PUBLIC_COORDINATE_DECIMALS)
