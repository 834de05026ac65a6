"""Street addresses: the town written after the street (addresses.py, reading.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding.addresses import parse_address, town_after_street
from matcher.geocoding.normalize import fold
from tests.geocoding.test_reading import answer


@pytest.mark.parametrize(
    ("query", "tail"),
    [
        ("916 N. Market St., East Greenville", "east greenville"),
        ("2577 Lincoln Blvd Green River WY", "green river wy"),
        ("6736 Court Street, Concordia, KS", "concordia, ks"),
        ("8984 NW 7th Ave NW, Homestead", "homestead"),
        ("1 Main St, Suite 200, Opp, AL 36467", "opp, al 36467"),
        ("Union Hall (6180 Lincoln Blvd, Sugarmill Woods)", "sugarmill woods"),
        ("the old Federal Building, 211 E. Seventh Ave.", ""),
        ("the building at 4 Park Street, adjacent to the old plaza by the river", ""),
        ("Main Street in Farmville", ""),
    ],
)
def test_town_after_street_is_the_tail_after_the_street_type(query, tail) -> None:
    assert town_after_street(fold(query)) == tail


@pytest.mark.parametrize(
    ("query", "place"),
    [
        # the parser reads "Gwynn" as the town and "Oak" as a state (was Oak, NE)
        ("7977 Cesar Chavez Ave, Gwynn Oak", "Gwynn Oak, MD"),
        ("7693 Ocean Blvd, Thousand Palms", "Thousand Palms, CA"),  # was Palms, MI
        ("2097 Union Ave, Prairie du Sac", "Prairie du Sac, WI"),  # was Prairie, MS
        ("2577 Lincoln Blvd Green River WY", "Green River, WY"),  # was nothing
        ("916 N. Market St., East Greenville", "East Greenville, PA"),  # was nothing
    ],
)
def test_a_two_word_town_after_the_street_is_the_town(query, place) -> None:
    assert answer(query)["place"] == place


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("Union Hall (1149 Elm St, Alliance, OH)", "Alliance, OH"),  # was Union Hall, VA
        ("Union Hall (6180 Lincoln Blvd, Sugarmill Woods)", "Sugarmill Woods, FL"),
    ],
)
def test_an_address_in_parentheses_places_the_venue_named_before_it(query, place) -> None:
    assert answer(query)["place"] == place


def test_an_address_in_parentheses_without_a_town_leaves_the_venue_to_the_rest() -> None:
    raw = answer("the New Orleans ICE Field Office (1250 Poydras St.)")
    assert raw["state"] == "LA"


def test_the_town_of_an_address_with_famous_homonyms_is_asked() -> None:
    raw = answer("12 Main Street, Springfield")
    assert raw["confirm"] and raw["alternatives"]
    assert not answer("12 Main Street, Springfield, IL")["confirm"]


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("the Greeley municipal building", "Greeley, CO"),
        ("rally at the Tacoma Municipal Building", "Tacoma, WA"),
        ("outside the Pima County Board of Supervisors building", "Pima County, AZ"),
    ],
)
def test_a_town_or_county_building_names_its_town(query: str, place: str) -> None:
    """A town's or county's own building ("municipal building", "Board of Supervisors
    building") names the town or county: its words are not a street's."""
    raw = answer(query)
    assert raw is not None and raw["place"].startswith(place)


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("the Federal Building, Boise", "Boise, ID"),
        ("a vigil at the Hoover building in Santa Ana", "Santa Ana, CA"),
        ("the state office building in Hauppauge", "Hauppauge, NY"),
    ],
)
def test_a_buildings_name_ends_at_building(query: str, place: str) -> None:
    """What follows "Building" is where it stands, though the parser labels it as part of
    the building's name."""
    raw = answer(query)
    assert raw is not None and raw["place"] == place


def test_the_building_words_stop_at_building() -> None:
    parsed = parse_address("the Hoover building in Santa Ana")
    assert parsed is not None
    assert parsed.street_words == {"the", "hoover", "building"}


def test_a_place_read_beside_a_buildings_name_is_asked() -> None:
    """Words after "Building", or a town's building other than its courthouse, hall or
    jail, give a guess to confirm unless the state is named."""
    assert parse_address("the Hoover building in Santa Ana").guessed
    assert parse_address("the Tacoma Municipal Building").guessed
    assert not parse_address("the Santa Cruz County Courthouse, 701 Ocean St").guessed
    assert answer("the Federal Building, Boise")["confirm"]
    assert not answer("the Federal Building, Boise, Idaho")["confirm"]
