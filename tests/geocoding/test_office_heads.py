"""Office and facility heads read with the place they name: an agency's own headquarters is
one of its offices ("ICE headquarters in Washington" is not the Washington Field Office in
Chantilly, VA), and Spanish heads ("la sede de ICE en ...")."""

from __future__ import annotations

from matcher.geocoding import get_gazetteer
from matcher.geocoding.facilities import FacilityCatalog
from matcher.geocoding.facility_entries import Facility
from matcher.geocoding.facility_kinds import agency_seat


def facility_of(query: str) -> str | None:
    location = get_gazetteer().geocode(query)
    return None if location is None else (location.raw or {}).get("facility")


def test_an_agencys_seat_is_one_of_its_offices_a_firms_is_not() -> None:
    seat = ("operator_hq", "Capital", "DC", 38.9, -77.0, ())
    ice = Facility("ice-hq", "Agency HQ", *seat, "ice")
    firm = Facility("firm-hq", "Firm HQ", *seat, "geo_group")
    office = Facility(
        "fo",
        "ICE ERO Capital Field Office",
        "ero_field_office",
        "Suburb",
        "VA",
        38.9,
        -77.4,
        (),
        "ice",
    )
    assert agency_seat(ice) and not agency_seat(firm)
    catalog = FacilityCatalog([ice, firm, office])
    # "capital" is the field office's distinctive word and the seat's town: the town wins
    found = catalog.find(["the", "ice", "headquarters", "in", "capital"])
    assert found[0].ids == ("ice-hq",)


def test_ice_headquarters_in_washington_is_the_agencys_seat() -> None:
    for text in (
        "rally at ICE headquarters in Washington, D.C.",  # was the field office in Chantilly
        "ICE offices in Washington D.C.",
        "frente a la sede de ICE en Washington",
        "500 12th Street SW",
    ):
        assert facility_of(text) == "ice-hq", text
    assert facility_of("the ICE office in Tacoma") != "ice-hq"
    # bare "ICE headquarters" stays a question (the landmark): local offices are called so
    location = get_gazetteer().geocode("protest at ICE headquarters")
    assert location is not None and location.raw["confirm"]


def test_a_towns_spanish_name_after_an_office_head() -> None:
    # "Nueva York", "Nueva Orleans", "Filadelfia": the town's name written by hand, spelled
    # as the gazetteer's before the office is looked for (each was the bare town)
    assert facility_of("la sede de ICE en Nueva York") == "ice-ero-new-york-field-office-ny"
    assert facility_of("marcharon hasta la oficina de ICE en Filadelfia") == (
        "ice-ero-philadelphia-field-office-pa"
    )
    assert (facility_of("frente a la oficina del ICE en Nueva Orleans") or "").startswith(
        "ice-ero-new-orleans-field-office"
    )
    assert facility_of("rally at the ICE headquarters in D.C.") == "ice-hq"
    # a short name outside a link is still spelled; a detention head with no site there is
    # no facility ("el centro de detención de ICE en Nueva York": the town)
    assert (
        facility_of("the ICE KC office") == "ice-ero-kansas-city-mo-office-chicago-field-office-mo"
    )
    assert facility_of("un centro de detención de ICE en Nueva York") is None


def test_spanish_court_heads_written_with_an_adjective() -> None:
    # a court head names the town's immigration court, not ICE's field office there
    assert facility_of("la corte migratoria de Nueva York") == (
        "new-york-federal-plaza-immigration-court-ny"
    )
    assert facility_of("afuera del tribunal migratorio de San Francisco") == (
        "san-francisco-immigration-court-ca"
    )


def test_an_office_head_in_a_town_with_no_office_is_the_agencys_site_there() -> None:
    assert facility_of("frente a la oficina de ICE en Broadview") == "broadview-service-staging-il"
    assert facility_of("the ICE office in Adelanto") == "adelanto-ice-processing-center-ca"
    # an office named after the town comes first (Miami's is in Miramar, not Krome)
    assert facility_of("the ICE office in Miami") == "ice-ero-miami-field-office-fl"
    # a firm's seat or a county's jail is not the agency's office
    assert facility_of("the ICE office in Boca Raton") is None


def test_spanish_detention_heads_correctional_and_residential() -> None:
    assert facility_of("frente al Centro Correccional de Winn") == "winn-correctional-center-la"
    # of two sites named "South Texas" 27 km apart, the one whose name says the kind
    assert facility_of("el Centro Residencial Familiar del Sur de Texas, en Dilley") == (
        "dilley-immigration-processing-center-tx"
    )
    assert facility_of("el centro residencial familiar de Dilley") == (
        "dilley-immigration-processing-center-tx"
    )


def test_a_sub_office_by_the_town_its_name_gives() -> None:
    # ICE's Columbus office stands in Westerville, its Cleveland office in Brooklyn Heights:
    # "the ICE office in Columbus" is that office (was the town), asked (Columbus, GA...)
    location = get_gazetteer().geocode("protest outside the ICE office in Columbus")
    assert location is not None
    assert location.raw["facility"] == "ice-ero-columbus-oh-office-detroit-field-office-oh"
    assert location.raw["confirm"]
    assert facility_of("the ICE office in Cleveland, Ohio") == (
        "ice-ero-cleveland-oh-office-detroit-field-office-oh"
    )


def test_a_spanish_house_number_with_de() -> None:
    # "el 26 de Federal Plaza": the office's address (was nothing); a date is no address
    assert facility_of("frente al 26 de Federal Plaza") == "ice-ero-new-york-field-office-ny"
    assert facility_of("el 26 de junio en Nueva York") is None


def test_an_immigration_head_in_a_county_is_the_site_run_for_ice() -> None:
    # the county's own jail stays the answer of a plain head ("the detention facility in ...")
    assert facility_of("an immigration detention facility in Broward County") == (
        "broward-transitional-center-fl"
    )
    assert facility_of("the detention facility in Broward County") == "broward-county-jail-fl"


def test_of_a_towns_sites_those_on_ices_current_lists_first() -> None:
    # was Byrd's Foster Group Home, first by name among Houston's sites of one rank
    assert (
        facility_of("the detention center in Houston") == "houston-contract-detention-facility-tx"
    )
