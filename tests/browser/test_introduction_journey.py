"""Approve a suggestion, both organizers accept from their emails, the introduction email goes
out: the whole double opt-in in a real browser, reading the real .eml files."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.seed import PASSWORD
from tests.browser.shots import screenshot_path

LINK = re.compile(r"https?://[^/\s]+(/introductions/[\w.\-]+/accept)")


def messages(live_server, kind_in_subject: str = "") -> list[email.message.EmailMessage]:
    outbox = Path(live_server.app.config["MAIL_OUTBOX_DIR"])
    found = [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(outbox.glob("*.eml"))
    ]
    return [m for m in found if kind_in_subject in m["Subject"]]


def test_approve_accept_accept_introduce(live_server, page):
    before = {m["Message-ID"] for m in messages(live_server)}
    page.goto(live_server.url + "/coordinate/login")
    page.get_by_label("Email").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/coordinate/suggestions?state=MN&kind=region")
    row = page.locator("li.suggestion").filter(has_text="Minneapolis march to the ICE field office")
    row = row.filter(has_text="Hennepin County out of ICE")
    row.get_by_label("Note for the introduction").fill("Two Minneapolis coalitions, one month.")
    row.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("Approved")

    requests = [m for m in messages(live_server) if m["Message-ID"] not in before]
    assert len(requests) == 2 and len({m["To"] for m in requests}) == 2  # one each, never both
    for message in requests:
        text = message.get_body(preferencelist=("plain",)).get_content()
        assert "@example.org" not in text.replace(str(message["To"]), "")  # no contact details
        accept = LINK.search(text).group(1)
        page.goto(live_server.url + accept)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "An introduction to another action"
        )
        page.get_by_role("button", name="Yes, introduce us").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answer")

    asked = before | {m["Message-ID"] for m in requests}
    introductions = [m for m in messages(live_server) if m["Message-ID"] not in asked]
    assert len(introductions) == 2  # one copy to each side, both named in To
    assert all(m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for m in introductions)
    html = introductions[0].get_body(preferencelist=("html",)).get_content()
    assert "Two Minneapolis coalitions, one month." in html
    page.set_content(html)
    page.screenshot(path=screenshot_path("introduction-email.png"), full_page=True)
