"""Coordinators' reads of introductions: the list, one introduction's timeline, failed mail.

Everything here goes through the scope rule (matcher.queries.scope): an introduction is listed
when its pair is readable; of its messages, the recipient, the error and the replies show only
for the sides in the coordinator's scope. A timeline says which actions' contact details it
shows, so the caller can audit the look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from matcher.extensions import db
from matcher.models import (
    Action,
    AuditEntry,
    Coordinator,
    EmailStatus,
    InboundEmail,
    Introduction,
    OutboundEmail,
)
from matcher.queries.scope import action_clause, may_read_action, may_read_pair, pair_clause


@dataclass(frozen=True)
class SentRow:
    """One message the service sent; `recipient` and `error` are None when out of scope."""

    email: OutboundEmail
    recipient: str | None
    error: str | None
    readable: bool


@dataclass(frozen=True)
class ReceivedRow:
    """One message that reached the service; `message` is None when its sender is out of scope
    (only its kind and time are shown)."""

    kind: str
    received_at: datetime
    message: InboundEmail | None


@dataclass(frozen=True)
class Timeline:
    """An introduction as one coordinator may read it."""

    introduction: Introduction
    sent: list[SentRow]
    received: list[ReceivedRow]
    events: list[AuditEntry]
    contact_action_ids: list[int] = field(default_factory=list)


def readable_introductions(coordinator: Coordinator, limit: int = 500) -> list[Introduction]:
    """Introductions whose pair the coordinator may read, newest first."""
    a, b = aliased(Action), aliased(Action)
    query = (
        select(Introduction)
        .join(a, Introduction.action_a_id == a.id)
        .join(b, Introduction.action_b_id == b.id)
        .where(pair_clause(coordinator, a, b))
        .order_by(Introduction.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def readable_introduction(coordinator: Coordinator, introduction_id: int) -> Introduction | None:
    """The introduction, when its pair is readable by the coordinator."""
    introduction = db.session.get(Introduction, introduction_id)
    if introduction is None:
        return None
    if not may_read_pair(coordinator, introduction.action_a, introduction.action_b):
        return None
    return introduction


def message_readable(coordinator: Coordinator, email: OutboundEmail) -> bool:
    """Whether the coordinator may read the message's recipient and error (and resend it)."""
    action = db.session.get(Action, email.action_id) if email.action_id else None
    return may_read_action(coordinator, action)


def failed_messages(coordinator: Coordinator, limit: int = 500) -> list[SentRow]:
    """Messages that could not be delivered to organizers in scope, newest first."""
    recipient = aliased(Action)
    query = (
        select(OutboundEmail)
        .outerjoin(recipient, OutboundEmail.action_id == recipient.id)
        .where(OutboundEmail.status == EmailStatus.failed)
        .order_by(OutboundEmail.id.desc())
        .limit(limit)
    )
    if not coordinator.is_admin:
        query = query.where(action_clause(coordinator, recipient))
    return [_sent_row(coordinator, email) for email in db.session.scalars(query)]


def _sent_row(coordinator: Coordinator, email: OutboundEmail) -> SentRow:
    if message_readable(coordinator, email):
        return SentRow(email, email.recipient_address, email.last_error, True)
    return SentRow(email, None, None, False)


def _sender_action(introduction: Introduction, message: InboundEmail) -> Action | None:
    """The side a message came from: the organizer who wrote it, or the one whose message a
    bounce answers."""
    if message.outbound_email_id is not None:
        answered = db.session.get(OutboundEmail, message.outbound_email_id)
        if answered is not None and answered.action_id is not None:
            return db.session.get(Action, answered.action_id)
    for action in (introduction.action_a, introduction.action_b):
        if message.sender_index and message.sender_index == action.contact_email_index:
            return action
    return None


def _readable_message(coordinator: Coordinator, introduction: Introduction, message: InboundEmail):  # type: ignore[no-untyped-def]
    side = _sender_action(introduction, message)
    if side is not None:
        return may_read_action(coordinator, side), side
    both = all(
        may_read_action(coordinator, action)
        for action in (introduction.action_a, introduction.action_b)
    )
    return both, None


def timeline(coordinator: Coordinator, introduction: Introduction) -> Timeline:
    """Decisions, messages sent and messages received, as the coordinator may read them."""
    outbound = db.session.scalars(
        select(OutboundEmail)
        .where(OutboundEmail.introduction_id == introduction.id)
        .order_by(OutboundEmail.id)
    ).all()
    inbound = db.session.scalars(
        select(InboundEmail)
        .where(InboundEmail.introduction_id == introduction.id)
        .order_by(InboundEmail.received_at, InboundEmail.id)
    ).all()
    events = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.subject_type == "introduction", AuditEntry.subject_id == introduction.id)
        .order_by(AuditEntry.id)
    ).all()
    sent = [_sent_row(coordinator, email) for email in outbound]
    shown = {row.email.action_id for row in sent if row.readable and row.email.action_id}
    received = []
    for message in inbound:
        readable, side = _readable_message(coordinator, introduction, message)
        if readable and side is not None:
            shown.add(side.id)
        received.append(
            ReceivedRow(message.kind, message.received_at, message if readable else None)
        )
    return Timeline(introduction, sent, received, list(events), sorted(shown))
