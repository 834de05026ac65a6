"""Access control as a matrix: every coordinator route, every kind of object it names (in the
coordinator's state, in another state, in a pair across states, in a pair with an action that is
not public), four kinds of visitor. A route missing from the matrix fails the test."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from matcher.models import (
    CatalogEntry,
    CoalitionRequest,
    Coordinator,
    EmailStatus,
    Introduction,
    OrganizationTagKind,
    OutboundEmail,
    SavedFilter,
    TagChange,
)
from matcher.operations.introductions import start_introduction
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import forged_post
from tests.support.helpers import make_action, make_suggestion

VISITORS = ("anonymous", "out_of_scope", "in_scope", "admin")
ACCOUNTS = {
    "out_of_scope": "or@example.org",
    "in_scope": "ca@example.org",
    "admin": "admin@example.org",
}


def _introduction(db, a, b) -> Introduction:
    introduction = Introduction(action_a_id=a.id, action_b_id=b.id)
    db.session.add(introduction)
    db.session.flush()
    start_introduction(introduction)
    return introduction


def _failed_email_to(db, introduction: Introduction, action) -> int:
    email_id = (
        db.session.query(OutboundEmail.id)
        .filter_by(introduction_id=introduction.id, action_id=action.id)
        .scalar()
    )
    db.session.execute(
        update(OutboundEmail).where(OutboundEmail.id == email_id).values(status=EmailStatus.failed)
    )
    return email_id


@pytest.fixture
def world(db):
    """California, New York (public) and New York (not public) actions; suggestions and
    introductions within California, across CA-NY, and with the unlisted NY action; failed
    messages to each side; four visitors' accounts."""
    ca = make_action(db, place="San Diego, CA", title="Vigil one", organizations="Vigil Coalition")
    ca2 = make_action(db, place="San Diego, CA", title="Vigil two")
    ny = make_action(
        db, place="New York, NY", title="Queens march", organizations="Queens Coalition"
    )
    unlisted = make_action(
        db, place="Buffalo, NY", title="Unlisted", public="no", organizations="Hidden Coalition"
    )
    objects = {
        "action": ca.id,
        "action_ny": ny.id,
        "suggestion": make_suggestion(db, ca, ca2).id,
        "suggestion_cross": make_suggestion(db, ca2, ny).id,
        "suggestion_unlisted": make_suggestion(db, ca, unlisted).id,
    }
    local, cross = _introduction(db, ca, ca2), _introduction(db, ca, ny)
    unlisted_intro = _introduction(db, ca2, unlisted)
    db.commit()
    objects.update(
        introduction=local.id,
        introduction_cross=cross.id,
        introduction_unlisted=unlisted_intro.id,
        email=_failed_email_to(db, local, ca),
        email_cross_ca=_failed_email_to(db, cross, ca),
        email_cross_ny=_failed_email_to(db, cross, ny),
    )
    org_ca, org_ny = ca.organizations[0], ny.organizations[0]  # in CA (and NY); in NY only
    for name, (asker, target) in {
        "request": (ca, ca2),
        "request_cross": (ca, ny),
        "request_unlisted": (ca2, unlisted),
    }.items():
        row = CoalitionRequest(
            action_id=asker.id, target_action_id=target.id, organization_id=org_ca.id
        )
        db.session.add(row)
        db.session.flush()
        objects[name] = row.id
    for name, (action, organization) in {
        "tag_change_ca": (ca, org_ca),
        "tag_change_ny": (ny, org_ny),
    }.items():
        row = TagChange(
            organization_id=organization.id,
            tag=OrganizationTagKind.faith,
            added=True,
            action_id=action.id,
        )
        db.session.add(row)
        db.session.flush()
        objects[name] = row.id
    objects.update(org_ca=org_ca.id, org_ny=org_ny.id)
    make_coordinator(db, "or@example.org", states="OR")
    make_coordinator(db, "ca@example.org", states="CA")
    make_coordinator(db, "admin@example.org", admin=True)
    objects["other"] = make_coordinator(db, "wa@example.org", states="WA").id
    ca_account = db.session.scalar(select(Coordinator).where(Coordinator.email == "ca@example.org"))
    saved = SavedFilter(coordinator_id=ca_account.id, name="San Diego", query="q=san+diego")
    db.session.add(saved)
    db.session.flush()
    objects["saved"] = saved.id
    objects["org"] = ca.organizations[0].id
    objects["org_hidden"] = unlisted.organizations[0].id
    for state in ("CA", "NY"):  # entries coordinators added to the facility catalog
        entry_id = f"added-site-{state.lower()}"
        db.session.add(
            CatalogEntry(
                id=entry_id,
                name=f"Added site {state}",
                kind="temporary_site",
                state=state,
                latitude=32.7 if state == "CA" else 40.7,
                longitude=-117.1 if state == "CA" else -74.0,
                source="https://example.org/news",
            )
        )
        objects[f"catalog_{state.lower()}"] = entry_id
    db.commit()
    return objects


# (method, path template, expected status for anonymous, out_of_scope, in_scope, admin)
INTRO = "/coordinate/introductions"
MATRIX = [
    ("GET", "/coordinate/", (302, 200, 200, 200)),
    ("GET", "/coordinate/login", (200, 200, 200, 200)),
    ("POST", "/coordinate/logout", (302, 302, 302, 302)),
    ("GET", "/coordinate/set-password/forged", (410, 410, 410, 410)),
    ("GET", "/coordinate/suggestions", (302, 200, 200, 200)),
    ("GET", "/coordinate/regions", (302, 200, 200, 200)),
    ("GET", "/coordinate/actions", (302, 200, 200, 200)),
    ("GET", "/coordinate/actions/{action}", (302, 403, 200, 200)),
    ("GET", "/coordinate/actions/{action_ny}", (302, 403, 403, 200)),
    ("POST", "/coordinate/actions/{action}/location", (302, 403, 302, 302)),
    ("POST", "/coordinate/actions/{action_ny}/location", (302, 403, 403, 302)),
    ("POST", "/coordinate/actions/{action}/remove", (302, 403, 302, 302)),
    ("POST", "/coordinate/actions/{action_ny}/remove", (302, 403, 403, 302)),
    ("POST", "/coordinate/actions/{action}/suppression", (302, 403, 302, 302)),
    ("POST", "/coordinate/actions/{action_ny}/suppression", (302, 403, 403, 302)),
    ("GET", "/coordinate/introductions.csv", (302, 200, 200, 200)),
    ("POST", "/coordinate/suggestions/{suggestion}/reject", (302, 403, 302, 302)),
    ("POST", "/coordinate/suggestions/{suggestion}/approve", (302, 403, 302, 302)),
    ("POST", "/coordinate/suggestions/{suggestion_cross}/approve", (302, 403, 302, 302)),
    ("POST", "/coordinate/suggestions/{suggestion_unlisted}/approve", (302, 403, 403, 302)),
    ("POST", "/coordinate/suggestions/{suggestion_unlisted}/reject", (302, 403, 403, 302)),
    ("POST", "/coordinate/suggestions/bulk", (302, 302, 302, 302)),
    ("POST", "/coordinate/suggestions/{suggestion}/undo", (302, 403, 302, 302)),
    ("POST", "/coordinate/suggestions/{suggestion_unlisted}/undo", (302, 403, 403, 302)),
    ("POST", "/coordinate/suggestions/filters", (302, 422, 422, 422)),  # no filter to save
    ("POST", "/coordinate/suggestions/filters/{saved}/delete", (302, 404, 302, 404)),  # ca's
    ("GET", "/coordinate/decisions", (302, 200, 200, 200)),
    ("GET", "/coordinate/audit", (302, 403, 403, 200)),
    ("GET", "/coordinate/organizations/{org}", (302, 200, 200, 200)),  # public CA action
    ("GET", "/coordinate/organizations/{org_hidden}", (302, 404, 404, 200)),
    ("GET", "/coordinate/coordinators", (302, 403, 403, 200)),
    ("POST", "/coordinate/coordinators/{other}/active", (302, 403, 403, 302)),
    ("GET", INTRO + "/", (302, 200, 200, 200)),
    ("GET", INTRO + "/{introduction}", (302, 404, 200, 200)),
    ("GET", INTRO + "/{introduction_cross}", (302, 404, 200, 200)),
    ("GET", INTRO + "/{introduction_unlisted}", (302, 404, 404, 200)),
    ("POST", INTRO + "/{introduction}/emails/{email}/requeue", (302, 404, 302, 302)),
    ("POST", INTRO + "/{introduction_cross}/emails/{email_cross_ca}/requeue", (302, 404, 302, 302)),
    ("POST", INTRO + "/{introduction_cross}/emails/{email_cross_ny}/requeue", (302, 404, 403, 302)),
    ("POST", INTRO + "/{introduction}/emails/{email_cross_ny}/requeue", (302, 404, 404, 404)),
    ("GET", "/coordinate/catalog", (302, 200, 200, 200)),
    ("POST", "/coordinate/catalog", (302, 422, 302, 302)),  # a CA entry: OR may not add it
    ("POST", "/coordinate/catalog/{catalog_ca}/active", (302, 403, 302, 302)),
    ("POST", "/coordinate/catalog/{catalog_ny}/active", (302, 403, 403, 302)),
    ("GET", "/coordinate/introduction-requests", (302, 200, 200, 200)),
    ("POST", "/coordinate/introduction-requests/{request}/approve", (302, 403, 302, 302)),
    ("POST", "/coordinate/introduction-requests/{request}/reject", (302, 403, 302, 302)),
    ("POST", "/coordinate/introduction-requests/{request_cross}/approve", (302, 403, 302, 302)),
    ("POST", "/coordinate/introduction-requests/{request_unlisted}/approve", (302, 403, 403, 302)),
    ("GET", "/coordinate/movement", (302, 200, 200, 200)),
    ("GET", "/coordinate/tags", (302, 200, 200, 200)),
    ("POST", "/coordinate/tags/changes/{tag_change_ca}/approve", (302, 403, 302, 302)),
    ("POST", "/coordinate/tags/changes/{tag_change_ca}/reject", (302, 403, 302, 302)),
    ("POST", "/coordinate/tags/changes/{tag_change_ny}/approve", (302, 403, 403, 302)),
    ("GET", "/coordinate/tags/{org_ca}", (302, 403, 200, 200)),
    ("GET", "/coordinate/tags/{org_ny}", (302, 403, 403, 200)),
    ("POST", "/coordinate/tags/{org_ca}", (302, 403, 302, 302)),
    ("POST", "/coordinate/tags/{org_ny}", (302, 403, 403, 302)),
]
FORMS = {
    "location": {"latitude": "32.7", "longitude": "-117.1"},
    "bulk": {"decision": "reject", "ids": "{suggestion}"},
    "active": {"active": "0"},
    "filters": {"name": "Mine"},
    "catalog": {
        "name": "Matrix camp",
        "kind": "temporary_site",
        "state": "CA",
        "latitude": "32.6",
        "longitude": "-117.0",
        "source": "https://example.org/news/matrix-camp",
    },
}
PUBLIC = {"coordinate.login", "coordinate.set_password", "coordinate.logout"}


def _endpoint(app, method: str, path: str) -> str:
    """The endpoint a path of the matrix reaches (placeholders stand for numbers)."""
    concrete = re.sub(r"\{\w+\}", "1", path)
    return app.url_map.bind("localhost").match(concrete, method=method)[0]


def test_every_coordinator_route_is_in_the_matrix(app):
    routes = {
        rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.startswith("/coordinate")
    }
    assert routes == {_endpoint(app, method, path) for method, path, _expected in MATRIX}


@pytest.mark.parametrize(("method", "template", "expected"), MATRIX)
@pytest.mark.parametrize("visitor", VISITORS)
def test_access_matrix(app, db, world, visitor, method, template, expected):
    client = app.test_client()
    if visitor != "anonymous":
        assert log_in(client, ACCOUNTS[visitor]).status_code == 302
    path = template.format(**world)
    data = next((v for k, v in FORMS.items() if path.endswith(k)), {})
    data = {k: v.format(**world) for k, v in data.items()}
    if method == "POST":  # a hand-made request, with the visitor's own CSRF token
        token_page = "/coordinate/login" if visitor == "anonymous" else "/coordinate/"
        response = forged_post(client, token_page, path, data)
    else:
        response = client.get(path)
    assert response.status_code == expected[VISITORS.index(visitor)], (visitor, path)
    endpoint = _endpoint(app, method, template)
    if visitor == "anonymous" and endpoint not in PUBLIC:
        assert "/coordinate/login" in response.headers["Location"]
    elif endpoint not in PUBLIC:
        assert response.headers["Cache-Control"] == "no-store"
