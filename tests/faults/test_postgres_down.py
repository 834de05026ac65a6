"""PostgreSQL stops for a while: pages and the API answer 503 (temporary, Retry-After; never a
trace, never a false success), nothing stored before is harmed, and the same app process
serves and stores again once the server is back (pool_pre_ping)."""

from __future__ import annotations

import time

import pytest

from matcher.extensions import db
from tests.faults.checks import actions, outbox, submit
from tests.support.helpers import action_fields

pytestmark = pytest.mark.faults

UNAVAILABLE = "We are briefly unavailable and nothing was saved. Please try again in a minute."


def _assert_unavailable(response) -> None:  # type: ignore[no-untyped-def]
    body = response.get_data(as_text=True)
    assert response.status_code == 503, body[:500]
    assert response.headers["Retry-After"] == "60"
    assert UNAVAILABLE in body and "Traceback" not in body and "psycopg" not in body


def test_requests_fail_cleanly_while_postgres_is_down_and_the_app_recovers(
    make_app, postgres, tmp_path
):
    app = make_app(PUBLIC_CACHE_TTL=0)  # every page reads the database
    assert submit(app, "before@example.org").status_code == 302
    client = app.test_client()
    assert client.get("/").status_code == 200  # the pool now holds a connection

    postgres.stop("fast")
    try:
        started = time.monotonic()
        _assert_unavailable(client.get("/"))
        _assert_unavailable(submit(app, "during@example.org"))
        _assert_unavailable(client.get("/api/v1/actions"))
        api_submission = action_fields(
            contact_email="api@example.org", public="yes", organizations=["A"]
        )
        answer = client.post("/api/v1/actions", json=api_submission)
        _assert_unavailable(answer)
        assert answer.get_json() == {"errors": {"request": UNAVAILABLE}}
        assert time.monotonic() - started < 10  # clean, prompt answers, no hanging
    finally:
        postgres.start()

    # The same process, the same pool: stale connections are replaced (pool_pre_ping).
    assert client.get("/").status_code == 200
    assert submit(app, "after@example.org").status_code == 302
    assert sorted(actions(app)) == ["after@example.org", "before@example.org"]
    assert sorted(outbox(app)) == ["after@example.org", "before@example.org"]
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2  # one verification each


def test_a_submission_whose_commit_fails_is_an_error_not_a_success(
    make_app, postgres, tmp_path, monkeypatch
):
    app = make_app()
    commit = db.commit

    def server_dies_then_commit() -> None:
        postgres.stop("fast")  # the transaction is flushed, not committed
        commit()

    monkeypatch.setattr(db, "commit", server_dies_then_commit)
    try:
        _assert_unavailable(submit(app, "lost@example.org"))
    finally:
        monkeypatch.undo()
        postgres.start()

    assert actions(app) == {} and outbox(app) == {}  # rolled back as a whole ...
    assert not (tmp_path / "outbox").exists()  # ... and no email for data that is not there
    assert submit(app, "lost@example.org").status_code == 302  # trying again works
    assert list(actions(app)) == ["lost@example.org"]
