"""An Interstate named in a text tells same-named towns apart (highways.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.highways import INTERSTATE_STATES, interstate_states


def answer(query: str):
    location = get_gazetteer().geocode(query)
    return None if location is None else location.raw


def test_interstates_read() -> None:
    assert interstate_states("the i-35 overpass") == set(INTERSTATE_STATES[35])
    assert interstate_states("la interestatal 10 en las cruces") >= {"NM", "TX"}
    assert interstate_states("interstate 5 and i 84") >= {"CA", "OR", "CT"}
    assert interstate_states("the i-405 overpass") == set()  # a spur: several states'
    assert interstate_states("rally in portland") == set()
    assert all(len(code) == 2 for states in INTERSTATE_STATES.values() for code in states)


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("banners on the I-35 bridge in San Marcos", "San Marcos, TX"),
        ("an I-95 overpass vigil in Portland", "Portland, ME"),
        ("the Interstate 5 overpass in Portland", "Portland, OR"),
    ],
)
def test_an_interstate_tells_which_town(query: str, place: str) -> None:
    raw = answer(query)
    assert raw is not None and raw["place"] == place and not raw["confirm"]
