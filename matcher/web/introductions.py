"""Coordinators' view of introductions: each one's timeline (decisions, messages sent and
received) and the messages that could not be delivered. Behind the coordinator login."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import (
    AuditEntry,
    EmailStatus,
    InboundEmail,
    Introduction,
    OutboundEmail,
)
from matcher.operations.introductions import requeue_failed
from matcher.web.coordinate import no_store, require_coordinator
from matcher.web.forms import ConfirmForm

bp = Blueprint("introductions", __name__, url_prefix="/coordinate/introductions")
bp.before_request(require_coordinator)
bp.after_request(no_store)


def _visible(introduction: Introduction) -> bool:
    return any(
        current_user.may_see_state(action.state)
        for action in (introduction.action_a, introduction.action_b)
    )


@bp.get("/")
def index() -> str:
    """Introductions, newest first, and every message that failed."""
    introductions = [
        item
        for item in db.session.scalars(
            select(Introduction).order_by(Introduction.id.desc()).limit(500)
        )
        if _visible(item)
    ]
    visible_ids = {item.id for item in introductions}
    failed = [
        email
        for email in db.session.scalars(
            select(OutboundEmail)
            .where(OutboundEmail.status == EmailStatus.failed)
            .order_by(OutboundEmail.id.desc())
        )
        if (email.introduction_id is None and current_user.is_admin)
        or email.introduction_id in visible_ids
    ]
    return render_template("introductions/index.html", introductions=introductions, failed=failed)


def _introduction(introduction_id: int) -> Introduction:
    introduction = db.session.get(Introduction, introduction_id)
    if introduction is None or not _visible(introduction):
        abort(404)
    return introduction


@bp.get("/<int:introduction_id>")
def timeline(introduction_id: int) -> str:
    """One introduction: its decisions, the messages sent and the replies received."""
    introduction = _introduction(introduction_id)
    outbound = db.session.scalars(
        select(OutboundEmail)
        .where(OutboundEmail.introduction_id == introduction.id)
        .order_by(OutboundEmail.id)
    ).all()
    inbound = db.session.scalars(
        select(InboundEmail)
        .where(InboundEmail.introduction_id == introduction.id)
        .order_by(InboundEmail.received_at)
    ).all()
    events = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.subject_type == "introduction", AuditEntry.subject_id == introduction.id)
        .order_by(AuditEntry.id)
    ).all()
    return render_template(
        "introductions/timeline.html",
        introduction=introduction,
        outbound=outbound,
        inbound=inbound,
        events=events,
        form=ConfirmForm(),
    )


@bp.post("/<int:introduction_id>/emails/<int:email_id>/requeue")
def requeue(introduction_id: int, email_id: int) -> Response:
    """Send a failed message again (same Message-ID), on a coordinator's decision."""
    introduction = _introduction(introduction_id)
    email = db.session.get(OutboundEmail, email_id)
    if email is None or email.introduction_id != introduction.id:
        abort(404)
    if ConfirmForm().validate_on_submit() and email.status == EmailStatus.failed:
        requeue_failed(introduction, email, current_user)
        db.commit()
    return redirect(url_for("introductions.timeline", introduction_id=introduction.id))  # type: ignore[return-value]
