"""The coordinators' introductions list says what the timeline says: bounced, could not be
delivered (with the failure text), delivered, replied, declined, expired; never a raw status or
"None"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matcher.models import Introduction, IntroductionStatus, OutboundEmail
from matcher.security.crypto import blind_index
from tests.operations.test_bounces import SECRET, dsn
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import submit_form
from tests.support.mail import answer_links, make_introduction, post_inbound, serve_smtp
from tests.support.pages import visible_text

smtp = pytest.fixture(serve_smtp)
LIST = "/coordinate/introductions/"


@pytest.fixture(autouse=True)
def webhook(app):
    app.config["INBOUND_WEBHOOK_SECRET"] = SECRET
    yield
    app.config["INBOUND_WEBHOOK_SECRET"] = ""


def _row(client, introduction: Introduction) -> str:
    html = client.get(LIST).get_data(as_text=True)
    start = html.index(f"/coordinate/introductions/{introduction.id}")
    row = html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]
    return visible_text(row)


def _messages_of(smtp, db, introduction: Introduction):
    ids = set(
        db.session.scalars(
            select(OutboundEmail.message_id).where(OutboundEmail.introduction_id == introduction.id)
        )
    )
    return [item for item in smtp.received if item.message["Message-ID"] in ids]


def test_a_bounce_shows_in_the_list_with_the_servers_answer(app, client, db, smtp):
    introduction = make_introduction()
    make_coordinator(db, "ca@example.org", states="CA")
    db.commit()
    coordinator = app.test_client()
    log_in(coordinator, "ca@example.org")
    assert "requested" in _row(coordinator, introduction)
    request = db.session.scalar(
        select(OutboundEmail).where(
            OutboundEmail.recipient_index == blind_index("beto@example.net")
        )
    )
    post_inbound(client, dsn("beto@example.net", original_id=request.message_id), SECRET)
    row = _row(coordinator, introduction)
    assert "bounced: User unknown" in row and "requested" not in row and "None" not in row
    timeline = visible_text(
        coordinator.get(f"/coordinate/introductions/{introduction.id}").get_data(as_text=True)
    )
    assert "Status: bounced: User unknown" in timeline


def test_failed_delivered_and_declined_as_the_timeline_says(app, client, db, smtp):
    make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    coordinator = app.test_client()
    log_in(coordinator, "admin@example.org")
    smtp.reply = "550 5.1.1 mailbox unavailable"
    failed = make_introduction()
    db.commit()  # both requests refused for good
    smtp.reply = "250 OK"
    row = _row(coordinator, failed)
    assert "could not be delivered: " in row and "mailbox unavailable" in row
    assert "None" not in row and "failed" not in row
    delivered, declined = make_introduction(), make_introduction()
    db.commit()
    for message in _messages_of(smtp, db, delivered):
        submit_form(client, answer_links(message.text())["accept"])
    submit_form(client, answer_links(_messages_of(smtp, db, declined)[0].text())["decline"])
    db.session.expire_all()
    assert db.session.get(Introduction, delivered.id).status == IntroductionStatus.introduced
    assert "delivered" in _row(coordinator, delivered)
    assert "declined" in _row(coordinator, declined)
