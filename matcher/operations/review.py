"""Coordinators' decisions on suggestions: approve (an introduction starts), reject, and undo a
decision while no email of it has gone out (every step audited)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from matcher.extensions import db
from matcher.models import (
    ActionStatus,
    Coordinator,
    EmailStatus,
    Introduction,
    OutboundEmail,
    Suggestion,
    SuggestionStatus,
    Token,
    utcnow,
)
from matcher.operations import OperationError, OutOfScope, audit
from matcher.operations.introductions import start_introduction
from matcher.queries.decisions import emails_gone_out
from matcher.queries.review_queue import in_scope


def _decidable(suggestion: Suggestion, by: Coordinator, *, approving: bool = False) -> None:
    if not in_scope(by, suggestion):
        raise OutOfScope(suggestion.id)
    if suggestion.status != SuggestionStatus.pending:
        raise OperationError({"suggestion": str(_l("This suggestion was already decided."))})
    sides = (suggestion.action_a, suggestion.action_b)
    if approving and any(action.status != ActionStatus.published for action in sides):
        message = _l("One of these actions is no longer published: it cannot be introduced.")
        raise OperationError({"suggestion": str(message)})


def _decided(
    suggestion: Suggestion, status: SuggestionStatus, by: Coordinator, reason: str | None
) -> None:
    suggestion.status = status
    suggestion.decided_by_id = by.id
    suggestion.decided_at = utcnow()
    suggestion.decision_reason = reason or None


def approve(suggestion: Suggestion, by: Coordinator, note: str = "") -> Introduction:
    """Approve: an introduction is created and its opt-in requests are queued (only while both
    actions are published)."""
    _decidable(suggestion, by, approving=True)
    _decided(suggestion, SuggestionStatus.approved, by, None)
    introduction = Introduction(
        suggestion_id=suggestion.id,
        action_a_id=suggestion.action_a_id,
        action_b_id=suggestion.action_b_id,
        note=note.strip(),
        created_by_id=by.id,
    )
    db.session.add(introduction)
    db.session.flush()
    audit.record(
        "approve",
        "suggestion",
        suggestion.id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        introduction_id=introduction.id,
    )
    start_introduction(introduction)
    return introduction


def reject(suggestion: Suggestion, by: Coordinator, reason: str = "") -> None:
    """Reject: the pair is never suggested again."""
    _decidable(suggestion, by)
    _decided(suggestion, SuggestionStatus.rejected, by, reason.strip())
    audit.record(
        "reject",
        "suggestion",
        suggestion.id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        reason=reason.strip()[:500],
    )


@dataclass
class BulkResult:
    """How many were decided, and which ids were skipped (out of scope or decided)."""

    decided: int = 0
    skipped: list[int] = field(default_factory=list)


def decide_many(
    ids: Iterable[int], decision: str, by: Coordinator, *, reason: str = "", note: str = ""
) -> BulkResult:
    """Approve or reject many suggestions at once; the ones that cannot be decided are skipped."""
    result = BulkResult()
    wanted = sorted(set(ids))
    suggestions = db.session.scalars(select(Suggestion).where(Suggestion.id.in_(wanted))).all()
    found = {s.id for s in suggestions}
    result.skipped.extend(i for i in wanted if i not in found)
    for suggestion in suggestions:
        try:
            if decision == "approve":
                approve(suggestion, by, note)
            else:
                reject(suggestion, by, reason)
        except (OutOfScope, OperationError):
            result.skipped.append(suggestion.id)
        else:
            result.decided += 1
    return result


def _withdraw_introduction(suggestion: Suggestion) -> None:
    """Drop the introduction of an approval whose messages never went out (raises when one
    did): its queued messages are cancelled first, so no send job can claim them any more."""
    introduction = db.session.scalar(
        select(Introduction).where(Introduction.suggestion_id == suggestion.id)
    )
    if introduction is None:
        return
    gone = _l("An email of this introduction has already gone out: it cannot be undone.")
    if emails_gone_out(introduction.id):
        raise OperationError({"suggestion": str(gone)})
    db.session.execute(
        update(OutboundEmail)
        .where(
            OutboundEmail.introduction_id == introduction.id,
            OutboundEmail.status == EmailStatus.queued,
        )
        .values(status=EmailStatus.cancelled)
        .execution_options(synchronize_session=False)
    )
    if emails_gone_out(introduction.id):  # a send job claimed one in between
        raise OperationError({"suggestion": str(gone)})
    db.session.execute(
        delete(OutboundEmail)
        .where(OutboundEmail.introduction_id == introduction.id)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        delete(Token)
        .where(Token.introduction_id == introduction.id)
        .execution_options(synchronize_session=False)
    )
    db.session.delete(introduction)


def undo_decision(suggestion: Suggestion, by: Coordinator) -> None:
    """Put a decided suggestion back in the queue: a rejection at any time, an approval while
    no email of its introduction has gone out (the introduction is dropped). Audited with
    the decision it undoes."""
    if not in_scope(by, suggestion):
        raise OutOfScope(suggestion.id)
    if suggestion.status not in (SuggestionStatus.rejected, SuggestionStatus.approved):
        raise OperationError({"suggestion": str(_l("This suggestion is not decided."))})
    undone = suggestion.status
    if undone == SuggestionStatus.approved:
        _withdraw_introduction(suggestion)
    audit.record(
        f"undo_{'approve' if undone == SuggestionStatus.approved else 'reject'}",
        "suggestion",
        suggestion.id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        decided_by=suggestion.decided_by_id,
        decided_at=suggestion.decided_at.isoformat(timespec="seconds")
        if suggestion.decided_at
        else None,
        reason=(suggestion.decision_reason or "")[:500],
    )
    suggestion.status = SuggestionStatus.pending
    suggestion.decided_by_id = None
    suggestion.decided_at = None
    suggestion.decision_reason = None
    db.session.flush()
