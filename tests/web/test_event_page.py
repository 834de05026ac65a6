"""What the public and organizers expect of an event page: the meeting point and event link,
writing to the organizers, the place question, nearby actions, lost links, the language of
emailed links, titles and link previews."""

from __future__ import annotations

from datetime import timedelta

from geopy.location import Location
from sqlalchemy import select

from matcher.models import Action, ConsentEvent, OutboundEmail
from matcher.operations.geocoding import apply_location
from tests.support.forms import link_to, read_form, submit_action, submit_form
from tests.support.helpers import action_fields, links_in, make_action

ORGANIZER = "rosa.tester@example.org"


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def published(client, outbox, **fields):
    submit_action(client, **fields)
    links = links_in(_text(outbox.messages()[0]))
    submit_form(client, links["verify"])
    return links


def test_meeting_point_and_event_link_are_public_the_address_is_not(client, db, outbox):
    published(
        client,
        outbox,
        meeting_point="Chicano Park, under the bridge",
        event_url="https://www.mobilize.us/example/event/1/",
    )
    action = db.session.scalar(select(Action))
    page = client.get(f"/actions/{action.slug}").get_data(as_text=True)
    assert "Chicano Park, under the bridge" in page
    assert 'href="https://www.mobilize.us/example/event/1/"' in page
    assert "446 Alta Road" not in page and ORGANIZER not in page
    [item] = client.get("/api/v1/actions").get_json()["actions"]
    assert item["meeting_point"] == "Chicano Park, under the bridge"
    assert item["venue"] is None
    bad = submit_action(client, event_url="javascript:alert(1)")
    assert bad.status_code == 422 and 'id="event_url-error"' in bad.get_data(as_text=True)


def test_write_to_the_organizers_relays_without_revealing_them(app, client, db, outbox):
    published(client, outbox, accepts_messages=True, language="es")
    action = db.session.scalar(select(Action))
    page = f"/actions/{action.slug}"
    visitor = app.test_client()  # a member of the public, in English
    sent = submit_form(
        visitor,
        page,
        {"name": "Luis", "email": "luis@example.net", "message": "Can we bring a banner?"},
        form="Send to the organizers",
        follow_redirects=True,
    )
    assert "Your message was sent to the organizers" in sent.get_data(as_text=True)
    assert ORGANIZER not in sent.get_data(as_text=True)
    relayed = outbox.messages()[-1]
    assert relayed["To"] == ORGANIZER and relayed["Reply-To"] == "luis@example.net"
    assert "Can we bring a banner?" in _text(relayed)
    assert "Luis" in relayed["Subject"] and "Un mensaje" in relayed["Subject"]  # her language
    assert ORGANIZER not in str(relayed["From"])


def test_the_relay_refuses_bots_bad_input_and_floods(app, client, db, outbox):
    published(client, outbox, accepts_messages=True)
    action = db.session.scalar(select(Action))
    page = f"/actions/{action.slug}"
    before = len(outbox.messages())
    bot = {"name": "x", "email": "bot@example.net", "message": "spam spam", "website": "http://x"}
    assert submit_form(client, page, bot, form="Send to the organizers").status_code == 302
    empty = submit_form(client, page, {"email": "nope"}, form="Send to the organizers")
    assert empty.status_code == 422
    html = empty.get_data(as_text=True)
    for name in ("name", "email", "message"):
        assert f'id="{name}-error"' in html, name
    assert client.post(f"{page}/message", data={"name": "a"}).status_code == 400  # no CSRF
    assert len(outbox.messages()) == before
    app.config["MESSAGE_RATE_LIMIT"] = "2 per hour"
    try:
        form = read_form(client, page, "Send to the organizers")
        form.fill({"name": "Ana", "email": "ana@example.net", "message": "Hello there"})
        answers = [form.submit(client) for _ in range(3)]
    finally:
        app.config["MESSAGE_RATE_LIMIT"] = "5 per hour"
    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "Please try again in 60 minutes." in answers[2].get_data(as_text=True)  # not "a moment"


def test_organizers_can_turn_messages_off(client, db, outbox):
    links = published(client, outbox, accepts_messages=True)
    action = db.session.scalar(select(Action))
    assert "Write to the organizers" in client.get(f"/actions/{action.slug}").get_data(as_text=True)
    stale = read_form(client, f"/actions/{action.slug}", "Send to the organizers")
    submit_form(client, links["manage"], {"accepts_messages": False}, form="Save my choices")
    assert "Write to the organizers" not in client.get(f"/actions/{action.slug}").get_data(
        as_text=True
    )
    stale.fill({"name": "Ana", "email": "ana@example.net", "message": "Hello there"})
    assert stale.submit(client).status_code == 404
    events = db.session.scalars(
        select(ConsentEvent).where(ConsentEvent.kind == "accepts_messages")
    ).all()
    assert [(e.granted, e.source) for e in events] == [(True, "form"), (False, "manage")]


def test_ambiguous_place_asks_with_a_one_click_fix(client, db, outbox):
    links = published(client, outbox, location="Springfield", venue="")
    action = db.session.scalar(select(Action))
    guess = Location(
        "Springfield, MO",
        (37.2153, -93.2982),
        {
            "place": "Springfield, MO",
            "precision": "city",
            "match": "ambiguous",
            "state": "MO",
            "alternatives": [
                {
                    "place": "Springfield, IL",
                    "latitude": 39.8017,
                    "longitude": -89.6437,
                    "state": "IL",
                },
                {
                    "place": "Springfield, MA",
                    "latitude": 42.1015,
                    "longitude": -72.5898,
                    "state": "MA",
                },
            ],
        },
    )
    apply_location(action, guess)  # as the geocoder answers a bare name with homonyms
    db.commit()
    assert action.placement_uncertain
    page = client.get(links["manage"]).get_data(as_text=True)
    assert "We placed this at Springfield, MO: is that right?" in page
    submit_form(client, links["manage"], form="/place", button="No, it is Springfield, IL")
    db.session.refresh(action)
    assert (action.place, action.state, action.timezone) == (
        "Springfield, IL",
        "IL",
        "America/Chicago",
    )
    assert round(action.public_latitude, 2) == 39.80 and not action.placement_uncertain
    assert "is that right?" not in client.get(links["manage"]).get_data(as_text=True)


def test_coarse_place_is_asked_by_email_and_confirmed_in_one_click(client, db, outbox):
    submit_action(client, location="Oregon", venue="")
    question = [m for m in outbox.messages() if "is that right?" in m["Subject"]]
    assert [m["Subject"] for m in question] == ["We placed this at Oregon: is that right?"]
    manage = links_in(_text(question[0]))["manage"]
    submit_form(client, manage, form="/place", button="Yes, Oregon is right")
    action = db.session.scalar(select(Action))
    assert action.place_confirmed and not action.placement_uncertain


def test_a_guess_without_alternatives_is_asked_too(client, db, outbox):
    # The geocoder answers East Windsor, CT but asks for a confirmation: New Jersey has one
    # too, which the gazetteer does not hold, so it offers no alternative to choose from.
    submit_action(client, location="a Home Depot store in East Windsor", venue="")
    action = db.session.scalar(select(Action))
    assert action.place == "East Windsor, CT" and action.geocode_match == "guess"
    assert action.placement_uncertain
    question = [m for m in outbox.messages() if "is that right?" in m["Subject"]]
    assert [m["Subject"] for m in question] == [
        "We placed this at East Windsor, CT: is that right?"
    ]


def test_nearby_actions_on_the_same_weekend_after_confirming(client, db, outbox):
    day = action_fields()["date"]
    from datetime import date

    when = date.fromisoformat(day)
    make_action(
        db,
        place="Chula Vista, CA",
        title="Chula Vista march",
        date=(when + timedelta(days=1)).isoformat(),
    )
    make_action(
        db, place="San Diego, CA", title="Next month", date=(when + timedelta(days=30)).isoformat()
    )
    make_action(db, place="Los Angeles, CA", title="Too far", date=day)
    db.commit()
    submit_action(client)
    confirmed = submit_form(client, links_in(outbox.last_text())["verify"]).get_data(as_text=True)
    assert "Near you on the same weekend" in confirmed
    assert "Chula Vista march" in confirmed
    assert "Next month" not in confirmed and "Too far" not in confirmed
    assert "@example.org" not in confirmed.split("Near you", 1)[1]


def test_lost_link_sends_fresh_manage_links_and_says_nothing_about_addresses(client, db, outbox):
    published(client, outbox, title="First vigil")
    submit_action(client, title="Second vigil")
    before = len(outbox.messages())
    known = submit_form(client, "/manage/lost", {"email": "Rosa.Tester@example.org"})
    unknown = submit_form(client, "/manage/lost", {"email": "nobody@example.org"})
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)
    known.close(), unknown.close()  # the server closes the response once sent: the job runs
    [mail] = outbox.messages()[before:]
    text = _text(mail)
    assert "First vigil" in text and "Second vigil" in text
    assert text.count("/manage/") == 2
    fresh = links_in(text)["manage"]
    assert client.get(fresh).status_code == 200
    used = client.get("/verify/not-a-token").get_data(as_text=True)
    assert (
        link_to(client, "/verify/not-a-token", "Send me new links to manage my actions")
        == "/manage/lost"
    )
    assert "Send me a new confirmation link" in used


def test_introduction_links_do_not_offer_a_new_confirmation_link(client):
    page = client.get("/introductions/not-a-token/accept").get_data(as_text=True)
    assert "Send me a new confirmation link" not in page


def test_emailed_links_carry_the_language_and_it_sticks(app, db, outbox):
    browser = app.test_client()
    submit_action(browser, language="es")
    links = links_in(outbox.last_text())
    assert links["verify"].endswith("?lang=es") and links["manage"].endswith("?lang=es")
    english_browser = app.test_client()
    headers = {"Accept-Language": "en-US,en"}
    page = english_browser.get(links["verify"], headers=headers).get_data(as_text=True)
    assert '<html lang="es">' in page and "Confirma tu acción" in page
    after = english_browser.get("/submit", headers=headers).get_data(as_text=True)
    assert '<html lang="es">' in after  # until the visitor switches
    switched = english_browser.get("/submit?lang=en", headers=headers).get_data(as_text=True)
    assert '<html lang="en">' in switched
    assert all(
        "?lang=es" in url
        for body in db.session.scalars(select(OutboundEmail.body_text))
        for url in body.split()
        if url.startswith("http://localhost/")
    )


def test_pages_have_their_own_titles_favicon_and_previews(client, db, outbox):
    published(client, outbox, title="Vigil at Otay Mesa", description="Bring candles.")
    action = db.session.scalar(select(Action))
    page = client.get(f"/actions/{action.slug}").get_data(as_text=True)
    assert "<title>Vigil at Otay Mesa · Close the Camps</title>" in page
    assert '<meta property="og:title" content="Vigil at Otay Mesa">' in page
    assert 'property="og:description"' in page and "Bring candles." in page
    assert f'content="http://localhost/actions/{action.slug}"' in page
    assert 'rel="icon"' in page
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200
    icon.close()
    home = client.get("/").get_data(as_text=True)
    assert "Add your action" in home and "against immigrant detention" in home
    for path in ("/submit", "/manage/lost", "/verify/resend", "/submitted"):
        title = client.get(path).get_data(as_text=True).split("<title>")[1].split("</title>")[0]
        assert title != "Close the Camps: local actions", path
