"""Every coordinator page in Spanish, as an admin and as a state coordinator: no known code,
English status or True/False/None is left (tests/support/spanish.py). The browser walk over the
demo data is tests/browser/test_coordinator_day.py."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from matcher.models import AuditEntry, Suggestion
from matcher.operations.review import reject
from matcher.operations.saved_filters import save_filter
from tests.support.coordinators import log_in
from tests.support.pages import visible_text
from tests.support.spanish import english_left, user_strings
from tests.web.coordinate.test_access import ACCOUNTS, MATRIX, world  # noqa: F401  (fixture)

EXTRA = [
    "/coordinate/suggestions?status=rejected",
    "/coordinate/suggestions?status=approved",
    "/coordinate/suggestions?q=vigil&state=CA&kind=region",
    "/coordinate/actions?view=published",
    "/coordinate/actions?view=pending",
    "/coordinate/audit?verb=view_contact",
    "/coordinate/set-password/forged",
]


def _pages(world) -> list[str]:  # noqa: F811
    paths = [template.format(**world) for method, template, _ in MATRIX if method == "GET"]
    return [path for path in paths if not path.endswith(".csv")] + EXTRA


@pytest.mark.parametrize("visitor", ["admin", "in_scope"])
def test_every_coordinator_page_in_spanish(app, db, world, visitor):  # noqa: F811
    from matcher.models import Coordinator

    admin = db.session.scalar(select(Coordinator).where(Coordinator.email == ACCOUNTS["admin"]))
    for suggestion in db.session.scalars(select(Suggestion)):  # reasons as the matcher writes
        suggestion.reasons = [{"code": "same_region", "region": "San Diego, CA", "km": 12.0}]
    reject(db.session.get(Suggestion, world["suggestion"]), admin, "Ya se conocen")
    save_filter(admin, "Vigilias", {"q": "vigil", "kind": "region"})
    db.commit()
    client = app.test_client()
    client.set_cookie("lang", "es")
    assert log_in(client, ACCOUNTS[visitor]).status_code == 302
    typed = user_strings()
    walked = 0
    for path in _pages(world):
        response = client.get(path)
        if response.status_code != 200:
            continue
        html = response.get_data(as_text=True)
        assert '<html lang="es">' in html, path
        text = visible_text(html)
        assert english_left(text, typed) == [], (path, english_left(text, typed))
        walked += 1
    assert walked >= (17 if visitor == "admin" else 14)
    verbs = set(db.session.scalars(select(AuditEntry.verb).distinct()))
    assert {"view_contact", "reject", "introduction_requested", "login"} <= verbs


def test_the_check_finds_english_and_raw_values():
    typed = ["Vigil at the requested gate"]
    assert english_left("Estado: requested · True", []) == ["requested", "True"]
    assert english_left("Vigil at the requested gate · optin_request", typed) == ["optin_request"]
    assert english_left("región + objetivo: sí", []) == []
    assert re.search("city", "city (exact)")
