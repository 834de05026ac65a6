"""Double opt-in introductions: separate requests, decisions by POST, reveal nothing early."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from matcher.jobs.handlers import send_queued
from matcher.models import (
    ActionStatus,
    AuditEntry,
    EmailStatus,
    IntroductionStatus,
    OutboundEmail,
    Suppression,
    utcnow,
)
from matcher.operations.introductions import remind_and_expire
from matcher.security.crypto import blind_index
from tests.support.forms import read_form, submit_form
from tests.support.mail import UNSUBSCRIBE_LINK, answer_links, make_introduction, of_kind

CONTACT_DETAILS = (
    "ana@example.org",
    "beto@example.net",
    "555 0199",
    "1 Secret Street",
    "Beto Ejemplo",
)


def _by_recipient(outbox):
    return {str(message["To"]): message for message in outbox.messages()}


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _html(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def _started(db):
    introduction = make_introduction()
    db.commit()
    return introduction


def _age(db, introduction, days: float) -> None:
    introduction.created_at = utcnow() - timedelta(days=days)
    db.commit()


def test_each_side_gets_its_own_request_without_contact_details(db, outbox):
    introduction = _started(db)
    messages = _by_recipient(outbox)
    assert set(messages) == {"ana@example.org", "beto@example.net"}
    to_ana, to_beto = messages["ana@example.org"], messages["beto@example.net"]
    assert "Marcha en Adelanto" in _text(to_ana) and "Adelanto, CA" in _text(to_ana)
    assert "Vigil at Mesa Verde" in _text(to_beto)
    assert "Bay Area Rapid Response" in _text(to_beto)  # the coalition of the other action
    assert "Mesa Verde ICE Processing Center" in _text(to_beto)
    for message, own in ((to_ana, "ana@example.org"), (to_beto, "beto@example.net")):
        body = _text(message) + _html(message)
        leaked = [item for item in CONTACT_DETAILS if item in body and item != own]
        assert leaked == [] or (leaked == ["Beto Ejemplo"] and own == "beto@example.net")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert UNSUBSCRIBE_LINK.search(message["List-Unsubscribe"])
        assert message["Message-ID"].endswith("@matcher.localhost>")
        assert set(answer_links(_text(message))) == {"accept", "decline"}
    assert 'lang="es"' in _html(to_beto) and 'lang="en"' in _html(to_ana)
    assert introduction.status == IntroductionStatus.requested
    assert introduction.reply_token and introduction.thread_message_id


def test_opening_a_link_decides_nothing_and_both_accepting_introduces(app, client, db, outbox):
    introduction = _started(db)
    requests = _by_recipient(outbox)
    ana = answer_links(_text(requests["ana@example.org"]))
    beto = answer_links(_text(requests["beto@example.net"]))

    page = client.get(ana["accept"])  # what a mail scanner does
    assert page.status_code == 200 and "Marcha en Adelanto" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.requested

    assert client.post(ana["accept"]).status_code == 400  # no CSRF token: nothing decided
    accept = read_form(client, ana["accept"])
    decline = read_form(client, ana["decline"])  # both pages left open in tabs
    assert accept.submit(client).status_code == 200
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.accepted_by_one
    assert len(outbox.messages()) == 2  # nothing new yet
    assert accept.submit(client).status_code == 410  # single use
    assert decline.submit(client).status_code == 410  # one answer per side
    assert client.get(ana["accept"]).status_code == 410

    done = submit_form(client, beto["accept"])
    # Beto chose Spanish: his link says so, and the page answers in Spanish.
    assert "enviamos un correo que las presenta" in done.get_data(as_text=True)
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.introduced
    intros = [m for m in outbox.messages() if m["Reply-To"]]
    assert len(intros) == 2
    for message in intros:
        assert "ana@example.org" in message["To"] and "beto@example.net" in message["To"]
        assert message["Reply-To"] == f"reply+{introduction.reply_token}@matcher.localhost"
        assert "You both target GEO Group." in _text(message)
        assert introduction.thread_message_id in message["References"]
    verbs = db.session.scalars(
        select(AuditEntry.verb).where(AuditEntry.subject_type == "introduction")
    )
    assert {"introduction_accepted", "introduction_sent"} <= set(verbs)


def test_a_decline_is_never_revealed(client, db, outbox):
    introduction = _started(db)
    requests = _by_recipient(outbox)
    submit_form(client, answer_links(_text(requests["ana@example.org"]))["accept"])
    declined = submit_form(client, answer_links(_text(requests["beto@example.net"]))["decline"])
    assert "nadie sabrá que rechazaste" in declined.get_data(as_text=True)  # Beto's Spanish
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.declined
    assert len(outbox.messages()) == 2  # Ana is told nothing now
    details = db.session.scalars(
        select(AuditEntry.details).where(AuditEntry.verb == "introduction_declined")
    )
    assert list(details) == [{"side": "b"}]  # no contact data in the audit log

    _age(db, introduction, 6)
    assert remind_and_expire()["reminded"] == 0  # no reminders after a decline
    _age(db, introduction, 15)
    assert remind_and_expire()["closed"] == 1
    db.commit()
    [notice] = outbox.messages()[2:]
    assert notice["To"] == "ana@example.org"
    text = _text(notice).lower()
    assert "will not happen" in text and "declin" not in text


def test_the_notice_after_a_decline_reads_like_an_expiry(client, db, outbox):
    declined = _started(db)
    request = _by_recipient(outbox)["beto@example.net"]
    expired = make_introduction()
    db.commit()
    submit_form(client, answer_links(_text(request))["decline"])
    _age(db, declined, 15)
    _age(db, expired, 15)
    remind_and_expire()
    db.commit()
    notices = [
        m
        for m in outbox.messages()
        if m["To"] == "ana@example.org" and "not happen" in m["Subject"]
    ]
    assert len(notices) == 2
    without_links = [UNSUBSCRIBE_LINK.sub("", _text(notice)) for notice in notices]
    assert without_links[0] == without_links[1]
    db.session.refresh(expired)
    assert expired.status == IntroductionStatus.expired


def test_one_reminder_after_the_configured_days_then_expiry(client, app, db, outbox):
    introduction = _started(db)
    requests = _by_recipient(outbox)
    submit_form(client, answer_links(_text(requests["ana@example.org"]))["accept"])
    _age(db, introduction, app.config["INTRO_REMINDER_DAYS"] - 0.5)
    assert remind_and_expire()["reminded"] == 0
    _age(db, introduction, app.config["INTRO_REMINDER_DAYS"] + 0.5)
    assert remind_and_expire()["reminded"] == 1  # only the side that has not answered
    db.commit()
    assert remind_and_expire()["reminded"] == 0  # once
    db.commit()
    [reminder] = of_kind(outbox, "optin_reminder")
    assert reminder["To"] == "beto@example.net"
    assert reminder["In-Reply-To"] == requests["beto@example.net"]["Message-ID"]

    _age(db, introduction, app.config["INTRO_EXPIRY_DAYS"] + 0.1)
    assert remind_and_expire() == {"reminded": 0, "expired": 1, "closed": 1}
    db.commit()
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.expired
    late = client.get(answer_links(_text(reminder))["accept"])
    assert late.status_code == 410  # the links expire with the request


def test_consent_withdrawn_before_sending_cancels_the_requests(db, outbox):
    introduction = make_introduction()
    introduction.action_b.intro_region = False
    introduction.action_b.intro_target = False
    db.commit()
    assert outbox.messages() == []
    statuses = db.session.scalars(select(OutboundEmail.status)).all()
    assert statuses == [EmailStatus.cancelled, EmailStatus.cancelled]


def test_one_click_unsubscribe_stops_further_introductions(client, db, outbox):
    _started(db)
    link = UNSUBSCRIBE_LINK.search(_by_recipient(outbox)["beto@example.net"]["List-Unsubscribe"])[1]
    page = client.get(link)
    assert page.status_code == 200 and '<form method="post">' in page.get_data(as_text=True)
    assert db.session.scalar(select(Suppression)) is None  # GET changes nothing

    fresh = client.application.test_client()  # no cookie, no CSRF token (RFC 8058)
    response = fresh.post(
        link,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    suppression = db.session.scalar(select(Suppression))
    assert (suppression.email, suppression.reason) == (
        blind_index("beto@example.net"),
        "unsubscribed",
    )
    again = fresh.post(
        link, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert again.status_code == 200  # idempotent

    make_introduction()  # another introduction for the same address
    db.commit()
    to_beto = db.session.scalars(
        select(OutboundEmail.status)
        .where(OutboundEmail.recipient_index == blind_index("beto@example.net"))
        .order_by(OutboundEmail.id)
    ).all()
    assert to_beto == [EmailStatus.sent, EmailStatus.cancelled]
    assert client.get("/unsubscribe/forged").status_code == 404


def test_answer_link_is_checked(client, db):
    _started(db)
    assert client.get("/introductions/not-a-token/accept").status_code == 410
    assert client.get("/introductions/not-a-token/maybe").status_code == 404


def test_mail_of_an_introduction_whose_action_was_deleted_is_not_sent(client, app, db, outbox):
    introduction = _started(db)
    requests = _by_recipient(outbox)
    submit_form(client, answer_links(_text(requests["ana@example.org"]))["accept"])
    app.config["MAIL_OUTBOX_DIR"] = "/dev/null/unwritable"  # delivery fails: both stay queued
    submit_form(client, answer_links(_text(requests["beto@example.net"]))["accept"])
    app.config["MAIL_OUTBOX_DIR"] = str(outbox.path)
    db.session.delete(introduction.action_a)  # Ana deletes her action and data
    db.session.execute(update(OutboundEmail).values(next_attempt_at=utcnow()))  # retries due
    db.commit()
    counts = send_queued()
    assert counts["cancelled"] == 2 and "sent" not in counts  # Beto's copy, with Ana's details
    assert len(outbox.messages()) == 2


def test_the_closing_notice_names_no_other_action_and_goes_only_to_who_was_asked(db, outbox):
    never_sent = make_introduction()
    never_sent.action_b.status = ActionStatus.withdrawn  # Beto withdrew before it was sent
    db.commit()
    assert outbox.messages() == []  # checked at send time: nobody was asked
    _age(db, never_sent, 15)
    assert remind_and_expire()["closed"] == 1
    db.commit()
    assert outbox.messages() == []  # so nobody is told "we asked you"

    asked = make_introduction()
    db.commit()
    _age(db, asked, 15)
    remind_and_expire()
    db.commit()
    notices = {str(m["To"]): m for m in of_kind(outbox, "intro_closed")}
    assert set(notices) == {"ana@example.org", "beto@example.net"}
    for address, own, other in (
        ("ana@example.org", "Vigil at Mesa Verde", "Marcha en Adelanto"),
        ("beto@example.net", "Marcha en Adelanto", "Vigil at Mesa Verde"),
    ):
        text = _text(notices[address]) + _html(notices[address])
        assert own in text and other not in text
