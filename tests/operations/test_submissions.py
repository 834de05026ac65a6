"""Organizer submission through the web form: store, verify by email, publish, manage."""

from __future__ import annotations

from sqlalchemy import func, select

from matcher.models import Action, ActionStatus, EmailStatus, OutboundEmail
from tests.support.forms import forged_post, read_form, submit_action, submit_form
from tests.support.helpers import action_fields, links_in


def submit(client, **overrides):
    return submit_action(client, **overrides)


def test_form_renders_with_labels(client):
    page = client.get("/submit")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for label in ("Title", "Date", "City or place", "Contact email", "Target type"):
        assert f">{label}</label>" in html


def test_submit_verify_publish_journey(client, db, outbox):
    response = submit(client)
    assert response.status_code == 302
    action = db.session.scalar(select(Action))
    assert action.status == ActionStatus.pending
    assert client.get(f"/actions/{action.slug}").status_code == 404

    [message] = outbox.messages()
    assert message["To"] == "rosa.tester@example.org"
    assert message["Message-ID"].endswith("@matcher.localhost>")
    assert message.get_body(preferencelist=("html",)) is not None
    links = links_in(outbox.last_text())
    assert set(links) == {"verify", "manage"}

    for method in (client.get, client.head):  # a mail scanner, a link preview
        assert method(links["verify"]).status_code == 200
    db.session.refresh(action)
    assert action.status == ActionStatus.pending  # opening the link publishes nothing
    confirm = read_form(client, links["verify"])
    page = confirm.submit(client)
    assert page.status_code == 200
    assert "your action is confirmed" in page.get_data(as_text=True)
    db.session.refresh(action)
    assert action.status == ActionStatus.published
    listing = client.get("/").get_data(as_text=True)
    assert "Vigil at the detention center" in listing
    assert client.get(f"/actions/{action.slug}").status_code == 200

    assert confirm.submit(client).status_code == 410  # single use
    again = client.get(links["verify"])
    assert again.status_code == 410
    assert "Send me new links to manage my actions" in again.get_data(as_text=True)


def test_forged_or_wrong_purpose_link_is_refused(client, outbox):
    submit(client)
    links = links_in(outbox.last_text())
    manage_token = links["manage"].rsplit("/", 1)[1]
    assert client.get(f"/verify/{manage_token}").status_code == 410
    assert client.get("/verify/not-a-token").status_code == 410
    path = links["verify"].split("?")[0]
    assert client.get(path[:-2] + "xx").status_code == 410


def test_expired_verification_link(client, app, db, outbox):
    app.config["VERIFY_LINK_MAX_AGE_HOURS"] = -1
    try:
        submit(client)
    finally:
        app.config["VERIFY_LINK_MAX_AGE_HOURS"] = 72
    page = client.get(links_in(outbox.last_text())["verify"])
    assert page.status_code == 410
    assert "expired" in page.get_data(as_text=True)
    assert db.session.scalar(select(Action.status)) == ActionStatus.pending


def test_every_bad_field_is_named_and_nothing_is_stored(client, db):
    cases = {
        "title": "",
        "date": "12/10/2027",
        "location": "",
        "contact_email": "not-an-email",
        "contact_name": "",
    }
    for field, value in cases.items():
        response = submit(client, **{field: value})
        assert response.status_code == 422, field
        html = response.get_data(as_text=True)
        assert f'id="{field}-error"' in html, field
    tampered = forged_post(client, "/submit", "/submit", action_fields(target_type="prison"))
    assert tampered.status_code == 422 and 'id="target_type-error"' in tampered.get_data(
        as_text=True
    )
    assert db.session.scalar(select(func.count(Action.id))) == 0
    assert db.session.scalar(select(func.count(OutboundEmail.id))) == 0


def test_times_and_far_dates_are_checked(client, db):
    late = submit(client, start_time="19:00", end_time="18:00")
    assert "The end time must come after the start time." in late.get_data(as_text=True)
    far = submit(client, date="2099-10-12")
    assert far.status_code == 422
    assert "more than 2 years away" in far.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Action.id))) == 0


def test_past_date_is_refused(client):
    response = submit(client, date="2019-10-12")
    assert response.status_code == 422
    assert "The date has passed." in response.get_data(as_text=True)


def test_failing_mail_server_keeps_the_submission(client, app, db, outbox, runner):
    app.config["MAIL_SERVER"] = "127.0.0.1"
    app.config["MAIL_PORT"] = 9  # discard port: nothing listens, connection refused
    try:
        response = submit(client)
    finally:
        app.config["MAIL_SERVER"] = ""
    assert response.status_code == 302
    action = db.session.scalar(select(Action))
    assert action is not None
    email = db.session.scalar(select(OutboundEmail))
    assert email.status == EmailStatus.queued
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    email.next_attempt_at = None
    result = runner.invoke(args=["send-queued"])
    assert "1 sent" in result.output
    db.session.refresh(email)
    assert email.status == EmailStatus.sent
    assert outbox.files()


def test_misspelled_city_is_placed_right_and_flagged(client, db, outbox):
    submit(client, location="Alburquerque, NM", venue="")
    action = db.session.scalar(select(Action))
    assert action.place == "Albuquerque, NM" and action.state == "NM"
    assert abs(action.latitude - 35.08) < 0.1 and abs(action.longitude + 106.65) < 0.1
    verify_mail, question = outbox.messages()
    assert question["Subject"] == "We placed this at Albuquerque, NM: is that right?"
    verify = links_in(verify_mail.get_body(preferencelist=("plain",)).get_content())["verify"]
    assert "We placed this at Albuquerque, NM: is that right?" in client.get(verify).get_data(
        as_text=True
    )
    confirmed = submit_form(client, verify).get_data(as_text=True)
    assert "We placed this at Albuquerque, NM: is that right?" in confirmed
    listed = client.get("/api/v1/actions?state=NM").get_json()["actions"]
    assert [a["location"] for a in listed] == ["Albuquerque, NM"]


def test_unplaceable_location_is_kept_and_flagged(client, db, outbox):
    response = submit(client, location="Online (Zoom)", venue="")
    assert response.status_code == 302
    action = db.session.scalar(select(Action))
    assert action.needs_location and action.latitude is None
    page = client.get(links_in(outbox.last_text())["verify"]).get_data(as_text=True)
    assert "We could not place" in page
