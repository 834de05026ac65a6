"""Targets about who finances an operator (matcher/matching/financiers.py): the financier is
the target, not the operator it finances (dev7's bank and investor actions)."""

from __future__ import annotations

from matcher.matching import default_catalog, suggest
from matcher.matching.financiers import financed_operators
from matcher.matching.rows import fold


def _pair(result, a, b):
    return next((s for s in result if {s.a, s.b} == {a, b}), None)


def _financed(text: str, target_type: str) -> frozenset[str]:
    catalog = default_catalog()
    folded = fold(text)
    return financed_operators(catalog, folded, target_type, catalog.recognize(folded, target_type))


def test_citizens_bank_branches_are_one_company(make_row) -> None:
    """The De-ICE Citizens Bank branch actions name GEO and CoreCivic too; they are one bank,
    not GEO Group's business."""
    nj = make_row(
        "Newark, NJ",
        target_type="corporate_profiteer",
        target="Citizens Bank's loans and bond underwriting for GEO Group and CoreCivic",
    )
    ri = make_row(
        "Hartford, CT",
        target_type="corporate_profiteer",
        target="Citizens Bank's financing of CoreCivic and The GEO Group",
    )
    delaney = make_row("Chicago, IL", target_type="detention_center", target="Delaney Hall")
    result = suggest([nj, ri, delaney])
    pair = _pair(result, nj.id, ri.id)
    assert pair is not None and pair.kinds == ["target"]
    assert pair.features["shared_entity"] == "Citizens Bank"
    assert _pair(result, nj.id, delaney.id) is None


def test_an_investor_is_not_the_operator_it_invests_in(make_row) -> None:
    """An `other` target about an investment names the operator after the money word: no
    same-operator tie with the operator's facility; the operator's own shareholders meeting
    keeps it."""
    investor = make_row(
        "New York, NY",
        target_type="other",
        target="Scopia Capital's investments in GEO Group and Corrections Corporation of America",
    )
    meeting = make_row(
        "Denver, CO", target_type="other", target="GEO Group's annual shareholders meeting"
    )
    delaney = make_row("Chicago, IL", target_type="detention_center", target="Delaney Hall")
    result = suggest([investor, meeting, delaney])
    assert _pair(result, investor.id, delaney.id) is None
    assert _pair(result, investor.id, meeting.id) is None
    pair = _pair(result, meeting.id, delaney.id)
    assert pair is not None and pair.kinds == ["target"]
    assert pair.features["entity_relation"] == "parent_child"


def test_which_texts_name_a_financed_operator() -> None:
    assert _financed("Scopia Capital's investments in GEO Group", "other") == {"geo_group"}
    assert _financed("Acme Fund, a lender to CoreCivic", "corporate_profiteer") == {"corecivic"}
    # no financier named before the money word, or the operator named first: the operator
    assert _financed("Stop financing GEO Group", "other") == frozenset()
    assert _financed("GEO Group's bonds and shareholders", "other") == frozenset()
    # a county's contract or a facility is never about a financier
    assert _financed("County's loan agreement with GEO Group", "local_government") == frozenset()
    assert _financed("Adelanto (GEO): investors' tour", "detention_center") == frozenset()


def test_a_financiers_public_target_page_is_its_own() -> None:
    """The public target pages read a text as the engine does: an investor's action is not
    listed on GEO Group's page."""
    from matcher.queries.target_pages import target_keys

    keys = target_keys("Scopia Capital's investments in GEO Group", "other")
    assert keys == (("t-scopia-capital-s-investments-in-geo-group", keys[0][1]),)
    assert target_keys("GEO Group's annual shareholders meeting", "other") == (
        ("e-geo_group", "GEO Group"),
    )
