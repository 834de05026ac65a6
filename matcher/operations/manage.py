"""What an organizer can do through their private manage link: edit the details, change each
consent, answer the place question, withdraw, re-list, delete."""

from __future__ import annotations

from sqlalchemy import select

from matcher.extensions import db
from matcher.formats.action_fields import ActionInput
from matcher.geocoding.timezones import timezone_at
from matcher.models import (
    Action,
    ActionStatus,
    ConsentEvent,
    Precision,
    TokenPurpose,
)
from matcher.operations import audit
from matcher.operations.organizations import organizations_for
from matcher.operations.privacy import delete_messages
from matcher.operations.submissions import (
    apply_event_details,
    geocode_after_commit,
    match_after_commit,
)
from matcher.security.tokens import resolve_token


def action_for_manage_link(token: str) -> Action:
    """The action a manage link points to (raises `TokenError`)."""
    return resolve_token(token, TokenPurpose.manage)


CONSENTS = ("listed_publicly", "intro_region", "intro_target", "accepts_messages")


def update_action(action: Action, data: ActionInput) -> None:
    """Apply an organizer's edit of the details; the contact email, the reference and the
    consents (`update_consents`) stay as they are."""
    location_changed = data.location != action.location_text or (
        data.latitude is not None
        and (data.latitude, data.longitude) != (action.latitude, action.longitude)
    )
    action.title = data.title
    action.description = data.description
    action.date = data.date
    action.location_text = data.location
    action.venue = data.venue
    action.address_public = data.address_public
    action.target_type = data.target_type
    action.target = data.target
    action.contact_name = data.contact_name
    action.contact_phone = data.contact_phone
    action.language = data.language
    action.organizations = organizations_for(data.organizations)
    zone_was_chosen = not action.timezone_from_place
    apply_event_details(action, data)
    if data.timezone is None and zone_was_chosen:  # back to the place's zone
        action.timezone = timezone_at(action.public_latitude, action.public_longitude, action.state)
    if location_changed:
        action.latitude, action.longitude = data.latitude, data.longitude
        action.geocode_source = "provided" if data.latitude is not None else None
        action.precision = None
        action.needs_location = False
        geocode_after_commit(action.id)
    audit.record("edit", "action", action.id, actor_kind="organizer")


def update_consents(action: Action, choices: dict[str, bool]) -> list[str]:
    """Set each consent the organizer changed and record it in the history; the kinds changed."""
    changed = []
    for kind in CONSENTS:
        granted = choices.get(kind)
        if granted is None or bool(getattr(action, kind)) == granted:
            continue
        setattr(action, kind, granted)
        action.consents.append(ConsentEvent(kind=kind, granted=granted, source="manage"))
        changed.append(kind)
    if changed:
        audit.record("consent", "action", action.id, actor_kind="organizer", kinds=changed)
    return changed


def confirm_place(action: Action, choice: int | None = None) -> None:
    """Answer "we placed this at X: is that right?": yes (`choice` None), or one of the
    alternatives the geocoder offered."""
    alternatives = action.place_alternatives or []
    if choice is not None:
        if not 0 <= choice < len(alternatives):
            return
        chosen = alternatives[choice]
        others = [dict(action_place(action))] + [
            alt for index, alt in enumerate(alternatives) if index != choice
        ]
        action.place, action.state = chosen["place"], chosen.get("state")
        action.latitude, action.longitude = chosen["latitude"], chosen["longitude"]
        action.public_latitude, action.public_longitude = action.latitude, action.longitude
        action.precision = Precision.city
        action.geocode_match = "chosen"
        action.place_alternatives = others
        if action.timezone_from_place:
            action.timezone = timezone_at(action.latitude, action.longitude, action.state)
        if action.status == ActionStatus.published:
            match_after_commit(action.id)
    action.place_confirmed = True
    audit.record("confirm_place", "action", action.id, actor_kind="organizer")


def action_place(action: Action) -> dict[str, object]:
    """The action's current place as an alternative entry."""
    return {
        "place": action.place,
        "latitude": action.public_latitude,
        "longitude": action.public_longitude,
        "state": action.state,
    }


def withdraw_action(action: Action) -> None:
    """Take the action off the public list and out of matching (it can be re-published)."""
    if action.status in (ActionStatus.published, ActionStatus.pending):
        action.status = ActionStatus.withdrawn
        audit.record("withdraw", "action", action.id, actor_kind="organizer")


def republish_action(action: Action) -> None:
    """Undo a withdrawal of a verified action."""
    if action.status == ActionStatus.withdrawn and action.verified_at is not None:
        action.status = ActionStatus.published
        audit.record("republish", "action", action.id, actor_kind="organizer")


def delete_action(action: Action) -> None:
    """Delete the action and every message that holds its contact data, for good: its own
    mail, all mail and replies of its introductions (the other side's copy of an introduction
    email names this organizer too), and bounces of its mail."""
    action_id = action.id
    others = select(Action.id).where(
        Action.contact_email_index == action.contact_email_index, Action.id != action_id
    )
    gone = set() if db.session.scalar(others.limit(1)) else {action.contact_email_index}
    delete_messages([action_id], gone - {""})
    db.session.delete(action)
    audit.record("delete", "action", action_id, actor_kind="organizer")
