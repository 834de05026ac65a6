"""The submission form warns before a public field publishes what looks like an email, a phone
number or a street address, and lets the organizer publish it anyway."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matcher.models import Action
from matcher.security.lookalikes import contact_lookalikes
from tests.support.forms import find_form, submit_action


def _count(db) -> int:
    return db.session.scalar(select(func.count(Action.id)))


@pytest.mark.parametrize(
    ("field", "text", "kind"),
    [
        ("description", "Questions? Call Rosa at (619) 555-0100.", "phone number"),
        ("title", "Vigil, write to rosa.tester@example.org", "email address"),
        ("organizations", "Unión del Barrio\n45 Calle Secreta, apt 3", "street address"),
        ("target", "The office at 446 Alta Road", "street address"),
        ("meeting_point", "North gate; text Rosa at 619-555-0100", "phone number"),
    ],
)
def test_a_public_field_with_contact_details_is_held_back_with_a_warning(
    client, db, outbox, field, text, kind
):
    first = submit_action(client, **{field: text})
    page = first.get_data(as_text=True)
    assert first.status_code == 200 and _count(db) == 0 and outbox.messages() == []
    assert "will be public" in page and kind in page
    form = find_form(page, "/submit")
    assert form.data()[field].split() == text.split()  # nothing typed is lost
    assert "publish_as_written" in form.names()  # the organizer can confirm
    again = form.submit(client)  # the same form, sent back unchanged
    assert again.status_code == 200 and _count(db) == 0
    confirm = find_form(again.get_data(as_text=True), "/submit")
    confirmed = confirm.fill({"publish_as_written": True}).submit(client)
    assert confirmed.status_code == 302 and _count(db) == 1


def test_ordinary_text_goes_through_without_a_warning(client, db):
    response = submit_action(
        client, description="Bring banners. March starts at 10 am, 2027-10-12."
    )
    assert response.status_code == 302 and _count(db) == 1


def test_a_meeting_point_may_name_its_street(client, db):
    response = submit_action(client, meeting_point="500 N Broadway Ave, the north steps")
    assert response.status_code == 302 and _count(db) == 1


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Call +1 213 555 0147 or +52 664 123 4567", ["phone"]),
        ("Meet at 500 N Broadway Ave", ["address"]),
        ("Calle Secreta 45, Los Angeles", ["address"]),
        ("P.O. Box 12", ["address"]),
        ("Write to x@y.org, 619.555.0100", ["email", "phone"]),
        ("50 people at the ICE office on October 12, 2027", []),
        ("Close the camps: 1,000 signatures by 10/12", []),
    ],
)
def test_what_looks_like_contact_details(text, kinds):
    assert contact_lookalikes(text) == kinds


@pytest.mark.parametrize("unit", ["x", "9", "1 ", "a."])
def test_long_runs_are_read_in_linear_time(unit):
    """Ten times the text costs about ten times the time, not a hundred (a scan per position
    made 100,000 characters take 14 s). A ratio of the best of five runs, each in the process's
    own CPU time, so a loaded machine that preempts one run does not count."""
    import time

    def cost(text: str) -> float:
        runs = []
        for _ in range(5):
            started = time.process_time()
            contact_lookalikes(text)
            runs.append(time.process_time() - started)
        return min(runs)

    short = unit * (5_000 // len(unit))
    assert cost(short * 10) < 30 * max(cost(short), 1e-4)  # linear: ~10, quadratic: ~100
