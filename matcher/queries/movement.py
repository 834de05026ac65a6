"""The coordinators' map of the movement: organizations by region, the regions with no
immigrant-led or indigenous-led partner in any action, and the organizations that appear in
several regions (natural connectors for a national call); and the queue of coalition
introduction requests. Everything in the reader's scope (matcher.queries.scope): actions in
scope, and the public actions of other states.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import or_, select

from matcher.extensions import db
from matcher.models import (
    Action,
    ActionStatus,
    CoalitionRequest,
    Coordinator,
    Organization,
    OrganizationTagKind,
    Region,
    ReviewStatus,
    action_organizations,
)
from matcher.queries.organizations import shown_tags
from matcher.queries.scope import action_clause, may_read_pair, public_clause


@dataclass(frozen=True)
class MovementOrganization:
    """An organization on the map, with its reviewed tags and its regions."""

    id: int
    name: str
    tags: tuple[OrganizationTagKind, ...]
    regions: tuple[str, ...]


@dataclass
class MovementRegion:
    """A region, its organizations, and whether an immigrant-led or indigenous-led one is in."""

    id: int | None
    name: str
    actions: int = 0
    organizations: list[MovementOrganization] = field(default_factory=list)

    @property
    def has_immigrant_led(self) -> bool:
        """Whether an immigrant-led organization took part in an action here."""
        return any(OrganizationTagKind.immigrant_led in o.tags for o in self.organizations)

    @property
    def has_indigenous_led(self) -> bool:
        """Whether an indigenous-led organization took part in an action here."""
        return any(OrganizationTagKind.indigenous_led in o.tags for o in self.organizations)


@dataclass(frozen=True)
class Movement:
    """The whole map."""

    regions: list[MovementRegion]
    connectors: list[MovementOrganization]  # in two regions or more, most regions first

    @property
    def missing_partners(self) -> list[MovementRegion]:
        """Regions with no immigrant-led or no indigenous-led partner."""
        return [r for r in self.regions if not (r.has_immigrant_led and r.has_indigenous_led)]


def movement(coordinator: Coordinator) -> Movement:
    """The map for one coordinator (published actions in scope or public)."""
    rows = db.session.execute(
        select(
            action_organizations.c.organization_id,
            Organization.name,
            Action.id,
            Action.region_id,
            Region.name.label("region_name"),
            Action.place,
            Action.state,
        )
        .join(Action, Action.id == action_organizations.c.action_id)
        .join(Organization, Organization.id == action_organizations.c.organization_id)
        .outerjoin(Region, Region.id == Action.region_id)
        .where(
            Action.status == ActionStatus.published,
            or_(action_clause(coordinator), public_clause()),
        )
    ).all()
    tags = shown_tags(sorted({row.organization_id for row in rows}))
    region_names: dict[int | None, str] = {}
    region_actions: dict[int | None, set[int]] = defaultdict(set)
    members: dict[int | None, set[int]] = defaultdict(set)
    names: dict[int, str] = {}
    organization_regions: dict[int, set[int | None]] = defaultdict(set)
    for row in rows:
        # An action in no region yet counts as its own place.
        key = row.region_id if row.region_id is not None else -row.id
        region_names[key] = row.region_name or row.place or row.state or "?"
        region_actions[key].add(row.id)
        members[key].add(row.organization_id)
        names[row.organization_id] = row.name
        organization_regions[row.organization_id].add(key)

    def entry(organization_id: int) -> MovementOrganization:
        regions = sorted(region_names[k] for k in organization_regions[organization_id])
        return MovementOrganization(
            organization_id, names[organization_id], tags.get(organization_id, ()), tuple(regions)
        )

    regions = [
        MovementRegion(
            id=key if key is not None and key > 0 else None,
            name=region_names[key],
            actions=len(region_actions[key]),
            organizations=sorted((entry(o) for o in members[key]), key=lambda o: o.name.casefold()),
        )
        for key in region_names
    ]
    regions.sort(key=lambda r: (-r.actions, r.name))
    connectors = sorted(
        (entry(o) for o, keys in organization_regions.items() if len(keys) > 1),
        key=lambda o: (-len(o.regions), o.name.casefold()),
    )
    return Movement(regions, connectors)


def pending_requests(coordinator: Coordinator, limit: int = 200) -> list[CoalitionRequest]:
    """Coalition introduction requests waiting for review that the coordinator may decide,
    oldest first."""
    query = (
        select(CoalitionRequest)
        .where(CoalitionRequest.status == ReviewStatus.pending)
        .order_by(CoalitionRequest.id)
        .limit(limit * 4)
    )
    found = [
        request
        for request in db.session.scalars(query)
        if may_read_pair(coordinator, request.action, request.target_action)
    ]
    return found[:limit]
