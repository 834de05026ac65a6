"""The SMTP server refuses: a temporary refusal (451), or no server at all, is retried with
backoff and delivered once the server recovers; a permanent refusal (550) fails at once, is
listed for coordinators and is never resent. The submissions are stored either way and the
organizer is told they were."""

from __future__ import annotations

from datetime import timedelta

import pytest

from matcher.models import EmailStatus, utcnow
from tests.faults.checks import actions, make_due, outbox, statuses, submit, sweep
from tests.faults.services import free_port
from tests.faults.sinks import serve_faulty_smtp, smtp_settings
from tests.support.coordinators import log_in, make_coordinator

pytestmark = pytest.mark.faults

PEOPLE = ["ana@example.org", "beto@example.net"]


def test_temporary_refusal_is_retried_and_delivered_once_after_recovery(make_app, smtp):
    app = make_app(**smtp_settings(smtp))
    smtp.reply = "451 4.3.0 mailbox busy, try later"
    before = utcnow()
    for person in PEOPLE:
        response = submit(app, person)
        assert response.status_code == 302 and response.location == "/submitted"
    after = utcnow()  # a loaded machine may take seconds between the two attempts

    assert sorted(actions(app)) == PEOPLE  # nothing lost
    assert smtp.received == [] and smtp.refused == 2
    for row in outbox(app).values():
        assert row.status == EmailStatus.queued and row.attempts == 1
        assert "451" in row.last_error
        minute = timedelta(minutes=1)  # the first retry waits one minute after its attempt
        assert before + minute <= row.next_attempt_at <= after + minute
    assert sweep(app) == "send-queued: nothing due"  # backing off: no hammering
    assert smtp.refused == 2

    smtp.reply = "250 OK"  # the server is back; the backoff runs out
    make_due(app)
    assert sweep(app) == "send-queued: 2 sent"
    assert sweep(app) == "send-queued: nothing due"
    assert sorted(smtp.message_ids()) == sorted(row.message_id for row in outbox(app).values())
    assert sorted(item.rcpt_tos[0] for item in smtp.received) == PEOPLE  # once each
    assert statuses(app) == dict.fromkeys(PEOPLE, EmailStatus.sent)


def test_permanent_refusal_fails_at_once_is_listed_and_never_resent(make_app, smtp):
    app = make_app(**smtp_settings(smtp))
    smtp.reply = "550 5.1.1 no such mailbox"
    response = submit(app, PEOPLE[0])
    assert response.status_code == 302 and response.location == "/submitted"

    assert list(actions(app)) == [PEOPLE[0]]  # stored
    [row] = outbox(app).values()
    assert row.status == EmailStatus.failed and row.attempts == 1
    assert "550" in row.last_error
    smtp.reply = "250 OK"
    make_due(app)
    assert sweep(app) == "send-queued: nothing due"  # never resent blindly
    assert smtp.received == [] and smtp.refused == 1

    with app.app_context():
        from matcher.extensions import db

        make_coordinator(db, "admin@example.org", admin=True)
        db.commit()
    client = app.test_client()
    log_in(client, "admin@example.org")
    page = client.get("/coordinate/introductions/").get_data(as_text=True)
    assert "5.1.1 no such mailbox" in page and PEOPLE[0] in page


def test_no_smtp_server_at_all_is_retried_and_delivered_once_it_listens(make_app):
    port = free_port()  # nothing listens here yet
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    assert submit(app, PEOPLE[0]).status_code == 302
    [row] = outbox(app).values()
    assert row.status == EmailStatus.queued and "ConnectionRefusedError" in row.last_error

    make_due(app)
    servers = serve_faulty_smtp(port)
    sink = next(servers)  # the server comes up on that port
    try:
        assert sweep(app) == "send-queued: 1 sent"
        assert sweep(app) == "send-queued: nothing due"
        assert sink.message_ids() == [row.message_id]
    finally:
        servers.close()
