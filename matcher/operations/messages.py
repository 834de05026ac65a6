"""Messages the public writes to an action's organizers through its page: relayed by email to
the organizer, in the organizer's language, with the sender's address as Reply-To. The sender
never learns the organizer's address (unless the organizer answers)."""

from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l

from matcher.mail.outbox import queue_email
from matcher.models import Action
from matcher.operations import OperationError, audit


def relay_message(action: Action, *, name: str, email: str, text: str) -> None:
    """Queue the message to the organizer of a public action that accepts messages."""
    if not (action.is_public and action.accepts_messages and action.contact_email):
        raise OperationError({"message": str(_l("This action does not take messages."))})
    queue_email(
        kind="public_message",
        key=f"public_message:{action.id}:{secrets.token_hex(8)}",
        recipient=action.contact_email,
        template="public_message",
        language=action.language,
        headers={"Reply-To": email},
        action_id=action.id,
        action=action,
        sender_name=name,
        sender_email=email,
        text=text,
    )
    audit.record("public_message", "action", action.id, actor_kind="public")
