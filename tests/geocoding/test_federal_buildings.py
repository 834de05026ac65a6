"""Named federal buildings and U.S. courthouses (data/federal_buildings.csv, build_landmarks)."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.build_landmarks import (
    OUTPUT,
    expand,
    pair_spellings,
    person,
    spellings,
    two_persons,
)
from matcher.geocoding.distance import distance_km
from matcher.geocoding.generated_csv import read_csv
from matcher.geocoding.normalize import key


def answer(query: str):
    location = get_gazetteer().geocode(query)
    return None if location is None else location.raw


def test_inventory_abbreviations_are_written_out() -> None:
    assert (
        expand("ROBERT C. BYRD FB & COURTHOUSE") == "ROBERT C. BYRD FEDERAL BUILDING AND COURTHOUSE"
    )
    assert expand("PEORIA IL FED BLDG & US CTHSE") == "PEORIA IL FEDERAL BUILDING AND US COURTHOUSE"
    assert expand("WILLIAM M. STEGER FEDERAL BLDG AND UNITED STATES CH TX0182").endswith(
        "FEDERAL BUILDING AND US COURTHOUSE"
    )


def test_only_buildings_named_after_a_person_are_kept() -> None:
    assert person(expand("WAYNE L. MORSE US COURTHOUSE"), "Eugene") == "WAYNE L MORSE"
    assert person(expand("IOWA CITY FEDERAL BUILDING"), "Iowa City") is None
    assert person(expand("PEORIA IL FED BLDG & US CTHSE"), "Peoria") is None
    assert person(expand("536 S CLARK CHICAGO IL FEDERAL BUILDING"), "Chicago") is None


def test_spellings_organizers_write() -> None:
    display, aliases = spellings("WAYNE L MORSE", "WAYNE L MORSE US COURTHOUSE")
    assert display == "Wayne L Morse US Courthouse"
    assert {"Wayne Morse Federal Courthouse", "Morse Courthouse", "Corte Federal Morse"} <= set(
        aliases
    )
    # a last name that is a town's name gets no spelling of its own
    _, aliases = spellings(
        "ROBERT H JACKSON", "ROBERT H JACKSON US COURTHOUSE", frozenset({"jackson"})
    )
    assert "Jackson US Courthouse" not in aliases
    assert "Robert Jackson US Courthouse" in aliases


def test_every_building_lies_in_its_town() -> None:
    data = get_gazetteer().data
    rows = read_csv(OUTPUT)
    assert len(rows) > 200
    far = []
    for row in rows:
        towns = [r for r in data.by_key.get(key(row["city"]), ()) if data.states[r] == row["state"]]
        if (
            towns
            and min(
                distance_km(float(row["lat"]), float(row["lon"]), data.lat[r], data.lon[r])
                for r in towns
            )
            > 40
        ):
            far.append(row["name"])
    assert far == []


@pytest.mark.parametrize(
    ("query", "place", "confirm"),
    [
        ("the Wayne Morse Federal Courthouse, 405 E. Eighth Ave.", "Eugene, OR", True),
        ("rally outside the Hruska Courthouse", "Omaha, NE", True),
        ("rally outside the Hruska Courthouse in Nebraska", "Omaha, NE", False),
        ("frente al Edificio Federal Roybal", "Los Angeles, CA", True),
    ],
)
def test_buildings_are_found_in_phrases(query: str, place: str, confirm: bool) -> None:
    found = answer(query)
    assert found is not None and found["place"].endswith(place)
    assert found["match"] == "landmark"
    assert bool(found.get("confirm")) is confirm


def test_a_federal_courthouse_tells_homonyms_apart() -> None:
    # Burlington, NC is the larger town, but the federal courthouse is in Burlington, VT
    assert answer("Burlington")["place"] == "Burlington, NC"
    found = answer("outside the U.S. District Courthouse in Burlington")
    assert found["place"] == "Burlington, VT" and not found.get("confirm")
    # both Portlands have one: still a question
    assert answer("the federal courthouse in Portland")["confirm"] is True


def test_ice_headquarters_is_a_question_unless_the_town_is_named() -> None:
    found = answer("people of faith will gather in front of ICE Headquarters")
    assert found["place"].endswith("Washington, DC") and found["confirm"] is True
    assert answer("una rueda de prensa frente a la sede del ICE")["state"] == "DC"
    # ICE's seat in a town is its office there (a head word with its town), not Washington's
    assert answer("la sede del ICE en Chicago")["place"].endswith("Chicago, IL")


def test_office_building_and_courthouse_abbreviations() -> None:
    assert expand("ANNA B. SMITH FOB & CTHS") == "ANNA B. SMITH FEDERAL BUILDING AND COURTHOUSE"
    assert expand("JOHN Q. DOE USCH") == "JOHN Q. DOE US COURTHOUSE"
    assert expand("MARY K. ROE USPO & CT HOUSE").startswith("MARY K. ROE COURTHOUSE")


def test_buildings_named_after_two_persons() -> None:
    assert two_persons(expand("ANNA B. SMITH AND CARL D. JONES US CTHS"), "Austin") == (
        "ANNA B SMITH",
        "CARL D JONES",
    )
    assert two_persons(expand("HARTLEY-MORENO FEDERAL BUILDING"), "Austin") == (
        "HARTLEY",
        "MORENO",
    )
    assert two_persons(expand("AUSTIN-TRAVIS FEDERAL BUILDING"), "Austin") is None  # a town
    assert two_persons(expand("WAYNE L. MORSE US COURTHOUSE"), "Eugene") is None
    display, aliases = pair_spellings(
        "ANNA B SMITH", "CARL D JONES", "ANNA B SMITH AND CARL D JONES US COURTHOUSE"
    )
    assert display == "Anna B Smith and Carl D Jones US Courthouse"
    assert {"Smith-Jones Courthouse", "Carl D Jones Federal Courthouse"} <= set(aliases)
    _, aliases = pair_spellings(
        "GOLDEN", "HARTLEY", "GOLDEN-HARTLEY FEDERAL BUILDING", frozenset({"golden"})
    )
    assert "Golden Federal Building" not in aliases  # a town's name alone
    assert "Hartley Federal Building" in aliases


@pytest.mark.parametrize(
    ("query", "state", "lat", "lon"),
    [
        ("a vigil outside the Green-Wyatt federal building", "OR", 45.51, -122.68),
        ("the Minton-Capehart Federal Building", "IN", 39.77, -86.15),
        ("the Earle Cabell Federal Building", "TX", 32.78, -96.80),
    ],
)
def test_two_persons_and_office_buildings_are_found(query, state, lat, lon) -> None:
    raw = answer(query)
    assert raw is not None and raw["state"] == state
    assert distance_km(raw["latitude"], raw["longitude"], lat, lon) < 5
