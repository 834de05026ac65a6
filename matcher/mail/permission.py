"""Checks made again right before a message is sent: may it still go out?

Consent can be withdrawn and addresses can unsubscribe or bounce between queueing and sending;
what counts is the state at send time (DESIGN.md section 8).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select

from matcher.extensions import db
from matcher.models import (
    Action,
    ActionStatus,
    CoalitionRequest,
    Introduction,
    IntroductionStatus,
    OutboundEmail,
    Suggestion,
    Suppression,
    utcnow,
)
from matcher.security.crypto import blind_index

# Kinds of introduction mail and the introduction states in which each may still be sent.
OPEN = (IntroductionStatus.requested, IntroductionStatus.accepted_by_one)
INTRODUCED = (IntroductionStatus.introduced, IntroductionStatus.replied)
KIND_STATES: dict[str, tuple[IntroductionStatus, ...] | None] = {
    "optin_request": OPEN,
    "optin_reminder": OPEN,
    "introduction": INTRODUCED,
    "intro_relay": INTRODUCED,
    "intro_closed": None,  # "this introduction will not happen": always allowed
}
CONSENT_FIELDS = {"region": "intro_region", "target": "intro_target"}
# Mail the person just asked for goes even to an address that bounced: following its link is
# how they show the mailbox works again (and it lifts the suppression).
ASKED_FOR = frozenset({"verify"})


def suppression_reason(address: str) -> str | None:
    """`bounced` or `unsubscribed` when `address` must not get (some) mail, else None."""
    return suppression_reason_for_index(blind_index(address))


def suppression_reason_for_index(index: str) -> str | None:
    """`suppression_reason` of the address whose blind index is `index` (a bounce suppression
    whose time is over is no longer one)."""
    query = select(Suppression.reason).where(
        Suppression.email == index,
        or_(Suppression.expires_at.is_(None), Suppression.expires_at > utcnow()),
    )
    return db.session.scalar(query)


def introduction_kinds(introduction: Introduction) -> list[str]:
    """The kinds of introduction it is: the suggestion's; "region" for a coalition
    introduction an organizer asked for (matcher.operations.coalition); else either."""
    if introduction.suggestion_id is not None:
        suggestion = db.session.get(Suggestion, introduction.suggestion_id)
        if suggestion is not None:
            return [kind for kind in suggestion.kinds.split(",") if kind in CONSENT_FIELDS]
    if introduction.id is not None:
        asked = select(CoalitionRequest.id).where(
            CoalitionRequest.introduction_id == introduction.id
        )
        if db.session.scalar(asked) is not None:
            return ["region"]
    return ["region", "target"]


def introduction_allowed(introduction: Introduction, kinds: Iterable[str] | None = None) -> bool:
    """Both actions still published and both still consent to at least one of the kinds the
    introduction is for (`introduction_kinds` unless given)."""
    kinds = list(kinds) if kinds is not None else introduction_kinds(introduction)
    actions = [introduction.action_a, introduction.action_b]
    if any(action is None or action.status != ActionStatus.published for action in actions):
        return False
    return any(all(getattr(action, CONSENT_FIELDS[kind]) for action in actions) for kind in kinds)


def refusal(email: OutboundEmail) -> str | None:
    """Why `email` must not be sent now, or None when it may go."""
    if email.recipient_address is None:
        return "recipient's action or contact details deleted"
    suppressed = suppression_reason_for_index(email.recipient_index)
    if suppressed == "bounced" and email.kind not in ASKED_FOR:
        return "recipient address bounced"
    if email.kind in KIND_STATES and email.introduction_id is None:
        return "introduction deleted"  # e.g. one organizer deleted their action and data
    if email.introduction_id is None or email.kind not in KIND_STATES:
        return None  # unsubscribing stops introductions, not an organizer's own links
    if suppressed is not None:
        return "recipient unsubscribed from introductions"
    introduction = db.session.get(Introduction, email.introduction_id)
    if introduction is None:
        return "introduction deleted"
    states = KIND_STATES[email.kind]
    if states is None:
        recipient_action = db.session.get(Action, email.action_id) if email.action_id else None
        return None if recipient_action is not None else "recipient's action deleted"
    if introduction.status not in states or introduction.closed_at is not None:
        return f"introduction is {introduction.status.value}"
    if not introduction_allowed(introduction):
        return "consent withdrawn or action no longer published"
    if email.kind == "optin_reminder" and has_answered(introduction, email.action_id):
        return "already answered"
    return None


def has_answered(introduction: Introduction, action_id: int | None) -> bool:
    """Whether the side of `action_id` accepted or declined."""
    if action_id is not None and introduction.declined_by_id == action_id:
        return True
    if action_id == introduction.action_a_id:
        return introduction.accepted_a_at is not None
    if action_id == introduction.action_b_id:
        return introduction.accepted_b_at is not None
    return False
