"""ICE's abbreviations in its lists' names read as written in full (facility_abbreviations.py):
"Tallahatchie Co Corr Facility" is the Tallahatchie County Correctional Facility."""

from __future__ import annotations

from matcher.geocoding import get_gazetteer
from matcher.geocoding.facilities import FacilityCatalog
from matcher.geocoding.facility_abbreviations import spelled_out
from matcher.geocoding.facility_entries import Facility


def _entry(fid: str, name: str, city: str = "Town", kind: str = "detention_facility") -> Facility:
    return Facility(fid, name, kind, city, "ST", 40.0, -90.0, ())


def test_abbreviations_spelled_out() -> None:
    assert spelled_out(_entry("a", "Greenfield Co Corr Facility")) == (
        "Greenfield County Correctional Facility",
    )
    assert spelled_out(_entry("b", "Corr. Ctr of Eastern Plains")) == (
        "Correctional Center of Eastern Plains",
    )
    assert spelled_out(_entry("c", "Pine Ridge Juv Det Center")) == (
        "Pine Ridge Juvenile Detention Center",
    )
    # "CO" is Colorado's code, and a name without abbreviations gives nothing more
    assert spelled_out(_entry("d", "ICE ERO Pueblo, CO office", kind="ero_sub_office")) == ()
    assert spelled_out(_entry("e", "Greenfield County Jail")) == ()


def test_the_full_words_name_the_facility() -> None:
    catalog = FacilityCatalog([_entry("gcf", "Greenfield Co Corr Facility", "Greenfield")])
    found = catalog.find(["the", "greenfield", "county", "correctional", "facility"])
    assert found and found[0].ids == ("gcf",)
    location = get_gazetteer().geocode("Tallahatchie County Correctional Facility")
    assert location is not None and location.raw["facility"] == "tallahatchie-co-corr-facility-ms"


def test_more_of_ices_abbreviations_and_tent_heads() -> None:
    assert spelled_out(_entry("f", "Lakeside Parish Cor. Center")) == (
        "Lakeside Parish Correctional Center",
    )
    assert spelled_out(_entry("g", "Hill County Pub Sfty Cplx")) == (
        "Hill County Public Safety Complex",
    )
    location = get_gazetteer().geocode("the Bossier Parish facility")  # was the parish
    assert location is not None and location.raw["facility"] == "bossier-parish-cor-center-la"
    location = get_gazetteer().geocode("the tent city in Tornillo")  # was the town, asked
    assert location is not None and location.raw["precision"] == "facility"
