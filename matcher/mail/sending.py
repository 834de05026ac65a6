"""The send job: deliver one queued message once, retry with backoff, give up visibly."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import EmailStatus, OutboundEmail, Suppression, utcnow

log = logging.getLogger(__name__)


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt: 1, 2, 4, 8 ... minutes, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def send_email(email_id: int) -> EmailStatus | None:
    """Deliver a queued message (a job; commits). Returns the message's new status."""
    from matcher.mail.transport import deliver

    query = select(OutboundEmail).where(OutboundEmail.id == email_id).with_for_update()
    email = db.session.scalar(query)
    if email is None or email.status != EmailStatus.queued:
        db.rollback()
        return email.status if email else None
    suppressed = db.session.scalar(
        select(Suppression.id).where(Suppression.email == email.recipient.lower())
    )
    if suppressed is not None:
        email.status = EmailStatus.cancelled
        email.last_error = "recipient unsubscribed or bounced"
        db.commit()
        return email.status
    email.attempts += 1
    try:
        deliver(email)
    except Exception as exc:  # any transport failure: keep the message, try again later
        email.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if email.attempts >= current_app.config["MAIL_SEND_ATTEMPTS"]:
            email.status = EmailStatus.failed
        else:
            email.next_attempt_at = utcnow() + backoff(email.attempts)
        log.warning(
            "sending message %s failed (attempt %s): %s",
            email.id,
            email.attempts,
            type(exc).__name__,
        )
    else:
        email.status = EmailStatus.sent
        email.sent_at = utcnow()
        email.last_error = None
    db.commit()
    return email.status


def due_email_ids(limit: int = 500) -> list[int]:
    """Queued messages whose next attempt is due (for the retry job)."""
    now = utcnow()
    query = (
        select(OutboundEmail.id)
        .where(OutboundEmail.status == EmailStatus.queued)
        .where((OutboundEmail.next_attempt_at.is_(None)) | (OutboundEmail.next_attempt_at <= now))
        .order_by(OutboundEmail.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))
