"""The matching engine on the database: batch, incremental on publish, and the hard rules."""

from __future__ import annotations

import pytest
from sqlalchemy import or_, select

from matcher.matching.sentences import render
from matcher.models import Action, Region, Suggestion, SuggestionStatus
from matcher.operations.imports import load_demo
from matcher.operations.matching import run_match
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import submit_action, submit_form
from tests.support.helpers import links_in


def refs(db) -> dict[str, Action]:
    return {a.ref: a for a in db.session.scalars(select(Action)) if a.ref}


def pending(db) -> dict[frozenset[str], Suggestion]:
    by_id = {a.id: a.ref for a in db.session.scalars(select(Action))}
    rows = db.session.scalars(select(Suggestion).where(Suggestion.status == "pending"))
    return {frozenset((by_id[s.action_a_id], by_id[s.action_b_id])): s for s in rows}


@pytest.fixture
def demo(db):
    load_demo()
    db.commit()  # geocoding runs after the commit
    run_match()
    db.commit()
    return refs(db)


def test_the_queue_gives_reasons_in_the_coordinators_language(client, db, demo):
    make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    log_in(client, "admin@example.org")
    english = client.get("/coordinate/suggestions?per_page=100&lang=en").get_data(as_text=True)
    spanish = client.get("/coordinate/suggestions?per_page=100&lang=es").get_data(as_text=True)
    assert "same region: San Diego area" in english and "misma región" not in english
    assert "misma región: San Diego area" in spanish and "same region" not in spanish
    assert "both target" not in spanish and "ambas apuntan a" in spanish
    assert "Oct " in english and " oct" in spanish  # dates of actions in the same days


def test_reasons_stored_as_text_before_they_were_data_still_show(client, db):
    from tests.support.helpers import make_action, make_suggestion

    a = make_action(db, place="San Diego, CA", title="Vigil one")
    b = make_action(db, place="San Diego, CA", title="Vigil two")
    make_suggestion(db, a, b)
    make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    log_in(client, "admin@example.org")
    assert "same region: test" in client.get("/coordinate/suggestions").get_data(as_text=True)


def test_demo_pairs_make_sense(db, demo):
    found = pending(db)
    san_diego = found[frozenset({"demo-san-diego-1012", "demo-san-diego-1013"})]
    assert san_diego.kinds == "region,target"
    assert any("Otay Mesa" in render(reason) for reason in san_diego.reasons)
    assert frozenset({"demo-newark-1003", "demo-newark-1012"}) in found
    assert frozenset({"demo-minneapolis-1010", "demo-minneapolis-1025"}) in found
    assert frozenset({"demo-nyc-1011", "demo-bay-area-1014"}) in found  # both Palantir
    assert frozenset({"demo-sacramento-1015", "demo-sacramento-1016"}) in found
    bay_area = [found[pair] for pair in found if "demo-bay-area-1014" in pair]
    assert all("region" not in s.kinds for s in bay_area)  # the Bay Area is not Sacramento
    anchorage = demo["demo-anchorage-1011"]
    assert anchorage.region_id is None
    assert not [pair for pair in found if "demo-anchorage-1011" in pair]
    region_names = set(db.session.scalars(select(Region.name)))
    assert {"San Diego area", "Sacramento area"} <= region_names


LOCAL_PAIRS = {
    "San Diego": {"demo-san-diego-1012", "demo-san-diego-1013"},
    "Newark": {"demo-newark-1003", "demo-newark-1012"},
    "Minneapolis": {"demo-minneapolis-1010", "demo-minneapolis-1025"},
    "Bay Area": {"demo-nyc-1011", "demo-bay-area-1014"},  # both Palantir
    "Sacramento": {"demo-sacramento-1015", "demo-sacramento-1016"},
    "Texas": {"demo-san-antonio-0928", "demo-san-antonio-1013"},
}
#: Reasons a coordinator signs: the real tie, the region, shared members, the dates.
SIGNED = {
    "same_entity",
    "run_by",
    "part_of",
    "sibling_facilities",
    "sibling_arms",
    "same_component",
    "same_category",
    "same_target",
    "same_region",
    "same_region_close",
    "near",
    "near_close",
    "shared_orgs",
    "shared_orgs_more",
    "same_day",
    "one_day_apart",
    "days_apart",
}


def test_the_first_screen_shows_local_pairs_before_any_agency_only_pair(db, demo):
    from matcher.queries.review_queue import QueueFilter, queue_page

    admin = make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    screen = queue_page(admin, QueueFilter()).rows
    order = [frozenset((a.ref, b.ref)) for _, a, b in screen]
    where = {name: order.index(frozenset(pair)) for name, pair in LOCAL_PAIRS.items()}
    agency_only = [
        n
        for n, (s, _, _) in enumerate(screen)
        if [
            r["code"]
            for r in s.reasons
            if r["code"] not in ("same_day", "one_day_apart", "days_apart")
        ]
        in (["same_agency"], ["agency_office"])
    ]
    assert max(where.values()) < min(agency_only, default=len(screen)), (where, agency_only)
    for suggestion, a, b in screen:
        if suggestion.score < 0.6:  # agency-only pairs close the screen, said as such
            continue
        codes = {reason["code"] for reason in suggestion.reasons}
        assert codes <= SIGNED, (a.ref, b.ref, suggestion.reasons)
    texts = [render(r) for s, _, _ in screen for r in s.reasons]
    assert not any("ICE" in t and "Vermont" in t for t in texts)  # DMV data sharing is local


def test_rules_hold_for_every_stored_suggestion(db, demo):
    by_id = {a.id: a for a in demo.values()}
    for suggestion in pending(db).values():
        a, b = by_id[suggestion.action_a_id], by_id[suggestion.action_b_id]
        assert a.id < b.id and a.contact_email != b.contact_email
        for kind in suggestion.kinds.split(","):
            assert getattr(a, f"intro_{kind}") and getattr(b, f"intro_{kind}")
    # Albuquerque said no to region introductions
    assert all(
        "region" not in s.kinds
        for pair, s in pending(db).items()
        if "demo-albuquerque-1014" in pair
    )


def test_rejected_pairs_never_come_back_and_consent_withdrawal_supersedes(db, demo):
    san_diego = pending(db)[frozenset({"demo-san-diego-1012", "demo-san-diego-1013"})]
    san_diego.status = SuggestionStatus.rejected
    demo["demo-newark-1003"].intro_region = False
    db.commit()
    run_match()
    db.commit()
    found = pending(db)
    assert frozenset({"demo-san-diego-1012", "demo-san-diego-1013"}) not in found
    db.session.refresh(san_diego)
    assert san_diego.status == SuggestionStatus.rejected
    newark = db.session.scalar(
        select(Suggestion).where(
            Suggestion.action_a_id == demo["demo-newark-1003"].id,
            Suggestion.action_b_id == demo["demo-newark-1012"].id,
        )
    )
    assert newark.status == SuggestionStatus.superseded


def test_publishing_matches_the_new_action_incrementally(client, db, demo, outbox):
    submit_action(
        client,
        title="Otay Mesa vigil",
        location="Chula Vista, CA",
        target="Otay Mesa Detention Center",
        intro_region="y",
        intro_target="y",
        contact_email="new@example.org",
    )
    new = db.session.scalar(select(Action).where(Action.title == "Otay Mesa vigil"))
    assert (
        db.session.scalars(
            select(Suggestion).where(
                or_(Suggestion.action_a_id == new.id, Suggestion.action_b_id == new.id)
            )
        ).all()
        == []
    )
    submit_form(client, links_in(outbox.last_text())["verify"])
    mine = db.session.scalars(
        select(Suggestion).where(
            or_(Suggestion.action_a_id == new.id, Suggestion.action_b_id == new.id)
        )
    ).all()
    partners = {s.action_a_id if s.action_b_id == new.id else s.action_b_id for s in mine}
    assert demo["demo-san-diego-1012"].id in partners
    assert len(mine) <= 5
    db.session.refresh(new)
    assert new.region_id == demo["demo-san-diego-1012"].region_id


def test_match_command(runner, db, demo):
    result = runner.invoke(args=["match"])
    assert result.exit_code == 0, result.output
    assert "27 actions" in result.output and "regions" in result.output


def test_a_place_known_only_to_its_state_gets_no_region_partner_and_the_queue_says_so(client, db):
    from tests.support.helpers import make_action, make_suggestion

    vague = make_action(db, place="Pennsylvania", title="Statewide vigil", target="Palantir")
    town = make_action(db, place="State College, PA", title="Town vigil", target="Palantir")
    assert vague.precision.value == "state"
    run_match()
    found = db.session.scalars(select(Suggestion)).all()
    assert all("region" not in s.kinds for s in found)  # no "under 1 km apart" at the centroid
    if not found:
        make_suggestion(db, vague, town, kinds="target")
    make_coordinator(db, "admin@example.org", admin=True)
    db.commit()
    log_in(client, "admin@example.org")
    page = client.get("/coordinate/suggestions").get_data(as_text=True)
    assert "no region partners, and no distance, until the organizer" in page


def test_the_stored_reasons_and_features_are_json_dumps_of_each_pair():
    import json

    from matcher.matching import Suggestion as Suggested
    from matcher.operations.suggestion_store import _found_rows

    shared = {"code": "same_target", "target": 'Centro de Detención "Otay"'}
    found = [
        Suggested(1, 2, 0.5, ["region"], [shared, {"code": "x", "n": 1.5}], {"km": 3.25}),
        Suggested(1, 3, 0.25, ["region", "target"], [shared], {}),
        Suggested(1, 2, 0.5, ["region"], [shared], {}),  # the same pair again: left out
        Suggested(2, 3, 1.0, [], [], {"days": [1, 2]}),
        Suggested(2, 4, 0.5, [], [{"n": None, "ok": True}], {"x": float("nan"), "y": -0.0}),
        Suggested(2, 5, 0.5, [], [], {"nested": {"k": ["é", 1e300, 10**30]}, "z": 1e-7}),
    ]
    expected = [
        (s.a, s.b, ",".join(s.kinds), s.score, json.dumps(s.why), json.dumps(s.features))
        for s in (found[0], found[1], *found[3:])
    ]
    assert list(_found_rows(found)) == expected
