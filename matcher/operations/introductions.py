"""Introductions by double opt-in: ask each side separately, introduce when both accept.

Privacy rules kept here:
- each side gets its own request, in its own language, describing the other action without
  any contact details; names and addresses go out only once both accepted;
- a decline is never revealed: it ends the introduction quietly (no reminders any more), and
  when the request's time is up every side that did not decline, and was asked, receives the
  same "this introduction will not happen" notice an expired request gets; it names only the
  reader's own action (the other one may have been withdrawn since). Answers given after a
  decline are recorded and thanked like any other answer.

Operations flush and never commit; emails are queued in the same transaction.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from matcher.extensions import db
from matcher.jobs.dispatch import dispatch_after_commit
from matcher.mail.headers import reply_address, thread_headers, unsubscribe_headers
from matcher.mail.outbox import new_message_id, queue_email
from matcher.mail.permission import OPEN, introduction_allowed
from matcher.mail.sending import requeue_email
from matcher.models import (
    Action,
    Coordinator,
    EmailStatus,
    Introduction,
    IntroductionStatus,
    OutboundEmail,
    Suggestion,
    utcnow,
)
from matcher.operations import audit
from matcher.operations.optin import issue_optin_token, resolve_optin_token, use_side_tokens
from matcher.operations.submissions import link
from matcher.operations.unsubscribe import unsubscribe_url
from matcher.queries.organizations import coalition_request_for

REQUEST, REMINDER, INTRODUCTION, CLOSED, RELAY = (
    "optin_request",
    "optin_reminder",
    "introduction",
    "intro_closed",
    "intro_relay",
)


@dataclass(frozen=True)
class Answer:
    """The outcome of one side's answer, as that side may see it."""

    accepted: bool
    introduced: bool  # True only when this answer completed the introduction


def _sides(introduction: Introduction) -> list[tuple[Action, Action]]:
    """(this side, other side) for both sides."""
    return [
        (introduction.action_a, introduction.action_b),
        (introduction.action_b, introduction.action_a),
    ]


def deadline(introduction: Introduction) -> datetime:
    """When an unanswered request expires."""
    return introduction.created_at + timedelta(days=current_app.config["INTRO_EXPIRY_DAYS"])


def _key(introduction: Introduction, kind: str, action: Action, extra: str = "") -> str:
    return f"intro:{introduction.id}:{kind}:{action.id}{extra}"


def _was_asked(introduction: Introduction, action: Action) -> bool:
    """Whether the side's opt-in request was delivered (one cancelled at send time, because
    an action was withdrawn or a consent taken back, asked nobody anything)."""
    query = select(OutboundEmail.status).where(
        OutboundEmail.idempotency_key == _key(introduction, REQUEST, action)
    )
    return db.session.scalar(query) == EmailStatus.sent


def _sent_message_id(introduction: Introduction, kind: str, action: Action) -> str | None:
    query = select(OutboundEmail.message_id).where(
        OutboundEmail.idempotency_key == _key(introduction, kind, action)
    )
    return db.session.scalar(query)


def _queue(
    introduction: Introduction,
    kind: str,
    me: Action,
    other: Action,
    headers: dict[str, str],
    key_extra: str = "",
    **context: object,
) -> OutboundEmail:
    unsubscribe = unsubscribe_url(me)
    headers = {**unsubscribe_headers(unsubscribe), **headers}
    return queue_email(
        kind=kind,
        key=_key(introduction, kind, me, key_extra),
        recipient=me.contact_email,
        template=kind,
        language=me.language,
        headers=headers,
        action_id=me.id,
        introduction_id=introduction.id,
        me=me,
        other=other,
        introduction=introduction,
        expires_on=deadline(introduction).date(),
        unsubscribe_url=unsubscribe,
        **context,
    )


def _why(introduction: Introduction) -> list:
    """The reasons of the suggestion behind an introduction (data, written in each
    recipient's language by the template; they name targets and places, never a contact)."""
    if introduction.suggestion_id is None:
        return []
    suggestion = db.session.get(Suggestion, introduction.suggestion_id)
    return list(suggestion.reasons or []) if suggestion is not None else []


def _queue_optin(introduction: Introduction, kind: str, me: Action, other: Action) -> None:
    token = issue_optin_token(introduction, me, deadline(introduction))
    parent = _sent_message_id(introduction, REQUEST, me) if kind == REMINDER else None
    asked = coalition_request_for(introduction.id)  # an organizer asked to meet an organization
    _queue(
        introduction,
        kind,
        me,
        other,
        thread_headers(parent, [introduction.thread_message_id or ""]),
        accept_url=link(f"/introductions/{token}/accept", me.language),
        decline_url=link(f"/introductions/{token}/decline", me.language),
        coalition_name=asked.organization.name if asked else None,
        coalition_asked=asked is not None and asked.action_id == me.id,
        why=_why(introduction),
    )


def start_introduction(introduction: Introduction) -> None:
    """Queue the two opt-in requests of a new (flushed, status requested) introduction."""
    introduction.reply_token = introduction.reply_token or secrets.token_hex(16)
    introduction.thread_message_id = introduction.thread_message_id or new_message_id()
    db.session.flush()
    for me, other in _sides(introduction):
        _queue_optin(introduction, REQUEST, me, other)
    audit.record("introduction_requested", "introduction", introduction.id)


def _introduce(introduction: Introduction) -> None:
    """Both accepted: one introduction email to both, a copy per person in their language (the
    `To` showing both is written when each copy is sent, see matcher.mail.recipients)."""
    introduction.status = IntroductionStatus.introduced
    introduction.introduced_at = utcnow()
    for me, other in _sides(introduction):
        parent = _sent_message_id(introduction, REQUEST, me)
        headers = {
            "Reply-To": reply_address(introduction.reply_token or ""),
            **thread_headers(parent, [introduction.thread_message_id or ""]),
        }
        _queue(introduction, INTRODUCTION, me, other, headers, note=introduction.note)
    audit.record("introduction_sent", "introduction", introduction.id)


def answer(token: str, *, accept: bool) -> Answer:
    """Record one side's accept or decline from its opt-in link (single use; raises
    `TokenError`). The result never tells whether the other side declined."""
    found = resolve_optin_token(token, consume=True)
    introduction, me = found.introduction, found.action
    side = "a" if me.id == introduction.action_a_id else "b"
    now = utcnow()
    if not accept:
        if introduction.status in OPEN:
            introduction.status = IntroductionStatus.declined
        introduction.declined_at = introduction.declined_at or now
        introduction.declined_by_id = me.id
        audit.record("introduction_declined", "introduction", introduction.id, side=side)
        return Answer(accepted=False, introduced=False)
    setattr(introduction, f"accepted_{side}_at", now)
    audit.record("introduction_accepted", "introduction", introduction.id, side=side)
    if introduction.status not in OPEN:
        return Answer(accepted=True, introduced=False)
    if introduction.accepted_a_at is None or introduction.accepted_b_at is None:
        introduction.status = IntroductionStatus.accepted_by_one
        return Answer(accepted=True, introduced=False)
    if not introduction_allowed(introduction):
        introduction.status = IntroductionStatus.declined  # consent withdrawn meanwhile
        introduction.declined_at = now
        audit.record("introduction_ended", "introduction", introduction.id, reason="consent")
        return Answer(accepted=True, introduced=False)
    use_side_tokens(introduction, found.other.id)
    _introduce(introduction)
    return Answer(accepted=True, introduced=True)


def remind_and_expire(now: datetime | None = None) -> dict[str, int]:
    """Remind unanswered sides once after `INTRO_REMINDER_DAYS`; after `INTRO_EXPIRY_DAYS`
    expire open requests and tell every side that did not decline, in the same words."""
    now = now or utcnow()
    config = current_app.config
    counts = {"reminded": 0, "expired": 0, "closed": 0}
    remind_before = now - timedelta(days=config["INTRO_REMINDER_DAYS"])
    expire_before = now - timedelta(days=config["INTRO_EXPIRY_DAYS"])
    closable = select(Introduction).where(
        Introduction.status.in_([*OPEN, IntroductionStatus.declined]),
        Introduction.closed_at.is_(None),
        Introduction.created_at <= expire_before,
    )
    for introduction in db.session.scalars(closable).all():
        if introduction.status in OPEN:
            introduction.status = IntroductionStatus.expired
            counts["expired"] += 1
            audit.record("introduction_expired", "introduction", introduction.id)
        introduction.closed_at = now
        for me, other in _sides(introduction):
            if introduction.declined_by_id != me.id and _was_asked(introduction, me):
                parent = _sent_message_id(introduction, REQUEST, me)
                headers = thread_headers(parent, [introduction.thread_message_id or ""])
                _queue(
                    introduction,
                    CLOSED,
                    me,
                    other,
                    headers,
                    asked_on=introduction.created_at.date(),
                )
        counts["closed"] += 1
    remindable = select(Introduction).where(
        Introduction.status.in_(OPEN),
        Introduction.reminded_at.is_(None),
        Introduction.created_at <= remind_before,
        Introduction.created_at > expire_before,
    )
    for introduction in db.session.scalars(remindable).all():
        introduction.reminded_at = now
        for me, other in _sides(introduction):
            accepted = (
                introduction.accepted_a_at
                if me.id == introduction.action_a_id
                else (introduction.accepted_b_at)
            )
            if accepted is None:
                _queue_optin(introduction, REMINDER, me, other)
                counts["reminded"] += 1
    db.session.flush()
    return counts


def requeue_failed(introduction: Introduction, email: OutboundEmail, by: Coordinator) -> None:
    """A coordinator sends a failed message of the introduction again (same Message-ID): it is
    queued, audited, and handed to a send job after the commit."""
    requeue_email(email)
    audit.record(
        "requeue_email",
        "introduction",
        introduction.id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        email_id=email.id,
    )
    dispatch_after_commit("send_email", email.id)


def mark_replied(introduction: Introduction) -> None:
    """A reply to the introduction email reached the service."""
    if introduction.status == IntroductionStatus.introduced:
        introduction.status = IntroductionStatus.replied
        introduction.replied_at = utcnow()
        audit.record("introduction_replied", "introduction", introduction.id)


def relay_reply(
    introduction: Introduction,
    inbound_id: int,
    sender: str | None,
    recipients: list[str],
    text: str,
) -> bool:
    """Pass a reply that reached only the service on to the other side (flushes); True when
    relayed. Only replies from one side's own address, after the introduction, are relayed."""
    if introduction.status not in (IntroductionStatus.introduced, IntroductionStatus.replied):
        return False
    sides = {me.contact_email.lower(): (me, other) for me, other in _sides(introduction)}
    if not sender or sender.lower() not in sides or not text.strip():
        return False
    author, reader = sides[sender.lower()]
    if reader.contact_email.lower() in {address.lower() for address in recipients}:
        return False  # they wrote to the other side themselves (reply all)
    parent = _sent_message_id(introduction, INTRODUCTION, reader)
    headers = {
        "Reply-To": reply_address(introduction.reply_token or ""),
        **thread_headers(parent, [introduction.thread_message_id or ""]),
    }
    _queue(
        introduction, RELAY, reader, author, headers, key_extra=f":{inbound_id}", reply_text=text
    )
    return True
