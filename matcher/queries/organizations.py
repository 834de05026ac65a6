"""Reads of the organization directory: organizations, their reviewed tags, where they
organized (from their public actions), and the coalition suggestions of an action.

Only public fields: an organization appears when it took part in at least one published,
listed action, and what is shown of it comes from those actions. Never a contact detail.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select

from matcher.domain.enums import PRIORITY_TAGS
from matcher.extensions import db
from matcher.geocoding.distance import distance_km
from matcher.models import (
    Action,
    ActionStatus,
    CoalitionRequest,
    Introduction,
    Organization,
    OrganizationAlias,
    OrganizationTag,
    OrganizationTagKind,
    action_organizations,
)
from matcher.queries.listing import TYPED_WHEN_UNPLACED, public_place
from matcher.queries.scope import public_clause

COALITION_RADIUS_KM = 100.0
PURGED = ""  # the contact email of an action whose contact data was erased


@dataclass(frozen=True)
class PublicActionRef:
    """A public action an organization took part in (public fields only)."""

    slug: str
    title: str
    date: date
    place: str
    state: str | None
    region_id: int | None
    accepts_messages: bool
    latitude: float | None  # the public point
    longitude: float | None


@dataclass(frozen=True)
class OrganizationCard:
    """An organization as the directory shows it."""

    id: int
    name: str
    tags: tuple[OrganizationTagKind, ...]
    actions: tuple[PublicActionRef, ...]
    aliases: tuple[str, ...] = ()

    @property
    def places(self) -> list[str]:
        """Where it organized, each place once, most used first."""
        counts: dict[str, int] = defaultdict(int)
        for action in self.actions:
            counts[action.place] += 1
        return sorted(counts, key=lambda place: (-counts[place], place))

    @property
    def states(self) -> list[str]:
        """The states of its public actions."""
        return sorted({a.state for a in self.actions if a.state})

    @property
    def priority(self) -> bool:
        """Immigrant-led or indigenous-led (the call asks to reach out to these first)."""
        return any(tag in PRIORITY_TAGS for tag in self.tags)


@dataclass(frozen=True)
class CoalitionSuggestion:
    """An organization active near an action that is not in its coalition."""

    organization: OrganizationCard
    distance_km: float  # to its nearest public action near the action
    can_request: bool  # an introduction to its organizers can be asked for
    requested: bool  # the organizer already asked (pending or approved)

    @property
    def writable(self) -> list[PublicActionRef]:
        """Its public actions whose organizers accept messages through the service."""
        return [a for a in self.organization.actions if a.accepts_messages]


def _public_rows(organization_ids: list[int] | None = None) -> list[Any]:
    query = (
        select(
            action_organizations.c.organization_id,
            Action.slug,
            Action.title,
            Action.date,
            Action.place,
            TYPED_WHEN_UNPLACED,
            Action.address_public,
            Action.state,
            Action.region_id,
            Action.accepts_messages,
            Action.public_latitude,
            Action.public_longitude,
        )
        .join(Action, Action.id == action_organizations.c.action_id)
        .where(public_clause())
        .order_by(Action.date.desc(), Action.id)
    )
    if organization_ids is not None:
        query = query.where(action_organizations.c.organization_id.in_(organization_ids))
    return list(db.session.execute(query))


def shown_tags(
    organization_ids: list[int] | None = None,
) -> dict[int, tuple[OrganizationTagKind, ...]]:
    """The reviewed tags of organizations, in the order of `OrganizationTagKind`."""
    query = select(OrganizationTag.organization_id, OrganizationTag.tag)
    if organization_ids is not None:
        query = query.where(OrganizationTag.organization_id.in_(organization_ids))
    found: dict[int, set[OrganizationTagKind]] = defaultdict(set)
    for organization_id, tag in db.session.execute(query):
        found[organization_id].add(OrganizationTagKind(tag))
    order = list(OrganizationTagKind)
    return {key: tuple(sorted(tags, key=order.index)) for key, tags in found.items()}


def _cards(
    organization_ids: list[int] | None = None, *, aliases: bool = False
) -> dict[int, OrganizationCard]:
    rows = _public_rows(organization_ids)
    actions: dict[int, list[PublicActionRef]] = defaultdict(list)
    for row in rows:
        actions[row.organization_id].append(
            PublicActionRef(
                slug=row.slug,
                title=row.title,
                date=row.date,
                place=public_place(row),
                state=row.state,
                region_id=row.region_id,
                accepts_messages=row.accepts_messages,
                latitude=row.public_latitude,
                longitude=row.public_longitude,
            )
        )
    ids = list(actions)
    if not ids:
        return {}
    names: dict[int, str] = {
        row[0]: row[1]
        for row in db.session.execute(
            select(Organization.id, Organization.name).where(Organization.id.in_(ids))
        )
    }
    tags = shown_tags(ids)
    spellings: dict[int, list[str]] = defaultdict(list)
    if aliases:
        query = (
            select(OrganizationAlias.organization_id, OrganizationAlias.name)
            .where(OrganizationAlias.organization_id.in_(ids))
            .order_by(OrganizationAlias.id)
        )
        for organization_id, name in db.session.execute(query):
            if name != names.get(organization_id) and name not in spellings[organization_id]:
                spellings[organization_id].append(name)
    return {
        key: OrganizationCard(
            id=key,
            name=names[key],
            tags=tags.get(key, ()),
            actions=tuple(actions[key]),
            aliases=tuple(spellings[key]),
        )
        for key in ids
        if key in names
    }


def public_directory(
    tag: OrganizationTagKind | None = None, text: str | None = None
) -> list[OrganizationCard]:
    """Organizations of public actions, by name; only those with `tag`, or whose name holds
    `text`, when given."""
    cards = list(_cards().values())
    if tag is not None:
        cards = [card for card in cards if tag in card.tags]
    if text:
        needle = text.casefold()
        cards = [card for card in cards if needle in card.name.casefold()]
    return sorted(cards, key=lambda card: (card.name.casefold(), card.id))


def public_organization(organization_id: int) -> OrganizationCard | None:
    """One organization of the directory with its other spellings (None when it took part in
    no public action)."""
    return _cards([organization_id], aliases=True).get(organization_id)


def _near(action: Action, other: PublicActionRef, radius_km: float) -> float | None:
    """How far `other` is from `action` (public points) when it is in its region or within
    `radius_km`, else None."""
    lat, lon = action.public_latitude, action.public_longitude
    km = math.inf
    if lat is not None and lon is not None and other.latitude is not None:
        km = distance_km(lat, lon, other.latitude, other.longitude)
    same_region = action.region_id is not None and other.region_id == action.region_id
    if km <= radius_km or same_region:
        return km if math.isfinite(km) else 0.0
    return None


def _nearby_organizations(action: Action, radius_km: float) -> set[int]:
    """Organizations of public actions in the action's region or in a box around it that
    holds the radius (the exact distance is checked afterwards)."""
    near = []
    lat, lon = action.public_latitude, action.public_longitude
    if lat is not None and lon is not None:
        dlat = radius_km / 111.2
        dlon = radius_km / max(111.2 * math.cos(math.radians(lat)), 1e-6)
        near.append(
            and_(
                Action.public_latitude.between(lat - dlat, lat + dlat),
                Action.public_longitude.between(lon - dlon, lon + dlon),
            )
        )
    if action.region_id is not None:
        near.append(Action.region_id == action.region_id)
    query = (
        select(action_organizations.c.organization_id)
        .join(Action, Action.id == action_organizations.c.action_id)
        .where(public_clause(), or_(*near))
        .distinct()
    )
    return set(db.session.scalars(query))


def coalition_suggestions(
    action: Action, radius_km: float = COALITION_RADIUS_KM, limit: int = 30
) -> list[CoalitionSuggestion]:
    """Organizations of public actions in the action's region or within `radius_km` that are
    not in its coalition: immigrant-led and indigenous-led ones first, then the nearest."""
    if action.public_latitude is None and action.region_id is None:
        return []
    own = {organization.id for organization in action.organizations}
    cards = _cards(sorted(_nearby_organizations(action, radius_km) - own))
    found: list[tuple[OrganizationCard, float]] = []
    for card in cards.values():
        if card.id in own:
            continue
        distances = [
            km
            for other in card.actions
            if other.slug != action.slug and (km := _near(action, other, radius_km)) is not None
        ]
        if distances:
            found.append((card, min(distances)))
    found.sort(key=lambda item: (not item[0].priority, item[1], item[0].name.casefold()))
    found = found[:limit]
    requested = requested_organizations(action)
    may_ask = action.status == ActionStatus.published and action.intro_region
    return [
        CoalitionSuggestion(
            organization=card,
            distance_km=round(km, 1),
            can_request=may_ask
            and card.id not in requested
            and introduction_target(action, card.id) is not None,
            requested=card.id in requested,
        )
        for card, km in found
    ]


def requested_organizations(action: Action) -> set[int]:
    """Organizations the action's organizer asked to meet (whatever the coordinator decided:
    a request is made once)."""
    query = select(CoalitionRequest.organization_id).where(CoalitionRequest.action_id == action.id)
    return set(db.session.scalars(query))


def introduction_target(requester: Action, organization_id: int) -> Action | None:
    """The organization's action whose organizers an introduction would ask: published and
    listed, consenting to introductions in its region, with its contact details kept, not the
    requester's own address, and not already introduced to the requester; the nearest first,
    then the most recent."""
    introduced = select(Introduction.id).where(
        or_(
            and_(Introduction.action_a_id == requester.id, Introduction.action_b_id == Action.id),
            and_(Introduction.action_b_id == requester.id, Introduction.action_a_id == Action.id),
        )
    )
    query = (
        select(Action)
        .join(action_organizations, action_organizations.c.action_id == Action.id)
        .where(
            action_organizations.c.organization_id == organization_id,
            public_clause(),
            Action.intro_region.is_(True),
            Action.id != requester.id,
            Action.contact_email_index != PURGED,
            Action.contact_email_index != requester.contact_email_index,
            ~introduced.exists(),
        )
    )
    candidates = list(db.session.scalars(query))
    lat, lon = requester.public_latitude, requester.public_longitude

    def order(other: Action) -> tuple[float, int]:
        km = math.inf
        if lat is not None and lon is not None and other.public_latitude is not None:
            km = distance_km(lat, lon, other.public_latitude, other.public_longitude)
        return (km, -other.date.toordinal())

    return min(candidates, key=order) if candidates else None


def coalition_request_for(introduction_id: int | None) -> CoalitionRequest | None:
    """The coalition request an introduction was started for, if any."""
    if introduction_id is None:
        return None
    query = select(CoalitionRequest).where(CoalitionRequest.introduction_id == introduction_id)
    return db.session.scalar(query)
