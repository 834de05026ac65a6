"""State codes that are also words ("OK", "ME", "IN"): a state after the last comma (states.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.states import StateNames
from tests.geocoding.test_reading import answer


def names() -> StateNames:
    return StateNames(get_gazetteer().data.state_by_name)


def test_a_word_code_after_the_last_comma_is_the_state() -> None:
    assert names()("Spencer High School, OK") == {"OK"}
    assert names()("Carmel Middle School, ME.") == {"ME"}


def test_a_word_code_elsewhere_is_a_word() -> None:
    assert names()("RALLY IN PORTLAND") == set()
    assert names()("OK, see you at the park") == set()


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("Spencer High School, OK", "Spencer, OK"),  # was Spencer, IA
        ("Spencer High School walkout (OK)", "Spencer, OK"),
        ("Carmel Middle School, ME", "Carmel, ME"),  # was Carmel, IN
    ],
)
def test_a_town_named_by_its_building_is_in_that_state(query, place) -> None:
    assert answer(query)["place"] == place
