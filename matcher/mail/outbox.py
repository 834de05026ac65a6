"""Queueing email in the outbox table, in the same transaction as the change that caused it."""

from __future__ import annotations

import json
import uuid
from typing import Any

from flask import current_app
from sqlalchemy import select

from matcher.extensions import db
from matcher.jobs.dispatch import dispatch_after_commit
from matcher.mail.compose import compose
from matcher.models import OutboundEmail
from matcher.security.crypto import blind_index


def new_message_id() -> str:
    """A Message-ID on the service's own domain."""
    return f"<{uuid.uuid4().hex}@{current_app.config['SERVER_NAME_FOR_MAIL']}>"


def queue_email(
    *,
    kind: str,
    key: str,
    recipient: str,
    template: str,
    language: str,
    headers: dict[str, str] | None = None,
    action_id: int | None = None,
    introduction_id: int | None = None,
    **context: Any,
) -> OutboundEmail:
    """Write a message to the outbox; it is delivered by a job after the commit.

    `key` makes the message idempotent: queueing the same key twice returns the first message.
    A message to an organizer (`action_id`) stores no address: only its blind index; the
    address is read from the action when the message is sent.
    """
    existing = db.session.scalar(select(OutboundEmail).where(OutboundEmail.idempotency_key == key))
    if existing is not None:
        return existing
    composed = compose(template, language, **context)
    email = OutboundEmail(
        kind=kind,
        idempotency_key=key,
        message_id=new_message_id(),
        recipient=None if action_id is not None else recipient,
        recipient_index=blind_index(recipient),
        subject=composed.subject,
        body_text=composed.text,
        body_html=composed.html,
        headers=json.dumps(headers or {}),
        action_id=action_id,
        introduction_id=introduction_id,
    )
    db.session.add(email)
    db.session.flush()
    dispatch_after_commit("send_email", email.id)
    return email
