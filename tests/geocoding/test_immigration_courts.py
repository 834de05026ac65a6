"""EOIR's immigration courts in the facility catalog (type ``immigration_court``, operator
``eoir``): a court head names the courts only and an ICE office head never a court, a town's
main court comes before its other courts, and a court phrase places the court."""

from __future__ import annotations

import csv

from matcher.geocoding import get_gazetteer
from matcher.geocoding.facilities import FacilityCatalog
from matcher.geocoding.facility_entries import FACILITIES_FILE, Facility


def _answer(query: str) -> dict:
    location = get_gazetteer().geocode(query)
    assert location is not None, query
    return location.raw or {}


def _entry(fid: str, name: str, kind: str, aliases: tuple[str, ...] = ()) -> Facility:
    return Facility(fid, name, kind, "Rivertown", "ST", 40.0, -90.0, aliases)


def _catalog() -> FacilityCatalog:
    return FacilityCatalog(
        [
            _entry("office", "ICE ERO Rivertown Field Office", "ero_field_office"),
            _entry("annex", "Rivertown - Annex Immigration Court", "immigration_court"),
            _entry(
                "court",
                "Rivertown - Main Street Immigration Court",
                "immigration_court",
                ("Rivertown Immigration Court",),
            ),
        ]
    )


def _ids(catalog: FacilityCatalog, text: str) -> tuple[str, ...]:
    found = catalog.find(text.split())
    return found[0].ids if found else ()


def test_a_court_head_names_the_courts_and_an_office_head_the_office() -> None:
    catalog = _catalog()
    # the town's main court (its plain "<Town> Immigration Court" name) before its others
    assert _ids(catalog, "the immigration court in rivertown") == ("court", "annex")
    assert _ids(catalog, "la corte de inmigracion de rivertown") == ("court", "annex")
    assert _ids(catalog, "un juez de inmigracion en rivertown") == ("court", "annex")
    assert _ids(catalog, "the ice office in rivertown") == ("office",)
    assert _ids(catalog, "the ice field office in rivertown") == ("office",)


def test_court_phrases_place_the_court_not_the_field_office() -> None:
    miami = _answer("a vigil outside the immigration court in Miami")
    assert miami["facility"] == "miami-immigration-court-fl"
    assert miami["precision"] == "facility"
    # Miami's field office is in Miramar, 30 km away: an office phrase still names it
    assert _answer("the ICE field office in Miami")["facility"] == "ice-ero-miami-field-office-fl"
    assert _answer("frente a la corte de migración de Denver")["facility"] == (
        "denver-immigration-court-co"
    )
    assert _answer("stop the arrests at the Boston immigration court")["facility"] == (
        "boston-immigration-court-ma"
    )
    # a street of one court only, and a court in a named building
    assert _answer("the immigration court on Montgomery Street")["facility"] == (
        "san-francisco-immigration-court-ca"
    )
    assert _answer("march to the Federal Plaza Immigration Court")["facility"] == (
        "new-york-federal-plaza-immigration-court-ny"
    )


def test_every_court_is_eoirs_and_each_town_has_one_main_court() -> None:
    with FACILITIES_FILE.open(encoding="utf-8", newline="") as handle:
        courts = [r for r in csv.DictReader(handle) if r["type"] == "immigration_court"]
    assert len(courts) >= 30
    assert {r["operator"] for r in courts} == {"eoir"}
    towns = {(r["city"], r["state"]) for r in courts}
    for city, state in towns:
        plain = f"{city} Immigration Court".casefold()
        main = [
            r
            for r in courts
            if (r["city"], r["state"]) == (city, state)
            and plain in {n.casefold() for n in (r["name"], *r["aliases"].split(";"))}
        ]
        assert len(main) <= 1, (city, state)


def test_an_address_two_agencies_share_is_the_court_beside_a_courts_word() -> None:
    shared = ("office", "court")
    catalog = FacilityCatalog(
        [
            Facility("office", "ICE ERO Rivertown Field Office", "ero_field_office",
                     "Rivertown", "ST", 40.0, -90.0, (), address="12 Union Plaza"),
            Facility("court", "Rivertown Immigration Court", "immigration_court",
                     "Rivertown", "ST", 40.0, -90.0, (), address="12 Union Plaza"),
        ]
    )  # fmt: skip
    assert _ids(catalog, "courthouse arrests at 12 union plaza") == ("court", "office")
    assert _ids(catalog, "la corte en el 12 union plaza") == ("court", "office")
    assert _ids(catalog, "the ice office at 12 union plaza") == shared
    assert _ids(catalog, "12 union plaza") == shared
