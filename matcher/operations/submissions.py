"""Submitting an action, verifying its organizer's email, and publishing it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from matcher.extensions import db
from matcher.formats.action_fields import ActionInput
from matcher.jobs.dispatch import dispatch_after_commit, dispatch_after_response
from matcher.mail.outbox import queue_email
from matcher.mail.permission import suppression_reason_for_index
from matcher.models import Action, ActionStatus, ConsentEvent, TokenPurpose, utcnow
from matcher.operations import OperationError, audit
from matcher.operations.organizations import organizations_for
from matcher.operations.suppressions import lift_bounce
from matcher.security.crypto import blind_index, decrypt, encrypt
from matcher.security.tokens import issue_token, resolve_token

CONSENT_KINDS = ("listed_publicly", "intro_region", "intro_target", "accepts_messages")


@dataclass(frozen=True)
class Submitted:
    """A stored action and the links mailed to its organizer."""

    action: Action
    verify_url: str | None
    manage_url: str


def link(path: str, language: str | None = None) -> str:
    """An absolute URL for an email, from `BASE_URL`; with `language`, the page it opens (and
    the pages after it, through the language cookie) speaks the recipient's language."""
    url = current_app.config["BASE_URL"].rstrip("/") + path
    if language in current_app.config["LANGUAGES"]:
        url += ("&" if "?" in path else "?") + f"lang={language}"
    return url


def manage_link(action: Action) -> str:
    """A fresh private link to edit, withdraw or delete the action."""
    lifetime = timedelta(days=current_app.config["MANAGE_LINK_MAX_AGE_DAYS"])
    token = issue_token(action, TokenPurpose.manage, lifetime)
    return link(f"/manage/{token}", action.language)


def _verify_link(action: Action) -> str:
    lifetime = timedelta(hours=current_app.config["VERIFY_LINK_MAX_AGE_HOURS"])
    return link(f"/verify/{issue_token(action, TokenPurpose.verify, lifetime)}", action.language)


def record_consents(action: Action, source: str) -> None:
    """Append the current consents to the action's consent history."""
    for kind in CONSENT_KINDS:
        action.consents.append(
            ConsentEvent(kind=kind, granted=bool(getattr(action, kind)), source=source)
        )


def build_action(data: ActionInput, *, source: str, geocode: bool = True) -> Action:
    """A new pending action from validated input (added to the session, flushed); with
    `geocode`, it is placed on the map by a job after the commit."""
    if data.ref and db.session.scalar(select(Action.id).where(Action.ref == data.ref)):
        raise OperationError({"ref": str(_l("This reference is already used."))})
    action = Action(
        slug=secrets.token_urlsafe(8),
        ref=data.ref,
        title=data.title,
        description=data.description,
        date=data.date,
        location_text=data.location,
        venue=data.venue,
        address_public=data.address_public,
        latitude=data.latitude,
        longitude=data.longitude,
        geocode_source="provided" if data.latitude is not None else None,
        target_type=data.target_type,
        target=data.target,
        contact_name=data.contact_name,
        contact_email=data.contact_email,
        contact_phone=data.contact_phone,
        language=data.language,
        listed_publicly=data.public,
        intro_region=data.intro_region,
        intro_target=data.intro_target,
        accepts_messages=data.accepts_messages,
        status=ActionStatus.pending,
    )
    apply_event_details(action, data)
    action.organizations = organizations_for(data.organizations)
    db.session.add(action)
    record_consents(action, source)
    db.session.flush()
    if geocode:
        geocode_after_commit(action.id)
    return action


def apply_event_details(action: Action, data: ActionInput) -> None:
    """Times, time zone (a chosen one, else the place's once it is placed), the public
    meeting point and the event link."""
    action.start_time, action.end_time = data.start_time, data.end_time
    action.timezone_from_place = data.timezone is None
    if data.timezone is not None:
        action.timezone = data.timezone
    action.meeting_point = data.meeting_point
    action.event_url = data.event_url


def geocode_after_commit(action_id: int) -> None:
    """Geocode the action once the transaction that stored it has committed."""
    dispatch_after_commit("geocode_action", action_id)


def submit_action(data: ActionInput, *, source: str) -> Submitted:
    """Store a pending action and queue the verification email (with the manage link)."""
    action = build_action(data, source=source)
    submitted = _send_verification(action, key=f"verify:{action.id}")
    audit.record("submit", "action", action.id, actor_kind="organizer", source=source)
    return submitted


def request_resend(email: str) -> None:
    """Ask for new verification links for `email` without looking anything up now: the job
    (`resend_verification`) does the lookup and the mail after the answer is sent, so the answer
    takes the same time for an address we hold and for one we do not. The address travels to
    the job encrypted (a broker never holds it in clear)."""
    dispatch_after_response("resend_verification", encrypt(email.strip().encode()).decode())


def resend_verification_job(sealed: str) -> int:
    """The job of `request_resend` (commits): returns how many emails were queued."""
    count = resend_verification(decrypt(sealed.encode()).decode())
    db.commit()
    return count


def resend_verification(email: str) -> int:
    """New verification emails for the pending actions of an address (how many were sent);
    when mail to the address is paused after a bounce and nothing is pending, a link to confirm
    the address again for its newest confirmed action (following it lifts the pause).

    The caller answers the same whatever the count, so nobody learns which addresses we hold.
    """
    index = blind_index(email)
    pending = db.session.scalars(
        select(Action)
        .where(Action.contact_email_index == index, Action.status == ActionStatus.pending)
        .limit(10)
    ).all()
    template = "verify"
    if not pending and suppression_reason_for_index(index) == "bounced":
        pending = db.session.scalars(
            select(Action)
            .where(
                Action.contact_email_index == index,
                Action.verified_at.is_not(None),
                Action.status != ActionStatus.removed,
            )
            .order_by(Action.verified_at.desc())
            .limit(1)
        ).all()
        template = "reconfirm"
    for action in pending:
        key = f"verify:{action.id}:{secrets.token_hex(6)}"
        _send_verification(action, key=key, template=template)
        audit.record("resend_verification", "action", action.id, actor_kind="organizer")
    return len(pending)


def _send_verification(action: Action, *, key: str, template: str = "verify") -> Submitted:
    verify_url = _verify_link(action)
    manage_url = manage_link(action)
    queue_email(
        kind="verify",
        key=key,
        recipient=action.contact_email,
        template=template,
        language=action.language,
        action_id=action.id,
        action=action,
        verify_url=verify_url,
        manage_url=manage_url,
        max_age_hours=current_app.config["VERIFY_LINK_MAX_AGE_HOURS"],
    )
    return Submitted(action, verify_url, manage_url)


def publish(action: Action, *, actor_kind: str = "organizer", match: bool = True) -> None:
    """Mark a pending action verified and published; with `match`, it is matched against the
    others after the commit (the incremental path)."""
    now = utcnow()
    action.verified_at = action.verified_at or now
    if action.status == ActionStatus.pending:
        action.status = ActionStatus.published
        action.published_at = now
        audit.record("publish", "action", action.id, actor_kind=actor_kind)
        if match:
            match_after_commit(action.id)


def match_after_commit(action_id: int) -> None:
    """Match the action against the others once the transaction has committed."""
    dispatch_after_commit("match_action", action_id)


def action_to_verify(token: str) -> Action:
    """The action a verification link names, changing nothing (raises `TokenError`)."""
    return resolve_token(token, TokenPurpose.verify)


def verify_action(token: str) -> Action:
    """Follow a verification link: single use; publishes the action. It also proves the
    mailbox works: a pause of mail to it after a bounce ends."""
    action = resolve_token(token, TokenPurpose.verify, consume=True)
    lift_bounce(action)
    if action.status != ActionStatus.pending:
        return action
    publish(action)
    # After the match job: who organizes near them (matcher.operations.coalition).
    dispatch_after_commit("send_coalition_suggestions", action.id)
    return action
