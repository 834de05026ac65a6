"""The send job: deliver one outbox message at most once, retry with backoff, give up visibly.

How a message moves (each arrow is its own committed transaction):

    queued --claim--> sending --transmit--> sending (transmit_started_at set) --> sent
       ^                 |                        |
       +-- refused by the server before/at DATA --+--> queued again (backoff) or failed
    cancelled: the send-time checks (unsubscribed, bounced, consent withdrawn) said no.

1. *Claim*: a conditional UPDATE moves the row from `queued` (due) to `sending` with a lease
   (`MAIL_SEND_LEASE_SECONDS`) and counts the attempt. Only one job can win it, on SQLite and on
   PostgreSQL alike; a duplicate job (a Celery redelivery, a cron sweep) finds nothing to do.
2. *Transmit*: right before the message itself is handed over (the SMTP DATA command, after
   MAIL FROM/RCPT TO succeeded) `transmit_started_at` is committed.
3. *Record*: `sent` is committed once the server accepted the message. When the server refuses
   it with an SMTP reply, nothing was delivered: on a 4xx (or a failure before DATA, such as a
   refused connection or a certificate that does not verify) the row goes back to `queued`
   with a backoff (1, 2, 4 ... minutes), and to `failed` after `MAIL_SEND_ATTEMPTS`; on a 5xx
   it is `failed` at once.

Recovery (`recover_stale`, run by every sweep): a row still `sending` after its lease was left
by a crashed job. Without `transmit_started_at`, nothing was handed over and it is sent again.
With it, the server may or may not have accepted the message, and nobody can ask it: the row
becomes `failed` with "delivery outcome unknown", listed for coordinators, never resent blindly.

The guarantee, honestly: **at most once** per outbox row (the row's idempotency key is unique,
so a retried operation never queues a second row). A message is lost only when the process or
the connection dies during the DATA exchange itself (milliseconds), and then it is not lost
silently: it is listed as failed for a coordinator, who may requeue it. A resend keeps the
row's Message-ID, so mail clients that drop duplicate Message-IDs show it once.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update

from matcher.extensions import db
from matcher.mail.permission import refusal
from matcher.mail.transport import deliver
from matcher.models import EmailStatus, OutboundEmail, utcnow
from matcher.security.lookalikes import EMAIL

log = logging.getLogger(__name__)

UNKNOWN_OUTCOME = "delivery outcome unknown: interrupted while handing the message over"


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt: 1, 2, 4, 8 ... minutes, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def _claimable(now):  # type: ignore[no-untyped-def]
    """Rows a send job may take: due queued rows, and abandoned claims that never transmitted."""
    queued_due = and_(
        OutboundEmail.status == EmailStatus.queued,
        or_(OutboundEmail.next_attempt_at.is_(None), OutboundEmail.next_attempt_at <= now),
    )
    abandoned = and_(
        OutboundEmail.status == EmailStatus.sending,
        OutboundEmail.lease_expires_at < now,
        OutboundEmail.transmit_started_at.is_(None),
    )
    return or_(queued_due, abandoned)


def _set(email_id: int, condition, **values) -> bool:  # type: ignore[no-untyped-def]
    """Conditional UPDATE of one row; True when this job changed it."""
    statement = (
        update(OutboundEmail)
        .where(OutboundEmail.id == email_id, condition)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(statement).rowcount == 1


def _claim(email: OutboundEmail) -> bool:
    """Take the message for this job (commits); False when another job has it or it is done."""
    now = utcnow()
    reason = refusal(email)
    if reason is not None:
        cancelled = _set(email.id, _claimable(now), status=EmailStatus.cancelled, last_error=reason)
        db.commit()
        if cancelled:
            log.info("message %s cancelled at send time: %s", email.id, reason)
        return False
    lease = timedelta(seconds=current_app.config["MAIL_SEND_LEASE_SECONDS"])
    claimed = _set(
        email.id,
        _claimable(now),
        status=EmailStatus.sending,
        attempts=OutboundEmail.attempts + 1,
        lease_expires_at=now + lease,
        transmit_started_at=None,
    )
    db.commit()
    return claimed


def _mark_transmitting(email_id: int) -> None:
    """Commit that the message is being handed over (called right before SMTP DATA)."""
    _set(email_id, OutboundEmail.status == EmailStatus.sending, transmit_started_at=utcnow())
    db.commit()


def _record_sent(email_id: int) -> None:
    _set(
        email_id,
        OutboundEmail.status == EmailStatus.sending,
        status=EmailStatus.sent,
        sent_at=utcnow(),
        last_error=None,
        lease_expires_at=None,
    )
    db.commit()


def _permanent(exc: Exception) -> bool:
    """An SMTP 5xx answer: trying again would get the same refusal."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def failure_text(exc: Exception) -> str:
    """What to keep of a sending error: its kind and the server's words, with any address
    the server repeated masked (the column is encrypted too)."""
    return EMAIL.sub("<address>", f"{type(exc).__name__}: {exc}")[:500]


def _record_failure(email: OutboundEmail, exc: Exception) -> None:
    """After an error: retry later when nothing can have been delivered, else give up."""
    error = failure_text(exc)
    db.session.refresh(email)
    refused = isinstance(exc, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused)
    if email.transmit_started_at is not None and not refused:
        values = {"status": EmailStatus.failed, "last_error": f"{UNKNOWN_OUTCOME} ({error})"}
    elif _permanent(exc) or email.attempts >= current_app.config["MAIL_SEND_ATTEMPTS"]:
        values = {"status": EmailStatus.failed, "last_error": error}
    else:
        values = {
            "status": EmailStatus.queued,
            "last_error": error,
            "next_attempt_at": utcnow() + backoff(email.attempts),
        }
    _set(email.id, OutboundEmail.status == EmailStatus.sending, lease_expires_at=None, **values)
    db.commit()
    log.warning(
        "sending message %s failed (attempt %s): %s", email.id, email.attempts, type(exc).__name__
    )


def send_email(email_id: int) -> EmailStatus | None:
    """Deliver a queued message (a job; commits). Returns the message's new status."""
    email = db.session.get(OutboundEmail, email_id)
    if email is None:
        db.rollback()
        return None
    if not _claim(email):
        db.session.refresh(email)
        return email.status
    db.session.refresh(email)
    try:
        deliver(email, before_data=lambda: _mark_transmitting(email_id))
    except Exception as exc:  # any transport failure: decide between retry and give up
        db.rollback()
        _record_failure(email, exc)
    else:
        _record_sent(email_id)
    db.session.refresh(email)
    return email.status


def recover_stale() -> int:
    """Fail claims abandoned after transmission began (outcome unknown); returns how many.

    Abandoned claims that never began transmitting are simply claimable again.
    """
    now = utcnow()
    statement = (
        update(OutboundEmail)
        .where(
            OutboundEmail.status == EmailStatus.sending,
            OutboundEmail.lease_expires_at < now,
            OutboundEmail.transmit_started_at.is_not(None),
        )
        .values(status=EmailStatus.failed, last_error=UNKNOWN_OUTCOME, lease_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    count = db.session.execute(statement).rowcount
    db.commit()
    if count:
        log.warning("%s message(s) interrupted during delivery marked failed", count)
    return count


def requeue_email(email: OutboundEmail) -> None:
    """Let a coordinator send a failed message again (same Message-ID); flushes."""
    if email.status == EmailStatus.failed:
        email.status = EmailStatus.queued
        email.attempts = 0
        email.next_attempt_at = None
        email.transmit_started_at = None
        db.session.flush()


def due_email_ids(limit: int = 500) -> list[int]:
    """Messages a send job may take now (for the retry sweep)."""
    query = (
        select(OutboundEmail.id).where(_claimable(utcnow())).order_by(OutboundEmail.id).limit(limit)
    )
    return list(db.session.scalars(query))
