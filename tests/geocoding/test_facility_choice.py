"""Same-named facilities told apart by the kind the text names or by the site in use now
(facility_choice.py), Spanish compass names and "ICE <town> office" (facility_words.py), and
towns' short names before a facility word (facility_reading.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.facility_choice import by_operator, kind_named, operators_named, tell_apart
from matcher.geocoding.facility_entries import Facility
from matcher.geocoding.facility_words import normalize_facility_words


def answer(query: str, hint: str | None = None):
    location = get_gazetteer().geocode(query, hint=hint)
    return None if location is None else location.raw


def _site(fid: str, name: str, lat: float, current: bool = False, aliases=()) -> Facility:
    return Facility(
        fid, name, "detention_facility", "Town", "ST", lat, -90.0, aliases, current=current
    )


# -- tell_apart ---------------------------------------------------------------------------
def test_the_kind_named_keeps_the_facilities_whose_name_says_it() -> None:
    prison = _site("a", "Northwest Regional Corrections Center", 47.0)
    center = _site("b", "Northwest ICE Processing Center", 40.0)
    choices, guess = tell_apart([prison, center], ["northwest", "processing", "center"])
    assert [f.id for f in choices] == ["b"] and not guess


def test_an_alias_counts_as_the_name() -> None:
    center = _site("b", "Northwest ICE Processing Center", 40.0, aliases=("NW Detention Center",))
    jail = _site("c", "Northwest County Jail", 30.0)
    choices, _ = tell_apart([jail, center], ["northwest", "detention", "center"])
    assert [f.id for f in choices] == ["b"]


def test_the_one_site_in_use_now_is_a_guess_first() -> None:
    old = _site("ks", "Butler County Jail", 37.0)
    now = _site("oh", "Butler County Jail", 39.0, current=True)
    choices, guess = tell_apart([old, now], ["butler", "county", "detention", "center"])
    assert [f.id for f in choices] == ["oh", "ks"] and guess


@pytest.mark.parametrize("current", [(False, False), (True, True)])
def test_no_one_site_in_use_tells_none_apart(current) -> None:
    a = _site("a", "Clinton County Jail", 44.0, current=current[0])
    b = _site("b", "Clinton County Jail", 41.0, current=current[1])
    choices, guess = tell_apart([a, b], ["clinton", "county", "jail"])
    assert [f.id for f in choices] == ["a", "b"] and not guess


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("the northwest processing center", "processing center"),
        ("centro de procesamiento northwest", "processing center"),
        ("centro de detencion northwest", "detention center"),
        ("krome service processing center", "service processing center"),
        ("butler county jail", None),
    ],
)
def test_kind_named(words, kind) -> None:
    assert kind_named(words.split()) == kind


# -- the words of mentions ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("el centro de procesamiento del noroeste", "el centro de procesamiento northwest"),
        ("centro de detencion de ice del sur", "centro de detencion de ice south"),
        ("centro de detencion del sur de texas", "centro de detencion south texas"),
        ("the ice kansas city office", "the kansas city ice office"),
        ("at the ice kc office", "at the kc ice office"),
        ("the ice field office", "the ice field office"),
        ("ice offices in portland", "ice offices in portland"),
    ],
)
def test_normalize_facility_words(words, expected) -> None:
    assert " ".join(normalize_facility_words(words.split())) == expected


# -- answers -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "facility"),
    [
        ("el Centro de Procesamiento del Noroeste", "northwest-ice-processing-center-wa"),
        ("frente al Centro de Detención del Noroeste", "northwest-ice-processing-center-wa"),
        ("the Northwest processing center", "northwest-ice-processing-center-wa"),
        ("At the ICE KC office", "ice-ero-kansas-city-mo-office-chicago-field-office-mo"),
        ("the ICE Kansas City office", "ice-ero-kansas-city-mo-office-chicago-field-office-mo"),
        ("the NOLA ICE office", "ice-ero-new-orleans-field-office-la"),
        ("Butler County Jail, Kansas", "butler-county-jail-ks"),
    ],
)
def test_facilities_named_in_these_ways_are_found(query, facility) -> None:
    raw = answer(query)
    assert raw["precision"] == "facility" and raw["facility"] == facility


def test_same_named_jails_give_the_one_in_use_flagged_with_the_other() -> None:
    raw = answer("the Butler County detention center")
    assert raw["facility"] == "butler-county-jail-oh" and raw["confirm"]
    assert [a["state"] for a in raw["alternatives"]] == ["KS"]


def test_a_short_name_after_in_is_the_town_never_a_far_office() -> None:
    # "D.C." is Washington: ICE's headquarters there, never the Washington Field Office
    # (Chantilly, VA) that the bare word "Washington" of its name would give
    raw = answer("ICE headquarters in D.C.")
    assert raw["state"] == "DC" and raw.get("facility") in (None, "ice-hq")


@pytest.mark.parametrize(
    ("words", "operators"),
    [
        ("the corecivic houston processing center", {"corecivic"}),
        ("the geo prison in aurora", {"geo_group"}),
        ("the houston processing center", set()),
    ],
)
def test_operators_named(words, operators) -> None:
    assert operators_named(words.split()) == operators


def test_the_operator_named_keeps_its_facilities() -> None:
    theirs = Facility(
        "a", "Houston CDF", "detention_facility", "Houston", "TX", 29.9, -95.3, operator="corecivic"
    )
    other = Facility("b", "Group Home", "detention_facility", "Houston", "TX", 29.7, -95.4)
    words = ["corecivic", "houston", "processing", "center"]
    assert by_operator([other, theirs], words) == [theirs]
    assert by_operator([other, theirs], ["geo", "houston"]) == [other, theirs]  # runs neither


def test_the_spanish_immigration_head_names_the_facility() -> None:
    raw = answer(
        "el centro de detención de inmigración de Adelanto, en el condado de San Bernardino"
    )
    assert raw["facility"] == "adelanto-ice-processing-center-ca"


def test_the_operator_named_picks_its_facility_in_town() -> None:
    assert answer("the CoreCivic Houston Processing Center")["facility"] == (
        "houston-contract-detention-facility-tx"
    )
