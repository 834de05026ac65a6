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
