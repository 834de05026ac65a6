"""Retention purges contact data after an action's date; an address can get its data exported."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from matcher.models import Action, InboundEmail, OutboundEmail
from matcher.operations.privacy import purge_contact_data
from tests.support.forms import submit_action, submit_form
from tests.support.helpers import links_in
from tests.support.mail import answer_links, make_introduction, post_inbound, reply_message


def test_retention_purges_old_contact_data_only(app, client, db, outbox):
    submit_action(client, title="Old one", contact_email="old@example.org")
    submit_form(client, links_in(outbox.last_text())["verify"])
    submit_action(client, title="New one", contact_email="new@example.org")
    old = db.session.scalar(select(Action).where(Action.title == "Old one"))
    days = app.config["CONTACT_RETENTION_DAYS"]
    old.date = date.today() - timedelta(days=days)  # exactly at the limit: kept
    assert purge_contact_data() == 0
    old.date = date.today() - timedelta(days=days + 1)
    assert purge_contact_data() == 1
    db.session.refresh(old)
    assert (old.contact_email, old.contact_name, old.contact_phone, old.venue) == (
        "",
        "",
        None,
        None,
    )
    assert old.title == "Old one"  # the public record stays
    kept = db.session.scalar(select(Action).where(Action.title == "New one"))
    assert kept.contact_email == "new@example.org"
    assert (
        db.session.scalar(
            select(func.count(OutboundEmail.id)).where(OutboundEmail.action_id == old.id)
        )
        == 0
    )
    assert purge_contact_data() == 0  # idempotent


def test_export_holds_everything_about_an_address(client, runner, db, outbox):
    submit_action(client, contact_email="Rosa@Example.org")
    result = runner.invoke(args=["export-data", "rosa@example.org"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [action] = data["actions"]
    assert action["contact_email"] == "Rosa@example.org"
    assert set(action["organizations"]) == {"Unión del Barrio", "Never Again Action"}
    assert {c["kind"] for c in data["consents"]} == {
        "listed_publicly",
        "intro_region",
        "intro_target",
        "accepts_messages",
    }
    assert [m["kind"] for m in data["emails_sent"]] == ["verify"]
    empty = json.loads(runner.invoke(args=["export-data", "x@example.org"]).output)
    assert empty["actions"] == [] and empty["emails_sent"] == []


def test_purge_command(runner):
    result = runner.invoke(args=["purge-contacts"])
    assert result.exit_code == 0 and "erased the contact details of 0 actions" in result.output


def _introduced_with_replies(client, db, outbox, webhook_secret):
    """Ana and Beto introduced; Ana wrote to the service only (relayed to Beto), Beto replied
    to all."""
    introduction = make_introduction()
    db.commit()
    for message in outbox.messages():
        text = message.get_body(preferencelist=("plain",)).get_content()
        submit_form(client, answer_links(text)["accept"])
    for sender, to, text in (
        ("ana@example.org", "", "Beto, bring the banner. Ana, 510 555 0101"),
        ("beto@example.net", "ana@example.org", "Sure, see you Saturday"),
    ):
        body = reply_message(introduction, sender, text, to=to)
        assert post_inbound(client, body, webhook_secret).status_code == 202
    return introduction


@pytest.fixture
def webhook(app):
    app.config["INBOUND_WEBHOOK_SECRET"] = "privacy-webhook-secret"
    yield "privacy-webhook-secret"
    app.config["INBOUND_WEBHOOK_SECRET"] = ""


def test_export_reports_the_other_sides_copies_and_the_replies(client, runner, db, outbox, webhook):
    _introduced_with_replies(client, db, outbox, webhook)
    data = json.loads(runner.invoke(args=["export-data", "ana@example.org"]).output)
    assert [m["kind"] for m in data["emails_sent"]] == ["optin_request", "introduction"]
    assert [m["kind"] for m in data["emails_received"]] == ["reply"]
    naming = data["emails_to_others_with_your_details"]
    assert sorted(m["kind"] for m in naming) == ["intro_relay", "introduction"]
    assert all(m["to_action_id"] != data["actions"][0]["id"] for m in naming)
    assert [m["kind"] for m in data["replies_to_you"]] == ["reply"]  # Beto's reply to all


def test_purge_removes_the_person_from_the_other_sides_copies_and_their_replies(
    app, client, runner, db, outbox, webhook
):
    introduction = _introduced_with_replies(client, db, outbox, webhook)
    ana = introduction.action_a
    ana.date = date.today() - timedelta(days=app.config["CONTACT_RETENTION_DAYS"] + 1)
    db.commit()
    assert purge_contact_data() == 1
    db.commit()
    left = db.session.scalars(
        select(OutboundEmail).where(OutboundEmail.introduction_id == introduction.id)
    ).all()
    for email in left:  # Beto's own requests may stay, but nothing that names Ana
        assert "ana@example.org" not in (email.body_text + (email.body_html or ""))
        assert "Vigil at Mesa Verde organizer" not in email.subject + email.body_text
    assert db.session.scalars(select(InboundEmail)).all() == []
    beto = json.loads(runner.invoke(args=["export-data", "beto@example.net"]).output)
    assert "ana@example.org" not in json.dumps(beto)
    assert beto["emails_received"] == [] and beto["actions"]
    gone = json.loads(runner.invoke(args=["export-data", "ana@example.org"]).output)
    assert gone["actions"] == [] and gone["emails_to_others_with_your_details"] == []


def test_the_purge_is_on_the_beat_schedule(app):
    from matcher.jobs.celery_app import BEAT_SCHEDULE, make_celery

    [entry] = [e for e in BEAT_SCHEDULE.values() if e["task"] == "matcher.purge_contacts"]
    assert entry["schedule"] <= timedelta(days=1)
    assert "matcher.purge_contacts" in make_celery(app).tasks
