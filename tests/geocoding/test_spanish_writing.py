"""Spanish writing not to take word for word (spanish_writing.py): "el centro de <town>",
regions with the compass word after the state, Spanish common words that are towns' names."""

from __future__ import annotations

from matcher.geocoding import get_gazetteer
from matcher.geocoding.spanish_writing import (
    spanish_nouns_in_lowercase,
    spanish_regions,
    without_downtown,
)


def place(query: str) -> str:
    return get_gazetteer().geocode(query).raw["place"]


def test_el_centro_de_a_town_is_the_town() -> None:
    towns = {"Fresno", "Salinas"}.__contains__
    assert without_downtown("marcha en el centro de Fresno", towns) == "marcha en Fresno"
    assert without_downtown("el centro de detención de Salinas", towns) == (
        "el centro de detención de Salinas"
    )


def test_compass_words_after_a_name() -> None:
    assert spanish_regions("salgan de georgia central") == [
        (["salgan", "de", "georgia"], ("central",))
    ]
    assert spanish_regions("marcha en el norte") == []


def test_spanish_common_words_in_lowercase_are_not_towns() -> None:
    assert spanish_nouns_in_lowercase("en el paso fronterizo de Nogales", "el paso")
    assert not spanish_nouns_in_lowercase("vigilia en El Paso", "el paso")
    assert not spanish_nouns_in_lowercase("rally in el paso", "el paso")  # no capitals at all
    assert not spanish_nouns_in_lowercase("la mesa de Tucson", "tucson")
    assert place("cerca del paso fronterizo de Nogales") == "Nogales, AZ"
    assert place("marcha en Las Cruces") == "Las Cruces, NM"


def test_the_us_capitol_named_in_spanish() -> None:
    for query in ("frente al Capitolio de Estados Unidos", "frente al Capitolio de EE.UU."):
        assert place(query) == "United States Capitol, Washington, DC"
