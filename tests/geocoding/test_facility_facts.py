"""Facts added to the facility catalog by hand: nicknames and former names, former addresses,
new and temporary sites, offices the ERO pages miss (data/facility_facts.json)."""

from __future__ import annotations

import json

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.facilities import FACILITIES_FILE, load_facilities


def answer(query: str):
    location = get_gazetteer().geocode(query)
    return None if location is None else location.raw


@pytest.mark.parametrize(
    ("query", "facility"),
    [
        # a nickname or a former name
        ("rally at the Hudson Correctional Facility", "big-horn-correctional-facility-co"),
        ("Garden State Gulag", "fort-dix-soft-sided-holding-facility-nj"),
        ("vigil outside the Chrome Detention Center", "krome-north-service-processing-center-fl"),
        (
            "the Arizona Removal Operations Coordination Center",
            "az-rem-op-coord-center-arocc-az",
        ),
        (
            "march to the Law Enforcement Support Center",
            "ice-ero-law-enforcement-support-center-vt",
        ),
        # a temporary or new site
        (
            "protest at the Camp Atterbury detention site",
            "camp-atterbury-soft-sided-holding-facility-in",
        ),
        ("Camp East Montana", "ero-el-paso-camp-east-montana-tx"),  # not the base's landmark
        ("the Hutto detention center", "t-don-hutto-detention-center-tx"),
        ("vigil at T. Don Hutto", "t-don-hutto-detention-center-tx"),
        ("the Nye County Detention Center", "nye-county-detention-center-southern-pahrump-nv"),
        ("Berks family detention center", "berks-county-family-shelter-pa"),
        ("the Hutchins ICE warehouse", "hutchins-ice-warehouse-proposed-detention-site-tx"),
        # a former address, and an office at an address no ERO page gives
        (
            "ICE office, 1250 Poydras Street",
            "ice-ero-new-orleans-field-office-former-site-at-1250-poydras-street-la",
        ),
        ("check-in office at 2245 S. Michigan Ave.", "ice-isap-office-chicago-south-loop-il"),
        ("the Heyburn Building", "louisville-immigration-court-heyburn-building-ky"),
    ],
)
def test_added_facts_are_found(query, facility) -> None:
    assert answer(query)["facility"] == facility


def test_an_address_in_parentheses_names_the_site_not_the_name_before_it() -> None:
    raw = answer("the New Orleans ICE Field Office (1250 Poydras St.)")
    assert raw["facility"].startswith("ice-ero-new-orleans-field-office-former-site")
    assert raw["place"].endswith("New Orleans, LA")
    # without the old address, the office is where ICE's pages put it now
    assert answer("the New Orleans ICE Field Office")["place"].endswith("Saint Rose, LA")


def test_a_facility_inside_parentheses_is_read() -> None:
    raw = answer("el centro de Hudson (renombrado como Big Horn Correctional Facility)")
    assert raw["facility"] == "big-horn-correctional-facility-co"


def test_a_facility_in_a_town_does_not_take_a_county_of_that_name() -> None:
    raw = answer("Protests outside the Hudson County jail")
    assert raw["facility"] == "hudson-county-correctional-center-nj"


def test_a_misspelling_alias_needs_its_facility_words() -> None:
    assert (answer("Google Chrome") or {}).get("facility") is None


def test_rows_written_by_hand_are_in_the_facts_file() -> None:
    facts = json.loads(FACILITIES_FILE.with_name("facility_facts.json").read_text("utf-8"))
    rows = {f.name: f for f in load_facilities()}
    for fact in facts["added_facilities"]:
        row = rows[fact["name"]]
        assert (row.city, row.state, row.kind) == (fact["city"], fact["state"], fact["type"])
        assert row.address == fact.get("address", "")
        assert row.lat is not None and row.lon is not None


@pytest.mark.parametrize(
    ("query", "facility"),
    [
        (
            "the ICE office on Brick Church Pike",
            "ice-ero-nashville-tn-office-new-orleans-field-office-tn",
        ),
        ("la corte de inmigración en Varick Street", "new-york-varick-immigration-court-ny"),
        ("the detention center on Rancho Road", "adelanto-ice-processing-center-ca"),
    ],
)
def test_a_site_named_by_its_street_alone(query, facility) -> None:
    assert answer(query)["facility"] == facility


def test_a_street_many_towns_have_names_no_site() -> None:
    assert (answer("the ICE office on Main Street") or {}).get("facility") is None
    assert answer("the ICE office in Nashville")["facility"].startswith("ice-ero-nashville")
