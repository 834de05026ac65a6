"""Normalization, state parsing, the builder's filters and the hand-written data files."""

from __future__ import annotations

import gc
import gzip
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.geocoding import PRECISIONS
from matcher.geocoding.build import _clean_aliases, write
from matcher.geocoding.data import DATA_DIR, GAZETTEER_FILE, load
from matcher.geocoding.normalize import fold, key
from matcher.geocoding.states import split_state


def test_fold_and_key():
    assert fold("  San José,  CA ") == "san jose, ca"
    assert fold("Washington, D.C.") == "washington, dc"
    assert fold("Coeur d’Alene") == "coeur dalene"
    assert key("St. Paul") == key("Saint Paul") == "saint paul"
    assert key("Ft. Worth") == key("Fort Worth")
    assert key("Mt. Vernon") == "mount vernon"
    assert key("Winston-Salem") == "winston salem"


@pytest.mark.parametrize(
    ("text", "rest", "state", "comma"),
    [
        ("fort worth tx", "fort worth", "TX", False),
        ("richmond, va", "richmond", "VA", True),
        ("charleston, wva", "charleston", "WV", True),
        ("grand forks north dakota", "grand forks", "ND", False),
        ("washington, dc", "washington", "DC", True),
        ("washington state", "", "WA", False),
        ("kansas city", "kansas city", None, False),
        ("virginia beach", "virginia beach", None, False),
        ("west virginia", "", "WV", False),
        ("butte, mt", "butte", "MT", True),
    ],
)
def test_split_state(gazetteer, text, rest, state, comma):
    split = split_state(text, gazetteer.data.state_by_name)
    assert (split.rest, split.state, split.comma) == (rest, state, comma)


def test_alias_filter_keeps_spellings_and_drops_codes_and_translations():
    kept = _clean_aliases(
        "Albuquerque",
        [
            "ABQ",
            "Alburquerque",
            "Duke City",
            "Beeldil Daesenili *",
            "Альбукерке",
            "City of Albuquerque",
            "Albuquerque",
            "",
        ],
    )
    assert kept == ["alburquerque"]


def test_write_is_deterministic(tmp_path):
    doc = {"b": [1, 2], "a": "é"}
    first, second = tmp_path / "1.json.gz", tmp_path / "2.json.gz"
    write(doc, first)
    write(doc, second)
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(gzip.decompress(first.read_bytes())) == doc


def test_data_file_is_compact_and_complete(gazetteer):
    assert GAZETTEER_FILE.stat().st_size < 5_000_000
    data = gazetteer.data
    assert set(data.state_table) >= {"MN", "DC", "PR", "AK", "HI"}
    assert len(data.state_table) == 52
    assert len(data.zips) > 40_000
    assert len(data.names) > 22_000
    assert len(data.counties) > 3_000


def test_nicknames_are_plenty_and_sit_near_their_place(gazetteer):
    regions = {n.name: n for n in gazetteer.data.nicknames.values()}
    assert len(regions) >= 40
    for nickname in regions.values():
        location = gazetteer.geocode(nickname.place)
        assert location is not None, nickname.place
        assert location.raw["state"] in nickname.states, nickname.name
        dlat = math.radians(location.latitude - nickname.lat)
        dlon = math.radians(location.longitude - nickname.lon) * math.cos(
            math.radians(nickname.lat)
        )
        assert 6371 * math.hypot(dlat, dlon) < 40, nickname.name


def test_junk_list_is_loaded(gazetteer):
    assert {"online", "tbd", "zoom", "city hall", "downtown"} <= gazetteer.data.junk
    assert (DATA_DIR / "junk.txt").exists()


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=60))
def test_any_text_gives_none_or_a_well_formed_location(gazetteer, text):
    location = gazetteer.geocode(text)
    if location is not None:
        raw = location.raw
        assert raw["precision"] in PRECISIONS
        assert raw["precision"] != "address"
        assert -90 <= location.latitude <= 90
        assert -180 <= location.longitude <= 180
        assert raw["state"] in gazetteer.data.state_table


@settings(max_examples=100, deadline=None, database=None)
@given(
    st.sampled_from(["Duluth, MN", "Fort Worth TX", "Richmond, Va.", "Twin Cities"]),
    st.sampled_from(["", " ", ",", ", USA", "  "]),
    st.booleans(),
)
def test_case_and_trailing_noise_do_not_change_the_answer(gazetteer, query, suffix, upper):
    text = (query.upper() if upper else query.lower()) + suffix
    assert gazetteer.geocode(text).address == gazetteer.geocode(query).address


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_garbage_collector_as_it_was(tmp_path, enabled):
    """The collector is paused while the file is parsed, then as it was; fails if ``load``
    leaves it off (or turns it on for a caller that had it off)."""
    copy = tmp_path / "gazetteer.json.gz"
    copy.write_bytes(GAZETTEER_FILE.read_bytes())
    (gc.enable if enabled else gc.disable)()
    try:
        assert load(copy).by_key["austin"]
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("vigil in the Crescent City", "New Orleans, LA"),
        ("march through the Bayou City", "Houston, TX"),
        ("Charm City rally", "Baltimore, MD"),
        ("ICT", "Wichita, KS"),
    ],
)
def test_city_nicknames_of_aliases_csv(gazetteer, text: str, city: str) -> None:
    hit = gazetteer.geocode(text)
    assert hit is not None and hit.address == city


def test_a_town_sharing_a_nickname_keeps_its_name(gazetteer) -> None:
    # "the Crescent City" is New Orleans; the town Crescent City, CA is still found as such
    hit = gazetteer.geocode("Crescent City, CA")
    assert hit is not None and hit.address == "Crescent City, CA"


def test_spanish_spellings_of_direction_and_state_nicknames() -> None:
    from matcher.geocoding.nickname_spellings import spanish_spellings

    states = {"nevada", "new mexico", "texas"}
    assert spanish_spellings("Northern Nevada", states) == ["norte de nevada", "nevada del norte"]
    assert "oeste de texas" in spanish_spellings("West Texas", states)
    assert "norte de nuevo mexico" in spanish_spellings("Northern New Mexico", states)
    assert spanish_spellings("North Bay", states) == []  # not a state: no spelling made


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("marcha en Nevada del Norte", "Northern Nevada"),
        ("caravana por el oeste de Texas", "West Texas"),
    ],
)
def test_spanish_region_nicknames_are_read(gazetteer, text: str, place: str) -> None:
    hit = gazetteer.geocode(text)
    assert hit is not None and hit.address.startswith(place)
