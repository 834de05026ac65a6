"""The audit log page (admins), an organization's page (in scope), and `create-coordinator`
asking again on a weak password."""

from __future__ import annotations

from sqlalchemy import select

from matcher.models import Coordinator, Introduction
from matcher.operations.introductions import start_introduction
from matcher.security.auth import authenticate
from tests.support.coordinators import PASSWORD, log_in, make_coordinator
from tests.support.helpers import make_action, make_suggestion
from tests.support.pages import visible_text


def test_create_coordinator_asks_again_and_says_why(app, db, runner):
    typed = ["short", "short", "password1234", "password1234", "qwertyuiopasdf", "qwertyuiopasdf"]
    typed += [PASSWORD, PASSWORD]
    result = runner.invoke(
        args=["create-coordinator", "new@example.org", "--states", "CA", "--password"],
        input="\n".join(typed) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "password: Use at least 12 characters. Try again." in result.output
    assert "password: This password is on a list of common passwords" in result.output
    assert "password: This password is too easy to guess" in result.output
    assert "created coordinator new@example.org" in result.output
    assert authenticate("new@example.org", PASSWORD) is not None


def test_the_audit_log_page_filters_by_coordinator_and_verb(app, db):
    make_coordinator(db, "admin@example.org", admin=True)
    make_coordinator(db, "ca@example.org", states="CA")
    db.commit()
    ca, admin = app.test_client(), app.test_client()
    log_in(ca, "ca@example.org")
    log_in(admin, "admin@example.org")
    assert ca.get("/coordinate/audit").status_code == 403
    ca_id = db.session.scalar(select(Coordinator.id).where(Coordinator.email == "ca@example.org"))
    page = visible_text(admin.get(f"/coordinate/audit?coordinator={ca_id}").get_data(as_text=True))
    assert "ca@example.org" in page and "logged in" in page
    rows = page.split("Details", 1)[1]
    assert "admin@example.org" not in rows
    only = visible_text(admin.get("/coordinate/audit?verb=login").get_data(as_text=True))
    assert "logged in" in only.split("Details", 1)[1] and "True" not in only


def test_an_organization_page_in_scope(app, db):
    mine = make_action(db, place="San Diego, CA", title="San Diego vigil", organizations="Red")
    public_ny = make_action(db, place="New York, NY", title="Queens march", organizations="Red")
    hidden = make_action(
        db, place="Buffalo, NY", title="Buffalo quiet", organizations="Red", public="no"
    )
    make_suggestion(db, mine, public_ny)
    introduction = Introduction(action_a_id=mine.id, action_b_id=public_ny.id)
    db.session.add(introduction)
    db.session.flush()
    start_introduction(introduction)
    make_coordinator(db, "ca@example.org", states="CA")
    db.commit()
    client = app.test_client()
    log_in(client, "ca@example.org")
    org = mine.organizations[0].id
    page = visible_text(client.get(f"/coordinate/organizations/{org}").get_data(as_text=True))
    assert "San Diego vigil" in page and "Queens march" in page
    assert "outside your states: public details only" in page
    assert "Buffalo quiet" not in page and hidden.contact_email not in page
    assert "requested" in page  # the introduction, with its state
    assert f"/coordinate/organizations/{org}" in client.get(
        f"/coordinate/actions/{mine.id}"
    ).get_data(as_text=True)
