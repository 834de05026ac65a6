"""Asking the organizer by email when a place was guessed: "we placed this at Springfield, MO:
is that right?", with the manage link where one click answers."""

from __future__ import annotations

from matcher.mail.outbox import queue_email
from matcher.models import Action, ActionStatus
from matcher.operations.submissions import manage_link


def ask_about_place(action: Action) -> None:
    """Queue the question once per place guessed (a later guess asks again)."""
    if action.status not in (ActionStatus.pending, ActionStatus.published) or not action.place:
        return
    queue_email(
        kind="place_question",
        key=f"place_question:{action.id}:{action.place}:{action.latitude}",
        recipient=action.contact_email,
        template="place_question",
        language=action.language,
        action_id=action.id,
        action=action,
        manage_url=manage_link(action),
    )
