"""An immigration court and ICE (matcher/matching/court_ties.py): two agencies' sites, tied
at the weakest tier only; ICE named at a court is ICE's operation at one of its sites."""

from __future__ import annotations

from matcher.matching.entities import AGENCY, COMPONENT, ICE_SITES
from matcher.matching.recognition import default_catalog


def test_a_court_and_an_ice_office_are_at_most_a_weak_tie() -> None:
    catalog = default_catalog()
    court = catalog.recognize("rally at the Denver immigration court", "federal_agency")
    office = catalog.recognize("the ICE field office in Denver", "federal_agency")
    assert court == {"denver-immigration-court-co"}
    assert office == {"ice-ero-denver-field-office-co"}
    tie = catalog.tie(court, office)
    assert tie is not None and tie.tier == AGENCY
    # the ICE side first: the weak tie reads "both target ICE"
    assert tie.left == "ice-ero-denver-field-office-co"
    assert catalog.tie(court, frozenset({"ice"})).tier == AGENCY


def test_ice_arrests_at_a_court_are_an_ice_site_operation() -> None:
    catalog = default_catalog()
    arrests = catalog.recognize("ICE arrests at the Denver immigration court", "federal_agency")
    assert arrests == {ICE_SITES.id, "denver-immigration-court-co"}
    office = catalog.recognize("the ICE field office in Denver", "federal_agency")
    assert catalog.tie(arrests, office).tier == COMPONENT


def test_a_court_and_ice_say_what_each_is(make_row) -> None:
    """The reason of a court-ICE pair names the court as a court, never "both target ICE"
    (the court's action targets the Justice Department's court, not ICE)."""
    import dataclasses

    from matcher.matching import suggest
    from matcher.matching.sentences import render

    court = make_row(
        "San Francisco, CA", target_type="federal_agency", target="SF Immigration Court"
    )
    arrests = make_row(
        "Los Angeles, CA",
        target_type="federal_agency",
        target="ICE arrests at the Los Angeles immigration court",
    )
    rows = [dataclasses.replace(r, intro_region=False) for r in (court, arrests)]
    [pair] = suggest(rows, top_k=5)
    reasons = {r["code"]: r for r in pair.why if isinstance(r, dict)}
    assert "court_and_ice" in reasons and "same_agency" not in reasons
    sentence = render(reasons["court_and_ice"])
    assert sentence.startswith("weak tie: San Francisco Immigration Court, an immigration court")
    assert "both target" not in sentence
