"""Coalition suggestions on the manage page, introduction requests through coordinator review
and double opt-in, organizers' tags and their review, the directory and the movement map."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from matcher.models import (
    Action,
    ActionStatus,
    AuditEntry,
    CoalitionRequest,
    Introduction,
    IntroductionStatus,
    Organization,
    ReviewStatus,
)
from matcher.operations.imports import load_demo
from matcher.operations.matching import run_match
from matcher.operations.submissions import manage_link
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import forged_post, read_form, submit_action, submit_form
from tests.support.helpers import links_in
from tests.support.mail import answer_links, of_kind


@pytest.fixture
def demo(db):
    load_demo()
    run_match()
    db.commit()


def action(db, ref):
    return db.session.scalar(select(Action).where(Action.ref == ref))


def organization(db, name):
    return db.session.scalar(select(Organization).where(Organization.name == name))


def manage_path(db, ref):
    url = manage_link(action(db, ref))
    db.commit()
    return "/manage/" + url.split("/manage/", 1)[1]


def coalition_section(html):
    return html.split('id="coalition"', 1)[1].split('id="describe"', 1)[0]


def suggested(html):
    return re.findall(r'<h3><a href="/organizations/\d+">([^<]+)</a>', coalition_section(html))


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def by_recipient(outbox):
    return {str(m["To"]): m for m in outbox.messages()}


def test_the_manage_page_lists_what_the_coalition_lacks_and_not_mirac(client, db, demo):
    html = client.get(manage_path(db, "demo-minneapolis-1010")).get_data(as_text=True)
    names = suggested(html)
    for expected in (
        "Centro de Trabajadores Unidos en la Lucha (CTUL)",
        "Unidos MN",
        "Navigate MN",
    ):
        assert expected in names
    assert not [name for name in names if "MIRAC" in name]
    assert "Twin Cities Democratic Socialists of America" not in names
    assert "demo+minneapolis-1025@example.org" not in html  # never a contact detail


def test_tagged_immigrant_led_and_indigenous_led_come_first(client, db, demo):
    make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    log_in(client, "admin@example.org")
    for name, tag in (("Navigate MN", "immigrant_led"), ("Unidos MN", "indigenous_led")):
        path = f"/coordinate/tags/{organization(db, name).id}"
        assert submit_form(client, path, {"tags": [tag]}, form="Save the tags").status_code == 302
    html = client.get(manage_path(db, "demo-minneapolis-1010")).get_data(as_text=True)
    assert sorted(suggested(html)[:2]) == ["Navigate MN", "Unidos MN"]
    assert "immigrant-led" in coalition_section(html)
    page = client.get(f"/organizations/{organization(db, 'Navigate MN').id}")
    assert "immigrant-led" in page.get_data(as_text=True)


def test_an_introduction_request_goes_through_review_and_double_opt_in(client, db, demo, outbox):
    manage = manage_path(db, "demo-minneapolis-1010")
    button = "Ask for an introduction to Unidos MN"
    response = submit_form(client, manage, {"message": "We march on Oct 10"}, form=button)
    assert response.status_code == 302
    html = client.get(manage).get_data(as_text=True)
    assert "You asked to meet them" in html and button not in html
    request = db.session.scalar(select(CoalitionRequest))
    assert request.status == ReviewStatus.pending
    assert request.target_action.ref == "demo-minneapolis-1025"
    assert outbox.messages() == []  # nobody is asked before a coordinator reviewed it

    make_coordinator(db, "ca@example.org", states="CA")
    make_coordinator(db, "mn@example.org", states="MN")
    db.commit()
    outside = client.application.test_client()
    log_in(outside, "ca@example.org")
    page = outside.get("/coordinate/introduction-requests").get_data(as_text=True)
    assert "Unidos MN" not in page  # both sides are in Minnesota: out of a CA scope
    approve = f"/coordinate/introduction-requests/{request.id}/approve"
    assert forged_post(outside, "/coordinate/tags", approve).status_code == 403

    coordinator = client.application.test_client()
    log_in(coordinator, "mn@example.org")
    page = coordinator.get("/coordinate/introduction-requests").get_data(as_text=True)
    assert "We march on Oct 10" in page and "Unidos MN" in page
    form = read_form(coordinator, "/coordinate/introduction-requests", form="Approve")
    assert form.fill({"note": "Two Minneapolis actions"}).submit(coordinator).status_code == 302
    db.session.refresh(request)
    assert request.status == ReviewStatus.approved
    introduction = db.session.get(Introduction, request.introduction_id)
    assert introduction.status == IntroductionStatus.requested
    timeline = coordinator.get(f"/coordinate/introductions/{introduction.id}")
    assert "Hennepin County out of ICE" in timeline.get_data(as_text=True)

    messages = by_recipient(outbox)
    asker = text_of(messages["demo+minneapolis-1010@example.org"])
    asked = text_of(messages["demo+minneapolis-1025@example.org"])
    assert "You asked to meet the organizers of Unidos MN" in asker
    assert "asked to meet the organizers of Unidos MN" in asked
    assert "demo+minneapolis-1010" not in asked and "demo+minneapolis-1025" not in asker
    for text in (asker, asked):
        accept = read_form(client, answer_links(text)["accept"])
        assert accept.submit(client).status_code == 200
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.introduced
    introduced = [m for m in outbox.messages() if "Introduction:" in str(m["Subject"])]
    assert len(introduced) == 2
    assert "demo+minneapolis-1025@example.org" in text_of(introduced[0]) + text_of(introduced[1])
    verbs = set(db.session.scalars(select(AuditEntry.verb)))
    assert {"coalition_request", "approve", "introduction_requested", "introduction_sent"} <= verbs


def test_requests_need_region_consent_and_are_limited(app, client, db, demo):
    march = action(db, "demo-minneapolis-1010")
    manage = manage_path(db, "demo-minneapolis-1010")
    app.config["COALITION_REQUESTS_PER_DAY"] = 2
    try:
        for name in ("Unidos MN", "Navigate MN"):
            submit_form(client, manage, form=f"Ask for an introduction to {name}")
        response = submit_form(
            client, manage, form="Ask for an introduction to MN Educators Against ICE"
        )
        assert response.status_code == 422
        assert "try again tomorrow" in response.get_data(as_text=True)
    finally:
        app.config["COALITION_REQUESTS_PER_DAY"] = 5
    march.intro_region = False
    db.commit()
    html = client.get(manage).get_data(as_text=True)
    assert "Ask for an introduction" not in html
    assert "first give your consent to introductions in your region" in html


def test_an_organizer_describes_their_organization_and_a_coordinator_reviews(client, db, demo):
    manage = manage_path(db, "demo-minneapolis-1010")
    mirac = organization(db, "MIRAC")
    response = submit_form(
        client,
        manage,
        {"organization": str(mirac.id), "tags": ["immigrant_led"]},
        form="Send for review",
    )
    assert response.status_code == 302
    assert "Waiting for a coordinator" in client.get(manage).get_data(as_text=True)
    assert "immigrant-led" not in client.get(f"/organizations/{mirac.id}").get_data(as_text=True)

    make_coordinator(db, "mn@example.org", states="MN")
    db.commit()
    log_in(client, "mn@example.org")
    assert submit_form(client, "/coordinate/tags", form="Approve").status_code == 302
    assert "immigrant-led" in client.get(f"/organizations/{mirac.id}").get_data(as_text=True)
    listed = client.get("/organizations?tag=immigrant_led").get_data(as_text=True)
    assert "MIRAC" in listed and "Unidos MN" not in listed


def test_organizers_may_only_describe_their_own_coalition(client, db, demo):
    manage = manage_path(db, "demo-minneapolis-1010")
    unidos = organization(db, "Unidos MN")
    form = read_form(client, manage, form="Send for review")
    with pytest.raises(AssertionError):  # not an option on the page: no browser can send it
        form.fill({"organization": str(unidos.id)})


def test_the_directory_page_has_aliases_places_and_no_contact(client, db, demo):
    mirac = organization(db, "MIRAC")
    html = client.get(f"/organizations/{mirac.id}").get_data(as_text=True)
    assert "Minnesota Immigrant Rights Action Committee (MIRAC)" in html
    assert "Minneapolis, MN" in html and "@example.org" not in html
    assert client.get("/organizations/999999").status_code == 404
    assert "Never Again Action" in client.get("/organizations?q=never").get_data(as_text=True)


def test_the_movement_map(client, db, demo):
    make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    log_in(client, "admin@example.org")
    html = client.get("/coordinate/movement").get_data(as_text=True)
    connectors = html.split('id="connectors"', 1)[1].split('id="regions"', 1)[0]
    assert "Never Again Action" in connectors
    assert "Twin Cities DSA" in connectors  # Minneapolis and Clearbrook
    missing = html.split('id="missing"', 1)[1].split('id="connectors"', 1)[0]
    assert "no immigrant-led organization" in missing


def test_the_confirmation_email_lists_who_organizes_near_the_new_action(client, db, demo, outbox):
    fields = {"location": "Minneapolis, MN", "organizations": "Unidos MN; Brand New Group"}
    assert submit_action(client, **fields).status_code in (200, 302)
    verify = links_in(outbox.last_text())["verify"]
    assert submit_form(client, verify).status_code == 200
    [message] = of_kind(outbox, "coalition")
    text = text_of(message)
    assert "who else organizes near you" in str(message["Subject"])
    assert "Centro de Trabajadores Unidos en la Lucha (CTUL)" in text and "MIRAC" in text
    assert "- Unidos MN" not in text  # already in its coalition
    assert "/manage/" in text and "@example.org" not in text


@pytest.mark.parametrize("value", ["99999999999999999999999", "²", "-3", "x", ""])
def test_a_tampered_organization_is_refused_by_name(client, db, demo, value):
    manage = manage_path(db, "demo-minneapolis-1010")
    target = manage.split("?", 1)[0] + "/coalition"
    response = forged_post(client, manage, target, {"organization": value})
    assert response.status_code == 422
    section = coalition_section(response.get_data(as_text=True))
    assert '<p class="error" role="alert">' in section  # said where the organizer looks
    assert db.session.scalar(select(CoalitionRequest)) is None


def test_a_withdrawn_action_sees_suggestions_but_cannot_ask_yet(client, db, demo):
    march = action(db, "demo-minneapolis-1010")
    march.status = ActionStatus.withdrawn
    db.commit()
    html = client.get(manage_path(db, "demo-minneapolis-1010")).get_data(as_text=True)
    assert "Unidos MN" in suggested(html)
    assert "Ask for an introduction" not in html
    assert "Once your action is published" in html
