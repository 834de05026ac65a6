"""CSRF on every form; only the signed webhook and the RFC 8058 one-click unsubscribe are exempt.

The test settings keep CSRF on, as in production: every form test posts the page's token
(tests/support/forms.py); here, posts without it are refused.
"""

from __future__ import annotations

import logging

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


HTTPS = "https://actions.example.org"


def test_over_https_a_same_origin_referrer_is_accepted(client):
    form = read_form(client, "/submit", base_url=HTTPS).fill(action_fields())
    referrer = {"Referer": HTTPS + "/submit"}
    response = form.submit(client, base_url=HTTPS, headers=referrer)
    assert response.status_code == 302


def test_over_https_without_referrer_the_page_says_nothing_was_saved(client, caplog):
    """What every form post met while the app sent Referrer-Policy: no-referrer."""
    form = read_form(client, "/submit", base_url=HTTPS).fill(action_fields())
    with caplog.at_level(logging.WARNING, logger="matcher.web.errors"):
        response = form.submit(client, base_url=HTTPS)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This form could not be checked, so nothing was saved" in page
    assert "Go back, reload the page and send it again." in page
    assert "no referrer: check that nothing between the browser and the app" in caplog.text


def test_a_proxy_that_drops_the_port_gets_a_hint_in_the_log(client, outbox, caplog):
    """nginx's $host loses the port: the browser's referrer names it, the app's host does not.
    The log names the route pattern, never the path with its token."""
    submit_action(client)
    verify = links_in(outbox.last_text())["verify"]
    browser_origin = "https://actions.example.org:8443"
    form = read_form(client, verify, base_url=browser_origin)
    referrer = {"Referer": browser_origin + verify}
    with caplog.at_level(logging.WARNING, logger="matcher.web.errors"):
        response = form.submit(client, base_url="https://actions.example.org", headers=referrer)
    assert response.status_code == 400
    assert "nothing was saved" in response.get_data(as_text=True)
    assert "referrer does not match: check the proxy's Host header" in caplog.text
    assert "POST /verify/<token>" in caplog.text
    token = verify.split("?")[0].rsplit("/", 1)[1]
    assert token not in caplog.text
    confirmed = form.submit(client, base_url=browser_origin, headers=referrer)
    assert "your action is confirmed" in confirmed.get_data(as_text=True)


def test_the_refusal_is_in_spanish_too(client):
    response = client.post("/submit?lang=es", data=action_fields())
    assert response.status_code == 400
    assert "no se guardó nada" in response.get_data(as_text=True)
