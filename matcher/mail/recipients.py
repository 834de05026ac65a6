"""Who a message is shown to, read from the actions when it is sent (never stored with it).

An introduction copy shows both organizers in `To` (each copy is delivered to one of them);
every other message shows its own recipient only.
"""

from __future__ import annotations

from matcher.extensions import db
from matcher.mail.headers import mailbox
from matcher.models import Introduction, OutboundEmail

SHOWS_BOTH_SIDES = frozenset({"introduction"})


def shown_recipients(email: OutboundEmail, recipient: str) -> list[str]:
    """The mailboxes of the message's `To` header."""
    if email.kind not in SHOWS_BOTH_SIDES or email.introduction_id is None:
        return [recipient]
    introduction = db.session.get(Introduction, email.introduction_id)
    if introduction is None:
        return [recipient]
    sides = [
        mailbox(action.contact_name, action.contact_email)
        for action in (introduction.action_a, introduction.action_b)
        if action is not None and action.contact_email
    ]
    return sides or [recipient]
