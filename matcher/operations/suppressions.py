"""Addresses the service must not write to: unsubscribes (for good) and bounces (for a while).

A bounce suppression is recorded only for a report that answers a message the service sent
(matcher.operations.inbound), and it ends `BOUNCE_SUPPRESSION_DAYS` later, when a coordinator
in scope lifts it, or when the person follows a fresh verification link (the mailbox works).
Only blind indexes of addresses are stored.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from matcher.extensions import db
from matcher.models import Action, Coordinator, Suppression, utcnow
from matcher.operations import audit
from matcher.security.crypto import blind_index

UNSUBSCRIBED, BOUNCED = "unsubscribed", "bounced"


def suppress(address: str, reason: str) -> bool:
    """Never write to `address` again (reason `unsubscribed`); True when new."""
    index = blind_index(address)
    existing = db.session.scalar(select(Suppression).where(Suppression.email == index))
    if existing is not None:
        if existing.reason == BOUNCED and reason == UNSUBSCRIBED:
            existing.reason, existing.expires_at = UNSUBSCRIBED, None  # the stronger one
            db.session.flush()
            return True
        return False
    db.session.add(Suppression(email=index, reason=reason))
    db.session.flush()
    return True


def record_bounce(index: str) -> None:
    """Stop mail to the address (by blind index) for `BOUNCE_SUPPRESSION_DAYS` (flushes); an
    unsubscribe stays as it is."""
    until = utcnow() + timedelta(days=current_app.config["BOUNCE_SUPPRESSION_DAYS"])
    existing = db.session.scalar(select(Suppression).where(Suppression.email == index))
    if existing is None:
        db.session.add(Suppression(email=index, reason=BOUNCED, expires_at=until))
    elif existing.reason == BOUNCED:
        existing.expires_at, existing.created_at = until, utcnow()
    db.session.flush()


def lift_bounce(action: Action, by: Coordinator | None = None) -> bool:
    """End the bounce suppression of the action's address (a coordinator's decision, or the
    person proving the mailbox works by following a verification link); True when one ended.
    Unsubscribes are never lifted here."""
    if not action.contact_email_index:
        return False
    result = db.session.execute(
        delete(Suppression).where(
            Suppression.email == action.contact_email_index, Suppression.reason == BOUNCED
        )
    )
    if not result.rowcount:
        return False
    audit.record(
        "lift_suppression",
        "action",
        action.id,
        actor_kind="coordinator" if by else "organizer",
        coordinator_id=by.id if by else None,
    )
    return True
