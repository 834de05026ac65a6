"""Reads of coordinators' decisions: the pairs decided last (who, when, why), the decided pairs
of one action, and whether a decision can still be undone (no email of it has gone out).

Every list goes through the scope rule (matcher.queries.scope): a pair is listed when the
coordinator may read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from matcher.extensions import db
from matcher.models import (
    Action,
    Coordinator,
    EmailStatus,
    Introduction,
    OutboundEmail,
    Suggestion,
    SuggestionStatus,
)
from matcher.queries.scope import pair_clause

DECIDED = (SuggestionStatus.approved, SuggestionStatus.rejected)
# Statuses of a message that never reached anyone: an undo may drop it.
NOT_GONE_OUT = (EmailStatus.queued, EmailStatus.cancelled, EmailStatus.failed)


def emails_gone_out(introduction_id: int) -> int:
    """How many of the introduction's messages were (or may have been) handed to a server: a
    failed one counts when its transmission had started (its outcome may be unknown)."""
    query = select(func.count(OutboundEmail.id)).where(
        OutboundEmail.introduction_id == introduction_id,
        or_(
            OutboundEmail.status.not_in(NOT_GONE_OUT),
            and_(
                OutboundEmail.status == EmailStatus.failed,
                OutboundEmail.transmit_started_at.is_not(None),
            ),
        ),
    )
    return db.session.scalar(query) or 0


def undoable(suggestion: Suggestion) -> bool:
    """Whether an undo would be accepted now: any rejection, an approval while no email of its
    introduction has gone out."""
    if suggestion.status == SuggestionStatus.rejected:
        return True
    if suggestion.status != SuggestionStatus.approved:
        return False
    introduction_id = db.session.scalar(
        select(Introduction.id).where(Introduction.suggestion_id == suggestion.id)
    )
    return introduction_id is None or not emails_gone_out(introduction_id)


@dataclass(frozen=True)
class Decision:
    """One decided pair as a coordinator may read it."""

    suggestion: Suggestion
    action_a: Action
    action_b: Action
    decided_by_id: int | None
    decided_by: str | None  # the deciding coordinator's email (None: account gone)
    decided_at: datetime | None
    reason: str | None
    can_undo: bool


def _decisions(query, limit: int) -> list[Decision]:  # type: ignore[no-untyped-def]
    rows = db.session.execute(query.limit(limit)).all()
    return [
        Decision(s, a, b, s.decided_by_id, email, s.decided_at, s.decision_reason, undoable(s))
        for s, a, b, email in rows
    ]


def _decided_query(coordinator: Coordinator):  # type: ignore[no-untyped-def]
    a, b = aliased(Action), aliased(Action)
    return (
        (
            select(Suggestion, a, b, Coordinator.email)
            .join(a, Suggestion.action_a_id == a.id)
            .join(b, Suggestion.action_b_id == b.id)
            .outerjoin(Coordinator, Suggestion.decided_by_id == Coordinator.id)
            .where(Suggestion.status.in_(DECIDED), pair_clause(coordinator, a, b))
            .order_by(Suggestion.decided_at.desc().nulls_last(), Suggestion.id.desc())
        ),
        a,
        b,
    )


def recent_decisions(
    coordinator: Coordinator, *, decided_by: int | None = None, limit: int = 100
) -> list[Decision]:
    """The pairs decided last (newest first), optionally by one coordinator."""
    query, _a, _b = _decided_query(coordinator)
    if decided_by is not None:
        query = query.where(Suggestion.decided_by_id == decided_by)
    return _decisions(query, limit)


def action_decisions(coordinator: Coordinator, action: Action, limit: int = 100) -> list[Decision]:
    """The decided pairs one action is a side of, newest first."""
    query, a, b = _decided_query(coordinator)
    query = query.where(or_(a.id == action.id, b.id == action.id))
    return _decisions(query, limit)
