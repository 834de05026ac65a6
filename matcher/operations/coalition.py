"""Coalition introductions: an organizer asks to meet an organization's organizers; a
coordinator reviews the request; when approved, an introduction between the two actions goes
through the usual double opt-in (matcher.operations.introductions), with the same consent rules
(both sides consent to introductions in their region, checked again at send time), limits and
audit as an introduction a suggestion started.

Operations flush and never commit.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.mail.outbox import queue_email
from matcher.mail.permission import introduction_allowed
from matcher.models import (
    Action,
    ActionStatus,
    CoalitionRequest,
    Coordinator,
    Introduction,
    Organization,
    ReviewStatus,
    utcnow,
)
from matcher.operations import OperationError, OutOfScope, audit
from matcher.operations.introductions import start_introduction
from matcher.operations.submissions import link, manage_link
from matcher.queries.organizations import (
    coalition_suggestions,
    introduction_target,
    requested_organizations,
)
from matcher.queries.scope import may_read_pair


def request_introduction(
    action: Action, organization_id: int, message: str = ""
) -> CoalitionRequest:
    """Ask for an introduction to the organizers of an organization suggested to the action
    (raises `OperationError` naming the field)."""
    if action.status != ActionStatus.published:
        raise OperationError({"organization": str(_l("Your action must be published first."))})
    if not action.intro_region:
        message_text = _l(
            "Introductions need your consent to introductions in your region: "
            "turn it on under \u201cYour consent\u201d first."
        )
        raise OperationError({"organization": str(message_text)})
    suggested = {s.organization.id for s in coalition_suggestions(action)}
    if organization_id not in suggested or db.session.get(Organization, organization_id) is None:
        raise OperationError(
            {"organization": str(_l("This organization is not among the suggestions."))}
        )
    if organization_id in requested_organizations(action):
        raise OperationError(
            {"organization": str(_l("You already asked to meet this organization."))}
        )
    since = utcnow() - timedelta(days=1)
    today = db.session.scalar(
        select(func.count(CoalitionRequest.id)).where(
            CoalitionRequest.action_id == action.id, CoalitionRequest.created_at >= since
        )
    )
    if (today or 0) >= current_app.config["COALITION_REQUESTS_PER_DAY"]:
        raise OperationError(
            {"organization": str(_l("You asked for many introductions today: try again tomorrow."))}
        )
    target = introduction_target(action, organization_id)
    if target is None:
        raise OperationError(
            {"organization": str(_l("This organization's organizers cannot be introduced now."))}
        )
    request = CoalitionRequest(
        action_id=action.id,
        organization_id=organization_id,
        target_action_id=target.id,
        message=message.strip()[:2000],
    )
    db.session.add(request)
    db.session.flush()
    audit.record(
        "coalition_request",
        "coalition_request",
        request.id,
        actor_kind="organizer",
        action_id=action.id,
        organization_id=organization_id,
        target_action_id=target.id,
    )
    return request


def _decidable(request: CoalitionRequest, by: Coordinator) -> None:
    if not may_read_pair(by, request.action, request.target_action):
        raise OutOfScope(request.id)
    if request.status != ReviewStatus.pending:
        raise OperationError({"request": str(_l("This request was already decided."))})


def approve_request(request: CoalitionRequest, by: Coordinator, note: str = "") -> Introduction:
    """Approve: an introduction between the two actions starts (double opt-in), while both are
    published and consent to introductions in their region."""
    _decidable(request, by)
    introduction = Introduction(
        action_a_id=request.action_id,
        action_b_id=request.target_action_id,
        note=note.strip(),
        created_by_id=by.id,
    )
    introduction.action_a, introduction.action_b = request.action, request.target_action
    if not introduction_allowed(introduction, kinds=("region",)):
        message = _l(
            "One of these actions is no longer published or no longer consents to "
            "introductions in its region: it cannot be introduced."
        )
        raise OperationError({"request": str(message)})
    db.session.add(introduction)
    db.session.flush()
    request.status = ReviewStatus.approved
    request.decided_by_id = by.id
    request.decided_at = utcnow()
    request.introduction_id = introduction.id
    db.session.flush()
    audit.record(
        "approve",
        "coalition_request",
        request.id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        introduction_id=introduction.id,
    )
    start_introduction(introduction)
    return introduction


def reject_request(request: CoalitionRequest, by: Coordinator, reason: str = "") -> None:
    """Reject: no one is asked anything; the organizer may not ask for it again."""
    _decidable(request, by)
    request.status = ReviewStatus.rejected
    request.decided_by_id = by.id
    request.decided_at = utcnow()
    request.decision_reason = reason.strip()[:500] or None
    audit.record(
        "reject",
        "coalition_request",
        request.id,
        actor_kind="coordinator",
        coordinator_id=by.id,
        reason=reason.strip()[:500],
    )


def send_coalition_suggestions(action: Action) -> bool:
    """The email confirming a newly published action lists the organizations active near it
    that its coalition lacks, when there are any (True when it was queued). Public facts only;
    the manage link in it is where to ask for an introduction."""
    if action.status != ActionStatus.published:
        return False
    suggestions = coalition_suggestions(action, limit=10)
    if not suggestions:
        return False
    queue_email(
        kind="coalition",
        key=f"coalition:{action.id}",
        recipient=action.contact_email,
        template="coalition",
        language=action.language,
        action_id=action.id,
        action=action,
        suggestions=suggestions,
        manage_url=manage_link(action) + "#coalition",
        public_url=link(f"/actions/{action.slug}", action.language),
        directory_url=link("/organizations", action.language),
    )
    audit.record("coalition_suggestions", "action", action.id, count=len(suggestions))
    return True


def send_coalition_suggestions_job(action_id: int) -> bool:
    """The job of `send_coalition_suggestions` (commits)."""
    action = db.session.get(Action, action_id)
    sent = action is not None and send_coalition_suggestions(action)
    db.commit()
    return sent
