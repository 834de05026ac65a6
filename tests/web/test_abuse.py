"""Spam and abuse: honeypot, verification resend without address enumeration, rate limits."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matcher.models import Action, OutboundEmail
from tests.support.forms import read_form, submit_action, submit_form
from tests.support.helpers import action_fields, links_in


def count(db, model=Action):
    return db.session.scalar(select(func.count(model.id)))


def test_filled_honeypot_looks_accepted_but_stores_nothing(client, db):
    response = submit_action(client, website="http://spam.example")
    assert response.status_code == 302
    assert count(db) == 0 and count(db, OutboundEmail) == 0


def test_resend_gives_a_new_working_link_and_the_same_answer_for_unknown_addresses(
    client, db, outbox
):
    submit_action(client)
    first = links_in(outbox.last_text())["verify"]
    known = submit_form(client, "/verify/resend", {"email": "ROSA.tester@example.org"})
    unknown = submit_form(client, "/verify/resend", {"email": "nobody@example.org"})
    known.close(), unknown.close()  # the server closes the response once sent: the job runs
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
        codes = [client.post("/api/v1/actions", json={}).status_code for _ in range(2)]
        empty = read_form(client, "/submit")
        codes.append(empty.submit(client).status_code)  # the form counts too
        codes.append(client.post("/api/v1/actions", json={}).status_code)
        codes.append(empty.submit(client).status_code)
        resend = read_form(client, "/verify/resend").fill({"email": "a@example.org"})
        resends = [resend.submit(client).status_code for _ in range(3)]
    finally:
        app.config["SUBMIT_RATE_LIMIT"] = "10000 per hour"
        app.config["RESEND_RATE_LIMIT"] = "10000 per hour"
    assert codes == [422, 422, 422, 429, 429]
    assert resends == [200, 200, 429]


def test_submissions_are_limited_per_contact_address_from_any_client(app, client, db, outbox):
    app.config["SUBMIT_ADDRESS_RATE_LIMIT"] = "2 per hour"
    try:

        def post(n: int, email: str, api: bool) -> int:
            ip = {"REMOTE_ADDR": f"192.0.2.{n}"}
            if api:
                fields = action_fields(contact_email=email, public="yes", title=f"Vigil {n}")
                return client.post("/api/v1/actions", json=fields, environ_base=ip).status_code
            fields = action_fields(contact_email=email, title=f"Vigil {n}")
            return submit_form(client, "/submit", fields, environ_base=ip).status_code

        same = [post(1, "ana@example.org", False), post(2, " ANA@example.org", True)]
        same.append(post(3, "ana@example.org", True))
        same.append(post(4, "ana@example.org", False))
        other = post(5, "luis@example.org", True)
    finally:
        app.config["SUBMIT_ADDRESS_RATE_LIMIT"] = "10000 per hour"
    assert same == [302, 202, 429, 429]
    assert other == 202
    assert count(db) == 3


@pytest.mark.parametrize("path", ["/verify/resend", "/manage/lost"])
def test_resend_and_lost_link_do_the_same_work_for_held_and_unknown_addresses(
    app, client, db, outbox, path
):
    from sqlalchemy import event

    submit_action(client)
    submit_form(client, path, {"email": "warm@example.org"}).close()
    engine = app.extensions["matcher.engine"]

    def answer(address: str):
        statements: list[str] = []

        def record(_conn, _cursor, statement, *_args) -> None:
            statements.append(statement)

        form = read_form(client, path).fill({"email": address})
        event.listen(engine, "before_cursor_execute", record)
        try:
            response = form.submit(client)
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return response, statements

    known, known_sql = answer("rosa.tester@example.org")
    unknown, unknown_sql = answer("nobody@example.org")
    assert known.get_data() == unknown.get_data()
    assert known_sql == unknown_sql == []  # no lookup and no mail while answering
    assert len(outbox.files()) == 1  # nothing sent yet: only the verification of the submission
    known.close()  # once the answer is sent, the job runs
    unknown.close()
    assert len(outbox.files()) == 2
    assert "nobody" not in outbox.last_text()
