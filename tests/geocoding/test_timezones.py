"""Time zones of places, offline, including states that span several zones."""

from __future__ import annotations

import pytest

from matcher.geocoding.timezones import US_ZONES, timezone_at


@pytest.mark.parametrize(
    ("lat", "lon", "state", "zone"),
    [
        (32.72, -117.16, "CA", "America/Los_Angeles"),
        (31.76, -106.49, "TX", "America/Denver"),  # El Paso
        (29.76, -95.37, "TX", "America/Chicago"),  # Houston
        (30.42, -87.22, "FL", "America/Chicago"),  # Pensacola
        (25.77, -80.19, "FL", "America/New_York"),  # Miami
        (43.61, -116.20, "ID", "America/Boise"),
        (46.42, -117.0, "ID", "America/Los_Angeles"),  # Lewiston
        (33.45, -112.07, "AZ", "America/Phoenix"),
        (18.47, -66.11, "PR", "America/Puerto_Rico"),
        (21.31, -157.86, "HI", "Pacific/Honolulu"),
    ],
)
def test_zone_of_a_point(lat, lon, state, zone):
    assert timezone_at(lat, lon, state) == zone


def test_unknown_state_or_point():
    assert timezone_at(10.0, 10.0, "ZZ") is None
    assert timezone_at(None, None, "TX") == "America/Chicago"  # the state's most common zone
    assert timezone_at(None, None, "NY") == "America/New_York"


def test_offered_zones_are_real():
    from zoneinfo import ZoneInfo

    for zone in US_ZONES:
        ZoneInfo(zone)
