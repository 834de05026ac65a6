"""Replies and bounces reaching the service: the signed webhook and the SMTP receiver."""

from __future__ import annotations

import smtplib
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from matcher.cli.inbound_smtp import make_controller
from matcher.models import (
    EmailStatus,
    InboundEmail,
    IntroductionStatus,
    OutboundEmail,
    Suppression,
)
from matcher.security.crypto import blind_index
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import submit_form
from tests.support.mail import answer_links, free_port, make_introduction, post_inbound

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mail"
SECRET = "webhook-secret-for-tests"


@pytest.fixture
def webhook(app):
    app.config["INBOUND_WEBHOOK_SECRET"] = SECRET
    yield
    app.config["INBOUND_WEBHOOK_SECRET"] = ""


def _introduced(client, db, outbox):
    introduction = make_introduction()
    db.commit()
    for message in outbox.messages():
        text = message.get_body(preferencelist=("plain",)).get_content()
        submit_form(client, answer_links(text)["accept"])
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.introduced
    return introduction


def _intro_copy_to(db, introduction, address: str) -> OutboundEmail:
    return db.session.scalar(
        select(OutboundEmail).where(
            OutboundEmail.introduction_id == introduction.id,
            OutboundEmail.kind == "introduction",
            OutboundEmail.recipient_index == blind_index(address),
        )
    )


def load(name: str, introduction, parent: str) -> bytes:
    """A fixture with its placeholders filled in for `introduction`."""
    raw = (FIXTURES / name).read_bytes()
    return (
        raw.replace(b"<PARENT-ID@matcher.localhost>", parent.encode())
        .replace(b"<THREAD-ROOT@matcher.localhost>", introduction.thread_message_id.encode())
        .replace(b"REPLYTOKEN", introduction.reply_token.encode())
    )


def post(client, body: bytes, *, timestamp: int | None = None, signature: str | None = None):
    return post_inbound(client, body, SECRET, timestamp=timestamp, signature=signature)


def test_signed_reply_is_stored_and_marks_the_introduction_replied(
    app, client, db, outbox, webhook
):
    introduction = _introduced(client, db, outbox)
    parent = _intro_copy_to(db, introduction, "ana@example.org").message_id
    body = load("gmail_reply.eml", introduction, parent)
    stamp = int(time.time())
    assert app.config["WTF_CSRF_ENABLED"]  # the webhook is exempt from CSRF
    response = post(client, body, timestamp=stamp)
    assert response.status_code == 202 and response.json["kind"] == "reply"
    stored = db.session.scalar(select(InboundEmail))
    assert stored.introduction_id == introduction.id and stored.raw == body
    assert stored.body_text.startswith("Hi Beto!")
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.replied and introduction.replied_at

    replay = post(client, body, timestamp=stamp)  # the same signature again
    assert replay.status_code == 401
    restamped = post(client, body, timestamp=stamp + 1)
    assert restamped.status_code == 202  # a provider's retry, newly signed: stored once
    assert len(db.session.scalars(select(InboundEmail)).all()) == 1

    make_coordinator(db, "coord@example.org", states="CA")
    db.commit()
    log_in(client, "coord@example.org")
    page = client.get(f"/coordinate/introductions/{introduction.id}").get_data(as_text=True)
    assert "So glad to meet you" in page and "replied" in page


def test_unsigned_stale_or_forged_requests_are_refused(app, client, db, webhook):
    body = (FIXTURES / "gmail_reply.eml").read_bytes()
    assert post(client, body, signature="0" * 64).status_code == 401
    assert post(client, body, timestamp=int(time.time()) - 301).status_code == 401
    assert client.post("/inbound/email", data=body).status_code == 401
    assert db.session.scalar(select(InboundEmail)) is None
    app.config["INBOUND_WEBHOOK_SECRET"] = ""
    assert post(client, body).status_code == 404  # off until a secret is configured


def test_reply_matched_by_its_reply_address_alone(client, db, outbox, webhook):
    introduction = _introduced(client, db, outbox)
    body = load("outlook_reply.eml", introduction, "<unrelated@example.org>")
    assert post(client, body).status_code == 202
    stored = db.session.scalar(select(InboundEmail))
    assert stored.introduction_id == introduction.id
    assert stored.body_text.endswith("Beto")
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.replied


@pytest.mark.parametrize(
    "name", ["autoreply_outlook.eml", "autoreply_vacation.eml", "autoreply_subject_only.eml"]
)
def test_auto_replies_are_kept_but_are_not_replies(client, db, outbox, webhook, name):
    introduction = _introduced(client, db, outbox)
    parent = _intro_copy_to(db, introduction, "ana@example.org").message_id
    assert post(client, load(name, introduction, parent)).json["kind"] == "auto_reply"
    assert db.session.scalar(select(InboundEmail.introduction_id)) == introduction.id
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.introduced


def test_bounce_suppresses_the_address_and_stops_further_mail(client, db, outbox, webhook):
    introduction = make_introduction()
    db.commit()
    request = db.session.scalar(
        select(OutboundEmail).where(
            OutboundEmail.recipient_index == blind_index("beto@example.net")
        )
    )
    response = post(client, load("bounce_postfix.eml", introduction, request.message_id))
    assert response.json["kind"] == "bounce"
    db.session.refresh(request)
    assert request.status == EmailStatus.bounced
    suppression = db.session.scalar(select(Suppression))
    assert (suppression.email, suppression.reason) == (blind_index("beto@example.net"), "bounced")
    assert db.session.scalar(select(InboundEmail.introduction_id)) == introduction.id

    make_introduction()  # the next introduction to that address is not sent
    db.commit()
    statuses = db.session.scalars(
        select(OutboundEmail.status)
        .where(OutboundEmail.recipient_index == blind_index("beto@example.net"))
        .order_by(OutboundEmail.id)
    ).all()
    assert statuses == [EmailStatus.bounced, EmailStatus.cancelled]


def test_delay_report_changes_nothing(client, db, outbox, webhook):
    introduction = make_introduction()
    db.commit()
    request = db.session.scalar(
        select(OutboundEmail).where(OutboundEmail.recipient_index == blind_index("ana@example.org"))
    )
    assert (
        post(client, load("delay_gmail.eml", introduction, request.message_id)).json["kind"]
        == "delay"
    )
    assert db.session.scalar(select(Suppression)) is None
    db.session.refresh(request)
    assert request.status == EmailStatus.sent


def test_smtp_receiver_stores_replies_for_our_domain_only(app, client, db, outbox):
    introduction = _introduced(client, db, outbox)
    parent = _intro_copy_to(db, introduction, "beto@example.net").message_id
    body = load("apple_mail_reply.eml", introduction, parent)
    port = free_port()
    controller = make_controller(app, "127.0.0.1", port)
    controller.start()
    try:
        with smtplib.SMTP("127.0.0.1", port) as server:
            with pytest.raises(smtplib.SMTPRecipientsRefused):
                server.sendmail("ana@example.org", ["someone@elsewhere.example"], body)
            server.sendmail(
                "ana@example.org", [f"reply+{introduction.reply_token}@matcher.localhost"], body
            )
    finally:
        controller.stop()
    stored = db.session.scalar(select(InboundEmail))
    assert stored.introduction_id == introduction.id
    assert stored.body_text == "Tuesday works for us. Call me after 6."
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.replied


def test_reply_sent_only_to_the_service_is_relayed_to_the_other_side(client, db, outbox, webhook):
    introduction = _introduced(client, db, outbox)
    to_ana = _intro_copy_to(db, introduction, "ana@example.org")
    to_beto = _intro_copy_to(db, introduction, "beto@example.net")
    body = load("gmail_reply_to_service_only.eml", introduction, to_ana.message_id)
    assert post(client, body).status_code == 202
    relayed = outbox.messages()[-1]
    assert relayed["To"] == "beto@example.net"
    assert relayed["In-Reply-To"] == to_beto.message_id
    assert relayed["Reply-To"] == f"reply+{introduction.reply_token}@matcher.localhost"
    text = relayed.get_body(preferencelist=("plain",)).get_content()
    assert "Beto, can you bring the banner on Saturday?" in text
    assert "wrote:" not in text  # the quoted introduction is not passed on

    count = len(outbox.messages())
    gmail = load("gmail_reply.eml", introduction, to_ana.message_id)  # reply all: no relay
    autoreply = load("autoreply_outlook.eml", introduction, to_ana.message_id)
    assert post(client, gmail).status_code == post(client, autoreply).status_code == 202
    assert len(outbox.messages()) == count
