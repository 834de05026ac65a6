"""Reasons a coordinator can read, and features that serialize."""

from __future__ import annotations

import dataclasses
import datetime
import json

from matcher.matching import Suggestion, suggest
from matcher.matching.rows import id_key


def test_reasons_for_a_region_and_target_pair(make_row, cities) -> None:
    lat, lon = cities["San Francisco, CA"]
    a = make_row(
        "San Francisco, CA",
        target_type="corporate_profiteer",
        target="Palantir Technologies",
        date=datetime.date(2026, 10, 10),
        organizations=("Twin Cities DSA", "Mijente"),
    )
    b = make_row(
        None,
        latitude=lat + 0.108,  # 12 km north
        longitude=lon,
        target_type="corporate_profiteer",
        target="Palantir",
        date=datetime.date(2026, 10, 10),
        organizations=("twin cities dsa",),
    )
    [pair] = suggest([a, b], namer=lambda points: "Bay Area")
    assert (pair.a, pair.b) == (a.id, b.id)
    assert pair.kinds == ["region", "target"]
    assert pair.reasons == [
        "both target Palantir Technologies",
        "same region: Bay Area, 12 km apart",
        "same coalition members: Twin Cities DSA",
        "both on Oct 10",
    ]
    assert pair.features["shared_orgs"] == ["Twin Cities DSA"]
    assert pair.features["distance_km"] == 12.0
    assert pair.features["region"] == "Bay Area"
    assert 0.9 < pair.score <= 1.0
    json.dumps(pair.features)


def test_far_pair_says_only_what_holds(make_row) -> None:
    a = make_row("New York, NY", target_type="federal_agency", target="ICE NYC field office")
    b = make_row(
        "Portland, OR",
        target_type="federal_agency",
        target="ICE Portland",
        date=datetime.date(2026, 10, 14),
    )
    [pair] = suggest([a, b])
    assert pair.kinds == ["target"]
    assert pair.reasons == [
        "weak tie: ICE ERO New York Field Office is part of ICE (Immigration and Customs "
        "Enforcement)",
        "2 days apart (Oct 12 and Oct 14)",
    ]
    assert pair.features["region"] is None
    assert pair.features["distance_km"] > 3000


def test_sibling_facilities_reason(make_row) -> None:
    a = make_row("Los Angeles, CA", target_type="detention_center", target="Adelanto")
    b = make_row("Seattle, WA", target_type="detention_center", target="NWDC Tacoma")
    [pair] = suggest([a, b])
    assert pair.reasons[0] == (
        "both target GEO Group facilities: Adelanto ICE Processing Center and "
        "Northwest ICE Processing Center"
    )


def test_an_agency_and_one_of_its_offices_names_the_office(make_row) -> None:
    """DHS headquarters and an ICE field office: the reason names the office and says the
    tie is weak, not that both sides target the department."""
    a = make_row("Washington, DC", target_type="federal_agency", target="DHS headquarters")
    b = make_row("Chicago, IL", target_type="federal_agency", target="ICE Chicago field office")
    [pair] = suggest([a, b])
    assert pair.reasons[0] == (
        "weak tie: ICE ERO Chicago Field Office is part of Department of Homeland Security"
    )
    assert pair.features["tie"] == "agency"


def test_suggestions_are_ordered_and_plain(demo_rows) -> None:
    result = suggest(demo_rows, top_k=3)
    assert result == sorted(result, key=lambda s: -s.score)
    assert all(isinstance(s, Suggestion) for s in result)
    json.dumps([dataclasses.asdict(s) for s in result])


def test_equal_scores_are_ordered_by_the_ids(demo_rows) -> None:
    """The queue's order is total: score, then the first action's id, then the second's."""
    result = suggest(demo_rows, top_k=5)
    keys = [(-s.score, id_key(s.a), id_key(s.b)) for s in result]
    assert len({s.score for s in result}) < len(result)  # equal scores occur
    assert keys == sorted(keys)


def test_past_and_unpublished_actions_are_left_out(make_row) -> None:
    today = datetime.date(2026, 10, 12)
    a = make_row("San Diego, CA", date=datetime.date(2026, 10, 11))
    b = make_row("San Diego, CA")
    c = make_row("San Diego, CA", published=False)
    d = make_row("San Diego, CA", date=datetime.date(2026, 10, 12))
    result = suggest([a, b, c, d], today=today)
    assert [(s.a, s.b) for s in result] == [(b.id, d.id)]
    assert len(suggest([a, b, c, d])) == 3  # no date filter without today


def test_every_reason_code_renders_and_can_be_translated() -> None:
    from matcher.matching.sentences import TEMPLATES, render

    values = {
        "entity": "GEO Group",
        "child": "Adelanto ICE Processing Center",
        "parent": "GEO Group",
        "a": "Otay Mesa",
        "b": "Adelanto",
        "target": "Otay Mesa",
        "percent": 73,
        "region": "Bay Area",
        "km": 12.4,
        "names": "Mijente",
        "agency": "ICE",
        "office": "ICE ERO Chicago Field Office",
        "court": "Chicago Immigration Court",
        "other": "ICE",
        "category": "local_cooperation",
        "more": 2,
        "days": 2,
        "day": "2026-10-10",
        "other_day": "2026-10-12",
    }
    for code in TEMPLATES:
        text = render({"code": code, **values})
        assert "%(" not in text and text, code
    assert render({"code": "same_day", "day": "2026-10-10"}) == "both on Oct 10"
    spanish = {"near each other: %(km).0f km apart": "cerca: a %(km).0f km"}.get
    assert render({"code": "near", "km": 12.6}, spanish) == "cerca: a 13 km"
    assert render("kept as stored") == "kept as stored"


def test_shared_organizations_are_named_as_the_first_action_wrote_them(make_row) -> None:
    """Per pair, its shared organizations by normalized name, in the first action's writing
    (also when several pairs share the same lists of organizations)."""
    a = make_row(organizations=("Mijente", "  Twin  Cities DSA", "Cosecha", "Sunrise"))
    b = make_row(organizations=("twin cities dsa", "COSECHA", "sunrise", "mijente", "Other"))
    c = make_row(organizations=b.organizations)
    found = {(s.a, s.b): s for s in suggest([a, b, c])}
    assert found[a.id, b.id].features["shared_orgs"] == [
        "Cosecha",
        "Mijente",
        "Sunrise",
        "Twin Cities DSA",
    ]
    assert found[a.id, c.id].features["shared_orgs"] == found[a.id, b.id].features["shared_orgs"]
    assert found[b.id, c.id].features["shared_orgs"] == [
        "COSECHA",
        "mijente",
        "Other",
        "sunrise",
        "twin cities dsa",
    ]
    assert found[b.id, c.id].why[-2] == {
        "code": "shared_orgs_more",
        "names": "COSECHA, mijente, Other",
        "more": 2,
    }
