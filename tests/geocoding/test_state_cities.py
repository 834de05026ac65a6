"""A state's largest city or capital named by description (state_cities.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.state_cities import described_state_cities, nicknamed_state

STATES = {"maine": "ME", "texas": "TX", "new mexico": "NM", "nuevo mexico": "NM", "ohio": "OH"}


def answer(query: str):
    location = get_gazetteer().geocode(query)
    return None if location is None else location.raw


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("a march down Elm Street in Vermont's largest city", "Burlington, VT"),
        ("the biggest city in Nevada", "Las Vegas, NV"),
        ("caravana en la ciudad más grande de Arizona", "Phoenix, AZ"),
        ("rally in Ohio's capital city", "Columbus, OH"),
        ("vigil in the capital of Oregon", "Salem, OR"),
        ("marcha en la capital de Nuevo México", "Santa Fe, NM"),
        ("a vigil in the nation's capital", "Washington, DC"),
        ("caravana a la capital estadounidense", "Washington, DC"),
    ],
)
def test_a_described_city_is_the_states(query: str, place: str) -> None:
    assert answer(query)["place"] == place


def test_descriptions_read() -> None:
    assert list(described_state_cities("downtown in maines largest city", STATES)) == [
        ("largest", "ME")
    ]
    assert list(described_state_cities("the capital of texas", STATES)) == [("capital", "TX")]
    assert list(described_state_cities("texas capital bank", STATES)) == []
    assert list(described_state_cities("the state capital", STATES)) == []


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("marches across the Golden State", "California"),  # not Golden, CO
        ("caravanas en el Estado Dorado", "California"),
        ("a vigil in Modesto, in the Golden State", "Modesto, CA"),
        ("Springfield, in the Show-Me State", "Springfield, MO"),
        ("the Pine Tree State's largest city", "Portland, ME"),
        ("the Lone Star State's capital", "Austin, TX"),
    ],
)
def test_a_state_named_by_its_nickname(query: str, place: str) -> None:
    raw = answer(query)
    assert raw is not None and raw["place"] == place


def test_nicknames_read() -> None:
    assert nicknamed_state("the golden state") == ("CA", 4, 16)
    assert nicknamed_state("the golden state warriors") is None  # a team's name
    assert nicknamed_state("the empire state building") is None
    assert nicknamed_state("ohio state") is None
    assert nicknamed_state("en el estado dorado")[0] == "CA"
