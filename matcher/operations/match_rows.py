"""What the matcher sees of the stored actions: `ActionRow`s read as plain tuples."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import String, select, type_coerce

from matcher.extensions import db
from matcher.geocoding.facilities import GENERIC, FacilityCatalog
from matcher.geocoding.normalize import key
from matcher.matching import ActionRow
from matcher.models import Action, ActionStatus, Organization
from matcher.models.actions import COARSE, GUESSED_MATCHES, action_organizations
from matcher.queries.catalog import facility_catalog


def target_text(action: Action, catalog: FacilityCatalog) -> str:
    """The named target; when the organizer left it empty or generic ("the detention center")
    and the location names a facility of the catalog, that facility's name: organizers very
    often name the target as the place."""
    return _target_text(action.target, action.facility_id, catalog)


def _target_text(target: str | None, facility_id: str | None, catalog: FacilityCatalog) -> str:
    target = (target or "").strip()
    if facility_id and all(w in GENERIC for w in key(target).split()):
        facility = catalog.get(facility_id)
        if facility is not None:
            return facility.name
    return target


def action_row(action: Action, catalog: FacilityCatalog | None = None) -> ActionRow:
    """What the matcher sees of an action (its precise point; no name, phone or address).

    The contact email is seen through its blind index (equal for the same trimmed,
    lower-cased address): the rule "never two actions of one email" needs no plaintext."""
    return ActionRow(
        id=action.id,
        latitude=action.latitude,
        longitude=action.longitude,
        date=action.date,
        target_type=action.target_type.value,
        target=target_text(action, catalog or facility_catalog()),
        organizations=tuple(org.name for org in action.organizations),
        contact_email=action.contact_email_index or "",
        intro_region=action.intro_region,
        intro_target=action.intro_target,
        published=action.status == ActionStatus.published,
        title=action.title,
        place=action.place or "",
        precision=action.precision.value if action.precision else None,
        place_flagged=action.placement_uncertain,
    )


def upcoming(today: date) -> Any:
    """The condition of the actions the matcher sees: published, dated today or later."""
    return _upcoming(today)


def _upcoming(today: date) -> Any:
    return (Action.status == ActionStatus.published) & (Action.date >= today)


def published_rows(today: date) -> list[ActionRow]:
    """Rows of the published actions whose dates have not passed, read as plain tuples."""
    return rows_where(_upcoming(today))


def located_rows(today: date) -> list[ActionRow]:
    """The published, upcoming actions that have a point, in id order, with only what the
    region clusters read of them (id, point, place): `published_rows` without the rest."""
    query = (
        select(Action.id, Action.latitude, Action.longitude, Action.date, Action.place)
        .where(_upcoming(today) & Action.latitude.is_not(None) & Action.longitude.is_not(None))
        .order_by(Action.id)
    )
    return [
        ActionRow(id_, lat, lon, day, "", "", (), "", False, False, place=place or "")
        for id_, lat, lon, day, place in db.session.execute(query)
    ]


def _columns() -> tuple[Any, ...]:
    """The columns of an `ActionRow`, in the order `_row` takes them."""
    return (
        Action.id,
        Action.latitude,
        Action.longitude,
        Action.date,
        type_coerce(Action.target_type, String),
        Action.target,
        Action.facility_id,
        Action.contact_email_index,
        Action.intro_region,
        Action.intro_target,
        Action.title,
        Action.place,
        type_coerce(Action.precision, String),
        Action.needs_location,
        Action.place_confirmed,
        Action.geocode_match,
    )


def _row(
    values: Sequence[Any], organizations: Sequence[str], catalog: FacilityCatalog
) -> ActionRow:
    (
        id_,
        lat,
        lon,
        day,
        kind,
        target,
        facility,
        email,
        region,
        by_target,
        title,
        place,
        precision,
        needs_location,
        confirmed,
        match,
    ) = values
    return ActionRow(
        id=id_,
        latitude=lat,
        longitude=lon,
        date=day,
        target_type=kind,
        target=_target_text(target, facility, catalog),
        organizations=tuple(organizations),
        contact_email=email or "",
        intro_region=bool(region),
        intro_target=bool(by_target),
        published=True,
        title=title,
        place=place or "",
        precision=precision,
        place_flagged=_flagged(place, precision, needs_location, confirmed, match),
    )


def rows_where(condition: Any, *, catalog: FacilityCatalog | None = None) -> list[ActionRow]:
    """The matcher's rows of the published actions meeting `condition`, read as plain tuples
    (their organizations in name order, by one join for many rows, by id for a few)."""
    catalog = catalog or facility_catalog()
    found = db.session.execute(select(*_columns()).where(condition).order_by(Action.id)).all()
    orgs = _organizations(condition, [row[0] for row in found])
    return [_row(values, orgs.get(values[0], ()), catalog) for values in found]


def rows_by_id(ids: Sequence[int], catalog: FacilityCatalog) -> list[ActionRow]:
    """The matcher's rows of a few published actions, in one statement: each action's columns
    joined with its organizations' names (one line per organization, in name order)."""
    if not ids:
        return []
    link = action_organizations.c
    query = (
        select(*_columns(), Organization.name)
        # The ids in the join's condition too, so that the links are read through their
        # index whatever the planner's statistics (else a scan of every link).
        .outerjoin(action_organizations, (link.action_id == Action.id) & link.action_id.in_(ids))
        .outerjoin(Organization, Organization.id == link.organization_id)
        .where(Action.id.in_(ids))
        .order_by(Action.id, Organization.name)
    )
    values: dict[int, Sequence[Any]] = {}
    orgs: dict[int, list[str]] = {}
    for line in db.session.execute(query):
        values.setdefault(line[0], line[:-1])
        names = orgs.setdefault(line[0], [])
        if line[-1] is not None:
            names.append(line[-1])
    return [_row(row, orgs[action_id], catalog) for action_id, row in values.items()]


def _flagged(
    place: str | None,
    precision: str | None,
    needs_location: bool,
    confirmed: bool,
    match: str | None,
) -> bool:
    """`Action.placement_uncertain` from the row's columns: a guessed or coarse place the
    organizer has not confirmed."""
    if needs_location or not place or confirmed:
        return False
    return match in GUESSED_MATCHES or precision in COARSE


FEW = 500


def _organizations(condition: Any, ids: list[int]) -> dict[int, list[str]]:
    """The organizations' names of each action, in name order."""
    link = action_organizations.c
    names = select(link.action_id, Organization.name).join(
        Organization, Organization.id == link.organization_id
    )
    if len(ids) <= FEW:
        query = names.where(link.action_id.in_(ids)) if ids else None
    else:
        query = names.join(Action, Action.id == link.action_id).where(condition)
    orgs: dict[int, list[str]] = {}
    if query is not None:
        for action_id, name in db.session.execute(
            query.order_by(link.action_id, Organization.name)
        ):
            orgs.setdefault(action_id, []).append(name)
    return orgs
