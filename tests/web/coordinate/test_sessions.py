"""Coordinator accounts: login, sessions that really end, CSRF, rate limits, set-password."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from matcher.models import Coordinator
from matcher.security.auth import hasher
from tests.support.coordinators import PASSWORD, log_in, make_coordinator
from tests.support.forms import read_form, submit_form


@pytest.fixture
def account(db):
    account = make_coordinator(db, "ca@example.org", states="CA")
    db.commit()
    return account


def test_login_form_names(client):
    html = client.get("/coordinate/login").get_data(as_text=True)
    assert '<label for="email">Email</label>' in html
    assert '<label for="password">Password</label>' in html
    assert '<button type="submit">Log in</button>' in html


def test_wrong_password_and_unknown_email(client, account):
    for email, password in (("ca@example.org", "wrong"), ("nobody@example.org", PASSWORD)):
        response = log_in(client, email, password)
        assert response.status_code == 401
        assert "Wrong email or password." in response.get_data(as_text=True)
    assert client.get("/coordinate/").status_code == 302


def test_password_hash_is_argon2id_with_owasp_parameters():
    params = hasher.hash("x")
    assert params.startswith("$argon2id$")
    memory, time_cost = (int(v) for v in re.search(r"m=(\d+),t=(\d+)", params).groups())
    assert memory >= 19 * 1024 and time_cost >= 2


def test_logout_kills_a_replayed_cookie(app, account):
    client = app.test_client()
    log_in(client, "ca@example.org")
    assert client.get("/coordinate/").status_code == 200
    stolen = client.get_cookie("session").value
    submit_form(client, "/coordinate/", form="/coordinate/logout")
    assert client.get("/coordinate/").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/coordinate/").status_code == 302


def test_login_renews_the_session(app, account):
    client = app.test_client()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    log_in(client, "ca@example.org")
    with client.session_transaction() as session:
        assert "planted" not in session


def test_idle_session_ends(app, account):
    client = app.test_client()
    log_in(client, "ca@example.org")
    with client.session_transaction() as session:
        session["coordinate_seen"] -= app.config["COORDINATOR_IDLE_MINUTES"] * 60 + 1
    assert client.get("/coordinate/").status_code == 302
    assert client.get("/coordinate/").status_code == 302  # logged out for good


def test_forms_need_a_csrf_token(app, account):
    client = app.test_client()
    log_in(client, "ca@example.org")
    for path in (
        "/coordinate/suggestions/bulk",
        "/coordinate/logout",
        "/coordinate/suggestions/1/approve",
        "/coordinate/actions/1/remove",
    ):
        assert client.post(path, data={"decision": "reject"}).status_code == 400, path
    fresh = app.test_client()
    login = read_form(fresh, "/coordinate/login").fill({"email": "ca@example.org"})
    login.fill({"password": PASSWORD})
    assert app.test_client().post("/coordinate/login", data=login.data()).status_code == 400


def test_login_is_rate_limited(app, account):
    app.config["LOGIN_RATE_LIMIT"] = "10 per minute"
    try:
        client = app.test_client()
        codes = [log_in(client, "ca@example.org", "wrong").status_code for _ in range(12)]
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "10000 per minute"
    assert codes[:10] == [401] * 10
    assert codes[10:] == [429, 429]


def test_create_coordinator_prints_a_one_time_link(app, db, runner):
    result = runner.invoke(
        args=["create-coordinator", "new@example.org", "--states", "ca,or", "--link"]
    )
    assert result.exit_code == 0, result.output
    account = db.session.scalar(select(Coordinator).where(Coordinator.email == "new@example.org"))
    assert account.states == "CA,OR" and account.password_hash is None
    path = re.search(r"http://localhost(/coordinate/set-password/\S+)", result.output).group(1)
    client = app.test_client()
    short = submit_form(client, path, {"password": "short", "confirm": "short"})
    assert "at least 12" in short.get_data(as_text=True)
    done = submit_form(client, path, {"password": PASSWORD, "confirm": PASSWORD})
    assert done.status_code == 302
    assert client.get(path).status_code == 410  # used once
    assert log_in(client, "new@example.org").status_code == 302


def test_create_coordinator_bad_input(runner):
    result = runner.invoke(args=["create-coordinator", "x@example.org", "--states", "ZZ", "--link"])
    assert result.exit_code == 2
    assert "states: Unknown state codes: ZZ" in result.output
    result = runner.invoke(args=["create-coordinator", "not-an-email", "--admin", "--link"])
    assert result.exit_code == 2
    assert "email:" in result.output
