"""Forwarded headers are believed only from the configured proxies, and limits per address
count a mailbox once whatever its spelling."""

from __future__ import annotations

import pytest

from matcher import create_app
from matcher.extensions import limiter
from matcher.web.proxies import TrustedProxies

PROXY, CLIENT, FORGED = "127.0.0.1", "203.0.113.9", "198.51.100.7"


def _seen(environ_extra: dict[str, str]) -> dict[str, str]:
    seen: dict[str, str] = {}

    def app(environ, start_response):
        seen.update(environ)
        start_response("204 No Content", [])
        return [b""]

    middleware = TrustedProxies(app, trusted=("127.0.0.1", "10.0.0.0/8"), x_for=1, x_proto=1)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "wsgi.url_scheme": "http"}
    environ.update(environ_extra)
    list(middleware(environ, lambda status, headers: None))
    return seen


def test_headers_from_a_configured_proxy_are_believed():
    seen = _seen(
        {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": CLIENT, "HTTP_X_FORWARDED_PROTO": "https"}
    )
    assert seen["REMOTE_ADDR"] == CLIENT and seen["wsgi.url_scheme"] == "https"


def test_headers_from_anyone_else_are_dropped_and_the_real_peer_is_kept():
    seen = _seen(
        {"REMOTE_ADDR": CLIENT, "HTTP_X_FORWARDED_FOR": FORGED, "HTTP_X_FORWARDED_PROTO": "https"}
    )
    assert seen["REMOTE_ADDR"] == CLIENT  # what the access log shows
    assert seen["wsgi.url_scheme"] == "http"
    assert "HTTP_X_FORWARDED_FOR" not in seen and "HTTP_X_FORWARDED_PROTO" not in seen


@pytest.fixture
def production_like(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": "sqlite://",
            "MAIL_OUTBOX_DIR": str(tmp_path),
            "PROXY_FIX_X_FOR": 1,
            "PROXY_FIX_X_PROTO": 1,
            "TRUSTED_PROXIES": (PROXY,),
            "SUBMIT_RATE_LIMIT": "3 per hour",
        }
    )
    limiter.reset()
    yield app
    limiter.reset()


def _posts(client, peer: str, count: int) -> list[int]:
    """Submissions from `peer`, each claiming another client address in X-Forwarded-For."""
    return [
        client.post(
            "/api/v1/actions",
            json={},
            environ_base={"REMOTE_ADDR": peer},
            headers={"X-Forwarded-For": f"198.51.100.{n}"},
        ).status_code
        for n in range(count)
    ]


def test_a_client_reaching_the_app_directly_cannot_escape_the_limits(production_like):
    client = production_like.test_client()
    assert _posts(client, CLIENT, 5) == [422, 422, 422, 429, 429]
    assert _posts(client, PROXY, 3) == [422, 422, 422]  # distinct clients behind the proxy


@pytest.mark.parametrize(
    ("spelling", "mailbox"),
    [
        ("Rosa+intro@Example.org", "rosa@example.org"),
        ("rosa+a+b@example.org", "rosa@example.org"),
        ("r.o.s.a+x@googlemail.com", "rosa@gmail.com"),
        ("R.Osa@Gmail.com", "rosa@gmail.com"),
        ("r.osa@example.org", "r.osa@example.org"),  # dots matter elsewhere
        ("not an address", "not an address"),
    ],
)
def test_mailboxes_are_folded_the_way_providers_fold_them(spelling, mailbox):
    from matcher.security.mailbox import normalized_mailbox

    assert normalized_mailbox(spelling) == mailbox


def test_plus_and_dot_variants_of_one_mailbox_share_the_per_address_limit(app, client):
    app.config["SUBMIT_ADDRESS_RATE_LIMIT"] = "3 per hour"
    try:
        codes = [
            client.post(
                "/api/v1/actions",
                json={"contact_email": address},
                environ_base={"REMOTE_ADDR": f"192.0.2.{n}"},
            ).status_code
            for n, address in enumerate(
                [
                    "ro.sa@gmail.com",
                    "rosa+1@gmail.com",
                    "r.o.s.a+2@googlemail.com",
                    "ROSA@gmail.com",
                ]
                + [f"rosa+{n}@gmail.com" for n in range(26)]
            )
        ]
    finally:
        app.config["SUBMIT_ADDRESS_RATE_LIMIT"] = "10000 per hour"
    assert codes[:3] == [422, 422, 422] and set(codes[3:]) == {429}


def test_production_tells_browsers_to_use_https_only(production_like, app, client):
    assert "Strict-Transport-Security" not in client.get("/").headers  # development
    production_like.config["HSTS_SECONDS"] = 63072000
    answer = production_like.test_client().get("/", environ_base={"REMOTE_ADDR": CLIENT})
    assert answer.headers["Strict-Transport-Security"] == "max-age=63072000"


def test_the_inbound_webhook_is_rate_limited(app, client):
    app.config.update(INBOUND_WEBHOOK_SECRET="s" * 40, INBOUND_RATE_LIMIT="2 per minute")
    try:
        codes = [client.post("/inbound/email", data=b"x").status_code for _ in range(3)]
    finally:
        app.config.update(INBOUND_WEBHOOK_SECRET="", INBOUND_RATE_LIMIT="120 per minute")
    assert codes == [401, 401, 429]
