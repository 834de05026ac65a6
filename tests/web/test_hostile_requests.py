"""Requests built to break things: redirects off the site, JSON nested past the parser's
limit, text that is not text, page cursors and ids beyond any integer column."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from matcher.models import Action
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import forged_post, submit_form
from tests.support.helpers import action_fields, make_action, make_suggestion


@pytest.fixture
def coordinator(app, db):
    a = make_action(db, place="San Diego, CA", title="Vigil one")
    b = make_action(db, place="San Diego, CA", title="Vigil two")
    suggestion = make_suggestion(db, a, b)
    make_coordinator(db, "ca@example.org", states="CA")
    db.commit()
    client = app.test_client()
    log_in(client, "ca@example.org")
    return client, suggestion


@pytest.mark.parametrize(
    "back",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example/phish",
        "\\\\evil.example",
        "javascript:alert(1)",
        " https://evil.example",
        "/public-page-not-coordinate",
    ],
)
def test_back_never_leaves_the_coordinators_pages(coordinator, back):
    client, suggestion = coordinator
    # A tampered post: the page's own `back` is the queue's path.
    url = f"/coordinate/suggestions/{suggestion.id}/reject"
    response = forged_post(client, "/coordinate/suggestions", url, {"back": back})
    assert response.status_code == 302
    assert response.headers["Location"] == "/coordinate/suggestions"


def test_back_to_a_filtered_queue_is_kept(coordinator):
    client, _suggestion = coordinator
    back = "/coordinate/suggestions?state=CA&kind=target"
    response = submit_form(client, back, form="/coordinate/suggestions/bulk", button="reject")
    assert response.headers["Location"] == back


def _valid_json(**overrides) -> dict:
    body = action_fields(public="yes", intro_region="yes")
    body.update(overrides)
    return body


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_json_nested_too_deep_is_a_clear_400(client, db, depth):
    for body in ("[" * depth + "]" * depth, '{"title": ' + "[" * depth + "]" * depth + "}"):
        response = client.post("/api/v1/actions", data=body, content_type="application/json")
        assert response.status_code == 400, response.status_code
        assert "body" in response.json["errors"]
    assert db.session.scalar(select(func.count(Action.id))) == 0


@pytest.mark.parametrize("field", ["title", "contact_name", "organizations", "description"])
def test_a_lone_surrogate_is_refused_naming_the_field(client, db, outbox, field):
    body = json.dumps(_valid_json(**{field: "ok \ud800 ok"}))  # json.dumps writes "\\ud800"
    response = client.post("/api/v1/actions", data=body, content_type="application/json")
    assert response.status_code in (400, 422)
    assert field in response.json["errors"]
    assert db.session.scalar(select(func.count(Action.id))) == 0 and outbox.messages() == []


@pytest.mark.parametrize(
    "query",
    [
        "after=1e308:99999999999999999999",
        "after=nan:1",
        "after=inf:-5",
        "after=0.5:-99999999999999999999",
        "region=99999999999999999999",
        "region=-1",
    ],
)
def test_absurd_cursors_and_ids_on_the_queue_are_ignored(coordinator, query):
    client, _suggestion = coordinator
    response = client.get(f"/coordinate/suggestions?{query}")
    assert response.status_code == 200
