"""A campus named by its school's short name (campus_names.py, second_reads.py) and a name
followed by "neighborhood" (phrases.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.campus_names import campus_forms, short_name
from matcher.geocoding.phrases import place_candidates


def answer(query: str, hint: str | None = None):
    location = get_gazetteer().geocode(query, hint=hint)
    return None if location is None else location.raw


@pytest.mark.parametrize(
    ("query", "forms"),
    [
        (
            "on Longwood's campus",
            [
                "longwoods university",
                "longwoods college",
                "university of longwoods",
                "longwood university",
                "longwood college",
                "university of longwood",
            ],
        ),
        (
            "the Boise State campus",
            ["boise state university", "boise state college", "university of boise state"],
        ),
        ("the Longwood University campus", []),  # a full name: the first reading has it
        ("a rally on campus", []),
        ("Campus Martius Park", []),
    ],
)
def test_campus_forms(query, forms) -> None:
    assert campus_forms(query) == forms
    if forms:
        assert short_name(forms) == forms[0].removesuffix(" university")


@pytest.mark.parametrize(
    ("query", "place"),
    [
        (
            "Beale Plaza’s Rotunda fountain on Longwood’s campus",
            "Longwood University, Farmville, VA",
        ),
        ("the Oberlin campus", "Oberlin College, Oberlin, OH"),
        ("the Boise State campus", "Boise State University, Boise, ID"),
    ],
)
def test_a_school_s_short_name_before_campus_is_its_campus(query, place) -> None:
    assert answer(query)["place"] == place


@pytest.mark.parametrize(
    "query",
    [
        "the Washington campus",  # University of Washington or Washington University?
        "walkout at the Rutgers campus",  # several Rutgers campuses; no fuzzy look-alike
    ],
)
def test_a_short_name_of_several_schools_names_no_campus(query) -> None:
    assert answer(query) is None


def test_a_name_before_neighborhood_is_looked_up_last_without_it() -> None:
    candidates = place_candidates("the columbia heights neighborhood")
    assert candidates[-1] == "columbia heights"
    assert candidates.index("columbia heights neighborhood") < candidates.index("columbia heights")


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("the Columbia Heights neighborhood", "Columbia Heights, DC"),
        ("in the Pilsen neighborhood", "Pilsen, Chicago, IL"),
        ("the Mission District neighborhood", "Mission District, San Francisco, CA"),
    ],
)
def test_neighborhoods_named_with_the_word(query, place) -> None:
    assert answer(query)["place"] == place
