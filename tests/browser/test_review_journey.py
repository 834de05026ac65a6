"""A coordinator logs in, approves one suggestion and rejects another, in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.seed import PASSWORD
from tests.browser.shots import screenshot_path


def test_log_in_approve_one_reject_one(live_server, page):
    page.goto(f"{live_server.url}/coordinate/suggestions")
    expect(page).to_have_url(f"{live_server.url}/coordinate/login?next=/coordinate/suggestions")
    page.get_by_label("Email").fill("ca@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{live_server.url}/coordinate/suggestions")

    rows = page.locator("li.suggestion")
    expect(rows.first).to_be_visible()
    count = rows.count()
    assert 2 <= count <= 25
    expect(page.get_by_text("Syracuse rally")).to_have_count(0)  # no California side: out of scope
    page.screenshot(path=screenshot_path("review-queue.png"), full_page=False)

    first = rows.nth(0)  # the best: San Diego's two actions, both at Otay Mesa
    expect(first).to_contain_text("Unión del Barrio at Otay Mesa")
    expect(first).to_contain_text("People over profits: San Diego")
    first.get_by_label("Note for the introduction").fill("You both target Otay Mesa.")
    first.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("Approved")
    expect(page.locator("li.suggestion")).to_have_count(min(count - 1, 25))

    second = page.locator("li.suggestion").nth(0)
    second.get_by_label("Reason (optional)").fill("Too far apart")
    second.get_by_role("button", name="Reject").click()
    expect(page.get_by_role("status")).to_contain_text("Rejected")
    expect(page.locator("li.suggestion")).to_have_count(min(count - 2, 25))

    with live_server.app.app_context():
        from matcher.extensions import db
        from matcher.models import AuditEntry, Coordinator

        ca = db.session.scalar(select(Coordinator.id).where(Coordinator.email == "ca@example.org"))
        decided = select(AuditEntry.verb).where(
            AuditEntry.verb.in_(["approve", "reject"]), AuditEntry.coordinator_id == ca
        )
        verbs = list(db.session.scalars(decided))
    assert sorted(verbs) == ["approve", "reject"]


def test_the_queue_fits_a_390_px_phone(live_server, browser):
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(f"{live_server.url}/coordinate/login")
    phone.get_by_label("Email").fill("admin@example.org")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    phone.goto(f"{live_server.url}/coordinate/suggestions")
    expect(phone.locator("li.suggestion").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    box = phone.locator("li.suggestion").first.get_by_role("button", name="Approve").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    context.close()
