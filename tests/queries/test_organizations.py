"""The organization directory and coalition suggestions, on the demo data."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matcher.models import Action, Organization, OrganizationTag, OrganizationTagKind
from matcher.operations.imports import load_demo
from matcher.operations.matching import run_match
from matcher.queries.organizations import (
    coalition_suggestions,
    public_directory,
    public_organization,
)


@pytest.fixture
def demo(db):
    load_demo()
    run_match()
    db.session.flush()


def action(db, ref):
    return db.session.scalar(select(Action).where(Action.ref == ref))


def organization(db, fragment):
    return db.session.scalar(select(Organization).where(Organization.name.contains(fragment)))


def test_spellings_of_one_organization_are_one_entry_with_both_actions(db, demo):
    mirac = organization(db, "MIRAC")
    assert db.session.scalars(
        select(Organization).where(Organization.name.contains("MIRAC"))
    ).all() == [mirac]
    card = public_organization(mirac.id)
    assert {a.slug for a in card.actions} == {
        action(db, "demo-minneapolis-1010").slug,
        action(db, "demo-minneapolis-1025").slug,
    }
    assert "Minnesota Immigrant Rights Action Committee (MIRAC)" in card.aliases
    assert card.places == ["Minneapolis, MN"]


def test_the_minneapolis_march_is_suggested_the_organizations_it_lacks(db, demo):
    march = action(db, "demo-minneapolis-1010")
    names = [s.organization.name for s in coalition_suggestions(march)]
    for expected in (
        "Centro de Trabajadores Unidos en la Lucha (CTUL)",
        "Unidos MN",
        "Navigate MN",
        "Center for Prophetic Imagination",
        "MN Educators Against ICE",
    ):
        assert expected in names
    own = {o.name for o in march.organizations}
    assert not own & set(names)
    assert not any("MIRAC" in name or "Democratic Socialists" in name for name in names)
    assert "Immigrant Worker Solidarity" not in names
    # Clearbrook is 300 km north, in no shared region: its organizations are not "near"
    assert "Stop Line 3" not in names


def test_immigrant_led_and_indigenous_led_come_first_where_tagged(db, demo):
    march = action(db, "demo-minneapolis-1010")
    unidos, navigate = organization(db, "Unidos MN"), organization(db, "Navigate MN")
    db.session.add(
        OrganizationTag(organization_id=navigate.id, tag=OrganizationTagKind.immigrant_led)
    )
    db.session.add(
        OrganizationTag(organization_id=unidos.id, tag=OrganizationTagKind.indigenous_led)
    )
    db.session.flush()
    first = [s.organization.name for s in coalition_suggestions(march)][:2]
    assert sorted(first) == ["Navigate MN", "Unidos MN"]


def test_the_directory_lists_only_organizations_of_public_actions(db, demo):
    march = action(db, "demo-minneapolis-1025")
    march.listed_publicly = False
    db.session.flush()
    names = {card.name for card in public_directory()}
    assert (
        "Unidos MN" not in names and public_organization(organization(db, "Unidos MN").id) is None
    )
    assert "MIRAC" in names  # still in the public march of Oct 10
    never_again = organization(db, "Never Again Action")
    assert {a.state for a in public_organization(never_again.id).actions} == {"NJ", "IL"}
