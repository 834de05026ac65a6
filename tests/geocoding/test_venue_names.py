"""A town's name that is part of another name (venue_names.py) and the protest venues of
``data/protest_venues.csv``: no confident answer from a park's, street's or possessive's words."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.distance import distance_km
from matcher.geocoding.town_window import NAMED_AFTER
from matcher.geocoding.venue_names import (
    codes_named,
    in_intersection,
    merged_possessive,
    owns_a_venue,
    possessive_owners,
    saints_institution,
    spanish_county,
    spelled_out_venue,
    starts_a_venue_name,
    without_intersection,
    without_possessive_s,
)


def answer(query: str):
    location = get_gazetteer().geocode(query)
    return None if location is None else location.raw


@pytest.mark.parametrize(
    ("query", "wrong_place"),
    [
        ("Elizabeth Smith Park", "Elizabeth, NJ"),  # a park's first word, no state named
        ("the ICE office at West Houston and Varick Street", "Houston, TX"),
        ("the intersection of Alameda and Temple streets", "Alameda, CA"),
        ("Keene's event on Central Square", "Keenes, IL"),  # a possessive's "s" run on
        ("the ICE offices in San Francisco's financial district", "Financial District, NY"),
        ("the town of Roxbury", "Roxbury, Boston"),  # a municipality, not the neighbourhood
        ("rally in the town of Chester, NY", "Chester, PA"),
    ],
)
def test_no_town_read_out_of_another_name(query: str, wrong_place: str) -> None:
    raw = answer(query)
    assert raw is None or wrong_place not in raw["place"]


@pytest.mark.parametrize(
    ("query", "state", "lat", "lon"),
    [
        ("alrededor del Parque MacArthur", "CA", 34.05, -118.24),  # Spanish order
        ("Elizabeth Caruthers Park", "OR", 45.52, -122.68),
        ("se reunieron en Moore Square", "NC", 35.78, -78.64),
        ("an anti-ICE rally in Monument Square in Portland", "ME", 43.66, -70.26),
        ("Keene's event on Central Square", "NH", 42.93, -72.28),
        ("a candlelight vigil is planned in Brattleboro’s Pliny Park", "VT", 42.85, -72.56),
        ("the ICE offices in San Francisco's financial district", "CA", 37.77, -122.42),
        ("rally in the town of Chester, NY", "NY", 41.36, -74.27),
        ("Prince George's County, MD", "MD", 38.83, -76.85),  # the owner is the county's name
        ("la cárcel del condado de Mecklenburg", "NC", 35.23, -80.84),  # Spanish county order
        ("en el condado de Orange, Florida", "FL", 28.54, -81.38),
        ("rally at Copley Sq", "MA", 42.35, -71.08),  # an abbreviated venue word
        ("in Ybor City", "FL", 27.96, -82.44),
        ("the Tom Bradley terminal at LAX", "CA", 33.94, -118.41),  # an airport's code
        ("Mar-a-Lago", "FL", 26.70, -80.04),  # not Largo, FL
    ],
)
def test_protest_venues_and_their_towns(query: str, state: str, lat: float, lon: float) -> None:
    raw = answer(query)
    assert raw is not None and raw["state"] == state
    assert distance_km(raw["latitude"], raw["longitude"], lat, lon) < 15


def test_an_unnamed_venue_town_is_asked() -> None:
    """A venue of the file whose town the text does not name is a guess to confirm."""
    raw = answer("gathered at Jefferson Square Park")
    assert raw is not None and raw["confirm"]


def test_a_district_many_cities_have_is_asked() -> None:
    raw = answer("rally in the Financial District")
    assert raw is None or raw["confirm"]


def test_word_rules() -> None:
    assert without_possessive_s(["keene", "s", "event"]) == ["keene", "event"]
    assert without_possessive_s(["42", "s", "3rd", "st"]) == ["42", "s", "3rd", "st"]
    assert starts_a_venue_name(["elizabeth", "caruthers", "park"], 1, NAMED_AFTER)
    assert not starts_a_venue_name(["elizabeth", "in", "park"], 1, NAMED_AFTER)
    assert in_intersection(["west", "houston", "and", "varick", "street"], 1, 2)
    assert in_intersection(["alameda", "and", "temple", "streets"], 2, 3)
    assert not in_intersection(["rally", "in", "houston", "and", "dallas"], 2, 3)
    assert possessive_owners(["brattleboro", "s", "pliny", "park"]) == {0}
    assert owns_a_venue(["brattleboro", "pliny", "park"], 1, frozenset({0}), NAMED_AFTER)
    assert not owns_a_venue(["longwood", "campus"], 1, frozenset({0}), NAMED_AFTER)
    assert spanish_county("la carcel del condado de mecklenburg") == "mecklenburg county"
    assert spanish_county("la carcel de mecklenburg") is None
    assert codes_named("Terminal B at LAX, not ICE") == ["lax", "ice"]
    assert spelled_out_venue("Foley Sq.") == "Foley Square"
    assert spelled_out_venue("Foley Square") is None
    assert merged_possessive("Keene's event", "keenes")
    assert not merged_possessive("Keenes event", "keenes")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("the corner of elm and juniper", "the corner of"),
        ("the corner of elm and juniper in denver", "the corner of in denver"),
        ("la interseccion de alamo y sierra, fresno", "la interseccion de, fresno"),
        ("el cruce de la main street con oak street en omaha", "el cruce de en omaha"),
        ("rally between tucson and phoenix", "rally between tucson and phoenix"),
        ("la esquina de springfield de las calles 5 y 8", "la esquina de springfield"),
        ("the office near ninth street and madison", "the office near"),
        ("rally at 3rd avenue & yakima in tacoma", "rally at in tacoma"),
        ("a march from main street and back", "a march from main street and back"),
    ],
)
def test_the_streets_of_an_intersection_are_left_out(text, kept) -> None:
    assert without_intersection(text, lambda k: False) == kept


def test_an_intersection_with_a_known_street_stays() -> None:
    text = "la interseccion de elm road y buford highway"
    assert without_intersection(text, lambda k: k == "buford highway") == text


@pytest.mark.parametrize(
    "query",
    [
        "the corner of Lincoln and Woodlawn",  # the streets of an intersection
        "la intersección de Valencia y Country Club",
        "at the intersection of Madison and Aurora",
        "the John F. Kennedy Federal Building",  # a surname after a middle initial
        "the Thomas P. O'Neill Federal Building",
        "picket at the Columbus Avenue Home Depot",  # a street's word: not Avenue, MD
    ],
)
def test_streets_of_an_intersection_and_surnames_are_not_towns(query) -> None:
    assert answer(query) is None


def test_the_town_after_an_intersection_is_read() -> None:
    assert answer("the corner of Lincoln and Woodlawn in Wichita")["place"] == "Wichita, KS"


def test_a_town_after_a_compass_letter_or_article_is_still_read() -> None:
    assert answer("N. Charleston")["place"] == "North Charleston, SC"
    assert answer("the John F. Kennedy Federal Building in Boston")["place"] == "Boston, MA"


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("vigil at St. Agnes's Church in Fresno", "Fresno, CA"),
        ("outside Saint Joseph's Hospital in Tucson", "Tucson, AZ"),
        ("St. Paul's Episcopal Church in Pittsburgh", "Pittsburgh, PA"),
    ],
)
def test_a_saints_church_is_in_the_town_named_after_it(query: str, place: str) -> None:
    """A saint's possessive before a church's or hospital's word names no town (Saint
    Joseph, MO; Saint Paul, MN): the town after "in" is the place."""
    assert answer(query)["place"] == place


@pytest.mark.parametrize("query", ["St. Paul's Cathedral", "a vigil at St. Mary's Church"])
def test_a_saints_church_alone_is_not_the_saints_town(query: str) -> None:
    raw = answer(query)
    assert raw is None or raw["confirm"]


def test_saints_institution() -> None:
    assert saints_institution("St. Agnes", " Catholic Church")
    assert saints_institution("Saint Luke", " Medical Center")
    assert not saints_institution("St. Louis", " Forest Park")
    assert not saints_institution("San Francisco", " financial district")


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("a teach-in at the Tucson Convention Center", "Tucson, AZ"),
        ("outside the Fresno Civic Center", "Fresno, CA"),
        ("vigil outside Bakersfield Memorial Hospital", "Bakersfield, CA"),
        ("Spokane Arena", "Spokane, WA"),
    ],
)
def test_a_large_towns_own_venue_names_the_town(query: str, place: str) -> None:
    """A large town before "Convention Center", "Memorial Hospital", "Arena": its venue,
    though the words end as a park's own name does ("Elizabeth Caruthers Park")."""
    assert answer(query)["place"] == place


@pytest.mark.parametrize(
    "query", ["Bellevue Hospital", "Providence Medical Center", "Providence Memorial Hospital"]
)
def test_a_hospital_named_after_a_town_elsewhere_is_not_placed_there(query: str) -> None:
    raw = answer(query)
    assert raw is None or raw["confirm"]
