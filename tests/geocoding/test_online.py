"""The online path against a local server speaking Nominatim's JSON protocol."""

from __future__ import annotations

import logging

import pytest
from geopy.exc import GeocoderNotFound

from matcher.geocoding import (
    InMemoryCache,
    OnlineGeocoder,
    geocode_to_dict,
    get_gazetteer,
    make_geocoder,
    make_geocoder_from_env,
)

USER_AGENT = "matcher-tests/1.0 (tests@example.org)"


def nominatim(fake, **options):
    return make_geocoder(
        "nominatim",
        user_agent=USER_AGENT,
        domain=fake.domain,
        scheme="http",
        min_delay_seconds=0,
        **options,
    )


def test_gazetteer_by_name_is_the_shared_instance():
    assert make_geocoder() is get_gazetteer()
    assert make_geocoder("gazetteer") is get_gazetteer()


def test_unknown_provider_is_refused():
    with pytest.raises(GeocoderNotFound):
        make_geocoder("no-such-provider")


def test_provider_answer_with_user_agent_and_precision(fake_nominatim):
    geocoder = nominatim(fake_nominatim)
    assert isinstance(geocoder, OnlineGeocoder)
    location = geocoder.geocode("Duluth, MN")
    assert location is not None
    assert location.raw["source"] == "nominatim"
    assert location.raw["precision"] == "city"
    assert location.raw["match"] == "provider"
    assert location.raw["state"] == "MN"
    assert abs(location.latitude - 46.7729322) < 1e-6
    [request] = fake_nominatim.requests
    assert request["path"] == "/search"
    assert request["user_agent"] == USER_AGENT
    assert request["params"]["q"] == "Duluth, MN"
    assert request["params"]["format"] == "json"
    assert request["params"]["countrycodes"] == "us,pr"


def test_building_answer_has_address_precision(fake_nominatim):
    location = nominatim(fake_nominatim).geocode("1600 Pennsylvania Ave NW, Washington")
    assert location.raw["precision"] == "address"
    assert location.raw["state"] == "DC"
    assert (
        geocode_to_dict("1600 Pennsylvania Ave NW, Washington", nominatim(fake_nominatim))[
            "precision"
        ]
        == "address"
    )


def test_cache_prevents_a_second_request(fake_nominatim):
    cache = InMemoryCache()
    first = nominatim(fake_nominatim, cache=cache).geocode("Duluth, MN")
    # A new geocoder sharing the cache (as app processes share the database cache).
    second = nominatim(fake_nominatim, cache=cache).geocode("duluth,  MN")
    assert len(fake_nominatim.requests) == 1
    assert (second.latitude, second.longitude) == (first.latitude, first.longitude)
    assert second.raw["cached"] is True
    assert len(cache) == 1


def test_empty_provider_answer_falls_back_and_is_cached(fake_nominatim):
    cache = InMemoryCache()
    geocoder = nominatim(fake_nominatim, cache=cache)
    for _ in range(2):
        location = geocoder.geocode("Clearbrook, MN")
        assert location.raw["source"] == "gazetteer"
        assert location.raw["fallback_from"] == "nominatim"
        assert location.address == "Clearbrook, MN"
    assert len(fake_nominatim.requests) == 1


def test_junk_is_never_sent(fake_nominatim):
    assert nominatim(fake_nominatim).geocode("Online") is None
    assert fake_nominatim.requests == []


def test_server_error_falls_back_to_gazetteer(fake_nominatim, caplog):
    fake_nominatim.mode = "error"
    cache = InMemoryCache()
    with caplog.at_level(logging.WARNING, logger="matcher.geocoding.online"):
        location = nominatim(fake_nominatim, cache=cache).geocode("Duluth, MN")
    assert location.raw["source"] == "gazetteer"
    assert location.raw["fallback_from"] == "nominatim"
    assert location.address == "Duluth, MN"
    assert len(fake_nominatim.requests) == 1
    assert len(cache) == 0  # failures are not cached
    assert "nominatim failed" in caplog.text


def test_timeout_falls_back_to_gazetteer(fake_nominatim):
    fake_nominatim.mode = "slow"
    fake_nominatim.delay = 1.5
    geocoder = make_geocoder(
        "nominatim",
        user_agent=USER_AGENT,
        domain=fake_nominatim.domain,
        scheme="http",
        timeout=0.3,
        min_delay_seconds=0,
    )
    # timeout=None (the pinned signature's default) means "the configured timeout", not "none".
    location = geocoder.geocode("Duluth, MN", timeout=None)
    assert location.raw["source"] == "gazetteer"
    # geopy reports a read timeout as GeocoderTimedOut, a connect timeout (the fake server still
    # busy with an earlier slow answer) as GeocoderUnavailable: both must fall back.
    assert location.raw["fallback_reason"] in ("GeocoderTimedOut", "GeocoderUnavailable")


def test_rate_limiter_spaces_requests(fake_nominatim):
    import time

    geocoder = make_geocoder(
        "nominatim",
        user_agent=USER_AGENT,
        domain=fake_nominatim.domain,
        scheme="http",
        min_delay_seconds=0.2,
    )
    start = time.perf_counter()
    geocoder.geocode("Duluth, MN")
    geocoder.geocode("1600 Pennsylvania Ave NW, Washington")
    assert time.perf_counter() - start >= 0.2
    assert len(fake_nominatim.requests) == 2


def test_nominatim_defaults_to_one_request_per_second(fake_nominatim):
    geocoder = make_geocoder(
        "nominatim", user_agent=USER_AGENT, domain=fake_nominatim.domain, scheme="http"
    )
    assert geocoder._geocode.min_delay_seconds == 1.0


def test_reverse_through_provider_and_cache(fake_nominatim):
    cache = InMemoryCache()
    geocoder = nominatim(fake_nominatim, cache=cache)
    first = geocoder.reverse((46.78, -92.1))
    second = geocoder.reverse((46.78, -92.1))
    assert first.address == second.address == "Somewhere, Minnesota, United States"
    assert [r["path"] for r in fake_nominatim.requests] == ["/reverse"]


def test_reverse_falls_back(fake_nominatim):
    fake_nominatim.mode = "error"
    location = nominatim(fake_nominatim).reverse((46.78, -92.1))
    assert location.raw["source"] == "gazetteer"
    assert location.address == "Duluth, MN"


def test_configuration_from_environment(fake_nominatim):
    geocoder = make_geocoder_from_env(
        {
            "GEOCODER": "nominatim",
            "GEOCODER_USER_AGENT": USER_AGENT,
            "GEOCODER_MIN_DELAY": "0",
            "GEOCODER_OPTIONS": f'{{"domain": "{fake_nominatim.domain}", "scheme": "http"}}',
        }
    )
    assert geocoder.geocode("Duluth, MN").raw["source"] == "nominatim"
    assert make_geocoder_from_env({}) is get_gazetteer()


def test_other_providers_are_built_by_name_without_network():
    photon = make_geocoder("photon", user_agent=USER_AGENT)
    assert isinstance(photon, OnlineGeocoder)
    assert photon._geocode.min_delay_seconds == 1.0
    assert photon.provider.headers["User-Agent"] == USER_AGENT
    pelias = make_geocoder(
        "pelias", user_agent=USER_AGENT, domain="pelias.example.org", min_delay_seconds=0.1
    )
    assert pelias._geocode.min_delay_seconds == 0.1


def test_a_hung_provider_costs_one_timeout_not_three(fake_nominatim):
    import time

    fake_nominatim.mode = "slow"
    fake_nominatim.delay = 3.0
    geocoder = make_geocoder(
        "nominatim",
        user_agent=USER_AGENT,
        domain=fake_nominatim.domain,
        scheme="http",
        timeout=0.5,
        min_delay_seconds=0,
    )
    started = time.monotonic()
    location = geocoder.geocode("Duluth, MN")
    elapsed = time.monotonic() - started
    assert location.raw["source"] == "gazetteer"
    assert elapsed < 1.3, elapsed  # geopy's requests adapter alone would retry twice
