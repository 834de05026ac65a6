"""Coordinators' reads of introductions: the list, one introduction's timeline, failed mail.

Everything here goes through the scope rule (matcher.queries.scope): an introduction is listed
when its pair is readable; of its messages, the recipient, the error and the replies show only
for the sides in the coordinator's scope. A timeline says which actions' contact details it
shows, so the caller can audit the look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased

from matcher.extensions import db
from matcher.models import (
    Action,
    AuditEntry,
    Coordinator,
    EmailStatus,
    InboundEmail,
    Introduction,
    IntroductionStatus,
    OutboundEmail,
)
from matcher.queries.audit_log import coordinator_emails
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
    state: str = ""  # as the introductions list shows it (IntroductionRow.state)
    failure: str | None = None
    decided_by: dict[int, str] = field(default_factory=dict)  # coordinator id -> email


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


def readable_message(coordinator: Coordinator, introduction: Introduction, message: InboundEmail):  # type: ignore[no-untyped-def]
    """(whether the coordinator may read the message, the side it came from or None)."""
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
    about = and_(
        AuditEntry.subject_type == "introduction", AuditEntry.subject_id == introduction.id
    )
    if introduction.suggestion_id is not None:  # the decisions on the pair, undone ones too
        about = or_(
            about,
            and_(
                AuditEntry.subject_type == "suggestion",
                AuditEntry.subject_id == introduction.suggestion_id,
            ),
        )
    events = list(db.session.scalars(select(AuditEntry).where(about).order_by(AuditEntry.id)))
    deciders = coordinator_emails(events)
    sent = [_sent_row(coordinator, email) for email in outbound]
    shown = {row.email.action_id for row in sent if row.readable and row.email.action_id}
    received = []
    for message in inbound:
        readable, side = readable_message(coordinator, introduction, message)
        if readable and side is not None:
            shown.add(side.id)
        received.append(
            ReceivedRow(message.kind, message.received_at, message if readable else None)
        )
    row = _row(coordinator, introduction, list(outbound))
    if row.failure and row.failure_action_id:
        shown.add(row.failure_action_id)
    return Timeline(
        introduction,
        sent,
        received,
        list(events),
        sorted(shown),
        state=row.state,
        failure=row.failure,
        decided_by=deciders,
    )


# States that say where an introduction ended, whatever its messages did.
_FINAL = (IntroductionStatus.declined, IntroductionStatus.expired, IntroductionStatus.replied)
# A mail server's answer in a delivery report ("550 5.1.1 <...>: User unknown").
_DIAGNOSTIC = re.compile(r"\b[45]\d\d[ -][245]\.\d{1,3}\.\d{1,3}\b.*")


@dataclass(frozen=True)
class IntroductionRow:
    """One line of the introductions list: its state as the timeline tells it (`requested`,
    `accepted_by_one`, `introduced`, `delivered`, `replied`, `declined`, `expired`,
    `bounced`, `failed`) and the failure text when there is one the coordinator may read."""

    introduction: Introduction
    state: str
    failure: str | None
    failure_action_id: int | None = None


def bounce_text(message: InboundEmail | None) -> str | None:
    """The mail server's answer quoted in a delivery report, else its first line of text."""
    if message is None or not message.body_text:
        return None
    lines = [" ".join(line.split()) for line in message.body_text.splitlines()]
    text = " ".join(line for line in lines if line)
    found = _DIAGNOSTIC.search(text)
    return (found.group(0) if found else text)[:300] or None


def _failure(
    coordinator: Coordinator, emails: list[OutboundEmail]
) -> tuple[str | None, str | None, int | None]:
    """(state, failure text, the side's action id) of the last bounced or failed message."""
    for status, state in ((EmailStatus.bounced, "bounced"), (EmailStatus.failed, "failed")):
        hit = [email for email in emails if email.status == status]
        if not hit:
            continue
        email = hit[-1]
        if not message_readable(coordinator, email):
            return state, None, None
        if status == EmailStatus.failed:
            return state, email.last_error or None, email.action_id
        report = db.session.scalar(
            select(InboundEmail)
            .where(InboundEmail.outbound_email_id == email.id, InboundEmail.kind == "bounce")
            .order_by(InboundEmail.id.desc())
            .limit(1)
        )
        return state, bounce_text(report), email.action_id
    return None, None, None


def introduction_rows(coordinator: Coordinator, limit: int = 500) -> list[IntroductionRow]:
    """The readable introductions, newest first, each with the state its timeline shows."""
    return introduction_rows_for(coordinator, readable_introductions(coordinator, limit))


def introduction_rows_for(
    coordinator: Coordinator, introductions: list[Introduction]
) -> list[IntroductionRow]:
    """Rows of the list for introductions already known to be readable."""
    ids = [item.id for item in introductions]
    by_intro: dict[int, list[OutboundEmail]] = {}
    if ids:
        for email in db.session.scalars(
            select(OutboundEmail)
            .where(OutboundEmail.introduction_id.in_(ids))
            .order_by(OutboundEmail.id)
        ):
            by_intro.setdefault(email.introduction_id, []).append(email)  # type: ignore[arg-type]
    return [_row(coordinator, item, by_intro.get(item.id, [])) for item in introductions]


def _row(
    coordinator: Coordinator, item: Introduction, emails: list[OutboundEmail]
) -> IntroductionRow:
    """The state of one introduction from its status and its messages (oldest first)."""
    if item.status in _FINAL:
        return IntroductionRow(item, item.status.value, None)
    state, failure, side = _failure(coordinator, emails)
    if state is None and item.status == IntroductionStatus.introduced:
        sent = [e for e in emails if e.kind == "introduction"]
        done = bool(sent) and all(e.status == EmailStatus.sent for e in sent)
        state = "delivered" if done else "introduced"
    return IntroductionRow(item, state or item.status.value, failure, side)
