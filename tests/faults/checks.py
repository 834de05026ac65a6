"""Submitting through the public form and reading back what the database holds."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select, update
from werkzeug.test import TestResponse

from matcher.extensions import db
from matcher.models import Action, EmailStatus, OutboundEmail, utcnow
from tests.support.forms import submit_form
from tests.support.helpers import action_fields


def submit(app: Flask, email: str, **fields: str) -> TestResponse:
    """POST the submission form as an organizer would (each request its own context)."""
    fields = action_fields(contact_email=email, title=f"Action of {email.split('@')[0]}", **fields)
    return submit_form(app.test_client(), "/submit", fields)


def actions(app: Flask) -> dict[str, Action]:
    """Stored actions by contact email."""
    with app.app_context():
        return {row.contact_email: row for row in db.session.scalars(select(Action))}


def outbox(app: Flask) -> dict[str, OutboundEmail]:
    """Outbox rows by recipient (one message each in these tests)."""
    with app.app_context():
        rows = db.session.scalars(select(OutboundEmail).order_by(OutboundEmail.id)).all()
        by_recipient = {row.recipient_address: row for row in rows}
    assert len(by_recipient) == len(rows), "more than one outbox row for a recipient"
    return by_recipient


def statuses(app: Flask) -> dict[str, EmailStatus]:
    """Outbox status by recipient."""
    return {recipient: row.status for recipient, row in outbox(app).items()}


def make_due(app: Flask) -> None:
    """Let time pass: every queued message's backoff is over."""
    with app.app_context():
        db.session.execute(
            update(OutboundEmail)
            .where(OutboundEmail.status == EmailStatus.queued)
            .values(next_attempt_at=utcnow())
        )
        db.commit()


def sweep(app: Flask) -> str:
    """Run `matcher send-queued` (the retry sweep) and return what it printed."""
    result = app.test_cli_runner().invoke(args=["send-queued"])
    assert result.exit_code == 0, result.output
    return result.output.strip()
