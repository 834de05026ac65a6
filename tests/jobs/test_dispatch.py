"""Commands and job dispatch around introductions: reminders for cron, the worker, the sweep."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from matcher.models import EmailStatus, OutboundEmail, utcnow
from tests.support.mail import make_introduction, of_kind


def test_send_reminders_command_for_cron(runner, db, outbox):
    introduction = make_introduction()
    db.commit()
    introduction.created_at = utcnow() - timedelta(days=6)
    db.commit()
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert "2 reminded" in result.output
    reminders = of_kind(outbox, "optin_reminder")
    assert sorted(str(m["To"]) for m in reminders) == ["ana@example.org", "beto@example.net"]
    again = runner.invoke(args=["send-reminders"])
    assert "0 reminded" in again.output


def test_worker_needs_a_broker(runner):
    result = runner.invoke(args=["worker"])
    assert result.exit_code == 2
    assert "CELERY_BROKER_URL" in result.output


def test_unreachable_broker_loses_nothing(app, db, runner, outbox, caplog):
    app.config["CELERY_BROKER_URL"] = "redis://127.0.0.1:9/0"  # nothing listens there
    app.extensions.pop("celery", None)
    try:
        with caplog.at_level(logging.ERROR, logger="matcher.jobs"):
            make_introduction()
            db.commit()
    finally:
        app.config["CELERY_BROKER_URL"] = ""
        app.extensions.pop("celery", None)
    assert "not dispatched" in caplog.text
    assert outbox.messages() == []
    statuses = db.session.scalars(select(OutboundEmail.status)).all()
    assert statuses == [EmailStatus.queued, EmailStatus.queued]
    result = runner.invoke(args=["send-queued"])  # the sweep (cron or beat) sends them
    assert "2 sent" in result.output
    assert len(outbox.messages()) == 2
