"""A coordinator's day in a real browser: reject a pair, see the reason, undo it; a bounce
showing in the Introductions list; a new region appearing without a manual `matcher match`;
and every coordinator page in Spanish with no English left."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.seed import PASSWORD
from tests.browser.test_organizer_journeys import links, mail_to
from tests.support.spanish import english_left, user_strings

SECRET = "browser-webhook-secret"
DAY = (date.today() + timedelta(days=45)).isoformat()
MINE = (
    "Bakersfield vigil",
    "Oildale march",
    "Bounce side A",
    "Bounce side B",
    "Vigilia A",
    "Vigilia B",
)


def log_in(page, live_server, email: str, *, labels=("Email", "Password", "Log in")) -> None:
    page.goto(live_server.url + "/coordinate/login")
    page.get_by_label(labels[0]).fill(email)
    page.get_by_label(labels[1]).fill(PASSWORD)
    page.get_by_role("button", name=labels[2]).click()
    expect(page).to_have_url(live_server.url + "/coordinate/")


@pytest.fixture(autouse=True)
def _forget_my_actions(live_server):
    """Delete what these journeys added (the other browser tests count the demo), and
    recompute the regions without them."""
    yield
    from matcher.extensions import db
    from matcher.models import Action
    from matcher.operations.manage import delete_action
    from matcher.operations.matching import refresh_regions

    with live_server.app.app_context():
        for action in db.session.scalars(select(Action).where(Action.title.in_(MINE))).all():
            delete_action(action)
        refresh_regions()
        db.commit()
        db.session.remove()


def test_reject_see_the_reason_and_undo(live_server, page):
    log_in(page, live_server, "admin@example.org")  # the review journey counts ca's decisions
    page.goto(live_server.url + "/coordinate/suggestions")
    first = page.locator("li.suggestion").nth(0)
    ident = first.get_attribute("id")
    sides = first.locator(".side h2").all_inner_texts()
    first.get_by_label("Reason (optional)").fill("They already work together")
    first.get_by_role("button", name="Reject").click()
    expect(page.get_by_role("status")).to_contain_text("Rejected")
    expect(page.locator(f"li#{ident}")).to_have_count(0)

    page.get_by_label("Status").select_option("rejected")
    page.get_by_role("button", name="Filter").click()
    rejected = page.locator("li.suggestion", has_text=sides[0]).filter(has_text=sides[1])
    expect(rejected.locator(".decision-reason")).to_contain_text("They already work together")
    expect(rejected).to_contain_text("Rejected by admin@example.org")

    page.get_by_role("link", name="Decided recently").click()
    row = page.locator("table.decisions tr", has_text="They already work together")
    expect(row).to_contain_text("admin@example.org")
    row.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status")).to_contain_text("Undone")
    expect(page.locator("table.decisions tr", has_text="They already work together")).to_have_count(
        0
    )
    page.goto(live_server.url + "/coordinate/suggestions")
    expect(page.locator("li.suggestion").nth(0)).to_have_attribute("id", ident)  # back, first


def _dsn(failed: str, original_id: str) -> bytes:
    return (
        "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\r\n"
        "To: no-reply@matcher.localhost\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        f"Message-ID: <dsn-{time.time()}@mx.example.net>\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\n"
        f"<{failed}>: host mx.example.net said: 550 5.1.1 <{failed}>: User unknown\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.net\r\n\r\n"
        f"Final-Recipient: rfc822; {failed}\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"To: {failed}\r\nMessage-ID: {original_id}\r\n\r\n--B--\r\n"
    ).encode()


def _introduction_with_requests_sent(
    live_server, titles=("Bounce side A", "Bounce side B"), prefix: str = "bounce"
) -> tuple[int, str]:
    """Two unlisted actions and an introduction whose requests went out; the Message-ID of
    the request to side B."""
    from matcher.extensions import db
    from matcher.models import Introduction, OutboundEmail
    from matcher.operations.introductions import start_introduction
    from tests.support.mail import make_action

    with live_server.app.app_context():
        a = make_action(titles[0], f"{prefix}.a@example.org", listed_publicly=False)
        b = make_action(titles[1], f"{prefix}.b@example.net", listed_publicly=False)
        introduction = Introduction(action_a_id=a.id, action_b_id=b.id)
        db.session.add(introduction)
        db.session.flush()
        start_introduction(introduction)
        db.commit()  # the requests are written to the outbox now
        request = db.session.scalar(
            select(OutboundEmail).where(
                OutboundEmail.introduction_id == introduction.id,
                OutboundEmail.action_id == b.id,
            )
        )
        found = (introduction.id, request.message_id)
        db.session.remove()
        return found


def _post_bounce(live_server, page, address: str, message_id: str) -> None:
    """A delivery report for the message, to the signed webhook."""
    from matcher.operations.inbound import signature_for

    live_server.app.config["INBOUND_WEBHOOK_SECRET"] = SECRET
    body = _dsn(address, message_id)
    stamp = str(int(time.time()))
    answer = page.request.post(
        live_server.url + "/inbound/email",
        data=body,
        headers={
            "Content-Type": "message/rfc822",
            "X-Matcher-Timestamp": stamp,
            "X-Matcher-Signature": signature_for(SECRET, stamp, body),
        },
    )
    assert answer.status == 202


def test_a_bounce_shows_in_the_introductions_list(live_server, page):
    introduction_id, message_id = _introduction_with_requests_sent(live_server)
    log_in(page, live_server, "admin@example.org")
    page.get_by_role("link", name="Introductions", exact=True).click()
    row = page.locator("tr", has=page.locator(f"a[href$='/introductions/{introduction_id}']"))
    expect(row.locator(".status")).to_have_text("requested")
    _post_bounce(live_server, page, "bounce.b@example.net", message_id)
    page.reload()
    expect(row.locator(".status")).to_have_text("bounced")
    expect(row.locator(".failure")).to_contain_text("550 5.1.1")
    expect(row.locator(".failure")).to_contain_text("User unknown")
    expect(row).not_to_contain_text("None")
    row.get_by_role("link").click()
    expect(page.locator("p", has_text="Status").locator(".status")).to_have_text("bounced")
    expect(page.locator("tr.email-bounced")).to_contain_text("introduction request")


def _submit_unlisted(page, live_server, title: str, location: str, address: str) -> None:
    page.goto(live_server.url + "/submit")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Date").fill(DAY)
    page.get_by_label("City or place").fill(location)
    page.get_by_label("Target type").select_option("local_government")
    page.get_by_label("Target", exact=True).fill("Kern County Sheriff")
    page.get_by_label("Contact name").fill("Kern Browser")
    page.get_by_label("Contact email").fill(address)
    page.get_by_label("List my action on the public page").uncheck()
    page.get_by_role("button", name="Submit action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    [verify_mail] = mail_to(live_server, address)
    page.goto(live_server.url + links(verify_mail)["verify"])
    page.get_by_role("button", name="Confirm my action").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("confirmed")


def test_a_new_region_appears_without_a_manual_match(live_server, browser):
    organizer = browser.new_context(locale="en-US").new_page()
    coordinator = browser.new_context(locale="en-US").new_page()
    log_in(coordinator, live_server, "ca@example.org")
    coordinator.get_by_role("link", name="Regions").click()
    expect(coordinator.locator("section.region h2", has_text="Bakersfield")).to_have_count(0)

    _submit_unlisted(
        organizer, live_server, "Bakersfield vigil", "Bakersfield, CA", "kb1@example.org"
    )
    coordinator.reload()
    expect(coordinator.locator("section.region h2", has_text="Bakersfield")).to_have_count(0)
    _submit_unlisted(organizer, live_server, "Oildale march", "Oildale, CA", "kb2@example.org")
    coordinator.reload()
    region = coordinator.locator("section.region", has_text="Bakersfield")
    expect(region.locator("h2")).to_contain_text("2 actions")
    expect(region).to_contain_text("Bakersfield vigil")
    expect(region).to_contain_text("Oildale march")
    coordinator.goto(live_server.url + "/coordinate/suggestions")
    expect(
        coordinator.get_by_label("Region").locator("option", has_text="Bakersfield")
    ).to_have_count(1)
    organizer.context.close()
    coordinator.context.close()


SPANISH_LOGIN = ("Correo electrónico", "Contraseña", "Entrar")


def test_every_coordinator_page_in_spanish(live_server, browser):
    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    log_in(page, live_server, "admin@example.org", labels=SPANISH_LOGIN)
    base = live_server.url
    introduction_id, message_id = _introduction_with_requests_sent(
        live_server, ("Vigilia A", "Vigilia B"), "vigilia"
    )
    _post_bounce(live_server, page, "vigilia.b@example.net", message_id)
    # Something of every kind on the pages: a rejected pair with its reason, a saved filter.
    page.goto(base + "/coordinate/suggestions")
    last = page.locator("li.suggestion").last
    last.get_by_label("Motivo (opcional)").fill("Ya se conocen")
    last.get_by_role("button", name="Rechazar").click()
    page.get_by_label("Buscar").fill("San Diego")
    page.get_by_role("button", name="Filtrar").click()
    page.get_by_label("Nombre de este filtro").fill("San Diego")
    page.get_by_role("button", name="Guardar estos filtros").click()
    expect(page.get_by_role("status")).to_contain_text("Filtro guardado")

    pages = [base + "/coordinate/"]
    page.goto(pages[0])
    pages += [
        base + href
        for href in page.locator("nav.coord a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
    ]
    pages += [
        base + "/coordinate/suggestions?status=rejected",
        base + "/coordinate/suggestions?status=approved",
        base + "/coordinate/actions?view=published",
    ]
    page.goto(base + "/coordinate/actions?view=published")
    demo_action = page.locator("table a", has_text="Unión del Barrio at Otay Mesa")
    pages.append(base + demo_action.get_attribute("href"))
    page.goto(pages[-1])
    organization = page.locator("a[href*='/coordinate/organizations/']").first
    pages.append(base + organization.get_attribute("href"))
    pages.append(f"{base}/coordinate/introductions/{introduction_id}")

    with live_server.app.app_context():
        typed = user_strings()
    walked = set()
    for url in pages:
        if url in walked:
            continue
        walked.add(url)
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "es", url
        text = " ".join(page.locator("body").inner_text().split())
        left = english_left(text, typed)
        assert left == [], (url, left)
        for option in page.locator("select option").all_inner_texts():
            assert english_left(option, typed) == [], (url, option)
    assert len(walked) >= 14
    context.close()
