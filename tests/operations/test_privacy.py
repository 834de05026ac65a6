"""Retention purges contact data after an action's date; an address can get its data exported."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import func, select

from matcher.models import Action, OutboundEmail
from matcher.operations.privacy import purge_contact_data
from tests.support.forms import submit_action, submit_form
from tests.support.helpers import links_in


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
