"""Each kind of input organizers type, through the offline geocoder's geopy interface."""

from __future__ import annotations

import pytest
from geopy.location import Location

from matcher.geocoding import GazetteerGeocoder, get_gazetteer
from matcher.geocoding.distance import distance_km


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    return distance_km(*a, *b)


def place(gazetteer: GazetteerGeocoder, query: str) -> Location:
    location = gazetteer.geocode(query)
    assert isinstance(location, Location), f"{query!r} found nothing"
    return location


@pytest.mark.parametrize(
    ("query", "expected_place", "point", "precision", "match"),
    [
        ("Fort Worth, TX", "Fort Worth, TX", (32.7254, -97.3208), "city", "exact"),
        ("Fort Worth TX", "Fort Worth, TX", (32.7254, -97.3208), "city", "exact"),
        ("fort worth tx", "Fort Worth, TX", (32.7254, -97.3208), "city", "exact"),
        ("Austin, Texas", "Austin, TX", (30.2672, -97.7431), "city", "exact"),
        ("Kansas City Kansas", "Kansas City, KS", (39.1142, -94.6275), "city", "exact"),
        ("Richmond, Va.", "Richmond, VA", (37.5538, -77.4603), "city", "exact"),
        ("Sacramento, Calif.", "Sacramento, CA", (38.5816, -121.4944), "city", "exact"),
        ("Charleston, W.Va.", "Charleston, WV", (38.3498, -81.6326), "city", "exact"),
        ("Clearbrook, MN", "Clearbrook, MN", (47.6919, -95.4311), "city", "exact"),
        ("New York City", "New York City, NY", (40.7143, -74.0060), "city", "exact"),
        ("New York, NY", "New York City, NY", (40.7143, -74.0060), "city", "alias"),
        ("Washington, D.C.", "Washington, DC", (38.8951, -77.0364), "city", "alias"),
        ("St. Paul, MN", "Saint Paul, MN", (44.9444, -93.0933), "city", "exact"),
        ("SAN JOSÉ, ca", "San Jose, CA", (37.3394, -121.8950), "city", "exact"),
        ("Mayagüez, Puerto Rico", "Mayagüez, PR", (18.2011, -67.1396), "city", "exact"),
        ("Alburquerque, NM", "Albuquerque, NM", (35.0845, -106.6511), "city", "alias"),
        ("Hennepin County", "Hennepin County, MN", (44.97, -93.38), "county", "county"),
        ("Cook County, IL", "Cook County, IL", (41.84, -87.82), "county", "county"),
        ("Orleans Parish, La.", "Orleans Parish, LA", (29.96, -90.06), "county", "county"),
        ("Koreatown, Los Angeles", "Koreatown, CA", (34.0578, -118.3009), "city", "neighborhood"),
        ("Harlem, New York", "Harlem, NY", (40.8079, -73.9454), "city", "exact"),
        # neighbourhoods GeoNames lacks come from data/neighbourhoods.csv
        ("Pilsen, Chicago, IL", "Pilsen, Chicago, IL", (41.856, -87.656), "city", "neighborhood"),
        ("Otay Mesa", "Otay Mesa, San Diego, CA", (32.566, -116.960), "city", "neighborhood"),
        ("Champaign/Urbana", "Champaign, IL", (40.1164, -88.2434), "city", "pair"),
        ("Tampa / St. Petersburg, FL", "Tampa, FL", (27.9475, -82.4584), "city", "pair"),
        ("Texas", "Texas", (30.9, -97.5), "state", "state"),
    ],
)
def test_structured_inputs(gazetteer, query, expected_place, point, precision, match):
    location = place(gazetteer, query)
    assert location.raw["place"] == expected_place
    assert location.address == expected_place
    assert location.raw["precision"] == precision
    assert location.raw["match"] == match
    assert location.raw["source"] == "gazetteer"
    assert km((location.latitude, location.longitude), point) < 15


@pytest.mark.parametrize(
    ("query", "expected_state", "near"),
    [
        ("Bay Area, CA", "CA", (37.77, -122.42)),
        ("Twin Cities", "MN", (44.97, -93.2)),
        ("the DMV", "DC", (38.9, -77.04)),
        ("Inland Empire", "CA", (33.95, -117.4)),
        ("Research Triangle", "NC", (35.85, -78.75)),
        ("DFW Metroplex", "TX", (32.78, -96.8)),
        ("Chicagoland", "IL", (41.88, -87.63)),
        ("Valley of the Sun", "AZ", (33.45, -112.07)),
    ],
)
def test_region_nicknames(gazetteer, query, expected_state, near):
    location = place(gazetteer, query)
    assert location.raw["precision"] == "region"
    assert location.raw["match"] == "nickname"
    assert location.raw["state"] == expected_state
    assert location.raw["representative"]
    assert km((location.latitude, location.longitude), near) < 25


def test_nickname_with_another_state_is_not_the_nickname(gazetteer):
    location = place(gazetteer, "Orange County, FL")
    assert location.raw["precision"] == "county"
    assert location.raw["state"] == "FL"


@pytest.mark.parametrize(
    ("query", "postcode", "state"),
    [
        ("ZIP 78205", "78205", "TX"),
        ("78205", "78205", "TX"),
        ("San Antonio TX 78205-1234", "78205", "TX"),
        ("1600 Pennsylvania Ave NW, Washington, DC 20500", "20500", "DC"),
        ("meet at 55401 please", "55401", "MN"),
        ("Calle Loíza, San Juan, PR 00911", "00911", "PR"),
    ],
)
def test_zip_anywhere(gazetteer, query, postcode, state):
    location = place(gazetteer, query)
    assert location.raw["precision"] == "postcode"
    assert location.raw["match"] == "zip"
    assert location.raw["postcode"] == postcode
    assert location.raw["state"] == state


def test_house_number_that_looks_like_a_zip_yields_to_the_named_state(gazetteer):
    # 12345 is a real ZIP (Schenectady, NY); the text says Illinois.
    location = place(gazetteer, "12345 Main St, Springfield, IL")
    assert location.raw["state"] == "IL"
    assert location.address == "Springfield, IL"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("350 5th Ave, New York, NY", "New York City, NY"),
        ("123 Main Street, Springfield, IL", "Springfield, IL"),
        ("1600 Pennsylvania Ave NW Washington DC", "Washington, DC"),
    ],
)
def test_street_address_without_zip_is_city_precision(gazetteer, query, expected):
    location = place(gazetteer, query)
    assert location.address == expected
    assert location.raw["precision"] == "city"


def test_never_claims_address_precision_offline(gazetteer):
    for query in ("1600 Pennsylvania Ave NW, Washington, DC 20500", "350 5th Ave, New York"):
        assert place(gazetteer, query).raw["precision"] != "address"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Sprngfield, IL", "Springfield, IL"),
        ("Albuquerqe, NM", "Albuquerque, NM"),
        ("Phildelphia", "Philadelphia, PA"),
        ("Milwuakee, Wis.", "Milwaukee, WI"),
        ("Portland, Maine", "Portland, ME"),
    ],
)
def test_misspellings(gazetteer, query, expected):
    location = place(gazetteer, query)
    assert location.address == expected


def test_fuzzy_prefers_the_named_state(gazetteer):
    in_maine = place(gazetteer, "Portlnd, ME")
    anywhere = place(gazetteer, "Portlnd")
    assert (in_maine.address, anywhere.address) == ("Portland, ME", "Portland, OR")
    assert in_maine.raw["fuzzy"] is True
    assert in_maine.raw["match"] == "fuzzy"
    assert 0 < in_maine.raw["score"] <= 100


def test_exact_results_are_not_flagged_fuzzy(gazetteer):
    assert place(gazetteer, "Albuquerque, NM").raw["fuzzy"] is False


def test_larger_place_wins_without_a_state(gazetteer):
    assert place(gazetteer, "Springfield").raw["state"] == "MO"
    assert place(gazetteer, "Saint Paul").raw["state"] == "MN"
    population = place(gazetteer, "Portland").raw["population"]
    assert isinstance(population, int)
    assert population > 500_000


@pytest.mark.parametrize(
    "query",
    [
        "Online",
        "TBD",
        "City Hall",
        "Zoom",
        "downtown",
        "  ",
        "",
        "n/a",
        "Online event",
        "Virtual (Zoom)",
        "USA",
        "Somewhere nice",
        "???",
    ],
)
def test_junk_gives_no_result(gazetteer, query):
    assert gazetteer.geocode(query) is None


def test_junk_part_is_ignored_next_to_a_place(gazetteer):
    assert place(gazetteer, "City Hall, Duluth, MN").address == "Duluth, MN"
    assert place(gazetteer, "Downtown Chicago").address == "Chicago, IL"


def test_exactly_one_false_lists_same_named_places(gazetteer):
    locations = gazetteer.geocode("Springfield", exactly_one=False)
    assert isinstance(locations, list)
    states = [loc.raw["state"] for loc in locations]
    assert states[0] == "MO"
    assert {"IL", "MA"} <= set(states)


def test_raw_has_the_pinned_keys(gazetteer):
    raw = place(gazetteer, "Clearbrook, MN").raw
    assert {"precision", "match", "place", "state", "population", "fuzzy", "source"} <= set(raw)
    assert raw["population"] == 517


def test_get_gazetteer_is_cached():
    assert get_gazetteer() is get_gazetteer()


@pytest.mark.parametrize(
    "nickname",
    [
        "Bay Area",
        "Twin Cities",
        "DMV",
        "Inland Empire",
        "Research Triangle",
        "Tri-State",
        "South Florida",
        "Metroplex",
        "DFW",
        "Puget Sound",
        "Front Range",
        "Motor City",
        "Chicagoland",
        "Silicon Valley",
        "East Bay",
        "Valley of the Sun",
        "Hampton Roads",
        "the Triad",
        "Lehigh Valley",
        "Capital Region",
        "Rio Grande Valley",
        "Central Valley",
    ],
)
def test_issue_nicknames_are_known(gazetteer, nickname):
    location = place(gazetteer, nickname)
    assert (location.raw["precision"], location.raw["match"]) == ("region", "nickname")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("portland or", "Portland, OR"),
        ("Portland OR", "Portland, OR"),
        ("Bostn ma", "Boston, MA"),
        ("TBD (probably Minneapolis)", "Minneapolis, MN"),
        ("Austin TX (downtown)", "Austin, TX"),
        ("South Minneapolis", "Minneapolis, MN"),
    ],
)
def test_lowercase_codes_and_filler_words(gazetteer, query, expected):
    assert place(gazetteer, query).address == expected


@pytest.mark.parametrize("query", ["Come on in", "Dial-in", "Action", "Airport"])
def test_english_words_that_look_like_states_or_places_give_nothing(gazetteer, query):
    assert gazetteer.geocode(query) is None
