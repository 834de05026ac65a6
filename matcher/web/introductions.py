"""Coordinators' view of introductions: each one's timeline (decisions, messages sent and
received) and the messages that could not be delivered. Behind the coordinator login; what a
coordinator reads goes through the scope rule (matcher.queries.scope) and every look at
contact details is audited."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask_login import current_user

from matcher.extensions import db
from matcher.models import EmailStatus, OutboundEmail
from matcher.operations.introductions import requeue_failed
from matcher.operations.moderation import record_contact_view
from matcher.queries.introduction_timeline import (
    failed_messages,
    introduction_rows,
    message_readable,
    readable_introduction,
    timeline,
)
from matcher.web.coordinate import no_store, require_coordinator
from matcher.web.forms import ConfirmForm

bp = Blueprint("introductions", __name__, url_prefix="/coordinate/introductions")
bp.before_request(require_coordinator)
bp.after_request(no_store)


@bp.get("/")
def index() -> str:
    """Introductions, newest first, and every message that failed (in scope)."""
    failed = failed_messages(current_user)
    rows = introduction_rows(current_user)
    shown = {row.email.action_id for row in failed if row.email.action_id}
    shown |= {row.failure_action_id for row in rows if row.failure and row.failure_action_id}
    if shown:
        record_contact_view("outbound_emails", None, current_user, actions=sorted(shown))
        db.commit()
    return render_template("introductions/index.html", introductions=rows, failed=failed)


def _introduction(introduction_id: int):  # type: ignore[no-untyped-def]
    introduction = readable_introduction(current_user, introduction_id)
    if introduction is None:
        abort(404)
    return introduction


@bp.get("/<int:introduction_id>", endpoint="timeline")
def timeline_page(introduction_id: int) -> str:
    """One introduction: its decisions, the messages sent and the replies received."""
    found = timeline(current_user, _introduction(introduction_id))
    if found.contact_action_ids:
        record_contact_view(
            "introduction", found.introduction.id, current_user, actions=found.contact_action_ids
        )
        db.commit()
    return render_template("introductions/timeline.html", timeline=found, form=ConfirmForm())


@bp.post("/<int:introduction_id>/emails/<int:email_id>/requeue")
def requeue(introduction_id: int, email_id: int) -> Response:
    """Send a failed message again (same Message-ID), on a coordinator's decision."""
    introduction = _introduction(introduction_id)
    email = db.session.get(OutboundEmail, email_id)
    if email is None or email.introduction_id != introduction.id:
        abort(404)
    if not message_readable(current_user, email):
        abort(403)
    if ConfirmForm().validate_on_submit() and email.status == EmailStatus.failed:
        requeue_failed(introduction, email, current_user)
        db.commit()
    return redirect(url_for("introductions.timeline", introduction_id=introduction.id))  # type: ignore[return-value]
