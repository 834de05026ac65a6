"""CSRF on every form; only the signed webhook and the RFC 8058 one-click unsubscribe are exempt.

The test settings keep CSRF on, as in production: every form test posts the page's token
(tests/support/forms.py); here, posts without it are refused.
"""

from __future__ import annotations

from tests.support.forms import link_to, read_form, submit_action
from tests.support.helpers import action_fields, links_in

FORMS = ["/submit", "/verify/resend", "/manage/lost", "/coordinate/login"]


def test_public_forms_refuse_a_post_without_token(client, outbox):
    submit_action(client)
    links = links_in(outbox.last_text())
    manage = links["manage"].split("?")[0]
    delete = link_to(client, links["manage"], "Delete the action and my contact details")
    paths = [*FORMS, links["verify"], manage, manage + "/withdraw", manage + "/consents", delete]
    for path in paths:
        response = client.post(path, data=action_fields(email="a@example.org"))
        assert response.status_code == 400, path


def test_a_post_with_the_page_token_is_accepted(client):
    form = read_form(client, "/submit").fill(action_fields())
    assert form.data()["csrf_token"]
    assert form.submit(client).status_code == 302


def test_a_token_from_another_session_is_refused(app, client):
    form = read_form(client, "/submit").fill(action_fields())
    stranger = app.test_client()  # another browser, holding a page it did not get
    assert stranger.post("/submit", data=form.data()).status_code == 400


def test_json_api_needs_no_cookie_token(client):
    assert client.post("/api/v1/actions", json={}).status_code == 422
