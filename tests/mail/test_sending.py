"""Introduction mail through a real SMTP server: what arrives, exactly once, even after a crash."""

from __future__ import annotations

import json
import ssl
import subprocess
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from matcher.jobs.handlers import send_queued
from matcher.mail import sending
from matcher.mail.outbox import queue_email
from matcher.mail.sending import send_email
from matcher.models import EmailStatus, OutboundEmail, utcnow
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import submit_form
from tests.support.mail import (
    SmtpSink,
    answer_links,
    free_port,
    make_introduction,
    serve_smtp,
)

smtp = pytest.fixture(serve_smtp)


class SimulatedCrash(BaseException):
    """The process dies here (not an Exception: nothing in the app may catch it)."""


def _requests(sink) -> dict[str, object]:
    return {item.rcpt_tos[0]: item for item in sink.received}


def test_introduction_arrives_with_both_parts_headers_and_threading(client, db, smtp):
    introduction = make_introduction()
    db.commit()
    assert len(smtp.received) == 2
    requests = _requests(smtp)
    for address in ("ana@example.org", "beto@example.net"):
        submit_form(client, answer_links(requests[address].text())["accept"])
    db.session.refresh(introduction)
    intros = smtp.received[2:]
    assert len(intros) == 2
    assert sorted(item.rcpt_tos[0] for item in intros) == ["ana@example.org", "beto@example.net"]
    for item in intros:
        [recipient] = item.rcpt_tos  # each copy goes to one person ...
        message = item.message
        assert (
            "ana@example.org" in message["To"] and "beto@example.net" in message["To"]
        )  # ... shows both
        assert [p.get_content_type() for p in message.walk()] == [
            "multipart/alternative",
            "text/plain",
            "text/html",
        ]  # one alternative, nothing wrapped around it
        assert message["Message-ID"].endswith("@matcher.localhost>")
        assert len(message.get_all("Message-ID")) == 1
        assert message["Reply-To"] == f"reply+{introduction.reply_token}@matcher.localhost"
        parent = requests[recipient].message["Message-ID"]
        assert message["In-Reply-To"] == parent
        assert message["References"].split() == [introduction.thread_message_id, parent]
        assert message["List-Unsubscribe"].strip().startswith("<http://localhost/unsubscribe/")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        other = "beto@example.net" if recipient == "ana@example.org" else "ana@example.org"
        assert other in item.text() and other in item.html()
    spanish = next(item for item in intros if item.rcpt_tos == ["beto@example.net"])
    assert 'lang="es"' in spanish.html()
    stored = db.session.scalars(select(OutboundEmail.status)).all()
    assert stored == [EmailStatus.sent] * 4


def _queued(db, monkeypatch) -> int:
    monkeypatch.setattr("matcher.jobs.dispatch.dispatch", lambda *args: None)  # the job runs below
    email = queue_email(
        kind="test",
        key="crash-test",
        recipient="ana@example.org",
        template="verify",
        language="en",
        action=type(
            "A",
            (),
            {"title": "T", "contact_name": "Ana", "date": utcnow().date(), "location_text": "X"},
        ),
        verify_url="http://localhost/v",
        manage_url="http://localhost/m",
        max_age_hours=1,
    )
    db.commit()
    return email.id


def _lease_runs_out(db, email_id: int) -> None:
    db.session.execute(
        update(OutboundEmail)
        .where(OutboundEmail.id == email_id)
        .values(lease_expires_at=utcnow() - timedelta(seconds=1))
    )
    db.commit()


def test_crash_after_the_server_accepted_never_sends_twice(db, smtp, monkeypatch):
    email_id = _queued(db, monkeypatch)

    def crash(_email_id):
        raise SimulatedCrash

    monkeypatch.setattr(sending, "_record_sent", crash)
    with pytest.raises(SimulatedCrash):
        send_email(email_id)
    db.rollback()
    assert len(smtp.received) == 1  # the server has it; "sent" was never committed
    monkeypatch.undo()

    assert send_email(email_id) == EmailStatus.sending  # another job: the claim is taken
    _lease_runs_out(db, email_id)
    assert send_queued() == {"interrupted": 1}
    email = db.session.get(OutboundEmail, email_id)
    db.session.refresh(email)
    assert email.status == EmailStatus.failed
    assert email.last_error.startswith("delivery outcome unknown")
    assert send_queued() == {}
    assert len(smtp.received) == 1  # exactly one delivered


def test_crash_before_handing_over_is_sent_once_after_the_lease(db, smtp, monkeypatch):
    email_id = _queued(db, monkeypatch)

    def crash(_email_id):
        raise SimulatedCrash

    monkeypatch.setattr(sending, "_mark_transmitting", crash)
    with pytest.raises(SimulatedCrash):
        send_email(email_id)
    db.rollback()
    monkeypatch.undo()
    assert smtp.received == []
    assert send_queued() == {}  # the claim still holds
    _lease_runs_out(db, email_id)
    assert send_queued() == {"sent": 1}
    assert send_queued() == {}
    assert len(smtp.received) == 1
    message = smtp.received[0].message
    assert message["Message-ID"] == db.session.get(OutboundEmail, email_id).message_id


def test_refused_message_is_retried_with_backoff_then_failed_and_listed(
    app, client, db, smtp, monkeypatch
):
    email_id = _queued(db, monkeypatch)
    smtp.reply = "451 4.3.0 try later"
    before = utcnow()
    assert send_email(email_id) == EmailStatus.queued
    email = db.session.get(OutboundEmail, email_id)
    assert email.attempts == 1 and "451" in email.last_error
    assert timedelta(seconds=55) < email.next_attempt_at - before < timedelta(seconds=65)
    assert send_email(email_id) == EmailStatus.queued  # not due yet: nothing happens
    assert db.session.get(OutboundEmail, email_id).attempts == 1
    for _ in range(app.config["MAIL_SEND_ATTEMPTS"] - 1):
        db.session.execute(
            update(OutboundEmail)
            .where(OutboundEmail.id == email_id)
            .values(next_attempt_at=utcnow())
        )
        db.commit()
        status = send_email(email_id)
    assert status == EmailStatus.failed
    assert smtp.received == []

    make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    log_in(client, "admin@example.org")
    page = client.get("/coordinate/introductions/").get_data(as_text=True)
    assert "SMTPDataError: (451, b&#39;4.3.0 try later&#39;)" in page


def test_failed_introduction_mail_shows_on_the_timeline_and_can_be_sent_again(client, db, smtp):
    smtp.reply = "554 5.7.1 refused"
    introduction = make_introduction()
    db.commit()  # both requests are refused for good (5xx): failed
    make_coordinator(db, "coord@example.org", states="CA")
    make_coordinator(db, "tx@example.org", states="TX")
    db.commit()
    log_in(client, "coord@example.org")
    page = client.get(f"/coordinate/introductions/{introduction.id}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    # the error on each message's row, and the last one beside the introduction's status
    assert html.count("b&#39;5.7.1 refused&#39;") == 3 and html.count("Send again") == 2
    smtp.reply = "250 OK"
    [first] = db.session.scalars(select(OutboundEmail.id).order_by(OutboundEmail.id).limit(1))
    timeline = f"/coordinate/introductions/{introduction.id}"
    submit_form(client, timeline, form=f"{timeline}/emails/{first}/requeue")
    assert len(smtp.received) == 1
    submit_form(client, timeline, form="/coordinate/logout")
    log_in(client, "tx@example.org")
    assert client.get(f"/coordinate/introductions/{introduction.id}").status_code == 404


def test_unsafe_header_is_refused_before_anything_is_sent(db, smtp, monkeypatch):
    email_id = _queued(db, monkeypatch)
    db.session.execute(
        update(OutboundEmail)
        .where(OutboundEmail.id == email_id)
        .values(headers='{"X-Note": "hi\\r\\nBcc: victim@example.org"}')
    )
    db.commit()
    assert send_email(email_id) == EmailStatus.queued
    assert "UnsafeHeader" in db.session.get(OutboundEmail, email_id).last_error
    assert smtp.received == []


@pytest.fixture
def tls_smtp(app, tmp_path):
    """An SMTP server offering STARTTLS with a self-signed certificate for `localhost`."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    command = [
        *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
        *("-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"),
        *("-keyout", str(key), "-out", str(cert)),
    ]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 (fixed command)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    sink = SmtpSink()
    port = free_port()
    controller = Controller(
        sink, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True
    )
    controller.start()
    saved = {key: app.config[key] for key in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS")}
    app.config.update(MAIL_SERVER="localhost", MAIL_PORT=port, MAIL_USE_TLS=True)
    try:
        yield sink, cert
    finally:
        app.config.update(saved)
        controller.stop()


def test_starttls_verifies_the_server_certificate(db, tls_smtp, monkeypatch):
    sink, cert = tls_smtp
    email_id = _queued(db, monkeypatch)
    assert send_email(email_id) == EmailStatus.queued
    assert "CERTIFICATE_VERIFY_FAILED" in db.session.get(OutboundEmail, email_id).last_error
    assert sink.received == []

    trusting = ssl.create_default_context

    def trust_test_ca(*args, **kwargs):
        return trusting(cafile=str(cert))

    monkeypatch.setattr("matcher.mail.transport.ssl.create_default_context", trust_test_ca)
    db.session.execute(update(OutboundEmail).values(next_attempt_at=utcnow()))
    db.commit()
    assert send_email(email_id) == EmailStatus.sent  # the same server, once its CA is trusted
    assert len(sink.received) == 1


def test_shown_recipients_are_written_at_send_time_with_quoted_commas_and_accents(client, db, smtp):
    introduction = make_introduction()
    introduction.action_a.contact_name = "Peña, Rosa"
    db.commit()
    for item in list(smtp.received):
        submit_form(client, answer_links(item.text())["accept"])
    stored = db.session.scalars(
        select(OutboundEmail).where(OutboundEmail.kind == "introduction")
    ).all()
    assert [json.loads(email.headers).get("To") for email in stored] == [None, None]
    assert [email.recipient for email in stored] == [None, None]  # by reference to the action
    copy = next(item for item in smtp.received[2:] if item.rcpt_tos == ["ana@example.org"])
    shown = {address.addr_spec: address.display_name for address in copy.message["To"].addresses}
    assert shown == {"ana@example.org": "Peña, Rosa", "beto@example.net": "Beto Ejemplo"}


def test_permanent_refusal_fails_at_once(db, smtp, monkeypatch):
    email_id = _queued(db, monkeypatch)
    smtp.reply = "554 5.7.1 message refused"
    assert send_email(email_id) == EmailStatus.failed
    email = db.session.get(OutboundEmail, email_id)
    assert email.attempts == 1 and "554" in email.last_error
