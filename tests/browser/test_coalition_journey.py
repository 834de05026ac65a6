"""An organizer asks, from their manage page, to be introduced to an organization near them
that their coalition lacks; a coordinator approves the request; both organizers accept from
their emails; the introduction email goes out. In a real browser, reading the real .eml files."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.seed import PASSWORD
from tests.browser.shots import screenshot_path

ACCEPT = re.compile(r"https?://[^/\s]+(/introductions/[\w.\-]+/accept)")
ORGANIZATION = "Unidad Latina en Acción NJ"  # in Newark's Oct 3 coalition, not in Oct 12's


def messages(live_server) -> list[email.message.EmailMessage]:
    outbox = Path(live_server.app.config["MAIL_OUTBOX_DIR"])
    return [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    ]


def manage_path(live_server, ref: str) -> str:
    """A fresh manage link of a demo action, as its organizer's email carries it."""
    from matcher.extensions import db
    from matcher.models import Action
    from matcher.operations.submissions import manage_link

    with live_server.app.app_context():
        url = manage_link(db.session.scalar(select(Action).where(Action.ref == ref)))
        db.commit()
        db.session.remove()
    return "/manage/" + url.split("/manage/", 1)[1]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_request_review_accept_accept_introduce(live_server, page):
    page.goto(live_server.url + manage_path(live_server, "demo-newark-1012"))
    coalition = page.locator("section.coalition")
    expect(coalition).to_contain_text(ORGANIZATION)
    expect(coalition).to_contain_text("Movimiento Cosecha New Jersey")
    expect(coalition.get_by_role("heading", name="NNJ DSA")).to_have_count(0)  # the same DSA
    coalition.screenshot(path=screenshot_path("coalition.png"))
    entry = coalition.locator("li").filter(has_text=ORGANIZATION)
    entry.get_by_label("Why you would like to meet them").fill("Both Newark marches, one month")
    entry.get_by_role("button", name=f"Ask for an introduction to {ORGANIZATION}").click()
    expect(page.get_by_role("status")).to_contain_text("a coordinator will review it")
    expect(page.locator("section.coalition li").filter(has_text=ORGANIZATION)).to_contain_text(
        "You asked to meet them"
    )
    before = {m["Message-ID"] for m in messages(live_server)}

    page.goto(live_server.url + "/coordinate/login")
    page.get_by_label("Email").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Introduction requests").click()
    row = page.locator("li.suggestion").filter(has_text=ORGANIZATION)
    expect(row).to_contain_text("Both Newark marches, one month")
    row.get_by_label("Note for the introduction").fill("Two Newark coalitions.")
    row.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("Approved")
    expect(page.locator("li.suggestion").filter(has_text=ORGANIZATION)).to_have_count(0)

    requests = [m for m in messages(live_server) if m["Message-ID"] not in before]
    assert sorted(str(m["To"]) for m in requests) == [
        "demo+newark-1003@example.org",
        "demo+newark-1012@example.org",
    ]
    for message in requests:
        text = text_of(message)
        assert ORGANIZATION in text  # in each side's language (Newark Oct 3 reads Spanish)
        assert "@example.org" not in text.replace(str(message["To"]), "")  # no contact details
        page.goto(live_server.url + ACCEPT.search(text).group(1))
        page.get_by_role("button", name="Yes, introduce us").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answer")

    asked = before | {m["Message-ID"] for m in requests}
    introductions = [m for m in messages(live_server) if m["Message-ID"] not in asked]
    assert len(introductions) == 2
    assert "Two Newark coalitions." in text_of(introductions[0])
    assert "demo+newark-1003@example.org" in text_of(introductions[0]) + text_of(introductions[1])


def test_the_directory_in_a_browser(live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Organizations").click()
    page.get_by_label("Name").fill("MIRAC")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="MIRAC").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MIRAC")
    expect(page.locator("main")).to_contain_text(
        "Minnesota Immigrant Rights Action Committee (MIRAC)"
    )
    expect(page.locator("main")).to_contain_text("Minneapolis, MN")
