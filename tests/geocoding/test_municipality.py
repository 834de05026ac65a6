"""A municipality named as such ("City of Los Alamitos, Laurel Park, ...") places the text."""

from __future__ import annotations

import pytest

from matcher.geocoding import get_gazetteer
from matcher.geocoding.phrases import place_candidates


def test_a_municipality_up_to_a_comma_is_the_first_candidate() -> None:
    text = "city of los alamitos, laurel park, intersection of bloomfield and katella ave"
    assert place_candidates(text)[0] == "los alamitos"
    assert "skokie" not in place_candidates("the city of skokie police department")


@pytest.mark.parametrize(
    ("query", "place"),
    [
        (
            "City of Los Alamitos, Laurel Park, Intersection of Bloomfield and Katella Ave.",
            "Los Alamitos, CA",
        ),
        ("Village of Skokie, Oakton Park", "Skokie, IL"),
    ],
)
def test_the_municipality_is_the_place(query: str, place: str) -> None:
    location = get_gazetteer().geocode(query)
    assert location is not None
    assert location.raw["place"] == place
