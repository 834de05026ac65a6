"""A county named by its courthouse or jail: its main town, flagged (county_towns.py)."""

from __future__ import annotations

from tests.geocoding.test_reading import answer

BUILDINGS = {
    "outside the Vigo County Courthouse": "Terre Haute, IN",
    "la corte del condado de Vigo": "Terre Haute, IN",
    "the Richmond County Courthouse, GA": "Augusta, GA",
}


def test_a_county_building_is_in_the_county_main_town_and_asked() -> None:
    for query, place in BUILDINGS.items():
        raw = answer(query)
        assert (raw["place"], raw["precision"], raw["confirm"]) == (place, "city", True), query


def test_the_county_alone_stays_a_county() -> None:
    assert answer("Vigo County")["precision"] == "county"
    assert answer("the Vigo County Board of Commissioners")["precision"] == "county"


def test_a_region_of_another_state_is_not_the_county_of_the_named_one() -> None:
    # "Orange County" is California's region nickname; with Florida named it is Orlando's county
    for query in ("Orange County Courthouse, FL", "the Orange County Courthouse in Florida"):
        assert answer(query)["state"] == "FL", query
    assert answer("a rally in the Inland Empire, California")["state"] == "CA"
