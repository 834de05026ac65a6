"""Free text as organizers write it: facilities, phrases, addresses, homonyms (reading.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.distance import distance_km


def answer(query: str, hint: str | None = None):
    location = get_gazetteer().geocode(query, hint=hint)
    return None if location is None else location.raw


@pytest.mark.parametrize(
    ("query", "facility", "state"),
    [
        (
            "Vigil outside the Adelanto ICE Processing Center",
            "adelanto-ice-processing-center-ca",
            "CA",
        ),
        ("centro de detención de Adelanto", "adelanto-ice-processing-center-ca", "CA"),
        (
            "el centro de procesamiento de ICE en Adelanto",
            "adelanto-ice-processing-center-ca",
            "CA",
        ),
        ("outside the Broadview processing center", None, "IL"),
        ("Northwest Detention Center, Tacoma", "northwest-ice-processing-center-wa", "WA"),
        ("Krome", "krome-north-service-processing-center-fl", "FL"),
        ("26 Federal Plaza", "ice-ero-new-york-field-office-ny", "NY"),
        ("Clinton County Jail, NY", "clinton-county-jail-ny", "NY"),
    ],
)
def test_facilities_and_offices_are_found_inside_phrases(query, facility, state) -> None:
    raw = answer(query)
    assert raw["precision"] == "facility" and raw["state"] == state
    if facility:
        assert raw["facility"] == facility


def test_a_towns_own_hall_is_the_town_not_the_facility() -> None:
    raw = answer("Adelanto City Hall")
    assert raw["precision"] == "city" and raw["place"] == "Adelanto, CA"
    assert "facility" not in raw


def test_same_named_facilities_need_the_place() -> None:
    assert answer("Clinton County Jail, Iowa")["state"] == "IA"
    assert answer("Clinton County Jail, NY")["facility"] == "clinton-county-jail-ny"
    assert answer("Clinton County Jail").get("facility") is None  # which one: not said


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("630 Sansome St", "ICE ERO San Francisco Field Office"),
        ("312 N. Spring St., Los Angeles", "Los Angeles, CA"),
        ("Rally at Riverfront Park in North Charleston", "North Charleston, SC"),
        ("... in Tacoma, Washington", "Tacoma, WA"),
        ("frente al ayuntamiento de Santa Ana", "Santa Ana, CA"),
        ("en la calle Broadway en el Barrio Logan", "Barrio Logan, San Diego, CA"),
        ("Otay Mesa", "Otay Mesa, San Diego, CA"),
        ("East LA", "East Los Angeles, Los Angeles, CA"),
        ("Palantir's new Denver headquarters", "Denver, CO"),
        ("el condado de Iredell", "Iredell County, NC"),
        ("pequeños pueblos como Asheville, Carolina del Norte", "Asheville, NC"),
        ("en la ciudad de Dilley, al sur de San Antonio", "Dilley, TX"),
        ("in front of the State House in Concord", "Concord, NH"),
    ],
)
def test_the_place_inside_a_phrase(query, place) -> None:
    assert answer(query)["place"].startswith(place)


@pytest.mark.parametrize(
    "query",
    ["Whipple Federal Building", "Cal State LA", "UCLA", "630 Highway", "a rally in Marshall Park"],
)
def test_street_building_and_campus_words_are_not_towns(query) -> None:
    raw = answer(query)
    assert raw is None or raw["state"] not in {"OH", "LA", "ND"}
    assert raw is None or raw["precision"] not in ("city", "postcode") or raw["confirm"]


def test_bare_homonyms_are_a_flagged_guess_settled_by_the_form() -> None:
    raw = answer("Pasadena")
    assert raw["confirm"] and {a["state"] for a in raw["alternatives"]} >= {"CA"}
    settled = answer("Pasadena", hint="Vigil against the Harris County sheriff, Texas")
    assert settled["place"] == "Pasadena, TX" and not settled["confirm"]
    california = answer("Pasadena", hint="Close the camps, Los Angeles County, California")
    assert california["place"] == "Pasadena, CA" and not california["confirm"]
    for bare in ("Springfield", "Portland", "Columbus"):
        assert answer(bare)["confirm"], bare


def test_only_near_a_place_is_asked_not_answered_as_if_there() -> None:
    raw = answer("a maximum-security prison north of Indianapolis")
    assert raw["place"] == "Indianapolis, IN" and raw["confirm"]


def test_repeated_strings_are_memoised() -> None:
    reader = get_gazetteer().reader
    reader.read.cache_clear()
    for _ in range(3):
        answer("Vigil outside the Adelanto ICE Processing Center")
    info = reader.read.cache_info()
    assert info.hits >= 2 and info.misses == 1


# -- rules against confidently wrong answers (phrases from the dev sets) --------------------


@pytest.mark.parametrize(
    "query",
    [
        "se reunieron en Moore Square",  # not Moore, OK
        "la corte federal ubicada en el cruce de la East San Antonio Avenue con South Florence",
        "march down Haywood Street",
    ],
)
def test_a_town_inside_a_street_or_square_name_is_not_the_town(query) -> None:
    raw = answer(query)
    assert raw is None or raw["confirm"], raw


def test_a_lowercase_compass_word_is_a_part_of_the_town_not_another_town() -> None:
    raw = answer("along Oakland Street in north Aurora")
    assert raw["place"] == "Aurora, CO" and raw["confirm"]  # not North Aurora, IL
    assert answer("North Aurora")["place"] == "North Aurora, IL"
    assert answer("in south Minneapolis")["place"] == "Minneapolis, MN"


def test_a_compass_word_with_a_state_is_a_part_of_the_state() -> None:
    assert answer("rally in southern Idaho")["precision"] == "state"  # not a town "Southern"
    assert answer("rally in west Texas")["place"] == "West Texas, TX"  # a region, not West, TX
    assert answer("West, TX")["place"] == "West, TX"


def test_a_state_inside_a_landmark_name_does_not_settle_which_city() -> None:
    raw = answer("The crowd filled Washington Square Park")
    assert raw["confirm"]  # New York's, Salt Lake City's, Rochester's...
    assert not answer("Ohio Statehouse")["confirm"]


def test_a_word_many_towns_share_does_not_name_a_landmarks_town() -> None:
    # "City" of another town's name is not New York City (homonyms.TOWN_NAME_WORDS)
    assert answer("Washington Square Park, by the Kansas City Public Library")["confirm"]
    assert not answer("Washington Square Park in New York City")["confirm"]


def test_a_bare_small_town_is_a_guess_to_confirm() -> None:
    raw = answer("a Home Depot store in East Windsor")
    assert raw["place"] == "East Windsor, CT" and raw["confirm"]  # New Jersey has one too
    assert not answer("East Windsor, CT")["confirm"]
    assert not answer("East Windsor", hint="Home Depot, Connecticut")["confirm"]
    assert not answer("Adelanto")["confirm"]  # a town of 30,000 people


def test_spanish_compass_words_read_in_the_order_of_the_english_name() -> None:
    raw = answer("el Centro de procesamiento de ICE del sur de Louisiana")
    assert raw["facility"] == "south-louisiana-ice-processing-center-la"
    assert answer("Capitolio de Carolina del Norte")["state"] == "NC"


def test_a_building_named_by_its_town_is_in_that_town() -> None:
    assert answer("the Emeryville Home Depot")["place"] == "Emeryville, CA"
    assert answer("outside a Pasadena Home Depot")["confirm"]  # CA or TX: asked


@pytest.mark.parametrize(
    "query",
    [
        "the Whipple Federal Building",
        "the Fred Whipple Federal Office Building",
        "the ICE detention center at the Whipple Building in Fort Snelling, Minnesota",
    ],
)
def test_the_whipple_building_is_the_st_paul_field_office(query) -> None:
    assert answer(query)["facility"] == "ice-ero-st-paul-field-office-mn"


def test_regions_of_states() -> None:
    for query, state in (("East Tennessee", "TN"), ("marcha en el Valle Imperial", "CA")):
        raw = answer(query)
        assert (raw["precision"], raw["state"]) == ("region", state)
    assert answer("Northwoods, MO")["place"] == "Northwoods, MO"


def test_spanish_venue_words_before_the_name() -> None:
    raw = answer("cerca de la Plaza Foley")
    assert raw["place"].startswith("Foley Square, New York") and raw["confirm"]


def test_a_penitentiary_in_a_town_is_a_facility_there() -> None:
    raw = answer("the State Penitentiary at Angola")
    assert raw["precision"] == "facility" and raw["state"] == "LA"
    assert answer("Angola, Indiana")["place"] == "Angola, IN"


def test_an_event_named_by_its_town_is_in_that_town() -> None:
    raw = answer("a Chestertown event is planned for 9 p.m. in Fountain Park")
    assert raw["place"] == "Chestertown, MD" and raw["confirm"]  # a small town: asked
    assert answer("the Lights for Liberty vigil") is None


def test_a_town_after_an_address_is_not_a_cross_street() -> None:
    raw = answer("the Rosa Parks Transportation Center at 101 Jefferson St. in Lafayette")
    assert raw["place"] == "Lafayette, LA" and raw["confirm"]  # Lafayette IN, CA, CO...
    assert answer("101 Jefferson St in Lafayette, Louisiana")["place"] == "Lafayette, LA"


def test_a_county_courthouse_names_its_county() -> None:
    raw = answer("the Santa Cruz County Courthouse, 701 Ocean St.")
    assert raw["place"] == "Santa Cruz, CA"  # its county's main town (county_towns.py)
    assert answer("Whipple Federal Building, 1 Federal Drive")["state"] == "MN"


def test_a_big_citys_misspelled_name_inside_a_phrase_is_a_guess() -> None:
    raw = answer("rally in Los Angelas")
    assert raw["place"] == "Los Angeles, CA" and raw["confirm"]
    assert answer("a rally in Marshall Park") is None  # a park, not a misspelled town


def test_spanish_county_facilities() -> None:
    raw = answer("el Centro de detención del condado de Karnes (conocido como Karnes)")
    assert raw["facility"] == "karnes-county-immigration-processing-center-tx"
    raw = answer("frente a la cárcel del condado de Clinton, Nueva York")  # the state, not NYC
    assert raw["facility"] == "clinton-county-jail-ny"
    assert answer("el condado de Iredell")["place"] == "Iredell County, NC"


def test_a_place_in_parentheses() -> None:
    assert answer("near Chicago (Kenosha)")["place"] == "Kenosha, WI"
    assert answer("Portland (Maine)")["place"] == "Portland, ME"
    assert answer("AURORA, Colo. (CBS4)")["place"] == "Aurora, CO"


def test_city_abbreviations_and_an_alias_that_is_another_towns_name() -> None:
    assert answer("STL")["place"] == "St. Louis, MO"
    assert answer("Phila.")["place"] == "Philadelphia, PA"
    raw = answer("Pittsburg")  # Pittsburgh, PA misspelled, or Pittsburg, CA or KS
    assert raw["place"] == "Pittsburgh, PA" and raw["confirm"]
    assert answer("Pittsburg, CA")["place"] == "Pittsburg, CA"


def test_dotted_la_is_los_angeles() -> None:
    assert answer("rally in L.A.")["place"] == "Los Angeles, CA"
    assert answer("the L.A. ICE office")["facility"] == "ice-ero-los-angeles-field-office-ca"
    assert answer("Baton Rouge, L.A.")["place"] == "Baton Rouge, LA"


def test_a_facility_named_only_by_a_kind_and_a_homonym_town_is_asked() -> None:
    raw = answer("ICE field office in Portland")  # Oregon's, or Maine's (Scarborough)?
    assert raw["facility"] == "ice-ero-portland-or-office-seattle-field-office-or"
    assert raw["confirm"] and "ME" in {a["state"] for a in raw["alternatives"]}
    assert not answer("the ICE office in Portland, Oregon")["confirm"]
    assert not answer("Tacoma detention center")["confirm"]
    assert not answer("Northwest Detention Center")["confirm"]


def test_spanish_airport_names() -> None:
    raw = answer("en el Aeropuerto Intercontinental Bush")
    assert raw["place"].startswith("George Bush Intercontinental Airport, Houston")
    raw = answer("en el Aeropuerto Internacional de Phoenix Sky Harbor")
    assert raw["place"].startswith("Phoenix Sky Harbor International Airport")


@pytest.mark.parametrize(
    "query",
    ["Gather at City Hall, march to the square", "Rally at Town Hall, march to Main Street"],
)
def test_the_word_after_city_in_city_hall_is_no_town(query) -> None:
    """ "City Hall, march ...": not a "Hall march" in Hall, MT (the building names no town)."""
    assert answer(query) is None


def test_a_town_before_city_hall_is_still_read() -> None:
    assert answer("Santa Cruz City Hall, march to the clock tower")["place"] == "Santa Cruz, CA"


@pytest.mark.parametrize(
    ("query", "facility"),
    [
        ("Orange County Jail in Goshen", "orange-county-jail-ny-ny"),
        (
            "Polk County detention center in Livingston",
            "iah-secure-adult-detention-facility-polk-tx",
        ),
        ("la cárcel del condado de Polk en Des Moines", "polk-county-jail-ia"),
    ],
)
def test_a_town_after_in_tells_same_named_facilities_apart(query, facility) -> None:
    assert answer(query)["facility"] == facility


def test_an_airport_is_at_its_own_point_not_its_towns() -> None:
    location = get_gazetteer().geocode("George Bush Intercontinental Airport")
    houston = get_gazetteer().geocode("Houston, TX")
    assert location.raw["match"] == "landmark"
    # IAH lies about 25 km north of Houston's centre, beside the Houston CDF (Export Plaza Dr)
    assert distance_km(location.latitude, location.longitude, 29.985, -95.341) < 2
    assert (
        distance_km(location.latitude, location.longitude, houston.latitude, houston.longitude) > 15
    )


def test_downtown_names_the_offices_site_in_the_town_itself() -> None:
    assert answer("the downtown New Orleans ICE office")["facility"] == (
        "ice-ero-new-orleans-field-office-former-site-at-1250-poydras-street-la"
    )
    assert answer("the New Orleans ICE office")["facility"] == "ice-ero-new-orleans-field-office-la"
    # no other site of the office downtown: the office itself
    assert answer("the downtown Portland ICE office")["facility"].startswith("ice-ero-portland-or")


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("Portland, north of Boston", "Portland, ME"),
        ("vigil in Paris, north of Dallas", "Paris, TX"),
        ("Columbia, near Baltimore", "Columbia, MD"),
    ],
)
def test_the_town_it_is_near_says_which_homonym(query, place) -> None:
    raw = answer(query)
    assert raw["place"] == place and not raw["confirm"]


def test_a_reference_too_far_from_every_homonym_leaves_the_guess_asked() -> None:
    raw = answer("Springfield, south of Chicago")  # Illinois' or Missouri's? both far
    assert raw["confirm"]


def test_a_region_in_spanish_order_is_the_region() -> None:
    for query, place in (
        ("marcha en Texas del Sur", "South Texas, TX"),
        ("protesta en California del Norte", "Northern California, CA"),
        ("vigilia en Georgia Central", "Middle Georgia, GA"),
    ):
        raw = answer(query)
        assert (raw["place"], raw["precision"]) == (place, "region")


def test_a_state_named_in_spanish_is_not_a_town_inside_its_name() -> None:
    for query, state in (("marcha en Carolina del Norte", "NC"), ("Carolina del Sur", "SC")):
        raw = answer(query)
        assert (raw["precision"], raw["state"]) == ("state", state)
    assert answer("Carolina, Puerto Rico")["place"] == "Carolina, PR"


def test_el_centro_de_a_town_is_its_downtown_not_el_centro() -> None:
    raw = answer("la oficina de ICE en el centro de Phoenix")
    assert raw["state"] == "AZ" and "El Centro" not in raw["place"]
    assert answer("marcha en el centro de Fresno")["place"] == "Fresno, CA"
    raw = answer("el centro de detención de El Centro")  # the facility word stays
    assert raw["precision"] == "facility" and raw["state"] == "CA"


def test_a_towns_own_park_or_green_is_in_that_town() -> None:
    for query, place in (
        ("the Chestertown Memorial Park", "Chestertown, MD"),
        ("the Guilford Town Green", "Guilford, CT"),
        ("Farmville Community Park", "Farmville, VA"),
    ):
        assert answer(query)["place"] == place


def test_a_federal_building_named_by_its_town_is_in_that_town() -> None:
    assert answer("the Denver federal building")["place"] == "Denver, CO"
    assert answer("Tacoma Federal Building")["place"] == "Tacoma, WA"
    assert answer("the Mickey Leland Federal Building") is None  # a person: not Leland, NC


def test_name_state_is_a_university_or_the_state() -> None:
    raw = answer("rally at Portland State")
    assert raw["place"] == "Portland State University, Portland, OR"
    assert answer("Ball State")["place"].startswith("Ball State University, Muncie")
    for query in ("rally in Washington state", "New York State"):
        assert answer(query)["precision"] == "state"
    assert answer("Spokane, Washington state")["place"] == "Spokane, WA"
