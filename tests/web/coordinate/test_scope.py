"""What a state-scoped coordinator may read of a pair that crosses states.

A California coordinator reviews and follows a California–New York pair, but sees of the New
York side only what the public sees: never its organizer's name or address, never the messages
to it or the replies from it; a New York action that is not public does not appear at all.
"""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from matcher.models import Action, ActionStatus, AuditEntry, IntroductionStatus, Suggestion
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import forged_post, submit_form
from tests.support.helpers import make_action, make_suggestion
from tests.support.mail import answer_links, post_inbound, reply_message

SECRET = "webhook-secret-for-scope-tests"
NY_NAME, NY_EMAIL = "Nadia Neoyorquina", "nadia.ny@example.net"
CA_NAME, CA_EMAIL = "Carla Californiana", "carla.ca@example.org"
HIDDEN_NAME, HIDDEN_EMAIL = "Hidden Harlem", "hidden.ny@example.net"


@pytest.fixture
def webhook(app):
    app.config["INBOUND_WEBHOOK_SECRET"] = SECRET
    yield
    app.config["INBOUND_WEBHOOK_SECRET"] = ""


@pytest.fixture
def pair(db):
    """A CA action, a public NY action and a NY action that is not public, with a CA-NY
    suggestion for each NY action; a CA coordinator and an admin."""
    ca = make_action(
        db, place="San Diego, CA", title="San Diego vigil", email=CA_EMAIL, contact_name=CA_NAME
    )
    ny = make_action(
        db, place="New York, NY", title="Queens march", email=NY_EMAIL, contact_name=NY_NAME
    )
    hidden = make_action(
        db,
        place="Buffalo, NY",
        title="Unlisted Buffalo action",
        email=HIDDEN_EMAIL,
        contact_name=HIDDEN_NAME,
        public="no",
    )
    public_pair = make_suggestion(db, ca, ny, score=0.9, kinds="target")
    hidden_pair = make_suggestion(db, ca, hidden, score=0.8, kinds="target")
    make_coordinator(db, "ca@example.org", states="CA")
    make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    return {"ca": ca, "ny": ny, "hidden": hidden, "public": public_pair, "hidden_pair": hidden_pair}


def _client(app, email):
    client = app.test_client()
    assert log_in(client, email).status_code == 302
    return client


def _post_reply(client, introduction, text: str, sender: str) -> None:
    body = reply_message(introduction, sender, text)
    assert post_inbound(client, body, SECRET).status_code == 202


def _introduced(app, db, outbox, pair):
    """The CA coordinator approves the CA-NY pair; both sides accept."""
    ca_client = _client(app, "ca@example.org")
    approve = f"/coordinate/suggestions/{pair['public'].id}/approve"
    response = submit_form(ca_client, "/coordinate/suggestions", {"note": "Meet!"}, form=approve)
    assert response.status_code == 302
    suggestion = db.session.get(Suggestion, pair["public"].id)
    db.session.refresh(suggestion)
    from matcher.models import Introduction

    introduction = db.session.scalar(
        select(Introduction).where(Introduction.suggestion_id == suggestion.id)
    )
    return ca_client, introduction


def test_a_cross_state_timeline_shows_nothing_private_of_the_other_state(
    app, client, db, outbox, pair, webhook
):
    ca_client, introduction = _introduced(app, db, outbox, pair)
    page = ca_client.get(f"/coordinate/introductions/{introduction.id}").get_data(as_text=True)
    assert NY_EMAIL not in page and NY_NAME not in page  # before anyone accepted
    assert CA_EMAIL in page  # the coordinator's own state
    views = db.session.scalars(
        select(AuditEntry).where(
            AuditEntry.verb == "view_contact", AuditEntry.subject_type == "introduction"
        )
    ).all()
    assert [entry.subject_id for entry in views] == [introduction.id]
    assert views[0].details["actions"] == [pair["ca"].id]

    for message in outbox.messages():
        text = message.get_body(preferencelist=("plain",)).get_content()
        submit_form(client, answer_links(text)["accept"])
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.introduced
    _post_reply(client, introduction, "Greetings from Queens, call me at 718 555 0142", NY_EMAIL)
    _post_reply(client, introduction, "Hello from San Diego!", CA_EMAIL)

    page = ca_client.get(f"/coordinate/introductions/{introduction.id}").get_data(as_text=True)
    assert "Hello from San Diego!" in page
    for private in (NY_EMAIL, NY_NAME, "Greetings from Queens", "718 555 0142"):
        assert private not in page, private
    admin_page = _client(app, "admin@example.org").get(
        f"/coordinate/introductions/{introduction.id}"
    )
    assert "Greetings from Queens" in admin_page.get_data(as_text=True)

    dashboard = ca_client.get("/coordinate/").get_data(as_text=True)
    assert '<section><h2>Replies</h2><p class="big">1</p>' in dashboard  # CA's reply only


def test_a_pair_with_an_out_of_state_action_that_is_not_public_is_not_shown(app, db, pair):
    page = _client(app, "ca@example.org").get("/coordinate/suggestions").get_data(as_text=True)
    assert "Queens march" in page
    assert "Unlisted Buffalo action" not in page
    assert f"/coordinate/actions/{pair['ny'].id}" not in page  # no link to an action out of scope
    for private in (NY_EMAIL, NY_NAME, HIDDEN_EMAIL, HIDDEN_NAME):
        assert private not in page
    admin_page = _client(app, "admin@example.org").get("/coordinate/suggestions")
    assert "Unlisted Buffalo action" in admin_page.get_data(as_text=True)
    hidden = f"/coordinate/suggestions/{pair['hidden_pair'].id}/approve"  # not on the page
    denied = forged_post(_client(app, "ca@example.org"), "/coordinate/suggestions", hidden)
    assert denied.status_code == 403


def test_removing_every_action_of_an_address_stays_in_scope(app, db, pair):
    decoy = make_action(
        db, place="Fresno, CA", title="Decoy", email=NY_EMAIL, contact_name="Anyone"
    )
    db.commit()
    page = f"/coordinate/actions/{decoy.id}"
    form = f"/coordinate/actions/{decoy.id}/remove"
    response = submit_form(_client(app, "ca@example.org"), page, {"all": True}, form=form)
    assert response.status_code == 302
    db.session.refresh(decoy)
    ny = db.session.get(Action, pair["ny"].id)
    db.session.refresh(ny)
    assert decoy.status == ActionStatus.removed
    assert ny.status == ActionStatus.published  # another state's action is not touched


def test_the_csv_gives_contacts_only_of_introduced_pairs_in_scope(app, client, db, outbox, pair):
    ca_client, introduction = _introduced(app, db, outbox, pair)
    requests = {str(m["To"]): m for m in outbox.messages()}
    text = requests[NY_EMAIL].get_body(preferencelist=("plain",)).get_content()
    submit_form(client, answer_links(text)["decline"])
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.declined

    rows = list(csv.DictReader(io.StringIO(ca_client.get("/coordinate/introductions.csv").text)))
    [row] = rows
    assert row["status"] == "closed"  # a decline reads like an expiry
    assert row["contact_a"] == row["contact_b"] == ""
    assert CA_EMAIL not in str(rows) and NY_EMAIL not in str(rows)


def test_dashboard_counts_only_the_coordinators_states(app, db, pair):
    make_action(db, place="Portland, OR", title="Portland rally", email="or@example.org")
    db.commit()
    page = _client(app, "ca@example.org").get("/coordinate/").get_data(as_text=True)
    published = page.split("<dt>published</dt><dd>", 1)[1].split("<", 1)[0]
    assert published == "1"
    suggestions = page.split("<h2>Suggestions</h2>", 1)[1]
    assert suggestions.split("<dt>pending</dt><dd>", 1)[1].split("<", 1)[0] == "1"
