"""The organizer's private manage link: edit, withdraw, re-list, delete for good."""

from __future__ import annotations

from sqlalchemy import func, select

from matcher.models import Action, ActionStatus, ConsentEvent, OutboundEmail, Token
from tests.support.forms import link_to, read_form, submit_action, submit_form
from tests.support.helpers import links_in


def submitted(client, outbox):
    submit_action(client)
    links = links_in(outbox.last_text())
    submit_form(client, links["verify"])
    return links["manage"]


def test_manage_page_is_private_and_not_cached(client, outbox):
    manage = submitted(client, outbox)
    page = client.get(manage)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert "rosa.tester@example.org" in page.get_data(as_text=True)
    assert client.get("/manage/forged-token").status_code == 410


def test_edit_changes_fields_and_records_consent(client, db, outbox):
    manage = submitted(client, outbox)
    form = read_form(client, manage, "Save changes")
    assert "contact_email" not in form.names()  # shown as text: the verified address
    response = form.fill({"title": "New title"}).submit(client, follow_redirects=True)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Your changes are saved." in response.get_data(as_text=True)
    choices = {"intro_region": False, "intro_target": True}
    saved = submit_form(client, manage, choices, form="Save my choices", follow_redirects=True)
    assert "Your choices are saved." in saved.get_data(as_text=True)
    action = db.session.scalar(select(Action))
    db.session.refresh(action)
    assert action.title == "New title"
    assert action.contact_email == "rosa.tester@example.org"  # stays the verified address
    assert (action.intro_region, action.intro_target) == (False, True)
    events = db.session.scalars(select(ConsentEvent).where(ConsentEvent.source == "manage")).all()
    changed = {(e.kind, e.granted) for e in events}
    assert changed == {("intro_region", False), ("intro_target", True)}


def test_edit_with_bad_field_changes_nothing(client, db, outbox):
    manage = submitted(client, outbox)
    response = submit_form(client, manage, {"title": ""}, form="Save changes")
    assert response.status_code == 422
    assert "Give your action a title." in response.get_data(as_text=True)
    assert db.session.scalar(select(Action.title)) == "Vigil at the detention center"


def test_withdraw_and_relist(client, db, outbox):
    manage = submitted(client, outbox)
    slug = db.session.scalar(select(Action.slug))
    assert submit_form(client, manage, form="/withdraw").status_code == 302
    assert db.session.scalar(select(Action.status)) == ActionStatus.withdrawn
    assert client.get(f"/actions/{slug}").status_code == 404
    submit_form(client, manage, form="/republish")
    assert db.session.scalar(select(Action.status)) == ActionStatus.published
    assert client.get(f"/actions/{slug}").status_code == 200


def test_delete_really_deletes_contact_data(client, db, outbox):
    manage = submitted(client, outbox)
    delete = link_to(client, manage, "Delete the action and my contact details")
    assert submit_form(client, delete, button="Delete for good").status_code == 200
    assert db.session.scalar(select(func.count(Action.id))) == 0
    assert db.session.scalar(select(func.count(OutboundEmail.id))) == 0
    assert db.session.scalar(select(func.count(Token.id))) == 0
    assert db.session.scalar(select(func.count(ConsentEvent.id))) == 0
    assert client.get(manage).status_code == 410


def test_delete_also_removes_the_mail_of_its_introductions(db):
    from matcher.models import Introduction
    from matcher.operations.manage import delete_action
    from tests.support.mail import make_introduction

    introduction = make_introduction()
    db.commit()
    intro_id, action = introduction.id, introduction.action_a
    other = introduction.action_b
    assert (
        db.session.scalar(
            select(func.count(OutboundEmail.id)).where(OutboundEmail.introduction_id == intro_id)
        )
        == 2
    )
    delete_action(action)
    db.commit()
    assert db.session.scalar(select(func.count(Introduction.id))) == 0
    remaining = db.session.scalars(select(OutboundEmail)).all()
    assert not [m for m in remaining if m.recipient_address == other.contact_email]
    assert not [m for m in remaining if action.contact_email in m.body_text]
