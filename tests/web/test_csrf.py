"""CSRF on every form; only the signed webhook and the RFC 8058 one-click unsubscribe are exempt."""

from __future__ import annotations

import pytest

from tests.support.helpers import action_fields, links_in

FORMS = ["/submit", "/verify/resend", "/coordinate/login"]


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_public_forms_refuse_a_post_without_token(app, client, outbox):
    client.post("/submit", data=action_fields())  # CSRF off: to get a manage link
    manage = links_in(outbox.last_text())["manage"]
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        for path in [*FORMS, manage, manage + "/withdraw", manage + "/delete"]:
            response = client.post(path, data=action_fields(email="a@example.org"))
            assert response.status_code == 400, path
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_a_post_with_the_page_token_is_accepted(client, csrf_on):
    page = client.get("/submit").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/submit", data=action_fields(csrf_token=token))
    assert response.status_code == 302


def test_json_api_needs_no_cookie_token(client, csrf_on):
    assert client.post("/api/v1/actions", json={}).status_code == 422
