"""Bounces: only a report that answers a message the service sent counts, it marks only that
message, and the suppression it causes ends (by itself, by a coordinator, by the person)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from matcher.models import (
    AuditEntry,
    EmailStatus,
    InboundEmail,
    IntroductionStatus,
    OutboundEmail,
    Suppression,
    utcnow,
)
from matcher.security.crypto import blind_index
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import forged_post, submit_action, submit_form
from tests.support.helpers import links_in
from tests.support.mail import (
    answer_links,
    make_introduction,
    post_inbound,
    reply_message,
    serve_smtp,
)

SECRET = "webhook-secret-for-bounce-tests"
BETO = "beto@example.net"
smtp = pytest.fixture(serve_smtp)


@pytest.fixture(autouse=True)
def webhook(app):
    app.config["INBOUND_WEBHOOK_SECRET"] = SECRET
    yield
    app.config["INBOUND_WEBHOOK_SECRET"] = ""


def dsn(failed: str, *, original_id: str = "<unknown@elsewhere.example>", to: str = "") -> bytes:
    """A delivery status notification (RFC 3464) saying mail to `failed` bounced."""
    return (
        "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\r\n"
        f"To: {to or 'no-reply@matcher.localhost'}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        f"Message-ID: <dsn-{utcnow().timestamp()}@mx.example.net>\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nUser unknown\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.net\r\n\r\n"
        f"Final-Recipient: rfc822; {failed}\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"To: {failed}\r\nMessage-ID: {original_id}\r\n\r\n--B--\r\n"
    ).encode()


def _to(db, address: str, kind: str | None = None) -> list[OutboundEmail]:
    query = select(OutboundEmail).where(OutboundEmail.recipient_index == blind_index(address))
    if kind:
        query = query.where(OutboundEmail.kind == kind)
    return db.session.scalars(query.order_by(OutboundEmail.id)).all()


def _suppressed(db) -> Suppression | None:
    return db.session.scalar(select(Suppression).where(Suppression.email == blind_index(BETO)))


def test_a_forged_bounce_naming_an_address_changes_nothing(client, db, smtp):
    make_introduction()
    db.commit()
    response = post_inbound(client, dsn(BETO), SECRET)
    assert response.status_code == 202 and response.json["kind"] == "bounce"
    assert _suppressed(db) is None
    assert [email.status for email in _to(db, BETO)] == [EmailStatus.sent]
    make_introduction()  # later mail to the address still goes
    db.commit()
    assert [email.status for email in _to(db, BETO)] == [EmailStatus.sent] * 2
    stored = db.session.scalar(select(InboundEmail).where(InboundEmail.kind == "bounce"))
    assert stored.outbound_email_id is None  # kept, answering nothing


def test_mail_goes_out_with_a_verp_return_path_and_a_bounce_to_it_counts(client, db, smtp):
    make_introduction()
    db.commit()
    [request] = _to(db, BETO)
    [received] = smtp.to(BETO)
    assert received.mail_from.startswith("bounce+") and received.mail_from.endswith(
        "@matcher.localhost"
    )
    forged = received.mail_from.replace(received.mail_from.split("+")[1][:3], "999")
    post_inbound(client, dsn(BETO, to=forged), SECRET)  # a made-up return path
    assert _suppressed(db) is None
    post_inbound(client, dsn(BETO, to=received.mail_from), SECRET)
    db.session.refresh(request)
    assert request.status == EmailStatus.bounced
    suppression = _suppressed(db)
    assert suppression.reason == "bounced" and suppression.expires_at > utcnow()


def test_a_bounce_marks_only_the_message_it_answers(client, db, smtp):
    introduction = make_introduction()
    db.commit()
    for item in list(smtp.received):
        submit_form(client, answer_links(item.text())["accept"])
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.introduced
    body = reply_message(introduction, "ana@example.org", "Beto, see you there")
    assert post_inbound(client, body, SECRET).status_code == 202  # relayed to Beto
    [relay] = _to(db, BETO, "intro_relay")
    post_inbound(client, dsn(BETO, original_id=relay.message_id), SECRET)
    statuses = {email.kind: email.status for email in _to(db, BETO)}
    assert statuses == {
        "optin_request": EmailStatus.sent,
        "introduction": EmailStatus.sent,
        "intro_relay": EmailStatus.bounced,
    }
    bounce = db.session.scalar(select(InboundEmail).where(InboundEmail.kind == "bounce"))
    assert bounce.outbound_email_id == relay.id


def test_a_report_for_another_address_than_the_message_went_to_is_ignored(client, db, smtp):
    make_introduction()
    db.commit()
    [request] = _to(db, BETO)
    post_inbound(client, dsn("ana@example.org", original_id=request.message_id), SECRET)
    db.session.refresh(request)
    assert request.status == EmailStatus.sent
    assert db.session.scalar(select(Suppression)) is None


def _bounced(client, db) -> OutboundEmail:
    make_introduction()
    db.commit()
    [request] = _to(db, BETO)
    post_inbound(client, dsn(BETO, original_id=request.message_id), SECRET)
    assert _suppressed(db) is not None
    return request


def test_a_bounce_suppression_expires(app, client, db, smtp):
    _bounced(client, db)
    make_introduction()
    db.commit()
    assert _to(db, BETO)[-1].status == EmailStatus.cancelled
    db.session.execute(update(Suppression).values(expires_at=utcnow() - timedelta(minutes=1)))
    make_introduction()
    db.commit()
    assert _to(db, BETO)[-1].status == EmailStatus.sent
    assert app.config["BOUNCE_SUPPRESSION_DAYS"] >= 1


def test_a_coordinator_in_scope_lifts_a_bounce_suppression(app, client, db, smtp):
    request = _bounced(client, db)
    make_coordinator(db, "ca@example.org", states="CA")
    make_coordinator(db, "ny@example.org", states="NY")
    db.commit()
    action_id = request.action_id
    outsider = app.test_client()
    log_in(outsider, "ny@example.org")
    lift = f"/coordinate/actions/{action_id}/suppression"
    assert outsider.get(f"/coordinate/actions/{action_id}").status_code == 403
    assert forged_post(outsider, "/coordinate/suggestions", lift).status_code == 403
    coordinator = app.test_client()
    log_in(coordinator, "ca@example.org")
    page = coordinator.get(f"/coordinate/actions/{action_id}").get_data(as_text=True)
    assert "bounced" in page and lift in page
    assert (
        submit_form(coordinator, f"/coordinate/actions/{action_id}", form=lift).status_code == 302
    )
    assert _suppressed(db) is None
    lifted = db.session.scalar(select(AuditEntry).where(AuditEntry.verb == "lift_suppression"))
    assert lifted.subject_id == action_id


def test_an_unsubscribe_is_not_lifted_by_a_coordinator(app, client, db, smtp):
    from matcher.operations.suppressions import suppress

    introduction = make_introduction()
    suppress(introduction.action_b.contact_email, "unsubscribed")
    make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    coordinator = app.test_client()
    log_in(coordinator, "admin@example.org")
    page = f"/coordinate/actions/{introduction.action_b_id}"
    forged_post(coordinator, page, f"{page}/suppression")  # the page offers no lift
    assert _suppressed(db).reason == "unsubscribed"


def test_a_fresh_verification_clears_a_bounce(client, db, outbox):
    submit_action(client, contact_email=BETO)
    submit_form(client, links_in(outbox.last_text())["verify"])
    [verify] = _to(db, BETO)
    post_inbound(client, dsn(BETO, original_id=verify.message_id), SECRET)
    assert _suppressed(db) is not None
    count = len(outbox.files())
    submit_form(client, "/verify/resend", {"email": BETO}).close()  # the job runs once sent
    assert len(outbox.files()) == count + 1  # the person asked: a verification still goes out
    assert submit_form(client, links_in(outbox.last_text())["verify"]).status_code == 200
    assert _suppressed(db) is None
