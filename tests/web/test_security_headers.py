"""Security headers on every answer (matcher/web/security_headers.py)."""

from __future__ import annotations

from tests.support.forms import read_form
from tests.support.helpers import action_fields


def test_every_page_has_the_security_headers(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "form-action 'self'" in headers["Content-Security-Policy"]


def test_referrer_policy_is_same_origin(client):
    """Other sites never see a page's address (private links stay private); the app sees its
    own, which Flask-WTF's CSRF check needs over HTTPS: `no-referrer` failed every form post."""
    https = "https://actions.example.org"
    response = client.get("/submit", base_url=https)
    assert response.headers["Referrer-Policy"] == "same-origin"
    form = read_form(client, "/submit", base_url=https).fill(action_fields())
    sent = form.submit(client, base_url=https, headers={"Referer": https + "/submit"})
    assert sent.status_code == 302
