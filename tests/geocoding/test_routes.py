"""Marches written as routes, placed where they end (routes.py, second_reads.py)."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.routes import route_end


def answer(query: str, hint: str | None = None):
    location = get_gazetteer().geocode(query, hint=hint)
    return None if location is None else location.raw


@pytest.mark.parametrize(
    ("query", "end"),
    [
        ("marching from Centennial Park to the State Capitol", "the State Capitol"),
        ("desde el centro de detención Alligator Alcatraz hasta el de Krome", "Krome"),
        ("Desde la plaza hacia la corte federal.", "la corte federal"),
        ("a rally at the Tacoma detention center", None),
        ("people from Aurora", None),
    ],
)
def test_route_end(query, end) -> None:
    assert route_end(query) == end


@pytest.mark.parametrize(
    ("query", "place"),
    [
        (
            "desde el centro de detención Alligator Alcatraz, en los Everglades, hasta el de Krome",
            "Krome North Service Processing Center, Miami, FL",
        ),
        (
            "From the University of Wisconsin-Madison campus to the Wisconsin State Capitol",
            "Wisconsin State Capitol, Madison, WI",
        ),
        ("march from Aurora, CO to Denver", "Denver, CO"),
        # the end only a guess far away (which Springfield?): the start stays the answer
        ("caravan from Chicago to Springfield", "Chicago, IL"),
        # an end that names no place: the whole is read as before
        (
            "Vigil from 6 to 8 pm at the Tacoma detention center",
            "Northwest ICE Processing Center, Tacoma, WA",
        ),
    ],
)
def test_routes_are_placed_where_they_end(query, place) -> None:
    assert answer(query)["place"] == place
