"""Every organizer journey in a real browser, reading the real .eml files: submit, confirm (a
plain visit publishes nothing), edit each field and each consent, withdraw, re-list, recover a
lost link, delete; and a member of the public writing to the organizers."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.shots import screenshot_path
from tests.support.mail import wait_for

LINK = re.compile(r"https?://[^/\s]+(/(?:verify|manage)/[\w.\-]+\?lang=\w+)")
DAY = (date.today() + timedelta(days=40)).isoformat()


def mail_to(live_server, address: str) -> list[email.message.EmailMessage]:
    """Messages to `address` in the live server's outbox, oldest first."""
    outbox = Path(live_server.app.config["MAIL_OUTBOX_DIR"])
    found = [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    ]
    return [m for m in found if m["To"] == address]


def links(message) -> dict[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    return {path.split("/")[1]: path for path in LINK.findall(text)}


def stored(live_server, title: str):
    """The action as the database holds it now."""
    from matcher.extensions import db
    from matcher.models import Action

    with live_server.app.app_context():
        action = db.session.scalar(select(Action).where(Action.title == title))
        if action is not None:
            db.session.expunge(action)
        db.session.remove()
        return action


@pytest.fixture(autouse=True)
def _forget_my_actions(live_server):
    """Delete the actions a journey left published (the other browser tests count the demo)."""
    yield
    from matcher.extensions import db
    from matcher.models import Action
    from matcher.operations.manage import delete_action

    with live_server.app.app_context():
        for action in db.session.scalars(select(Action).where(Action.title.in_(LEFT_BEHIND))).all():
            delete_action(action)
        db.commit()
        db.session.remove()


LEFT_BEHIND = ("Vigil with a meeting point", "Vigilia en Otay Mesa", "Browser vigil, edited")


def submit(page, live_server, title: str, address: str, **extra: str) -> None:
    page.goto(live_server.url + "/submit")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Date").fill(DAY)
    page.get_by_label("Start time").fill("17:30")
    page.get_by_label("End time").fill("19:00")
    page.get_by_label("City or place").fill(extra.get("location", "San Diego, CA"))
    page.get_by_label("Public meeting point").fill("Chicano Park, by the kiosk")
    page.get_by_label("Venue or street address").fill("446 Alta Road, San Diego, CA 92154")
    page.get_by_label("Event link").fill("https://www.mobilize.us/example/event/12/")
    page.get_by_label("Target type").select_option("detention_center")
    page.get_by_label("Target", exact=True).fill("Otay Mesa Detention Center")
    page.get_by_label("Organizations").fill("Unión del Barrio\nNever Again Action")
    page.get_by_label("Description").fill("Candles and songs at the gate.")
    page.get_by_label("Contact name").fill("Rosa Browser")
    page.get_by_label("Contact email").fill(address)
    page.get_by_label("Phone").fill("+1 619 555 0100")
    page.get_by_label("Introduce me to other actions in my region").check()
    page.get_by_role("button", name="Submit action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")


def test_submit_confirm_edit_consents_withdraw_relist_recover_delete(live_server, page):
    title, address = "Browser vigil at Otay Mesa", "rosa.browser@example.org"
    submit(page, live_server, title, address)
    [verify_mail] = mail_to(live_server, address)
    urls = links(verify_mail)

    # Opening the link (a scanner, a preview) publishes nothing; the button does.
    page.goto(live_server.url + urls["verify"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your action")
    assert stored(live_server, title).status.value == "pending"
    page.get_by_role("button", name="Confirm and publish my action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your action is confirmed")
    expect(page.get_by_role("heading", name="Near you on the same weekend")).to_have_count(0)
    assert stored(live_server, title).status.value == "published"

    # Edit every field; a reload shows what is stored.
    page.goto(live_server.url + urls["manage"])
    expect(page.get_by_text(address)).to_be_visible()  # the verified email, as text
    edits = {
        "Title": "Browser vigil, edited",
        "Date": (date.today() + timedelta(days=41)).isoformat(),
        "Start time": "18:00",
        "End time": "20:30",
        "City or place": "Chula Vista, CA",
        "Public meeting point": "Memorial Park fountain",
        "Venue or street address": "",
        "Event link": "https://actionnetwork.org/events/vigil",
        "Target": "GEO Group",
        "Organizations": "Unión del Barrio",
        "Description": "Bring water.",
        "Contact name": "Rosa B.",
        "Phone": "",
    }
    for label, value in edits.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Time zone").select_option("America/Los_Angeles")
    page.get_by_label("Target type").select_option("corporate_profiteer")
    page.get_by_label("Show the street address publicly").check()
    page.get_by_label("Language for emails").select_option("es")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status")).to_have_text("Your changes are saved.")
    page.reload()
    for label, value in edits.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    expect(page.get_by_label("Target type")).to_have_value("corporate_profiteer")
    expect(page.get_by_label("Time zone")).to_have_value("America/Los_Angeles")
    action = stored(live_server, "Browser vigil, edited")
    assert (action.contact_phone, action.venue, action.language) == (None, None, "es")
    assert action.place == "Chula Vista, CA" and action.contact_email == address

    # A bad field is named and nothing is saved.
    page.get_by_label("Title", exact=True).fill("")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#title-error")).to_have_text("Give your action a title.")
    page.goto(live_server.url + urls["manage"])
    expect(page.get_by_label("Title", exact=True)).to_have_value("Browser vigil, edited")

    # Each consent on its own.
    consents = [
        ("Introduce me to other actions in my region", "intro_region", False),
        ("Introduce me to actions with a similar target", "intro_target", True),
        ("Let people write to us through the action page", "accepts_messages", False),
        ("List my action on the public page", "listed_publicly", False),
        ("List my action on the public page", "listed_publicly", True),
    ]
    for label, column, wanted in consents:
        box = page.get_by_label(label)
        box.check() if wanted else box.uncheck()
        page.get_by_role("button", name="Save my choices").click()
        expect(page.get_by_role("status")).to_have_text("Your choices are saved.")
        assert getattr(stored(live_server, "Browser vigil, edited"), column) is wanted, column

    # Withdraw, then list again.
    slug = action.slug
    page.get_by_role("button", name="Withdraw (take it off the public page)").click()
    expect(page.get_by_role("status")).to_contain_text("withdrawn")
    assert page.request.get(f"{live_server.url}/actions/{slug}").status == 404
    page.get_by_role("button", name="List it again").click()
    expect(page.get_by_role("status")).to_have_text("Your action is listed again.")
    assert page.request.get(f"{live_server.url}/actions/{slug}").status == 200

    # Recover the link from another browser, then delete for good.
    page.context.clear_cookies()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Lost the link to manage your action?").click()
    page.get_by_label("Contact email").fill(address)
    sent_before = len(mail_to(live_server, address))
    page.get_by_role("button", name="Send me my links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    wait_for(lambda: len(mail_to(live_server, address)) > sent_before)  # sent after the answer
    recovered = links(mail_to(live_server, address)[-1])["manage"]
    assert recovered.endswith("?lang=es")  # the organizer now reads Spanish
    page.goto(live_server.url + recovered)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name="Borrar la acción y mis datos de contacto").click()
    page.get_by_role("button", name="Borrar para siempre").click()
    assert stored(live_server, "Browser vigil, edited") is None
    page.goto(live_server.url + urls["manage"])
    expect(page.get_by_role("link", name="Enviarme nuevos enlaces para gestionar mis acciones"))


def test_the_public_joins_and_writes_to_the_organizers(live_server, page, browser):
    title, address = "Vigil with a meeting point", "ana.browser@example.org"
    submit(page, live_server, title, address)
    page.goto(live_server.url + links(mail_to(live_server, address)[0])["verify"])
    page.get_by_role("button", name="Confirm and publish my action").click()
    slug = stored(live_server, title).slug

    visitor = browser.new_context(locale="en-US", viewport={"width": 1000, "height": 1300})
    public = visitor.new_page()
    public.goto(f"{live_server.url}/actions/{slug}")
    expect(public).to_have_title(f"{title} · Close the Camps")
    assert public.locator('meta[property="og:title"]').get_attribute("content") == title
    expect(public.locator(".meta .hours")).to_contain_text("5:30")
    expect(public.get_by_text("Chicano Park, by the kiosk")).to_be_visible()
    expect(public.get_by_role("link", name="RSVP on the organizers' page")).to_have_attribute(
        "href", "https://www.mobilize.us/example/event/12/"
    )
    assert address not in public.content() and "Alta Road" not in public.content()
    public.get_by_label("Your name").fill("Luis")
    public.get_by_label("Your email address").fill("luis.public@example.net")
    public.get_by_label("Your message").fill("We can bring a sound system. Need one?")
    public.screenshot(path=screenshot_path("action-page.png"), full_page=True)
    public.get_by_role("button", name="Send to the organizers").click()
    expect(public.get_by_role("status")).to_contain_text("Your message was sent")
    assert address not in public.content()
    relayed = mail_to(live_server, address)[-1]
    assert relayed["Reply-To"] == "luis.public@example.net"
    assert "sound system" in relayed.get_body(preferencelist=("plain",)).get_content()
    visitor.close()


def test_a_spanish_link_opens_spanish_pages_in_an_english_browser(live_server, page):
    title, address = "Vigilia en Otay Mesa", "lucia.browser@example.org"
    page.goto(live_server.url + "/submit?lang=es")
    page.context.clear_cookies()  # she submitted on another device; this browser is English
    submit_es = page.context.new_page()
    submit_es.goto(live_server.url + "/submit?lang=es")
    submit_es.get_by_label("Título").fill(title)
    submit_es.get_by_label("Fecha").fill(DAY)
    submit_es.get_by_label("Ciudad o lugar").fill("San Diego, CA")
    submit_es.get_by_label("Tipo de objetivo").select_option("detention_center")
    submit_es.get_by_label("Nombre de contacto").fill("Lucía")
    submit_es.get_by_label("Correo de contacto").fill(address)
    with submit_es.expect_navigation():  # closing a page mid-navigation can leave the context
        submit_es.get_by_role("button", name="Enviar la acción").click()  # hung (no timeout)
    submit_es.close()
    page.context.clear_cookies()
    page.goto(live_server.url + links(mail_to(live_server, address)[0])["verify"])
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirma tu acción")
    page.get_by_role("button", name="Confirmar y publicar mi acción").click()
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "es")  # until she switches
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
