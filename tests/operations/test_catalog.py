"""Coordinators keep the facility catalog current, and submissions are placed with it."""

from __future__ import annotations

from sqlalchemy import select

from matcher.geocoding.facilities import default_facilities
from matcher.matching import default_catalog
from matcher.matching.sentences import render
from matcher.models import Action, AuditEntry, CatalogEntry, Precision, Suggestion
from matcher.operations.matching import target_text
from tests.support.coordinators import log_in, make_coordinator
from tests.support.forms import submit_action, submit_form
from tests.support.helpers import links_in

NEW_SITE = {
    "name": "Prairie Hold Camp",
    "aliases": "Prairie Pen\nthe Sod House Lockup",
    "kind": "temporary_site",
    "operator": "state",
    "city": "Ogallala",
    "state": "NE",
    "latitude": "41.128",
    "longitude": "-101.719",
    "source": "https://example.org/news/prairie-camp",
}


def submit_at(client, location: str):
    return submit_action(client, location=location, venue="")


def add_entry(client, fields: dict):
    """Fill and submit the catalog page's entry form."""
    return submit_form(client, "/coordinate/catalog", fields, form="/coordinate/catalog")


def test_a_coordinator_adds_a_temporary_site_and_submissions_land_there(client, db):
    make_coordinator(db, "ne@example.org", states="NE")
    log_in(client, "ne@example.org")
    assert add_entry(client, NEW_SITE).status_code == 302
    entry = db.session.get(CatalogEntry, "prairie-hold-camp-ne")
    assert entry.aliases == "Prairie Pen;the Sod House Lockup" and entry.active
    assert db.session.scalar(select(AuditEntry.verb).where(AuditEntry.verb == "catalog_save"))

    submit_at(client, "Vigil outside the Sod House Lockup")
    action = db.session.scalar(select(Action).order_by(Action.id.desc()))
    assert action.facility_id == "prairie-hold-camp-ne"
    assert action.precision == Precision.facility
    assert (round(action.latitude, 3), round(action.longitude, 3)) == (41.128, -101.719)
    assert action.place.startswith("Prairie Hold Camp, Ogallala, NE")

    page = client.get("/coordinate/catalog").get_data(as_text=True)
    assert "Prairie Hold Camp" in page and "Sod House Lockup" in page


def test_deactivated_entries_are_no_longer_read(client, db):
    make_coordinator(db, "admin@example.org", admin=True)
    log_in(client, "admin@example.org")
    add_entry(client, NEW_SITE)
    submit_form(
        client, "/coordinate/catalog", form="/coordinate/catalog/prairie-hold-camp-ne/active"
    )
    assert not db.session.get(CatalogEntry, "prairie-hold-camp-ne").active
    submit_at(client, "Vigil outside the Sod House Lockup")
    action = db.session.scalar(select(Action).order_by(Action.id.desc()))
    assert action.facility_id is None


def test_bad_entries_name_the_field_and_store_nothing(client, db):
    make_coordinator(db, "ca@example.org", states="CA")
    log_in(client, "ca@example.org")
    out_of_scope = add_entry(client, NEW_SITE)
    assert out_of_scope.status_code == 422
    assert "That state is outside your scope." in out_of_scope.get_data(as_text=True)
    bad = dict(NEW_SITE, state="CA", latitude="91", source="")
    html = add_entry(client, bad).get_data(as_text=True)
    assert "Say where these facts come from (a link)." in html
    assert 'id="latitude-error"' in html
    assert db.session.scalars(select(CatalogEntry)).all() == []


def test_a_nickname_added_to_a_packaged_facility(client, db):
    make_coordinator(db, "admin@example.org", admin=True)
    log_in(client, "admin@example.org")
    extra = {"extends": "adelanto-ice-processing-center-ca", "aliases": "the Desert Cage"}
    extra["source"] = "https://example.org/adelanto-nickname"
    assert add_entry(client, extra).status_code == 302
    submit_at(client, "Noise demo at the Desert Cage")
    action = db.session.scalar(select(Action).order_by(Action.id.desc()))
    assert action.facility_id == "adelanto-ice-processing-center-ca"
    assert action.state == "CA"


def test_the_issue_example_lands_at_adelanto(client, db):
    submit_at(client, "Vigil outside the Adelanto ICE Processing Center")
    action = db.session.scalar(select(Action).order_by(Action.id.desc()))
    assert action.facility_id == "adelanto-ice-processing-center-ca"
    assert action.state == "CA" and action.place.endswith("Adelanto, CA")


def _publish(client, outbox, **fields):
    submit_action(client, **fields)
    submit_form(client, links_in(outbox.last_text())["verify"])


def test_adelanto_vigil_is_a_geo_facility_paired_with_geo_headquarters(client, db, outbox):
    """The issue's example: the place names the facility, the facility is GEO Group's, and
    the action is suggested with an action at GEO Group's headquarters."""
    common = {"intro_target": "y", "intro_region": "", "venue": ""}
    _publish(
        client,
        outbox,
        title="Vigil outside the Adelanto ICE Processing Center",
        location="Vigil outside the Adelanto ICE Processing Center",
        target_type="detention_center",
        target="",
        contact_email="ana@example.org",
        **common,
    )
    _publish(
        client,
        outbox,
        title="Picket at GEO Group headquarters",
        location="GEO Group headquarters, Boca Raton",
        target_type="corporate_profiteer",
        target="GEO Group headquarters",
        contact_email="beto@example.net",
        **common,
    )
    vigil = db.session.scalar(select(Action).where(Action.title.startswith("Vigil outside")))
    assert vigil.facility_id == "adelanto-ice-processing-center-ca"
    assert vigil.state == "CA" and vigil.place.endswith("Adelanto, CA")
    catalog = default_catalog()
    [entity] = catalog.recognize(target_text(vigil, default_facilities()), "detention_center")
    assert catalog.entities[entity].parent == "geo_group"
    [pair] = db.session.scalars(select(Suggestion)).all()
    assert pair.kinds == "target"
    reasons = [render(reason) for reason in pair.reasons]
    assert reasons[0] == "related targets: Adelanto ICE Processing Center is run by GEO Group"
