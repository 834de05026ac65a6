"""Mail that reached the service (webhook or SMTP receiver): store it, tie it to its
introduction, mark replies, and stop writing to addresses that bounced.

Anyone can send us a delivery report naming any address, so a bounce counts only when it
answers a message we sent: its return path (VERP, `bounce+ID.SIGNATURE@`) or the original
Message-ID it quotes names one of our messages, which was sent to the address that failed. Then
that message alone is marked bounced, and its address is suppressed for a while
(matcher.operations.suppressions). Any other report is kept and changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from matcher.extensions import db
from matcher.mail.headers import bounced_email_ids, reply_tokens
from matcher.mail.inbound import AUTO_REPLY, BOUNCE, REPLY, ParsedEmail, parse
from matcher.models import (
    EmailStatus,
    InboundEmail,
    Introduction,
    OutboundEmail,
    WebhookSignature,
    utcnow,
)
from matcher.operations import audit
from matcher.operations.introductions import mark_replied, relay_reply
from matcher.operations.suppressions import record_bounce
from matcher.security.crypto import blind_index


class WebhookRefused(Exception):
    """The webhook request is not signed right, stale, or a replay."""


def _find_introduction(parsed: ParsedEmail, envelope_to: list[str]) -> int | None:
    ids = list(parsed.thread_ids)
    if ids:
        found = db.session.scalar(
            select(OutboundEmail.introduction_id)
            .where(OutboundEmail.message_id.in_(ids), OutboundEmail.introduction_id.is_not(None))
            .limit(1)
        )
        if found is None:
            found = db.session.scalar(
                select(Introduction.id).where(Introduction.thread_message_id.in_(ids)).limit(1)
            )
        if found is not None:
            return found
    domain = current_app.config["SERVER_NAME_FOR_MAIL"]
    tokens = reply_tokens([*envelope_to, *parsed.recipients], domain)
    if tokens:
        return db.session.scalar(
            select(Introduction.id).where(Introduction.reply_token.in_(tokens)).limit(1)
        )
    return None


def answered_message(parsed: ParsedEmail, envelope_to: list[str]) -> OutboundEmail | None:
    """The message of ours a delivery report answers, or None when it answers none of them
    (forged, or about someone else's mail)."""
    domain = current_app.config["SERVER_NAME_FOR_MAIL"]
    ids = bounced_email_ids([*envelope_to, *parsed.recipients], domain)
    email = db.session.get(OutboundEmail, ids[0]) if ids else None
    if email is None and parsed.original_message_id:
        email = db.session.scalar(
            select(OutboundEmail).where(OutboundEmail.message_id == parsed.original_message_id)
        )
    if email is None or email.status not in (EmailStatus.sent, EmailStatus.bounced):
        return None
    failed = {blind_index(address) for address in parsed.bounced}
    if failed and email.recipient_index not in failed:
        return None  # the report is about another recipient than that message's
    return email


def _record_bounce(email: OutboundEmail) -> None:
    """Mark the one message a genuine report answers, and pause mail to its address."""
    db.session.execute(
        update(OutboundEmail)
        .where(OutboundEmail.id == email.id, OutboundEmail.status == EmailStatus.sent)
        .values(status=EmailStatus.bounced)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(email, ["status"])
    if email.recipient_index:
        record_bounce(email.recipient_index)


def receive(raw: bytes, envelope_to: list[str] | tuple[str, ...] = ()) -> InboundEmail:
    """Store one inbound message and act on it (flushes). A message seen before (same
    Message-ID, e.g. a webhook retry) is not stored twice."""
    parsed = parse(raw)
    if parsed.message_id:
        seen = db.session.scalar(
            select(InboundEmail).where(InboundEmail.message_id == parsed.message_id)
        )
        if seen is not None:
            return seen
    envelope = [address.lower() for address in envelope_to]
    answered = answered_message(parsed, envelope) if parsed.kind == BOUNCE else None
    introduction_id = _find_introduction(parsed, envelope)
    if parsed.kind == BOUNCE:  # tied to an introduction through the message it answers only
        introduction_id = answered.introduction_id if answered else None
    inbound = InboundEmail(
        kind=parsed.kind,
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        sender=parsed.sender,
        subject=parsed.subject,
        body_text=parsed.text[:20000],
        raw=raw,
        introduction_id=introduction_id,
        outbound_email_id=answered.id if answered else None,
    )
    db.session.add(inbound)
    if answered is not None:
        _record_bounce(answered)
    introduction = db.session.get(Introduction, introduction_id) if introduction_id else None
    if introduction is not None and parsed.kind == REPLY:
        mark_replied(introduction)
        db.session.flush()
        relay_reply(introduction, inbound.id, parsed.sender, [*parsed.recipients], parsed.text)
    if parsed.kind in (REPLY, AUTO_REPLY, BOUNCE):
        audit.record(
            f"inbound_{parsed.kind}",
            "introduction" if introduction_id else "inbound_email",
            introduction_id,
        )
    db.session.flush()
    return inbound


def signature_for(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 (hex) over `timestamp`, a dot, and the body."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def verify_webhook(timestamp: str | None, signature: str | None, body: bytes) -> None:
    """Check the signature, refuse timestamps older than the allowed age and signatures seen
    before (records this one; flushes). Raises `WebhookRefused`."""
    config = current_app.config
    secret = config["INBOUND_WEBHOOK_SECRET"]
    if not secret or not timestamp or not signature:
        raise WebhookRefused("unsigned")
    expected = signature_for(secret, timestamp, body)
    if not hmac.compare_digest(expected, signature.strip().lower()):
        raise WebhookRefused("bad signature")
    try:
        age = time.time() - int(timestamp)
    except ValueError:
        raise WebhookRefused("bad timestamp") from None
    max_age = config["INBOUND_WEBHOOK_MAX_AGE_SECONDS"]
    if abs(age) > max_age:
        raise WebhookRefused("stale timestamp")
    seen = select(WebhookSignature.id).where(WebhookSignature.signature == expected)
    if db.session.scalar(seen) is not None:
        raise WebhookRefused("replay")
    db.session.execute(
        delete(WebhookSignature).where(
            WebhookSignature.received_at < utcnow() - timedelta(seconds=2 * max_age)
        )
    )
    db.session.add(WebhookSignature(signature=expected))
    db.session.flush()
