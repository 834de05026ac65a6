"""A campus named by its school's short name (campus_names.py, second_reads.py) and a name
followed by "neighborhood" (phrases.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.campus_names import campus_forms, short_name, spanish_campus_forms
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


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("desde la Universidad de Arizona", "university of arizona"),
        ("la Universidad del Estado de Florida", "florida state university"),
        ("la Universidad Estatal de Arizona", "arizona state university"),
        ("a rally at the university", None),
    ],
)
def test_spanish_campus_forms(query, first) -> None:
    forms = spanish_campus_forms(query)
    assert (forms[0] if forms else None) == first


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("desde la Universidad de Arizona", "University of Arizona, Tucson, AZ"),
        (
            "en College Town, un barrio a pocas calles de la Universidad del Estado de Florida",
            "Florida State University, Tallahassee, FL",
        ),
        # a town named after the school: the town the first reading found stays
        ("la Universidad de Texas en Austin", "Austin, TX"),
    ],
)
def test_a_school_named_in_spanish_is_its_campus(query, place) -> None:
    assert answer(query)["place"] == place


def test_a_neighbourhood_named_alone_that_is_a_town_elsewhere_is_asked() -> None:
    raw = answer("la intersección de Roxbury de las rutas 46 y 10")
    assert raw["place"] == "Roxbury, Boston, MA" and raw["confirm"]
    assert answer("Roxbury, Boston")["confirm"] is False
    assert answer("Pilsen")["confirm"] is False  # no town of that name elsewhere


@pytest.mark.parametrize(
    ("query", "confirm"),
    [
        ("the Columbia Heights neighborhood", True),  # a town so named: DC's, or Minnesota's?
        ("the Dallas neighborhood", True),
        ("in the Pilsen neighborhood", False),  # a neighbourhood of the table
        ("Dallas, TX", False),
    ],
)
def test_a_town_called_a_neighborhood_is_asked(query, confirm) -> None:
    assert answer(query)["confirm"] is confirm


def test_a_town_called_a_neighborhood_in_its_named_state_is_not_asked() -> None:
    assert answer("DC’s Shaw neighborhood")["confirm"] is False
