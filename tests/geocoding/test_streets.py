"""Street names of catalog addresses (streets.py)."""

from __future__ import annotations

from matcher.geocoding.streets import street_keys, streets_after


def _words(text: str) -> list[str]:
    return text.split()


def test_street_keys_are_the_prefixes_of_the_street_name() -> None:
    assert street_keys(_words("501 brick church park drive")) == [
        ("brick",),
        ("brick", "church"),
        ("brick", "church", "park"),
    ]
    assert street_keys(_words("2245 s michigan ave")) == [("michigan",)]
    assert street_keys(_words("route 2 box 336")) == []
    assert street_keys(_words("avenue c psc 1005 box 55")) == []


def test_streets_after_need_a_link_and_a_street_type() -> None:
    words = _words("the ice office on brick church pike")
    assert streets_after(words, 3) == [(("brick", "church"), 7)]
    assert streets_after(_words("tribunal en la calle varick street"), 1) == [(("varick",), 6)]
    assert streets_after(_words("the ice office in nashville"), 3) == []
    assert streets_after(_words("the ice office on nashville"), 3) == []
