"""Access control as a matrix: every coordinator route, four kinds of visitor."""

from __future__ import annotations

import pytest

from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import forged_post
from tests.support.helpers import make_action, make_suggestion

VISITORS = ("anonymous", "out_of_scope", "in_scope", "admin")


@pytest.fixture
def world(db):
    """Two California actions with a suggestion between them, and four visitors' accounts."""
    a = make_action(db, place="San Diego, CA", title="Vigil one")
    b = make_action(db, place="San Diego, CA", title="Vigil two")
    suggestion = make_suggestion(db, a, b)
    make_coordinator(db, "or@example.org", states="OR")
    make_coordinator(db, "ca@example.org", states="CA")
    make_coordinator(db, "admin@example.org", admin=True)
    other = make_coordinator(db, "wa@example.org", states="WA")
    db.commit()
    return {"action": a.id, "suggestion": suggestion.id, "other": other.id}


ACCOUNTS = {
    "out_of_scope": "or@example.org",
    "in_scope": "ca@example.org",
    "admin": "admin@example.org",
}

# (method, path template, expected status for anonymous, out_of_scope, in_scope, admin)
MATRIX = [
    ("GET", "/coordinate/", (302, 200, 200, 200)),
    ("GET", "/coordinate/suggestions", (302, 200, 200, 200)),
    ("GET", "/coordinate/regions", (302, 200, 200, 200)),
    ("GET", "/coordinate/actions", (302, 200, 200, 200)),
    ("GET", "/coordinate/actions/{action}", (302, 403, 200, 200)),
    ("POST", "/coordinate/actions/{action}/location", (302, 403, 302, 302)),
    ("POST", "/coordinate/actions/{action}/remove", (302, 403, 302, 302)),
    ("GET", "/coordinate/introductions.csv", (302, 200, 200, 200)),
    ("POST", "/coordinate/suggestions/{suggestion}/reject", (302, 403, 302, 302)),
    ("POST", "/coordinate/suggestions/{suggestion}/approve", (302, 403, 302, 302)),
    ("POST", "/coordinate/suggestions/bulk", (302, 302, 302, 302)),
    ("GET", "/coordinate/coordinators", (302, 403, 403, 200)),
    ("POST", "/coordinate/coordinators/{other}/active", (302, 403, 403, 302)),
]
FORMS = {
    "location": {"latitude": "32.7", "longitude": "-117.1"},
    "bulk": {"decision": "reject", "ids": "{suggestion}"},
    "active": {"active": "0"},
}


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
    if visitor == "anonymous":
        assert "/coordinate/login" in response.headers["Location"]
    else:
        assert response.headers["Cache-Control"] == "no-store"
