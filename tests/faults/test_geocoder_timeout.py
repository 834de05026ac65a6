"""The online geocoder times out: the request still answers promptly, the submission is stored
and placed by the offline gazetteer, or, where the gazetteer cannot place it either, stored and
flagged "needs location" for a coordinator. Nothing is lost."""

from __future__ import annotations

import time

import geopy.geocoders
import pytest

from matcher.geocoding.gazetteer import get_gazetteer
from matcher.models import ActionStatus, EmailStatus
from tests.faults.checks import actions, statuses, submit
from tests.faults.sinks import HangingHttp

pytestmark = pytest.mark.faults

TIMEOUT = 0.3
# geopy's requests adapter tries a timed-out request 3 times (2 retries), the rate limiter
# pauses up to 1 s between two queries to Nominatim, and the rest of the request takes well
# under 3 s: far below the 30 s the server would hang.
PROMPT = 3 * TIMEOUT + 1.0 + 3.0


@pytest.fixture
def hanging_nominatim(monkeypatch):
    """A Nominatim stand-in on 127.0.0.1 that never answers in time (plain HTTP)."""
    monkeypatch.setattr(geopy.geocoders.options, "default_scheme", "http")
    get_gazetteer()  # loaded once per process: not part of what is timed
    with HangingHttp() as server:
        yield server


def _timed_submit(app, email: str, location: str) -> float:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    response = submit(app, email, location=location)
    elapsed = time.monotonic() - started
    assert response.status_code == 302 and response.location == "/submitted"
    return elapsed


def test_a_geocoder_timeout_falls_back_to_the_gazetteer_or_flags_the_action(
    make_app, hanging_nominatim
):
    app = make_app(
        GEOCODER="nominatim", GEOCODER_DOMAIN=hanging_nominatim.domain, GEOCODER_TIMEOUT=TIMEOUT
    )
    assert _timed_submit(app, "sd@example.org", "San Diego, CA") < PROMPT
    asked = hanging_nominatim.requests
    assert asked >= 1  # the provider was asked, and timed out
    assert _timed_submit(app, "nowhere@example.org", "Qxzvbt Wjjkkq") < PROMPT
    assert hanging_nominatim.requests > asked

    stored = actions(app)
    assert sorted(stored) == ["nowhere@example.org", "sd@example.org"]  # nothing lost
    placed, unplaced = stored["sd@example.org"], stored["nowhere@example.org"]
    assert placed.geocode_source == "gazetteer" and not placed.needs_location
    assert placed.latitude == pytest.approx(32.7, abs=0.3)
    assert placed.longitude == pytest.approx(-117.1, abs=0.3)
    assert unplaced.needs_location and unplaced.latitude is None
    assert {action.status for action in stored.values()} == {ActionStatus.pending}
    # The organizers still get their verification email.
    assert set(statuses(app).values()) == {EmailStatus.sent}
