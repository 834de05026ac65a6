"""What an organizer can do through their private manage link: edit, withdraw, delete."""

from __future__ import annotations

from sqlalchemy import select

from matcher.extensions import db
from matcher.formats.action_fields import ActionInput
from matcher.models import (
    Action,
    ActionStatus,
    ConsentEvent,
    TokenPurpose,
)
from matcher.operations import audit
from matcher.operations.organizations import organizations_for
from matcher.operations.privacy import delete_messages
from matcher.operations.submissions import consents_of, geocode_after_commit
from matcher.security.tokens import resolve_token


def action_for_manage_link(token: str) -> Action:
    """The action a manage link points to (raises `TokenError`)."""
    return resolve_token(token, TokenPurpose.manage)


def update_action(action: Action, data: ActionInput) -> None:
    """Apply an organizer's edit; the contact email and the reference stay as verified."""
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
    for kind, granted in consents_of(data).items():
        if getattr(action, kind) != granted:
            setattr(action, kind, granted)
            action.consents.append(ConsentEvent(kind=kind, granted=granted, source="manage"))
    if location_changed:
        action.latitude, action.longitude = data.latitude, data.longitude
        action.geocode_source = "provided" if data.latitude is not None else None
        action.precision = None
        action.needs_location = False
        geocode_after_commit(action.id)
    audit.record("edit", "action", action.id, actor_kind="organizer")


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
