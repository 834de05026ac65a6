"""Recovering a lost manage link: fresh private links by email for every action of an address.

The page asks for them with `request_manage_links`, which looks nothing up while answering (the
job `send_manage_links` does, once the answer is sent), so the answer takes the same time for an
address we hold and for one we do not."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from matcher.extensions import db
from matcher.jobs.dispatch import dispatch_after_response
from matcher.mail.outbox import queue_email
from matcher.models import Action, ActionStatus
from matcher.operations import audit
from matcher.operations.submissions import manage_link
from matcher.security.crypto import blind_index, decrypt, encrypt

MAX_ACTIONS = 20


def request_manage_links(email: str) -> None:
    """Ask for fresh manage links for `email`, sent by a job after the answer (the address
    travels to it encrypted: a broker never holds it in clear)."""
    dispatch_after_response("send_manage_links", encrypt(email.strip().encode()).decode())


def send_manage_links_job(sealed: str) -> int:
    """The job of `request_manage_links` (commits): how many actions the email lists."""
    count = send_manage_links(decrypt(sealed.encode()).decode())
    db.commit()
    return count


def send_manage_links(email: str) -> int:
    """Mail one message with a fresh manage link for each action submitted with `email`
    (pending, published or withdrawn), in the language of the newest; how many it lists.

    The caller answers the same whatever the count, so nobody learns which addresses we hold.
    """
    actions = db.session.scalars(
        select(Action)
        .where(
            Action.contact_email_index == blind_index(email),
            Action.status.in_(
                [ActionStatus.pending, ActionStatus.published, ActionStatus.withdrawn]
            ),
        )
        .order_by(Action.date.desc(), Action.id.desc())
        .limit(MAX_ACTIONS)
    ).all()
    if not actions:
        return 0
    newest = max(actions, key=lambda action: action.id)
    queue_email(
        kind="manage_links",
        key=f"manage_links:{newest.id}:{secrets.token_hex(6)}",
        recipient=newest.contact_email,
        template="manage_links",
        language=newest.language,
        action_id=newest.id,
        organizer_name=newest.contact_name,
        links=[(action, manage_link(action)) for action in actions],
    )
    for action in actions:
        audit.record("send_manage_link", "action", action.id, actor_kind="organizer")
    return len(actions)
