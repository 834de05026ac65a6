"""Governors' residences and capitols under other names of their state (data_files.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding.data_files import governor_spellings
from tests.geocoding.test_reading import answer


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("the Georgia Governor's Mansion", "Georgia Governor's Residence, Atlanta, GA"),
        (
            "la mansión del gobernador de Georgia, Brian Kemp",
            "Georgia Governor's Residence, Atlanta",
        ),
        (
            "residencia oficial del Gobernador de Puerto Rico",
            "Puerto Rico Governor's Residence, San Juan",
        ),
        ("la mansión del gobernador de Carolina del Norte", "North Carolina Governor's Residence"),
        ("frente a la mansión de la gobernadora de Nuevo México", "New Mexico Governor's"),
        # New Jersey's is not in Trenton
        ("outside the New Jersey Governor's Mansion", "New Jersey Governor's Residence, Princeton"),
    ],
)
def test_the_residence_of_a_named_state_is_in_its_capital(query, place) -> None:
    assert answer(query)["place"].startswith(place)


def test_a_residence_without_its_state_is_no_answer() -> None:
    assert answer("the Governor's Mansion") is None


def test_spellings_in_both_languages() -> None:
    spellings = governor_spellings("Ohio")
    assert "Ohio Governor's Mansion" in spellings
    assert "mansión del gobernador de Ohio" in spellings


def test_a_capitol_under_the_spanish_name_of_its_state() -> None:
    assert answer("marcharon hacia el Capitolio de Tejas")["place"].endswith("Austin, TX")
    assert answer("frente al capitolio estatal de Luisiana")["place"].endswith("Baton Rouge, LA")
