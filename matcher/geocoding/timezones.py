"""The time zone of a US place, offline: by state, and by the nearest ZIP code where a state
spans several zones (Texas, Florida, Indiana, the Dakotas, ...).

Data: ``data/timezones.json.gz``, derived from the ZIP code table of the ``zipcodes`` package
(MIT; its time zones are the IANA names of each ZIP code), regenerated with
``python -m matcher.geocoding.timezones``. Pure: no app, no database.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

import numpy as np

__all__ = ["US_ZONES", "timezone_at"]

DATA_FILE = Path(__file__).with_name("data") / "timezones.json.gz"

#: The zones offered to organizers, west to east (any IANA name is accepted too).
US_ZONES = (
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Phoenix",
    "America/Denver",
    "America/Boise",
    "America/Chicago",
    "America/Indiana/Indianapolis",
    "America/Detroit",
    "America/New_York",
    "America/Puerto_Rico",
)


@functools.cache
def _table() -> dict[str, Any]:
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def timezone_at(latitude: float | None, longitude: float | None, state: str | None) -> str | None:
    """The IANA time zone of a point in `state` (two letters), or None when unknown."""
    table = _table()
    zones: list[str] = table["zones"]
    entry = table["states"].get((state or "").upper())
    if entry is None:
        return None
    if isinstance(entry, int):
        return zones[entry]
    if latitude is None or longitude is None:
        return zones[entry[0][2]]  # the state's most common zone
    scale = math.cos(math.radians(latitude))
    lat, lon, zone = _points((state or "").upper())
    nearest = int(np.argmin((lat - latitude) ** 2 + ((lon - longitude) * scale) ** 2))
    return zones[int(zone[nearest])]


@functools.cache
def _points(state: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A multi-zone state's ZIP points as arrays (latitudes, longitudes, zone numbers)."""
    entry = _table()["states"][state]
    return (
        np.array([p[0] for p in entry], dtype=np.float64),
        np.array([p[1] for p in entry], dtype=np.float64),
        np.array([p[2] for p in entry], dtype=np.int64),
    )


def build() -> dict[str, Any]:
    """The table from the `zipcodes` package: a zone number per single-zone state, ZIP points
    `[lat, lon, zone]` (most common zone first) for states with several."""
    import zipcodes  # only needed to regenerate the data (the `gazetteer` extra)

    known = available_timezones()
    by_state: dict[str, list[tuple[float, float, str]]] = {}
    for row in zipcodes.list_all():
        zone = row.get("timezone") or ""
        if zone not in known or not row.get("lat"):
            continue
        point = (round(float(row["lat"]), 2), round(float(row["long"]), 2), zone)
        by_state.setdefault(row["state"], []).append(point)
    zones = sorted({zone for points in by_state.values() for *_, zone in points})
    states: dict[str, Any] = {}
    for state, points in sorted(by_state.items()):
        counts: dict[str, int] = {}
        for *_, zone in points:
            counts[zone] = counts.get(zone, 0) + 1
        if len(counts) == 1:
            states[state] = zones.index(points[0][2])
            continue
        order = sorted(counts, key=lambda zone: -counts[zone])
        unique = sorted(set(points), key=lambda p: (order.index(p[2]), p))
        states[state] = [[lat, lon, zones.index(zone)] for lat, lon, zone in unique]
    return {"source": "zipcodes package (ZIP code time zones)", "zones": zones, "states": states}


if __name__ == "__main__":
    with gzip.open(DATA_FILE, "wt", encoding="utf-8") as out:
        json.dump(build(), out, separators=(",", ":"))
    print(f"wrote {DATA_FILE}")
