"""The agency's site near, not in, a town the text names (facility_near.py), asked."""

from __future__ import annotations

from matcher.geocoding import get_gazetteer


def _answer(query: str) -> dict:
    location = get_gazetteer().geocode(query)
    assert location is not None, query
    return location.raw


def test_a_site_near_a_town_not_in_it() -> None:
    for text in (
        "vigil at the ICE facility outside Chicago",  # each was Chicago, the town
        "frente a las instalaciones de ICE en las cercanías de Chicago",
        "the ICE office near Chicago",  # an office in the town is not "near" it
    ):
        raw = _answer(text)
        assert raw["facility"] == "broadview-service-staging-il" and raw["confirm"], text
    raw = _answer("the immigration detention center outside Seattle")  # was Seattle
    assert raw["facility"] == "northwest-ice-processing-center-wa"


def test_a_site_in_the_town_or_none_near_keeps_the_catalogs_reading() -> None:
    # Krome's town is Miami: "near Miami" is not another site
    assert _answer("the detention center near Miami")["facility"] == (
        "krome-north-service-processing-center-fl"
    )
    # an office head reaches 30 km only (no jail 40 km out of Atlanta)
    assert _answer("the ICE office near Atlanta")["facility"] == "ice-ero-atlanta-field-office-ga"
    assert _answer("a rally near City Hall in Chicago").get("facility") is None
