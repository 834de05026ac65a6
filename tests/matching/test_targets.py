"""Similar targets: known entities across the country, spelling variants, unrelated names."""

from __future__ import annotations

import json
from importlib import resources

from matcher.matching import default_catalog, load_entities, suggest


def _pair(result, a, b):
    return next((s for s in result if {s.a, s.b} == {a, b}), None)


def test_entity_file_is_consistent() -> None:
    entities = load_entities()
    ids = {e.id for e in entities}
    assert len(ids) == len(entities)
    assert all(e.parent is None or e.parent in ids for e in entities)
    raw = json.loads(
        resources.files("matcher.matching").joinpath("data/entities.json").read_text("utf-8")
    )
    assert {"geo_group", "corecivic", "palantir", "wells_fargo", "ice", "cbp"} <= {
        e["id"] for e in raw["entities"]
    }


def test_recognizes_aliases_and_misspellings() -> None:
    catalog = default_catalog()
    assert catalog.recognize("CoreCivic/CCA") == {"corecivic"}
    assert catalog.recognize("Corrections Corporation of America") == {"corecivic"}
    assert catalog.recognize("Palantir Technolgies HQ") == {"palantir"}
    assert catalog.recognize("Palentir office") == {"palantir"}
    delaney, tacoma = "delaney-hall-detention-facility-nj", "northwest-ice-processing-center-wa"
    adelanto, otay = "adelanto-ice-processing-center-ca", "otay-mesa-detention-center-ca"
    assert catalog.recognize("Delaney Hall Newark (GEO)") == {delaney}
    assert catalog.recognize("Tacoma Northwest Detention Center") == {tacoma}
    assert catalog.recognize("LaSalle ICE Processing Center") == {
        "central-louisiana-ice-processing-center-clipc-la"
    }
    assert catalog.recognize("Hennepin County Jail") == frozenset()
    assert catalog.relation({"geo_group"}, {adelanto}).kind == "parent_child"
    assert catalog.relation({adelanto}, {tacoma}).kind == "siblings"
    assert catalog.relation({adelanto}, {otay}) is None


def test_main_entity_of_a_phrase() -> None:
    """The company, not an agency word inside its phrase; a town's own hall, not the
    facility named after the town; a facility under the catalog's real name."""
    catalog = default_catalog()
    assert catalog.recognize("Amazon (AWS contracts with ICE)", "corporate_profiteer") == {"aws"}
    assert catalog.recognize("Avelo's deportation flights for DHS") == {"avelo"}
    assert catalog.recognize("Adelanto City Hall", "local_government") == frozenset()
    assert catalog.recognize("Adelanto", "detention_center") == {
        "adelanto-ice-processing-center-ca"
    }
    assert catalog.recognize("Shut down Adelanto!", "detention_center") == {
        "adelanto-ice-processing-center-ca"
    }
    assert catalog.recognize("T. Don Hutto", "detention_center") == {
        "t-don-hutto-detention-center-tx"
    }
    assert catalog.recognize("Broward Transitional Center") == {"broward-transitional-center-fl"}
    assert catalog.entities["broward-transitional-center-fl"].parent == "geo_group"
    elizabeth = catalog.recognize("Elizabeth Contract Detention Center", "detention_center")
    assert catalog.relation({"corecivic"}, elizabeth).kind == "parent_child"
    assert catalog.recognize("ICE field office", "federal_agency") == {"ice_sites"}
    assert catalog.recognize("ICE raids", "federal_agency") == {"ice"}


def test_geo_headquarters_and_geo_facility_are_similar(make_row) -> None:
    hq = make_row("Los Angeles, CA", target_type="corporate_profiteer", target="GEO Group HQ")
    facility = make_row(
        "Seattle, WA", target_type="detention_center", target="Northwest Detention Center"
    )
    pair = _pair(suggest([hq, facility]), hq.id, facility.id)
    assert pair is not None and pair.kinds == ["target"]
    assert pair.features["entity_relation"] == "parent_child"
    assert pair.reasons[0] == (
        "related targets: Northwest ICE Processing Center is run by GEO Group"
    )


def test_palantir_spelled_differently_across_the_country(make_row) -> None:
    ny = make_row("New York, NY", target_type="corporate_profiteer", target="Palantir Technologies")
    sf = make_row("San Francisco, CA", target_type="corporate_profiteer", target="palantir tech.")
    pair = _pair(suggest([ny, sf]), ny.id, sf.id)
    assert pair is not None and pair.kinds == ["target"]
    assert pair.reasons[0] == "both target Palantir Technologies"
    assert pair.features["shared_entity"] == "Palantir Technologies"


def test_spelling_variants_of_a_local_target(make_row) -> None:
    a = make_row("Minneapolis, MN", target_type="local_government", target="Hennepin County Jail")
    b = make_row("Chicago, IL", target_type="local_government", target="Henepin county jail")
    pair = _pair(suggest([a, b]), a.id, b.id)
    assert pair is not None and pair.kinds == ["target"]
    assert pair.features["target_similarity"] >= 0.5
    assert pair.reasons[0].startswith('similar targets: "Hennepin County Jail"')


def test_unrelated_targets_are_not_similar(make_row) -> None:
    rows = [
        make_row("New York, NY", target_type="corporate_profiteer", target="Wells Fargo Houston"),
        make_row("Chicago, IL", target_type="corporate_profiteer", target="Barclays Houston"),
        make_row("Denver, CO", target_type="detention_center", target="Adelanto Detention Center"),
        make_row("Seattle, WA", target_type="detention_center", target="Stewart Detention Center"),
        make_row("Atlanta, GA", target_type="political_figure", target="Office of Senator Smith"),
        make_row("Portland, OR", target_type="political_figure", target="Senator Jones"),
    ]
    assert suggest(rows) == []


def test_target_partner_needs_both_consents(make_row) -> None:
    a = make_row("New York, NY", target_type="corporate_profiteer", target="Palantir")
    b = make_row(
        "San Francisco, CA",
        target_type="corporate_profiteer",
        target="Palantir",
        intro_target=False,
    )
    assert suggest([a, b]) == []


def test_region_and_target_together(make_row) -> None:
    a = make_row("San Diego, CA", target_type="detention_center", target="Otay Mesa")
    b = make_row("San Diego, CA", target_type="corporate_profiteer", target="CoreCivic")
    pair = _pair(suggest([a, b]), a.id, b.id)
    assert pair is not None and pair.kinds == ["region", "target"]
    assert pair.score > 0.75


def test_an_office_named_by_its_street_is_read() -> None:
    """ "<office> on <street>" (a street the catalog has in one town) names that office: it
    once raised KeyError in the recognizer, so any target text of that shape failed."""
    catalog = default_catalog()
    found = catalog.recognize("ICE offices on Sidney Street (arrests in the Pittsburgh area)")
    assert found == {"ice-ero-pittsburgh-pa-office-philadelphia-field-office-pa"}


def test_businesses_targeted_in_the_raids_are_companies(make_row) -> None:
    """Home Depot lots used for sweeps and hotels housing agents are companies: two actions at
    Home Depot stores far apart are tied as the same company, and the ICE word inside the
    text is not the target."""
    catalog = default_catalog()
    assert catalog.recognize("Home Depot (ICE raids on its properties)") == {"home_depot"}
    assert catalog.recognize("Hampton Inn housing ICE agents") == {"hilton"}
    a = make_row("San Diego, CA", target_type="corporate_profiteer", target="Home Depot (raids)")
    b = make_row("Newark, NJ", target_type="corporate_profiteer", target="The Home Depot")
    found = _pair(suggest([a, b]), a.id, b.id)
    assert found is not None and found.features["tie"] == "company"


def test_same_agency_as_a_whole_outranks_an_agency_and_its_office(make_row) -> None:
    """Two rallies against ICE in general are closer than a rally against ICE and an ICE
    field office; both stay the weak fallback, below every specific tie."""
    catalog = default_catalog()
    whole = catalog.tie(frozenset({"ice"}), frozenset({"ice"}))
    part = catalog.tie(frozenset({"ice"}), frozenset({"ice_sites"}))
    assert (whole.tier, whole.relation) == ("agency", "same")
    assert (part.tier, part.relation) == ("agency", "parent_child")
    raids = make_row("Denver, CO", target_type="federal_agency", target="ICE raids")
    sweeps = make_row("Atlanta, GA", target_type="federal_agency", target="ICE sweeps")
    office = make_row("Chicago, IL", target_type="federal_agency", target="ICE field office")
    found = suggest([raids, sweeps, office], top_k=1)
    assert [{s.a, s.b} for s in found] == [{raids.id, sweeps.id}]
    whole_score = found[0].features["target_similarity"]
    both = suggest([raids, office], top_k=1)[0].features["target_similarity"]
    assert both < whole_score < 0.6


def test_a_local_government_is_not_the_ice_office_it_permits(make_row) -> None:
    """A city's permit for an ICE office is the city's business: no target tie with the
    office itself (only the same kind with other local governments), while a county's jail
    contract is still the same facility as the jail."""
    catalog = default_catalog()
    office = "ice-ero-portland-or-office-seattle-field-office-or"
    assert catalog.recognize("ICE Portland field office", "federal_agency") == {office}
    assert catalog.recognize("Permit for the Portland ICE field office", "local_government") == (
        frozenset()
    )
    assert catalog.recognize(
        "Village permit for the Broadview ICE facility", "local_government"
    ) == (frozenset())
    permit = make_row(
        "Portland, OR",
        target_type="local_government",
        target="City land-use permit for the Portland ICE field office",
    )
    rally = make_row(
        "Portland, OR", target_type="federal_agency", target="ICE Portland field office"
    )
    pair = _pair(suggest([permit, rally]), permit.id, rally.id)
    assert pair is not None and pair.kinds == ["region"]
    jail = make_row(
        "Sacramento, CA", target_type="local_government", target="Sacramento County Jail"
    )
    contract = make_row(
        "Chicago, IL",
        target_type="local_government",
        target="Sacramento County Sheriff (jail contract with ICE)",
    )
    pair = _pair(suggest([jail, contract]), jail.id, contract.id)
    assert pair is not None and pair.features.get("entity_relation") == "same"


def test_an_ice_office_is_not_the_contractor_its_demands_name(make_row) -> None:
    """An ICE office's rally that demands the end of GEO's contracts is about the office: it
    pairs with another ICE office, not as "both target Golden State Annex" with a GEO
    facility's rally."""
    catalog = default_catalog()
    office = "ice-ero-san-francisco-field-office-ca"
    text = "ICE San Francisco field office (630 Sansome): end the GEO contracts"
    assert catalog.recognize(text, "federal_agency") == {office}
    strikers = "ICE San Francisco Field Office Director: meet the Golden State Annex strikers"
    assert catalog.recognize(strikers, "federal_agency") == {office}
    assert catalog.recognize("ICE Broadview processing center", "federal_agency") == {
        "broadview-service-staging-il"
    }
    sf = make_row("San Francisco, CA", target_type="federal_agency", target=strikers)
    annex = make_row(
        "Sacramento, CA", target_type="detention_center", target="Golden State Annex (GEO Group)"
    )
    assert _pair(suggest([sf, annex]), sf.id, annex.id) is None


def test_a_town_mention_with_its_operator_is_that_operators_facility() -> None:
    """ "Houston Processing Center (CoreCivic)" is CoreCivic's Houston facility, not the first
    of the town's sites (a foster group home); a bare "Houston detention center" is the one a
    detention operator (CoreCivic) runs."""
    catalog = default_catalog()
    cdf = "houston-contract-detention-facility-tx"
    text = "Houston Processing Center (CoreCivic): stop the new contract"
    assert catalog.recognize(text, "detention_center") == {cdf}
    assert catalog.recognize("Houston detention center", "detention_center") == {cdf}
    # a town without a detention company's site keeps its first (a county or city jail)
    assert catalog.recognize("Tucson detention center", "detention_center") == {
        "pima-county-jail-az"
    }


def test_a_political_figure_is_not_the_facility_the_demands_name() -> None:
    catalog = default_catalog()
    text = "Rep. Kevin McCarthy's office (hunger strikes at GEO's Golden State Annex)"
    assert catalog.recognize(text, "political_figure") == frozenset()
    assert catalog.recognize("Golden State Annex (GEO Group)", "detention_center") == {
        "golden-state-annex-ca"
    }


def test_a_named_enforcement_operation_is_the_agency_running_it(make_row) -> None:
    """Rallies name an operation without the agency ("Catahoula Crunch sweeps", "Operation
    Midway Blitz"): it is the agency's operation, so they pair with that agency's actions
    (found on dev4: two New Orleans rallies against the Border Patrol sweep had no tie)."""
    catalog = default_catalog()
    assert catalog.recognize("Catahoula Crunch immigration sweeps", "federal_agency") == {"cbp"}
    assert catalog.recognize("Charlotte's Web arrests", "federal_agency") == {"cbp"}
    assert catalog.recognize("Operation Midway Blitz", "federal_agency") == {"ice"}
    assert catalog.recognize("Operation Metro Surge in the Twin Cities", "federal_agency") == {
        "ice"
    }
    sweep = make_row("San Antonio, TX", target_type="federal_agency", target="Catahoula Crunch")
    patrol = make_row(
        "Fort Worth, TX", target_type="federal_agency", target="Border Patrol sweeps in Kenner"
    )
    blitz = make_row("Chicago, IL", target_type="federal_agency", target="Operation Midway Blitz")
    raids = make_row("Denver, CO", target_type="federal_agency", target="ICE raids")
    found = suggest([sweep, patrol, blitz, raids], top_k=1)
    tied = {frozenset((s.a, s.b)) for s in found if "target" in s.kinds}
    assert frozenset((sweep.id, patrol.id)) in tied
    assert frozenset((blitz.id, raids.id)) in tied


def test_a_possessive_does_not_hide_the_facility_it_ends(make_row) -> None:
    """ "Etowah County Jail's ICE detention", "the Town of Farmville's agreement with ICA": the
    name ends in a possessive, which the catalog's key keeps as "jails", "farmvilles" (found on
    dev5: such local-government texts named no facility, so they met the facility's other
    actions only as "the same kind of target", and not at all across types)."""
    town = "Town of Farmville's agreement with Immigration Centers of America (ICA)"
    expected = {
        town: "farmville-detention-center-va",
        "Etowah County Jail's ICE detention": "etowah-county-jail-al",
        "Strafford County Jail\u2019s contract holding ICE detainees": (
            "strafford-county-corrections-nh"
        ),
    }
    catalog = default_catalog()
    for text, site in expected.items():
        assert catalog.recognize(text, "local_government") == {site}, text
    council = make_row("Washington, DC", target_type="local_government", target=town)
    center = make_row(
        "Atlanta, GA", target_type="detention_center", target="ICA Farmville Detention Center"
    )
    found = suggest([council, center], top_k=1)
    assert [list(s.kinds) for s in found] == [["target"]]
    assert "Farmville Detention Center" in found[0].reasons[0]


def test_norcor_is_the_northern_oregon_jail(make_row) -> None:
    """The regional jail in The Dalles is "NORCOR" or the "Northern Oregon Regional
    Correctional Facility" in the press; the catalog's row was "Northern Oregon Correctional
    Facility" only (found on dev5; aliases in facility_facts.json, from OPB's reporting)."""
    catalog = default_catalog()
    norcor = "northern-oregon-correctional-facility-or"
    assert catalog.recognize("NORCOR regional jail's contract with ICE", "local_government") == {
        norcor
    }
    long_name = "Northern Oregon Regional Correctional Facility"
    assert catalog.recognize(long_name, "detention_center") == {norcor}
    rally = make_row("Portland, OR", target_type="detention_center", target="Shut down NORCOR")
    board = make_row("Seattle, WA", target_type="local_government", target=f"{long_name} board")
    found = suggest([rally, board], top_k=1)
    assert [list(s.kinds) for s in found] == [["target"]]


def test_a_detention_center_named_with_another_operator_is_the_facility() -> None:
    # the Elizabeth centre is CoreCivic's: a phrase calling it GEO's still names the facility
    catalog = default_catalog()
    got = catalog.recognize("GEO Elizabeth Contract Detention Facility", "detention_center")
    assert got == {"elizabeth-contract-detention-facility-nj"}
    assert catalog.recognize("GEO Group", "detention_center") == {"geo_group"}


def test_a_county_after_in_places_the_facility_it_follows() -> None:
    catalog = default_catalog()
    assert catalog.recognize(
        "Delaney Hall Detention Facility in Essex County", "detention_center"
    ) == {"delaney-hall-detention-facility-nj"}


def test_a_detention_phrase_with_its_town_after_in() -> None:
    catalog = default_catalog()
    assert catalog.recognize("the immigration jail located in Dilley", "detention_center") == {
        "dilley-immigration-processing-center-tx"
    }
    # several sites in the town named, or a county's name: none is guessed
    assert not catalog.recognize("an ICE facility somewhere in Miami", "detention_center")
    assert not catalog.recognize("la cárcel del condado de Orange", "detention_center") - {
        "orange-county-jail-fl-fl",
        "orange-county-jail-ny-ny",
    }


def test_a_state_code_tells_same_named_jails_apart() -> None:
    catalog = default_catalog()
    ohio = catalog.recognize("Butler County Jail (OH)", "detention_center")
    assert len(ohio) == 1
    assert catalog.facilities.by_id[next(iter(ohio))].state == "OH"


def test_immigration_raids_are_ice_operations_unless_an_agency_is_named() -> None:
    """Raids named without an agency are ICE's (the labelled sets' "ICE operations with no
    single site"); an agency named in the text stays the one ("Border Patrol ... raids")."""
    catalog = default_catalog()
    assert catalog.recognize("immigration raids on the west side", "federal_agency") == {"ice"}
    assert catalog.recognize("las redadas migratorias en el condado", "federal_agency") == {"ice"}
    assert catalog.recognize("Border Patrol's immigration raids", "federal_agency") == {"cbp"}


def test_a_towns_spanish_name_after_an_office_head() -> None:
    # "Nueva York", "Filadelfia": the town as the catalog writes it (was nothing)
    catalog = default_catalog()
    assert catalog.recognize("frente a la corte migratoria de Nueva York", "federal_agency") == {
        "new-york-federal-plaza-immigration-court-ny"
    }
    assert catalog.recognize("la oficina de ICE en Filadelfia", "federal_agency") == {
        "ice-ero-philadelphia-field-office-pa"
    }


def test_a_venue_named_after_a_business_is_not_the_business() -> None:
    catalog = default_catalog()
    assert catalog.recognize("the vigil outside Citizens Bank Park") == frozenset()
    assert catalog.recognize("march to US Bank Stadium") == frozenset()
    assert catalog.recognize("Citizens Bank's loans to GEO Group") >= {"citizens_bank"}
    assert catalog.recognize("the Amazon fulfillment center in Kent") == {"amazon"}
