"""No contact email, phone or unpublished address in any public page or API answer."""

from __future__ import annotations

from sqlalchemy import select, update

from matcher.models import Action
from matcher.operations.imports import load_demo


def private_values(db) -> set[str]:
    values: set[str] = set()
    for action in db.session.scalars(select(Action)):
        values.update(v for v in (action.contact_email, action.contact_phone, action.venue) if v)
        values.add(action.contact_email.split("@")[0])
    return values


def test_public_pages_and_api_never_show_contact_data(client, db):
    load_demo()
    db.session.execute(
        update(Action).values(contact_phone="+1 555 0100 77", venue="1 Secret Street")
    )
    db.commit()
    secrets = private_values(db)
    assert len(secrets) > 27
    pages = ["/", "/?past=1", "/api/v1/actions", "/api/v1/actions?per_page=500"]
    for action in db.session.scalars(select(Action)):
        pages += [f"/actions/{action.slug}", f"/api/v1/actions/{action.slug}"]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        body = response.get_data(as_text=True)
        leaked = [s for s in secrets if s in body]
        assert not leaked, (page, leaked)
    listing = client.get("/api/v1/actions").get_json()
    assert listing["total"] == 27
    assert all(item["venue"] is None for item in listing["actions"])


def test_published_address_appears_only_when_chosen(client, db):
    load_demo()
    action = db.session.scalar(select(Action).where(Action.ref == "demo-san-diego-1012"))
    action.venue = "Otay Mesa Detention Center, 7488 Calzada de la Fuente"
    db.commit()
    assert action.venue not in client.get(f"/actions/{action.slug}").get_data(as_text=True)
    action.address_public = True
    db.commit()
    assert action.venue in client.get(f"/actions/{action.slug}").get_data(as_text=True)
    assert client.get(f"/api/v1/actions/{action.slug}").get_json()["venue"] == action.venue
