"""Coordinators' work on actions: see contact details (audited), fix a location, remove spam."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from matcher.extensions import db
from matcher.formats.action_fields import validate_coordinates
from matcher.models import Action, ActionStatus, Coordinator, Suggestion, SuggestionStatus
from matcher.operations import OperationError, audit
from matcher.operations.geocoding import locate
from matcher.queries.scope import action_clause


def record_contact_view(
    subject_type: str, subject_id: int | None, by: Coordinator, **details: object
) -> None:
    """Every look at contact details is written to the audit log: an action's page, or the
    messages of an introduction (`actions` lists whose details were shown)."""
    audit.record(
        "view_contact",
        subject_type,
        subject_id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        **details,
    )


def fix_location(
    action: Action, by: Coordinator, *, location: str, latitude: str, longitude: str
) -> bool:
    """Place the action from new text or from coordinates; True when it is placed."""
    coords, errors = validate_coordinates(latitude, longitude)
    if errors:
        raise OperationError(errors)
    if coords is None and not location.strip():
        raise OperationError({"location": str(_l("Give a place or coordinates."))})
    if location.strip():
        action.location_text = location.strip()[:300]
    if coords is not None:
        action.latitude, action.longitude = coords
        action.geocode_source = "provided"
    else:
        action.geocode_source = None
    placed = locate(action)
    audit.record(
        "fix_location",
        "action",
        action.id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        placed=placed,
    )
    return placed


def remove_action(action: Action, by: Coordinator, *, with_others: bool = False) -> list[int]:
    """Remove spam (never public again, out of matching); optionally every action sent from the
    same contact address that is in the coordinator's scope too (an address says nothing about
    which state's actions it may touch). Returns the ids removed."""
    targets = [action]
    if with_others and action.contact_email_index:
        targets = list(
            db.session.scalars(
                select(Action).where(
                    Action.contact_email_index == action.contact_email_index,
                    action_clause(by),
                )
            )
        )
    removed = []
    for target in targets:
        if target.status == ActionStatus.removed:
            continue
        target.status = ActionStatus.removed
        removed.append(target.id)
        for suggestion in db.session.scalars(
            select(Suggestion).where(
                Suggestion.status == SuggestionStatus.pending,
                (Suggestion.action_a_id == target.id) | (Suggestion.action_b_id == target.id),
            )
        ):
            suggestion.status = SuggestionStatus.superseded
    audit.record(
        "remove",
        "action",
        action.id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        removed=removed,
    )
    return removed
