"""Airports by their full names (data/airports.csv, build_airports.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.build_airports import (
    OUTPUT,
    only_town_and_kinds,
    spanish_forms,
    without_town,
)
from matcher.geocoding.distance import distance_km
from matcher.geocoding.generated_csv import read_csv


def answer(query: str):
    location = get_gazetteer().geocode(query)
    return None if location is None else location.raw


def test_spellings_of_an_airports_name() -> None:
    assert without_town("Elm Falls Jane Q Doe Regional Airport", "Elm Falls") == (
        "Jane Q Doe Regional Airport"
    )
    assert without_town("Elm Falls International Airport", "Elm Falls") is None  # kinds only
    assert without_town("Elm Falls Executive Airport", "Elm Falls") is None
    assert without_town("Elm Falls /New Airport", "Elm Falls") is None
    assert without_town("Jane Doe Airport", "Elm Falls") is None  # not the town's first
    assert spanish_forms("Jane Doe Regional Airport") == [
        "Aeropuerto Regional Jane Doe",
        "Aeropuerto Regional de Jane Doe",
    ]
    assert spanish_forms("Jane Doe International Airport") == []  # read by the lookup itself
    assert spanish_forms("Jane Doe Field") == []
    assert only_town_and_kinds("Elm Falls Municipal Airport", "Elm Falls")
    assert not only_town_and_kinds("Elm Falls Jane Doe Airport", "Elm Falls")


def test_the_file_has_airports_at_their_own_points() -> None:
    rows = read_csv(OUTPUT)
    assert len(rows) > 500
    assert all(row["lat"] and row["lon"] and len(row["state"]) == 2 for row in rows)


@pytest.mark.parametrize(
    ("query", "state", "lat", "lon"),
    [
        ("Gerald R. Ford International Airport", "MI", 42.88, -85.52),  # not Ford, KS
        ("un vuelo desde el Aeropuerto Internacional Gerald R. Ford", "MI", 42.88, -85.52),
        ("protest at the Muhammad Ali International Airport", "KY", 38.17, -85.74),
        ("en el Aeropuerto Regional Ben Nelson", "NE", 40.21, -100.59),
    ],
)
def test_an_airport_named_in_full_is_found(query: str, state: str, lat: float, lon: float):
    raw = answer(query)
    assert raw is not None and raw["state"] == state
    assert distance_km(raw["latitude"], raw["longitude"], lat, lon) < 5
