"""Spam and abuse: honeypot, verification resend without address enumeration, rate limits."""

from __future__ import annotations

from sqlalchemy import func, select

from matcher.models import Action, OutboundEmail
from tests.app.helpers import action_fields, links_in


def count(db, model=Action):
    return db.session.scalar(select(func.count(model.id)))


def test_filled_honeypot_looks_accepted_but_stores_nothing(client, db):
    response = client.post("/submit", data=action_fields(website="http://spam.example"))
    assert response.status_code == 302
    assert count(db) == 0 and count(db, OutboundEmail) == 0


def test_resend_gives_a_new_working_link_and_the_same_answer_for_unknown_addresses(
    client, db, outbox
):
    client.post("/submit", data=action_fields())
    first = links_in(outbox.last_text())["verify"]
    known = client.post("/verify/resend", data={"email": "ROSA.tester@example.org"})
    unknown = client.post("/verify/resend", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)
    assert len(outbox.files()) == 2
    second = links_in(outbox.last_text())["verify"]
    assert second != first
    assert client.get(second).status_code == 200


def test_submissions_and_resends_are_rate_limited(app, client):
    app.config["SUBMIT_RATE_LIMIT"] = "3 per hour"
    app.config["RESEND_RATE_LIMIT"] = "2 per hour"
    try:
        codes = [client.post("/api/v1/actions", json={}).status_code for _ in range(4)]
        resends = [
            client.post("/verify/resend", data={"email": "a@example.org"}).status_code
            for _ in range(3)
        ]
    finally:
        app.config["SUBMIT_RATE_LIMIT"] = "10000 per hour"
        app.config["RESEND_RATE_LIMIT"] = "10000 per hour"
    assert codes == [422, 422, 422, 429]
    assert resends == [200, 200, 429]
