"""The quota of the weakest target ties (MatchSettings.weak_quota, mutual.weak_quota): an
action at DHS headquarters whose only ties are ICE offices ("an ICE office is part of DHS")
gets at most two of them, in the batch and for one new action, and "both target ICE" keeps
every place."""

from __future__ import annotations

import dataclasses

from matcher.matching import DEFAULT_SETTINGS, MatchIndex, MatchSettings, suggest

OFFICES = ["Syracuse, NY", "Chicago, IL", "Hartford, CT", "Portland, OR", "Seattle, WA"]
OPEN = dataclasses.replace(DEFAULT_SETTINGS, weak_quota=5)


def _rows(make_row):  # type: ignore[no-untyped-def]
    hq = make_row("Washington, DC", target_type="federal_agency", target="DHS headquarters")
    hq = dataclasses.replace(hq, intro_region=False)
    offices = [
        make_row(place, target_type="federal_agency", target=f"ICE field office, {place}")
        for place in OFFICES
    ]
    return hq, [dataclasses.replace(o, intro_region=False) for o in offices]


def _partners(found, ident: int) -> set[int]:  # type: ignore[no-untyped-def]
    return {s.b if s.a == ident else s.a for s in found if ident in (s.a, s.b)}


def test_headquarters_gets_two_of_its_weak_ties(make_row) -> None:
    hq, offices = _rows(make_row)
    found = suggest([hq, *offices], top_k=5)
    assert len(_partners(found, hq.id)) == 2
    for s in found:
        if hq.id in (s.a, s.b):
            assert any(r["code"] == "agency_office" for r in s.why if isinstance(r, dict))
    # the offices still have each other (a specific tie: the same agency component)
    assert all(len(_partners(found, o.id) - {hq.id}) == 4 for o in offices)
    # with the quota open, headquarters takes all five (so the test can fail)
    assert len(_partners(suggest([hq, *offices], top_k=5, settings=OPEN), hq.id)) == 5


def test_one_new_action_gets_the_same_quota(make_row) -> None:
    hq, offices = _rows(make_row)
    batch = _partners(suggest([*offices, hq], top_k=5), hq.id)
    exact = MatchIndex(offices)
    assert {s.a if s.b == hq.id else s.b for s in exact.suggest_for(hq, 5)} == batch
    # above exact_below, the local rule (partners.py, fill.fill_one) keeps x's quota too
    local = MatchIndex(offices, settings=MatchSettings(exhaustive_below=0, exact_below=0))
    assert len(local.suggest_for(hq, 5)) == 2
    wide = dataclasses.replace(OPEN, exhaustive_below=0, exact_below=0)
    assert len(MatchIndex(offices, settings=wide).suggest_for(hq, 5)) == 5


def test_both_target_ice_keeps_every_place(make_row) -> None:
    rallies = [
        dataclasses.replace(
            make_row(place, target_type="federal_agency", target="ICE raids"), intro_region=False
        )
        for place in [*OFFICES, "Denver, CO"]
    ]
    found = suggest(rallies, top_k=5)
    assert all(len(_partners(found, r.id)) == 5 for r in rallies)
