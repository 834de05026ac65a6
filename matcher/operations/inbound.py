"""Mail that reached the service (webhook or SMTP receiver): store it, tie it to its
introduction, mark replies, and stop writing to addresses that bounced."""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, or_, select, update

from matcher.extensions import db
from matcher.mail.headers import reply_tokens
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
from matcher.operations.unsubscribe import suppress
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


def _record_bounce(parsed: ParsedEmail) -> None:
    for address in parsed.bounced:
        suppress(address, "bounced")
    bounced = [blind_index(address) for address in parsed.bounced]
    condition = [OutboundEmail.recipient_index.in_(bounced)] if bounced else []
    if parsed.original_message_id:
        condition.append(OutboundEmail.message_id == parsed.original_message_id)
    if condition:
        db.session.execute(
            update(OutboundEmail)
            .where(or_(*condition), OutboundEmail.status == EmailStatus.sent)
            .values(status=EmailStatus.bounced)
            .execution_options(synchronize_session=False)
        )


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
    introduction_id = _find_introduction(parsed, [a.lower() for a in envelope_to])
    inbound = InboundEmail(
        kind=parsed.kind,
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        sender=parsed.sender,
        subject=parsed.subject,
        body_text=parsed.text[:20000],
        raw=raw,
        introduction_id=introduction_id,
    )
    db.session.add(inbound)
    if parsed.kind == BOUNCE:
        _record_bounce(parsed)
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
