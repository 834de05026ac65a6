"""Facility and office mentions the catalog finds (facilities.py, facility_words.py): the
agency's possessive ("ICE's Chicago office"), its removal branch ("the ERO office"), a
sub-office, a county's name without "County" before a head word ("the Otero detention
center") and "<X> County jail" read as X County's own facility."""

from __future__ import annotations

from dataclasses import replace

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.facilities import FacilityCatalog
from matcher.geocoding.facility_entries import Facility
from matcher.geocoding.facility_words import normalize_facility_words, st_again


def facility_of(query: str) -> str | None:
    location = get_gazetteer().geocode(query)
    return None if location is None else (location.raw or {}).get("facility")


def _catalog(*facilities: Facility) -> FacilityCatalog:
    return FacilityCatalog(facilities)


def _entry(fid: str, name: str, city: str, kind: str = "detention_facility") -> Facility:
    return Facility(fid, name, kind, city, "ST", 40.0, -90.0, ())


def _found(catalog: FacilityCatalog, text: str) -> list[tuple[str, ...]]:
    return [m.ids for m in catalog.find(text.split())]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("ices chicago office", "chicago ice office"),  # fails without "ices" in _AGENCY
        ("the ero office in chicago", "the ice office in chicago"),  # fails without _ERO
        ("the enforcement and removal operations office", "the ice office"),
        ("the ice ero field office", "the ice ero field office"),  # "ICE ERO" stays
        ("a hero office", "a hero office"),  # a word holding "ero" is not the branch
    ],
)
def test_the_agency_possessive_and_its_removal_branch_read_as_ice(words, expected) -> None:
    assert " ".join(normalize_facility_words(words.split())) == expected


def test_a_county_name_without_county_before_a_head_word() -> None:
    # fails without the catalog's county table (_counties in facilities.py)
    catalog = _catalog(_entry("o", "Otero County Processing Center", "Chaparral"))
    assert _found(catalog, "the otero detention center") == [("o",)]
    assert _found(catalog, "the otero city hall") == []


def test_a_town_of_that_name_comes_before_the_county() -> None:
    catalog = _catalog(
        _entry("c", "Butler County Jail", "Hamilton"), _entry("t", "Butler City Jail", "Butler")
    )
    assert _found(catalog, "the butler detention center")[0] == ("t",)


def test_the_county_jail_is_the_county_s_own_facility() -> None:
    # fails without the "<X> County <head>" look-up in _find_heads: "county jail" is a head
    # phrase, so "Baker" alone named the state prison whose name holds "Baker"
    catalog = _catalog(
        _entry("p", "Baker Correctional Institution", "Sanderson"),
        _entry("j", "Baker County Detention Center", "Macclenny"),
    )
    assert _found(catalog, "the baker county jail")[0] == ("j",)
    assert _found(catalog, "the county jail") == []


@pytest.mark.parametrize(
    ("query", "fid"),
    [
        ("ICE's Chicago office", "ice-ero-chicago-field-office-il"),
        ("the ERO office in Chicago", "ice-ero-chicago-field-office-il"),
        ("the Chicago ERO office", "ice-ero-chicago-field-office-il"),
        ("Irwin detention center", "irwin-county-detention-center-ga"),
        ("the Baker County jail", "baker-county-sheriff-dept-fl"),
        # fails without the "sub office" heads in facility_words.py
        ("the ICE sub-office in Hartford", "ice-ero-hartford-ct-office-boston-field-office-ct"),
        # fails without st_again in _street_after (the key reads "St" as "saint")
        ("the ICE office on Sansome St", "ice-ero-san-francisco-field-office-ca"),
        # fails without SITE_HEADS: Portland, ME's county jail
        (
            "the ICE facility in Portland, Oregon",
            "ice-ero-portland-or-office-seattle-field-office-or",
        ),
    ],
)
def test_the_packaged_catalog_answers_with_the_facility(query, fid) -> None:
    assert facility_of(query) == fid


def test_the_agency_s_own_site_a_detention_site_run_for_ice_else_its_office() -> None:
    # fails without SITE_HEADS (the town's county jail answered "the ICE facility in Town")
    jail = Facility(
        "j", "Town County Jail", "detention_facility", "Town", "ST", 40, -90, (), "county"
    )
    office = Facility(
        "o", "ICE ERO Town office", "ero_sub_office", "Town", "ST", 40, -90, (), "ice"
    )
    center = Facility("p", "Town Processing Center", "processing_center", "Town", "ST", 40, -90)
    assert _found(_catalog(jail, office), "the ice facility in town")[0] == ("o",)
    assert _found(_catalog(jail, office), "las instalaciones de ice en town")[0] == ("o",)
    assert _found(_catalog(jail, office, center), "the ice facility in town")[0] == ("p",)
    assert _found(_catalog(jail), "the ice facility in town")[0] == ("j",)
    assert _found(_catalog(jail, office), "the jail in town")[0] == ("j",)


def test_st_is_read_again_only_where_it_ends_a_street() -> None:
    assert st_again(("on", "sansome", "saint")) == ("on", "sansome", "st")
    assert st_again(("on", "main", "saint", "in", "dover")) == ("on", "main", "st", "in", "dover")
    assert st_again(("in", "saint", "paul")) == ("in", "saint", "paul")
    assert st_again(("saint",)) == ("saint",)


def test_bureau_of_prisons_short_forms() -> None:
    """ICE's lists write "Berlin Fed. Corr. Inst."; organizers write "FCI Berlin"."""
    found = {
        query: facility_of(query)
        for query in (
            "rally outside FCI Berlin",
            "FDC Miami",
            "USP Terre Haute",
            "the Federal Detention Center in Miami",
            "FCI Sheridan",
            "the Victorville federal prison",
        )
    }
    assert list(found.values()) == [
        "berlin-fed-corr-inst-nh",
        "miami-federal-detention-fl",
        "terre-haute-usp-in",
        "miami-federal-detention-fl",
        "fci-sheridan-or",
        "fcc-victorville-ca",
    ]


def test_bop_spellings_only_for_bop_rows() -> None:
    from matcher.geocoding.facility_bop import bop_spellings

    fci = Facility(
        "x", "Gilmer Fed. Corr. Inst.", "detention_facility", "Glenville", "WV", 1.0, 1.0
    )
    assert bop_spellings(fci) == ()  # no operator: not the Bureau of Prisons'
    spellings = bop_spellings(replace(fci, operator="bop"))
    assert (
        "FCI Glenville" in spellings and "Federal Correctional Institution Glenville" in spellings
    )
    assert bop_spellings(replace(fci, name="Glenville Jail", operator="bop")) == ()


def test_a_town_after_in_is_not_a_facility_named_after_another_place() -> None:
    # the Miami Correctional Center is in Indiana (Miami County): "in Miami" is the town
    catalog = _catalog(
        _entry("mcc-in", "Miami Correctional Center", "Bunker Hill"),
        _entry("tgk-fl", "Turner Guilford Knight Jail", "Miami"),
    )
    assert _found(catalog, "the detention center in miami") == [("tgk-fl",)]


def test_names_in_parentheses_courts_inside_and_articles() -> None:
    """A facility's own name in parentheses is a name ("Kankakee County Jail (Jerome Combs
    Det Ctr)"), a field office in parentheses is not; "<core> immigration court" is the court
    inside the detention centre, not an office of a town its last word names; an article may
    stand between the link and the name ("de los Everglades")."""
    catalog = _catalog(
        _entry("kcj", "Kankakee County Jail (Jerome Combs Det Ctr)", "Kankakee"),
        _entry(
            "sub", "ICE ERO Omaha, NE office (St. Paul Field Office)", "Omaha", "ero_sub_office"
        ),
        _entry("omdc", "Otay Mesa Detention Center", "San Diego"),
        _entry("mesa", "ICE ERO Mesa office", "Mesa", "ero_sub_office"),
        _entry("evg", "Everglades Detention Facility", "Ochopee"),
    )
    # its name and its words before a head (ICE's "Det Ctr" is read as written in full too)
    assert set(_found(catalog, "jerome combs detention center")) == {("kcj",)}
    assert _found(catalog, "saint paul field office") == []
    assert _found(catalog, "otay mesa immigration court") == [("omdc",)]
    assert ("evg",) in _found(catalog, "centro de detencion de los everglades")


def test_misspelt_facility_phrases_are_read_with_the_catalogs_words() -> None:
    catalog = _catalog(
        _entry("adl", "Adelanto ICE Processing Center", "Adelanto"),
        _entry("gsa", "Golden State Annex", "McFarland"),
    )
    respelt = catalog.find_respelt(["the", "adelanto", "detension", "center"])
    assert respelt is not None and respelt[0][2] == "detention"  # not the Spanish "detencion"
    assert ("adl",) in [m.ids for m in respelt[1]]
    assert [m.ids for m in catalog.find_respelt(["golde", "state", "annex"])[1]] == [("gsa",)]
    # no head word: a town's name is never respelt into a facility's
    assert catalog.find_respelt(["adelanta"]) is None
    assert catalog.find_respelt(["golde", "state", "warriors"]) is None


def test_a_misspelt_target_names_its_facility() -> None:
    from matcher.matching import default_catalog

    got = default_catalog().recognize("Shut down the Moshanon Valley Processing Center")
    assert got == {"moshannon-valley-processing-center-pa"}


def test_a_county_or_a_town_is_never_respelt() -> None:
    catalog = _catalog(_entry("chs", "Charleston County Detention Center", "North Charleston"))
    assert catalog.find_respelt(["the", "charlton", "county", "facility"]) is None
    words = ["charlton", "detention", "center"]
    assert catalog.find_respelt(words) is not None  # no county word: read as Charleston's
    assert catalog.find_respelt(words, keep=lambda w: w == "charlton") is None


@pytest.mark.parametrize(
    ("query", "city"),
    [
        ("rally outside the West County Detention Facility", "Richmond"),
        ("TGK", "Miami"),
        ("Burlington County jail", "Trenton"),  # the county's seat, not Burlington, KY
    ],
)
def test_names_the_press_uses_and_county_jails(query: str, city: str) -> None:
    location = get_gazetteer().geocode(query)
    assert location is not None and f", {city}, " in f", {location.address}, "


def test_an_operator_and_a_town_name_its_site_there() -> None:
    """ "GEO Aurora" is GEO's site in Aurora, CO (no other GEO site in an Aurora); a town
    where the operator named runs nothing stays unread by the catalog."""
    assert facility_of("GEO Aurora") == "denver-contract-detention-facility-co"
    assert facility_of("protest at CoreCivic Leavenworth") is not None
    assert facility_of("GEO Group") is None


def test_short_names_of_ero_offices() -> None:
    assert facility_of("ICE ERO Newark") == "ice-ero-newark-field-office-nj"
    assert (
        facility_of("rally at ICE ERO Omaha") == "ice-ero-omaha-ne-office-st-paul-field-office-ne"
    )
    assert facility_of("Newark") is None  # the town alone stays the town
