"""Test data builders for the app tests."""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from typing import Any

import pytest

LINK = re.compile(r"http://localhost(/(?:verify|manage)/[\w.\-]+(?:\?lang=\w+)?)")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def require_redis() -> None:
    """Skip when Redis does not answer at REDIS_URL; with REQUIRE_REDIS=1 (CI) fail instead."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(
                f"Redis is required (REQUIRE_REDIS=1) but {REDIS_URL} does not answer: {exc}"
            )
        pytest.skip(f"Redis does not answer at {REDIS_URL}")


def action_fields(**overrides: Any) -> dict[str, Any]:
    """A valid submission (form field names), a month from today."""
    fields: dict[str, Any] = {
        "title": "Vigil at the detention center",
        "date": (date.today() + timedelta(days=30)).isoformat(),
        "location": "San Diego, CA",
        "target_type": "detention_center",
        "target": "Otay Mesa Detention Center",
        "organizations": "Unión del Barrio; Never Again Action",
        "contact_name": "Rosa Tester",
        "contact_email": "rosa.tester@example.org",
        "contact_phone": "+1 619 555 0100",
        "venue": "446 Alta Road, San Diego, CA 92154",
        "language": "en",
        "public": "y",
        "intro_region": "y",
    }
    fields.update(overrides)
    return fields


def links_in(text: str) -> dict[str, str]:
    """The verify and manage paths in an email body."""
    found: dict[str, str] = {}
    for path in LINK.findall(text):
        found[path.split("/")[1]] = path  # a link carries its language: ?lang=en
    return found


def make_action(db, *, place: str, title: str = "Action", email: str = "", **fields: Any):
    """A published action stored through the submission operation and geocoded offline."""
    from matcher.formats.action_fields import validate_action
    from matcher.operations.geocoding import locate
    from matcher.operations.submissions import build_action, publish

    data = action_fields(
        title=title,
        location=place,
        contact_email=email or f"{title.lower().replace(' ', '.')}@example.org",
        intro_region="yes",
        intro_target="yes",
        public="yes",
    )
    data.update(fields)
    action_input, errors = validate_action(data)
    assert not errors, errors
    action = build_action(action_input, source="test", geocode=False)
    assert locate(action), place
    publish(action, match=False)  # tests add the suggestions they want
    db.session.flush()
    return action


def make_suggestion(db, a, b, *, score: float = 0.8, kinds: str = "region"):
    """A pending suggestion between two actions."""
    from matcher.models import Suggestion

    first, second = sorted((a, b), key=lambda action: action.id)
    suggestion = Suggestion(
        action_a_id=first.id,
        action_b_id=second.id,
        kinds=kinds,
        score=score,
        reasons=["same region: test"],
        features={"distance_km": 12.3},
    )
    db.session.add(suggestion)
    db.session.flush()
    return suggestion
